import type { Knex } from 'knex';
import { ChannelSendError } from '../bot/channel-sender.ts';
import { sendEmails, type EmailSend, type EmailSendOutcome } from '../bot/email/email-sender.ts';
import type { Channel, ChannelDirectory } from '../core/channels/channel-directory.ts';
import { EMAIL_SEND_QUEUE, markMessagesSent, recordFailedSend, type SendJobPayload } from '../core/conversations/outgoing.ts';
import type { Logger } from '../core/logger.ts';
import type { OutboundMessage } from '../core/messaging/outbound-message.ts';
import { claimDueRows, extendLease, settleClaimedRows, type ClaimedOutboxRow, type ClaimedRowOutcome } from '../core/outbox/outbox.ts';
import { backoffDelay, formatDuration, type JobPolicy } from './job-policy.ts';
import type { CommittedOutboxRows } from './outbox-wakeup.ts';

/**
 * E-mails leave in batches (docs/channels.md, "Out: the e-mail drain"). A job per e-mail cost
 * about fifteen statements and a BullMQ job each, and 1,000 queued e-mails drained at a quarter of
 * the speed of plain nodemailer. Here one statement claims up to `batchSize` due e-mail sends
 * (core/outbox claimDueRows), two read their messages and conversations, four read what the
 * e-mails need (bot/email/email-sender.ts), the batch goes over each channel's pooled SMTP
 * connections, and two statements record it: the messages sent, then every row's outcome.
 *
 * The outbound worker's rules hold: a 4xx or a server out of reach is retried with the outbound
 * policy's backoff for its time budget (73 minutes from the first attempt); a 5xx (or any refusal)
 * fails that send alone, visibly (messages `failed` with the server's words, the row `failed`,
 * the managers told: recordFailedSend), and POST /api/v1/outbox/:id/retry sends it again.
 *
 * A kill loses nothing: a claimed row is leased (`leaseMs`) and comes due again when the lease
 * ends. What the server had taken before the kill but was not yet recorded goes again with the
 * same Message-ID, which mail clients show once; what was recorded is never sent again.
 */
export interface EmailDrainOptions {
  knex: Knex;
  channels: ChannelDirectory;
  logger: Logger;
  publicBaseUrl?: string;
  /** The outbound queue's policy (job-policy.ts): the same backoff and time budget as LINE's sends. */
  policy: JobPolicy;
  batchSize?: number;
  /** How long a claimed batch is held before another drain may take it: longer than a batch can take. */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Batches in flight at once in this process: one is recorded while the next is sent. */
  lanes?: number;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  sender_type: string | null;
  payload: { outbound: OutboundMessage };
}

interface ConversationRow {
  id: string;
  org_id: string;
  channel_id: string;
  external_id: string;
  contact_id: string | null;
  last_inbound_at: Date | null;
}

export class EmailDrain {
  readonly #o: Required<Omit<EmailDrainOptions, 'publicBaseUrl'>> & { publicBaseUrl?: string };
  #running = false;
  #loops: Promise<void>[] = [];
  #wakers = new Set<() => void>();
  #nudged = 0;

  constructor(opts: EmailDrainOptions) {
    // Committed rows wake it (LISTEN/NOTIFY); the poll finds retries coming due and bounds a lost notification.
    this.#o = { batchSize: 100, leaseMs: 120_000, pollIntervalMs: 1_000, lanes: 2, ...opts };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = Array.from({ length: this.#o.lanes }, () => this.#run());
  }

  /** Rows were committed: look now rather than at the next poll, if e-mails due now are among them. */
  nudge(committed?: CommittedOutboxRows): void {
    if (committed && !committed.some((r) => r.queue === EMAIL_SEND_QUEUE && !r.later)) return;
    // A sleeping lane is woken; a busy one skips its next sleep. Counting the sleeping ones too made
    // each nudge four claims on two lanes, three of them finding nothing.
    this.#nudged = this.#o.lanes - this.#wakers.size;
    for (const wake of this.#wakers) wake();
  }

  async stop(): Promise<void> {
    this.#running = false;
    for (const wake of this.#wakers) wake();
    await Promise.all(this.#loops);
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let taken = 0;
      try {
        taken = await this.drainOnce();
      } catch (err) {
        this.#o.logger.warn({ err }, 'e-mail drain pass failed; will retry');
      }
      if (taken < this.#o.batchSize && this.#running) await this.#sleep();
    }
  }

  #sleep(): Promise<void> {
    if (this.#nudged > 0) {
      this.#nudged -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(t);
        this.#wakers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, this.#o.pollIntervalMs);
      this.#wakers.add(wake);
    });
  }

  /** Claims one batch, sends it, records it; how many rows it took. */
  async drainOnce(): Promise<number> {
    const { knex, batchSize, leaseMs } = this.#o;
    // A conversation's e-mails are sent by one batch at a time, in the order they were queued.
    const rows = await claimDueRows(knex, { queue: EMAIL_SEND_QUEUE, limit: batchSize, leaseMs, inOrderOf: 'conversationId' });
    if (rows.length === 0) return 0;
    // A batch slower than its lease (a slow server, a loaded machine) renews it, so no other drain takes its rows and sends them twice.
    const renewal = setInterval(() => {
      extendLease(knex, rows.map((r) => r.id), leaseMs).catch((err) => this.#o.logger.warn({ err }, 'could not renew an e-mail batch lease'));
    }, Math.max(100, leaseMs / 4));
    try {
      return await this.#send(rows);
    } finally {
      clearInterval(renewal);
    }
  }

  async #send(rows: ClaimedOutboxRow[]): Promise<number> {
    const { knex } = this.#o;
    const payloads = new Map(rows.map((r) => [r.id, r.payload as unknown as SendJobPayload]));
    const [messages, conversations] = await Promise.all([
      knex('messages')
        .select('id', 'conversation_id', 'sender_type', 'payload')
        .whereIn('id', [...payloads.values()].flatMap((p) => p.messageIds))
        .andWhere('delivery_status', 'pending') as Promise<MessageRow[]>,
      knex('conversations')
        .select('id', 'org_id', 'channel_id', 'external_id', 'contact_id', 'last_inbound_at')
        .whereIn('id', [...new Set([...payloads.values()].map((p) => p.conversationId))]) as Promise<ConversationRow[]>,
    ]);
    const messageById = new Map(messages.map((m) => [m.id, m]));
    const conversationById = new Map(conversations.map((c) => [c.id, c]));

    const outcomes: ClaimedRowOutcome[] = [];
    const failures: { row: ClaimedOutboxRow; conversation: ConversationRow; reason: string; blocked: boolean }[] = [];
    const sent: { ids: string[]; messageIds: string[] } = { ids: [], messageIds: [] };
    const byChannel = new Map<string, { row: ClaimedOutboxRow; send: EmailSend }[]>();
    for (const row of rows) {
      const payload = payloads.get(row.id)!;
      const pending = payload.messageIds.map((id) => messageById.get(id)).filter((m): m is MessageRow => m !== undefined);
      // Everything already sent (a batch recorded before a kill, whose rows were not): done.
      if (pending.length === 0) {
        outcomes.push({ id: row.id, status: 'done' });
        continue;
      }
      const conversation = conversationById.get(payload.conversationId);
      if (!conversation) {
        outcomes.push({ id: row.id, status: 'failed', error: `conversation ${payload.conversationId} not found` });
        continue;
      }
      const list = byChannel.get(conversation.channel_id) ?? [];
      list.push({
        row,
        send: {
          conversation: { id: conversation.id, orgId: conversation.org_id, externalId: conversation.external_id, contactId: conversation.contact_id, lastInboundAt: conversation.last_inbound_at },
          messages: pending.map((m) => ({ id: m.id, message: m.payload.outbound, ...(m.sender_type ? { senderType: m.sender_type } : {}) })),
        },
      });
      byChannel.set(conversation.channel_id, list);
    }

    await Promise.all(
      [...byChannel].map(async ([channelId, list]) => {
        const channel = await this.#o.channels.byId(channelId);
        const results: EmailSendOutcome[] =
          channel?.kind === 'email'
            ? await sendEmails({ knex, publicBaseUrl: this.#o.publicBaseUrl }, channel as Extract<Channel, { kind: 'email' }>, list.map((l) => l.send))
            : list.map(() => ({ sentIds: [], messageIds: [], error: new ChannelSendError(`channel ${channelId} is gone, inactive or not an e-mail channel`, false) }));
        list.forEach(({ row }, i) => {
          const result = results[i];
          sent.ids.push(...result.sentIds);
          sent.messageIds.push(...result.messageIds);
          const outcome = this.#outcomeOf(row, result);
          if (outcome.status === 'failed') {
            const conversation = conversationById.get((payloads.get(row.id) as SendJobPayload).conversationId)!;
            failures.push({ row, conversation, reason: outcome.error, blocked: result.error?.recipientBlocked === true });
          }
          outcomes.push(outcome);
        });
      }),
    );

    // Messages first: a kill before the rows are settled then finds them sent, and sends nothing twice.
    await markMessagesSent(knex, sent.ids, sent.messageIds);
    for (const f of failures) {
      const { reactionError } = await recordFailedSend(knex, {
        orgId: f.conversation.org_id,
        outboxId: f.row.id,
        conversationId: f.conversation.id,
        messageIds: (payloads.get(f.row.id) as SendJobPayload).messageIds,
        reason: f.reason,
        blocked: f.blocked,
      });
      if (reactionError) this.#o.logger.warn({ err: reactionError, outboxId: f.row.id }, 'could not alert the managers about a failed e-mail');
    }
    await settleClaimedRows(knex, outcomes);
    if (failures.length) this.#o.logger.warn({ failed: failures.length, batch: rows.length }, 'e-mails failed');
    return rows.length;
  }

  /** Done, tried again after the policy's wait while its time budget lasts, or failed with the reason. */
  #outcomeOf(row: ClaimedOutboxRow, result: EmailSendOutcome): ClaimedRowOutcome {
    const err = result.error;
    if (!err) return { id: row.id, status: 'done' };
    if (!err.retryable) return { id: row.id, status: 'failed', error: err.message };
    const { policy } = this.#o;
    const now = Date.now();
    const budgetLeft = policy.retryForMs === undefined || now < row.firstTriedAt.getTime() + policy.retryForMs;
    if (budgetLeft && row.attempt < policy.attempts) {
      return { id: row.id, status: 'pending', at: new Date(now + backoffDelay(row.attempt, { delay: policy.backoffMs, max: policy.maxBackoffMs }, err)), error: err.message };
    }
    const spent = policy.retryForMs === undefined ? `${row.attempt} attempts` : `${formatDuration(now - row.firstTriedAt.getTime())} of retries (${row.attempt} attempts)`;
    return { id: row.id, status: 'failed', error: `gave up after ${spent}: ${err.message}` };
  }
}
