import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { classificationSchema } from '../classification.ts';
import { classifyOffline, OfflineClassifier } from '../offline-classifier.ts';
import { taxonomySchema } from '../taxonomy.ts';
import { seedTaxonomy } from '../../../eval/export-seed-taxonomy.ts';
import { loadEvalMessages } from '../../../eval/run-eval.ts';
import { buildWordVectorCache, readWordVectors, sentenceVector, useWordVectors, writeWordVectors, type WordVectors } from './word-vectors.ts';
import { normalizeText } from './text-features.ts';

const dir = mkdtempSync(join(tmpdir(), 'opsdesk-word-vectors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Back to the installed vectors (or none) for whatever runs next in this worker.
afterEach(() => useWordVectors(undefined));

/**
 * A small vocabulary in which words of one meaning share a direction: what the real vectors do
 * for "refused" and "declined", without depending on the 11 MB file an install writes.
 */
const MEANINGS: Record<string, string[]> = {
  refusal: ['refused', 'declined', 'rejected', 'bounced'],
  money: ['payment', 'card', 'charge', 'paid', 'pay'],
  delivery: ['parcel', 'package', 'delivery', 'arrived', 'courier', 'shipment'],
  weather: ['weather', 'rain', 'sunny', 'forecast'],
  time: ['when', 'time', 'hours', 'open'],
};
function smallVectors(): WordVectors {
  const axes = Object.keys(MEANINGS);
  // One dimension per meaning, and three more that tell the words of one meaning a little apart.
  const dims = axes.length + 3;
  const words: string[] = [];
  const vectors: number[][] = [];
  // Frequent function words first (the weighting counts them for little), then the meanings.
  for (const w of ['the', 'my', 'was', 'is', 'a', 'what']) {
    words.push(w);
    vectors.push(Array.from({ length: dims }, (_, k) => (k % 2 ? 0.3 : -0.3)));
  }
  axes.forEach((axis, i) => {
    MEANINGS[axis].forEach((w, j) => {
      words.push(w);
      vectors.push(Array.from({ length: dims }, (_, k) => (k === i ? 1 : k === axes.length + (j % 3) ? 0.2 : 0)));
    });
  });
  const file = join(dir, 'small.bin');
  writeWordVectors(file, words, vectors);
  return readWordVectors(file);
}

describe('word vectors: the compact file', () => {
  it('is built from the package format: words of letters only, most frequent first, at most the vocabulary', () => {
    const json = join(dir, 'package.json');
    writeFileSync(
      json,
      JSON.stringify({
        dimensions: 3,
        words: ['the', ',', 'card', 'covid-19', 'refund', 'rare'],
        // Each vector carries two more numbers in the package (its norm and index): they are dropped.
        vectors: { the: [1, 0, 0, 1, 0], ',': [0, 1, 0, 1, 1], card: [0, 2, 0, 2, 2], 'covid-19': [0, 0, 1, 1, 3], refund: [0, 0, -3, 3, 4], rare: [1, 1, 1, 1.7, 5] },
      }),
    );
    const out = join(dir, 'built.bin');
    expect(buildWordVectorCache(json, out, 3).words).toBe(3);
    const v = readWordVectors(out);
    expect([...v.row.keys()]).toEqual(['the', 'card', 'refund']);
    expect(v.dims).toBe(3);
    // Directions survive the quantisation to signed bytes.
    expect([...v.data.subarray(3, 6)]).toEqual([0, 127, 0]);
    expect([...v.data.subarray(6, 9)]).toEqual([0, 0, -127]);
  });

  it('a file of another format, or cut short, is refused rather than misread', () => {
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, 'not vectors at all');
    expect(() => readWordVectors(bad)).toThrow(/not a word-vector file/);
    const good = join(dir, 'small.bin');
    smallVectors();
    const cut = join(dir, 'cut.bin');
    const bytes = readFileSync(good);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 5));
    expect(() => readWordVectors(cut)).toThrow(/truncated/);
  });
});

describe('word vectors: the meaning of a text', () => {
  const v = smallVectors();
  const meaning = (text: string) => sentenceVector(normalizeText(text), v);
  const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

  it('words of one meaning make texts alike that share no word', () => {
    const a = meaning('my payment was refused')!;
    const b = meaning('card declined')!;
    const c = meaning('parcel arrived')!;
    expect(cosine(a, b)).toBeGreaterThan(0.8);
    expect(cosine(a, c)).toBeLessThan(0.3);
  });

  it('unknown words are left out; a text of unknown words only has no meaning', () => {
    expect(meaning('zzqx blorf')).toBeNull();
    expect(cosine(meaning('payment zzqx refused')!, meaning('payment refused')!)).toBeCloseTo(1, 5);
  });

  it.each([
    ['empty', ''],
    ['blank', '  \n '],
    ['numbers only', '12345 678'],
    ['emoji only', '😂👍'],
    ['Thai', 'บัตรโดนปฏิเสธค่ะ'],
    ['mostly Thai with an English word', 'จ่ายด้วย card ไม่ผ่านค่ะ'],
    ['Japanese', '注文した商品がまだ届きません'],
  ])('%s: no meaning, so words and letters decide alone', (_, text) => {
    expect(meaning(text)).toBeNull();
  });

  it('mostly English with a Thai word has a meaning (from its English words)', () => {
    expect(cosine(meaning('my card was declined ค่ะ')!, meaning('my card was declined')!)).toBeCloseTo(1, 5);
  });
});

describe('word vectors in the classifier', () => {
  const shop = taxonomySchema.parse({
    caseTypes: [
      { key: 'payment_declined', name: { en: 'Payment problem' }, examples: ['my card payment was declined', 'card declined at checkout', 'the charge was declined'] },
      { key: 'parcel_missing', name: { en: 'Parcel missing' }, examples: ['my parcel never arrived', 'where is my package', 'the courier lost my delivery'] },
    ],
    faq: [{ key: 'hours', question: 'when are you open?\nwhat are your hours?', answer: 'Every day 9 to 6.' }],
  });

  it('a message in words the business never wrote is found by their meaning', () => {
    // "bounced" and "rejected" are in no example, name or keyword.
    const text = 'it bounced, rejected again';
    useWordVectors(null);
    const without = classifyOffline({ text, taxonomy: shop }).classification;
    useWordVectors(smallVectors());
    const withMeaning = classifyOffline({ text, taxonomy: shop }).classification;
    expect(without.caseType).not.toBe('payment_declined');
    expect(withMeaning).toMatchObject({ kind: 'case', caseType: 'payment_declined' });
  });

  it('says in its name whether it has them', () => {
    useWordVectors(null);
    expect(new OfflineClassifier().model).toBe('ngram-knn-v13-lexical');
    useWordVectors(smallVectors());
    expect(new OfflineClassifier().model).toBe('ngram-knn-v13');
  });

  it('bad input with vectors: an answer of the schema, never a throw', () => {
    useWordVectors(smallVectors());
    for (const text of ['', '   ', 'zzqx blorf', '😂😂', '[sticker]', '500', 'weather weather weather', 'จ่าย card ไม่ผ่าน', 'my card was declined ค่ะ', 'x'.repeat(5000)]) {
      const r = classifyOffline({ text, taxonomy: shop }).classification;
      expect(() => classificationSchema.parse(r)).not.toThrow();
    }
  });

  it('Thai messages are classified exactly as without vectors: the same kind, type and confidence', () => {
    const taxonomy = seedTaxonomy();
    const thai = loadEvalMessages().filter((m) => /[\u0E00-\u0E7F]/.test(m.text) && (m.text.match(/[a-z]/gi)?.length ?? 0) < (m.text.match(/[\u0E01-\u0E4E]/g)?.length ?? 0));
    expect(thai.length).toBeGreaterThan(100);
    useWordVectors(null);
    const before = thai.map((m) => classifyOffline({ text: m.text, taxonomy }).classification);
    useWordVectors(smallVectors());
    const after = thai.map((m) => classifyOffline({ text: m.text, taxonomy }).classification);
    expect(after).toEqual(before);
  });

  it('an English message of unknown words only is scored by its words and letters, as without vectors', () => {
    const text = 'zzqx blorf wibble';
    useWordVectors(null);
    const before = classifyOffline({ text, taxonomy: shop });
    useWordVectors(smallVectors());
    const after = classifyOffline({ text, taxonomy: shop });
    expect(after.classification).toEqual(before.classification);
    expect(after.kindScores).toEqual(before.kindScores);
  });
});
