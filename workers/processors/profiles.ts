import {
  fetchContactProfile,
  fetchGroupName,
  lineUnavailable,
  PROFILE_JOBS,
  PROFILE_QUEUE,
  type ContactProfileJob,
  type GroupNameJob,
  type ProfileDeps,
} from '../../bot/line/line-profiles.ts';
import type { JobContext, ProcessorTable } from '../job-runner.ts';
import type { RetryAfterError } from '../job-policy.ts';
import { forgetProfileRequest } from '../../core/contacts/contact-profiles.ts';
import { platformAnswered, platformFailed } from '../platform-outage.ts';

export { PROFILE_JOBS, PROFILE_QUEUE };

/**
 * Names from LINE (bot/line/line-profiles.ts): a customer's profile, a group's name. LINE busy
 * (429, 5xx, network) throws and BullMQ retries with the queue's backoff (job-policy.ts: for 73
 * minutes, a 429's Retry-After honoured); LINE refusing ends the job done, with the refusal kept, so
 * a user who is not a friend is not asked again and again. Look-ups take part in the outage signal
 * of the sends (workers/platform-outage.ts): when LINE answers again, the look-ups waiting out
 * their backoff run at once, and customers are named within seconds of LINE's return.
 */
export function profileProcessors(deps: ProfileDeps): ProcessorTable {
  return {
    [PROFILE_QUEUE]: {
      async [PROFILE_JOBS.contactProfile](raw, job) {
        const p = raw as unknown as ContactProfileJob;
        const outcome = await askLine(p.channelId, job, () => fetchContactProfile(deps, p), async () => {
          // Out of time with LINE still unavailable (an outage longer than the 73 minutes): the
          // customer's next message asks again, rather than the next day.
          await forgetProfileRequest(deps.knex, { channelId: p.channelId, userId: p.userId });
        });
        if (!outcome.stored) job.logger.info({ reason: outcome.reason }, 'no LINE profile for this contact');
        return outcome;
      },
      async [PROFILE_JOBS.groupName](raw, job) {
        const p = raw as unknown as GroupNameJob;
        const outcome = await askLine(p.channelId, job, () => fetchGroupName(deps, p));
        if (!outcome.stored) job.logger.info({ reason: outcome.reason }, 'no LINE group name');
        return outcome;
      },
    },
  };
}

/** One look-up, reported to the outage signal: LINE answered, or LINE was unavailable (with its Retry-After for the runner). */
async function askLine<T>(channelId: string, job: JobContext, lookUp: () => Promise<T>, onLastFailure?: () => Promise<void>): Promise<T> {
  try {
    const result = await lookUp();
    platformAnswered(channelId, PROFILE_QUEUE, job);
    return result;
  } catch (err) {
    const unavailable = lineUnavailable(err);
    if (unavailable) {
      platformFailed(channelId, PROFILE_QUEUE);
      if (unavailable.retryAfterMs !== undefined) (err as RetryAfterError).retryAfterMs = unavailable.retryAfterMs;
      if (!(job.mayRetry?.() ?? job.attempt < job.maxAttempts)) await onLastFailure?.();
    }
    throw err;
  }
}
