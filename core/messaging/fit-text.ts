const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Thai is written without spaces: the word segmenter (ICU's dictionary) finds where its words end,
// and splits English at spaces and punctuation as usual.
const words = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Cuts `text` to at most `max` UTF-16 code units (what LINE and Twilio count), at the end of a word
 * ("เติมเงินแล้วเครดิต…", not "เติมเงินแล้วเครดิตไ…"); a text whose first words alone would
 * leave less than half of it is cut between graphemes instead, so that a Thai vowel or tone mark or
 * half an emoji is never left orphaned. A cut text ends with an ellipsis.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const ellipsis = '…';
  const room = max - ellipsis.length;
  const byWords = keep(words.segment(text.slice(0, max + 1)), room).trimEnd();
  const cut = byWords.length >= room / 2 ? byWords : keep(graphemes.segment(text), room);
  return cut.trimEnd() + ellipsis;
}

/** The segments from the start that fit in `room` code units. */
function keep(segments: Intl.Segments, room: number): string {
  let out = '';
  for (const { segment } of segments) {
    if (out.length + segment.length > room) break;
    out += segment;
  }
  return out;
}
