import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { createLogger } from '../core/logger.ts';
import { answeringIn, OUTBOUND_QUEUE, queueMessages, SEND_JOB, type SendJobPayload } from '../core/conversations/outgoing.ts';
import { collectWorkDoneHere, DONE_HERE_FALLBACK_MS, writingOutboxTogether, type WorkDoneHere } from '../core/outbox/outbox.ts';
import type { ChannelDirectory } from '../core/channels/channel-directory.ts';
import type { JobContext } from '../workers/job-runner.ts';
import { outboundProcessors } from '../workers/processors/outbound.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';
import { configureGroup, waitForMessageTo } from './support/staff-desk.ts';

/**
 * On LINE, the job that stores a customer's message also sends the answer it decided, while the
 * reply token is fresh, and then asks LINE for the customer's profile: one job per customer
 * answered. The send and the profile are outbox rows committed with the work, held as fallbacks
 * (DONE_HERE_FALLBACK_MS) and marked done by that job; a reply LINE was too busy to take is made
 * due at once for its own job, which replies with the same token, once.
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
  // Generous: the system starts slowly on a loaded shared machine.
}, 300_000);
afterAll(() => h?.close());

const knex = () => h.sys.knex;
/** The outbox row that sent the bot's text answer in the customer's conversation. */
async function answerRowOf(userId: string) {
  const conversation = await knex()('conversations').where({ external_id: userId }).first('id');
  const answer = await knex()('messages').where({ conversation_id: conversation.id, direction: 'out', kind: 'text' }).first('outbox_id', 'delivery_status');
  const row = await knex()('outbox').where({ id: answer.outbox_id }).first('status', 'enqueue_count', 'attempts');
  return { delivery: answer.delivery_status as string, row };
}
const profileRowOf = (userId: string) => knex()('outbox').where({ queue: 'line-profiles' }).whereRaw(`payload->>'userId' = ?`, [userId]).first('status', 'enqueue_count', 'attempts');

describe('the answer sent from the job that stored the message', () => {
  it('replies with the token and names the customer, in one job: the send and profile rows are done and were never queued', async () => {
    const customer = lineId('U');
    h.line.state.addProfile({ userId: customer, displayName: 'Nok Chaiyo' });
    const sent = Date.now();
    const reply = await h.ask(customer, { text: 'hello there' });
    expect(reply.text.length).toBeGreaterThan(0);
    // Well within the fallback's wait: it was not its job that sent it.
    expect(Date.now() - sent).toBeLessThan(DONE_HERE_FALLBACK_MS);
    await until(async () => (await answerRowOf(customer)).row.status === 'done');
    expect(await answerRowOf(customer)).toEqual({ delivery: 'sent', row: { status: 'done', enqueue_count: 0, attempts: 1 } });
    await until(async () => (await profileRowOf(customer))?.status === 'done');
    expect(await profileRowOf(customer)).toEqual({ status: 'done', enqueue_count: 0, attempts: 1 });
    const identity = await knex()('contact_identities').where({ external_id: customer }).first('contact_id');
    expect((await knex()('contacts').where({ id: identity.contact_id }).first('display_name')).display_name).toBe('Nok Chaiyo');
  });

  it('leaves a reply LINE was too busy to take to its own job, due at once, which replies with the same token, once', async () => {
    const customer = lineId('U');
    h.line.state.failNext('/v2/bot/message/reply', { status: 500, body: { message: 'Internal error' } });
    const sent = Date.now();
    const event = await h.send(customer, { text: 'what are your opening hours?' });
    const withToken = () => h.line.state.deliveries.filter((d) => d.kind === 'reply' && d.replyToken === event.replyToken);
    await until(async () => withToken().length > 0, 15_000);
    // Its job ran at once after the failure (the queue's first backoff at most), not after the fallback's wait.
    expect(Date.now() - sent).toBeLessThan(DONE_HERE_FALLBACK_MS);
    await until(async () => (await answerRowOf(customer)).row.status === 'done');
    expect(await answerRowOf(customer)).toMatchObject({ delivery: 'sent', row: { status: 'done', enqueue_count: 1 } });
    // One reply delivered (the first was answered 500 and delivered nothing), no push.
    expect(withToken()).toHaveLength(1);
    expect(h.line.state.deliveriesTo(customer).filter((d) => d.kind === 'push')).toHaveLength(0);
  }, 30_000);

  it('claims the reply token with its read of what it sends only when there is something to send, and gives it back when the channel is gone', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'hello' });
    await until(async () => (await answerRowOf(customer)).row.status === 'done');
    const conversation = await knex()('conversations').where({ external_id: customer }).first('id', 'org_id');
    const asked = await knex()('messages').where({ conversation_id: conversation.id, direction: 'in' }).first('inbound_event_id');
    const stored = { id: Number(asked.inbound_event_id) };
    // A second answer to the same message, its token fresh again, whose send finds the channel gone
    // (deactivated between the commit and the send).
    await knex()('inbound_events').where({ id: stored.id }).update({ reply_token_used_at: null, reply_token_claimed_by: null });
    const [pending] = await knex()('messages')
      .insert({ org_id: conversation.org_id, conversation_id: conversation.id, direction: 'out', sender_type: 'bot', kind: 'text', text: 'again', payload: { outbound: { kind: 'text', text: 'again' } }, delivery_status: 'pending' })
      .returning('id');
    const job = { outboxId: randomUUID(), orgId: conversation.org_id, attempt: 1, maxAttempts: 5, here: true, logger: createLogger('silent'), promoteDelayed: async () => {} } satisfies JobContext;
    // A first try with nothing to send (its transaction rolled back) leaves the token to the send that has something.
    const nothing = outboundProcessors({ knex: knex(), channels: h.sys.channels, lineApiBaseUrl: 'http://127.0.0.1:9' })[OUTBOUND_QUEUE][SEND_JOB];
    expect(await nothing({ conversationId: conversation.id, messageIds: [randomUUID()], replyToEventId: stored.id }, { ...job, outboxId: randomUUID() })).toEqual({ sent: 0 });
    expect(await knex()('inbound_events').where({ id: stored.id }).first('reply_token_used_at', 'reply_token_claimed_by')).toEqual({ reply_token_used_at: null, reply_token_claimed_by: null });
    const gone: ChannelDirectory = { byId: async () => undefined } as unknown as ChannelDirectory;
    const send = outboundProcessors({ knex: knex(), channels: gone, lineApiBaseUrl: 'http://127.0.0.1:9' })[OUTBOUND_QUEUE][SEND_JOB];
    await expect(send({ conversationId: conversation.id, messageIds: [pending.id], replyToEventId: stored.id }, job)).rejects.toThrow(/gone or inactive/);
    expect(await knex()('inbound_events').where({ id: stored.id }).first('reply_token_used_at', 'reply_token_claimed_by')).toEqual({ reply_token_used_at: null, reply_token_claimed_by: null });
    expect((await knex()('messages').where({ id: pending.id }).first('delivery_status')).delivery_status).toBe('pending');
  });

  it("posts a new case's card from the same job, after the customer's answer: its row done and never queued", async () => {
    const group = lineId('C');
    await configureGroup(h, group, { purpose: 'support' });
    const customer = lineId('U');
    const reply = await h.ask(customer, { text: 'My order has not arrived yet, it has been a week' });
    expect(reply.text.length).toBeGreaterThan(0);
    const card = await waitForMessageTo(h, group, (m) => m.type === 'flex');
    expect(JSON.stringify(card)).toMatch(/C-\d+/);
    const conversation = await knex()('conversations').where({ external_id: customer }).first('id');
    const opened = await knex()('cases').where({ conversation_id: conversation.id }).first('id');
    const cardRow = () => knex()('outbox').where({ queue: 'staff', job_name: 'announce-case' }).whereRaw(`payload->>'caseId' = ?`, [opened.id]).first('status', 'enqueue_count', 'attempts');
    await until(async () => (await cardRow())?.status === 'done');
    expect(await cardRow()).toEqual({ status: 'done', enqueue_count: 0, attempts: 1 });
  });

  /**
   * The router's reply goes in with its transaction's last statement, its reply token claimed in it,
   * and what it sends is handed to the send done here (#41). A claim made with the answer is what a
   * claim made just before LINE is called was: a process that dies after the commit leaves it to the
   * row's own job, which replies with the token while it is fresh; a transaction that rolled back
   * leaves nothing to send and the token unclaimed.
   */
  describe('a reply handed over by the transaction that decided it', () => {
    /** A customer's stored message whose reply token is fresh and unused again, with what `answeringIn` is told. */
    async function freshlyAsked() {
      const customer = lineId('U');
      await h.ask(customer, { text: 'hello' });
      await until(async () => (await answerRowOf(customer)).row.status === 'done');
      const conversation = await knex()('conversations').where({ external_id: customer }).first('id', 'org_id', 'channel_id', 'contact_id');
      const asked = await knex()('messages').where({ conversation_id: conversation.id, direction: 'in' }).first('inbound_event_id');
      const eventId = Number(asked.inbound_event_id);
      const replyToken = h.line.state.issueReplyToken({ source: customer });
      await knex()('inbound_events')
        .where({ id: eventId })
        .update({ reply_token_used_at: null, reply_token_claimed_by: null, received_at: knex().fn.now(), payload: knex().raw(`jsonb_set(payload, '{replyToken}', to_jsonb(?::text))`, [replyToken]) });
      const to = { channelId: conversation.channel_id, channelKind: 'line' as const, externalId: customer, contactId: conversation.contact_id, lastInboundAt: new Date() };
      return { customer, conversation, eventId, replyToken, to };
    }
    /** Queues `text` as the bot's reply in a routing-like transaction; `fail` rolls it back after. */
    async function answerIn(a: Awaited<ReturnType<typeof freshlyAsked>>, text: string, fail = false): Promise<WorkDoneHere> {
      const { work } = await collectWorkDoneHere(() =>
        knex()
          .transaction((trx) =>
            writingOutboxTogether(trx, async () => {
              answeringIn(trx, a.eventId, a.conversation.id, a.to);
              await queueMessages(trx, { orgId: a.conversation.org_id, conversationId: a.conversation.id, messages: [{ kind: 'text', text }], senderType: 'bot', replyToEventId: a.eventId });
              if (fail) throw new Error('a later statement failed');
            }),
          )
          .catch((err: Error) => {
            if (!fail) throw err;
          }),
      );
      expect(work).toHaveLength(1);
      return work[0];
    }
    const sendDeps = () => ({ knex: knex(), channels: h.sys.channels, lineApiBaseUrl: h.line.url });
    const jobOf = (row: WorkDoneHere, here: boolean) =>
      ({ outboxId: row.id, orgId: row.orgId, attempt: here ? 1 : 2, maxAttempts: 5, here, given: here ? row.given : undefined, logger: createLogger('silent'), promoteDelayed: async () => {} }) satisfies JobContext;

    it('claims the token with the answer, and the row\'s own job replies with it when the process died before sending', async () => {
      const a = await freshlyAsked();
      const row = await answerIn(a, 'sent by the fallback');
      // Committed: the messages, and the claim in the send's name, before anything was sent.
      expect(await knex()('inbound_events').where({ id: a.eventId }).first('reply_token_claimed_by')).toEqual({ reply_token_claimed_by: row.id });
      const payload = row.payload as unknown as SendJobPayload;
      expect(await knex()('messages').whereIn('id', payload.messageIds).select('text', 'delivery_status')).toEqual([{ text: 'sent by the fallback', delivery_status: 'pending' }]);
      // The process died: the work done here never ran. Its own job (not a first try) resumes the claim.
      const send = outboundProcessors(sendDeps())[OUTBOUND_QUEUE][SEND_JOB];
      expect(await send(row.payload, jobOf(row, false))).toEqual({ sent: 1 });
      const replies = h.line.state.deliveries.filter((d) => d.kind === 'reply' && d.replyToken === a.replyToken);
      expect(replies).toHaveLength(1);
      expect(JSON.stringify(replies[0])).toContain('sent by the fallback');
      expect(h.line.state.deliveriesTo(a.customer).filter((d) => d.kind === 'push')).toHaveLength(0);
      expect(await knex()('messages').whereIn('id', payload.messageIds).first('delivery_status')).toEqual({ delivery_status: 'sent' });
    });

    it('sends what it was handed, with the token it claimed, reading nothing back', async () => {
      const a = await freshlyAsked();
      const row = await answerIn(a, 'sent where it was decided');
      const send = outboundProcessors(sendDeps())[OUTBOUND_QUEUE][SEND_JOB];
      const seen: string[] = [];
      const count = (q: { sql: string }) => seen.push(q.sql);
      knex().on('query', count);
      try {
        expect(await send(row.payload, jobOf(row, true))).toEqual({ sent: 1 });
      } finally {
        knex().removeListener('query', count);
      }
      // One statement of the conversation's: the messages' "sent" with the claim's settling (the
      // running system's own polls of the outbox, meanwhile, are not the send's).
      const theSends = seen.filter((sql) => /messages|conversations|inbound_events/.test(sql));
      expect(theSends).toHaveLength(1);
      expect(theSends[0]).toMatch(/UPDATE messages m SET delivery_status = 'sent'/);
      expect(h.line.state.deliveries.filter((d) => d.kind === 'reply' && d.replyToken === a.replyToken)).toHaveLength(1);
      expect(await knex()('inbound_events').where({ id: a.eventId }).first('reply_token_claimed_by')).toEqual({ reply_token_claimed_by: null });
    });

    it('sends nothing for a transaction that rolled back, and leaves the token unclaimed', async () => {
      const a = await freshlyAsked();
      const before = h.line.state.deliveries.length;
      const row = await answerIn(a, 'never committed', true);
      const send = outboundProcessors(sendDeps())[OUTBOUND_QUEUE][SEND_JOB];
      expect(await send(row.payload, jobOf(row, true))).toEqual({ sent: 0 });
      expect(h.line.state.deliveries.length).toBe(before);
      expect(await knex()('messages').where({ text: 'never committed' }).first('id')).toBeUndefined();
      expect(await knex()('inbound_events').where({ id: a.eventId }).first('reply_token_used_at', 'reply_token_claimed_by')).toEqual({ reply_token_used_at: null, reply_token_claimed_by: null });
    });
  });
});
