import {
  fetchContactProfile,
  fetchGroupName,
  PROFILE_JOBS,
  PROFILE_QUEUE,
  type ContactProfileJob,
  type GroupNameJob,
  type ProfileDeps,
} from '../../bot/line/line-profiles.ts';
import type { ProcessorTable } from '../job-runner.ts';

export { PROFILE_JOBS, PROFILE_QUEUE };

/**
 * Names from LINE (bot/line/line-profiles.ts): a customer's profile, a group's name. LINE busy
 * (429, 5xx, network) throws and BullMQ retries with the queue's backoff; LINE refusing ends the
 * job done, with the refusal kept, so a user who is not a friend is not asked again and again.
 */
export function profileProcessors(deps: ProfileDeps): ProcessorTable {
  return {
    [PROFILE_QUEUE]: {
      async [PROFILE_JOBS.contactProfile](raw, job) {
        const outcome = await fetchContactProfile(deps, raw as unknown as ContactProfileJob);
        if (!outcome.stored) job.logger.info({ reason: outcome.reason }, 'no LINE profile for this contact');
        return outcome;
      },
      async [PROFILE_JOBS.groupName](raw, job) {
        const outcome = await fetchGroupName(deps, raw as unknown as GroupNameJob);
        if (!outcome.stored) job.logger.info({ reason: outcome.reason }, 'no LINE group name');
        return outcome;
      },
    },
  };
}
