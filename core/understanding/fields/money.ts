import { parseThaiNumber, THAI_NUMBER_SRC, THAI_NUMBER_TAIL_SRC } from './numbers.ts';
import { CURRENCY_AFTER_SRC, type Claims, eachMatch, NON_MONEY_UNIT_SRC } from './text.ts';

/**
 * An amount of money. A number is an amount only with a currency marker or right after a money
 * word; anything else (a count, a time, a date, an id, "5k followers") is not money.
 *
 * Numbers: 500, 1,250.50, 5k / 5K / 1.5k, 2 พัน / 2พัน5 / 2 พันห้าร้อย / 1.5 แสน (digits and a
 * Thai unit), Thai number words (ห้าร้อย, สองพันห้า, พันครึ่ง: see numbers.ts), Thai digits.
 * Markers: ฿500, THB 500, 500 บาท, 500บ., 500 บ, 500.-, 500 THB, 500thb, 500 baht (and "bath");
 * US$ / $20, 20 USD, 20 dollars, 20 ดอลลาร์ -> USD. Other currencies are not read.
 * Money words before the number (with a few fillers such as ไป, แล้ว, เข้า, only, already):
 * เติมเงิน, เติม, โอน(เงิน), จ่าย(เงิน), ชำระ(เงิน), คืนเงิน, ถอน(เงิน), ฝากเงิน, ยอด(เงิน/โอน/ชำระ),
 * ราคา, ค่าบริการ, ค่าส่ง, รวม, ทั้งหมด, เงิน, หัก(เงิน), เครดิต; top up / topped up / topup, paid,
 * pay, transfer(red), refund(ed), deposit(ed), charge(d), withdraw(n/al), cost, price, total,
 * amount, balance, fee. Without a marker the amount is in baht and must be at least 10 ("paid 2"
 * is more likely a count), and a number followed by a unit (คน, ชั่วโมง, รอบ, likes, hours...) is
 * never money. The first marked amount wins, else the first one after a money word.
 * Not supported: amounts in English words ("five hundred baht"), ranges (the first number is
 * taken), other currencies.
 */

export interface Money {
  amount: number;
  currency: 'THB' | 'USD';
}

const NUM_SRC = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,9}(?:\\.\\d{1,2})?';
const THAI_UNIT_VALUE: Record<string, number> = { ร้อย: 100, พัน: 1_000, หมื่น: 10_000, แสน: 100_000, ล้าน: 1_000_000 };

const AMOUNT_RE = new RegExp(
  `(?<![\\d.,])(?:(?<num>${NUM_SRC})(?!\\d|[.,]\\d)` +
    `(?:(?<k>\\s?k)(?![a-z])|\\s*(?<unit>ร้อย|พัน|หมื่น|แสน|ล้าน)(?:(?<tail>\\s?\\d{1,3}(?![\\d.,])|${THAI_NUMBER_TAIL_SRC}))?)?` +
    `|(?<th>${THAI_NUMBER_SRC}))`,
  'dgi',
);

const PREFIX_RE = /(?:฿|(?<![a-z])thb|(?<![a-z])usd|us\$|\$)\s*$/i;
const SUFFIX_RE = new RegExp(`\\s*(?:${CURRENCY_AFTER_SRC})`, 'iy');
const UNIT_AFTER_RE = new RegExp(`\\s*(?:${NON_MONEY_UNIT_SRC})`, 'iy');
const USD_WORD = /usd|us\$|dollar|buck|ดอล/i;

const MONEY_WORDS =
  '(?<![a-z])(?:top(?:ped)?[\\s-]?up|tops[\\s-]?up|topup(?:ped)?|paid|pay(?:ed|ing)?|transferr?(?:ed|ing)?|refund(?:ed|ing)?|deposit(?:ed)?|charged?' +
  '|withdr[ae]wn?|withdrawal|costs?|price|total|amount|balance|fee)' +
  '|เติมเงิน|เติม|โอนเงิน|โอน|จ่ายเงิน|จ่าย|ชำระเงิน|ชำระ|คืนเงิน|เงินคืน|ถอนเงิน|ถอน|ฝากเงิน|ยอดเงิน|ยอดโอน|ยอดชำระ|ยอดเติม|ยอด|ราคา|ค่าบริการ|ค่าส่ง|ค่าจัดส่ง|ค่าใช้จ่าย' +
  '|ทั้งหมด|รวม|หักเงิน|หัก|เครดิต|เงิน';
const MONEY_FILLERS =
  '(?:of|just|already|about|around|approx\\.?|only|the|amount|money|back|me|them|us|it|is|was|total)(?![a-z])' +
  '|ไป|มา|ให้|แล้ว|เข้า|ไว้|จำนวน|ทั้งหมด|รวม|ประมาณ|เงิน|ยอด|คืน|แค่|เพียง|ได้|เหลือ|อีก|ค่ะ|คะ|ครับ|นะ|ที่';
const MONEY_WORD_BEFORE_RE = new RegExp(`(?:${MONEY_WORDS})(?:\\s*(?:${MONEY_FILLERS})){0,4}\\s*[:=]?\\s*$`, 'i');

const LOOK_BACK = 40;

/** Whether a currency sign or a money word comes right before `start` ("฿", "โอน", "paid"). */
export function moneyCueBefore(s: string, start: number): boolean {
  const before = s.slice(Math.max(0, start - LOOK_BACK), start);
  return PREFIX_RE.test(before) || MONEY_WORD_BEFORE_RE.test(before);
}

interface Read {
  value: number;
  end: number;
}

/** The value of an AMOUNT_RE match (null when Thai words are not one number). */
function readAmount(m: RegExpExecArray, s: string): Read | null {
  const g = m.groups!;
  let end = m.index + m[0].length;
  if (g.th !== undefined) {
    const value = parseThaiNumber(g.th);
    return value === null ? null : { value, end };
  }
  let value = Number(g.num.replace(/,/g, ''));
  if (g.k !== undefined) return { value: value * 1_000, end };
  if (g.unit !== undefined) {
    const unit = THAI_UNIT_VALUE[g.unit];
    value *= unit;
    if (g.tail !== undefined) {
      const tailText = g.tail.trim();
      const tailStart = m.indices!.groups!.tail[0];
      UNIT_AFTER_RE.lastIndex = end;
      const tail = /^\d+$/.test(tailText) ? Number(tailText) : parseThaiNumber(tailText);
      if (tail === null || UNIT_AFTER_RE.test(s) || tail >= unit) {
        end = tailStart; // "2 พัน 3 รอบ": the tail is not part of the amount
      } else if (tail < 10 && (tailText.length === 1 || !/ร้อย|พัน|หมื่น|แสน|สิบ/.test(tailText))) {
        value += (tail * unit) / 10; // 2พัน5 = 2,500
      } else {
        value += tail;
      }
    }
  }
  return { value, end };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function scan(s: string, claims: Claims, marked: boolean): Money | undefined {
  let result: Money | undefined;
  eachMatch(AMOUNT_RE, s, (m) => {
    const read = readAmount(m, s);
    if (read === null || !Number.isFinite(read.value) || read.value <= 0 || read.value > 1e10) return;
    let start = m.index;
    let end = read.end;
    if (!claims.isFree(start, end)) return;
    const before = s.slice(Math.max(0, start - LOOK_BACK), start);
    const prefix = PREFIX_RE.exec(before);
    SUFFIX_RE.lastIndex = end;
    const suffix = SUFFIX_RE.exec(s);
    if (marked) {
      if (prefix === null && suffix === null) return;
      const marker = (prefix?.[0] ?? '') + (suffix?.[0] ?? '');
      if (prefix !== null) start -= before.length - prefix.index;
      if (suffix !== null) end += suffix[0].length;
      if (!claims.isFree(start, end)) return;
      const money: Money = { amount: round(read.value), currency: USD_WORD.test(marker) || marker.includes('$') ? 'USD' : 'THB' };
      claims.claim(start, end);
      result ??= money;
      return;
    }
    const next = s.charCodeAt(end);
    if (next === 0x3a || next === 0x2f) return; // "10:30", "5/12"
    UNIT_AFTER_RE.lastIndex = end;
    if (UNIT_AFTER_RE.test(s)) return;
    if (read.value < 10 || !MONEY_WORD_BEFORE_RE.test(before)) return;
    claims.claim(start, end);
    result = { amount: round(read.value), currency: 'THB' };
    return false;
  });
  return result;
}

/** Amounts with a currency marker; all of them are claimed, the first is returned. */
export function extractMarkedAmount(s: string, claims: Claims): Money | undefined {
  return scan(s, claims, true);
}

/** The first amount right after a money word ("เติมเงิน 500", "top up 500"), in baht. */
export function extractAmountAfterMoneyWord(s: string, claims: Claims): Money | undefined {
  return scan(s, claims, false);
}
