import { describe, expect, it } from 'vitest';
import { idProblem, jsonValueProblem, storableExcerpt, timeProblem } from './event-checks.ts';

describe('what a webhook may store', () => {
  it('refuses NUL, unpaired surrogates and deep nesting, without overflowing the stack', () => {
    expect(jsonValueProblem({ a: 'ok', b: [1, 'ไทย 👋'] })).toBeUndefined();
    expect(jsonValueProblem({ a: 'x\u0000' })).toMatch(/NUL/);
    expect(jsonValueProblem({ ['k\u0000']: 1 })).toMatch(/key/);
    expect(jsonValueProblem({ a: '\ud800' })).toMatch(/surrogate/);
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonValueProblem(deep)).toMatch(/deeper/);
  });

  it('bounds ids and times', () => {
    expect(idProblem('01HXYZ')).toBeUndefined();
    expect(idProblem('E'.repeat(10_240))).toMatch(/longer/);
    expect(idProblem('a b')).toMatch(/ASCII/);
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(timeProblem(now - 1000, now)).toBeUndefined();
    expect(timeProblem(1e20, now)).toMatch(/future/);
    expect(timeProblem(-8.64e15, now)).toMatch(/2000/);
    expect(timeProblem('1', now)).toMatch(/not a number/);
  });

  it('cuts an excerpt without splitting a character or keeping a NUL', () => {
    const e = storableExcerpt('👋'.repeat(10) + '\u0000', 5);
    expect(e).toBe('👋'.repeat(5));
    expect(storableExcerpt('a\u0000b')).toBe('a\uFFFDb');
  });
});
