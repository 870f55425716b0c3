import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtp, type FakeSmtp, type ReceivedMail } from '../dev/fakes/smtp-server.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { OUTBOUND_RETRY_FOR_MS } from '../workers/job-policy.ts';
import { queueMessages } from '../core/conversations/outgoing.ts';

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
  // The inbound SMTP listener on a free loopback port, with the default size limit (30 MiB).
  sys = await startTestSystem({
    env: { DEV_SIMULATOR: 'off', PUBLIC_BASE_URL: 'https://desk.tour.example', EMAIL_INBOUND_PORT: '0', EMAIL_INBOUND_HOST: '127.0.0.1' },
    // The real policy's shape (retried for its whole time, however many attempts), at a tenth of
    // its waits: the retries below are seen in a second, not in ten.
    relay: { policies: { outbound: { attempts: 10_000, backoffMs: 200, maxBackoffMs: 1_000, retryForMs: OUTBOUND_RETRY_FOR_MS } } },
  });
  // Generous: on a shared machine under load, starting a test system has taken over a minute.
}, 180_000);
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

/** Sends to the product's inbound SMTP port, as the org's mail server forwarding a customer's reply would. */
const inbound = () => nodemailer.createTransport({ host: '127.0.0.1', port: sys.emailInboundPort!, secure: false, ignoreTLS: true });
const messagesOf = (conversationId: string) => sys.knex('messages').where({ conversation_id: conversationId }).orderBy('created_at');

/** A lead whose quote e-mail arrived: their conversation, its reply address, and the e-mail. */
async function leadWithQuoteMail() {
  const { email, number } = await webLead();
  const sent = await sendQuote(number, 1, 3100);
  const mail = await smtp.waitFor(mailTo(email, sent.url));
  const conversation = await sys.knex('conversations').where({ channel_id: channelId, external_id: email }).first();
  return { email, number, mail, conversation, replyTo: mail.parsed.replyTo!.value[0].address! };
}

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
    expect(mail.parsed.text).toContain('5,000 บาท');
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
    // The first attempt goes within milliseconds and the next ones after 0.2, 0.4, 0.8 and 1 s: after
    // 3 s they all found the door shut, and the message is still pending, not failed.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out' }).select('delivery_status')).toEqual([{ delivery_status: 'pending' }]);
    await smtp.start();
    await smtp.waitFor(mailTo(email, sent.url), 40_000);
    await until(() => sys.knex('messages').where({ conversation_id: conversation.id, delivery_status: 'sent' }).first());
  }, 60_000);

  it('an admin switches the e-mail channel off (a lead is then not told by e-mail) and on again; a LINE token is refused for it', async () => {
    const lineCredentials = await api('PATCH', `/api/v1/channels/${channelId}`, { credentials: { channelSecret: 'secret-secret', channelAccessToken: 'token-token' } });
    expect(lineCredentials.status).toBe(422);
    const sealedBefore = (await sys.knex('channels').where({ id: channelId }).first()).credentials_encrypted;
    expect((await api('PATCH', `/api/v1/channels/${channelId}`, { isActive: false })).json).toMatchObject({ id: channelId, isActive: false });
    try {
      const { number } = await webLead();
      expect((await sendQuote(number, 1, 1000)).customerTold).toBe(false);
    } finally {
      expect((await api('PATCH', `/api/v1/channels/${channelId}`, { isActive: true })).json).toMatchObject({ isActive: true });
    }
    // The SMTP password was not touched by either change.
    expect((await sys.knex('channels').where({ id: channelId }).first()).credentials_encrypted).toBe(sealedBefore);
  });

  it('a wrong SMTP password is an answer, not an error: 535 kept on the channel', async () => {
    const wrong = await api('POST', '/api/v1/channels', emailChannel({ name: 'Wrong password', from: { address: 'other@tour.example', name: 'Other' }, credentials: { user: smtp.user, password: 'not-the-password' } }));
    expect(wrong.status).toBe(201);
    const tested = await api('POST', `/api/v1/channels/${wrong.json.id}/test-email`, { to: 'admin@tour.example' });
    expect(tested.json).toMatchObject({ ok: false, status: 535 });
    expect((await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === wrong.json.id).lastTest).toMatchObject({ ok: false, status: 535 });
    expect((await api('POST', `/api/v1/channels/${randomUUID()}/test-email`, { to: 'admin@tour.example' })).status).toBe(404);
  });
});

describe('the lead answers by e-mail', () => {
  it("the issue's check: a website booking with only an e-mail, the quote by e-mail, and the reply (quoted history cut, attachment kept) in GET /api/v1/conversations/:id", async () => {
    const { email, mail, conversation, replyTo } = await leadWithQuoteMail();
    expect(sys.emailInboundPort).toBeGreaterThan(0);
    const pdf = Buffer.from('%PDF-1.4 passport copy');
    await inbound().sendMail({
      from: email,
      to: replyTo,
      // The subject changed: the reply address still finds the conversation.
      subject: 'คำถามเรื่องทัวร์',
      inReplyTo: mail.parsed.messageId,
      references: [mail.parsed.messageId!],
      text: `ขอเปลี่ยนเป็นวันเสาร์ได้ไหมคะ\n\nOn Mon, 1 Dec 2026 at 10:00, Chiang Mai Tours <${FROM}> wrote:\n> ${mail.parsed.text?.split('\n')[0]}\n> old text`,
      attachments: [{ filename: 'passport.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const detail = await until(async () => {
      const r = await api('GET', `/api/v1/conversations/${conversation.id}`);
      return r.json.messages?.some((m: { direction: string }) => m.direction === 'in') ? r : undefined;
    });
    const reply = detail.json.messages.find((m: { direction: string }) => m.direction === 'in');
    expect(reply).toMatchObject({ senderType: 'customer', text: 'ขอเปลี่ยนเป็นวันเสาร์ได้ไหมคะ' });
    const row = await sys.knex('messages').where({ id: reply.id }).first();
    expect(row.payload.email).toMatchObject({ subject: 'คำถามเรื่องทัวร์', from: email, inReplyTo: mail.parsed.messageId });
    expect(row.payload.email.fromMismatch).toBeUndefined();
    const [file] = row.payload.email.attachments;
    expect(file).toMatchObject({ name: 'passport.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(existsSync(join(sys.dataDir, 'media', file.key))).toBe(true);
    // Stored as an inbound event first, like LINE's, and processed.
    const event = await sys.knex('inbound_events').where({ id: row.inbound_event_id }).first();
    expect(event).toMatchObject({ channel_id: channelId, event_type: 'email', error: null });
    expect(event.processed_at).not.toBeNull();
    // Nobody answered it by machine: e-mail is answered by staff from the inbox.
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'out')).toHaveLength(1);
  });

  it('staff answer from the desk: the answer goes out as an e-mail in the same thread (In-Reply-To the customer\'s mail, same reply address)', async () => {
    const { email, conversation, replyTo } = await leadWithQuoteMail();
    const customerMessageId = `<${randomUUID()}@example.com>`;
    await inbound().sendMail({ from: email, to: replyTo, subject: 'อาหารกลางวัน', text: 'Is lunch included?', messageId: customerMessageId });
    await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    const staff = await api('POST', '/api/v1/staff', { displayName: 'Ploy', role: 'support' });
    const key = (await api('POST', '/api/v1/api-keys', { name: `desk ${randomUUID().slice(0, 8)}`, role: 'support', staffId: staff.json.id })).json.key;
    const before = (await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, key)).json;
    const sent = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, { text: 'Yes, lunch is included.', expectedVersion: before.version }, key);
    expect(sent.status).toBeLessThan(300);
    const answer = await smtp.waitFor(mailTo(email, 'Yes, lunch is included.'));
    expect(answer.parsed.inReplyTo).toBe(customerMessageId);
    expect(answer.parsed.references).toContain(customerMessageId);
    expect(answer.parsed.replyTo?.value[0].address).toBe(replyTo);
    expect(answer.parsed.subject).toBe('Re: อาหารกลางวัน');
  });

  it('mail to the inbound address itself (forwarded from the business mailbox) finds its thread by In-Reply-To, or the sender\'s conversation; a new sender becomes a contact with that address', async () => {
    const { email, mail, conversation } = await leadWithQuoteMail();
    // Forwarded by the org's mailbox: addressed to the inbound address, no reply token, another subject, from a new address.
    await inbound().sendMail({ from: 'assistant@example.org', to: INBOUND, subject: 'about the tour', text: 'Booking for my boss', inReplyTo: mail.parsed.messageId });
    const threaded = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    expect(threaded.payload.email.fromMismatch).toEqual({ conversationAddress: email });

    // The lead writes a fresh mail (no thread headers) to the inbound address: their own conversation.
    await inbound().sendMail({ from: email, to: INBOUND, subject: 'new question', text: 'One more question' });
    await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in', text: 'One more question' }).first());

    // Someone we never heard of: a new contact carrying their address, in a conversation on the e-mail channel.
    const stranger = `new-${randomUUID()}@example.net`;
    await inbound().sendMail({ from: { name: 'Mali', address: stranger }, to: INBOUND, subject: 'Tours in March?', text: 'Do you run tours in March?' });
    const opened = await until(() => sys.knex('conversations').where({ channel_id: channelId, external_id: stranger }).first());
    expect(await sys.knex('contacts').where({ id: opened.contact_id }).first()).toMatchObject({ email: stranger, display_name: 'Mali' });
    const first = await until(() => sys.knex('messages').where({ conversation_id: opened.id, direction: 'in' }).first());
    expect(first.text).toBe('Do you run tours in March?');
  });

  it('two messages over one SMTP connection each land in their own conversation only', async () => {
    const [a, b] = [await leadWithQuoteMail(), await leadWithQuoteMail()];
    // A pooled transport keeps the connection open between the two messages, as a forwarding mail server does.
    const pooled = nodemailer.createTransport({ pool: true, maxConnections: 1, host: '127.0.0.1', port: sys.emailInboundPort!, secure: false, ignoreTLS: true });
    await Promise.all([
      pooled.sendMail({ from: a.email, to: a.replyTo, subject: 'a', text: 'from lead A' }),
      pooled.sendMail({ from: b.email, to: b.replyTo, subject: 'b', text: 'from lead B' }),
    ]);
    pooled.close();
    await until(() => sys.knex('messages').where({ conversation_id: b.conversation.id, direction: 'in' }).first());
    await until(() => sys.knex('messages').where({ conversation_id: a.conversation.id, direction: 'in' }).first());
    expect((await messagesOf(a.conversation.id)).filter((m) => m.direction === 'in').map((m) => m.text)).toEqual(['from lead A']);
    expect((await messagesOf(b.conversation.id)).filter((m) => m.direction === 'in').map((m) => m.text)).toEqual(['from lead B']);
  });

  it('a reply from another address joins the conversation its reply address names, shows the mismatch, and makes no contact of the sender', async () => {
    const { conversation, replyTo } = await leadWithQuoteMail();
    const contactsBefore = await count('contacts');
    await inbound().sendMail({ from: 'husband@example.org', to: replyTo, subject: 'Re: quote', text: 'We take it, thanks' });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    expect(row.text).toBe('We take it, thanks');
    expect(row.payload.email.fromMismatch).toEqual({ conversationAddress: conversation.external_id });
    expect(await count('contacts')).toBe(contactsBefore);
    // Staff see the mismatch in the conversation.
    const shown = (await api('GET', `/api/v1/conversations/${conversation.id}`)).json.messages.find((m: { id: string }) => m.id === row.id);
    expect(shown.email).toMatchObject({ from: 'husband@example.org', fromMismatch: { conversationAddress: conversation.external_id }, automatic: null });
    expect((await sys.knex('conversations').where({ id: conversation.id }).first()).contact_id).toBe(conversation.contact_id);
  });

  it('HTML with a script and a remote image is sanitised before it is kept for the desk; the text is kept whole', async () => {
    const { email, conversation, replyTo } = await leadWithQuoteMail();
    await inbound().sendMail({
      from: email,
      to: replyTo,
      subject: 'html',
      html: '<p onclick="steal()">Yes <b>please</b></p><script>alert(1)</script><img src="https://tracker.example/pixel.gif"><a href="javascript:alert(2)">x</a><a href="https://tour.example/faq">faq</a>',
    });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    const html: string = row.payload.email.html;
    expect(html).toContain('<b>please</b>');
    expect(html).toContain('href="https://tour.example/faq"');
    expect(html).not.toMatch(/<script|onclick|<img|tracker\.example|javascript:/i);
    const shown = (await api('GET', `/api/v1/conversations/${conversation.id}`)).json.messages.find((m: { id: string }) => m.id === row.id);
    expect(shown.email.html).toBe(html);
    expect(row.text).toContain('Yes please');
  });

  it('a Thai reply in TIS-620 comes out as UTF-8', async () => {
    const { email, conversation, replyTo } = await leadWithQuoteMail();
    const thai = 'ยืนยันการจองค่ะ ขอบคุณมาก';
    const raw = Buffer.concat([
      Buffer.from(`From: ${email}\r\nTo: ${replyTo}\r\nSubject: =?TIS-620?B?${iconv.encode('ยืนยัน', 'tis620').toString('base64')}?=\r\nMessage-ID: <${randomUUID()}@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=TIS-620\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`, 'latin1'),
      iconv.encode(thai, 'tis620'),
      Buffer.from('\r\n', 'latin1'),
    ]);
    await inbound().sendMail({ envelope: { from: email, to: [replyTo] }, raw });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    expect(row.text).toBe(thai);
    expect(row.payload.email.subject).toBe('ยืนยัน');
  });

  it('an auto-reply is recorded and never answered', async () => {
    const { email, conversation, replyTo } = await leadWithQuoteMail();
    await inbound().sendMail({ from: email, to: replyTo, subject: 'Out of office', text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    expect(row.payload).toMatchObject({ mode: 'standby', email: { automatic: 'Auto-Submitted: auto-replied' } });
    expect(row.text).toBe('I am away until Monday.');
    // Its event queued no routing: only the quote went out, and nothing more will.
    expect(await sys.knex('outbox').where({ queue: 'inbound', job_name: 'route-message' }).whereRaw(`payload->>'messageId' = ?`, [row.id]).first()).toBeUndefined();
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'out')).toHaveLength(1);
  });

  it('takes a 20 MB attachment whole: the reply lands with the file kept byte for byte', async () => {
    const { email, conversation, replyTo } = await leadWithQuoteMail();
    const big = Buffer.alloc(20 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    await inbound().sendMail({ from: email, to: replyTo, subject: 'photos', text: 'All our photos', attachments: [{ filename: 'photos.zip', content: big, contentType: 'application/zip' }] });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first(), 60_000);
    const [file] = row.payload.email.attachments;
    expect(file).toMatchObject({ name: 'photos.zip', size: big.length });
    expect(readFileSync(join(sys.dataDir, 'media', file.key)).equals(big)).toBe(true);
  }, 90_000);

  it('a mail loop between our own addresses is recorded, never answered', async () => {
    const { conversation, replyTo } = await leadWithQuoteMail();
    // Our own sender address writing to a reply address (an auto-forward gone round): no Auto-Submitted header to tell it.
    await inbound().sendMail({ from: FROM, to: replyTo, subject: 'Re: quote', text: 'forwarded back' });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    expect(row.payload).toMatchObject({ mode: 'standby', email: { automatic: `a loop: from our own address ${FROM}` } });
    expect(await sys.knex('outbox').where({ queue: 'inbound', job_name: 'route-message' }).whereRaw(`payload->>'messageId' = ?`, [row.id]).first()).toBeUndefined();
  });

  it('a hard bounce (a delivery report, forwarded to the inbound address) is recorded with the lead, never answered, and marks the address undeliverable: the next notice is not sent', async () => {
    const { email, number, mail, conversation } = await leadWithQuoteMail();
    const report = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.example.com>`,
      `To: ${FROM}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <${randomUUID()}@mx.example.com>`,
      `Auto-Submitted: auto-replied`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="B"`,
      ``,
      `--B`,
      `Content-Type: text/plain; charset=us-ascii`,
      ``,
      `I'm sorry to have to inform you that your message could not be delivered.`,
      `--B`,
      `Content-Type: message/delivery-status`,
      ``,
      `Reporting-MTA: dns; mx.example.com`,
      ``,
      `Final-Recipient: rfc822; ${email}`,
      `Action: failed`,
      `Status: 5.1.1`,
      `Diagnostic-Code: smtp; 550 5.1.1 user unknown`,
      `--B`,
      `Content-Type: text/rfc822-headers`,
      ``,
      `Message-ID: ${mail.parsed.messageId}`,
      `--B--`,
      ``,
    ].join('\r\n');
    await inbound().sendMail({ envelope: { from: '', to: [INBOUND] }, raw: report });
    const row = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    expect(row.payload).toMatchObject({ mode: 'standby', email: { bounce: { recipient: email, status: '5.1.1', hard: true } } });
    const contact = await sys.knex('contacts').where({ id: conversation.contact_id }).first();
    expect(contact.email_undeliverable_at).not.toBeNull();
    expect(contact.email_undeliverable_reason).toContain('5.1.1');
    // The next notice finds no chat: recorded as undelivered for staff, nothing queued, nothing sent.
    const outBefore = (await messagesOf(conversation.id)).filter((m) => m.direction === 'out').length;
    expect((await api('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'again', quantity: 1, unitPrice: 900 }], validUntil: `${nextYear}-01-31` })).status).toBe(201);
    const again = await api('POST', `/api/v1/bookings/${number}/quotes/2/send`);
    expect(again.json.customerTold).toBe(false);
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'out')).toHaveLength(outBefore);
    expect((await api('GET', `/api/v1/bookings/${number}`)).json.timeline.map((e: { type: string }) => e.type)).toContain('notification_undelivered');
  });

  it('refuses what is not for us: an unknown reply address (550) and a message over the size limit (552); nothing is stored', async () => {
    const { email, replyTo } = await leadWithQuoteMail();
    const events = await count('inbound_events');
    await expect(inbound().sendMail({ from: email, to: 'reply+0000000000000000@in.tour.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(inbound().sendMail({ from: email, to: 'someone@elsewhere.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      // 24 MiB of file is 32 MiB in base64: over the 30 MiB limit.
      inbound().sendMail({ from: email, to: replyTo, subject: 'big', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(24 * 1024 * 1024, 7) }] }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await count('inbound_events')).toBe(events);
  });

  it('malformed MIME is kept as it came and recorded as malformed, and the conversation is untouched', async () => {
    const { conversation, replyTo } = await leadWithQuoteMail();
    const raw = Buffer.from(`Subject: no sender\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\n\u00ff\u00fe half a part`, 'latin1');
    await inbound().sendMail({ envelope: { from: 'x@example.org', to: [replyTo] }, raw });
    // Recorded as malformed (event_type and error say so, as for a LINE event that cannot be read), its job done.
    const event = await until(() => sys.knex('inbound_events').where({ channel_id: channelId, event_type: 'malformed' }).whereRaw(`payload->>'conversationId' = ?`, [conversation.id]).first());
    expect(event.error).toContain('no From');
    expect(existsSync(join(sys.dataDir, 'media', event.payload.rawKey))).toBe(true);
    expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'in')).toHaveLength(0);
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  const unsubscribeLink = (raw: string) => /<(https:\/\/desk\.tour\.example\/public\/v1\/unsubscribe\/[A-Za-z0-9_-]{16})>/.exec(headerLine(raw, 'List-Unsubscribe'))?.[1];
  const localPath = (link: string) => `${sys.url}${new URL(link).pathname}`;
  const optedOutRows = async () => Number((await sys.knex('channel_opt_outs').whereNotNull('opted_out_at').count({ n: '*' }))[0].n);

  it('a notice carries List-Unsubscribe and List-Unsubscribe-Post; a staff answer in the thread does not', async () => {
    const { email, mail, conversation, replyTo } = await leadWithQuoteMail();
    expect(unsubscribeLink(mail.raw)).toBeDefined();
    expect(headerLine(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    await inbound().sendMail({ from: email, to: replyTo, subject: 'ที่จอดรถ', text: 'Is there parking?' });
    await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    const staff = await api('POST', '/api/v1/staff', { displayName: 'Nid', role: 'support' });
    const key = (await api('POST', '/api/v1/api-keys', { name: `desk ${randomUUID().slice(0, 8)}`, role: 'support', staffId: staff.json.id })).json.key;
    const before = (await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, key)).json;
    await api('POST', `/api/v1/conversations/${conversation.id}/messages`, { text: 'Yes, free parking.', expectedVersion: before.version }, key);
    const answer = await smtp.waitFor(mailTo(email, 'Yes, free parking.'));
    expect(headerLine(answer.raw, 'List-Unsubscribe')).toBe('');
    expect(headerLine(answer.raw, 'List-Unsubscribe-Post')).toBe('');
  });

  it('a bad token is a clear page and changes nothing', async () => {
    const before = await optedOutRows();
    for (const method of ['GET', 'POST']) {
      for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAA', '..%2F..%2Fetc']) {
        const res = await fetch(`${sys.url}/public/v1/unsubscribe/${token}`, { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...(method === 'POST' ? { body: 'List-Unsubscribe=One-Click' } : {}) });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toContain('text/html');
        const page = await res.text();
        expect(page).toContain('This unsubscribe link is not one of ours');
        expect(page).toContain('Nothing was changed');
        expect(page).toContain('ลิงก์นี้ใช้ไม่ได้');
      }
    }
    expect(await optedOutRows()).toBe(before);
  });

  it('the one-click POST unsubscribes the address: a queued notice is not sent (and says why), later notices are not sent by e-mail, staff answers still go', async () => {
    const { email, number, mail, conversation, replyTo } = await leadWithQuoteMail();
    const link = unsubscribeLink(mail.raw)!;
    // Opening the link (as a mail scanner does) shows the button and unsubscribes nobody.
    const opened = await fetch(localPath(link));
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<form method="post">');
    expect(await sys.knex('channel_opt_outs').where({ address: email }).whereNotNull('opted_out_at').first()).toBeUndefined();

    const clicked = await fetch(localPath(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('You will get no more notice e-mails from');
    const row = await sys.knex('channel_opt_outs').where({ channel_id: channelId, address: email }).first();
    expect(row).toMatchObject({ how: 'email_unsubscribe' });
    expect(row.opted_out_at).not.toBeNull();
    // Twice is once.
    expect((await fetch(localPath(link), { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect((await sys.knex('channel_opt_outs').where({ channel_id: channelId, address: email }).first()).opted_out_at).toEqual(row.opted_out_at);

    // The quote's next version: the customer is not told by e-mail, and nothing reaches the server.
    const received = smtp.received.filter((m) => m.to.includes(email)).length;
    expect((await sendQuote(number, 2, 3300)).customerTold).toBe(false);

    // A notice queued straight into the thread (as one queued before the click would be): not sent, with the reason.
    await sys.knex.transaction((trx) => queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: conversation.id, messages: [{ kind: 'text', text: 'Reminder: your tour is tomorrow' }], senderType: 'bot' }));
    const refused = await until(() => sys.knex('messages').where({ conversation_id: conversation.id, delivery_status: 'undelivered' }).first());
    expect(refused.delivery_error).toContain(`${email} unsubscribed from these e-mails on`);

    // The customer writes, and staff answer: that still goes.
    await inbound().sendMail({ from: email, to: replyTo, subject: 'still coming', text: 'We still want the tour.' });
    await until(() => sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).first());
    const staff = await api('POST', '/api/v1/staff', { displayName: 'Kai', role: 'support' });
    const key = (await api('POST', '/api/v1/api-keys', { name: `desk ${randomUUID().slice(0, 8)}`, role: 'support', staffId: staff.json.id })).json.key;
    const before = (await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, key)).json;
    await api('POST', `/api/v1/conversations/${conversation.id}/messages`, { text: 'Great, see you then.', expectedVersion: before.version }, key);
    await smtp.waitFor(mailTo(email, 'Great, see you then.'));
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(received + 1);
  });
});

describe('an admin changes the e-mail channel', () => {
  it('shows the settings without the password; a wrong host is refused with a clear message and changes nothing; a good edit keeps the password unless retyped', async () => {
    const listed = (await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === channelId);
    expect(listed.email).toEqual({ host: '127.0.0.1', port: smtp.port, secure: false, user: smtp.user, fromAddress: FROM, fromName: 'ทัวร์เชียงใหม่ Chiang Mai Tours', inboundAddress: INBOUND });
    expect(JSON.stringify(listed)).not.toContain(smtp.password);
    const before = await sys.knex('channels').where({ id: channelId }).first();
    const audits = await count('audit_log');

    // A new password, typed with a wrong server name: tried first, refused on the field to fix, nothing stored.
    const wrongHost = await api('PATCH', `/api/v1/channels/${channelId}`, { smtp: { host: 'smtp.wrong-host.invalid', port: 587, secure: false }, credentials: { user: smtp.user, password: 'a-new-password' } });
    expect(wrongHost.status).toBe(422);
    expect(wrongHost.json.error.code).toBe('validation_failed');
    expect(wrongHost.json.error.message).toMatch(/^Nothing was changed: No SMTP server is known by the name smtp\.wrong-host\.invalid/);
    expect(wrongHost.json.error.details).toEqual([expect.objectContaining({ path: 'smtp.host', code: 'smtp_host_unknown' })]);
    // A server that is there but not listening on that port.
    const closedPort = await api('PATCH', `/api/v1/channels/${channelId}`, { smtp: { host: '127.0.0.1', port: 1, secure: false } });
    expect(closedPort.status).toBe(422);
    expect(closedPort.json.error.details).toEqual([expect.objectContaining({ path: 'smtp.port', code: 'smtp_unreachable', message: expect.stringContaining('No SMTP server answered at 127.0.0.1:1') })]);
    // A wrong password: the server's refusal, under the password.
    const wrongPassword = await api('PATCH', `/api/v1/channels/${channelId}`, { credentials: { user: smtp.user, password: 'not-it' } });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.json.error.details).toEqual([expect.objectContaining({ path: 'credentials.password', code: 'smtp_login_refused' })]);
    const after = await sys.knex('channels').where({ id: channelId }).first();
    expect(after.settings).toEqual(before.settings);
    expect(after.credentials_encrypted).toBe(before.credentials_encrypted);
    expect(await count('audit_log')).toBe(audits);
    // The channel is not broken: its test e-mail still goes with what it had.
    expect((await api('POST', `/api/v1/channels/${channelId}/test-email`, { to: 'admin@tour.example' })).json).toMatchObject({ ok: true, status: 250 });

    // A good edit: the sender's name and the user (the same), no password typed: the stored one is kept, and sending still works.
    const edited = await api('PATCH', `/api/v1/channels/${channelId}`, { from: { address: FROM, name: 'Chiang Mai Tours' }, credentials: { user: smtp.user } });
    expect(edited.status).toBe(200);
    expect(edited.json.email).toMatchObject({ fromName: 'Chiang Mai Tours', user: smtp.user });
    expect(edited.json.lastTest).toBeNull();
    const tested = await api('POST', `/api/v1/channels/${channelId}/test-email`, { to: 'admin2@tour.example' });
    expect(tested.json).toMatchObject({ ok: true });
    expect((await smtp.waitFor((m) => m.to.includes('admin2@tour.example'))).parsed.from?.value[0].name).toBe('Chiang Mai Tours');
    const audit = await sys.knex('audit_log').where({ subject_id: channelId, action: 'channel.updated' }).orderBy('created_at', 'desc').first();
    expect(JSON.stringify(audit.details)).not.toContain(smtp.password);
    await api('PATCH', `/api/v1/channels/${channelId}`, { from: { address: FROM, name: 'ทัวร์เชียงใหม่ Chiang Mai Tours' } });
  });

  it('a test e-mail through a server that is not there says so, in words', async () => {
    const gone = await api('POST', '/api/v1/channels', emailChannel({ name: 'Gone', smtp: { host: 'smtp.gone.invalid', port: 587, secure: false }, from: { address: 'gone@tour.example', name: 'Gone' } }));
    const tested = await api('POST', `/api/v1/channels/${gone.json.id}/test-email`, { to: 'admin@tour.example' });
    expect(tested.json).toMatchObject({ ok: false, status: null, message: expect.stringContaining('No SMTP server is known by the name smtp.gone.invalid') });
    await api('PATCH', `/api/v1/channels/${gone.json.id}`, { isActive: false });
  });
});
