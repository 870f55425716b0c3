/**
 * Shared pieces of field extraction: the text every extractor reads (digits folded, same length as
 * the input so that positions line up), the record of which characters a field has already taken,
 * and a bounded match loop.
 */

/**
 * Only this many characters of a message are read. Chat messages are far shorter; a pasted receipt
 * or chat log keeps its head, where customers put what they ask about. Keeps a 5,000-character
 * message (and any org pattern run over it) to a bounded amount of work.
 */
export const MAX_SCAN_CHARS = 2_000;

/** At most this many matches are looked at per regular expression. */
export const MAX_MATCHES = 100;

const FOLD_TEST = /[\u0E50-\u0E59\uFF10-\uFF19\u200B-\u200D\u2060\uFEFF]/;
const FOLD_ALL = /[\u0E50-\u0E59\uFF10-\uFF19\u200B-\u200D\u2060\uFEFF]/g;

function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0x0e50 && c <= 0x0e59) return String.fromCharCode(48 + c - 0x0e50);
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(48 + c - 0xff10);
  return ' ';
}

/**
 * Thai digits (๐-๙) and full-width digits become ASCII digits and zero-width characters become
 * spaces: one code unit for one, so a position in the result is the same position in the input.
 * Case is kept (the patterns are case-insensitive), so ids come out as the customer wrote them.
 */
export function normaliseText(text: string): string {
  return FOLD_TEST.test(text) ? text.replace(FOLD_ALL, fold) : text;
}

/** Which characters a field has already taken, so that one number is never two fields. */
export class Claims {
  readonly taken: Uint8Array;

  constructor(length: number) {
    this.taken = new Uint8Array(length);
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.taken[i] === 1) return false;
    return true;
  }

  claim(start: number, end: number): void {
    this.taken.fill(1, start, end);
  }

  /** Claims the span when it is free; says whether it was. */
  take(start: number, end: number): boolean {
    if (!this.isFree(start, end)) return false;
    this.claim(start, end);
    return true;
  }
}

/**
 * Runs a global regular expression over `s`, at most `MAX_MATCHES` times, never looping on an
 * empty match. The callback returns `false` to stop early, or `'retry'` to look again from the
 * character after the match's start (a rejected match may hide a good one inside it).
 */
export function eachMatch(re: RegExp, s: string, fn: (m: RegExpExecArray) => boolean | 'retry' | void): void {
  re.lastIndex = 0;
  for (let n = 0; n < MAX_MATCHES; n++) {
    const m = re.exec(s);
    if (m === null) return;
    if (m[0].length === 0) re.lastIndex++;
    const next = fn(m);
    if (next === false) return;
    if (next === 'retry') re.lastIndex = m.index + 1;
  }
}

/** Thai characters (consonants, vowels, tone marks), for "not followed by a Thai letter". */
export const THAI_CHAR = '[\\u0E01-\\u0E4E]';

/**
 * Words after a number that make it a count or a duration, not money, a party or an id. (Not คืน:
 * after an amount it means "back", as in "ขอเงิน 500 คืน".)
 */
export const NON_MONEY_UNIT_SRC =
  'คน|ท่าน|ที่นั่ง|ชั่วโมง|ชม\\.?|นาที|วินาที|วัน|สัปดาห์|อาทิตย์|เดือน|ปี|ขวบ|ครั้ง|รอบ|ชิ้น|อัน|ข้อ|ตัว|กล่อง|แพ็ค|ห้อง|ออเดอร์|บัญชี|ไลค์|ฟอล|วิว|ผู้ติดตาม|เปอร์เซ็นต์|%|' +
  '(?:people|persons?|pax|guests?|adults?|kids?|children|hours?|hrs?|mins?|minutes?|seconds?|secs?|days?|nights?|weeks?|months?|years?|times?|pcs|pieces?|items?|likes?|followers?|views?|subs|subscribers?|orders?|rooms?|accounts?|packages?|percent|km|kg|gb|mb)(?![a-z])';

/** Currency words and signs written after an amount ("500 บาท", "500.-", "20 USD"). */
export const CURRENCY_AFTER_SRC =
  'บาท|บ\\.|บ(?![\\u0E01-\\u0E4E])|฿|\\.-|ดอลลาร์|ดอลล่าร์|(?:baht|bath|bht|thb|usd|us\\$|dollars?|bucks?)(?![a-z])';
