import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../core/http/retry-after.ts';
import { backoffDelay, jobPolicyFor, MAX_RETRY_AFTER_MS } from './job-policy.ts';

describe('retry waits', () => {
  it('double from the first wait, then stay near the cap', () => {
    const b = { delay: 2_000, max: 120_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, b))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000]);
    for (const n of [7, 10, 39]) {
      const d = backoffDelay(n, b);
      expect(d).toBeGreaterThanOrEqual(108_000);
      expect(d).toBeLessThanOrEqual(132_000);
    }
  });

  it('give a send about an hour and more before it fails', () => {
    const p = jobPolicyFor('outbound');
    let total = 0;
    for (let n = 1; n < p.attempts; n++) total += Math.min(p.backoffMs * 2 ** (n - 1), p.maxBackoffMs ?? Infinity);
    expect(total).toBeGreaterThan(3_600_000);
  });

  it("follow a 429's Retry-After, within bounds", () => {
    const b = { delay: 2_000, max: 120_000 };
    expect(backoffDelay(1, b, Object.assign(new Error('429'), { retryAfterMs: 30_000 }))).toBe(30_000);
    expect(backoffDelay(1, b, Object.assign(new Error('429'), { retryAfterMs: 86_400_000 }))).toBe(MAX_RETRY_AFTER_MS);
    expect(backoffDelay(1, b, Object.assign(new Error('429'), { retryAfterMs: 0 }))).toBe(250);
  });

  it('read Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
