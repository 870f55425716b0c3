import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { ChannelSendError, type ChannelSender } from '../../bot/channel-sender.ts';
import { channelSenders } from '../../bot/channel-senders.ts';
import type { Channel, ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { markMessagesSent, OUTBOUND_QUEUE, recordFailedSend, releaseSendLease, SEND_JOB, takeSendLease, type ReplyHandedOver, type SendJobPayload } from '../../core/conversations/outgoing.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { claimingReplyToken, releaseReplyToken, REPLY_TOKEN_FRESH_SECONDS, settlingReplyClaim } from '../../core/inbound/reply-tokens.ts';
import type { JobContext, ProcessorTable } from '../job-runner.ts';
import { formatDuration } from '../job-policy.ts';
import { platformAnswered, platformFailed } from '../platform-outage.ts';

/**
 * Step 5 of DESIGN.md section 2: stored outbound messages go out on their conversation's channel,
 * through that channel's sender (bot/channel-senders.ts: LINE's reply token and retry keys,
 * WhatsApp's 24-hour window live there). This runs the job: it loads what is pending, asks the
 * sender, and records the outcome. A platform that is busy or failing (429 / 5xx, network) is
 * retried by BullMQ with backoff for 73 minutes from the first attempt, however many attempts that
 * takes (job-policy.ts; a 429's Retry-After honoured); a refusal (other 4xx), or the first failure
 * once that time is up, marks the messages failed with LINE's or Twilio's reason (the managers'
 * groups hear of it once: core/staff/send-failure-alert.ts) and ends the job failed, visibly
 * (GET /api/v1/outbox?status=failed, POST …/:id/retry).
 */
export interface OutboundDeps {
  knex: Knex;
  channels: ChannelDirectory;
  lineApiBaseUrl: string;
  twilioApiBaseUrl?: string;
  publicBaseUrl?: string;
}

interface ConversationRow {
  id: string;
  org_id: string;
  external_id: string;
  contact_id: string | null;
  last_inbound_at: Date | null;
}

interface PendingRow {
  id: string;
  sender_type?: string;
  payload: { outbound: OutboundMessage };
}

export function outboundProcessors(deps: OutboundDeps): ProcessorTable {
  const senders = channelSenders(deps);
  return {
    [OUTBOUND_QUEUE]: {
      async [SEND_JOB](raw, job) {
        const payload = raw as unknown as SendJobPayload;
        const { knex } = deps;
        // A reply whose transaction handed over what it sends, and committed: nothing to read (#41).
        const given = job.here ? (job.given as ReplyHandedOver | undefined) : undefined;
        if (given && (await given.committed)) {
          const channel = await deps.channels.byId(given.conversation.channel_id);
          if (!channel) {
            if (given.replyTokenClaimed?.token) await releaseReplyToken(knex, payload.replyToEventId!, job.outboxId);
            throw new UnrecoverableError(`channel ${given.conversation.channel_id} is gone or inactive`);
          }
          const sending: Sending = { knex, sender: senders.senderFor(channel.kind), channel, conversation: given.conversation, payload, job, replyTokenClaimed: given.replyTokenClaimed ?? { token: undefined } };
          return sendPending(sending, given.pending);
        }
        // The conversation, and for a plain send its messages still pending (in one statement: one
        // for every answer the bot gives), in the order the job names them. A first try that
        // answers a customer's message claims its reply token in the same statement (LINE's: an
        // event without one is not claimed); a retry looks for an earlier attempt's claim first
        // (bot/line/line-sender.ts).
        const claimsReply = payload.replyToEventId !== undefined && job.here === true && !payload.combine;
        // Only with something to send: a first try of a row whose transaction rolled back has nothing.
        const claim = claimsReply
          ? claimingReplyToken(knex, payload.replyToEventId!, job.outboxId, REPLY_TOKEN_FRESH_SECONDS, knex.raw(`EXISTS (SELECT 1 FROM messages WHERE id = ANY(?::uuid[]) AND delivery_status = 'pending')`, [payload.messageIds]))
          : undefined;
        const conversation = await conversationToSend(knex, payload, claim);
        if (!conversation) throw new UnrecoverableError(`conversation ${payload.conversationId} not found`);
        const channel = await deps.channels.byId(conversation.channel_id);
        if (!channel) {
          // Not sent: a retry once the channel is back must not take the claim for a reply that may have gone.
          if (conversation.reply_token) await releaseReplyToken(knex, payload.replyToEventId!, job.outboxId);
          throw new UnrecoverableError(`channel ${conversation.channel_id} is gone or inactive`);
        }
        const replyTokenClaimed = claimsReply ? { token: conversation.reply_token ?? undefined } : undefined;

        const sending: Sending = { knex, sender: senders.senderFor(channel.kind), channel, conversation, payload, job, replyTokenClaimed };
        const send = (pending: PendingRow[], own?: string[]) => sendPending(sending, pending, own);
        if (payload.combine) return sendCombined(knex, conversation, payload, job, send);
        return send(conversation.pending ?? []);
      },
    },
  };
}

async function conversationToSend(
  knex: Knex,
  payload: SendJobPayload,
  claim?: Knex.Raw,
): Promise<(ConversationRow & { channel_id: string; pending: PendingRow[] | null; reply_token?: string | null }) | undefined> {
  const pending = `CASE WHEN ?::boolean THEN NULL ELSE
              (SELECT coalesce(json_agg(json_build_object('id', m.id, 'sender_type', m.sender_type, 'payload', m.payload)
                                        ORDER BY array_position(?::uuid[], m.id)), '[]'::json)
                 FROM messages m WHERE m.id = ANY(?::uuid[]) AND m.delivery_status = 'pending')
            END AS pending`;
  const bindings = [Boolean(payload.combine), payload.messageIds, payload.messageIds, payload.conversationId];
  const { rows } = claim
    ? await knex.raw(`WITH claim AS (?) SELECT c.*, ${pending}, (SELECT token FROM claim) AS reply_token FROM conversations c WHERE c.id = ?`, [claim, ...bindings])
    : await knex.raw(`SELECT c.*, ${pending} FROM conversations c WHERE c.id = ?`, bindings);
  return rows[0];
}

/**
 * The send's budget is time (job-policy.ts: 73 minutes from its first attempt), however many
 * attempts the waits a platform asks for take; a policy without one counts attempts.
 */
function mayRetryAgain(job: JobContext): boolean {
  return job.mayRetry?.() ?? job.attempt < job.maxAttempts;
}

/** A conversation's combined pushes are sent by one job at a time: the one holding this lease. */
const SEND_LEASE_SECONDS = 60;
const LEASE_WAIT_POLL_MS = 50;
/** How long a job waits for the holder's send before it leaves its messages to a retry. */
const LEASE_WAIT_MS = 3_000;

/**
 * A push to a staff group (`combine`): every combinable message pending for the group by now goes
 * out together, in order, under the conversation's lease; the jobs of the messages it took find
 * nothing left. A job that finds the lease held waits for the holder a moment (one send takes tens
 * of milliseconds), then sends what is still pending, its own among them; past that moment it
 * retries, if its own messages are still waiting. Retrying at once would put a card meant to go at
 * once (a customer waiting for a person) behind the queue's 2 s backoff whenever two groups' worth
 * of cards were queued together.
 * A job that gives up fails only its own messages: those it took along have jobs of their own,
 * whose time may not be up (an alert queued a second before this job's time ran out would
 * otherwise be failed unsent, and its own job would find nothing left to send).
 */
async function sendCombined(
  knex: Knex,
  conversation: ConversationRow,
  payload: SendJobPayload,
  job: JobContext,
  send: (pending: PendingRow[], own: string[]) => Promise<{ sent: number }>,
) {
  if (!(await takeSendLease(knex, conversation.id, SEND_LEASE_SECONDS))) {
    const mine = async () => knex('messages').whereIn('id', payload.messageIds).andWhere('delivery_status', 'pending').first('id');
    const waitUntil = Date.now() + LEASE_WAIT_MS;
    do {
      if (!(await mine())) return { sent: 0 };
      // A job whose time is up keeps waiting: giving up here would end it failed with its messages
      // left pending, unsent and unreported (a lease outlives a crashed holder by at most
      // SEND_LEASE_SECONDS); it then sends or fails its own like any last attempt.
      if (Date.now() > waitUntil && mayRetryAgain(job)) {
        throw new Error(`another job is sending to conversation ${conversation.id}; these messages wait for it`);
      }
      await new Promise((r) => setTimeout(r, LEASE_WAIT_POLL_MS));
    } while (!(await takeSendLease(knex, conversation.id, SEND_LEASE_SECONDS)));
  }
  try {
    const pending: PendingRow[] = await knex('messages')
      .select('id', 'payload')
      .where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'pending' })
      .andWhereRaw(`payload->>'combine' = 'true'`)
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return await send(pending, payload.messageIds);
  } finally {
    await releaseSendLease(knex, conversation.id);
  }
}

/** One job's send: to which conversation, on which channel, by which sender. */
interface Sending {
  knex: Knex;
  sender: ChannelSender;
  channel: Channel;
  conversation: ConversationRow;
  payload: SendJobPayload;
  job: JobContext;
  /** Claimed with the read (a first try's): the sender does not claim it again. */
  replyTokenClaimed?: { token: string | undefined };
}

async function sendPending(
  { knex, sender, channel, conversation, payload, job, replyTokenClaimed }: Sending,
  pending: PendingRow[],
  /** The messages this job was queued for (a combined send also carries others'); failed when it gives up. */
  own: string[] = payload.messageIds,
) {
  if (pending.length === 0) return { sent: 0 };
  try {
    await sender.send({
      channel,
      conversation: {
        id: conversation.id,
        orgId: conversation.org_id,
        externalId: conversation.external_id,
        contactId: conversation.contact_id,
        lastInboundAt: conversation.last_inbound_at,
      },
      messages: pending.map((p) => ({ id: p.id, message: p.payload.outbound, ...(p.sender_type ? { senderType: p.sender_type } : {}) })),
      replyToEventId: payload.replyToEventId,
      outboxId: job.outboxId,
      firstTry: job.here === true,
      ...(replyTokenClaimed ? { replyTokenClaimed } : {}),
      logger: job.logger,
      recordSent: (ids, platformIds, settlesReplyOf) =>
        markMessagesSent(knex, ids, platformIds, settlesReplyOf === undefined ? undefined : settlingReplyClaim(knex, settlesReplyOf, job.outboxId)),
    });
    // The platform answers again: the sends (and LINE look-ups) waiting out their backoff go now.
    platformAnswered(channel.id, OUTBOUND_QUEUE, job);
  } catch (err) {
    // A retryable error carries the platform's Retry-After, if it gave one (job-runner.ts reads it).
    const retryable = err instanceof ChannelSendError && err.retryable;
    if (retryable) platformFailed(channel.id, OUTBOUND_QUEUE);
    if (retryable && mayRetryAgain(job)) throw err;
    const reason = !retryable
      ? (err as Error).message
      : job.retryUntil !== undefined
        ? `gave up after ${formatDuration(Date.now() - (job.retryStartedAt ?? Date.now()))} of retries (${job.attempt} attempts): ${(err as Error).message}`
        : `gave up after ${job.attempt} attempts: ${(err as Error).message}`;
    // A customer who blocked the account is not retried: no attempt would reach them.
    const blocked = err instanceof ChannelSendError && err.recipientBlocked;
    const { reactionError } = await recordFailedSend(knex, { orgId: conversation.org_id, outboxId: job.outboxId, conversationId: conversation.id, messageIds: own, reason, blocked });
    if (reactionError) job.logger.warn({ err: reactionError }, 'could not alert the managers about a failed send');
    throw new UnrecoverableError(reason);
  }
  job.logger.debug({ sent: pending.length, channel: channel.kind }, 'messages sent');
  return { sent: pending.length };
}
