import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, prepare, type Source } from './prepare-public-sets.ts';
import { loadPublicSets } from './run-eval.ts';

// The protocol on a made-up set: no network, no snapshot needed.

const rows = (intent: string, n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${intent} ${i}`, intent }));
const kinds: Record<string, 'case' | 'booking' | 'question' | 'other'> = { broken: 'case', book: 'booking', hours: 'question', chat: 'other' };
const source = (extra: Partial<Source> = {}): Source => ({
  name: 'made-up',
  language: 'en',
  repo: 'nobody/nothing',
  train: [...rows('broken', 12, 'train'), ...rows('book', 12, 'train'), ...rows('hours', 3, 'train'), ...rows('chat', 12, 'train')],
  test: [...rows('broken', 50, 'test'), ...rows('book', 4, 'test'), ...rows('hours', 6, 'test'), ...rows('chat', 8, 'test')],
  kindOf: (i) => kinds[i],
  nameOf: (i) => ({ en: i }),
  ...extra,
});

describe('prepare-public-sets', () => {
  it('five shots per class from the training split, the kind by the mapping, other never in the taxonomy', () => {
    const { taxonomy, messages } = prepare(source());
    expect(taxonomy.caseTypes.map((c) => [c.key, c.examples.length])).toEqual([['broken', 5]]);
    expect(taxonomy.bookingTypes.map((c) => [c.key, c.examples.length])).toEqual([['book', 5]]);
    expect(taxonomy.faq).toHaveLength(1);
    expect(taxonomy.faq[0].question.split('\n')).toHaveLength(3); // fewer lines than five: all of them
    for (const c of [...taxonomy.caseTypes, ...taxonomy.bookingTypes]) for (const e of c.examples) expect(e.startsWith('train')).toBe(true);
    expect(messages.every((m) => m.text.startsWith('test'))).toBe(true);
    expect(messages.filter((m) => m.kind === 'case')).toHaveLength(30); // capped per intent
    expect(messages.filter((m) => m.kind === 'other')).toHaveLength(8);
    expect(messages.find((m) => m.kind === 'question')).toMatchObject({ faqKey: 'hours', intent: 'hours' });
  });

  it('is deterministic', () => {
    expect(prepare(source())).toEqual(prepare(source()));
  });

  it('refuses an intent the mapping does not name', () => {
    expect(() => prepare(source({ test: [...rows('mystery', 2, 'test')] }))).toThrow(/mystery/);
  });

  it('reads quoted CSV', () => {
    expect(parseCsv('text,category\n"a, ""quoted"" line",x\nplain,y\n')).toEqual([['text', 'category'], ['a, "quoted" line', 'x'], ['plain', 'y']]);
  });

  it('without prepared sets, the evaluation has only its own set', () => {
    expect(loadPublicSets(join(mkdtempSync(join(tmpdir(), 'opsdesk-eval-')), 'absent'))).toEqual([]);
  });
});
