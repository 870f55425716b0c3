import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../api/deps.ts';
import { createApp } from '../api/app.ts';
import { ChannelDirectory, createChannel } from '../core/channels/channel-directory.ts';
import { InboundBatcher } from '../core/inbound/inbound-batcher.ts';
import { SecretBox } from '../core/crypto/secret-box.ts';
import { createLogger } from '../core/logger.ts';
import { freePort } from './support/free-port.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { toLineMessages } from '../bot/line/line-messages.ts';
import { toInboundEvent } from '../bot/line/line-webhook.ts';
import { createTwilioClient } from '../bot/whatsapp/twilio-client.ts';
import { parseTwilioWebhook } from '../bot/whatsapp/twilio-webhook.ts';
import { toTwilioMessages } from '../bot/whatsapp/whatsapp-messages.ts';
import type { FeedItem, WhatsAppFeedMessage } from '../dev/simulator/chat-simulator.ts';
import { createDevPlatforms, type DevPlatforms } from '../dev/simulator/dev-platforms.ts';

// The app's own middleware chain (request context, error shape, body reader, then the dev
// platforms, then the REAL webhook endpoints storing into a real database), as api/app.ts wires it.
const LINE = { channelSecret: 'sim-line-secret-' + randomBytes(8).toString('hex'), channelAccessToken: 'sim-line-token-' + randomBytes(8).toString('hex') };
const TWILIO = { accountSid: 'AC' + randomBytes(16).toString('hex'), authToken: 'sim-twilio-token-' + randomBytes(8).toString('hex') };
const BUSINESS = 'whatsapp:+14155238886';
const TOKEN = randomBytes(24).toString('base64url');
const withToken = { 'x-simulator-token': TOKEN };

let db: TestDatabase;
let server: Server;
let base: string;
let dev: DevPlatforms;
let lineChannelId: string;
let waChannelId: string;
let publicBaseUrl: string | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  const secrets = new SecretBox(randomBytes(32));
  const [org] = await db.knex('orgs').insert({ slug: 'sim', name: 'Simulator org', is_default: true }).returning('id');
  lineChannelId = await createChannel(db.knex, secrets, { orgId: org.id, kind: 'line', name: 'LINE (simulator)', credentials: LINE, settings: { origin: 'simulator' } });
  waChannelId = await createChannel(db.knex, secrets, { orgId: org.id, kind: 'whatsapp', name: 'WhatsApp (simulator)', externalId: BUSINESS, credentials: TWILIO, settings: { origin: 'simulator' } });

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = createDevPlatforms({
    selfUrl: () => base,
    token: TOKEN,
    publicBaseUrl: () => publicBaseUrl,
    line: { channelId: lineChannelId, ...LINE },
    whatsapp: { channelId: waChannelId, ...TWILIO, businessNumber: BUSINESS },
  });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  // The real app, as bin/system.ts builds it, with the simulator mounted.
  const app = createApp({
    knex: db.knex,
    logger,
    channels: new ChannelDirectory(db.knex, secrets, 0),
    secrets,
    inbound: new InboundBatcher(db.knex),
    queueStore: { kind: 'postgres', isReachable: async () => true },
    devMiddleware: dev.middleware,
    get publicBaseUrl() {
      return publicBaseUrl;
    },
  } as AppDeps);
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await db?.destroy();
});

async function simulate(body: Record<string, unknown>) {
  const res = await fetch(`${base}/dev/chat/send`, { method: 'POST', headers: { 'content-type': 'application/json', ...withToken }, body: JSON.stringify(body) });
  return { httpStatus: res.status, ...((await res.json()) as { status: number; body: unknown; to: string; webhook: { path: string; payload: any } }) };
}

async function storedEvent(platformEventId: string) {
  return db.knex('inbound_events').where({ platform_event_id: platformEventId }).first();
}

async function feed(after = 0): Promise<{ items: FeedItem[]; last: number }> {
  return (await fetch(`${base}/dev/chat/feed?after=${after}`, { headers: withToken })).json() as Promise<{ items: FeedItem[]; last: number }>;
}

const customer = 'U' + randomBytes(16).toString('hex');

describe('LINE through the real webhook', () => {
  it('a customer message is signed, accepted, stored and parses as LINE would send it', async () => {
    const out = await simulate({ platform: 'line', userId: customer, displayName: 'สมชาย ใจดี', text: 'สวัสดีครับ จองคิวพรุ่งนี้ได้ไหม' });
    expect(out).toMatchObject({ httpStatus: 200, status: 200, body: {}, to: customer, webhook: { path: `/webhooks/line/${lineChannelId}` } });

    const envelope = out.webhook.payload;
    const botUserId = dev.lineState.botInfo(LINE.channelAccessToken)!.userId;
    expect(envelope.destination).toBe(botUserId);
    const event = envelope.events[0];
    expect(event).toMatchObject({
      type: 'message',
      message: { type: 'text', id: expect.stringMatching(/^\d{18}$/), text: 'สวัสดีครับ จองคิวพรุ่งนี้ได้ไหม', quoteToken: expect.any(String) },
      webhookEventId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      deliveryContext: { isRedelivery: false },
      timestamp: expect.any(Number),
      source: { type: 'user', userId: customer },
      replyToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      mode: 'active',
    });

    const row = await storedEvent(event.webhookEventId);
    expect(row).toMatchObject({ event_type: 'message', channel_id: lineChannelId });
    expect(toInboundEvent(row.payload, botUserId)).toMatchObject({ type: 'message', source: { kind: 'user', userId: customer }, message: { kind: 'text', text: 'สวัสดีครับ จองคิวพรุ่งนี้ได้ไหม' } });
    // The channel learns the bot's user id from `destination`, as with LINE.
    expect((await db.knex('channels').where({ id: lineChannelId }).first()).external_id).toBe(botUserId);
    // The profile look-up answers with the display name the page gave.
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: LINE.channelAccessToken, baseURL: dev.lineApiBaseUrl() });
    expect(await client.getProfile(customer)).toMatchObject({ userId: customer, displayName: 'สมชาย ใจดี' });
  });

  it('postbacks with params, follow, and group events with a mention of the bot', async () => {
    const pb = await simulate({ platform: 'line', userId: customer, postback: { data: 'a=book&d=1', params: { date: '2026-12-01' } } });
    expect(pb.status).toBe(200);
    expect(toInboundEvent(pb.webhook.payload.events[0])).toMatchObject({ type: 'postback', postback: { data: 'a=book&d=1', params: { date: '2026-12-01' } }, replyToken: expect.any(String) });

    const follow = await simulate({ platform: 'line', userId: customer, event: 'follow' });
    expect(follow.webhook.payload.events[0]).toMatchObject({ type: 'follow', follow: { isUnblocked: false }, replyToken: expect.any(String) });
    const unfollow = await simulate({ platform: 'line', userId: customer, event: 'unfollow' });
    expect(unfollow.webhook.payload.events[0].replyToken).toBeUndefined();

    const staff = 'U' + randomBytes(16).toString('hex');
    const group = 'C' + randomBytes(16).toString('hex');
    const join = await simulate({ platform: 'line', userId: staff, groupId: group, groupName: 'Support team', event: 'join' });
    expect(join).toMatchObject({ status: 200, to: group });
    expect(join.webhook.payload.events[0].source).toEqual({ type: 'group', groupId: group });
    const joined = await simulate({ platform: 'line', userId: staff, groupId: group, event: 'memberJoined' });
    expect(toInboundEvent(joined.webhook.payload.events[0])).toMatchObject({ type: 'member_joined', members: [staff] });

    const said = await simulate({ platform: 'line', userId: staff, displayName: 'นภา', groupId: group, text: 'รับเคสนี้ค่ะ', mentionBot: true });
    expect(said.status).toBe(200);
    const botUserId = said.webhook.payload.destination;
    const inbound = toInboundEvent(said.webhook.payload.events[0], botUserId);
    expect(inbound).toMatchObject({ type: 'message', source: { kind: 'group', chatId: group, userId: staff }, message: { text: '@Opsdesk (fake) รับเคสนี้ค่ะ', mentionsBot: true } });
    for (const e of [pb, follow, unfollow, join, joined, said]) expect(await storedEvent(e.webhook.payload.events[0].webhookEventId)).toBeDefined();
  });

  it('maps free-form ids to LINE ids and refuses what LINE cannot send', async () => {
    const out = await simulate({ platform: 'line', userId: 'alice', groupId: 'ops', text: 'hi' });
    expect(out.to).toMatch(/^C[0-9a-f]{32}$/);
    expect(out.webhook.payload.events[0].source.userId).toMatch(/^U[0-9a-f]{32}$/);
    const address = await (await fetch(`${base}/dev/chat/address?platform=line&userId=alice&groupId=ops`, { headers: withToken })).json();
    expect(address).toEqual({ user: out.webhook.payload.events[0].source.userId, group: out.to });

    expect((await simulate({ platform: 'line', userId: customer, event: 'join' })).httpStatus).toBe(422);
    expect((await simulate({ platform: 'line', userId: customer })).httpStatus).toBe(422);
    expect((await simulate({ platform: 'telegram', userId: customer, text: 'x' })).httpStatus).toBe(422);
  });

  it('the real LINE SDK reaches the fake through the server (JSON bodies intact) and the feed shows it', async () => {
    const out = await simulate({ platform: 'line', userId: customer, text: 'menu' });
    const { last } = await feed();
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: LINE.channelAccessToken, baseURL: dev.lineApiBaseUrl() });
    const messages = toLineMessages([
      { kind: 'card', card: { altText: 'Booking', title: 'การจอง #B-1024', tone: 'neutral', fields: [{ label: 'วันที่', value: '1 ธ.ค.' }], actions: [{ type: 'postback', label: 'ยืนยัน', data: 'confirm' }] } },
      { kind: 'text', text: 'เลือกได้เลยค่ะ', quickReplies: [{ type: 'postback', label: 'ใช่', data: 'yes', displayText: 'ใช่' }] },
    ]);
    const res = await client.replyMessage({ replyToken: out.webhook.payload.events[0].replyToken, messages });
    expect(res.sentMessages).toHaveLength(2);
    await client.pushMessage({ to: customer, messages: [{ type: 'image', originalContentUrl: `${base}/x.png`, previewImageUrl: `${base}/x.png` }] });

    const { items } = await feed(last);
    expect(items).toEqual([
      { seq: last + 1, platform: 'line', to: customer, at: expect.any(Number), kind: 'reply', messages },
      { seq: last + 2, platform: 'line', to: customer, at: expect.any(Number), kind: 'push', messages: [expect.objectContaining({ type: 'image' })] },
    ]);
    // Also reachable under the documented prefix, e.g. for curl.
    const info = await fetch(`${dev.lineApiBaseUrl()}/v2/bot/info`, { headers: { authorization: `Bearer ${LINE.channelAccessToken}` } });
    expect(await info.json()).toMatchObject({ displayName: 'Opsdesk (fake)' });
    const denied = await fetch(`${dev.lineApiBaseUrl()}/v2/bot/info`, { headers: { authorization: 'Bearer nope' } });
    expect(denied.status).toBe(401);
  });

  it('blob content comes back as bytes', async () => {
    dev.lineState.addContent('123456789012345678', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: LINE.channelAccessToken, baseURL: dev.lineApiBaseUrl() });
    const res = await blob.getMessageContentWithHttpInfo('123456789012345678');
    expect(res.httpResponse.headers.get('content-type')).toBe('image/png');
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(c as Buffer);
    expect([...Buffer.concat(chunks)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('a wrong signature is refused by the real endpoint (the simulator signs, nobody else)', async () => {
    const res = await fetch(`${base}/webhooks/line/${lineChannelId}`, { method: 'POST', headers: { 'x-line-signature': 'AAAA' }, body: '{"destination":"x","events":[]}' });
    expect(res.status).toBe(401);
  });
});

describe('WhatsApp through the real webhook', () => {
  // With PUBLIC_BASE_URL set, Twilio's signature covers it rather than the address the request
  // reached; here it is this server's own URL, as on a machine without a proxy.
  beforeAll(() => {
    publicBaseUrl = base;
  });
  afterAll(() => {
    publicBaseUrl = undefined;
  });

  it('a text and a tapped button arrive signed and parse as Twilio sends them', async () => {
    const out = await simulate({ platform: 'whatsapp', userId: '081 234 5678', displayName: 'Anna', text: 'Hello' });
    expect(out, JSON.stringify(out.body)).toMatchObject({ httpStatus: 200, status: 200, to: 'whatsapp:+66812345678' });
    expect(out.body).toContain('<Response>');
    const params = out.webhook.payload;
    expect(params).toMatchObject({ MessageSid: expect.stringMatching(/^SM[0-9a-f]{32}$/), AccountSid: TWILIO.accountSid, From: 'whatsapp:+66812345678', To: BUSINESS, Body: 'Hello', ProfileName: 'Anna', WaId: '66812345678', NumMedia: '0' });
    expect(await storedEvent(params.MessageSid)).toMatchObject({ event_type: 'message', channel_id: waChannelId });

    const tap = await simulate({ platform: 'whatsapp', userId: '+66812345678', postback: { data: 'booking:confirm' }, text: 'Confirm' });
    expect(tap.status).toBe(200);
    expect(parseTwilioWebhook(tap.webhook.payload)).toMatchObject({ type: 'postback', postback: { data: 'booking:confirm' }, message: { text: 'Confirm' } });
    expect((await simulate({ platform: 'whatsapp', userId: 'x', event: 'follow' })).httpStatus).toBe(422);
  });

  it('signs over PUBLIC_BASE_URL when the server verifies against it', async () => {
    publicBaseUrl = 'https://opsdesk.example.test';
    try {
      expect((await simulate({ platform: 'whatsapp', userId: '+66811111111', text: 'behind a proxy' })).status).toBe(200);
    } finally {
      publicBaseUrl = base;
    }
  });

  it('the real Twilio client reaches the fake through the server (form bodies intact) and the feed fills templates', async () => {
    const { last } = await feed();
    const client = createTwilioClient({ ...TWILIO, apiBaseUrl: dev.twilioApiBaseUrl() });
    const [out] = toTwilioMessages([{ kind: 'text', text: 'ยืนยันการจองไหมคะ', quickReplies: [{ type: 'postback', label: 'ยืนยัน', data: 'yes' }, { type: 'postback', label: 'ยกเลิก', data: 'no' }] }], { insideWindow: true });
    const c = out.content!;
    const created = await client.content.v1.contents.create({ friendly_name: c.friendlyName, language: c.language, variables: c.variables, types: c.types } as never);
    await client.messages.create({ from: BUSINESS, to: 'whatsapp:+66812345678', contentSid: created.sid, contentVariables: JSON.stringify(out.contentVariables) });
    await client.messages.create({ from: BUSINESS, to: 'whatsapp:+66812345678', body: 'plain *bold*' });

    const { items } = await feed(last);
    expect(items).toHaveLength(2);
    const [qr, plain] = items.map((i) => i.messages[0] as WhatsAppFeedMessage);
    expect(items[0]).toMatchObject({ platform: 'whatsapp', kind: 'whatsapp', to: 'whatsapp:+66812345678' });
    expect(qr.types).toEqual({ 'twilio/quick-reply': { body: 'ยืนยันการจองไหมคะ', actions: [{ type: 'QUICK_REPLY', title: 'ยืนยัน', id: 'yes' }, { type: 'QUICK_REPLY', title: 'ยกเลิก', id: 'no' }] } });
    expect(plain).toMatchObject({ body: 'plain *bold*', renderedBody: 'plain *bold*' });
    expect(plain.types).toBeUndefined();
  });
});

describe('the page', () => {
  it('is served as HTML without external resources', async () => {
    const res = await fetch(`${base}/dev/chat?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Opsdesk chat simulator');
    expect(html).not.toMatch(/(src|href)=["']https?:/);
    expect((await fetch(`${base}/dev/chat/feed`, { method: 'POST', headers: withToken })).status).toBe(405);
    expect((await fetch(`${base}/dev/elsewhere`)).status).toBe(404);
  });
});
