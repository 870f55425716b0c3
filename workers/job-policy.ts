import type { JobAddOptions } from './queue-backend.ts';

/**
 * How hard BullMQ tries a job before it lands in the failed state, per queue. One table, so a
 * reader finds every retry rule in one place.
 */
export interface JobPolicy {
  attempts: number;
  /** First retry after this many ms, doubling each time (BullMQ's exponential backoff). */
  backoffMs: number;
}

const defaultPolicy: JobPolicy = { attempts: 5, backoffMs: 2_000 };

const policies: Record<string, JobPolicy> = {
  system: { attempts: 3, backoffMs: 10_000 },
  webhooks: { attempts: 10, backoffMs: 10_000 }, // outbound webhooks: ~85 min for a receiver to come back
};

export function jobPolicyFor(queue: string, overrides: Record<string, JobPolicy> = {}): JobPolicy {
  return overrides[queue] ?? policies[queue] ?? defaultPolicy;
}

export function jobOptions(policy: JobPolicy): JobAddOptions {
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    // Keep finished jobs a while: their ids guard against a second enqueue of the same outbox row.
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}
