import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import { claimingReplyToken, REPLY_TOKEN_FRESH_SECONDS } from '../inbound/reply-tokens.ts';
import { addToOutbox, outboxRowsWaitFor, workDoneHereCollected, writeWithOutboxRows } from '../outbox/outbox.ts';
import type { ChannelKind } from '../vocabulary.ts';
import { Subscribers } from '../subscribers.ts';

/**
 * The one way anything in the product talks to a customer or a group: the messages are stored as
 * pending, with an outbox row that the outbound worker turns into a reply or a push. Called with
 * the transaction of the change that caused them, so a rolled-back change says nothing.
 */
export const OUTBOUND_QUEUE = 'outbound';
export const SEND_JOB = 'send';
/**
 * Sends to an e-mail conversation: their outbox rows are not handed to BullMQ one job each but
 * claimed in batches by the e-mail drain (workers/email-drain.ts), which sends a batch over the
 * channel's pooled SMTP connections and records it in a few statements.
 */
export const EMAIL_SEND_QUEUE = 'email';

export interface SendJobPayload {
  conversationId: string;
  /** In the order they are to be sent. */
  messageIds: string[];
  /** The inbound event whose reply token may be used, while it is fresh. */
  replyToEventId?: number;
  /**
   * A push to a group waits this long, and then takes every message that is pending for the
   * group by then: a burst of cards and alerts becomes one push (LINE counts pushes per recipient).
   */
  combine?: boolean;
}

/**
 * The conversation a reply answers, as the router read it with the customer's message
 * (`answeringIn`): the reply's messages and its token's claim then go in with the transaction's
 * last statement, and its send, done where it was decided, reads nothing back (#41).
 */
export interface ReplyingTo {
  channelId: string;
  channelKind: ChannelKind;
  externalId: string;
  contactId: string | null;
  /** When the customer last wrote (WhatsApp's 24-hour window): the message being answered. */
  lastInboundAt: Date;
}

const answering = new WeakMap<Knex.Transaction, { eventId: number; conversationId: string; to: ReplyingTo }>();

/**
 * The transaction answers the customer's event `eventId` in the conversation it was read with (the
 * router's): a reply queued in it to that event, by whichever owner (the bot's answer, a case's
 * acknowledgement, a booking's news), goes in with the transaction's last statement and is handed to
 * its send (`queueReplyHandedOver`).
 */
export function answeringIn(trx: Knex.Transaction, eventId: number, conversationId: string, to: ReplyingTo): void {
  answering.set(trx, { eventId, conversationId, to });
}

/**
 * What the transaction that queued a reply hands to its send done here (`OutboxEntry.given`): the
 * conversation, the messages as stored, and the reply token claimed with them. `committed` tells
 * whether that transaction committed: one that rolled back sends nothing (its send then reads, as
 * its own job would, and finds nothing).
 */
export interface ReplyHandedOver {
  conversation: { id: string; org_id: string; external_id: string; contact_id: string | null; last_inbound_at: Date; channel_id: string };
  pending: { id: string; sender_type: string; payload: { outbound: OutboundMessage } }[];
  replyTokenClaimed?: { token: string | undefined };
  committed: Promise<boolean>;
}

/** A stored file a queued message carries (a staff member's attachment). */
export interface StoredFile {
  id: string;
  kind: 'image' | 'file';
  mediaPath: string;
  name: string;
  contentType: string;
}

/**
 * How long a push to a group waits for more messages to combine with: the deployment's
 * GROUP_PUSH_WINDOW_MS, set once as the process starts (bin/system.ts).
 */
let groupPushWindowMs = 2_000;

export function setGroupPushWindow(ms: number): void {
  groupPushWindowMs = ms;
}

export async function queueMessages(
  trx: Knex.Transaction,
  m: {
    orgId: string;
    conversationId: string;
    messages: OutboundMessage[];
    senderType: 'bot' | 'staff' | 'system';
    staffId?: string;
    replyToEventId?: number;
    /** The case or booking the messages are about: a quote-reply to one of them finds it. */
    caseId?: string;
    bookingId?: string;
    /** The customer conversation a staff group's message is about: a quote-reply to it reaches that customer. */
    aboutConversationId?: string;
    /** A push to a staff group: combined with the others that follow within the group push window. */
    combine?: boolean;
    /**
     * With `combine`: goes at once instead of waiting out the window, taking along whatever is
     * pending for the group by then (a customer waiting for a person is not kept waiting).
     */
    atOnce?: boolean;
    now?: Date;
    /**
     * Stored files (a staff member's attachments), by the position of the message that carries
     * each: that message takes the file's id, so the signed link by that id
     * (core/media/media-links.ts) serves the file from `mediaPath`. Several files in one call go
     * out in one send job, in the order given (a note's words, then its photos).
     */
    files?: ReadonlyMap<number, StoredFile>;
  },
): Promise<{ outboxId: string; messageIds: string[] }> {
  const outboxId = randomUUID();
  // A reply (with its token) goes at once, and alone: combining is for pushes.
  const combine = Boolean(m.combine) && !m.replyToEventId;
  const rowsOf = (ids?: string[]) =>
    m.messages.map((message, i) => {
      const file = m.files?.get(i);
      return {
        ...(file ? { id: file.id, media_path: file.mediaPath } : ids ? { id: ids[i] } : {}),
        org_id: m.orgId,
        conversation_id: m.conversationId,
        direction: 'out',
        sender_type: m.senderType,
        staff_id: m.staffId ?? null,
        case_id: m.caseId ?? null,
        booking_id: m.bookingId ?? null,
        about_conversation_id: m.aboutConversationId ?? null,
        kind: file?.kind ?? (message.kind === 'image' ? 'image' : message.kind === 'text' ? 'text' : 'other'),
        text: message.kind === 'text' ? message.text : message.kind === 'card' ? message.card.altText : null,
        payload: JSON.stringify({
          outbound: message,
          ...(combine ? { combine } : {}),
          ...(file ? { attachment: { name: file.name, contentType: file.contentType } } : {}),
        }),
        outbox_id: outboxId,
        delivery_status: 'pending',
      };
    });
  const answered = answering.get(trx);
  if (answered && answered.eventId === m.replyToEventId && answered.conversationId === m.conversationId && !combine && outboxRowsWaitFor(trx) && workDoneHereCollected()) {
    // Its ids are made here: nothing reads the rows back.
    const rows = rowsOf(m.messages.map(() => randomUUID()));
    return queueReplyHandedOver(trx, { ...m, replyToEventId: answered.eventId, replyingTo: answered.to }, outboxId, rows);
  }
  const rows = await trx('messages')
    .insert(rowsOf())
    // The channel's kind comes back with the rows (no statement of its own): it picks the queue.
    .returning(['id', trx.raw(`(SELECT ch.kind FROM conversations c JOIN channels ch ON ch.id = c.channel_id WHERE c.id = messages.conversation_id) AS channel_kind`) as unknown as string]);
  const messageIds = rows.map((r: { id: string }) => r.id);
  const queue = rows[0]?.channel_kind === 'email' ? EMAIL_SEND_QUEUE : OUTBOUND_QUEUE;
  const payload: SendJobPayload = { conversationId: m.conversationId, messageIds, replyToEventId: m.replyToEventId, ...(combine ? { combine } : {}) };
  await addToOutbox(trx, {
    id: outboxId,
    orgId: m.orgId,
    queue,
    jobName: SEND_JOB,
    payload: { ...payload },
    // A reply is sent by the job that decided it, while its token is fresh, where that job collects such work.
    doneHere: m.replyToEventId !== undefined,
    ...(combine && !m.atOnce && groupPushWindowMs > 0 ? { availableAt: new Date((m.now ?? new Date()).getTime() + groupPushWindowMs) } : {}),
  });
  return { outboxId, messageIds };
}

/**
 * A reply decided in a job that sends it itself (`doneHere`), to a conversation the caller read:
 * its messages and its token's claim go in with the transaction's outbox rows, in one statement,
 * and what the send needs is handed to it. The claim commits with the answer or not at all, which
 * is what a claim made just before LINE is called promises too (docs/channels.md, "A reply and a
 * crash"): a process that dies after the commit leaves the claim to the row's own job, which tries
 * the token again while it is fresh.
 */
async function queueReplyHandedOver(
  trx: Knex.Transaction,
  m: { orgId: string; conversationId: string; senderType: string; replyToEventId: number; replyingTo: ReplyingTo },
  outboxId: string,
  rows: Record<string, unknown>[],
): Promise<{ outboxId: string; messageIds: string[] }> {
  const messageIds = rows.map((r) => r.id as string);
  const to = m.replyingTo;
  const given: ReplyHandedOver = {
    conversation: { id: m.conversationId, org_id: m.orgId, external_id: to.externalId, contact_id: to.contactId, last_inbound_at: to.lastInboundAt, channel_id: to.channelId },
    pending: rows.map((r) => ({ id: r.id as string, sender_type: m.senderType, payload: JSON.parse(r.payload as string) })),
    committed: trx.executionPromise.then(
      () => true,
      () => false,
    ),
  };
  await writeWithOutboxRows(trx, trx('messages').insert(rows));
  await writeWithOutboxRows(trx, claimingReplyToken(trx, m.replyToEventId, outboxId, REPLY_TOKEN_FRESH_SECONDS), {
    returned: (claimed) => {
      given.replyTokenClaimed = { token: (claimed[0]?.token as string | null) ?? undefined };
    },
  });
  const payload: SendJobPayload = { conversationId: m.conversationId, messageIds, replyToEventId: m.replyToEventId };
  await addToOutbox(trx, { id: outboxId, orgId: m.orgId, queue: to.channelKind === 'email' ? EMAIL_SEND_QUEUE : OUTBOUND_QUEUE, jobName: SEND_JOB, payload: { ...payload }, doneHere: true, given });
  return { outboxId, messageIds };
}

/**
 * Sending to a conversation, in the outbound worker: the lease that lets one job at a time send a
 * group's combined pushes, and what became of each message.
 */

/** Takes the conversation's send lease for `seconds`; false while another job holds it. */
export async function takeSendLease(db: Knex, conversationId: string, seconds: number): Promise<boolean> {
  const leased = await db('conversations')
    .where({ id: conversationId })
    .andWhere((q) => q.whereNull('send_lease_until').orWhere('send_lease_until', '<', db.fn.now()))
    .update({ send_lease_until: db.raw(`now() + make_interval(secs => ?)`, [seconds]) });
  return leased > 0;
}

export async function releaseSendLease(db: Knex, conversationId: string): Promise<void> {
  await db('conversations').where({ id: conversationId }).update({ send_lease_until: null });
}

/**
 * The platform accepted these messages, with its ids for them (for its delivery reports). `along`:
 * another table's owner's statement known at the same moment (a reply token's claim settled,
 * core/inbound/reply-tokens.ts `settlingReplyClaim`), run in the same statement as a CTE: one round
 * trip, and both or neither.
 */
export async function markMessagesSent(db: Knex, ids: string[], platformIds: (string | null)[], along?: Knex.QueryBuilder): Promise<void> {
  if (ids.length === 0) {
    if (along) await along;
    return;
  }
  // One statement however many (an e-mail batch records a hundred at once).
  const sent = `UPDATE messages m SET delivery_status = 'sent', platform_message_id = s.platform_id, sent_at = now()
       FROM unnest(?::uuid[], ?::text[]) AS s(id, platform_id)
      WHERE m.id = s.id`;
  const bindings = [ids, ids.map((_, i) => platformIds[i] ?? null) as string[]];
  await (along ? db.raw(`WITH along AS (?) ${sent}`, [along, ...bindings]) : db.raw(sent, bindings));
}

/** A send that gave up for good: how many of its messages to this conversation were failed, and why. */
export interface FailedSend {
  orgId: string;
  outboxId: string;
  conversationId: string;
  messages: number;
  /** The messages failed (or undelivered) by it. */
  messageIds: string[];
  error: string;
  /** The customer blocked the account: the messages are `undelivered`, and no retry would reach them. */
  blocked: boolean;
}

/** How the delivery error of a message to a customer who blocked the account begins. */
export const BLOCKED = 'blocked:';

const failedSends = new Subscribers<FailedSend>();

/** Adds a reaction to a failed send (the managers' alert), by name: it runs in the transaction that records the failure. */
export function subscribeToFailedSends(name: string, subscriber: (trx: Knex.Transaction, send: FailedSend) => Promise<void>): void {
  failedSends.subscribe(name, subscriber);
}

/**
 * The send gave up: its messages still pending are failed (`undelivered` when the customer blocked
 * the account), with the reason, and when there were
 * any, the reactions to a failed send run in the same transaction. A reaction that fails does not
 * undo the failure (nobody would hear of the messages, pending for ever): it is rolled back alone
 * and its error returned.
 */
export async function recordFailedSend(
  db: Knex,
  send: { orgId: string; outboxId: string; conversationId: string; messageIds: string[]; reason: string; blocked?: boolean },
): Promise<{ failed: number; reactionError?: unknown }> {
  return db.transaction(async (trx) => {
    const blocked = send.blocked === true;
    const rows: { id: string }[] = await trx('messages')
      .whereIn('id', send.messageIds)
      .andWhere('delivery_status', 'pending')
      .update(
        blocked
          ? { delivery_status: 'undelivered', delivery_error: `${BLOCKED} ${send.reason}`.slice(0, 2000) }
          : { delivery_status: 'failed', delivery_error: send.reason.slice(0, 2000) },
      )
      .returning('id');
    const failed = rows.length;
    if (failed === 0) return { failed };
    const event: FailedSend = {
      orgId: send.orgId,
      outboxId: send.outboxId,
      conversationId: send.conversationId,
      messages: failed,
      messageIds: rows.map((r) => r.id),
      error: send.reason,
      blocked,
    };
    try {
      await trx.transaction((reactions) => failedSends.publish(reactions, event));
    } catch (reactionError) {
      return { failed, reactionError };
    }
    return { failed };
  });
}

/** Nobody can know whether the platform delivered these (a reply whose answer was lost): not sent again, marked for staff. */
export async function markOutcomeUnknown(trx: Knex.Transaction, ids: string[], note: string): Promise<void> {
  await trx('messages').whereIn('id', ids).andWhere('delivery_status', 'pending').update({ delivery_status: 'sent', outcome_unknown_at: trx.fn.now(), delivery_error: note });
}
