import twilio from 'twilio';
import type { ContentCreateRequest } from 'twilio/lib/rest/content/v1/content.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioClient } from '../../bot/whatsapp/twilio-client.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, startFakeTwilioApi } from './twilio-api.ts';
import type { RunningFakeTwilioApi } from './twilio-api.ts';

// The real twilio client, its domains' baseUrl pointed at the fake: the same HTTP requests as production.
let fake: RunningFakeTwilioApi;
let client: ReturnType<typeof createTwilioClient>;

const FROM = 'whatsapp:+14155238886';
const TO = 'whatsapp:+66812345678';

beforeAll(async () => {
  fake = await startFakeTwilioApi();
  client = createTwilioClient({ accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: DEFAULT_TWILIO_AUTH_TOKEN, apiBaseUrl: fake.url });
});
afterAll(() => fake.close());
afterEach(() => fake.state.reset());

async function restException(p: Promise<unknown>): Promise<InstanceType<typeof twilio.RestException>> {
  const err = await p.then(
    () => {
      throw new Error('expected the Twilio call to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(twilio.RestException);
  return err as InstanceType<typeof twilio.RestException>;
}

/**
 * The SDK sends `create()` params verbatim as JSON while its typings are camelCase
 * (`twilioQuickReply`): Twilio's wire names ("twilio/quick-reply", `friendly_name`) need a cast.
 */
function wireContent(body: { friendly_name?: string; language: string; variables?: Record<string, string>; types: Record<string, unknown> }) {
  return body as unknown as ContentCreateRequest;
}

describe('messages', () => {
  it('client.messages.create lands in deliveries and answers a Message resource', async () => {
    const message = await client.messages.create({ from: FROM, to: TO, body: 'Your booking is confirmed', statusCallback: 'https://desk.example/webhooks/whatsapp/status' });

    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe('queued');
    expect(message.to).toBe(TO);
    expect(message.from).toBe(FROM);
    expect(message.body).toBe('Your booking is confirmed');
    expect(message.accountSid).toBe(DEFAULT_TWILIO_ACCOUNT_SID);
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(message.dateCreated.getTime())).toBe(false);
    expect(message.direction).toBe('outbound-api');

    expect(fake.state.deliveries).toMatchObject([
      { sid: message.sid, to: TO, from: FROM, body: 'Your booking is confirmed', mediaUrls: [], statusCallback: 'https://desk.example/webhooks/whatsapp/status', status: 'queued' },
    ]);
    const [req] = fake.state.requests;
    expect(req.path).toBe(`/2010-04-01/Accounts/${DEFAULT_TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.headers['authorization']).toBe(`Basic ${Buffer.from(`${DEFAULT_TWILIO_ACCOUNT_SID}:${DEFAULT_TWILIO_AUTH_TOKEN}`).toString('base64')}`);
    expect(req.body).toMatchObject({ To: TO, From: FROM, Body: 'Your booking is confirmed' });

    fake.state.setMessageStatus(message.sid, 'delivered');
    expect((await client.messages(message.sid).fetch()).status).toBe('delivered');
  });

  it('sends repeated MediaUrl parameters', async () => {
    await client.messages.create({ from: FROM, to: TO, mediaUrl: ['https://desk.example/m/1.jpg', 'https://desk.example/m/2.jpg'] });
    expect(fake.state.deliveries[0].mediaUrls).toEqual(['https://desk.example/m/1.jpg', 'https://desk.example/m/2.jpg']);
  });

  it('bad credentials: RestException 401, code 20003', async () => {
    const stranger = createTwilioClient({ accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: 'wrong', apiBaseUrl: fake.url });
    const err = await restException(stranger.messages.create({ from: FROM, to: TO, body: 'x' }));
    // What callers get from the SDK: RestException, own properties status, code, moreInfo, details; message from the body.
    expect(err.status).toBe(401);
    expect(err.code).toBe(20003);
    expect(err.moreInfo).toBe('https://www.twilio.com/docs/errors/20003');
    expect(err.message).toBe('Authenticate');
    expect(fake.state.deliveries).toHaveLength(0);
  });

  it('no Body, MediaUrl or ContentSid: 400, code 21619', async () => {
    const err = await restException(client.messages.create({ from: FROM, to: TO }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(21619);
    expect(fake.state.deliveries).toHaveLength(0);
  });

  it.each([
    [{ from: FROM, to: 'whatsapp:0812345678', body: 'x' }, 21211],
    [{ from: 'whatsapp:14155238886', to: TO, body: 'x' }, 21212],
    [{ from: '+14155238886', to: TO, body: 'x' }, 21910],
    [{ from: FROM, to: TO, body: 'x'.repeat(1601) }, 21617],
    [{ from: FROM, to: TO, body: 'x', contentVariables: '{"1":"a"}' }, 21654],
    [{ from: FROM, to: TO, contentSid: 'HX' + '0'.repeat(32) }, 21655],
  ])('validates like Twilio: %j is %i', async (params, code) => {
    const err = await restException(client.messages.create(params));
    expect(err.status).toBe(400);
    expect(err.code).toBe(code);
  });

  it('429 from failNext, then normal', async () => {
    fake.state.failNext('/Messages.json', { status: 429 });
    const err = await restException(client.messages.create({ from: FROM, to: TO, body: 'x' }));
    expect(err.status).toBe(429);
    expect(err.code).toBe(20429);
    await client.messages.create({ from: FROM, to: TO, body: 'x' });
    expect(fake.state.deliveries).toHaveLength(1);
  });

  it('waits for deliveries', async () => {
    const waiting = fake.state.waitForDeliveries(1, 2000);
    void client.messages.create({ from: FROM, to: TO, body: 'later' });
    const [d] = await waiting;
    expect(d.body).toBe('later');
    expect(fake.state.deliveriesTo(TO)).toHaveLength(1);
    await expect(fake.state.waitForDeliveries(2, 50)).rejects.toThrow(/expected 2 Twilio deliveries, got 1/);
  });
});

describe('content API', () => {
  it('creates and fetches a quick-reply template, then sends it with ContentSid', async () => {
    const content = await client.content.v1.contents.create(
      wireContent({
        friendly_name: 'case_opened',
        language: 'en',
        variables: { '1': 'Customer' },
        types: {
          'twilio/quick-reply': { body: 'Hi {{1}}, your case is open.', actions: [{ title: 'Add details', id: 'add' }, { title: 'Talk to staff', id: 'staff' }] },
          'twilio/text': { body: 'Hi {{1}}, your case is open.' },
        },
      }),
    );
    expect(content.sid).toMatch(/^HX[0-9a-f]{32}$/);
    expect(content.friendlyName).toBe('case_opened');
    expect(content.dateCreated).toBeInstanceOf(Date);
    expect(content.types).toMatchObject({ 'twilio/quick-reply': { actions: [{ id: 'add' }, { id: 'staff' }] } });

    const fetched = await client.content.v1.contents(content.sid).fetch();
    expect(fetched.sid).toBe(content.sid);
    expect((await client.content.v1.contents.list()).map((c) => c.sid)).toEqual([content.sid]);

    const message = await client.messages.create({ from: FROM, to: TO, contentSid: content.sid, contentVariables: JSON.stringify({ '1': 'Somchai' }) });
    expect(message.body).toBe('Hi Somchai, your case is open.');
    expect(fake.state.deliveries[0]).toMatchObject({ contentSid: content.sid, contentVariables: { '1': 'Somchai' }, content: { sid: content.sid }, renderedBody: 'Hi Somchai, your case is open.' });

    const badVariables = await restException(client.messages.create({ from: FROM, to: TO, contentSid: content.sid, contentVariables: 'not json' }));
    expect(badVariables.code).toBe(21656);
  });

  it('rejects camelCase (SDK-typed) bodies and unknown content', async () => {
    const err = await restException(client.content.v1.contents.create({ friendlyName: 'x', language: 'en', types: { twilioText: { body: 'x' } } } as ContentCreateRequest));
    expect(err.status).toBe(400);
    const missing = await restException(client.content.v1.contents('HX' + '0'.repeat(32)).fetch());
    expect(missing.status).toBe(404);
    expect(missing.code).toBe(20404);
  });

  it('limits quick-reply actions to 10', async () => {
    const actions = Array.from({ length: 11 }, (_, i) => ({ title: `o${i}`, id: `o${i}` }));
    const err = await restException(client.content.v1.contents.create(wireContent({ language: 'en', types: { 'twilio/quick-reply': { body: 'pick', actions } } })));
    expect(err.status).toBe(400);
  });
});
