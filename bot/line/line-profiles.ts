import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { stringProblem } from '../../core/inbound/event-checks.ts';
import { parseRetryAfter } from '../../core/http/retry-after.ts';
import type { Knex } from 'knex';
import type { Channel, ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { addToOutbox } from '../../core/outbox/outbox.ts';
import { recordProfileRefusal, storeProfile, type PlatformProfile } from '../../core/contacts/contact-profiles.ts';
import { renameStaffGroup } from '../../core/staff/staff-groups.ts';

/**
 * Names from LINE: a customer's display name (and picture, status message) from their profile,
 * and a group's name from its summary. LINE's webhooks carry neither, so each is asked for in a
 * job of its own, queued in the inbound transaction and never on the webhook's path.
 *
 * What LINE said is kept on the LINE identity (contact_identities.profile); the contact's own
 * display name is only filled when it is empty, so a name an admin gave is never overwritten.
 */
export const PROFILE_QUEUE = 'line-profiles';
export const PROFILE_JOBS = {
  contactProfile: 'fetch-contact-profile',
  groupName: 'fetch-group-name',
} as const;

export interface ContactProfileJob {
  channelId: string;
  userId: string;
  /** Set when the user wrote in a group (or room): a member profile is all LINE gives there. */
  groupId?: string;
  roomId?: string;
}

export interface GroupNameJob {
  channelId: string;
  groupId: string;
}

export interface ProfileDeps {
  knex: Knex;
  channels: ChannelDirectory;
  lineApiBaseUrl: string;
}

/** A contact whose profile LINE did not give (not a friend, gone) is asked again at most this often. */
export const ASK_PROFILE_AGAIN_AFTER = '1 day';

/**
 * Queues the profile fetch of a LINE user whose contact was just marked as asked for (resolveContact
 * with `askProfileAfter`: no name, or a profile never fetched, and not asked within a day). The mark
 * is made under the identity's lock, so a burst of a customer's messages queues one fetch.
 */
export async function queueProfileFetch(trx: Knex.Transaction, p: { orgId: string } & ContactProfileJob): Promise<void> {
  const { orgId, ...job } = p;
  // Asked by the job that stored the message, after the customer's answer has gone, where that job
  // collects such work (workers/processors/inbound.ts): no job of its own in the common case.
  await addToOutbox(trx, { orgId, queue: PROFILE_QUEUE, jobName: PROFILE_JOBS.contactProfile, payload: { ...job } satisfies ContactProfileJob, doneHere: true });
}

/** The bot joined a group: its name is asked for once per join. */
export async function queueGroupNameFetch(trx: Knex.Transaction, p: { orgId: string } & GroupNameJob): Promise<void> {
  const { orgId, ...job } = p;
  await addToOutbox(trx, { orgId, queue: PROFILE_QUEUE, jobName: PROFILE_JOBS.groupName, payload: { ...job } satisfies GroupNameJob });
}

export type FetchOutcome = { stored: true } | { stored: false; reason: string };

/**
 * Asks LINE for a user's profile and keeps it. LINE busy or unreachable (429, 5xx, network):
 * throws, and the job is retried. LINE refusing (404: not a friend, left the group; other 4xx):
 * the refusal is noted on the identity and the job ends, to be asked again a day later at most.
 */
export async function fetchContactProfile(deps: ProfileDeps, job: ContactProfileJob): Promise<FetchOutcome> {
  const channel = await deps.channels.byId(job.channelId);
  if (channel?.kind !== 'line') return { stored: false, reason: 'not an active LINE channel' };
  const client = lineClient(deps, channel);
  let profile: PlatformProfile;
  try {
    profile = job.groupId
      ? await client.getGroupMemberProfile(job.groupId, job.userId)
      : job.roomId
        ? await client.getRoomMemberProfile(job.roomId, job.userId)
        : await client.getProfile(job.userId);
  } catch (err) {
    return noteRefusal(deps, job, lineRefusal(err));
  }
  // LINE answered, but not with a profile we can keep (no displayName, a NUL, an absurd length):
  // that is a refusal too, noted once, not a failure retried five times.
  const unusable = profileProblem(profile);
  if (unusable) return noteRefusal(deps, job, unusable);

  const kept = {
    displayName: profile.displayName,
    ...(profile.pictureUrl ? { pictureUrl: profile.pictureUrl } : {}),
    ...(profile.statusMessage ? { statusMessage: profile.statusMessage } : {}),
    ...(profile.language ? { language: profile.language } : {}),
  };
  return storeProfile(deps.knex, { channelId: job.channelId, userId: job.userId, profile: kept });
}

async function noteRefusal(deps: ProfileDeps, job: ContactProfileJob, refusal: string): Promise<FetchOutcome> {
  await recordProfileRefusal(deps.knex, { channelId: job.channelId, userId: job.userId, refusal });
  return { stored: false, reason: refusal };
}

/** Why a profile LINE sent cannot be kept, or undefined. */
function profileProblem(profile: unknown): string | undefined {
  if (typeof profile !== 'object' || profile === null) return 'LINE answered without a profile';
  const p = profile as Record<string, unknown>;
  if (typeof p.displayName !== 'string') return 'LINE gave a profile without a displayName';
  for (const key of ['displayName', 'pictureUrl', 'statusMessage', 'language'] as const) {
    const value = p[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return `LINE gave a profile whose ${key} is not text`;
    const problem = stringProblem(value, 2_000);
    if (problem) return `LINE gave a profile whose ${key} ${problem}`;
  }
  return undefined;
}

/**
 * Asks LINE for a group's name and stores it on the staff group (LINE's name is the group's
 * name: the API does not set it). A VIP customer's group whose contact still bears the set-up's
 * default name (VIP_GROUP_DEFAULT_NAME) gets the group's name for its contact.
 */
export async function fetchGroupName(deps: ProfileDeps, job: GroupNameJob): Promise<FetchOutcome> {
  const channel = await deps.channels.byId(job.channelId);
  if (channel?.kind !== 'line') return { stored: false, reason: 'not an active LINE channel' };
  let name: string;
  try {
    const summary: { groupName?: unknown } = await lineClient(deps, channel).getGroupSummary(job.groupId);
    // A summary without a usable name is LINE's answer, not a failure to retry.
    if (typeof summary?.groupName !== 'string' || stringProblem(summary.groupName, 2_000)) {
      return { stored: false, reason: 'LINE gave a group summary without a usable groupName' };
    }
    name = summary.groupName.trim();
  } catch (err) {
    return { stored: false, reason: lineRefusal(err) };
  }
  if (!name) return { stored: false, reason: 'LINE gave an empty group name' };
  return deps.knex.transaction(async (trx) => ((await renameStaffGroup(trx, { channelId: job.channelId, lineGroupId: job.groupId, name })) ? { stored: true } : { stored: false, reason: 'the group is not recorded' }));
}

function lineClient(deps: ProfileDeps, channel: Extract<Channel, { kind: 'line' }>) {
  return new messagingApi.MessagingApiClient({
    channelAccessToken: channel.credentials.channelAccessToken,
    baseURL: channel.settings.apiBaseUrl ?? deps.lineApiBaseUrl,
  });
}

/** LINE's refusal (a 4xx other than 429) as a short reason; anything else is rethrown for a retry. */
function lineRefusal(err: unknown): string {
  if (err instanceof HTTPFetchError && err.status !== 429 && err.status >= 400 && err.status < 500) {
    let detail = err.body;
    try {
      detail = JSON.parse(err.body).message ?? err.body;
    } catch {
      // not JSON: keep the text
    }
    return `LINE answered ${err.status}: ${String(detail).slice(0, 200)}`;
  }
  throw err;
}

/**
 * LINE busy or unreachable (429, 5xx, no answer: fetch's own TypeError, a timeout), which a retry may
 * cure, with a 429's Retry-After; undefined for anything else (a refusal, our own failure).
 */
export function lineUnavailable(err: unknown): { retryAfterMs?: number } | undefined {
  if (err instanceof HTTPFetchError) {
    if (err.status === 429) return { retryAfterMs: parseRetryAfter(err.headers?.get?.('retry-after')) };
    return err.status >= 500 ? {} : undefined;
  }
  const name = (err as Error | undefined)?.name;
  if ((err instanceof TypeError && /fetch failed/i.test(err.message)) || name === 'AbortError' || name === 'TimeoutError') return {};
  return undefined;
}
