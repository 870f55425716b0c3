import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';
import { correctionsSection, loadCorrections, measureCorrections, withCorrections } from './corrections.ts';
import type { Correction } from './prepare-public-sets.ts';
import type { EvalSet } from './run-eval.ts';

const entry = (key: string, examples: string[]) => ({ key, name: { en: key }, description: '', keywords: [], examples });
const taxonomy: Taxonomy = {
  caseTypes: [entry('card_broken', ['my card does not work', 'card declined at the shop'])],
  bookingTypes: [entry('new_card', ['I want to order a new card', 'send me a card please'])],
  faq: [{ key: 'fees', question: 'what are your fees?\nhow much does it cost?', answer: 'Fees' }],
};
const corrections: Correction[] = [
  { kind: 'case', key: 'card_broken', text: 'the card got refused' },
  { kind: 'case', key: 'card_broken', text: 'card stopped working' },
  { kind: 'booking', key: 'new_card', text: 'can I get another card' },
  { kind: 'question', key: 'fees', text: 'is there a charge for transfers?' },
  { kind: 'question', key: 'fees', text: 'do you charge for top ups?' },
  { kind: 'case', key: 'gone', text: 'a class no longer in the taxonomy' },
];

describe('corrected examples', () => {
  it('appends the first n of each class to its examples, a FAQ entry\'s to its ways of asking', () => {
    const one = withCorrections(taxonomy, corrections, 1);
    expect(one.caseTypes[0].examples).toEqual(['my card does not work', 'card declined at the shop', 'the card got refused']);
    expect(one.bookingTypes[0].examples).toEqual(['I want to order a new card', 'send me a card please', 'can I get another card']);
    expect(one.faq[0].question).toBe('what are your fees?\nhow much does it cost?\nis there a charge for transfers?');
    const all = withCorrections(taxonomy, corrections, 10);
    expect(all.caseTypes[0].examples).toHaveLength(4);
    expect(all.faq[0].question.split('\n')).toHaveLength(4);
    expect(withCorrections(taxonomy, corrections, 0)).toEqual(taxonomy);
    expect(taxonomy.caseTypes[0].examples).toHaveLength(2); // not changed
  });

  it('measures each set with corrections at +0, +5, +10 and names the sets without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsdesk-corrections-'));
    mkdirSync(join(dir, 'made-up'));
    writeFileSync(join(dir, 'made-up', 'corrections.jsonl'), corrections.map((c) => JSON.stringify(c)).join('\n') + '\n');
    expect(loadCorrections('made-up', dir)).toEqual(corrections);
    expect(loadCorrections('opsdesk', dir)).toBeUndefined();
    const set: EvalSet = {
      name: 'made-up',
      source: 'here',
      taxonomy,
      aside: true,
      messages: [
        { id: 'm1', text: 'my card got refused again', kind: 'case', caseType: 'card_broken' },
        { id: 'm2', text: 'I would like another card', kind: 'booking', bookingType: 'new_card' },
        { id: 'm3', text: 'what do you charge for transfers?', kind: 'question', faqKey: 'fees' },
      ],
    };
    const { rows, without } = await measureCorrections([{ ...set, name: 'opsdesk', aside: false }, set], dir);
    expect(without).toEqual(['opsdesk']);
    expect(rows.map((r) => [r.set, r.step, r.added, r.aside])).toEqual([
      ['made-up', 0, 0, true],
      ['made-up', 5, 5, true],
      ['made-up', 10, 5, true],
    ]);
    expect(rows.every((r) => r.summary.n === 3 && r.decisions.n === 3)).toBe(true);
    const section = await correctionsSection([set], dir);
    expect(section).toMatch(/^## What corrected examples add/);
    expect(section).toContain('| made-up | kept aside | +10 (5) |');
  });
});
