import { describe, expect, it } from 'vitest';
import { hubPenalties, HUB_NEIGHBOURS, HUB_WEIGHT } from './hubness.ts';
import { indexFor, scoreClasses } from './similarity-index.ts';
import { textFeatures } from './text-features.ts';
import { taxonomySchema } from '../taxonomy.ts';

/**
 * Twelve classes of two phrases each (documents 2c and 2c + 1). Document 0 is a hub: 0.6 alike to
 * every phrase of every other class. The other phrases are 0.1 alike to other classes' phrases,
 * and 0.9 to the other phrase of their own class (which must not count).
 */
const CLASSES = 12;
const DOCS = CLASSES * 2;
const classOf = (d: number) => Math.floor(d / 2);
const similarity = (a: number, b: number) => (classOf(a) === classOf(b) ? 0.9 : a === 0 || b === 0 ? 0.6 : 0.1);
const all = Array.from({ length: DOCS }, (_, d) => d);

describe('hub penalties', () => {
  const [penalty] = hubPenalties(all, classOf, DOCS, 1, (a) => [all.map((b) => similarity(a, b))]);

  it('a phrase alike to many other classes loses more than a phrase alike to none', () => {
    expect(penalty[0]).toBeGreaterThan(0);
    for (let d = 2; d < DOCS; d++) expect(penalty[0]).toBeGreaterThan(penalty[d]);
  });

  it('is measured over the nearest phrases of other classes, relative to the typical phrase', () => {
    // Document 0's ten nearest of other classes are all 0.6; any other phrase's nearest is
    // document 0 (0.6), then nine at 0.1. A phrase of its own class (0.9) counts for neither.
    const hubR = 0.6;
    const otherR = (0.6 + (HUB_NEIGHBOURS - 1) * 0.1) / HUB_NEIGHBOURS;
    // Document 1 (document 0's classmate) has no hub among its neighbours: ten at 0.1.
    const rs = all.map((d) => (d === 0 ? hubR : d === 1 ? 0.1 : otherR));
    const mean = rs.reduce((s, r) => s + r, 0) / DOCS;
    expect(penalty[0]).toBeCloseTo(HUB_WEIGHT * (hubR - mean), 5);
    expect(penalty[5]).toBeCloseTo(HUB_WEIGHT * (otherR - mean), 5);
    expect(penalty.reduce((s, p) => s + p, 0)).toBeCloseTo(0, 5);
  });

  it('turns a message from the class of the hub to the class it is nearest apart from it', () => {
    // A message a little nearer the hub (class 0) than a phrase of class 3 (document 6).
    const toHub = 0.62;
    const toClass3 = 0.6;
    expect(toHub).toBeGreaterThan(toClass3);
    expect(toClass3 - penalty[6]).toBeGreaterThan(toHub - penalty[0]);
  });

  it('leaves documents it was not asked about, and a business of one class, at 0', () => {
    const some = [0, 1, 2, 3];
    const [p] = hubPenalties(some, classOf, DOCS, 1, (a) => [all.map((b) => similarity(a, b))]);
    for (let d = 4; d < DOCS; d++) expect(p[d]).toBe(0);
    const [one] = hubPenalties([0, 1], classOf, DOCS, 1, (a) => [all.map((b) => similarity(a, b))]);
    expect([...one]).toEqual(new Array(DOCS).fill(0));
  });

  it('gives one array per similarity, each from its own', () => {
    const [plain, halved] = hubPenalties(all, classOf, DOCS, 2, (a) => [all.map((b) => similarity(a, b)), all.map((b) => similarity(a, b) / 2)]);
    for (let d = 0; d < DOCS; d++) expect(halved[d]).toBeCloseTo(plain[d] / 2, 5);
  });
});

describe('hub penalties in the index', () => {
  const taxonomy = taxonomySchema.parse({
    caseTypes: [
      { key: 'card_declined', name: { en: 'Card declined' }, severity: 'medium', slaMinutes: 60, examples: ['something is wrong with my account, please check my account', 'my card was declined at the shop', 'card declined when paying for groceries', 'my card got declined online'] },
      { key: 'login_problem', name: { en: 'Cannot log in' }, severity: 'medium', slaMinutes: 60, examples: ['I cannot log in to the app', 'the app says my password is wrong', 'login to my account keeps failing'] },
      { key: 'transfer_missing', name: { en: 'Transfer missing' }, severity: 'medium', slaMinutes: 60, examples: ['my transfer has not arrived', 'the money I sent never arrived', 'the transfer to my account is missing'] },
      { key: 'refund_missing', name: { en: 'Refund missing' }, severity: 'medium', slaMinutes: 60, examples: ['my refund has not arrived', 'still waiting for the refund', 'refund not showing in my account'] },
    ],
    bookingTypes: [],
    faq: [],
  });
  // Said of other types too: "has not arrived" (a transfer, a refund), "my account".
  const shared = ['something is wrong with my account, please check my account', 'my transfer has not arrived', 'my refund has not arrived'];
  // Said of one type only.
  const own = ['my card was declined at the shop', 'card declined when paying for groceries', 'the app says my password is wrong', 'still waiting for the refund'];

  it('are larger for phrases that other types say too, by words and letters and by meaning', () => {
    const index = indexFor(taxonomy);
    const doc = (text: string) => index.docText.indexOf(text);
    for (const hub of [index.hub.lexical, index.hub.meaning]) {
      if (!hub) continue;
      for (const s of shared) for (const o of own) expect(hub[doc(s)]).toBeGreaterThan(hub[doc(o)]);
    }
  });

  it('are what the type score loses', () => {
    const index = indexFor(taxonomy);
    const text = 'something is wrong with my account, please check my account';
    const s = scoreClasses(index, textFeatures(text));
    const c = index.classes.findIndex((x) => x.key === 'card_declined');
    const hub = (s.meaning && index.hub.meaning) || index.hub.lexical;
    expect(s.topDoc[c]).toBe(index.docText.indexOf(text));
    expect(hub[s.topDoc[c]]).toBeGreaterThan(0);
    expect(s.typeTop1[c]).toBeCloseTo(s.top1[c] - hub[s.topDoc[c]], 5);
  });
});
