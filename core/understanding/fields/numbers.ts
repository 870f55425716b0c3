/**
 * Numbers written as words: Thai number words (for money, party sizes and clock times) and small
 * English number words (party sizes).
 *
 * Thai supported: หนึ่ง/นึง, เอ็ด (after a unit: สิบเอ็ด, ร้อยเอ็ด), สอง, ยี่ (in ยี่สิบ), สาม, สี่, ห้า,
 * หก, เจ็ด, แปด, เก้า; units สิบ, ร้อย, พัน, หมื่น, แสน, ล้าน; ครึ่ง after a unit (พันครึ่ง = 1,500).
 * Units must come in falling order (สองพันห้าร้อย = 2,500). A lone digit word after ร้อย or a larger
 * unit is read the way prices are spoken: สองพันห้า = 2,500, ร้อยห้า = 150, หมื่นสอง = 12,000; after
 * สิบ it is the units digit (สิบห้า = 15); นึง/หนึ่ง there adds nothing (ร้อยนึง = 100).
 * Not supported: sequences that are not one number (สองสาม "two or three" gives nothing).
 */

const THAI_DIGITS: Record<string, number> = {
  หนึ่ง: 1,
  นึง: 1,
  เอ็ด: 1,
  สอง: 2,
  ยี่: 2,
  สาม: 3,
  สี่: 4,
  ห้า: 5,
  หก: 6,
  เจ็ด: 7,
  แปด: 8,
  เก้า: 9,
};

const THAI_UNITS: Record<string, number> = {
  สิบ: 10,
  ร้อย: 100,
  พัน: 1_000,
  หมื่น: 10_000,
  แสน: 100_000,
  ล้าน: 1_000_000,
};

/**
 * One Thai number word. Lookarounds keep ordinary words out: สามารถ, สามี, ห้าม, เก้าอี้, เรียบร้อย,
 * พันธ์; ยี่ only in ยี่สิบ (not ยี่ห้อ).
 */
const TOKEN_SRC =
  'หนึ่ง|นึง|เอ็ด|สอง|ยี่(?=สิบ)|สาม(?!ารถ|ี)|สี่|ห้า(?!ม)|หก|เจ็ด|แปด|เก้า(?!อี้)|สิบ|(?<!เรียบ)ร้อย|พัน(?!ธ)|หมื่น|แสน|ล้าน|ครึ่ง';

/**
 * A whole run of Thai number words (validated by `parseThaiNumber`): never the tail of a longer
 * run, so that สองสามคน ("two or three people") does not yield สามคน.
 */
export const THAI_NUMBER_SRC = `(?<!หนึ่ง|นึง|เอ็ด|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน|ครึ่ง)(?:${TOKEN_SRC})+`;

/** Thai number words right after a unit in digits ("2 พันห้าร้อย"). */
export const THAI_NUMBER_TAIL_SRC = `(?:${TOKEN_SRC})+`;

/** Thai number words for a clock hour or a small count, longest first. */
export const THAI_SMALL_NUMBER_SRC = 'สิบเอ็ด|สิบสอง|หนึ่ง|นึง|สอง|สาม(?!ารถ|ี)|สี่|ห้า(?!ม)|หก|เจ็ด|แปด|เก้า(?!อี้)|สิบ';

const TOKEN_RE = new RegExp(TOKEN_SRC, 'y');

/** The value of a run of Thai number words, or null when the run is not one number. */
export function parseThaiNumber(s: string): number | null {
  let millions = 0;
  let acc = 0;
  let pending: number | null = null;
  let lastUnit = Infinity; // units fall within the part below a million
  let unitSeen = 0; // the last unit read, 0 before any
  let prevWasUnit = false;
  let final = false; // nothing may follow ครึ่ง or เอ็ด
  let i = 0;
  while (i < s.length) {
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(s);
    if (m === null) return null;
    const word = m[0];
    i += word.length;
    if (final) return null;
    if (word === 'ครึ่ง') {
      if (!prevWasUnit) return null;
      if (unitSeen === 1_000_000) millions += 0.5;
      else acc += unitSeen / 2;
      final = true;
      continue;
    }
    const unit = THAI_UNITS[word];
    if (unit !== undefined) {
      if (unit === 1_000_000) {
        if (millions > 0) return null;
        const below = acc + (pending ?? 0);
        millions = below === 0 ? 1 : below;
        acc = 0;
        lastUnit = Infinity;
      } else {
        if (unit >= lastUnit) return null;
        acc += (pending ?? 1) * unit;
        lastUnit = unit;
      }
      pending = null;
      unitSeen = unit;
      prevWasUnit = true;
      continue;
    }
    const digit = THAI_DIGITS[word];
    if (pending !== null) return null;
    if (word === 'เอ็ด') {
      if (!prevWasUnit) return null;
      acc += 1;
      final = true;
      continue;
    }
    pending = digit;
    prevWasUnit = false;
  }
  if (pending !== null) {
    if (unitSeen === 0) acc = pending;
    else if (unitSeen === 10) acc += pending;
    else if (pending !== 1) {
      // Spoken prices: สองพันห้า = 2,500; ล้านห้า = 1,500,000.
      if (unitSeen === 1_000_000) millions += pending / 10;
      else acc += (pending * unitSeen) / 10;
    }
  }
  const value = millions * 1_000_000 + acc;
  return value > 0 ? value : null;
}

const ENGLISH_SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** one..twelve as a pattern, whole words only. */
export const ENGLISH_SMALL_NUMBER_SRC = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![a-z])';

/** Digits, a Thai number word run or an English one..twelve, as a number; null otherwise. */
export function parseCount(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const en = ENGLISH_SMALL[token.toLowerCase()];
  if (en !== undefined) return en;
  return parseThaiNumber(token);
}
