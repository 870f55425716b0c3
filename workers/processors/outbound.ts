import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { chunkForLine, toLineMessages } from '../../bot/line/line-messages.ts';
import { LineSendError, sendOverLine } from '../../bot/line/line-sender.ts';
import { createTwilioClient } from '../../bot/whatsapp/twilio-client.ts';
import { sendOverWhatsApp, WhatsAppSendError } from '../../bot/whatsapp/whatsapp-sender.ts';
import type { Channel, ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { countLinePushes } from '../../core/channels/line-push-usage.ts';
import { failPendingMessages, markMessagesSent, markOutcomeUnknown, OUTBOUND_QUEUE, releaseSendLease, SEND_JOB, takeSendLease, type SendJobPayload } from '../../core/conversations/outgoing.ts';
import { claimReplyToken, holdsReplyClaim, reclaimReplyToken, settleReplyClaim } from '../../core/inbound/reply-tokens.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { Language } from '../../core/vocabulary.ts';
import type { JobContext, ProcessorTable } from '../job-runner.ts';
import { parseRetryAfter } from '../../core/http/retry-after.ts';
import { formatDuration, type RetryAfterError } from '../job-policy.ts';
import { alertSendFailed } from '../../core/staff/send-failure-alert.ts';

/**
 * Step 5 of DESIGN.md section 2: stored outbound messages go out on their conversation's channel.
 * LINE 429 / 5xx and network failures are retried by BullMQ with backoff for 73 minutes from the
 * first attempt, however many attempts that takes (job-policy.ts; a 429's Retry-After honoured); a
 * refusal (other 4xx), or the first failure once that time is up, marks the messages failed with
 * LINE's or Twilio's reason, alerts the managers' groups once and ends the job failed, visibly
 * (GET /api/v1/outbox?status=failed, POST …/:id/retry).
 */
export interface OutboundDeps {
  knex: Knex;
  channels: ChannelDirectory;
  lineApiBaseUrl: string;
  twilioApiBaseUrl?: string;
  publicBaseUrl?: string;
}

/** LINE gives a reply token about a minute; past 50 s we push rather than risk a refusal. */
export const REPLY_TOKEN_FRESH_SECONDS = 50;

interface ConversationRow {
  id: string;
  org_id: string;
  external_id: string;
  contact_id: string | null;
  last_inbound_at: Date | null;
}

interface PendingRow {
  id: string;
  payload: { outbound: OutboundMessage };
}

export function outboundProcessors(deps: OutboundDeps): ProcessorTable {
  return {
    [OUTBOUND_QUEUE]: {
      async [SEND_JOB](raw, job) {
        const payload = raw as unknown as SendJobPayload;
        const { knex } = deps;
        const conversation = await knex('conversations').where({ id: payload.conversationId }).first();
        if (!conversation) throw new UnrecoverableError(`conversation ${payload.conversationId} not found`);
        const channel = await deps.channels.byId(conversation.channel_id);
        if (!channel) throw new UnrecoverableError(`channel ${conversation.channel_id} is gone or inactive`);

        if (payload.combine) return sendCombined(deps, channel, conversation, payload, job);
        const rows: PendingRow[] = await knex('messages')
          .select('id', 'payload')
          .whereIn('id', payload.messageIds)
          .andWhere('delivery_status', 'pending');
        const order = new Map(payload.messageIds.map((id, i) => [id, i]));
        const pending = rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        return send(deps, channel, conversation, payload, pending, job);
      },
    },
  };
}

/**
 * Channels whose platform was busy or failing at this process's last send to them: the next success
 * there promotes every send waiting out its backoff, so customers hear back within seconds of the
 * platform's return, not at the end of a 2-minute wait.
 */
const troubledChannels = new Map<string, number>();

/**
 * The send's budget is time (job-policy.ts: 73 minutes from its first attempt), however many
 * attempts the waits a platform asks for take; a policy without one counts attempts.
 */
function mayRetryAgain(job: JobContext): boolean {
  return job.mayRetry?.() ?? job.attempt < job.maxAttempts;
}

/** A conversation's combined pushes are sent by one job at a time: the one holding this lease. */
const SEND_LEASE_SECONDS = 60;
const LEASE_WAIT_POLL_MS = 200;

/**
 * A push to a staff group (`combine`): every combinable message pending for the group by now goes
 * out together, in order, under the conversation's lease; the jobs of the messages it took find
 * nothing left. A job that finds the lease held retries, if its own messages are still waiting.
 * A job that gives up fails only its own messages: those it took along have jobs of their own,
 * whose time may not be up (an alert queued a second before this job's time ran out would
 * otherwise be failed unsent, and its own job would find nothing left to send).
 */
async function sendCombined(deps: OutboundDeps, channel: Channel, conversation: ConversationRow, payload: SendJobPayload, job: JobContext) {
  const { knex } = deps;
  if (!(await takeSendLease(knex, conversation.id, SEND_LEASE_SECONDS))) {
    const mine = async () => knex('messages').whereIn('id', payload.messageIds).andWhere('delivery_status', 'pending').first('id');
    if (!(await mine())) return { sent: 0 };
    if (mayRetryAgain(job)) {
      throw new Error(`another job is sending to conversation ${conversation.id}; these messages wait for it`);
    }
    // This job's time is up: giving up here would end it failed with its messages left pending,
    // unsent and unreported. It waits for the holder instead (one send: seconds; a lease outlives a
    // crashed holder by at most SEND_LEASE_SECONDS), then sends or fails its own like any last attempt.
    while (!(await takeSendLease(knex, conversation.id, SEND_LEASE_SECONDS))) {
      if (!(await mine())) return { sent: 0 };
      await new Promise((r) => setTimeout(r, LEASE_WAIT_POLL_MS));
    }
  }
  try {
    const pending: PendingRow[] = await knex('messages')
      .select('id', 'payload')
      .where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'pending' })
      .andWhereRaw(`payload->>'combine' = 'true'`)
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return await send(deps, channel, conversation, { ...payload, messageIds: pending.map((p) => p.id) }, pending, job, payload.messageIds);
  } finally {
    await releaseSendLease(knex, conversation.id);
  }
}

async function send(
  deps: OutboundDeps,
  channel: Channel,
  conversation: ConversationRow,
  payload: SendJobPayload,
  pending: PendingRow[],
  job: JobContext,
  /** The messages this job was queued for (a combined send also carries others'); failed when it gives up. */
  own: string[] = payload.messageIds,
) {
  const { knex } = deps;
  if (pending.length === 0) return { sent: 0 };

  const markSent = (ids: string[], platformIds: (string | null)[]) => markMessagesSent(knex, ids, platformIds);
  const observed: SendObservations = {};
  try {
    if (channel.kind === 'line') {
      await sendLine(deps, channel, conversation, payload, pending, markSent, job, observed);
    } else {
      await sendWhatsApp(deps, channel, conversation, pending, markSent);
    }
    if (troubledChannels.delete(channel.id)) {
      // The platform answers again: the sends waiting out their backoff (up to 2 minutes) go now.
      job.logger.info({ channel: channel.id }, 'platform back: retrying the waiting sends now');
      void job.promoteDelayed().catch((e) => job.logger.warn({ err: e }, 'could not promote the waiting sends'));
    }
  } catch (err) {
    const retryable = (err instanceof LineSendError || err instanceof WhatsAppSendError) && err.retryable;
    if (retryable) troubledChannels.set(channel.id, Date.now());
    if (retryable && mayRetryAgain(job)) {
      if (observed.retryAfterMs !== undefined) (err as RetryAfterError).retryAfterMs = observed.retryAfterMs;
      throw err;
    }
    const reason = !retryable
      ? (err as Error).message
      : job.retryUntil !== undefined
        ? `gave up after ${formatDuration(Date.now() - (job.retryStartedAt ?? Date.now()))} of retries (${job.attempt} attempts): ${(err as Error).message}`
        : `gave up after ${job.attempt} attempts: ${(err as Error).message}`;
    const failed = await failPendingMessages(knex, own, reason);
    if (failed > 0) {
      await alertSendFailed(knex, {
        orgId: conversation.org_id,
        outboxId: job.outboxId,
        conversationId: conversation.id,
        messages: failed,
        error: reason,
      }).catch((e) => job.logger.warn({ err: e }, 'could not alert the managers about a failed send'));
    }
    throw new UnrecoverableError(reason);
  }
  job.logger.debug({ sent: pending.length, channel: channel.kind }, 'messages sent');
  return { sent: pending.length };
}

async function sendLine(
  deps: OutboundDeps,
  channel: Extract<Channel, { kind: 'line' }>,
  conversation: { external_id: string; org_id: string },
  payload: SendJobPayload,
  pending: PendingRow[],
  markSent: (ids: string[], platformIds: (string | null)[]) => Promise<unknown>,
  job: JobContext,
  observed: SendObservations,
) {
  const { knex } = deps;
  // An earlier attempt of this send claimed the reply token and ended before LINE's answer was
  // recorded (docs/channels.md, "A reply and a crash"): while the token is fresh it is tried again.
  const claimStands = payload.replyToEventId !== undefined && (await holdsReplyClaim(knex, payload.replyToEventId, job.outboxId));
  const resumedToken = claimStands ? await reclaimReplyToken(knex, payload.replyToEventId!, job.outboxId, REPLY_TOKEN_FRESH_SECONDS) : undefined;
  if (claimStands && !resumedToken) pending = await settleUnknownReply(knex, payload.replyToEventId!, pending, job);
  if (pending.length === 0) return;
  const client = observeLineClient(
    new messagingApi.MessagingApiClient({
      channelAccessToken: channel.credentials.channelAccessToken,
      baseURL: channel.settings.apiBaseUrl ?? deps.lineApiBaseUrl,
    }),
    observed,
    async () => {
      // LINE answered the reply with an error (token spent or stale, busy, failing): nothing was
      // delivered by it, so the claim no longer stands for an unknown outcome.
      if (payload.replyToEventId) await settleReplyClaim(knex, payload.replyToEventId, job.outboxId);
    },
  );
  const lineMessages = toLineMessages(pending.map((p) => p.payload.outbound));
  const result = await sendOverLine({
    client,
    to: conversation.external_id,
    pending: pending.map((p, i) => ({ id: p.id, message: lineMessages[i] })),
    replyTokenSpentByEarlierAttempt: resumedToken !== undefined,
    takeReplyToken: async () => {
      if (resumedToken) return resumedToken;
      if (!payload.replyToEventId) return undefined;
      // Claimed once, and only while fresh: a used or stale token would be refused anyway. The
      // claim names this outbox row: a retry that finds its own claim knows the reply's outcome is
      // unknown (settleUnknownReply).
      return claimReplyToken(knex, payload.replyToEventId, job.outboxId, REPLY_TOKEN_FRESH_SECONDS);
    },
    onSent: async (ids, platformIds, via) => {
      await markSent(ids, platformIds);
      if (via === 'reply' && payload.replyToEventId) {
        // Known now: the claim is settled.
        await settleReplyClaim(knex, payload.replyToEventId, job.outboxId);
      }
    },
  });
  // Pushes count against LINE's monthly quota; replies are free (core/channels/line-push-usage.ts).
  if (result.pushed > 0) await countLinePushes(knex, conversation.org_id, result);

}

async function sendWhatsApp(
  deps: OutboundDeps,
  channel: Extract<Channel, { kind: 'whatsapp' }>,
  conversation: { external_id: string; org_id: string; contact_id: string | null; last_inbound_at: Date | null },
  pending: PendingRow[],
  markSent: (ids: string[], platformIds: (string | null)[]) => Promise<unknown>,
) {
  const { knex } = deps;
  const contact = conversation.contact_id ? await knex('contacts').select('language').where({ id: conversation.contact_id }).first() : undefined;
  const language: Language = contact?.language ?? 'th';
  const templates: Record<string, string> = Object.fromEntries(
    (
      await knex('templates')
        .select('key', 'whatsapp_content_sid')
        .where({ org_id: conversation.org_id, language })
        .whereNotNull('whatsapp_content_sid')
    ).map((t: { key: string; whatsapp_content_sid: string }) => [t.key, t.whatsapp_content_sid]),
  );
  const insideWindow =
    conversation.last_inbound_at !== null && Date.now() - new Date(conversation.last_inbound_at).getTime() < 24 * 3600 * 1000;
  await sendOverWhatsApp({
    client: createTwilioClient({
      accountSid: channel.credentials.accountSid,
      authToken: channel.credentials.authToken,
      apiBaseUrl: channel.settings.apiBaseUrl ?? deps.twilioApiBaseUrl,
    }),
    accountSid: channel.credentials.accountSid,
    from: channel.externalId ?? '',
    to: conversation.external_id,
    pending: pending.map((p) => ({ id: p.id, message: p.payload.outbound })),
    insideWindow,
    language,
    templates,
    statusCallback: deps.publicBaseUrl ? `${deps.publicBaseUrl}/webhooks/whatsapp/${channel.id}` : undefined,
    onSent: async (id, sid) => {
      await markSent([id], [sid]);
    },
  });
}

interface SendObservations {
  /** From LINE's last 429: how long it asked us to wait. */
  retryAfterMs?: number;
}

/**
 * The LINE client as sendOverLine uses it, watched: a 429's Retry-After is kept for the job's
 * backoff, and a reply LINE answered with an error (so not delivered) is reported.
 */
function observeLineClient(
  client: messagingApi.MessagingApiClient,
  observed: SendObservations,
  onReplyRefused: () => Promise<void>,
): messagingApi.MessagingApiClient {
  const note = (err: unknown) => {
    if (err instanceof HTTPFetchError && err.status === 429) {
      observed.retryAfterMs = parseRetryAfter(err.headers?.get?.('retry-after'));
    }
  };
  const watched = Object.create(client) as messagingApi.MessagingApiClient;
  watched.replyMessage = async (...args: Parameters<messagingApi.MessagingApiClient['replyMessage']>) => {
    try {
      return await client.replyMessage(...args);
    } catch (err) {
      note(err);
      // Any answer from LINE (4xx, 5xx) says the reply was not taken; only no answer is unknown.
      if (err instanceof HTTPFetchError) await onReplyRefused();
      throw err;
    }
  };
  watched.pushMessage = async (...args: Parameters<messagingApi.MessagingApiClient['pushMessage']>) => {
    try {
      return await client.pushMessage(...args);
    } catch (err) {
      note(err);
      throw err;
    }
  };
  return watched;
}

/**
 * docs/channels.md, "A reply and a crash": LINE's reply call takes no retry key, so when an earlier
 * attempt of this job claimed the reply token, its messages are still pending and the token is too
 * old to try again, nobody knows whether LINE delivered them (the process died, or the call broke,
 * around LINE's answer). They are not sent again: the batch that went with the token is marked sent
 * with `outcome_unknown_at`, which staff see (GET /api/v1/outbox/outcome-unknown), and the rest go
 * by push.
 */
async function settleUnknownReply(knex: Knex, eventId: number, pending: PendingRow[], job: JobContext): Promise<PendingRow[]> {
  if (pending.length === 0) return pending;
  const [replyBatch] = chunkForLine(pending);
  const ids = replyBatch.map((p) => p.id);
  await knex.transaction(async (trx) => {
    await markOutcomeUnknown(trx, ids, 'reply outcome unknown: the attempt that used the reply token ended before LINE’s answer was recorded; not sent again');
    await settleReplyClaim(trx, eventId, job.outboxId);
  });
  job.logger.warn({ messages: ids.length }, 'reply outcome unknown after a crash: marked, not sent again');
  return pending.filter((p) => !ids.includes(p.id));
}
