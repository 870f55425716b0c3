import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi, type RunningFakeLineApi } from '../../dev/fakes/line-api.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { linePushUsage } from '../../core/channels/line-push-usage.ts';
import { settleReplyClaim } from '../../core/inbound/reply-tokens.ts';
import { createLogger } from '../../core/logger.ts';
import type { OutgoingSend } from '../channel-sender.ts';
import { LineSendError, lineSender, REPLY_TOKEN_FRESH_SECONDS } from './line-sender.ts';

/**
 * LINE's sending policy, decision by decision, on a real database (reply tokens are claimed in
 * `inbound_events`) and the fake LINE server: reply while the token is fresh, else push with the
 * first message's id as retry key; LINE's answers sorted into "try again" (with its Retry-After)
 * and "refused"; and a retry after a crash that does not know whether its reply went.
 */
type LineChannel = Extract<Channel, { kind: 'line' }>;

let db: TestDatabase;
let line: RunningFakeLineApi;
let orgId: string;
let channel: LineChannel;
let sender: ReturnType<typeof lineSender>;
const logger = createLogger('silent');

beforeAll(async () => {
  [db, line] = await Promise.all([createTestDatabase(), startFakeLineApi()]);
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'line-sender', name: 'LINE sender' }).returning('id');
  const [{ id: channelId }] = await db.knex('channels').insert({ org_id: orgId, kind: 'line', name: 'LINE', settings: '{}' }).returning('id');
  channel = {
    id: channelId,
    orgId,
    name: 'LINE',
    externalId: null,
    isActive: true,
    settings: {},
    kind: 'line',
    credentials: { channelSecret: 'secret', channelAccessToken: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN },
  };
  sender = lineSender({ knex: db.knex, lineApiBaseUrl: line.url });
}, 120_000);
afterAll(async () => {
  await line?.close();
  await db?.destroy();
});
afterEach(() => line.state.reset());

/** A customer's message as the webhook stored it, with a reply token LINE issued `ageSeconds` ago. */
async function customerEvent(userId: string, o: { ageSeconds?: number; claimedBy?: string } = {}): Promise<number> {
  const replyToken = line.state.issueReplyToken({ source: userId });
  const [{ id }] = await db.knex('inbound_events')
    .insert({
      org_id: orgId,
      channel_id: channel.id,
      platform_event_id: randomUUID(),
      event_type: 'message',
      payload: JSON.stringify({ replyToken }),
      received_at: new Date(Date.now() - (o.ageSeconds ?? 0) * 1000),
      ...(o.claimedBy ? { reply_token_used_at: new Date(), reply_token_claimed_by: o.claimedBy } : {}),
    })
    .returning('id');
  return Number(id);
}

/** A send of these texts to `userId`, and what it recorded as sent. */
function sendOf(userId: string, texts: string[], o: { replyToEventId?: number; outboxId?: string; ids?: string[] } = {}) {
  const recorded: { ids: string[]; platformIds: (string | null)[] }[] = [];
  const send: OutgoingSend<LineChannel> = {
    channel,
    conversation: { id: randomUUID(), orgId, externalId: userId, contactId: null, lastInboundAt: new Date() },
    messages: texts.map((text, i) => ({ id: o.ids?.[i] ?? randomUUID(), message: { kind: 'text', text } })),
    replyToEventId: o.replyToEventId,
    outboxId: o.outboxId ?? randomUUID(),
    logger,
    // As the outbox's recorder does (core/conversations/outgoing.ts): a reply's claim is settled with its "sent".
    recordSent: async (ids, platformIds, settlesReplyOf) => {
      recorded.push({ ids, platformIds });
      if (settlesReplyOf !== undefined) await settleReplyClaim(db.knex, settlesReplyOf, send.outboxId!);
    },
  };
  return { send, recorded };
}

const claimOf = (eventId: number) => db.knex('inbound_events').where({ id: eventId }).first('reply_token_used_at', 'reply_token_claimed_by');

/** The send's error, which must be a LineSendError. */
async function refusal(p: Promise<unknown>): Promise<LineSendError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LineSendError);
  return err as LineSendError;
}

describe('reply or push', () => {
  it('answers with the reply token while it is fresh, claims it once, and counts no push', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user, { ageSeconds: REPLY_TOKEN_FRESH_SECONDS - 10 });
    const { send, recorded } = sendOf(user, ['Hello', 'Your case is open'], { replyToEventId: eventId });
    const before = await linePushUsage(db.knex, orgId);

    await sender.send(send);

    expect(line.state.deliveries).toMatchObject([{ kind: 'reply', to: user, messages: [{ text: 'Hello' }, { text: 'Your case is open' }] }]);
    expect(recorded).toEqual([{ ids: send.messages.map((m) => m.id), platformIds: [expect.any(String), expect.any(String)] }]);
    // Used, and settled: no claim is left standing for a retry to wonder about.
    expect(await claimOf(eventId)).toMatchObject({ reply_token_used_at: expect.any(Date), reply_token_claimed_by: null });
    expect(await linePushUsage(db.knex, orgId)).toEqual(before);

    // The token is spent: a second answer to the same message is pushed.
    const again = sendOf(user, ['One more thing'], { replyToEventId: eventId });
    await sender.send(again.send);
    expect(line.state.deliveries[1]).toMatchObject({ kind: 'push', to: user, retryKey: again.send.messages[0].id });
  });

  it('pushes once the token is older than 50 s, with the first message id as retry key, and counts the push', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user, { ageSeconds: REPLY_TOKEN_FRESH_SECONDS + 5 });
    const { send, recorded } = sendOf(user, ['Late answer'], { replyToEventId: eventId });
    const month = new Date().toISOString().slice(0, 7);
    const before = (await linePushUsage(db.knex, orgId)).find((m) => m.month === month) ?? { pushedMessages: 0, pushRequests: 0 };

    await sender.send(send);

    expect(line.state.deliveries).toMatchObject([{ kind: 'push', to: user, retryKey: send.messages[0].id }]);
    expect(recorded.flatMap((r) => r.ids)).toEqual([send.messages[0].id]);
    // Not claimed: a stale token is left alone.
    expect((await claimOf(eventId)).reply_token_used_at).toBeNull();
    const after = (await linePushUsage(db.knex, orgId)).find((m) => m.month === month)!;
    expect([after.pushedMessages - before.pushedMessages, after.pushRequests - before.pushRequests]).toEqual([1, 1]);
  });

  it('sends seven messages as a reply of five and a push of two, keyed by its own first message', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user);
    const { send, recorded } = sendOf(user, ['1', '2', '3', '4', '5', '6', '7'], { replyToEventId: eventId });

    await sender.send(send);

    const ids = send.messages.map((m) => m.id);
    expect(line.state.deliveries.map((d) => [d.kind, d.messages.length, d.retryKey])).toEqual([
      ['reply', 5, undefined],
      ['push', 2, ids[5]],
    ]);
    expect(recorded.map((r) => r.ids)).toEqual([ids.slice(0, 5), ids.slice(5)]);
  });

  it('pushes when LINE refuses the reply token, and releases the claim', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user);
    line.state.failNext('/v2/bot/message/reply', { status: 400, body: { message: 'Invalid reply token' } });
    const { send } = sendOf(user, ['Hello'], { replyToEventId: eventId });

    await sender.send(send);

    expect(line.state.deliveries).toMatchObject([{ kind: 'push', to: user, retryKey: send.messages[0].id }]);
    expect((await claimOf(eventId)).reply_token_claimed_by).toBeNull();
  });
});

describe("LINE's answers", () => {
  it('a 429 may be tried again, after the wait its Retry-After asks; nothing is recorded', async () => {
    const user = lineId('U');
    line.state.failNext('/v2/bot/message/push', { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too many requests' } });
    const { send, recorded } = sendOf(user, ['Hello']);

    const err = await refusal(sender.send(send));

    expect(err).toMatchObject({ retryable: true, retryAfterMs: 7_000, status: 429, message: 'LINE answered 429: Too many requests' });
    expect(recorded).toEqual([]);
  });

  it('a 5xx or no answer may be tried again; any other 4xx is a refusal, with LINE’s reason', async () => {
    const user = lineId('U');
    line.state.failNext('/v2/bot/message/push', { status: 500, body: { message: 'Internal error' } });
    expect(await refusal(sender.send(sendOf(user, ['a']).send))).toMatchObject({ retryable: true, retryAfterMs: undefined, status: 500 });
    line.state.failNext('/v2/bot/message/push', { cutConnection: true });
    expect((await refusal(sender.send(sendOf(user, ['b']).send))).retryable).toBe(true);
    line.state.failNext('/v2/bot/message/push', { status: 400, body: { message: 'The request body has 1 error(s)' } });
    expect(await refusal(sender.send(sendOf(user, ['c']).send))).toMatchObject({ retryable: false, status: 400, message: 'LINE answered 400: The request body has 1 error(s)' });
  });

  it('a retry of a push LINE took before (its answer lost) is recorded as sent, not delivered again', async () => {
    const user = lineId('U');
    line.state.failNext('/v2/bot/message/push', { status: 500, afterDelivery: true });
    const first = sendOf(user, ['Only once']);
    expect((await refusal(sender.send(first.send))).retryable).toBe(true);

    const retry = sendOf(user, ['Only once'], { ids: first.send.messages.map((m) => m.id), outboxId: first.send.outboxId });
    await sender.send(retry.send);

    expect(line.state.deliveries).toHaveLength(1);
    expect(retry.recorded).toEqual([{ ids: [first.send.messages[0].id], platformIds: [null] }]);
  });
});

describe('a retry after a crash, whose reply claim still stands', () => {
  it('replies again with the same token while it is fresh: delivered now, once', async () => {
    const user = lineId('U');
    const outboxId = randomUUID();
    const eventId = await customerEvent(user, { claimedBy: outboxId });
    const { send, recorded } = sendOf(user, ['Hello'], { replyToEventId: eventId, outboxId });

    await sender.send(send);

    expect(line.state.deliveries).toMatchObject([{ kind: 'reply', to: user }]);
    expect(recorded).toHaveLength(1);
    expect((await claimOf(eventId)).reply_token_claimed_by).toBeNull();
  });

  it('LINE saying the token is spent means the crashed attempt delivered it: recorded as sent, not pushed', async () => {
    const user = lineId('U');
    const outboxId = randomUUID();
    const eventId = await customerEvent(user, { claimedBy: outboxId });
    line.state.failNext('/v2/bot/message/reply', { status: 400, body: { message: 'Invalid reply token' } });
    const { send, recorded } = sendOf(user, ['Hello'], { replyToEventId: eventId, outboxId });

    await sender.send(send);

    expect(line.state.deliveries).toEqual([]);
    expect(recorded).toEqual([{ ids: [send.messages[0].id], platformIds: [null] }]);
  });

  it('too late for the token: its batch is marked "outcome unknown", not sent again; the rest are pushed', async () => {
    const user = lineId('U');
    const outboxId = randomUUID();
    const eventId = await customerEvent(user, { ageSeconds: REPLY_TOKEN_FRESH_SECONDS + 30, claimedBy: outboxId });
    const [{ id: conversationId }] = await db.knex('conversations').insert({ org_id: orgId, channel_id: channel.id, external_id: user }).returning('id');
    const texts = ['1', '2', '3', '4', '5', '6'];
    const rows: { id: string }[] = await db.knex('messages')
      .insert(texts.map((text) => ({ org_id: orgId, conversation_id: conversationId, direction: 'out', sender_type: 'bot', text, delivery_status: 'pending', outbox_id: outboxId })))
      .returning('id');
    const ids = rows.map((r) => r.id);
    const { send, recorded } = sendOf(user, texts, { replyToEventId: eventId, outboxId, ids });

    await sender.send(send);

    const marked = await db.knex('messages').whereIn('id', ids).whereNotNull('outcome_unknown_at').pluck('id');
    expect(marked.sort()).toEqual(ids.slice(0, 5).sort());
    expect(line.state.deliveries).toMatchObject([{ kind: 'push', retryKey: ids[5], messages: [{ text: '6' }] }]);
    expect(recorded.map((r) => r.ids)).toEqual([[ids[5]]]);
    expect((await claimOf(eventId)).reply_token_claimed_by).toBeNull();
  });
});

describe('a retry after LINE answered the reply busy or failing (issue #40)', () => {
  /** A send's first attempt, which must fail retryably, then its retry (same messages, same outbox row). */
  async function failThenRetry(user: string, eventId: number, between?: () => Promise<void>) {
    const first = sendOf(user, ['Hello'], { replyToEventId: eventId });
    expect((await refusal(sender.send(first.send))).retryable).toBe(true);
    await between?.();
    const retry = sendOf(user, ['Hello'], { replyToEventId: eventId, ids: first.send.messages.map((m) => m.id), outboxId: first.send.outboxId });
    await sender.send(retry.send);
    return { first, retry };
  }
  const calls = (path: string) => line.state.requests.filter((r) => r.path === path);
  const replyCalls = () => calls('/v2/bot/message/reply');

  it.each([
    ['a 500', { status: 500, body: { message: 'Internal error' } }],
    ['a 503', { status: 503, body: { message: 'Service unavailable' } }],
    ['a 429', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } }],
  ])('after %s, the retry replies with the same token: free, delivered once, no push', async (_name, fault) => {
    const user = lineId('U');
    const eventId = await customerEvent(user);
    line.state.failNext('/v2/bot/message/reply', fault);
    const before = await linePushUsage(db.knex, orgId);

    const { retry } = await failThenRetry(user, eventId);

    const tokens = replyCalls().map((r) => (r.body as { replyToken: string }).replyToken);
    expect(replyCalls().map((r) => r.status)).toEqual([fault.status, 200]);
    expect(new Set(tokens).size).toBe(1);
    expect(calls('/v2/bot/message/push')).toEqual([]);
    expect(line.state.deliveries.map((d) => d.kind)).toEqual(['reply']);
    expect(retry.recorded).toEqual([{ ids: [retry.send.messages[0].id], platformIds: [expect.any(String)] }]);
    expect(await claimOf(eventId)).toMatchObject({ reply_token_used_at: expect.any(Date), reply_token_claimed_by: null });
    expect(await linePushUsage(db.knex, orgId)).toEqual(before);
  });

  it('after a 500, a retry once the token is too old pushes it (LINE said it was not delivered): once, not "outcome unknown"', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user);
    line.state.failNext('/v2/bot/message/reply', { status: 500, body: { message: 'Internal error' } });

    const { retry } = await failThenRetry(user, eventId, async () => {
      await db.knex('inbound_events').where({ id: eventId }).update({ received_at: new Date(Date.now() - (REPLY_TOKEN_FRESH_SECONDS + 5) * 1000) });
    });

    expect(replyCalls()).toHaveLength(1);
    expect(line.state.deliveries).toMatchObject([{ kind: 'push', retryKey: retry.send.messages[0].id }]);
    expect(retry.recorded).toHaveLength(1);
  });

  it('after no answer (the connection cut once LINE took the reply), the retry does not send it again: replied once, no push', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user);
    line.state.failNext('/v2/bot/message/reply', { cutConnection: true, afterDelivery: true });

    const { retry } = await failThenRetry(user, eventId);

    // The retry's reply with the same token is refused as spent: the first call delivered it.
    expect(replyCalls()).toHaveLength(2);
    expect(replyCalls()[1].status).toBe(400);
    expect(calls('/v2/bot/message/push')).toEqual([]);
    expect(line.state.deliveries.map((d) => d.kind)).toEqual(['reply']);
    expect(retry.recorded).toEqual([{ ids: [retry.send.messages[0].id], platformIds: [null] }]);
  });

  it('no answer, then a 500 to the retry: the claim still stands, and the next retry does not push what the first call delivered', async () => {
    const user = lineId('U');
    const eventId = await customerEvent(user);
    line.state.failNext('/v2/bot/message/reply', { cutConnection: true, afterDelivery: true });
    const first = sendOf(user, ['Hello'], { replyToEventId: eventId });
    expect((await refusal(sender.send(first.send))).retryable).toBe(true);
    const again = () => sendOf(user, ['Hello'], { replyToEventId: eventId, ids: first.send.messages.map((m) => m.id), outboxId: first.send.outboxId });

    line.state.failNext('/v2/bot/message/reply', { status: 500, body: { message: 'Internal error' } });
    expect((await refusal(sender.send(again().send))).retryable).toBe(true);
    expect((await claimOf(eventId)).reply_token_claimed_by).toBe(first.send.outboxId);

    const last = again();
    await sender.send(last.send);
    expect(calls('/v2/bot/message/push')).toEqual([]);
    expect(line.state.deliveries.map((d) => d.kind)).toEqual(['reply']);
    expect(last.recorded).toEqual([{ ids: [last.send.messages[0].id], platformIds: [null] }]);
  });
});
