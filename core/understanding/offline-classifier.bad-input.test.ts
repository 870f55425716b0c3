import { describe, expect, it } from 'vitest';
import { classificationSchema, type Classification } from './classification.ts';
import { classifyOffline } from './offline-classifier.ts';
import { buildIndex } from './offline/similarity-index.ts';
import { taxonomySchema, type Taxonomy } from './taxonomy.ts';
import { seedTaxonomy } from '../../eval/export-seed-taxonomy.ts';
import { cpuMs } from '../../test/support/cpu-time.ts';

/**
 * Messages and taxonomies nobody designs for (issue: understanding that holds). The rule for all
 * of them: the bot acts only at confidence 0.5 or more, so an answer at or above 0.5 must be the
 * right one; when the classifier cannot know, it says so with a low confidence or `other`.
 */

const seed = seedTaxonomy();
const classify = (text: string, taxonomy: Taxonomy = seed): Classification => {
  const r = classifyOffline({ text, taxonomy }).classification;
  classificationSchema.parse(r);
  return r;
};
/** Above the bot's threshold only when right; `right` undefined: nothing is right but `other`. */
function expectNoWrongConfidentAction(r: Classification, right?: Partial<Classification>): void {
  if (r.confidence < 0.5) return;
  if (right) expect(r).toMatchObject(right);
  else expect(r.kind).toBe('other');
}

describe('messages in a third language', () => {
  it.each([
    ['Japanese', '注文した商品がまだ届きません'],
    ['Chinese', '我充值了但是余额没有变化'],
    ['Vietnamese', 'Đơn hàng của tôi chưa đến'],
    ['Spanish', 'Mi recarga no ha llegado todavía'],
    ['German', 'Meine Bestellung ist noch nicht angekommen'],
    ['Korean', '예약하고 싶어요'],
  ])('%s: no confident action', (_, text) => {
    const r = classify(text);
    expectNoWrongConfidentAction(r);
    expect(r.confidence).toBeLessThan(0.5);
  });
});

describe('code-switched Thai and English', () => {
  it.each([
    ['เติม money ไปแล้ว but credit ยังไม่เข้าเลยค่ะ', { kind: 'case', caseType: 'topup_not_credited' }],
    ['order ของผม ยังไม่ได้รับเลย 5 days แล้ว', { kind: 'case', caseType: 'order_not_delivered' }],
    ['อยาก book sushi class วันเสาร์ 2 คน', { kind: 'booking', bookingType: 'sushi_class' }],
  ] as [string, Partial<Classification>][])('%s', (text, right) => {
    expect(classify(text)).toMatchObject(right);
  });
});

describe('Thai written in Latin letters', () => {
  it('greetings and thanks are recognised as such', () => {
    expect(classify('sawasdee ka')).toMatchObject({ kind: 'other', otherType: 'greeting' });
    expect(classify('khob khun krub')).toMatchObject({ kind: 'other', otherType: 'thanks' });
  });

  it.each([
    ['tem ngern laew mai kao ka', { kind: 'case', caseType: 'topup_not_credited' }],
    ['khong yang mai ma leoy', { kind: 'case', caseType: 'order_not_delivered' }],
    ['jong cooking class dai mai ka', { kind: 'booking', bookingType: 'thai_cooking_class' }],
  ] as [string, Partial<Classification>][])('%s: right, or not acted on', (text, right) => {
    expectNoWrongConfidentAction(classify(text), right);
  });
});

describe('one-word messages', () => {
  it.each(['refund', 'booking', 'massage', 'help', 'เติมเงิน', 'จอง', 'ยกเลิก', 'order', 'price'])(
    '%s names a topic, not a request: below the threshold',
    (text) => {
      const r = classify(text);
      if (r.kind !== 'other') expect(r.confidence).toBeLessThan(0.5);
    },
  );

  it('a one-word greeting or thanks is small talk, and sure of it', () => {
    for (const [text, otherType] of [['hi', 'greeting'], ['สวัสดีค่ะ', 'greeting'], ['thanks', 'thanks'], ['ขอบคุณค่ะ', 'thanks']]) {
      const r = classify(text);
      expect(r).toMatchObject({ kind: 'other', otherType });
      expect(r.confidence).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe('numbers only', () => {
  it.each(['500', '0812345678', '12345', '1,000', '๕๐๐', '2026-11-21', '10:30', '#55821'])('%s: other, not acted on', (text) => {
    const r = classify(text);
    expect(r.kind).toBe('other');
    expect(r.confidence).toBeLessThan(0.5);
  });

  it('the numbers are still read as details', () => {
    expect(classify('500 บาท').fields.amount).toBe(500);
  });
});

describe('out of scope', () => {
  it.each(['what is the weather tomorrow', 'tell me a joke', 'play some music', 'พรุ่งนี้ฝนจะตกไหม'])('%s: not acted on', (text) => {
    const r = classify(text);
    expectNoWrongConfidentAction(r);
    if (r.kind === 'other') expect(r.otherType).toBe('out_of_scope');
  });
});

const entry = (key: string, examples: string[], extra: Record<string, unknown> = {}) => ({ key, examples, ...extra });

describe('thin taxonomies', () => {
  it('one example per class: a paraphrase is right, or not acted on', () => {
    const taxonomy = taxonomySchema.parse({
      caseTypes: [entry('late_parcel', ['My parcel has not arrived yet']), entry('double_charge', ['I was charged twice for one order'])],
      bookingTypes: [entry('boat_tour', ['I want to book the boat tour'])],
    });
    expectNoWrongConfidentAction(classify('my parcel still has not arrived, it is late', taxonomy), { kind: 'case', caseType: 'late_parcel' });
    expectNoWrongConfidentAction(classify('you charged my card two times', taxonomy), { kind: 'case', caseType: 'double_charge' });
    expectNoWrongConfidentAction(classify('can I book a boat tour for Sunday?', taxonomy), { kind: 'booking', bookingType: 'boat_tour' });
    expect(classify('I was charged twice for one order', taxonomy)).toMatchObject({ kind: 'case', caseType: 'double_charge' });
  });

  it('a class with no examples is found by its name and keywords, and never confidently by chance', () => {
    const taxonomy = taxonomySchema.parse({
      caseTypes: [
        entry('late_parcel', ['My parcel has not arrived yet', 'Where is my package? It is a week late']),
        { key: 'broken_item', name: { en: 'Broken item', th: 'สินค้าเสียหาย' }, keywords: ['broken', 'damaged', 'แตก'] },
        { key: 'bare_key' },
      ],
    });
    const broken = classify('the vase arrived broken and damaged', taxonomy);
    expectNoWrongConfidentAction(broken, { kind: 'case', caseType: 'broken_item' });
    expect(broken.caseType).not.toBe('late_parcel');
    for (const text of ['my parcel has not arrived', 'hello', 'bare key']) {
      const r = classify(text, taxonomy);
      if (r.caseType === 'bare_key') expect(r.confidence).toBeLessThan(0.5);
    }
  });

  it('an empty taxonomy: nothing is a case or a booking', () => {
    const empty = taxonomySchema.parse({});
    for (const text of ['my parcel has not arrived', 'I want to book a table', 'hi']) {
      const r = classify(text, empty);
      expect(['question', 'other']).toContain(r.kind);
    }
  });
});

describe('two classes with the same examples', () => {
  const same = ['My parcel has not arrived yet', 'Where is my package?', 'Still no delivery after a week'];
  const taxonomy = taxonomySchema.parse({
    caseTypes: [entry('late_parcel', same), entry('lost_parcel', same), entry('double_charge', ['I was charged twice', 'You took my money two times'])],
  });

  it('a message about them is a case, but which one is a guess: below the threshold', () => {
    const r = classify('my parcel has still not arrived', taxonomy);
    expect(r.kind).toBe('case');
    expect(['late_parcel', 'lost_parcel']).toContain(r.caseType);
    expect(r.confidence).toBeLessThan(0.5);
  });

  it('the other classes are not affected', () => {
    const r = classify('you charged me twice for the same thing', taxonomy);
    expect(r).toMatchObject({ kind: 'case', caseType: 'double_charge' });
    expect(r.confidence).toBeGreaterThanOrEqual(0.5);
  });
});

describe('a 200-class taxonomy', () => {
  const topics = ['parcel', 'refund', 'voucher', 'password', 'invoice', 'wallet', 'ticket', 'seat', 'room', 'table', 'tour', 'boat', 'massage', 'class', 'taxi', 'cake', 'sim', 'router', 'laptop', 'locker'];
  const problems = ['has not arrived', 'is broken', 'was charged twice', 'is missing', 'shows an error', 'is wrong', 'never came', 'got cancelled', 'is late', 'was refused'];
  const caseTypes = topics.flatMap((t, i) =>
    problems.map((p, j) => entry(`${t}_${j}`, [`My ${t} ${p}`, `the ${t} ${p} again`, `why ${t} ${p}?`, `${t} ${p}, please help`, `help: ${t} ${p} since Monday`], { name: { en: `${t} ${p}` } })),
  );
  const taxonomy = taxonomySchema.parse({ caseTypes });

  it('has 200 classes and builds its index in well under a second', () => {
    expect(taxonomy.caseTypes).toHaveLength(200);
    expect(cpuMs(() => buildIndex(taxonomy))).toBeLessThan(1500); // the benchmark holds it to 500 ms
  });

  it('finds the one class a message is about', () => {
    expect(classify('my voucher was charged twice, please check', taxonomy)).toMatchObject({ kind: 'case', caseType: 'voucher_2' });
    expect(classify('the router is broken', taxonomy)).toMatchObject({ kind: 'case', caseType: 'router_1' });
  });

  it('small talk and out-of-scope messages stay other', () => {
    expect(classify('thank you!', taxonomy).kind).toBe('other');
    expectNoWrongConfidentAction(classify('tell me a joke', taxonomy));
  });
});
