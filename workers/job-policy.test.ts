import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../core/http/retry-after.ts';
import { backoffDelay, jobOptions, jobPolicyFor, MAX_RETRY_AFTER_MS, retryBudget } from './job-policy.ts';

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

  it('give a send about an hour and more before it fails, in time, not attempts', () => {
    const p = jobPolicyFor('outbound');
    expect(p.retryForMs).toBeGreaterThan(3_600_000);
    // The attempts are only a guard: even at the shortest wait (250 ms, a Retry-After of 0) they
    // outlast the time budget, so an hour of 429s with `Retry-After: 1` (3,600 attempts) does not
    // end the send early, as 40 attempts did.
    const b = { delay: p.backoffMs, max: p.maxBackoffMs };
    expect(p.attempts * backoffDelay(1, b, Object.assign(new Error('429'), { retryAfterMs: 0 }))).toBeGreaterThan(p.retryForMs!);
    let elapsed = 0;
    let attempts = 1;
    while (elapsed < p.retryForMs!) {
      elapsed += backoffDelay(attempts, b, Object.assign(new Error('429'), { retryAfterMs: 1_000 }));
      attempts++;
    }
    expect(attempts).toBeGreaterThan(4_000);
    expect(attempts).toBeLessThan(p.attempts);
    // Without Retry-After: 2 s doubling to 2 minutes, and the budget still about 73 minutes.
    expect(jobOptions(p)).toMatchObject({ attempts: p.attempts, backoff: { type: 'custom', delay: 2_000, max: 120_000, retryForMs: 73 * 60_000 } });
  });

  it('count a time budget from when the job was queued', () => {
    const backoff = { type: 'custom', delay: 2_000, retryForMs: 60_000 };
    expect(retryBudget({ timestamp: 1_000, opts: { backoff } })).toEqual({ startedAt: 1_000, until: 61_000 });
    // Queued to run later: the budget starts when it was due.
    expect(retryBudget({ timestamp: 1_000, opts: { delay: 5_000, backoff } })).toEqual({ startedAt: 6_000, until: 66_000 });
    // A policy that counts attempts has none.
    expect(retryBudget({ timestamp: 1_000, opts: { backoff: { type: 'custom', delay: 2_000 } } })).toBeUndefined();
    expect(retryBudget({ timestamp: 1_000, opts: jobOptions(jobPolicyFor('webhooks')) })).toBeUndefined();
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
