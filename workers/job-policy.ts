import { PROFILE_QUEUE } from '../bot/line/line-profiles.ts';
import type { JobAddOptions } from './queue-backend.ts';

/**
 * How hard BullMQ tries a job before it lands in the failed state, per queue. One table, so a
 * reader finds every retry rule in one place.
 */
export interface JobPolicy {
  /** Most attempts. With `retryForMs`, only a guard: the time budget ends a job first. */
  attempts: number;
  /** First retry after this many ms, doubling each time (BullMQ's exponential backoff). */
  backoffMs: number;
  /** Doubling stops here: later retries come every `maxBackoffMs` (with a little jitter). */
  maxBackoffMs?: number;
  /**
   * A time budget instead of a number of attempts: a job is retried until this long has passed
   * since it was queued (its first attempt, unless a queue ahead of it kept it waiting), however
   * many attempts that takes; its first failure after that is final. Short waits a platform asks
   * for (a 429's Retry-After of 1 s) then cost attempts, not time.
   */
  retryForMs?: number;
}

const defaultPolicy: JobPolicy = { attempts: 5, backoffMs: 2_000 };

/** How long a send is retried: about 73 minutes, what 40 attempts at 2 s doubling to 2 min took. */
export const OUTBOUND_RETRY_FOR_MS = 73 * 60_000;
/** More than 73 minutes of 250 ms waits: never reached before the time budget. */
const OUTBOUND_ATTEMPTS_GUARD = 20_000;

const policies: Record<string, JobPolicy> = {
  system: { attempts: 3, backoffMs: 10_000 },
  webhooks: { attempts: 10, backoffMs: 10_000 }, // outbound webhooks: ~85 min for a receiver to come back
  // Sends to LINE and WhatsApp outlast a platform outage of an hour and more: they are retried for
  // 73 minutes from their first attempt (LINE's retry keys stay valid for 24 h), waiting 2, 4, 8 …
  // 120 s, then every 2 minutes, or what a 429's Retry-After says when LINE or Twilio gives one.
  // Time, not attempts: an hour of 429s with `Retry-After: 1` takes thousands of attempts and must
  // not end the send early. The attempts are a guard only (no wait is shorter than 250 ms).
  outbound: { attempts: OUTBOUND_ATTEMPTS_GUARD, backoffMs: 2_000, maxBackoffMs: 120_000, retryForMs: OUTBOUND_RETRY_FOR_MS },
  // A customer's name from LINE outlasts an outage the same way. With 5 attempts (30 s), every
  // lookup of a 5-minute outage ended failed, and the customers stayed unnamed in the desk until
  // the next try a day later.
  [PROFILE_QUEUE]: { attempts: OUTBOUND_ATTEMPTS_GUARD, backoffMs: 2_000, maxBackoffMs: 120_000, retryForMs: OUTBOUND_RETRY_FOR_MS },
};

export function jobPolicyFor(queue: string, overrides: Record<string, JobPolicy> = {}): JobPolicy {
  return overrides[queue] ?? policies[queue] ?? defaultPolicy;
}

export function jobOptions(policy: JobPolicy): JobAddOptions {
  return {
    attempts: policy.attempts,
    // `custom`: computed by backoffDelay below, which the workers are given (job-runner.ts).
    // The time budget travels with the job, so that the worker that runs it knows it (job-runner.ts).
    backoff: {
      type: 'custom',
      delay: policy.backoffMs,
      ...(policy.maxBackoffMs ? { max: policy.maxBackoffMs } : {}),
      ...(policy.retryForMs ? { retryForMs: policy.retryForMs } : {}),
    },
    // Keep finished jobs a while: their ids guard against a second enqueue of the same outbox row.
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** An error that says how long to wait before the next attempt (a 429's Retry-After). */
export interface RetryAfterError extends Error {
  retryAfterMs?: number;
}

/**
 * A job's time budget (`retryForMs`), when its policy has one: it started when the job was queued
 * (BullMQ's `timestamp`, plus the delay it was queued with) and ends `retryForMs` later, both in ms
 * since the epoch. Undefined for a job whose policy counts attempts only.
 */
export function retryBudget(job: { timestamp: number; opts: { delay?: number; backoff?: unknown } }): { startedAt: number; until: number } | undefined {
  const budget = (job.opts.backoff as { retryForMs?: unknown } | undefined)?.retryForMs;
  if (typeof budget !== 'number' || !(budget > 0)) return undefined;
  const startedAt = job.timestamp + Math.max(0, job.opts.delay ?? 0);
  return { startedAt, until: startedAt + budget };
}

/** `1 h 13 min`, `8 s`: how long a job was retried, for its final error. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Retry-After is honoured up to this; a longer one is capped so that the retry budget still counts. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * The wait before attempt `attemptsMade + 1`: the platform's Retry-After when it gave one,
 * otherwise `delay · 2^(n-1)`, capped at `max`, with ±10 % jitter once capped so that a crowd of
 * jobs failed by one outage does not come back in one instant.
 */
export function backoffDelay(attemptsMade: number, backoff: { delay: number; max?: number }, err?: RetryAfterError): number {
  if (err?.retryAfterMs !== undefined && Number.isFinite(err.retryAfterMs) && err.retryAfterMs >= 0) {
    return Math.min(Math.max(err.retryAfterMs, 250), MAX_RETRY_AFTER_MS);
  }
  const doubled = backoff.delay * 2 ** Math.max(0, attemptsMade - 1);
  if (backoff.max === undefined || doubled < backoff.max) return Math.round(doubled);
  return Math.round(backoff.max * (0.9 + Math.random() * 0.2));
}
