/**
 * Which language to answer in: Thai or English.
 *
 * Counts Thai letters (consonants, vowels and tone marks: U+0E01-U+0E3A, U+0E40-U+0E4E; not Thai
 * digits, ฿ or ๚) against Latin letters, leaving out links and e-mail addresses. A Thai letter
 * counts twice: Thai customers drop English words into Thai sentences all the time ("ขอ refund
 * ครับ order #123", "admin ครับ topup ไม่เข้า") while English-writing customers hardly ever write
 * Thai, so a message is Thai unless Latin letters outnumber Thai ones more than two to one.
 * Ties go to Thai. A message without letters (empty, emoji, digits, stickers) is Thai: the org
 * default.
 */

export type Language = 'th' | 'en';

/** How much one Thai letter weighs against one Latin letter. */
export const THAI_LETTER_WEIGHT = 2;

/** Only the head of a long message is counted. */
const MAX_LANGUAGE_CHARS = 1_000;

const LINKS = /(?:https?:\/\/|www\.)[\x21-\x7e]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

export function detectLanguage(text: string): Language {
  if (typeof text !== 'string' || text.length === 0) return 'th';
  let s = text.length > MAX_LANGUAGE_CHARS ? text.slice(0, MAX_LANGUAGE_CHARS) : text;
  if (s.includes('@') || s.includes('://') || s.includes('www.')) s = s.replace(LINKS, ' ');
  let thai = 0;
  let latin = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x0e01 && c <= 0x0e3a) || (c >= 0x0e40 && c <= 0x0e4e)) thai++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) latin++;
  }
  if (thai === 0 && latin === 0) return 'th';
  return thai * THAI_LETTER_WEIGHT >= latin ? 'th' : 'en';
}
