import { describe, expect, it } from 'vitest';
import type { Classification } from '../core/understanding/classification.ts';
import { atActed, unlessAgreed } from './selective-prediction.ts';
import type { Prediction } from './run-eval.ts';

const prediction = (result: Partial<Classification>): Prediction => ({
  message: { id: 'm1', text: 'x', kind: 'case', caseType: 'a' },
  result: { kind: 'case', confidence: 0.9, language: 'en', fields: {}, ...result },
  ms: 0,
});

describe('two readers agree', () => {
  it('an act both read alike is left as it is', () => {
    const p = prediction({ caseType: 'a' });
    expect(unlessAgreed([p], [{ kind: 'case', key: 'a' }])[0]).toBe(p);
  });

  it('another entry read by the second: "did you mean" with both; no entry read: not sure enough to act', () => {
    expect(unlessAgreed([prediction({ caseType: 'a' })], [{ kind: 'question', key: 'faq1' }])[0].result.alternative).toEqual({ kind: 'question', key: 'faq1' });
    expect(unlessAgreed([prediction({ caseType: 'a' })], [{ kind: 'other' }])[0].result.confidence).toBeLessThan(0.5);
  });
});

describe('the level at the same share acted on', () => {
  const curve = [
    { acted: 0.8, wrong: 0.1 },
    { acted: 0.6, wrong: 0.05 },
    { acted: 0.4, wrong: 0.02 },
  ];
  it('is read linearly between two levels, and at the ends as the nearest', () => {
    expect(atActed(curve, 0.7)).toBeCloseTo(0.075);
    expect(atActed(curve, 0.5)).toBeCloseTo(0.035);
    expect(atActed(curve, 0.3)).toBe(0.02);
    expect(atActed(curve, 0.9)).toBeNaN();
  });
});
