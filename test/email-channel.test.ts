import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtp, type FakeSmtp, type ReceivedMail } from '../dev/fakes/smtp-server.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * E-mail as a channel (issue #44), through the running system and a real SMTP server on loopback
 * (smtp-server, parsed with mailparser): an admin connects the org's SMTP mailbox (the password
 * sealed) and sends a test e-mail; a website lead with only an e-mail address gets their quote by
 * e-mail from the outbox, in Thai, threaded and with a reply address; the SMTP server's 4xx is
 * retried, its 5xx fails the send visibly, and a server that is down loses nothing.
 */
let sys: TestSystem;
let smtp: FakeSmtp;
let channelId: string;

const INBOUND = 'replies@in.tour.example';
const FROM = 'hello@tour.example';

beforeAll(async () => {
  smtp = await startFakeSmtp();
  // Quote links are made from the public address (without one they would not be links at all).
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off', PUBLIC_BASE_URL: 'https://desk.tour.example' } });
}, 60_000);
afterAll(async () => {
  await sys?.stopAll();
  await smtp?.close();
});

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const count = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);
const nextYear = new Date().getUTCFullYear() + 1;
const emailChannel = (over: Record<string, unknown> = {}) => ({
  kind: 'email',
  name: 'Tour e-mail',
  smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
  from: { address: FROM, name: 'ทัวร์เชียงใหม่ Chiang Mai Tours' },
  inboundAddress: INBOUND,
  credentials: { user: smtp.user, password: smtp.password },
  ...over,
});

/** A website form with an e-mail address and no LINE id, in Thai. */
async function webLead() {
  const email = `lead-${randomUUID()}@example.com`;
  const res = await fetch(`${sys.url}/public/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ destination: 'เชียงใหม่', travelers: 2, name: 'สมชาย ใจดี', email, language: 'th' }),
  });
  expect(res.status).toBe(201);
  const number = (await res.json()).booking_id as string;
  await formBooked(sys.knex, number);
  return { email, number };
}

async function sendQuote(number: string, version: number, unitPrice: number) {
  expect((await api('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'ทัวร์ดอยสุเทพ', quantity: 2, unitPrice }], validUntil: `${nextYear}-01-31` })).status).toBe(201);
  const sent = await api('POST', `/api/v1/bookings/${number}/quotes/${version}/send`);
  expect(sent.status).toBe(200);
  return sent.json as { url: string; customerTold: boolean };
}

const mailTo = (address: string, includes: string) => (m: ReceivedMail) => m.to.includes(address) && (m.parsed.text ?? '').includes(includes);
const headerLine = (raw: string, name: string) => raw.split(/\r?\n(?![ \t])/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? '';

describe('an org connects its e-mail', () => {
  it('stores the SMTP password sealed, refuses bad settings without storing anything, and sends a test e-mail in Thai and English', async () => {
    // Bad input first: a port out of range, a from address that is not one. 422, nothing stored.
    const before = await count('channels');
    const badPort = await api('POST', '/api/v1/channels', emailChannel({ smtp: { host: '127.0.0.1', port: 70000, secure: false } }));
    expect(badPort.status).toBe(422);
    const badFrom = await api('POST', '/api/v1/channels', emailChannel({ from: { address: 'not an address', name: 'x' } }));
    expect(badFrom.status).toBe(422);
    expect(await count('channels')).toBe(before);

    const created = await api('POST', '/api/v1/channels', emailChannel());
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: 'email', name: 'Tour e-mail', externalId: FROM, isActive: true });
    channelId = created.json.id;
    const row = await sys.knex('channels').where({ id: channelId }).first();
    expect(row.credentials_encrypted).not.toContain(smtp.password);
    expect(row.settings.email).toMatchObject({ host: '127.0.0.1', port: smtp.port, fromAddress: FROM, inboundAddress: INBOUND });
    const list = await api('GET', '/api/v1/channels');
    expect(list.json.map((c: { id: string }) => c.id)).toContain(channelId);
    expect(JSON.stringify(list.json)).not.toContain(smtp.password);

    const tested = await api('POST', `/api/v1/channels/${channelId}/test-email`, { to: 'admin@tour.example' });
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ ok: true, status: 250 });
    const mail = await smtp.waitFor((m) => m.to.includes('admin@tour.example'));
    expect(mail.parsed.subject).toContain('อีเมลทดสอบ');
    expect(mail.parsed.text).toContain('test e-mail, sending e-mail works');
    // The Thai subject travels encoded per RFC 2047, and decodes back whole.
    expect(headerLine(mail.raw, 'Subject')).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(mail.parsed.from?.value[0]).toMatchObject({ address: FROM, name: 'ทัวร์เชียงใหม่ Chiang Mai Tours' });
    expect((await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === channelId).lastTest).toMatchObject({ ok: true, status: 250 });
  });
});

describe('a website lead hears from us by e-mail', () => {
  it('gets the quote link by e-mail through the outbox, in Thai, from the business, with a reply address and a kept Message-ID', async () => {
    const { email, number } = await webLead();
    const sent = await sendQuote(number, 1, 2500);
    expect(sent.customerTold).toBe(true);
    expect(sent.url).toMatch(/^https:\/\/desk\.tour\.example\/liff\/quote\//);

    const mail = await smtp.waitFor(mailTo(email, sent.url));
    expect(mail.parsed.subject).toContain(number);
    expect(mail.parsed.subject).toContain('ใบเสนอราคา');
    expect(headerLine(mail.raw, 'Subject')).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(mail.parsed.html).toContain(`<a href="${sent.url}"`);
    expect(mail.parsed.html).toContain('lang="th"');
    expect(mail.parsed.html).toMatch(/font-family:[^"]*Sarabun/);
    expect(mail.parsed.text).toContain('5,000.00');
    expect(mail.parsed.from?.value[0].address).toBe(FROM);

    // The thread: the conversation on the e-mail channel, its reply address, the Message-ID kept on the message.
    const conversation = await sys.knex('conversations').where({ channel_id: channelId, external_id: email }).first();
    expect(conversation.reply_token).toMatch(/^[a-z0-9]{20}$/);
    expect(mail.parsed.replyTo?.value[0].address).toBe(`reply+${conversation.reply_token}@in.tour.example`);
    const message = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'sent' }).first());
    expect(message.platform_message_id).toBe(mail.parsed.messageId);
    expect((await api('GET', `/api/v1/bookings/${number}`)).json.timeline.map((e: { type: string }) => e.type)).toContain('notification_sent');
  });

  it('is retried when the SMTP server answers 451 (try later) and delivered once it takes the e-mail', async () => {
    const { email, number } = await webLead();
    smtp.refuseNext(451, 2);
    const sent = await sendQuote(number, 1, 1000);
    expect(sent.customerTold).toBe(true);
    const mail = await smtp.waitFor(mailTo(email, sent.url), 30_000);
    expect(smtp.received.filter(mailTo(email, sent.url))).toHaveLength(1);
    const row = await until(() => sys.knex('messages').where({ platform_message_id: mail.parsed.messageId, delivery_status: 'sent' }).first());
    expect(await until(() => sys.knex('outbox').where({ id: row.outbox_id, status: 'done' }).first())).toBeDefined();
  }, 45_000);

  it('fails visibly when the SMTP server refuses with 550: the message is failed with the reason and the outbox row failed', async () => {
    const { email, number } = await webLead();
    smtp.refuseNext(550, 1);
    await sendQuote(number, 1, 1200);
    const conversation = await until(() => sys.knex('conversations').where({ channel_id: channelId, external_id: email }).first());
    const failed = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, delivery_status: 'failed' }).first());
    expect(failed.delivery_error).toContain('550');
    expect(failed.text).toContain(number);
    expect(await until(() => sys.knex('outbox').where({ id: failed.outbox_id, status: 'failed' }).first())).toBeDefined();
    const listed = await api('GET', '/api/v1/outbox?status=failed');
    expect(JSON.stringify(listed.json)).toContain(failed.outbox_id);
    // Nothing was delivered, and nothing of the message was lost: its text is kept for a retry.
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
  });

  it('loses nothing while the SMTP server is down: the e-mail waits, and goes once the server is back', async () => {
    const { email, number } = await webLead();
    await smtp.stop();
    const sent = await sendQuote(number, 1, 1800);
    const conversation = await until(() => sys.knex('conversations').where({ channel_id: channelId, external_id: email }).first());
    // The first attempt goes within milliseconds and the next after a 2 s backoff: after 3 s both
    // found the door shut, and the message is still pending, not failed.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out' }).select('delivery_status')).toEqual([{ delivery_status: 'pending' }]);
    await smtp.start();
    await smtp.waitFor(mailTo(email, sent.url), 40_000);
    await until(() => sys.knex('messages').where({ conversation_id: conversation.id, delivery_status: 'sent' }).first());
  }, 60_000);

  it('a wrong SMTP password is an answer, not an error: 535 kept on the channel', async () => {
    const wrong = await api('POST', '/api/v1/channels', emailChannel({ name: 'Wrong password', from: { address: 'other@tour.example', name: 'Other' }, credentials: { user: smtp.user, password: 'not-the-password' } }));
    expect(wrong.status).toBe(201);
    const tested = await api('POST', `/api/v1/channels/${wrong.json.id}/test-email`, { to: 'admin@tour.example' });
    expect(tested.json).toMatchObject({ ok: false, status: 535 });
    expect((await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === wrong.json.id).lastTest).toMatchObject({ ok: false, status: 535 });
    expect((await api('POST', `/api/v1/channels/${randomUUID()}/test-email`, { to: 'admin@tour.example' })).status).toBe(404);
  });
});
