import { moneyCueBefore } from './money.ts';
import { parseCount, THAI_SMALL_NUMBER_SRC } from './numbers.ts';
import { CURRENCY_AFTER_SRC, type Claims, eachMatch, NON_MONEY_UNIT_SRC } from './text.ts';

/**
 * A time of day, `HH:MM` (24 h).
 *
 * English: 3pm, 3 pm, 3:30pm, 10.30 am, 12am (00:00), 12pm (12:00), noon, midday, midnight,
 * 15:00, 15.00, 16h, 16h30, "at 3" / "at 3 o'clock" / "3 o'clock", "1.30" (hours 1-6 taken as afternoon: 15:00,
 * 13:30; "01:30" as written;
 * 7-12 as written, but 7-11 in the evening when the text says "tonight", "this evening", "คืนนี้").
 * Thai (digits or number words): 15.00 น., 15 นาฬิกา, 9 โมง, 10 โมงเช้า, 9 โมงครึ่ง (09:30),
 * บ่ายโมง (13:00), บ่ายสอง(โมง) (14:00), บ่าย 3 (15:00), บ่าย 3 โมงครึ่ง (15:30), 4 โมงเย็น, 6 โมงเย็น
 * (18:00), bare "2 โมง" = 14:00 and "4 โมง" = 16:00 (hours 1-6 without เช้า are afternoon),
 * 1-5 ทุ่ม (19:00-23:00), หกทุ่ม and เที่ยงคืน (00:00), ทุ่มนึง / ทุ่มครึ่ง, ตี 1-ตี 5 (01:00-05:00),
 * เที่ยง / เที่ยงวัน (12:00), เที่ยงครึ่ง (12:30).
 * "10.30" alone is a time, unless a currency marker follows it or a money word or sign comes before
 * it ("โอน 10.50" is left to money); "1.30 ชั่วโมง" is a duration, not a time.
 * "half past two", "quarter past 10", "quarter to 3 pm", "20 past 6" (hours 1-6 without am or pm
 * taken as afternoon, as "at 3" is).
 * Several times: the first one in the text.
 * Not supported: "in the afternoon" after a bare hour, ranges (the first time is taken).
 */

function hhmm(h: number, m: number): string | null {
  if (!Number.isInteger(h) || !Number.isInteger(m) || h < 0 || h > 23 || m < 0 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const N = `\\d{1,2}|${THAI_SMALL_NUMBER_SRC}`;
const HALF = '(?<half>\\s*ครึ่ง)?';

const AMPM_RE = /(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/gi;
const NOON_RE = /\b(?:(?<noon>noon|midday)|(?<midnight>midnight))\b/gi;
const AFTERNOON_RE = new RegExp(`บ่าย\\s*(?:(?<n>${N})(?:[.:](?<min>\\d{2}))?(?:\\s*โมง)?|โมง)${HALF}`, 'g');
const MONG_RE = new RegExp(`(?<![\\d.])(?<n>${N})\\s*โมง(?<half1>\\s*ครึ่ง)?\\s*(?<part>เช้า|เย็น|ตอนเช้า|ตอนเย็น)?${HALF}`, 'g');
const THUM_RE = new RegExp(`(?:(?<![\\d.])(?<n>${N})\\s*ทุ่ม(?!เท)|ทุ่ม(?<one>นึง|หนึ่ง)|ทุ่ม(?=\\s*ครึ่ง))${HALF}`, 'g');
const TEE_RE = new RegExp(`ตี\\s*(?<n>${N})(?:[.:](?<min>[0-5]\\d))?${HALF}`, 'g');
const THIANG_RE = /เที่ยง(?<which>คืน|วัน|ตรง)?(?<half>\s*ครึ่ง)?/g;
const CLOCK_RE = new RegExp(`(?<![\\w.,:/])(\\d{1,2})([:.])(\\d{2})(?!\\d|[.,:]\\d)`, 'g');
const NA_RE = /(?<![\w.,:/])(\d{1,2})\s*(?:น\.|นาฬิกา)/g;
const H_RE = /(?<![\w.,:/])(\d{1,2})h([0-5]\d)?(?![a-z\d])/gi;
/**
 * "at 7", "@7", "7 o'clock", "around 7", "at about 7" (r80: "a massage this evening around 7" was
 * asked the time); not "we are around 5", a number of people, nor a bare "about 5".
 */
const AT_RE = /(?:(?<![a-z])(?<!\b(?:we are|we're|there are|there will be|we will be|we'll be)\s)(?:(?:at\s+)?around|at\s+about|at|@)\s*(\d{1,2})(?!\d|[:.]\d|\s*(?:a\.?m|p\.?m))(?:\s*o'?clock)?|(?<![\d.])(\d{1,2})\s*o'?clock)(?![a-z])/gi;

const HOUR_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const PAST_RE = new RegExp(
  `\\b(?<min>half|quarter|\\d{1,2})(?:\\s+minutes?)?\\s+(?<dir>past|to)\\s+(?<h>\\d{1,2}|${HOUR_WORDS.join('|')})(?:\\s*(?<ampm>a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?(?![\\w:.])`,
  'gi',
);

const EVENING_RE = /\b(?:tonight|this evening|in the evening|evening)\b|คืนนี้|เย็นนี้|ตอนเย็น|ตอนค่ำ/i;

const UNIT_AFTER = new RegExp(`\\s*(?:${CURRENCY_AFTER_SRC}|${NON_MONEY_UNIT_SRC})`, 'iy');
const NOT_A_CLOCK_AFTER = new RegExp(`\\s*(?:${CURRENCY_AFTER_SRC}|${NON_MONEY_UNIT_SRC}|k(?![a-z]))`, 'iy');

function count(token: string | undefined): number | null {
  return token === undefined ? null : parseCount(token);
}

interface Found {
  index: number;
  time: string;
}

export function extractTime(s: string, claims: Claims): string | undefined {
  const found: Found[] = [];
  const add = (index: number, end: number, time: string | null): void => {
    if (time !== null && claims.take(index, end)) found.push({ index, time });
  };
  const hasDigit = /\d/.test(s);

  // Before "2pm" takes the hour of "half past 2pm".
  if (/\b(?:past|to)\b/i.test(s)) {
    eachMatch(PAST_RE, s, (m) => {
      const g = m.groups!;
      const word = HOUR_WORDS.indexOf(g.h.toLowerCase());
      let h = word >= 0 ? word + 1 : Number(g.h);
      const min = g.min.toLowerCase() === 'half' ? 30 : g.min.toLowerCase() === 'quarter' ? 15 : Number(g.min);
      if (h < 1 || h > 12 || min < 1 || min > 59 || (g.dir.toLowerCase() === 'to' && min === 30)) return;
      if (g.ampm) h = (h % 12) + (g.ampm.toLowerCase().startsWith('p') ? 12 : 0);
      else if (h <= 6) h += 12;
      const [hour, minute] = g.dir.toLowerCase() === 'to' ? [(h + 23) % 24, 60 - min] : [h, min];
      add(m.index, m.index + m[0].length, hhmm(hour, minute));
    });
  }
  if (hasDigit) {
    eachMatch(AMPM_RE, s, (m) => {
      const h = Number(m[1]);
      const min = m[2] === undefined ? 0 : Number(m[2]);
      if (h < 1 || h > 12) return;
      const pm = m[3].toLowerCase().startsWith('p');
      add(m.index, m.index + m[0].length, hhmm((h % 12) + (pm ? 12 : 0), min));
    });
  }
  if (/[a-z]/i.test(s)) {
    eachMatch(NOON_RE, s, (m) => {
      add(m.index, m.index + m[0].length, m.groups!.noon !== undefined ? '12:00' : '00:00');
    });
  }
  if (s.includes('บ่าย')) {
    eachMatch(AFTERNOON_RE, s, (m) => {
      const g = m.groups!;
      let h = g.n === undefined ? 1 : count(g.n);
      if (h === null) return;
      if (h >= 1 && h <= 11) h += 12;
      const min = g.min !== undefined ? Number(g.min) : g.half !== undefined ? 30 : 0;
      add(m.index, m.index + m[0].length, hhmm(h, min));
    });
  }
  if (s.includes('โมง')) {
    eachMatch(MONG_RE, s, (m) => {
      const g = m.groups!;
      let h = count(g.n);
      if (h === null || h < 1 || h > 23) return;
      const part = g.part ?? '';
      if (part.endsWith('เย็น')) {
        if (h < 12) h += 12;
      } else if (!part.endsWith('เช้า') && h <= 6) h += 12; // "2 โมง" = 14:00
      const min = g.half1 !== undefined || g.half !== undefined ? 30 : 0;
      add(m.index, m.index + m[0].length, hhmm(h, min));
    });
  }
  if (s.includes('ทุ่ม')) {
    eachMatch(THUM_RE, s, (m) => {
      const g = m.groups!;
      const n = g.n !== undefined ? count(g.n) : 1;
      if (n === null || n < 1 || n > 6) return;
      add(m.index, m.index + m[0].length, hhmm((18 + n) % 24, g.half !== undefined ? 30 : 0));
    });
  }
  if (s.includes('ตี')) {
    eachMatch(TEE_RE, s, (m) => {
      const n = count(m.groups!.n);
      if (n === null || n < 1 || n > 5) return;
      // "ตี 5.30" keeps its minutes (it was 05:00).
      add(m.index, m.index + m[0].length, hhmm(n, m.groups!.min !== undefined ? Number(m.groups!.min) : m.groups!.half !== undefined ? 30 : 0));
    });
  }
  if (s.includes('เที่ยง')) {
    eachMatch(THIANG_RE, s, (m) => {
      const g = m.groups!;
      add(m.index, m.index + m[0].length, hhmm(g.which === 'คืน' ? 0 : 12, g.half !== undefined ? 30 : 0));
    });
  }
  if (hasDigit) {
    eachMatch(CLOCK_RE, s, (m) => {
      const end = m.index + m[0].length;
      if (m[2] === '.') {
        NOT_A_CLOCK_AFTER.lastIndex = end;
        if (NOT_A_CLOCK_AFTER.test(s) || moneyCueBefore(s, m.index)) return;
      }
      // "1.30", "around 1:30" with no am or pm: the afternoon, as "at 3" is (r91: "after lunch, around
      // 1.30" was 01:30, refused as outside the spa's hours); "01:30" written with its zero is as written.
      const h = Number(m[1]);
      add(m.index, end, hhmm(h >= 1 && h <= 6 && m[1].length === 1 ? h + 12 : h, Number(m[3])));
    });
    eachMatch(NA_RE, s, (m) => {
      add(m.index, m.index + m[0].length, hhmm(Number(m[1]), 0));
    });
    // "16h", "16h30", "9h": the hour as written, 24-hour (r135: "massage tomorrow 16h for 1" asked the
    // time). Not "a 2h massage": an hour of 1 to 6 without minutes is how long.
    eachMatch(H_RE, s, (m) => {
      const h = Number(m[1]);
      if (m[2] === undefined && h < 7) return;
      add(m.index, m.index + m[0].length, hhmm(h, m[2] !== undefined ? Number(m[2]) : 0));
    });
    // "Tonight at 7", "this evening at 8": the evening's hour.
    const evening = EVENING_RE.test(s);
    eachMatch(AT_RE, s, (m) => {
      UNIT_AFTER.lastIndex = m.index + m[0].length;
      if (UNIT_AFTER.test(s)) return; // "at 2 people"
      let h = Number(m[1] ?? m[2]);
      if ((h >= 1 && h <= 6) || (h >= 7 && h <= 11 && evening)) h += 12;
      if (h < 1 || h > 23) return;
      add(m.index, m.index + m[0].length, hhmm(h, 0));
    });
  }

  if (found.length === 0) return undefined;
  let first = found[0];
  for (const f of found) if (f.index < first.index) first = f;
  return first.time;
}

/**
 * A time moved by so much, not said anew: "can we make it an hour later?", "30 minutes earlier", "ขอเร็ว
 * ขึ้นครึ่งชั่วโมง" (r152: at the summary, the time stayed as it was). Minutes, later positive, earlier
 * negative; undefined when the message moves no time by an amount. Not "an hour before" (when they
 * arrive, not the booking), nor "ช้าไป 2 ชั่วโมง" without "ขึ้น / กว่านี้" (late by, a complaint's words).
 */
const SHIFT_EN = /\b(?:(?<half>half\s+an?)|(?<an>an?|one)|(?<n>\d{1,2}(?:\.5)?))\s*(?<unit>hours?|hrs?|minutes?|mins?)\s+(?<way>later|earlier)\b|\b(?<n2>\d{1,2}(?:\.5)?)\s*h\s+(?<way2>later|earlier)\b/i;
const SHIFT_TH = /(?:(?<way>เร็ว|ช้า|เลท|ดึก|สาย)(?:ขึ้น|กว่านี้|กว่าเดิม)|เลื่อนออกไป)(?:อีก)?\s*(?:(?<half>ครึ่ง)|(?<n>\d{1,2}|หนึ่ง|นึง|สอง|สาม))?\s*(?<unit>ชั่วโมง|ชม\.?|นาที)(?<halfAfter>ครึ่ง)?/;
const THAI_SHIFT_COUNT: Record<string, number> = { หนึ่ง: 1, นึง: 1, สอง: 2, สาม: 3 };

export function extractTimeShift(s: string): number | undefined {
  const en = SHIFT_EN.exec(s);
  if (en) {
    const g = en.groups!;
    const n = g.half ? 0.5 : g.an ? 1 : Number(g.n ?? g.n2);
    const minutes = /^m/i.test(g.unit ?? 'h') ? n : n * 60;
    return /later/i.test(g.way ?? g.way2) ? minutes : -minutes;
  }
  const th = SHIFT_TH.exec(s);
  if (!th) return undefined;
  const g = th.groups!;
  const n = g.half ? 0.5 : (g.n ? (THAI_SHIFT_COUNT[g.n] ?? Number(g.n)) : 1) + (g.halfAfter ? 0.5 : 0);
  const minutes = g.unit === 'นาที' ? n : n * 60;
  return g.way === 'เร็ว' ? -minutes : minutes;
}

/** "14:00" moved by `minutes`, within the same day; undefined past either end of it. */
export function shiftedTime(time: string, minutes: number): string | undefined {
  const [h, m] = time.split(':').map(Number);
  const at = h * 60 + m + minutes;
  return at < 0 || at >= 24 * 60 ? undefined : (hhmm(Math.floor(at / 60), at % 60) ?? undefined);
}
