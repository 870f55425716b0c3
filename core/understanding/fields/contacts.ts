import { type Claims, eachMatch } from './text.ts';

/**
 * Links, e-mail addresses and phone numbers. They are read first and claimed, so that the digits
 * inside them are never taken for an amount, an order id, a date or a time.
 */

const URL_RE = /(?:https?:\/\/|www\.)[\x21-\x7e]+/gi;

/** Claims links (only their ASCII part: a Thai word right after a link is not part of it). */
export function claimLinks(s: string, claims: Claims): void {
  if (!s.includes('://') && !/www\./i.test(s)) return;
  eachMatch(URL_RE, s, (m) => {
    claims.claim(m.index, m.index + m[0].length);
  });
}

const MAX_EMAILS = 10;

function isLocalChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x2d;
}

/**
 * E-mail addresses, lower-cased (mail systems treat them so in practice), in order, without
 * repeats. Found from each `@` outwards, so the work is linear in the text.
 */
export function extractEmails(s: string, claims: Claims): string[] {
  const out: string[] = [];
  let at = s.indexOf('@');
  while (at !== -1 && out.length < MAX_EMAILS) {
    let start = at;
    while (start > 0 && at - start < 64 && isLocalChar(s.charCodeAt(start - 1))) start--;
    while (start < at && s.charCodeAt(start) === 0x2e) start++; // no leading dot
    let end = at + 1;
    while (end < s.length && end - at <= 253 && isDomainChar(s.charCodeAt(end))) end++;
    while (end > at + 1 && (s.charCodeAt(end - 1) === 0x2e || s.charCodeAt(end - 1) === 0x2d)) end--; // "me@x.com."
    const domain = s.slice(at + 1, end);
    if (start < at && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}$/i.test(domain)) {
      if (claims.take(start, end)) {
        const email = s.slice(start, end).toLowerCase();
        if (!out.includes(email)) out.push(email);
      }
    }
    at = s.indexOf('@', at + 1);
  }
  return out;
}

const MAX_PHONES = 10;

/** Where a phone number may start: +66, another +country code, or a 0 not inside a number. */
const PHONE_START = /\+\s?(?=\d)|(?<![\w+.,])0(?=\d)/g;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x2d || c === 0x2e || c === 0xa0;
}

/**
 * Reads up to `max` digits from `i`, allowing one separator (space, hyphen, dot) between digits.
 * Returns the digits and the end position after each digit.
 */
function readDigits(s: string, i: number, max: number): { digits: string; ends: number[] } {
  let digits = '';
  const ends: number[] = [];
  while (i < s.length && digits.length < max) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      digits += s[i];
      ends.push(i + 1);
      i++;
    } else if (c === 0x28 && digits.length > 0 && s.startsWith('(0)', i)) {
      digits += '0'; // +66 (0)81...
      ends.push(i + 3);
      i += 3;
    } else if (digits.length > 0 && isSeparator(c) && (isDigit(s.charCodeAt(i + 1)) || s.startsWith('(0)', i + 1))) {
      i++;
    } else break;
  }
  return { digits, ends };
}

/**
 * Thai numbers (E.164): mobiles 06/08/09 + 8 digits, landlines 02-07 + 7 digits, written with a
 * leading 0 or +66 (also "+66 (0)81..." and "+6608..."), digits grouped by spaces, hyphens or
 * dots. Other countries with a leading + (8 to 15 digits) are kept as written, digits only.
 */
export function extractPhones(s: string, claims: Claims): string[] {
  const out: string[] = [];
  eachMatch(PHONE_START, s, (m) => {
    if (out.length >= MAX_PHONES) return false;
    const start = m.index;
    const plus = m[0].startsWith('+');
    const from = start + m[0].length;
    let phone: string | null = null;
    let end = from;
    if (plus) {
      const { digits, ends } = readDigits(s, from, 15);
      if (digits.startsWith('66')) {
        let national = digits.slice(2);
        let offset = 2;
        if (national.startsWith('0')) {
          national = national.slice(1);
          offset = 3;
        }
        const need = /^[689]/.test(national) ? 9 : /^[2-7]/.test(national) ? 8 : 0;
        if (need > 0 && national.length >= need) {
          const last = ends[offset + need - 1];
          if (!isDigit(s.charCodeAt(last))) {
            phone = '+66' + national.slice(0, need);
            end = last;
          }
        }
      } else if (digits.length >= 8 && !isDigit(s.charCodeAt(ends[ends.length - 1]))) {
        phone = '+' + digits;
        end = ends[ends.length - 1];
      }
    } else {
      // `m[0]` is the leading 0.
      const { digits, ends } = readDigits(s, start, 10);
      const need = /^0[689]/.test(digits) ? 10 : /^0[2-7]/.test(digits) ? 9 : 0;
      if (need > 0 && digits.length >= need) {
        const last = ends[need - 1];
        if (!isDigit(s.charCodeAt(last))) {
          phone = '+66' + digits.slice(1, need);
          end = last;
        }
      }
    }
    if (phone !== null && claims.take(start, end)) {
      if (!out.includes(phone)) out.push(phone);
      PHONE_START.lastIndex = end;
    }
  });
  return out;
}
