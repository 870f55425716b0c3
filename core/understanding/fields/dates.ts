import { ENGLISH_SMALL_NUMBER_SRC, parseCount, THAI_SMALL_NUMBER_SRC } from './numbers.ts';
import { Claims, eachMatch, NON_MONEY_UNIT_SRC } from './text.ts';
import { knownTimeZone, todayIn } from '../../time/org-time.ts';

/**
 * Calendar dates, as ISO `YYYY-MM-DD` in the org's time zone, relative to `now`.
 *
 * Supported:
 * - ISO and numeric dates, day first (Thai and British usage): 2026-12-05, 5/12, 05/12/2026,
 *   5-12-2026, 5.12.2026, 5/12/69; Buddhist-era years (2569 = 2026), and two-digit years read as
 *   whichever of CE (26) or BE (69) is nearer the current year.
 * - Day and month name: 5 December, 5th Dec 2026, Dec 5, December 5th, 2026; 5 ธ.ค., 5 ธค,
 *   5 ธันวาคม 2569, 5 ธันวา, 5 ธ.ค. 69, วันที่ 5 เดือนธันวาคม, ๕ ธ.ค. (Thai digits).
 * - A day alone: วันที่ 5, วันเสาร์ที่ 28, on the 5th (this month, or next month once the day has
 *   passed).
 * - Relative days: today, tonight, this evening, tomorrow (and tmr, tmrw, tomorow, tommorow),
 *   day after tomorrow, yesterday, in 3 days, 3 days ago; วันนี้, คืนนี้, เย็นนี้, พรุ่งนี้ (and
 *   common misspellings, and พน. as it is shortened, its dot left out in chat: "จองนวดพน 4โมงเย็น",
 *   r151), มะรืน(นี้), เมื่อวาน, เมื่อคืน, เมื่อวานซืน, อีก 3 วัน, 3 วันที่แล้ว, 3 วันก่อน; "2nite" (r151).
 * - Weekdays: this/coming/on Saturday (also Sat, sat with one of those words or before a time:
 *   "sat 2pm"), next Monday,
 *   Saturday next week, last Friday; วันเสาร์, เสาร์นี้, วันเสาร์นี้, วันจันทร์หน้า, เสาร์หน้า,
 *   ศุกร์ที่แล้ว, เสาร์อาทิตย์นี้ (the Saturday). "อาทิตย์" alone means "week", so Sunday needs
 *   วัน (วันอาทิตย์, วันอาทิตย์นี้).
 *
 * Rules:
 * - "this X", "on X" and a bare X: the next X from today, today included (on a Saturday "this
 *   Saturday" is today).
 * - "next X", "X หน้า": X in next week, weeks starting on Monday. On a Saturday "next Saturday" is a
 *   week on and "next Monday" is the day after tomorrow; on a Sunday "next Saturday" is six days on.
 * - "last X", "Xที่แล้ว": the latest X before today.
 * - A date without a year that has already passed this year is next year's; a day alone that has
 *   passed this month is next month's.
 * - Several dates: one with a month (or a full date) wins over a day alone, which wins over a
 *   relative day or a weekday ("วันเสาร์ที่ 28" is the 28th); among equals the first one.
 * Not supported: weeks and months without a day ("next week", "เดือนหน้า", "this weekend" except
 * เสาร์อาทิตย์), month-first numeric dates (12/5 is 12 May), dates in words ("fifth of December").
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export interface Today extends Ymd {
  /** 0 = Sunday ... 6 = Saturday. */
  dow: number;
}

/** Today's date in `timeZone`, as numbers (an unknown zone counts as Asia/Bangkok, an invalid `now` as now). */
export function todayOf(now: Date, timeZone: string | undefined): Today {
  const at = now instanceof Date && Number.isFinite(now.getTime()) ? now : new Date();
  const [y, m, d] = todayIn(knownTimeZone(typeof timeZone === 'string' ? timeZone : undefined), at).split('-').map(Number);
  return { y, m, d, dow: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

const DAY_MS = 86_400_000;

function shift(t: Ymd, days: number): Ymd {
  const at = new Date(Date.UTC(t.y, t.m - 1, t.d) + days * DAY_MS);
  return { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isValid(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function isoDate(t: Ymd): string {
  return `${String(t.y).padStart(4, '0')}-${String(t.m).padStart(2, '0')}-${String(t.d).padStart(2, '0')}`;
}

/** A written year as a CE year; undefined when it cannot be one. */
function readYear(raw: string, today: Today): number | undefined {
  const n = Number(raw);
  if (raw.length === 4) {
    const y = n > 2400 ? n - 543 : n;
    return y >= 1900 && y <= 2200 ? y : undefined;
  }
  if (raw.length === 2) {
    const ce = 2000 + n;
    const be = 2500 + n - 543;
    const y = Math.abs(ce - today.y) <= Math.abs(be - today.y) ? ce : be;
    return Math.abs(y - today.y) <= 5 ? y : undefined;
  }
  return undefined;
}

/** Day and month with an optional year; without one, the next such day from today. */
function dayMonth(d: number, m: number, year: number | undefined, today: Today): Ymd | null {
  if (year !== undefined) return isValid(year, m, d) ? { y: year, m, d } : null;
  let y = today.y;
  if (m < today.m || (m === today.m && d < today.d)) y++;
  if (!isValid(y, m, d)) {
    if (m === 2 && d === 29) {
      for (let k = 1; k <= 8; k++) if (isValid(y + k, m, d)) return { y: y + k, m, d };
    }
    return null;
  }
  return { y, m, d };
}

// Month names -----------------------------------------------------------------------------------

const EN_MONTH_SRC =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])';
const TH_MONTH_FULL_SRC =
  'มกรา(?:คม)?|กุมภา(?:พันธ์)?|มีนา(?:คม)?|เมษา(?:ยน)?|พฤษภา(?:คม)?|มิถุนา(?:ยน)?|กรกฎา(?:คม)?|สิงหา(?:คม)?|กันยา(?:ยน)?|ตุลา(?:คม)?|พฤศจิกา(?:ยน)?|ธันวา(?:คม)?';
const TH_MONTH_ABBR_SRC =
  '(?:มี\\.?ค|เม\\.?ย|มิ\\.?ย|ม\\.?ค|ก\\.?พ|พ\\.?ค|ก\\.?ค|ส\\.?ค|ก\\.?ย|ต\\.?ค|พ\\.?ย|ธ\\.?ค)\\.?(?![\\u0E01-\\u0E4E])';
const MONTH_SRC = `${EN_MONTH_SRC}|${TH_MONTH_FULL_SRC}|${TH_MONTH_ABBR_SRC}`;

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TH_MONTH_SHORT = ['มกรา', 'กุมภา', 'มีนา', 'เมษา', 'พฤษภา', 'มิถุนา', 'กรกฎา', 'สิงหา', 'กันยา', 'ตุลา', 'พฤศจิกา', 'ธันวา'];
const TH_MONTH_ABBR = ['มค', 'กพ', 'มีค', 'เมย', 'พค', 'มิย', 'กค', 'สค', 'กย', 'ตค', 'พย', 'ธค'];

function monthOf(token: string): number {
  const t = token.replace(/[.\s]/g, '').toLowerCase();
  const en = EN_MONTHS.indexOf(t.slice(0, 3));
  if (en !== -1 && /^[a-z]/.test(t)) return en + 1;
  const abbr = TH_MONTH_ABBR.indexOf(t);
  if (abbr !== -1) return abbr + 1;
  for (let i = 0; i < TH_MONTH_SHORT.length; i++) if (t.startsWith(TH_MONTH_SHORT[i])) return i + 1;
  return 0;
}

// Patterns --------------------------------------------------------------------------------------

const YEAR_NOT_FOLLOWED = `(?!\\d|[:.]\\d|\\s*(?:${NON_MONEY_UNIT_SRC}|โมง|ทุ่ม|a\\.?m\\b|p\\.?m\\b|น\\.|นาฬิกา))`;

const ISO_RE = /(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|[-/.]\d)/g;
const DMY_RE = /(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[-/.]\d)/g;
const DM_SLASH_RE = new RegExp(`(?<![\\d/.-])(?<!(?:เลขที่|ที่อยู่|บ้านเลข|ซอย|ซ\\.|หมู่|ม\\.|ห้อง|room|no\\.?|#)\\s*)(\\d{1,2})/(\\d{1,2})(?!\\d|/\\d|[.,]\\d|\\s*(?:${NON_MONEY_UNIT_SRC}))`, 'gi');
/**
 * A stay or a trip from one day to another of the same month: "10-12 มกราคม", "20 to 23 December", "the 20th
 * to the 23rd of january" (r149: "ทัวร์ 3 วัน 2 คืน ไปเชียงราย 10-12 มกราคม" was booked from the 12th; r153).
 * The first day is the booking's; the span is claimed so that its last day is no other date.
 */
const DAY_RANGE_MONTH_RE = new RegExp(
  `(?<![\\d.,:/])(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|ถึง|to|until|till)\\s*(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:เดือน\\s*)?(${MONTH_SRC})` +
    `(?:\\s*,?\\s*(?:พ\\.?\\s?ศ\\.?|ค\\.?\\s?ศ\\.?)?\\s*(\\d{4}|\\d{2})${YEAR_NOT_FOLLOWED})?`,
  'dgi',
);
const DAY_MONTH_RE = new RegExp(
  `(?<![\\d.,:/])(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:เดือน\\s*)?(${MONTH_SRC})` +
    `(?:\\s*,?\\s*(?:พ\\.?\\s?ศ\\.?|ค\\.?\\s?ศ\\.?)?\\s*(\\d{4}|\\d{2})${YEAR_NOT_FOLLOWED})?`,
  'dgi',
);
const MONTH_DAY_RE = new RegExp(
  `(?<![a-z])(${EN_MONTH_SRC})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d|[:.]\\d|\\s*(?:a\\.?m\\b|p\\.?m\\b|${NON_MONEY_UNIT_SRC}))(?:\\s*,?\\s*(\\d{4})(?!\\d))?`,
  'gi',
);
const DAY_ONLY_RE = /(?:(?:วันที่?|(?:จันทร์|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร์|เสาร์|อาทิตย์)\s*ที่)\s*(\d{1,2})(?!\d|\s*[-/.]\s*\d)|\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)(?![a-z])|\bon\s+(\d{1,2})(?:st|nd|rd|th)(?![a-z]))/gi;

const EN_REL_RE = new RegExp(
  '\\b(?:(?<dat>(?:the\\s+)?day\\s+after\\s+(?:tomorrow|tmr))|(?<dby>(?:the\\s+)?day\\s+before\\s+yesterday)' +
    '|(?<tom>tomorrow|tomorow|tommorow|tommorrow|tomorrw|tmrw|tmr|2moro|2morrow)' +
    '|(?<tod>today|tonight|tonite|2nite|2night|this\\s+(?:morning|afternoon|evening))|(?<yes>yesterday)' +
    `|in\\s+(?<inN>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})\\s+days?|(?<agoN>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})\\s+days?\\s+ago)(?![a-z])`,
  'gi',
);
const TH_REL_RE = new RegExp(
  '(?<dat>มะรืน(?:นี้)?)|(?<tom>พรุ่งนี้|พรุ้งนี้|พุ่งนี้|พรุ่งนิ|พรุ่งนี|พรุงนี้|พ\\.น\\.|(?<![ก-๛])พ\\.?น\\.?(?![ก-๛])|พน\\.?(?=\\s|\\d|บ่าย|เช้า|เย็น|ค่ำ|ตอน|ตี|เที่ยง|ค่ะ|คะ|ครับ|นะ|$))|(?<tod>วันนี้|คืนนี้|เย็นนี้|เช้านี้|บ่ายนี้|ค่ำนี้)' +
    '|(?<dby>เมื่อวานซืน)|(?<yes>เมื่อวาน(?:นี้)?|เมื่อคืน(?:นี้)?)' +
    `|อีก\\s*(?<inN>\\d{1,2}|${THAI_SMALL_NUMBER_SRC})\\s*วัน|(?<agoN>\\d{1,2}|${THAI_SMALL_NUMBER_SRC})\\s*วัน(?:ที่แล้ว|ที่ผ่านมา|ก่อน)`,
  'g',
);

const EN_WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const EN_WD_RE =
  /\b(?:(?<q>this|next|last|coming|on|by|until|till)\s+)?(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?![a-z])(?<nw>\s+next\s+week\b)?/gi;
const TH_WEEKDAYS: Record<string, number> = { อาทิตย์: 0, จันทร์: 1, อังคาร: 2, พุธ: 3, พฤหัส: 4, ศุกร์: 5, เสาร์: 6 };
const TH_WD_RE =
  /(?<wan>วัน)?(?<wd>จันทร์|อังคาร|พุธ|พฤหัส(?:บดี|ฯ)?|ศุกร์|เสาร์|อาทิตย์)(?<sun>(?<=เสาร์)\s*-?\s*(?:วัน)?อาทิตย์)?(?<q>\s*(?:นี้|หน้า|ถัดไป|ที่จะถึง(?:นี้)?|ที่แล้ว|ที่ผ่านมา))?/g;

type Which = 'this' | 'next' | 'last';

function weekday(today: Today, target: number, which: Which): Ymd {
  if (which === 'this') return shift(today, (target - today.dow + 7) % 7);
  if (which === 'last') return shift(today, -((today.dow - target + 7) % 7 || 7));
  const isoToday = (today.dow + 6) % 7; // Monday = 0
  const isoTarget = (target + 6) % 7;
  return shift(today, 7 - isoToday + isoTarget);
}

interface Candidate {
  index: number;
  rank: number;
  date: Ymd;
  /** Said as the day it is not ("not Saturday, Sunday", "ไม่ใช่วันเสาร์ค่ะ วันอาทิตย์"). */
  negated: boolean;
}

/** What comes right before a day that is not the one meant. */
const NEGATED_BEFORE = /(?:\b(?:not|isn'?t|wasn'?t)\s+(?:on\s+|this\s+|next\s+|the\s+)?|(?:ไม่ใช่|ไม่เอา)\s*(?:วัน(?:ที่)?)?\s*)$/i;

/**
 * A weekday said alone ("Sunday is better", "ขอเป็นวันอาทิตย์แทนค่ะ"), with nothing that places it (this,
 * next, a date, tomorrow): the weekday, 0 = Sunday; else undefined. A booking's day corrected so is the
 * one nearest the day it had (`nearestWeekday`, bot/conversation/booking-slots.ts): "Sunday is better"
 * for next Saturday's class is the day after it, not tomorrow (r50).
 */
export function weekdayAloneIn(s: string): number | undefined {
  const found: { at: number; end: number; wd: number }[] = [];
  eachMatch(EN_WD_RE, s, (m) => {
    const g = m.groups!;
    const q = g.q?.toLowerCase();
    if (g.wd.toLowerCase().endsWith('day') && (q === undefined || q === 'on') && g.nw === undefined) found.push({ at: m.index, end: m.index + m[0].length, wd: EN_WEEKDAYS[g.wd.toLowerCase().slice(0, 3)] });
    else found.push({ at: m.index, end: m.index, wd: -1 });
  });
  eachMatch(TH_WD_RE, s, (m) => {
    const g = m.groups!;
    if (g.wd === 'อาทิตย์' && g.wan === undefined) return;
    found.push(g.q === undefined && g.sun === undefined ? { at: m.index, end: m.index + m[0].length, wd: TH_WEEKDAYS[g.wd.startsWith('พฤหัส') ? 'พฤหัส' : g.wd] } : { at: m.index, end: m.index, wd: -1 });
  });
  if (found.length !== 1 || found[0].wd < 0) return undefined;
  // Nothing else that names a day: the rest of the message read without the weekday finds none.
  const rest = s.slice(0, found[0].at) + ' '.repeat(found[0].end - found[0].at) + s.slice(found[0].end);
  return extractDate(rest, new Claims(rest.length), () => todayOf(new Date(), undefined)) === undefined ? found[0].wd : undefined;
}

/** The date of `weekday` nearest `date` (`YYYY-MM-DD`), three days either side at most. */
export function nearestWeekday(date: string, weekday: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const ahead = (weekday - dow + 7) % 7;
  return isoDate(shift({ y, m, d }, ahead <= 3 ? ahead : ahead - 7));
}

/** The date the message speaks of, or undefined. `today` is asked for only when needed. */
export function extractDate(s: string, claims: Claims, today: () => Today): string | undefined {
  const found: Candidate[] = [];
  const add = (index: number, end: number, rank: number, date: Ymd | null): void => {
    if (date === null) return;
    if (!claims.take(index, end)) return;
    found.push({ index, rank, date, negated: NEGATED_BEFORE.test(s.slice(Math.max(0, index - 24), index)) });
  };
  const hasDigit = /\d/.test(s);

  if (hasDigit) {
    eachMatch(ISO_RE, s, (m) => {
      const y = readYear(m[1], today());
      const mo = Number(m[3]);
      const d = Number(m[4]);
      add(m.index, m.index + m[0].length, 3, y !== undefined && isValid(y, mo, d) ? { y, m: mo, d } : null);
    });
    eachMatch(DMY_RE, s, (m) => {
      const y = readYear(m[4], today());
      const mo = Number(m[3]);
      const d = Number(m[1]);
      add(m.index, m.index + m[0].length, 3, y !== undefined && isValid(y, mo, d) ? { y, m: mo, d } : null);
    });
    // A day and its month (a range's first day first): its year, if said, or the next such day.
    const dayOfMonth = (m: RegExpExecArray): void => {
      const t = today();
      const year = m[3] !== undefined ? readYear(m[3], t) : undefined;
      const end = m[3] !== undefined && year === undefined ? m.indices![2]![1] : m.index + m[0].length;
      add(m.index, end, 3, dayMonth(Number(m[1]), monthOf(m[2]), year, t));
    };
    eachMatch(DAY_RANGE_MONTH_RE, s, dayOfMonth);
    eachMatch(DAY_MONTH_RE, s, dayOfMonth);
    eachMatch(MONTH_DAY_RE, s, (m) => {
      const t = today();
      const year = m[3] !== undefined ? readYear(m[3], t) : undefined;
      add(m.index, m.index + m[0].length, 3, dayMonth(Number(m[2]), monthOf(m[1]), year, t));
    });
    eachMatch(DM_SLASH_RE, s, (m) => {
      if (m[0] === '24/7') return;
      add(m.index, m.index + m[0].length, 3, dayMonth(Number(m[1]), Number(m[2]), undefined, today()));
    });
    eachMatch(DAY_ONLY_RE, s, (m) => {
      const d = Number(m[1] ?? m[2] ?? m[3]);
      const t = today();
      let date: Ymd | null = null;
      if (d >= t.d && isValid(t.y, t.m, d)) date = { y: t.y, m: t.m, d };
      else {
        const next = shift({ y: t.y, m: t.m, d: 1 }, daysInMonth(t.y, t.m));
        if (isValid(next.y, next.m, d)) date = { y: next.y, m: next.m, d };
      }
      add(m.index, m.index + m[0].length, 2, date);
    });
  }

  const relative = (m: RegExpExecArray): void => {
    const g = m.groups!;
    let days: number | null = null;
    if (g.tod !== undefined) days = 0;
    else if (g.tom !== undefined) days = 1;
    else if (g.dat !== undefined) days = 2;
    else if (g.yes !== undefined) days = -1;
    else if (g.dby !== undefined) days = -2;
    else if (g.inN !== undefined) days = parseCount(g.inN);
    else if (g.agoN !== undefined) {
      const n = parseCount(g.agoN);
      days = n === null ? null : -n;
    }
    if (days === null || Math.abs(days) > 366) return;
    add(m.index, m.index + m[0].length, 1, shift(today(), days));
  };
  eachMatch(EN_REL_RE, s, relative);
  eachMatch(TH_REL_RE, s, relative);

  eachMatch(EN_WD_RE, s, (m) => {
    const g = m.groups!;
    const word = g.wd.toLowerCase();
    const q = g.q?.toLowerCase();
    const full = word.endsWith('day');
    // "sat", "sun", "wed" alone are words; before a time ("sat 2pm", "fri at 10") they are days.
    if (!full && q === undefined && !/^\s*(?:at\s+\d|\d{1,2}(?:[:.]\d{2}|\s*[ap]\.?m\b))/i.test(s.slice(m.index + m[0].length))) return;
    const which: Which = g.nw !== undefined || q === 'next' ? 'next' : q === 'last' ? 'last' : 'this';
    add(m.index, m.index + m[0].length, 1, weekday(today(), EN_WEEKDAYS[word.slice(0, 3)], which));
  });
  eachMatch(TH_WD_RE, s, (m) => {
    const g = m.groups!;
    if (g.wd === 'อาทิตย์' && g.wan === undefined) return; // "อาทิตย์" alone is "week"
    const q = g.q?.trim();
    const which: Which =
      q === 'หน้า' || q === 'ถัดไป' ? 'next' : q === 'ที่แล้ว' || q === 'ที่ผ่านมา' ? 'last' : 'this';
    const key = g.wd.startsWith('พฤหัส') ? 'พฤหัส' : g.wd;
    add(m.index, m.index + m[0].length, 1, weekday(today(), TH_WEEKDAYS[key], which));
  });

  // A day said as the one it is not is no day of the booking.
  const said = found.filter((c) => !c.negated);
  if (said.length === 0) return undefined;
  // A day gone said beside one to come is what happened, not the day asked for ("my therapist yesterday
  // was excellent ... can I book her again for friday 2pm?", r145: "yesterday has already passed").
  // Today is worked out only for two days or more (the time zone's arithmetic is the costly part).
  const ahead = said.length > 1 ? said.filter((c) => isoDate(c.date) >= isoDate(today())) : said;
  const meant = ahead.length ? ahead : said;
  let best = meant[0];
  for (const c of meant) if (c.rank > best.rank || (c.rank === best.rank && c.index < best.index)) best = c;
  return isoDate(best.date);
}
