import { RE2JS } from 're2js';
import { CURRENCY_AFTER_SRC, type Claims, eachMatch, MAX_MATCHES, NON_MONEY_UNIT_SRC } from './text.ts';

/**
 * Order ids. With the org's patterns (regular-expression sources, matched case-insensitively):
 * each match's first capture group when the pattern has one and it took part, else the whole
 * match, trimmed, as written (Thai digits as ASCII). Without patterns, or when none of them is
 * usable (not valid RE2, or longer than 500 characters), the default
 * below. Patterns run on a linear-time engine (RE2). Phone numbers, links and e-mail addresses are read first, so a match inside one is not
 * an order id. Ids come in the order they appear, without repeats (compared case-insensitively),
 * at most 20.
 */

const MAX_ORDER_IDS = 20;
const MAX_PATTERNS = 20;
const MAX_PATTERN_LENGTH = 500;

const compiled = new Map<string, RE2JS | null>();

/**
 * Org patterns are written by admins, so they run on RE2 (`re2js`), whose matching time grows
 * linearly with the message whatever the pattern: `(\d+-?)+X` on 30 digits is answered at once,
 * where a backtracking engine takes seconds or years. RE2 syntax is JavaScript's without
 * lookarounds and backreferences (`(?<name>...)` and `\p{Thai}` work); a pattern it cannot
 * compile is refused by the admin API (`orderIdPatternProblem`), so a pattern that is accepted is
 * a pattern that is used.
 */
function tryCompile(source: string): { re: RE2JS } | { problem: string } {
  if (typeof source !== 'string' || source.length === 0 || source.length > MAX_PATTERN_LENGTH) {
    return { problem: `must be 1 to ${MAX_PATTERN_LENGTH} characters` };
  }
  try {
    return { re: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE) };
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '').replace(/: `[\s\S]*`$/, '');
    return { problem: `is not a valid regular expression (RE2 syntax: no lookarounds or backreferences): ${why}` };
  }
}

/** Why the extractor would not use this order-id pattern, or null when it would. */
export function orderIdPatternProblem(source: string): string | null {
  const r = tryCompile(source);
  return 'problem' in r ? r.problem : null;
}

/** Compiles an org pattern once; null when it is not usable. */
function compile(source: string): RE2JS | null {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const r = tryCompile(source);
  const re = 're' in r ? r.re : null;
  if (compiled.size >= 512) compiled.clear();
  compiled.set(source, re);
  return re;
}

const AFTER_NOT_AN_ID = new RegExp(`\\s*(?:${CURRENCY_AFTER_SRC}|${NON_MONEY_UNIT_SRC})`, 'iy');
const DATE_OR_TIME_SHAPE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}|\d{1,2}[:.]\d{2})$/;

const ID_KEYWORDS =
  '\\b(?:order|ord|transaction|txn|trx|ref(?:erence)?)(?![a-z])' +
  '|หมายเลขคำสั่งซื้อ|เลขที่คำสั่งซื้อ|เลขคำสั่งซื้อ|รหัสคำสั่งซื้อ|คำสั่งซื้อ|ออร์เดอร์|ออเดอร์|ออเดอ|เลขอ้างอิง|รหัสอ้างอิง|เลขที่รายการ|รหัสรายการ';
const ID_FILLERS = 'id|no\\.?|nr\\.?|number|num|code|is|ไอดี|เลขที่|หมายเลข|เลข|รหัส|ที่|คือ';

interface DefaultPattern {
  re: RegExp;
  /** Extra checks on the id (its text, where it ends in `s`). */
  accept: (id: string, end: number, s: string) => boolean;
  /** Whether a list may follow the id: "order 88123, 88124 และ 88125". */
  list?: boolean;
}

/** The next id of a list after a keyword's id. */
const LIST_NEXT = /\s*(?:,|\/|&|\band\b|\bor\b|และ|กับ|หรือ)\s*#?\s*([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\w-])/diy;

function digitCount(id: string): number {
  let n = 0;
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) n++;
  return n;
}

function notFollowedByUnit(end: number, s: string): boolean {
  AFTER_NOT_AN_ID.lastIndex = end;
  return !AFTER_NOT_AN_ID.test(s);
}

/**
 * The default, for orgs that have not said what their ids look like:
 * - letters-dash-digits as written in capitals: ORD-2026-00123, INV-12345, TX-998877 (two to five
 *   letters, so the desk's own C-000123 / B-000045 are not taken);
 * - known prefixes in any case, dash optional: ord-2026-00123, ORD2026001, txn123456;
 * - `#` and an id with at least three digits: #12345, #A-1234;
 * - a keyword and an id of four or more characters with a digit: "order 123456",
 *   "order no. 123456", "my order number is 123456", "ออเดอร์ 123456", "ออเดอร์ที่ 123456",
 *   "เลขที่คำสั่งซื้อ 123456", "transaction id TX123", "เลขอ้างอิง 998877", and a list after the
 *   keyword: "order 88123, 88124 และ 88125", "ออเดอร์ 1111/2222".
 * Never an id: a number followed by a currency or a unit ("order 1500 บาท", "order 1000 likes"),
 * a date or a time shape, a bare number without a keyword or #.
 */
const DEFAULT_PATTERNS: DefaultPattern[] = [
  { re: /(?<![\w-])([A-Z]{2,5}-\d{3,}(?:-[A-Z0-9]+)*)(?![\w-])/dg, accept: () => true },
  {
    re: /(?<![\w-])((?:order|ord|inv|txn?|trx|ref|bk|po|so)[-_]?\d{4,}(?:-[a-z0-9]+)*)(?![\w-])/dgi,
    accept: () => true,
  },
  {
    re: /#\s?([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\w-])/dgi,
    accept: (id, end, s) => digitCount(id) >= 3 && notFollowedByUnit(end, s),
  },
  {
    re: new RegExp(
      `(?:${ID_KEYWORDS})(?:\\s*(?:${ID_FILLERS})(?![a-z])){0,3}\\s*[:#=]?\\s*([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\\w-])`,
      'dgi',
    ),
    accept: (id, end, s) => id.length >= 4 && digitCount(id) >= 1 && !DATE_OR_TIME_SHAPE.test(id) && notFollowedByUnit(end, s),
    list: true,
  },
];

interface Found {
  index: number;
  id: string;
}

export function extractOrderIds(s: string, claims: Claims, orderIdPatterns?: readonly string[]): string[] {
  const found: Found[] = [];
  const orgPatterns: RE2JS[] = [];
  if (Array.isArray(orderIdPatterns)) {
    for (const source of orderIdPatterns.slice(0, MAX_PATTERNS)) {
      const re = compile(source);
      if (re !== null) orgPatterns.push(re);
    }
  }
  if (orgPatterns.length > 0) {
    for (const re of orgPatterns) {
      const m = re.matcher(s);
      const grouped = re.groupCount() >= 1;
      for (let n = 0, from = 0; n < MAX_MATCHES && from <= s.length && m.find(from); n++) {
        // An empty match moves on by one; any other goes on after itself.
        from = m.end() > m.start() ? m.end() : m.end() + 1;
        const group = grouped && m.start(1) >= 0;
        const start = group ? m.start(1) : m.start();
        const end = group ? m.end(1) : m.end();
        const id = s.slice(start, end).trim();
        if (id.length === 0 || id.length > 100) continue;
        if (!claims.take(start, end)) continue;
        found.push({ index: start, id });
        if (found.length >= MAX_ORDER_IDS) break;
      }
    }
  } else {
    for (const { re, accept, list } of DEFAULT_PATTERNS) {
      eachMatch(re, s, (m) => {
        const [start, end] = m.indices![1]!;
        const id = m[1];
        if (!accept(id, end, s)) return;
        if (!claims.take(start, end)) return;
        found.push({ index: start, id });
        let at = end;
        while (list === true && found.length < MAX_ORDER_IDS) {
          LIST_NEXT.lastIndex = at;
          const next = LIST_NEXT.exec(s);
          if (next === null) break;
          const [nextStart, nextEnd] = next.indices![1]!;
          if (!accept(next[1], nextEnd, s) || !claims.take(nextStart, nextEnd)) break;
          found.push({ index: nextStart, id: next[1] });
          at = nextEnd;
        }
        re.lastIndex = Math.max(re.lastIndex, at);
        if (found.length >= MAX_ORDER_IDS) return false;
      });
    }
  }
  found.sort((a, b) => a.index - b.index);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { id } of found) {
    const key = id.toUpperCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(id);
  }
  return out;
}
