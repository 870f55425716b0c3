import { describe, expect, it } from 'vitest';
import { taxonomyCheck } from '../contracts/taxonomy.ts';
import { seedTaxonomy } from '../../eval/export-seed-taxonomy.ts';
import { checkTaxonomy } from './taxonomy-check.ts';
import { taxonomySchema } from './taxonomy.ts';

/**
 * The taxonomy check reads every example phrase as if the classifier had never seen it and says
 * which entries look alike to it: a manager's way to find where the bot will go wrong before a
 * customer does.
 */

const entry = (key: string, en: string, examples: string[]) => ({ key, name: { en }, examples });
// Nothing of either name in them: only the names tell the two apart.
const twins = ['I was billed two times for one order', 'the same amount left my account again', 'money taken two times for one thing'];

const taxonomy = taxonomySchema.parse({
  caseTypes: [
    entry('broken_screen', 'Broken screen', ['my phone screen is cracked', 'the display shattered when I dropped it', 'screen has lines and flickers']),
    entry('charged_twice', 'Charged twice', twins),
    entry('duplicate_payment', 'Duplicate payment', twins),
    entry('no_phrases', 'Lost parcel', []),
  ],
  bookingTypes: [entry('screen_repair', 'Screen repair', ['book a screen repair for tomorrow', 'can I bring my phone in to fix the screen on Saturday'])],
  faq: [{ key: 'opening_hours', question: 'what time do you open?\nare you open on Sunday?', answer: 'Every day 9:00 to 18:00' }],
});

describe('checkTaxonomy', () => {
  const check = checkTaxonomy(taxonomy);

  it('answers in the contract, every entry listed in the taxonomy order, names not counted as phrases', () => {
    expect(taxonomyCheck.parse(check)).toEqual(check);
    expect(check.classifier).toMatch(/^offline\/ngram-knn-v13/);
    expect(check.entries.map((e) => [e.kind, e.key, e.phrases])).toEqual([
      ['case', 'broken_screen', 3],
      ['case', 'charged_twice', 3],
      ['case', 'duplicate_payment', 3],
      ['case', 'no_phrases', 0],
      ['booking', 'screen_repair', 2],
      ['question', 'opening_hours', 2],
    ]);
    expect(check.phrases).toBe(13);
    expect(check.recognised).toBe(check.entries.reduce((n, e) => n + e.recognised, 0));
  });

  it('reads each phrase of two entries with the same phrases as the other entry, and names the pair first', () => {
    for (const [key, other] of [
      ['charged_twice', 'duplicate_payment'],
      ['duplicate_payment', 'charged_twice'],
    ]) {
      const e = check.entries.find((x) => x.key === key)!;
      expect(e.recognised).toBe(0);
      expect(e.misread).toEqual(twins.map((text) => ({ text, readAs: { kind: 'case', key: other } })));
    }
    expect(check.lookAlike[0]).toEqual({ a: { kind: 'case', key: 'charged_twice' }, b: { kind: 'case', key: 'duplicate_payment' }, phrases: 6 });
  });

  it('recognises the phrases of an entry unlike the others', () => {
    expect(check.entries.find((e) => e.key === 'broken_screen')).toMatchObject({ phrases: 3, recognised: 3, misread: [] });
  });

  it('lists a pair once, whichever side its phrases come from, most confused first', () => {
    const ids = check.lookAlike.map((p) => `${p.a.kind}:${p.a.key}|${p.b.kind}:${p.b.key}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of check.lookAlike) expect(`${p.a.kind}:${p.a.key}` < `${p.b.kind}:${p.b.key}`).toBe(true);
    const counts = check.lookAlike.map((p) => p.phrases);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('checks an empty taxonomy and one with a single phrase per entry without failing', () => {
    expect(checkTaxonomy(taxonomySchema.parse({}))).toMatchObject({ phrases: 0, recognised: 0, entries: [], lookAlike: [] });
    const single = checkTaxonomy(taxonomySchema.parse({ caseTypes: [entry('a', 'Refund', ['I want my money back']), entry('b', 'Late delivery', ['my order is late'])] }));
    expect(single.entries.map((e) => e.phrases)).toEqual([1, 1]);
  });

  it('finds what the demo business would want to know: FAQ entries with one phrase per language are read as the case type on the same topic', () => {
    const demo = checkTaxonomy(seedTaxonomy());
    expect(demo.phrases).toBeGreaterThan(50);
    expect(demo.recognised / demo.phrases).toBeGreaterThan(0.8);
    expect(demo.lookAlike).toContainEqual({ a: { kind: 'case', key: 'topup_not_credited' }, b: { kind: 'question', key: 'topup_methods' }, phrases: 2 });
  });
});
