import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi } from './line-api.ts';
import type { RunningFakeLineApi } from './line-api.ts';

// The real SDK clients, pointed at the fake with `baseURL`: the same HTTP requests as production.
let fake: RunningFakeLineApi;
let clock = Date.now();
let client: messagingApi.MessagingApiClient;
let blob: messagingApi.MessagingApiBlobClient;

beforeAll(async () => {
  fake = await startFakeLineApi({ now: () => clock });
  client = new messagingApi.MessagingApiClient({ channelAccessToken: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, baseURL: fake.url });
  blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, baseURL: fake.url });
});
afterAll(() => fake.close());
afterEach(() => fake.state.reset());

const text = (t: string): messagingApi.TextMessage => ({ type: 'text', text: t });

/** The SDK's rejection, asserted to be its HTTPFetchError. */
async function fetchError(p: Promise<unknown>): Promise<HTTPFetchError> {
  const err = await p.then(
    () => {
      throw new Error('expected the SDK call to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HTTPFetchError);
  return err as HTTPFetchError;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('reply', () => {
  it('delivers with an issued reply token, once', async () => {
    const user = lineId('U');
    const replyToken = fake.state.issueReplyToken({ source: user });

    const res = await client.replyMessageWithHttpInfo({ replyToken, messages: [text('Hello'), text('Second')] });

    expect(res.httpResponse.status).toBe(200);
    expect(res.httpResponse.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.sentMessages).toHaveLength(2);
    expect(res.body.sentMessages[0]).toEqual({ id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) });
    expect(fake.state.deliveries).toMatchObject([
      { kind: 'reply', to: user, replyToken, messages: [text('Hello'), text('Second')], notificationDisabled: false, channelAccessToken: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN },
    ]);

    const again = await fetchError(client.replyMessage({ replyToken, messages: [text('Again')] }));
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body)).toEqual({ message: 'Invalid reply token' });
    expect(fake.state.deliveries).toHaveLength(1);
  });

  it('rejects unknown and expired reply tokens with 400 "Invalid reply token"', async () => {
    const unknown = await fetchError(client.replyMessage({ replyToken: 'deadbeef', messages: [text('x')] }));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toEqual({ message: 'Invalid reply token' });

    const replyToken = fake.state.issueReplyToken();
    clock += fake.state.replyTokenTtlMs + 1;
    const expired = await fetchError(client.replyMessage({ replyToken, messages: [text('late')] }));
    expect(JSON.parse(expired.body)).toEqual({ message: 'Invalid reply token' });
    expect(fake.state.deliveries).toHaveLength(0);
  });

  it('does not consume the token when the request is invalid', async () => {
    const replyToken = fake.state.issueReplyToken();
    const err = await fetchError(client.replyMessage({ replyToken, messages: [] }));
    expect(err.status).toBe(400);
    await client.replyMessage({ replyToken, messages: [text('ok')] });
    expect(fake.state.deliveries).toHaveLength(1);
  });
});

describe('push', () => {
  it('refuses a push to a user who blocked the account, 403, and delivers nothing', async () => {
    const to = lineId('U');
    fake.state.block(to);
    const before = fake.state.deliveries.length;
    const err = await fetchError(client.pushMessage({ to, messages: [text('Are you there?')] }, randomUUID()));
    expect(err.status).toBe(403);
    expect(JSON.parse(err.body).message).toMatch(/blocked/);
    expect(fake.state.deliveries.length).toBe(before);
    // Others still get theirs.
    await client.pushMessage({ to: lineId('U'), messages: [text('Hello')] });
    expect(fake.state.deliveries.length).toBe(before + 1);
  });

  it('delivers once per retry key; the repeat answers 409 with x-line-accepted-request-id', async () => {
    const to = lineId('U');
    const retryKey = randomUUID();

    const first = await client.pushMessageWithHttpInfo({ to, messages: [text('Your case is open')] }, retryKey);
    const acceptedRequestId = first.httpResponse.headers.get('x-line-request-id');
    expect(first.body.sentMessages).toHaveLength(1);

    const err = await fetchError(client.pushMessage({ to, messages: [text('Your case is open')] }, retryKey));
    // What callers get from the SDK: HTTPFetchError, own properties status, statusText, headers (fetch Headers), body (raw text).
    expect(err.name).toBe('HTTPFetchError');
    expect(err.message).toBe('409 - Conflict');
    expect(err.status).toBe(409);
    expect(err.statusText).toBe('Conflict');
    expect(err.headers).toBeInstanceOf(Headers);
    expect(err.headers.get('x-line-accepted-request-id')).toBe(acceptedRequestId);
    expect(err.headers.get('x-line-request-id')).not.toBe(acceptedRequestId);
    expect(typeof err.body).toBe('string');
    expect(JSON.parse(err.body)).toEqual({ message: 'The retry key is already accepted', sentMessages: first.body.sentMessages });

    expect(fake.state.deliveries).toHaveLength(1);
    expect(fake.state.deliveries[0]).toMatchObject({ kind: 'push', to, retryKey, messages: [text('Your case is open')] });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 1 });
  });

  it('a 500 after LINE accepted the push: the retry with the same key is a 409, not a second message', async () => {
    const to = lineId('U');
    const retryKey = randomUUID();
    fake.state.failNext('/v2/bot/message/push', { status: 500, afterDelivery: true });

    const err = await fetchError(client.pushMessage({ to, messages: [text('once')] }, retryKey));
    expect(err.status).toBe(500);
    const retry = await fetchError(client.pushMessage({ to, messages: [text('once')] }, retryKey));
    expect(retry.status).toBe(409);
    expect(fake.state.deliveries).toHaveLength(1);
  });

  it('429 from failNext, then normal', async () => {
    const to = lineId('U');
    fake.state.failNext('/v2/bot/message/push', { status: 429, headers: { 'retry-after': '1' } });

    const err = await fetchError(client.pushMessage({ to, messages: [text('hi')] }));
    expect(err.status).toBe(429);
    expect(err.message).toBe('429 - Too Many Requests');
    expect(err.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(err.body)).toEqual({ message: 'Too Many Requests' });
    expect(fake.state.deliveries).toHaveLength(0);

    await client.pushMessage({ to, messages: [text('hi')] });
    expect(fake.state.deliveries).toHaveLength(1);
  });

  it('rejects a retry key that is not a UUID', async () => {
    const err = await fetchError(client.pushMessage({ to: lineId('U'), messages: [text('x')] }, 'not-a-uuid'));
    expect(err.status).toBe(400);
    expect(JSON.parse(err.body)).toEqual({ message: "The value for the 'X-Line-Retry-Key' header is invalid" });
  });

  it('rejects a `to` that is not a LINE id', async () => {
    const err = await fetchError(client.pushMessage({ to: 'U123', messages: [text('x')] }));
    expect(err.status).toBe(400);
    expect(JSON.parse(err.body).message).toMatch(/'to'/);
  });

  it('stops at the monthly quota with 429', async () => {
    fake.state.monthlyQuota = 1;
    try {
      await client.pushMessage({ to: lineId('U'), messages: [text('1')] });
      const err = await fetchError(client.pushMessage({ to: lineId('U'), messages: [text('2')] }));
      expect(err.status).toBe(429);
      expect(JSON.parse(err.body)).toEqual({ message: 'You have reached your monthly limit.' });
      expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 1 });
    } finally {
      fake.state.monthlyQuota = undefined;
    }
  });
});

describe('validation', () => {
  it('6 messages is a 400 with details', async () => {
    const err = await fetchError(client.pushMessage({ to: lineId('U'), messages: Array.from({ length: 6 }, (_, i) => text(`m${i}`)) }));
    expect(err.status).toBe(400);
    expect(JSON.parse(err.body)).toEqual({ message: 'The request body has 1 error(s)', details: [{ message: 'size must be between 1 and 5', property: 'messages' }] });
    expect(fake.state.deliveries).toHaveLength(0);
  });

  it('checks text length, quick reply items and labels, altText', async () => {
    const item = (label: string): messagingApi.QuickReplyItem => ({ type: 'action', action: { type: 'message', label, text: label } });
    const err = await fetchError(
      client.pushMessage({
        to: lineId('U'),
        messages: [
          text('x'.repeat(5001)),
          { type: 'text', text: 'pick', quickReply: { items: Array.from({ length: 14 }, (_, i) => item(`o${i}`)) } },
          { type: 'text', text: 'pick', quickReply: { items: [item('a'.repeat(21)), item('😀'.repeat(20))] } },
          { type: 'flex', altText: 'a'.repeat(1501), contents: { type: 'bubble' } },
        ],
      }),
    );
    expect(JSON.parse(err.body)).toEqual({
      message: 'The request body has 4 error(s)',
      details: [
        { message: 'Length must be between 0 and 5000', property: 'messages[0].text' },
        { message: 'size must be between 1 and 13', property: 'messages[1].quickReply.items' },
        { message: 'Length must be between 0 and 20', property: 'messages[2].quickReply.items[0].action.label' },
        { message: 'Length must be between 0 and 1500', property: 'messages[3].altText' },
      ],
    });
  });
});

describe('auth', () => {
  it('answers 401 with LINE body for an unknown token', async () => {
    const stranger = new messagingApi.MessagingApiClient({ channelAccessToken: 'wrong', baseURL: fake.url });
    const err = await fetchError(stranger.pushMessage({ to: lineId('U'), messages: [text('x')] }));
    expect(err.status).toBe(401);
    expect(JSON.parse(err.body)).toEqual({ message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' });
    expect(fake.state.deliveries).toHaveLength(0);
  });

  it('accepts channels added at run time and records which one sent', async () => {
    const bot = fake.state.addChannel({ channelAccessToken: 'second-channel', bot: { displayName: 'Branch 2' } });
    const second = new messagingApi.MessagingApiClient({ channelAccessToken: 'second-channel', baseURL: fake.url });
    expect(await second.getBotInfo()).toEqual(bot);
    await second.pushMessage({ to: lineId('U'), messages: [text('from branch 2')] });
    expect(fake.state.deliveries[0].channelAccessToken).toBe('second-channel');
  });
});

describe('data API and lookups', () => {
  it('serves message content with its type through MessagingApiBlobClient', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    fake.state.addContent('1234567890', bytes, 'image/jpeg');

    const res = await blob.getMessageContentWithHttpInfo('1234567890');
    expect(res.httpResponse.headers.get('content-type')).toBe('image/jpeg');
    expect(await readAll(res.body)).toEqual(bytes);
    expect(await readAll(await blob.getMessageContent('1234567890'))).toEqual(bytes);

    const missing = await fetchError(blob.getMessageContent('999'));
    expect(missing.status).toBe(404);
  });

  it('answers bot info, profiles and groups', async () => {
    const info = await client.getBotInfo();
    expect(info).toMatchObject({ userId: expect.stringMatching(/^U[0-9a-f]{32}$/), chatMode: 'bot', markAsReadMode: 'manual' });

    const user = lineId('U');
    const group = lineId('C');
    fake.state.addProfile({ userId: user, displayName: 'Somchai', language: 'th' });
    fake.state.addGroup({ groupId: group, groupName: 'Night shift', memberIds: [user] });

    expect(await client.getProfile(user)).toEqual({ userId: user, displayName: 'Somchai', language: 'th' });
    expect(await client.getGroupSummary(group)).toEqual({ groupId: group, groupName: 'Night shift' });
    expect(await client.getGroupMemberProfile(group, user)).toEqual({ userId: user, displayName: 'Somchai' });
    expect((await fetchError(client.getProfile(lineId('U')))).status).toBe(404);
    expect((await fetchError(client.getGroupSummary(lineId('C')))).status).toBe(404);
  });
});

describe('recording', () => {
  it('records requests with headers and body, and waits for deliveries', async () => {
    const to = lineId('U');
    const waiting = fake.state.waitForDeliveries(2, 2000);
    const retryKey = randomUUID();
    await client.pushMessage({ to, messages: [text('one')] }, retryKey);
    await client.pushMessage({ to, messages: [text('two')] });
    const delivered = await waiting;
    expect(delivered.map((d) => (d.messages[0] as messagingApi.TextMessage).text)).toEqual(['one', 'two']);
    expect(fake.state.deliveriesTo(to)).toHaveLength(2);

    const [req] = fake.state.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/v2/bot/message/push', status: 200, body: { to, messages: [text('one')] } });
    expect(req.headers['authorization']).toBe(`Bearer ${DEFAULT_LINE_CHANNEL_ACCESS_TOKEN}`);
    expect(req.headers['x-line-retry-key']).toBe(retryKey);

    await expect(fake.state.waitForDeliveries(3, 50)).rejects.toThrow(/expected 3 LINE deliveries, got 2/);
  });

  it('emits each delivery', async () => {
    const seen: string[] = [];
    const onDelivery = (d: { to: string | undefined }) => seen.push(d.to ?? '');
    fake.state.on('delivery', onDelivery);
    const to = lineId('U');
    await client.pushMessage({ to, messages: [text('x')] });
    fake.state.off('delivery', onDelivery);
    expect(seen).toEqual([to]);
  });

  it('delays without failing when the fault has no status', async () => {
    fake.state.failNext('/v2/bot/info', { delayMs: 50 });
    const started = Date.now();
    await client.getBotInfo();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
