import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_SIGNED_FILES } from '../bot/email/inbound-tls.ts';
import { EMAIL_SEND_QUEUE, queueMessages } from '../core/conversations/outgoing.ts';
import { openAddressThread } from '../core/conversations/address-threads.ts';
import { newReplyToken } from '../core/conversations/email-conversations.ts';
import { claimDueRows } from '../core/outbox/outbox.ts';
import { startFakeSmtp, type FakeSmtp } from '../dev/fakes/smtp-server.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * E-mails in batches (workers/email-drain.ts) and TLS on the inbound SMTP port: a batch where one
 * address is refused with 5xx fails that e-mail alone and sends the others; a batch claimed by a
 * drain that died is sent once its lease ends, each e-mail once; the inbound port offers STARTTLS
 * with the certificate made in DATA_DIR, and where TLS is required a sender that does not start it
 * is refused before anything is stored; a text's e-mail form (subject, HTML, plain text) is
 * checked on the field, sanitised, previewed and sent.
 */
let sys: TestSystem;
let smtp: FakeSmtp;
let channelId: string;

const INBOUND = 'replies@in.drain.example';
/** Short, so the test of a drain that died waits seconds, not the production two minutes (a live batch renews its lease every quarter of it). */
const LEASE_MS = 4_000;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  sys = await startTestSystem({
    env: { DEV_SIMULATOR: 'off', PUBLIC_BASE_URL: 'https://desk.drain.example', EMAIL_INBOUND_PORT: '0', EMAIL_INBOUND_HOST: '127.0.0.1', EMAIL_INBOUND_TLS: 'required' },
    emailDrain: { leaseMs: LEASE_MS },
  });
  const created = await apiClient(sys)('POST', '/api/v1/channels', {
    kind: 'email',
    name: 'Drain e-mail',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
    from: { address: 'hello@drain.example', name: 'ทัวร์ Drain Tours' },
    inboundAddress: INBOUND,
    credentials: { user: smtp.user, password: smtp.password },
  });
  expect(created.status).toBe(201);
  channelId = created.json.id;
  // Generous: on a shared machine under load, starting a test system has taken over a minute.
}, 180_000);
afterAll(async () => {
  await sys?.stopAll();
  await smtp?.close();
});

/** A lead's e-mail thread (a conversation on the e-mail channel, with its reply token). */
async function thread(): Promise<{ email: string; conversationId: string }> {
  const email = `lead-${randomUUID()}@example.com`;
  const contact = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Lead', email, language: 'en' }).returning('id');
  const conversationId = await sys.knex.transaction((trx) =>
    openAddressThread(trx, { orgId: sys.defaultOrgId, contactId: contact[0].id, kind: 'email', address: email, columns: { reply_token: newReplyToken() } }),
  );
  return { email, conversationId: conversationId! };
}

async function queue(conversationId: string, text: string) {
  return sys.knex.transaction((trx) => queueMessages(trx, { orgId: sys.defaultOrgId, conversationId, messages: [{ kind: 'text', text }], senderType: 'system' }));
}

describe('the e-mail drain', () => {
  it('puts e-mail sends in a queue of their own, which the relay never hands to BullMQ', async () => {
    const { conversationId } = await thread();
    const { outboxId } = await queue(conversationId, `Queue check ${randomUUID()}`);
    expect((await sys.knex('outbox').where({ id: outboxId }).first()).queue).toBe(EMAIL_SEND_QUEUE);
    await until(() => sys.knex('outbox').where({ id: outboxId, status: 'done' }).first());
    expect(await sys.queues.queue(EMAIL_SEND_QUEUE).getJob(outboxId)).toBeFalsy();
  });

  it('a batch where one address is refused 5xx: that e-mail alone fails (visibly, the managers alerted), the others are sent', async () => {
    const leads = await Promise.all([thread(), thread(), thread(), thread()]);
    const refused = leads[1];
    smtp.refuseRecipient(refused.email, 550);
    const tag = randomUUID();
    // One transaction: the four rows are due together and claimed in one batch.
    const queued = await sys.knex.transaction(async (trx) => {
      const ids: { outboxId: string; messageIds: string[] }[] = [];
      for (const [i, l] of leads.entries()) {
        ids.push(await queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: l.conversationId, messages: [{ kind: 'text', text: `Batch ${tag} ${i}` }], senderType: 'system' }));
      }
      return ids;
    });
    const failedRow = await until(() => sys.knex('outbox').where({ id: queued[1].outboxId, status: 'failed' }).first());
    expect(failedRow.last_error).toContain('550');
    const failedMessage = await sys.knex('messages').where({ id: queued[1].messageIds[0] }).first();
    expect(failedMessage).toMatchObject({ delivery_status: 'failed', text: `Batch ${tag} 1` });
    expect(failedMessage.delivery_error).toContain('550');
    // The others: each sent once, recorded sent, their rows done.
    for (const i of [0, 2, 3]) {
      await smtp.waitFor((m) => m.to.includes(leads[i].email) && (m.parsed.text ?? '').includes(`Batch ${tag} ${i}`));
      await until(() => sys.knex('outbox').where({ id: queued[i].outboxId, status: 'done' }).first());
      expect(await sys.knex('messages').where({ id: queued[i].messageIds[0] }).first()).toMatchObject({ delivery_status: 'sent', platform_message_id: expect.stringContaining(queued[i].messageIds[0]) });
    }
    expect(smtp.received.filter((m) => (m.parsed.text ?? '').includes(tag))).toHaveLength(3);
    // Failed visibly: listed with the failed rows, the managers' alert taken once for it.
    expect(JSON.stringify((await apiClient(sys)('GET', '/api/v1/outbox?status=failed')).json)).toContain(queued[1].outboxId);
    expect(await sys.knex('org_counters').where({ org_id: sys.defaultOrgId, name: `send_failed_alert:${queued[1].outboxId}` }).first()).toBeDefined();
  });

  it('a batch claimed by a drain that died is sent when its lease ends, each e-mail once, with the Message-ID made from the message', async () => {
    const leads = await Promise.all([thread(), thread()]);
    const tag = randomUUID();
    // Queued and claimed in one transaction by a "drain" that then dies (claims, never sends): the
    // running drain cannot take them before the lease ends.
    const { queued, claimed } = await sys.knex.transaction(async (trx) => {
      const q = await Promise.all(leads.map((l, i) => queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: l.conversationId, messages: [{ kind: 'text', text: `Lease ${tag} ${i}` }], senderType: 'system' })));
      return { queued: q, claimed: await claimDueRows(trx, { queue: EMAIL_SEND_QUEUE, limit: 100, leaseMs: LEASE_MS }) };
    });
    const claimedAt = Date.now();
    expect(claimed.map((r) => r.id)).toEqual(expect.arrayContaining(queued.map((q) => q.outboxId)));
    for (const [i, l] of leads.entries()) {
      const mail = await smtp.waitFor((m) => m.to.includes(l.email) && (m.parsed.text ?? '').includes(`Lease ${tag} ${i}`), 20_000);
      expect(mail.parsed.messageId).toBe(`<${queued[i].messageIds[0]}@drain.example>`);
      expect(mail.at - claimedAt).toBeGreaterThanOrEqual(LEASE_MS - 300);
    }
    for (const q of queued) await until(() => sys.knex('outbox').where({ id: q.outboxId, status: 'done' }).first());
    expect(smtp.received.filter((m) => (m.parsed.text ?? '').includes(tag))).toHaveLength(2);
  }, 30_000);
});

describe('TLS on the inbound SMTP port', () => {
  /** A customer's answer to their thread's reply address, as their mail server would deliver it. */
  async function replyAddressOf(): Promise<{ email: string; conversationId: string; to: string }> {
    const l = await thread();
    const token = (await sys.knex('conversations').where({ id: l.conversationId }).first()).reply_token;
    return { ...l, to: `reply+${token}@in.drain.example` };
  }
  const inboundCount = async () => Number((await sys.knex('inbound_events').where({ channel_id: channelId }).count({ n: '*' }))[0].n);

  it('offers STARTTLS with the self-signed certificate made in DATA_DIR: a sender requiring TLS and checking it delivers', async () => {
    const cert = readFileSync(join(sys.dataDir, SELF_SIGNED_FILES.cert), 'utf8');
    const l = await replyAddressOf();
    const withTls = nodemailer.createTransport({ host: '127.0.0.1', port: sys.emailInboundPort!, secure: false, requireTLS: true, tls: { ca: [cert], servername: 'localhost' } });
    const info = await withTls.sendMail({ from: l.email, to: l.to, subject: 'ยืนยันค่ะ', text: 'ตกลงตามใบเสนอราคาค่ะ' });
    expect(info.response).toMatch(/^250/);
    const message = await until(() => sys.knex('messages').where({ conversation_id: l.conversationId, direction: 'in' }).first());
    expect(message.text).toContain('ตกลงตามใบเสนอราคาค่ะ');
  });

  it('refuses a sender that will not start TLS where it is required (530), storing nothing; the same mail with TLS is then taken', async () => {
    const l = await replyAddressOf();
    const before = await inboundCount();
    const plain = nodemailer.createTransport({ host: '127.0.0.1', port: sys.emailInboundPort!, secure: false, ignoreTLS: true });
    await expect(plain.sendMail({ from: l.email, to: l.to, subject: 'plain', text: 'Sent in the clear' })).rejects.toMatchObject({ responseCode: 530 });
    expect(await inboundCount()).toBe(before);
    expect(await sys.knex('messages').where({ conversation_id: l.conversationId, direction: 'in' })).toHaveLength(0);
    // Nothing lost: the sender keeps its mail, and delivers it once it starts TLS.
    const withTls = nodemailer.createTransport({ host: '127.0.0.1', port: sys.emailInboundPort!, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    await withTls.sendMail({ from: l.email, to: l.to, subject: 'plain', text: 'Sent in the clear' });
    const message = await until(() => sys.knex('messages').where({ conversation_id: l.conversationId, direction: 'in' }).first());
    expect(message.text).toContain('Sent in the clear');
    expect(await inboundCount()).toBe(before + 1);
  });
});

describe('e-mail templates', () => {
  const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
  const quoteSent = async () => (await api('GET', '/api/v1/templates')).json.filter((t: { key: string }) => t.key === 'quote_sent');
  const headerLine = (raw: string, name: string) => raw.split(/\r?\n(?![ \t])/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? '';

  it('every text has an e-mail form, made from the chat text until someone writes one', async () => {
    const [en, th] = (await quoteSent()).sort((a: { language: string }, b: { language: string }) => a.language.localeCompare(b.language));
    expect(th.email.subject).toBe(th.body.split('\n')[0]);
    expect(th.email.text).toBe(th.body);
    expect(th.email.html).toContain('<a href="{{quote_url}}">{{quote_url}}</a>');
    expect(en.email.subject).toBe('Your quote for booking {{booking_id}} ({{service}}) is ready.');
  });

  it('refuses a subject with a line break or over 998 characters on the field, and changes nothing', async () => {
    const before = await quoteSent();
    for (const subject of ['ใบเสนอราคา\r\nBcc: someone@else.example', 'ก'.repeat(999)]) {
      const res = await api('PUT', '/api/v1/templates/quote_sent/th', { email: { subject } });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.json.error)).toContain('subject');
    }
    const unknown = await api('PUT', '/api/v1/templates/quote_sent/th', { email: { subject: 'ใบเสนอราคา {{customer_name}} ค่ะ' } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.unknown).toEqual(['customer_name']);
    expect(await quoteSent()).toEqual(before);
  });

  it('takes a script and a remote image out of the HTML when saved (and says so), previews what would be sent, and sends it: Thai subject per RFC 2047, Thai fonts', async () => {
    const html = '<h2 style="color:#0b69a3">ใบเสนอราคาพร้อมแล้วค่ะ</h2><p>ยอดรวม <b>{{amount}}</b></p><script>alert(1)</script><img src="https://tracker.example/open.gif"><p><a href="{{quote_url}}" onclick="steal()">ดูใบเสนอราคาค่ะ</a></p>';
    const saved = await api('PUT', '/api/v1/templates/quote_sent/th', {
      email: { subject: 'ใบเสนอราคา {{booking_id}} พร้อมแล้วค่ะ', html, text: 'ใบเสนอราคา {{booking_id}} พร้อมแล้วค่ะ\nยอดรวม {{amount}}\nดูได้ที่ {{quote_url}}' },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.emailHtmlRemoved).toEqual(expect.arrayContaining(['<script>', '<img>', 'on… event handlers']));
    for (const stored of [saved.json.email.html, (await quoteSent()).find((t: { language: string }) => t.language === 'th').email.html]) {
      expect(stored).not.toMatch(/script|<img|tracker\.example|onclick/);
      expect(stored).toContain('<a href="{{quote_url}}">ดูใบเสนอราคาค่ะ</a>');
    }
    // The preview: filled with sample values and sanitised, as it would be sent.
    const preview = await api('POST', '/api/v1/templates/preview', { email: { th: { subject: 'ใบเสนอราคา {{booking_id}} ค่ะ', html, text: 'x' } } });
    expect(preview.status).toBe(200);
    expect(preview.json.th.email.subject).toBe('ใบเสนอราคา B-000045 ค่ะ');
    expect(preview.json.th.email.html).not.toMatch(/script|<img|onclick/);
    expect(preview.json.th.email.removed).toEqual(expect.arrayContaining(['<script>', '<img>']));

    // A website lead with only an e-mail gets the quote in that form.
    const email = `lead-${randomUUID()}@example.com`;
    const res = await fetch(`${sys.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ destination: 'เชียงใหม่', travelers: 2, name: 'สมชาย ใจดี', email, language: 'th' }),
    });
    const number = (await res.json()).booking_id as string;
    await formBooked(sys.knex, number);
    expect((await api('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'ทัวร์', quantity: 2, unitPrice: 2500 }], validUntil: `${new Date().getUTCFullYear() + 1}-01-31` })).status).toBe(201);
    const sent = await api('POST', `/api/v1/bookings/${number}/quotes/1/send`);
    expect(sent.json.customerTold).toBe(true);
    const mail = await smtp.waitFor((m) => m.to.includes(email), 30_000);
    expect(mail.parsed.subject).toBe(`ใบเสนอราคา ${number} พร้อมแล้วค่ะ`);
    // Read raw at the SMTP server: the Thai subject travels encoded per RFC 2047, ASCII only.
    const subjectLine = headerLine(mail.raw, 'Subject');
    expect(subjectLine).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(subjectLine).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(mail.parsed.text).toContain(`ดูได้ที่ ${sent.json.url}`);
    const sentHtml = String(mail.parsed.html);
    expect(sentHtml).toContain(`<a href="${sent.json.url}">ดูใบเสนอราคาค่ะ</a>`);
    expect(sentHtml).toContain("'Sarabun', 'Noto Sans Thai'");
    expect(sentHtml).toContain('<html lang="th">');
    expect(sentHtml).not.toMatch(/script|<img|tracker\.example|onclick/);
  }, 60_000);
});
