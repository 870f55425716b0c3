import { classifyOffline, prepareTaxonomy } from '../core/understanding/offline-classifier.ts';
import { textFeatures } from '../core/understanding/offline/text-features.ts';
import { checkTaxonomy } from '../core/understanding/taxonomy-check.ts';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';
import { median, table } from './stats.ts';

/**
 * Offline classifier latency: a synthetic taxonomy of 50 types x 20 examples (Thai and English
 * phrases generated from word lists with a fixed seed), then a few thousand messages classified
 * one by one, three rounds, medians reported. Beside it, in the same run, the cost of only
 * normalising and tokenising each message (the floor any classifier of this kind pays), and the
 * one-off cost of building a taxonomy's index and calibration: for that taxonomy and for one of
 * 200 classes (goal: under 500 ms).
 */

const TYPES = 50;
const EXAMPLES = 20;
const MESSAGES = 4000;
const WARMUP = 400;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_TOPICS = [
  'order', 'parcel', 'refund', 'credit', 'wallet', 'password', 'account', 'invoice', 'receipt', 'voucher', 'coupon', 'subscription',
  'delivery', 'courier', 'tracking', 'payment', 'card', 'transfer', 'balance', 'points', 'membership', 'ticket', 'seat', 'room',
  'table', 'massage', 'facial', 'haircut', 'manicure', 'yoga', 'class', 'lesson', 'tour', 'boat', 'temple', 'market', 'airport',
  'taxi', 'van', 'hotel', 'breakfast', 'dinner', 'cake', 'flowers', 'phone', 'sim', 'internet', 'router', 'laptop', 'printer',
  'screen', 'battery', 'charger', 'warranty', 'repair', 'cleaning', 'laundry', 'parking', 'locker', 'gift',
];
const TH_TOPICS = [
  'ออเดอร์', 'พัสดุ', 'เงินคืน', 'เครดิต', 'กระเป๋าเงิน', 'รหัสผ่าน', 'บัญชี', 'ใบแจ้งหนี้', 'ใบเสร็จ', 'บัตรกำนัล', 'คูปอง', 'สมาชิก',
  'จัดส่ง', 'ขนส่ง', 'เลขพัสดุ', 'ชำระเงิน', 'บัตร', 'โอนเงิน', 'ยอดเงิน', 'แต้ม', 'บัตรสมาชิก', 'ตั๋ว', 'ที่นั่ง', 'ห้องพัก',
  'โต๊ะ', 'นวด', 'ทำหน้า', 'ตัดผม', 'ทำเล็บ', 'โยคะ', 'คลาส', 'บทเรียน', 'ทัวร์', 'เรือ', 'วัด', 'ตลาด', 'สนามบิน',
  'แท็กซี่', 'รถตู้', 'โรงแรม', 'อาหารเช้า', 'อาหารเย็น', 'เค้ก', 'ดอกไม้', 'โทรศัพท์', 'ซิม', 'อินเทอร์เน็ต', 'เราเตอร์', 'โน้ตบุ๊ก',
  'เครื่องพิมพ์', 'หน้าจอ', 'แบตเตอรี่', 'ที่ชาร์จ', 'ประกัน', 'ซ่อม', 'ทำความสะอาด', 'ซักผ้า', 'ที่จอดรถ', 'ล็อกเกอร์', 'ของขวัญ',
];
const EN_PROBLEM = ['has not arrived', 'is not working', 'was charged twice', 'is missing', 'shows an error', 'is wrong', 'never came', 'got cancelled'];
const EN_BOOK = ['I would like to book', 'Can I reserve', 'Please schedule', 'Is there space for', 'We want to come for', 'Book me a'];
const EN_TAIL = ['today', 'tomorrow', 'on Saturday', 'this evening', 'for 2 people', 'at 3pm', 'please help', 'asap', 'thanks', 'since Monday'];
const TH_PROBLEM = ['ยังไม่ได้รับเลย', 'ใช้งานไม่ได้', 'โดนตัดเงินสองครั้ง', 'หายไป', 'ขึ้น error', 'ไม่ถูกต้อง', 'ไม่มาส่ง', 'ถูกยกเลิก'];
const TH_BOOK = ['อยากจอง', 'ขอจอง', 'มีคิวว่างไหม', 'ขอนัด', 'จองให้หน่อย', 'สนใจจอง'];
const TH_TAIL = ['วันนี้', 'พรุ่งนี้', 'วันเสาร์', 'เย็นนี้', '2 คน', 'บ่ายสาม', 'ช่วยด้วย', 'ด่วนค่ะ', 'ขอบคุณค่ะ', 'ตั้งแต่วันจันทร์'];

function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)];
}

function phrase(r: () => number, type: number, booking: boolean): string {
  // Each type owns three topic words; phrases mix them with shared wording.
  const topic = (k: number) => (r() < 0.5 ? EN_TOPICS : TH_TOPICS)[(type * 3 + k) % EN_TOPICS.length];
  const thai = r() < 0.5;
  const t1 = thai ? TH_TOPICS[(type * 3) % TH_TOPICS.length] : EN_TOPICS[(type * 3) % EN_TOPICS.length];
  const t2 = topic(1 + Math.floor(r() * 2));
  if (thai) {
    return booking ? `${pick(r, TH_BOOK)} ${t1} ${t2} ${pick(r, TH_TAIL)} ${pick(r, TH_TAIL)}` : `${t1} ${t2} ${pick(r, TH_PROBLEM)} ${pick(r, TH_TAIL)}ค่ะ`;
  }
  return booking ? `${pick(r, EN_BOOK)} ${t1} ${t2} ${pick(r, EN_TAIL)}` : `My ${t1} ${t2} ${pick(r, EN_PROBLEM)} ${pick(r, EN_TAIL)}`;
}

export function syntheticTaxonomy(seed = 42): Taxonomy {
  const r = rng(seed);
  const entry = (i: number, booking: boolean) => ({
    key: `${booking ? 'service' : 'case'}_${i}`,
    name: { en: `${EN_TOPICS[(i * 3) % EN_TOPICS.length]} ${booking ? 'booking' : 'problem'}`, th: TH_TOPICS[(i * 3) % TH_TOPICS.length] },
    description: `Synthetic type ${i} about ${EN_TOPICS[(i * 3) % EN_TOPICS.length]} and ${EN_TOPICS[(i * 3 + 1) % EN_TOPICS.length]}.`,
    keywords: [EN_TOPICS[(i * 3) % EN_TOPICS.length], TH_TOPICS[(i * 3) % TH_TOPICS.length], EN_TOPICS[(i * 3 + 2) % EN_TOPICS.length]],
    examples: Array.from({ length: EXAMPLES }, () => phrase(r, i, booking)),
  });
  const caseTypes = Array.from({ length: TYPES / 2 }, (_, i) => entry(i, false));
  const bookingTypes = Array.from({ length: TYPES / 2 }, (_, i) => entry(i + TYPES / 2, true));
  const faq = Array.from({ length: 10 }, (_, i) => ({
    key: `faq_${i}`,
    question: `How does the ${EN_TOPICS[i]} work? / ${TH_TOPICS[i]}ใช้งานยังไง`,
    answer: `It works like this, number ${i}.`,
  }));
  return { caseTypes, bookingTypes, faq };
}

function syntheticMessages(seed = 7): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < MESSAGES + WARMUP; i++) {
    const roll = r();
    if (roll < 0.01) {
      // A long message, beyond the cap.
      out.push(Array.from({ length: 120 }, () => phrase(r, Math.floor(r() * TYPES), r() < 0.5)).join(' '));
    } else if (roll < 0.05) out.push(pick(r, ['ok', 'ขอบคุณค่ะ', '👍', '', 'what time do you open?', 'ราคาเท่าไหร่คะ']));
    else out.push(phrase(r, Math.floor(r() * TYPES), r() < 0.5) + (r() < 0.3 ? ' ' + pick(r, EN_TAIL) : ''));
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** A taxonomy of `classes` case types with `examples` short examples each (like a public intent set's). */
export function wideTaxonomy(classes = 200, examples = 5, seed = 11): Taxonomy {
  const r = rng(seed);
  return {
    caseTypes: Array.from({ length: classes }, (_, i) => ({
      key: `type_${i}`,
      name: { en: `${EN_TOPICS[i % EN_TOPICS.length]} ${EN_PROBLEM[Math.floor(i / EN_TOPICS.length) % EN_PROBLEM.length]}` },
      description: '',
      keywords: [],
      examples: Array.from({ length: examples }, () => phrase(r, i, false)),
    })),
    bookingTypes: [],
    faq: [],
  };
}

/**
 * The same 200 classes as `wideTaxonomy`, half of them services: with more than one kind of class
 * the build also trains the kind model (`offline/linear-model.ts`).
 */
export function wideMixedTaxonomy(): Taxonomy {
  const wide = wideTaxonomy();
  const half = wide.caseTypes.length / 2;
  return { caseTypes: wide.caseTypes.slice(0, half), bookingTypes: wide.caseTypes.slice(half).map((t) => ({ ...t, key: `service_${t.key}` })), faq: [] };
}

const ROUNDS = 3;
const BUILDS = 5;

function buildMedian(taxonomy: Taxonomy): number {
  const times: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const t0 = performance.now();
    prepareTaxonomy(taxonomy);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The taxonomy check (every phrase read with itself left out), on an index already built: median of BUILDS runs. */
function checkMedian(taxonomy: Taxonomy): { ms: number; phrases: number } {
  let phrases = checkTaxonomy(taxonomy).phrases; // builds and caches the index
  const times: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const t0 = performance.now();
    phrases = checkTaxonomy(taxonomy).phrases;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), phrases };
}

export async function benchOfflineClassifierLatency(): Promise<string> {
  const taxonomy = syntheticTaxonomy();
  const messages = syntheticMessages();
  const wide = wideTaxonomy();
  const wideMixed = wideMixedTaxonomy();

  // Warm up both paths (JIT, and the index cache for this taxonomy object).
  for (const text of messages.slice(0, WARMUP)) {
    textFeatures(text);
    classifyOffline({ text, taxonomy });
  }
  const buildNarrow = buildMedian(taxonomy);
  const buildWide = buildMedian(wide);
  const buildWideMixed = buildMedian(wideMixed);
  const checkNarrow = checkMedian(taxonomy);
  const checkWide = checkMedian(wide);

  const measured = messages.slice(WARMUP);
  const rounds: { base: number[]; full: number[] }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const base: number[] = [];
    const full: number[] = [];
    for (const text of measured) {
      let t0 = performance.now();
      textFeatures(text);
      base.push(performance.now() - t0);
      t0 = performance.now();
      classifyOffline({ text, taxonomy });
      full.push(performance.now() - t0);
    }
    base.sort((a, b) => a - b);
    full.sort((a, b) => a - b);
    rounds.push({ base, full });
  }
  const ms = (v: number) => v.toFixed(3);
  const med = (pick: (r: { base: number[]; full: number[] }) => number[], p: number | 'max') =>
    ms(median(rounds.map((r) => (p === 'max' ? pick(r)[pick(r).length - 1] : percentile(pick(r), p)))));
  const row = (name: string, pick: (r: { base: number[]; full: number[] }) => number[]) => [name, measured.length, med(pick, 0.5), med(pick, 0.99), med(pick, 0.999), med(pick, 'max')];
  return [
    `### Offline classifier latency (${TYPES} types x ${EXAMPLES} examples + 10 FAQ, ${measured.length} messages, 1 % of them over 5,000 characters; medians of ${ROUNDS} rounds)`,
    '',
    table(['what', 'messages', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms'], [row('baseline: normalise + tokenise only', (r) => r.base), row('classify (offline, index cached)', (r) => r.full)]),
    '',
    '### Building a taxonomy (index and its calibration; once per taxonomy, then cached), median of 5 builds',
    '',
    table(
      ['taxonomy', 'examples', 'build ms (goal under 500)'],
      [
        [`${TYPES} types x ${EXAMPLES} examples + 10 FAQ`, TYPES * EXAMPLES, ms(buildNarrow)],
        [`${wide.caseTypes.length} case types x 5 examples`, wide.caseTypes.length * 5, ms(buildWide)],
        [`${wideMixed.caseTypes.length} case types and ${wideMixed.bookingTypes.length} services x 5 examples`, (wideMixed.caseTypes.length + wideMixed.bookingTypes.length) * 5, ms(buildWideMixed)],
      ],
    ),
    '',
    `### The taxonomy check (GET /api/v1/taxonomy/check: every phrase read with itself left out), index already built, median of ${BUILDS} runs`,
    '',
    table(
      ['taxonomy', 'phrases', 'check ms', 'per phrase ms'],
      [
        [`${TYPES} types x ${EXAMPLES} examples + 10 FAQ`, checkNarrow.phrases, ms(checkNarrow.ms), ms(checkNarrow.ms / checkNarrow.phrases)],
        [`${wide.caseTypes.length} case types x 5 examples`, checkWide.phrases, ms(checkWide.ms), ms(checkWide.ms / checkWide.phrases)],
      ],
    ),
    '',
    'The first check of a taxonomy also builds its index (the build rows above). The max of either latency row is a garbage-collection pause (it shows in the baseline too).',
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.stdout.write((await benchOfflineClassifierLatency()) + '\n');
}
