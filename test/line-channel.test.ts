import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi, type RunningFakeLineApi } from '../dev/fakes/line-api.ts';
import { queueMessages } from '../core/conversations/outgoing.ts';
import { storeInboundEvents } from '../core/inbound/inbound-events.ts';
import { startTestSystem, until, untilSettled, type TestSystem } from './support/test-system.ts';

/**
 * LINE end to end: signed webhooks into the running system, stored once, processed by the
 * workers, and replies sent with the real LINE SDK to a local server speaking LINE's API.
 */
const SECRET = 'line-channel-secret-for-tests';
const BOT = lineId('U');
let line: RunningFakeLineApi;
let sys: TestSystem;

beforeAll(async () => {
  line = await startFakeLineApi();
  sys = await startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
    },
    relay: { policies: { outbound: { attempts: 4, backoffMs: 50 }, inbound: { attempts: 3, backoffMs: 50 } } },
  });
});
afterAll(async () => {
  await sys?.stopAll();
  await line?.close();
});

let eventSeq = 0;
type TestEvent = Record<string, any> & { webhookEventId: string; timestamp: number };
function event(type: string, fields: Record<string, unknown> = {}, userId = lineId('U')): TestEvent {
  return {
    type,
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: `01TEST${Date.now().toString(36).toUpperCase()}${(eventSeq++).toString(36).toUpperCase().padStart(6, '0')}`.slice(0, 26),
    deliveryContext: { isRedelivery: false },
    ...fields,
  };
}
const text = (t: string, extra: Record<string, unknown> = {}, userId?: string) =>
  event('message', { replyToken: line.state.issueReplyToken(), message: { id: randomDigits(), type: 'text', quoteToken: 'q', text: t }, ...extra }, userId);
const randomDigits = () => String(BigInt('0x' + randomBytes(7).toString('hex')));

async function post(body: string | Buffer, signature: string | null = signLineBody(body, SECRET)) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-line-signature'] = signature;
  const res = await fetch(`${sys.url}/webhooks/line`, { method: 'POST', headers, body: body as BodyInit });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}
const postEvents = (events: unknown[]) => post(JSON.stringify({ destination: BOT, events }));
const count = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);
const processed = (platformEventId: string) =>
  until(async () => (await sys.knex('inbound_events').where({ platform_event_id: platformEventId }).whereNotNull('processed_at').first()) ?? false);

describe('the LINE webhook refuses what it cannot trust (storing nothing), and records what it cannot use', () => {
  it.each([
    ['a wrong signature', (b: string) => post(b, signLineBody(b, 'another-secret')), 401],
    ['no signature', (b: string) => post(b, null), 401],
    ['a signature of another body', (b: string) => post(b, signLineBody(b + ' ', SECRET)), 401],
  ])('%s: 401', async (_name, send, status) => {
    const before = await count('inbound_events');
    const res = await send(JSON.stringify({ destination: BOT, events: [text('hello')] }));
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe('unauthenticated');
    expect(await count('inbound_events')).toBe(before);
  });

  it('a signed body that is not JSON: 200, so that LINE does not redeliver it, and recorded as malformed, nothing queued', async () => {
    const before = await count('inbound_events');
    const res = await post('{"destination": "U1", "events": [');
    expect(res.status).toBe(200);
    expect(await count('inbound_events')).toBe(before + 1);
    const row = await sys.knex('inbound_events').orderBy('id', 'desc').first();
    expect(row).toMatchObject({ event_type: 'malformed', error: expect.stringMatching(/not JSON/) });
    expect(row.processed_at).not.toBeNull();
    expect(await sys.knex('outbox').whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [row.id]).first()).toBeUndefined();
  });

  it('a signed JSON body that is not a webhook: 200, recorded as malformed with a clear reason', async () => {
    const before = await count('inbound_events');
    const res = await post(JSON.stringify({ hello: 'world' }));
    expect(res.status).toBe(200);
    expect(await count('inbound_events')).toBe(before + 1);
    const row = await sys.knex('inbound_events').orderBy('id', 'desc').first();
    expect(row).toMatchObject({ event_type: 'malformed', error: expect.stringMatching(/LINE webhook envelope/) });
  });

  it('a body of 10 MB: 413', async () => {
    const before = await count('inbound_events');
    const big = JSON.stringify({ destination: BOT, events: [text('x'.repeat(10 * 1024 * 1024))] });
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(await count('inbound_events')).toBe(before);
  });

  it("LINE's verify call (no events): 200, nothing stored", async () => {
    const before = await count('inbound_events');
    expect((await postEvents([])).status).toBe(200);
    expect(await count('inbound_events')).toBe(before);
  });
});

describe('every event in exactly once', () => {
  it('stores a customer message as contact, conversation and message, and learns the bot id', async () => {
    const userId = lineId('U');
    const e = text('เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ', {}, userId);
    expect((await postEvents([e])).status).toBe(200);
    await processed(e.webhookEventId);
    const identity = await sys.knex('contact_identities').where({ external_id: userId }).first();
    const conversation = await sys.knex('conversations').where({ external_id: userId, kind: 'direct' }).first();
    expect(conversation.contact_id).toBe(identity.contact_id);
    const message = await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first();
    expect(message).toMatchObject({ direction: 'in', kind: 'text', text: 'เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ', delivery_status: 'received' });
    const channel = await sys.knex('channels').where({ kind: 'line' }).whereRaw(`settings->>'origin' = 'env'`).first();
    expect(channel.external_id).toBe(BOT);
  });

  it('a redelivery after processing, and the same delivery twice at once, land once', async () => {
    const e = text('once only');
    await postEvents([e]);
    await processed(e.webhookEventId);
    const again = { ...e, deliveryContext: { isRedelivery: true } };
    const results = await Promise.all([postEvents([again]), postEvents([again]), postEvents([e])]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await sys.knex('inbound_events').where({ platform_event_id: e.webhookEventId }).count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await sys.knex('messages').where({ platform_message_id: e.message.id }).count({ n: '*' })).toEqual([{ n: 1 }]);
    const outbox = await sys.knex('outbox').where({ queue: 'inbound' }).whereRaw(`payload->>'inboundEventId' = (SELECT id::text FROM inbound_events WHERE platform_event_id = ?)`, [e.webhookEventId]);
    expect(outbox).toHaveLength(1);
  });

  it('keeps an unknown future event type raw, and processes it without complaint', async () => {
    const e = event('somethingNew', { somethingNew: { a: 1 } });
    expect((await postEvents([e])).status).toBe(200);
    const row = await processed(e.webhookEventId);
    expect(row.event_type).toBe('somethingNew');
    expect(row.payload.somethingNew).toEqual({ a: 1 });
    expect(row.error).toBeNull();
  });

  it('a malformed known event is recorded as malformed on arrival, with its reason; the others of the same webhook still land', async () => {
    const bad = event('message', { replyToken: 'r', message: { type: 'text' } });
    const good = text('still here');
    expect((await postEvents([bad, good])).status).toBe(200);
    await processed(good.webhookEventId);
    // Recorded at once (by its own id, so a redelivery is known), processed, nothing queued for it:
    // no job that could only fail, so no failed row for a person to look at in vain.
    const row = await sys.knex('inbound_events').where({ platform_event_id: bad.webhookEventId }).first();
    expect(row).toMatchObject({ event_type: 'malformed', error: expect.stringMatching(/^Malformed LINE message event: message\.id/) });
    expect(row.processed_at).not.toBeNull();
    expect(await sys.knex('outbox').where({ queue: 'inbound' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [row.id]).first()).toBeUndefined();
    expect(await sys.knex('outbox').where({ status: 'failed', queue: 'inbound' }).first()).toBeUndefined();
  });

  it('one stored before that check (queued for the worker) is recorded as malformed there: its job done, not failed', async () => {
    const bad = event('postback', { replyToken: 'r', postback: { nodata: true } });
    const channel = await sys.knex('channels').where({ org_id: sys.defaultOrgId, kind: 'line' }).first();
    await storeInboundEvents(sys.knex, { id: channel.id, orgId: channel.org_id }, [{ platformEventId: bad.webhookEventId, eventType: 'postback', occurredAt: new Date(), payload: bad }]);
    const row = await processed(bad.webhookEventId);
    expect(row).toMatchObject({ event_type: 'malformed', error: expect.stringMatching(/^Malformed LINE postback event: postback\.data/) });
    // The payload stays as it came, for whoever looks.
    expect(row.payload.postback).toEqual({ nodata: true });
    const job = await until(async () => (await sys.knex('outbox').where({ queue: 'inbound' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [row.id]).whereIn('status', ['done', 'failed']).first()) ?? false);
    expect(job.status).toBe('done');
  });

  it('orders by the platform time, not by arrival', async () => {
    const userId = lineId('U');
    const later = text('second', { timestamp: Date.now() }, userId);
    const earlier = text('first', { timestamp: Date.now() - 60_000 }, userId);
    await postEvents([later]);
    await postEvents([earlier]);
    await processed(earlier.webhookEventId);
    await processed(later.webhookEventId);
    const conversation = await sys.knex('conversations').where({ external_id: userId }).first();
    const messages = await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).orderBy('sent_at');
    expect(messages.map((m) => m.text)).toEqual(['first', 'second']);
    expect(new Date(conversation.last_message_at).getTime()).toBe(later.timestamp);
  });

  it('fetches media right away and keeps it', async () => {
    const id = randomDigits();
    line.state.addContent(id, Buffer.from('fake-jpeg-bytes'), 'image/jpeg');
    const e = event('message', { replyToken: line.state.issueReplyToken(), message: { id, type: 'image', contentProvider: { type: 'line' } } });
    await postEvents([e]);
    const message = await until(async () => (await sys.knex('messages').where({ platform_message_id: id }).whereNotNull('media_path').first()) ?? false);
    expect(message.kind).toBe('image');
    expect(message.media_path).toMatch(/\.jpg$/);
    expect(existsSync(join(sys.dataDir, 'media', message.media_path))).toBe(true);
  });

  it('stores a postback, and blanks a message the customer takes back', async () => {
    const userId = lineId('U');
    const said = text('oops, wrong chat', {}, userId);
    const tapped = event('postback', { replyToken: line.state.issueReplyToken(), postback: { data: 'action=book&service=sushi', params: { date: '2026-11-28' } } }, userId);
    await postEvents([said, tapped]);
    await processed(tapped.webhookEventId);
    const conversation = await sys.knex('conversations').where({ external_id: userId }).first();
    const postback = await sys.knex('messages').where({ conversation_id: conversation.id, kind: 'postback' }).first();
    expect(postback.text).toBe('action=book&service=sushi');
    expect(postback.payload.postback.params).toEqual({ date: '2026-11-28' });

    const unsend = event('unsend', { unsend: { messageId: said.message.id } }, userId);
    await postEvents([unsend]);
    await processed(unsend.webhookEventId);
    const taken = await sys.knex('messages').where({ platform_message_id: said.message.id }).first();
    expect(taken.text).toBeNull();
    expect(taken.unsent_at).not.toBeNull();
  });

  it('records groups the bot joins and leaves', async () => {
    const groupId = lineId('C');
    const source = { type: 'group', groupId };
    const join = event('join', { replyToken: line.state.issueReplyToken(), source, timestamp: Date.now() - 1000 });
    await postEvents([join]);
    await processed(join.webhookEventId);
    expect(await sys.knex('staff_groups').where({ line_group_id: groupId }).first()).toMatchObject({ is_active: true, purpose: 'unassigned' });
    const leave = event('leave', { source, timestamp: Date.now() });
    await postEvents([leave]);
    await processed(leave.webhookEventId);
    expect(await sys.knex('staff_groups').where({ line_group_id: groupId }).first()).toMatchObject({ is_active: false });
  });

  it('stores a group message mentioning the bot in the group conversation', async () => {
    const groupId = lineId('C');
    const e = event('message', {
      replyToken: line.state.issueReplyToken(),
      source: { type: 'group', groupId, userId: lineId('U') },
      message: { id: randomDigits(), type: 'text', quoteToken: 'q', text: '@bot ช่วยดูเคสนี้หน่อย', mention: { mentionees: [{ index: 0, length: 4, type: 'user', userId: BOT, isSelf: true }] } },
    });
    await postEvents([e]);
    await processed(e.webhookEventId);
    const conversation = await sys.knex('conversations').where({ external_id: groupId }).first();
    expect(conversation).toMatchObject({ kind: 'group', contact_id: null });
    const message = await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first();
    expect(message.payload.message.mentionsBot).toBe(true);
  });
});

describe('every reply out exactly once', () => {
  it('welcomes a new friend with the reply token', async () => {
    const userId = lineId('U');
    const e = event('follow', { replyToken: line.state.issueReplyToken(), follow: { isUnblocked: false } }, userId);
    await postEvents([e]);
    const delivery = await until(async () => line.state.deliveries.find((d) => d.replyToken === e.replyToken) ?? false);
    expect(delivery.kind).toBe('reply');
    expect(JSON.stringify(delivery.messages)).toContain('สวัสดีค่ะ');
    const conversation = await sys.knex('conversations').where({ external_id: userId }).first();
    const out = await until(async () => (await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'sent' }).first()) ?? false);
    expect(out.sender_type).toBe('bot');
  });

  it('does not answer in standby mode', async () => {
    const e = event('follow', { mode: 'standby', replyToken: line.state.issueReplyToken(), follow: { isUnblocked: false } });
    await postEvents([e]);
    await processed(e.webhookEventId);
    await untilSettled(sys.knex);
    expect(line.state.deliveries.filter((d) => d.replyToken === e.replyToken || d.to === e.source.userId)).toHaveLength(0);
  });

  it('falls back to push when LINE rejects the reply token', async () => {
    const userId = lineId('U');
    const e = event('follow', { replyToken: 'a-token-line-never-issued', follow: { isUnblocked: false } }, userId);
    await postEvents([e]);
    const delivery = await until(async () => line.state.deliveries.find((d) => d.to === userId) ?? false);
    expect(delivery.kind).toBe('push');
    expect(delivery.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.state.deliveries.filter((d) => d.to === userId)).toHaveLength(1);
  });

  it('LINE answering 429 then 200: one message delivered, not two', async () => {
    const userId = lineId('U');
    line.state.failNext('/v2/bot/message/push', { status: 429, body: { message: 'Too Many Requests' } });
    const conversationId = await openDirect(userId);
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId, messages: [{ kind: 'text', text: 'your case is open' }], senderType: 'bot' }),
    );
    await until(async () => line.state.deliveries.some((d) => d.to === userId));
    await untilSettled(sys.knex);
    expect(line.state.deliveries.filter((d) => d.to === userId)).toHaveLength(1);
    const pushes = line.state.requests.filter((r) => r.path === '/v2/bot/message/push' && (r.body as { to?: string })?.to === userId);
    expect(pushes.map((r) => r.status)).toEqual([429, 200]);
  });

  it('LINE accepting a push but the answer getting lost: the retry is not delivered again', async () => {
    const userId = lineId('U');
    line.state.failNext('/v2/bot/message/push', { status: 500, afterDelivery: true });
    const conversationId = await openDirect(userId);
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId, messages: [{ kind: 'text', text: 'once' }], senderType: 'bot' }),
    );
    await until(async () => (await sys.knex('messages').where({ conversation_id: conversationId, delivery_status: 'sent' }).first()) ?? false);
    expect(line.state.deliveries.filter((d) => d.to === userId)).toHaveLength(1);
  });

  it('a refusal (400) is not retried: the messages are failed with LINE\'s reason', async () => {
    const userId = lineId('U');
    line.state.failNext('/v2/bot/message/push', { status: 400, body: { message: 'The request body has 1 error(s)' } });
    const conversationId = await openDirect(userId);
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId, messages: [{ kind: 'text', text: 'refused' }], senderType: 'bot' }),
    );
    const failed = await until(async () => (await sys.knex('messages').where({ conversation_id: conversationId, delivery_status: 'failed' }).first()) ?? false);
    expect(failed.delivery_error).toMatch(/400/);
    expect(line.state.deliveries.filter((d) => d.to === userId)).toHaveLength(0);
  });

  it('sends more than five messages in batches of five and counts the pushes', async () => {
    const userId = lineId('U');
    const conversationId = await openDirect(userId);
    const month = new Date().toISOString().slice(0, 7);
    const before = Number((await sys.knex('org_counters').where({ org_id: sys.defaultOrgId, name: `line_push:${month}` }).first())?.value ?? 0);
    await sys.knex.transaction((trx) =>
      queueMessages(trx, {
        orgId: sys.defaultOrgId,
        conversationId,
        messages: Array.from({ length: 7 }, (_, i) => ({ kind: 'text' as const, text: `part ${i + 1}` })),
        senderType: 'bot',
      }),
    );
    await until(async () => line.state.deliveries.filter((d) => d.to === userId).length === 2);
    expect(line.state.deliveries.filter((d) => d.to === userId).map((d) => d.messages.length)).toEqual([5, 2]);
    const after = await until(async () => {
      const v = Number((await sys.knex('org_counters').where({ org_id: sys.defaultOrgId, name: `line_push:${month}` }).first())?.value ?? 0);
      return v >= before + 7 ? v : false;
    });
    expect(after).toBe(before + 7);
  });
});

/** A conversation with a customer, opened by a sticker: nothing the router answers. */
/**
 * A customer's 1:1 conversation, for the sends a test makes on it. The opening sticker comes in
 * standby mode, so the bot stores it and does not answer it (a greeting would be one more send).
 */
async function openDirect(userId: string): Promise<string> {
  const e = event('message', { mode: 'standby', message: { id: randomDigits(), type: 'sticker', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: 'q' } }, userId);
  await postEvents([e]);
  await processed(e.webhookEventId);
  return (await sys.knex('conversations').where({ external_id: userId }).first()).id;
}
