import type { JobAddOptions } from './queue-backend.ts';

/**
 * How hard BullMQ tries a job before it lands in the failed state, per queue. One table, so a
 * reader finds every retry rule in one place.
 */
export interface JobPolicy {
  attempts: number;
  /** First retry after this many ms, doubling each time (BullMQ's exponential backoff). */
  backoffMs: number;
  /** Doubling stops here: later retries come every `maxBackoffMs` (with a little jitter). */
  maxBackoffMs?: number;
}

const defaultPolicy: JobPolicy = { attempts: 5, backoffMs: 2_000 };

const policies: Record<string, JobPolicy> = {
  system: { attempts: 3, backoffMs: 10_000 },
  webhooks: { attempts: 10, backoffMs: 10_000 }, // outbound webhooks: ~85 min for a receiver to come back
  // Sends to LINE and WhatsApp outlast a platform outage of an hour and more: 2, 4, 8 … 120 s, then
  // every 2 minutes: 40 attempts reach about 73 minutes (LINE's retry keys stay valid for 24 h).
  // A 429's Retry-After, when LINE or Twilio gives one, replaces the computed wait.
  outbound: { attempts: 40, backoffMs: 2_000, maxBackoffMs: 120_000 },
};

export function jobPolicyFor(queue: string, overrides: Record<string, JobPolicy> = {}): JobPolicy {
  return overrides[queue] ?? policies[queue] ?? defaultPolicy;
}

export function jobOptions(policy: JobPolicy): JobAddOptions {
  return {
    attempts: policy.attempts,
    // `custom`: computed by backoffDelay below, which the workers are given (job-runner.ts).
    backoff: { type: 'custom', delay: policy.backoffMs, ...(policy.maxBackoffMs ? { max: policy.maxBackoffMs } : {}) },
    // Keep finished jobs a while: their ids guard against a second enqueue of the same outbox row.
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** An error that says how long to wait before the next attempt (a 429's Retry-After). */
export interface RetryAfterError extends Error {
  retryAfterMs?: number;
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
