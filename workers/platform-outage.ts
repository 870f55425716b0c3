import type { JobContext } from './job-runner.ts';

/**
 * Which queues found a channel's platform busy or failing (429, 5xx, unreachable) at this process's
 * last call there: channel id -> queue names. The first call one of them gets through afterwards
 * says the platform is back, and wakes the jobs of every queue that saw it fail, each waiting out a
 * backoff of up to 2 minutes by then: sends and LINE profile look-ups come back within seconds of
 * the platform's return. A queue that never saw the trouble is left alone, so a partial outage (the
 * profile API failing while sends go through) does not make one queue's successes wake the other's
 * failing jobs again and again.
 */
const troubled = new Map<string, Set<string>>();

/** A call of `queue`'s job to this channel's platform failed in a way a retry may cure. */
export function platformFailed(channelId: string, queue: string): void {
  const queues = troubled.get(channelId) ?? new Set<string>();
  queues.add(queue);
  troubled.set(channelId, queues);
}

/**
 * A call of `queue`'s job to this channel's platform got an answer. If that queue had seen it
 * failing, the platform is back: the waiting jobs of every queue that saw it fail run now, except
 * those the platform told to wait (job-runner.ts keeps their Retry-After).
 */
export function platformAnswered(channelId: string, queue: string, job: Pick<JobContext, 'promoteDelayed' | 'logger'>): void {
  const queues = troubled.get(channelId);
  if (!queues?.has(queue)) return;
  troubled.delete(channelId);
  job.logger.info({ channel: channelId, queues: [...queues] }, 'platform back: retrying the waiting jobs now');
  for (const q of queues) void job.promoteDelayed(q).catch((e) => job.logger.warn({ err: e, queue: q }, 'could not promote the waiting jobs'));
}
