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
  const byWords = keepWords(text, room).trimEnd();
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

/**
 * A piece of a word the dictionary does not know: ICU cuts a Thai loanword into such pieces
 * ("พาร์ทเนอร์" is "พาร์|ท|เนอ|ร์"), a lone consonant or one that starts with a mark.
 */
const PIECE = /^(?:[\u0E01-\u0E2E]|[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])/u;
const isPiece = (segment: string) => PIECE.test(segment) && (segment.length === 1 || /^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u.test(segment));

/**
 * The words from the start that fit in `room`, never ending inside a word the dictionary cut into
 * pieces ("ปัญหาการจองกับ…", not "ปัญหาการจองกับพาร์ท…"): while the last segment kept or the one
 * after it is such a piece, the last one kept goes too.
 */
function keepWords(text: string, room: number): string {
  const segments = [...words.segment(text.slice(0, room + 24))].map((s) => s.segment);
  let n = 0;
  let length = 0;
  while (n < segments.length && length + segments[n].length <= room) length += segments[n++].length;
  while (n > 0 && n < segments.length && (isPiece(segments[n]) || isPiece(segments[n - 1]))) length -= segments[--n].length;
  return segments.slice(0, n).join('');
}
