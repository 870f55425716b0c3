const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to at most `max` UTF-16 code units (what LINE and Twilio count), only between
 * graphemes, so that a Thai vowel or tone mark or half an emoji is never left orphaned; a cut text
 * ends with an ellipsis.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const ellipsis = '…';
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - ellipsis.length) break;
    out += segment;
  }
  return out.trimEnd() + ellipsis;
}
