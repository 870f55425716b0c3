import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTwilioRequest } from '../bot/whatsapp/twilio-signature.ts';
import { customerChatOf } from '../core/bookings/booking-desk.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, startFakeTwilioApi, type RunningFakeTwilioApi } from '../dev/fakes/twilio-api.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystem, until, untilSettled, type TestSystem } from './support/test-system.ts';
import { randomPhone } from './support/whatsapp-customer.ts';

/**
 * SMS as a channel (issue #44), through the running system, the real twilio client pointed at the
 * fake Twilio API, and webhooks posted and signed as Twilio posts them: a website lead with only a
 * phone number gets the quote link by SMS (Thai, as UCS-2, its segments noted); their answer and
 * Twilio's status callbacks come back signed; STOP and START are honoured; an unsigned or wrongly
 * signed webhook stores nothing.
 */
let sys: TestSystem;
let twilio: RunningFakeTwilioApi;
let channelId: string;
const NUMBER = '+6621234567';
const PUBLIC = 'https://desk.tour.example';

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  sys = await startTestSystem({
    env: { DEV_SIMULATOR: 'off', PUBLIC_BASE_URL: PUBLIC, TWILIO_API_BASE_URL: twilio.url },
    relay: { policies: { outbound: { attempts: 3, backoffMs: 50 } } },
  });
  const created = await api('POST', '/api/v1/channels', {
    kind: 'sms',
    name: 'Tour SMS',
    sender: NUMBER,
    credentials: { accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: DEFAULT_TWILIO_AUTH_TOKEN },
  });
  expect(created.status).toBe(201);
  channelId = created.json.id;
}, 60_000);
afterAll(async () => {
  await sys?.stopAll();
  await twilio?.close();
});

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const count = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);
const nextYear = new Date().getUTCFullYear() + 1;

/** Twilio's form for an SMS from a customer to our number. */
const sms = (from: string, body: string): Record<string, string> => ({
  MessageSid: 'SM' + randomBytes(16).toString('hex'),
  AccountSid: DEFAULT_TWILIO_ACCOUNT_SID,
  From: from,
  To: NUMBER,
  Body: body,
  NumMedia: '0',
  NumSegments: '1',
});

/** Posts as Twilio does: the form signed over the public URL Twilio was given (or `signature` as given; null: none). */
async function post(params: Record<string, string>, signature?: string | null) {
  const path = `/webhooks/sms/${channelId}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const sig = signature === undefined ? signTwilioRequest(DEFAULT_TWILIO_AUTH_TOKEN, `${PUBLIC}${path}`, params) : signature;
  if (sig !== null) headers['x-twilio-signature'] = sig;
  const res = await fetch(`${sys.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, text: await res.text() };
}
const processed = (sid: string) => until(async () => (await sys.knex('inbound_events').where({ platform_event_id: sid }).whereNotNull('processed_at').first()) ?? false);

/** A website form with a phone number only, in Thai. */
async function phoneLead(language = 'th') {
  const phone = randomPhone();
  const local = `0${phone.slice(3, 5)}-${phone.slice(5, 8)}-${phone.slice(8)}`;
  const res = await fetch(`${sys.url}/public/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ destination: 'เชียงใหม่', travelers: 2, name: 'สมหญิง ใจดี', phone: local, language }),
  });
  expect(res.status).toBe(201);
  const number = (await res.json()).booking_id as string;
  await formBooked(sys.knex, number);
  return { phone, number };
}

async function sendQuote(number: string) {
  expect((await api('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'ทัวร์ดอยสุเทพ', quantity: 2, unitPrice: 2500 }], validUntil: `${nextYear}-01-31` })).status).toBe(201);
  const sent = await api('POST', `/api/v1/bookings/${number}/quotes/1/send`);
  expect(sent.status).toBe(200);
  return sent.json as { url: string; customerTold: boolean };
}

describe('an org connects an SMS number', () => {
  it('stores the Twilio token sealed, lists the webhook URL, and refuses a number that is not E.164', async () => {
    const row = await sys.knex('channels').where({ id: channelId }).first();
    expect(row).toMatchObject({ kind: 'sms', external_id: NUMBER });
    expect(row.credentials_encrypted).not.toContain(DEFAULT_TWILIO_AUTH_TOKEN);
    const listed = (await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === channelId);
    expect(listed).toMatchObject({ kind: 'sms', webhookUrl: `${PUBLIC}/webhooks/sms/${channelId}` });
    const before = await count('channels');
    const bad = await api('POST', '/api/v1/channels', { kind: 'sms', name: 'x', sender: '021234567', credentials: { accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: DEFAULT_TWILIO_AUTH_TOKEN } });
    expect(bad.status).toBe(422);
    expect(await count('channels')).toBe(before);
  });
});

describe('a website lead with only a phone number hears from us by SMS', () => {
  it('gets the quote link by SMS in Thai (UCS-2, its segments noted), and the status callback moves its delivery on', async () => {
    const { phone, number } = await phoneLead();
    const sent = await sendQuote(number);
    expect(sent.customerTold).toBe(true);
    const delivery = await until(async () => twilio.state.deliveriesTo(phone)[0]);
    expect(delivery.from).toBe(NUMBER);
    expect(delivery.body).toContain(sent.url);
    expect(delivery.body).toContain(number);
    expect(delivery.statusCallback).toBe(`${PUBLIC}/webhooks/sms/${channelId}`);
    const conversation = await sys.knex('conversations').where({ channel_id: channelId, external_id: phone }).first();
    const message = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'sent' }).first());
    expect(message.platform_message_id).toBe(delivery.sid);
    // Thai goes as UCS-2: 70 characters in one SMS, 67 per part; what it cost is on the message.
    const units = delivery.body!.length;
    const sms = await until(async () => (await sys.knex('messages').where({ id: message.id }).first()).payload.sms);
    expect(sms).toEqual({ encoding: 'UCS-2', characters: [...delivery.body!].length, segments: units <= 70 ? 1 : Math.ceil(units / 67), parts: 1 });
    expect(sms.segments).toBeGreaterThan(1);

    // Twilio's status callback, signed: delivered.
    const callback = { MessageSid: delivery.sid, MessageStatus: 'delivered', AccountSid: DEFAULT_TWILIO_ACCOUNT_SID, From: NUMBER, To: phone };
    expect((await post(callback)).status).toBe(200);
    await until(async () => (await sys.knex('messages').where({ id: message.id, delivery_status: 'delivered' }).first()) ?? false);
  });

  it("the lead's answer by SMS lands in the same conversation and the same contact; the bot does not answer it", async () => {
    const { phone, number } = await phoneLead();
    await sendQuote(number);
    await until(async () => twilio.state.deliveriesTo(phone)[0]);
    const answer = sms(phone, 'ขอเลื่อนเป็นวันเสาร์ได้ไหมคะ');
    const res = await post(answer);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Response>');
    await processed(answer.MessageSid);
    const conversation = await sys.knex('conversations').where({ channel_id: channelId, external_id: phone }).first();
    const messages = await sys.knex('messages').where({ conversation_id: conversation.id }).orderBy('created_at');
    expect(messages.map((m) => m.direction)).toEqual(['out', 'in']);
    expect(messages[1].text).toBe('ขอเลื่อนเป็นวันเสาร์ได้ไหมคะ');
    const booking = await api('GET', `/api/v1/bookings/${number}`);
    const identity = await sys.knex('contact_identities').where({ channel_id: channelId, external_id: phone }).first();
    expect(identity.contact_id).toBe(booking.json.contact.id);
    // Routed (with the offline classifier, in the transaction that stored it), and left to staff: nothing more went out.
    await untilSettled(sys.knex);
    expect(twilio.state.deliveries.filter((d) => d.to === phone)).toHaveLength(1);
  });
});

describe('STOP and START', () => {
  it('a number that texted STOP gets no notice: a queued one ends undelivered with the reason, nothing reaches Twilio; START lets them back', async () => {
    const { phone, number } = await phoneLead('en');
    await sendQuote(number);
    await until(async () => twilio.state.deliveriesTo(phone)[0]);
    const stop = sms(phone, ' stop ');
    await post(stop);
    await processed(stop.MessageSid);
    const left = await sys.knex('channel_opt_outs').where({ channel_id: channelId, address: phone }).first();
    expect(left).toMatchObject({ how: 'sms_stop', keyword: 'STOP' });
    expect(left.opted_out_at).not.toBeNull();

    // A staff answer queued after the STOP: not sent, and says why.
    const conversation = await sys.knex('conversations').where({ channel_id: channelId, external_id: phone }).first();
    const staff = await api('POST', '/api/v1/staff', { displayName: 'Ploy', role: 'support' });
    const key = (await api('POST', '/api/v1/api-keys', { name: `desk ${randomUUID().slice(0, 8)}`, role: 'support', staffId: staff.json.id })).json.key;
    const before = (await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, key)).json;
    const answered = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, { text: 'Sorry to see you go', expectedVersion: before.version }, key);
    expect(answered.status).toBeLessThan(300);
    const refused = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'undelivered' }).first());
    expect(refused.delivery_error).toMatch(/opted out of SMS from this number \(texted STOP on \d{4}-\d{2}-\d{2}\)/);
    expect(twilio.state.deliveries.filter((d) => d.to === phone)).toHaveLength(1);

    // A new booking of theirs is not told by SMS: the number left the channel.
    const again = await fetch(`${sys.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ destination: 'Krabi', travelers: 1, name: 'Somying', phone, language: 'en' }),
    });
    const second = (await again.json()).booking_id as string;
    await formBooked(sys.knex, second);
    expect((await sendQuote(second)).customerTold).toBe(false);

    const start = sms(phone, 'START');
    await post(start);
    await processed(start.MessageSid);
    const back = await sys.knex('channel_opt_outs').where({ channel_id: channelId, address: phone }).first();
    expect(back).toMatchObject({ opted_out_at: null, how: 'sms_start', keyword: 'START' });
    expect(back.opted_in_at).not.toBeNull();
  });

  it("Twilio's own 21610 (a STOP that reached Twilio but not us) fails the send with the reason and is remembered", async () => {
    const { phone, number } = await phoneLead('en');
    twilio.state.optOut(NUMBER, phone);
    await sendQuote(number);
    const conversation = await until(() => sys.knex('conversations').where({ channel_id: channelId, external_id: phone }).first());
    const refused = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, delivery_status: 'undelivered' }).first());
    expect(refused.delivery_error).toContain('21610');
    expect(await sys.knex('channel_opt_outs').where({ channel_id: channelId, address: phone, how: 'twilio_blocked' }).whereNotNull('opted_out_at').first()).toBeDefined();
    expect(twilio.state.deliveries.filter((d) => d.to === phone)).toHaveLength(0);
  });
});

describe('bad webhooks', () => {
  it('refuses an unsigned or wrongly signed SMS webhook and stores nothing', async () => {
    const before = await count('inbound_events');
    const params = sms(randomPhone(), 'hello');
    const unsigned = await post(params, null);
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.text).error).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/x-twilio-signature/i) });
    // Signed with another token, and signed for another URL (the WhatsApp webhook's).
    const forged = await post(params, signTwilioRequest('not-the-token', `${PUBLIC}/webhooks/sms/${channelId}`, params));
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.code).toBe('unauthenticated');
    const elsewhere = await post(params, signTwilioRequest(DEFAULT_TWILIO_AUTH_TOKEN, `${PUBLIC}/webhooks/whatsapp`, params));
    expect(elsewhere.status).toBe(401);
    expect(await count('inbound_events')).toBe(before);
    expect(await sys.knex('inbound_events').where({ platform_event_id: params.MessageSid }).first()).toBeUndefined();
    // A WhatsApp address on the SMS number is recorded as malformed, never answered.
    const wrongKind = { ...sms(randomPhone(), 'hi'), From: 'whatsapp:+66811111111' };
    expect((await post(wrongKind)).status).toBe(200);
    const malformed = await until(() => sys.knex('inbound_events').where({ channel_id: channelId, event_type: 'malformed' }).first());
    expect(malformed.error).toContain('is not a phone number');
  });
});

describe('which channel a notice goes out on (docs/channels.md)', () => {
  it('a contact known on LINE and by e-mail: the chat they last wrote on; never written: LINE before SMS before e-mail; no chat: SMS, then e-mail; a channel they left is skipped', async () => {
    const orgId = sys.defaultOrgId;
    const line = await api('POST', '/api/v1/channels', { kind: 'line', name: 'Shop LINE', credentials: { channelSecret: 'secret-secret', channelAccessToken: 'token-token' } });
    const mail = await api('POST', '/api/v1/channels', {
      kind: 'email',
      name: 'Shop e-mail',
      smtp: { host: '127.0.0.1', port: 1, secure: false },
      from: { address: 'hello@shop.example', name: 'Shop' },
      inboundAddress: 'replies@in.shop.example',
      credentials: { user: 'u', password: 'p' },
    });
    expect([line.status, mail.status]).toEqual([201, 201]);
    const email = `both-${randomUUID()}@example.com`;
    const phone = randomPhone();
    const [contact] = await sys.knex('contacts').insert({ org_id: orgId, display_name: 'Known twice', email, phone }).returning('id');
    const chatOn = async (channelId: string, externalId: string, lastInboundAt: Date | null) =>
      (await sys.knex('conversations').insert({ org_id: orgId, channel_id: channelId, contact_id: contact.id, kind: 'direct', external_id: externalId, last_inbound_at: lastInboundAt }).returning('id'))[0].id as string;
    const chat = () => customerChatOf(sys.knex, { orgId, contactId: contact.id, conversationId: null });

    // No chat yet: a phone and an address, and the org has an SMS number and an e-mail channel: SMS first.
    const smsThread = await chat();
    expect(await sys.knex('conversations').where({ id: smsThread }).first()).toMatchObject({ channel_id: channelId, external_id: phone });
    await sys.knex('conversations').where({ id: smsThread }).del();
    // Their number left the SMS channel: e-mail.
    await sys.knex('channel_opt_outs').insert({ org_id: orgId, channel_id: channelId, address: phone, token: randomBytes(12).toString('base64url'), opted_out_at: new Date(), how: 'sms_stop', keyword: 'STOP' });
    const emailThread = await chat();
    expect(await sys.knex('conversations').where({ id: emailThread }).first()).toMatchObject({ channel_id: mail.json.id, external_id: email });

    // Known on LINE too (never written there, nor by e-mail): LINE before e-mail.
    const lineChat = await chatOn(line.json.id, `U${randomBytes(16).toString('hex')}`, null);
    expect(await chat()).toBe(lineChat);
    // They wrote by e-mail an hour ago, and on LINE two days ago: the e-mail thread.
    await sys.knex('conversations').where({ id: lineChat }).update({ last_inbound_at: new Date(Date.now() - 2 * 86_400_000) });
    await sys.knex('conversations').where({ id: emailThread }).update({ last_inbound_at: new Date(Date.now() - 3_600_000) });
    expect(await chat()).toBe(emailThread);
    // Then on LINE just now: LINE.
    await sys.knex('conversations').where({ id: lineChat }).update({ last_inbound_at: new Date() });
    expect(await chat()).toBe(lineChat);
    // The booking's own conversation always wins.
    expect(await customerChatOf(sys.knex, { orgId, contactId: contact.id, conversationId: emailThread })).toBe(emailThread);
    // Their e-mail address unsubscribed and LINE switched off: no chat left but SMS, which they left too.
    await sys.knex('channel_opt_outs').insert({ org_id: orgId, channel_id: mail.json.id, address: email, token: randomBytes(12).toString('base64url'), opted_out_at: new Date(), how: 'email_unsubscribe' });
    await api('PATCH', `/api/v1/channels/${line.json.id}`, { isActive: false });
    expect(await chat()).toBeNull();
    await api('PATCH', `/api/v1/channels/${mail.json.id}`, { isActive: false });
  });
});
