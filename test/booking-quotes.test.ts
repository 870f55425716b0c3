import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindQuote } from '../core/bookings/booking-quotes.ts';
import { localInstant, sendDayBeforeReminder } from '../core/bookings/booking-reminders.ts';
import { replyData } from '../bot/conversation/dialogue.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { formBooked, until, type TestSystem } from './support/test-system.ts';

/**
 * Quotes through the running system: staff write versions and send one; the customer gets the
 * link in LINE, opens it with no login, and accepts (the booking is confirmed; the assignee and
 * the sales group hear it) or declines with a reason. Superseded, expired, answered and unknown
 * quotes cannot be answered and nothing changes; a viewed quote gets one reminder.
 */
let h: LineCustomerHarness;
let sys: TestSystem;
let anna: EnrolledStaff;
let salesGroup: string;
let ceoKey: string;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
  anna = await enrolStaff(h, { displayName: 'Anna', role: 'support' });
  ({ groupId: salesGroup } = await configureGroup(h, lineId('C'), { purpose: 'sales' }));
  ceoKey = (await api('POST', '/api/v1/api-keys', { name: 'ceo', role: 'ceo' })).json.key;
  expect((await api('POST', '/api/v1/booking-rules', { name: 'Everything to Anna', staffIds: [anna.id] })).status).toBe(201);
}, 60_000);
afterAll(() => h?.close());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const nextYear = new Date().getUTCFullYear() + 1;
const pub = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(sys.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};
const tokenOf = (url: string) => url.split('/quote/')[1];
const bookingRow = (number: string) => sys.knex('bookings').where({ number }).first();
const quotesOf = async (number: string) => sys.knex('booking_quotes').where({ booking_id: (await bookingRow(number)).id }).orderBy('version');

/** A customer books the sushi class in English through the LINE dialogue. */
/** The first Saturday at least two days from now in Bangkok, as YYYY-MM-DD. */
function saturdayAhead(): string {
  const day = new Date(Date.now() + 7 * 3600_000 + 2 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

async function chatBooking() {
  const customer = lineId('U');
  // A Saturday at least two days away: its reminder, at 10:00 the day before, is still to come
  // whatever the day and hour the test runs ("this Saturday" on a Friday after 10:00 had none).
  const first = await h.ask(customer, { text: `Can I book the sushi class on ${saturdayAhead()} for 2?` });
  await h.ask(customer, { postback: { data: first.quickReplies.find((q) => q.label === '10:00')!.data! } });
  const done = await h.ask(customer, { postback: { data: replyData('confirm') } });
  return { customer, number: done.text.match(/B-\d{6}/)![0] };
}

async function webBooking() {
  const res = await fetch(`${sys.url}/public/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ destination: 'Chiang Mai', travelers: 4, name: 'Web Guest', email: `w${randomUUID()}@example.com` }),
  });
  const number = (await res.json()).booking_id as string;
  await formBooked(sys.knex, number);
  return number;
}

const sushiQuote = (over: Record<string, unknown> = {}) => ({
  lines: [
    { description: 'Sushi class', quantity: 2, unitPrice: 1500 },
    { description: 'Knife set', quantity: 1, unitPrice: 450.5 },
  ],
  discount: { kind: 'percent', value: 10 },
  validUntil: `${nextYear}-01-31`,
  ...over,
});

describe('a quote by link', () => {
  it('versions, sends with a link in LINE, supersedes, is viewed once, reminded once, and accepted: the booking is confirmed and staff are told', async () => {
    const { customer, number } = await chatBooking();
    const v1 = await api('POST', `/api/v1/bookings/${number}/quotes`, sushiQuote());
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ version: 1, status: 'draft', currency: 'THB', subtotal: 3450.5, discountAmount: 345.05, total: 3105.45 });
    expect(v1.json.lines[1]).toEqual({ description: 'Knife set', quantity: 1, unitPrice: 450.5, amount: 450.5 });

    const sent1 = await api('POST', `/api/v1/bookings/${number}/quotes/1/send`);
    expect(sent1.status).toBe(200);
    expect(sent1.json).toMatchObject({ customerTold: true, quote: { status: 'sent' } });
    expect(sent1.json.url).toMatch(/^https:\/\/desk\.example\/liff\/quote\/[0-9a-f]{32}$/);
    const link = await waitForMessageTo(h, customer, (m) => m.type === 'text' && String(m.text).includes(sent1.json.url));
    expect(link.text).toContain(`Your quote for booking ${number} (Sushi cooking class) is ready.`);
    expect(link.text).toContain('Total: 3,105.45 THB');
    expect((await bookingRow(number)).stage).toBe('quoted');

    // A second version, in another currency, supersedes the first once it is sent.
    const v2 = await api('POST', `/api/v1/bookings/${number}/quotes`, sushiQuote({ currency: 'USD', lines: [{ description: 'Sushi class for two', quantity: 1, unitPrice: 90 }], discount: { kind: 'amount', value: 5 } }));
    expect(v2.json).toMatchObject({ version: 2, total: 85, currency: 'USD' });
    const sent2 = await api('POST', `/api/v1/bookings/${number}/quotes/2/send`);
    expect(sent2.status).toBe(200);
    expect((await api('POST', `/api/v1/bookings/${number}/quotes/1/send`)).status).toBe(409);

    const old = await pub('GET', `/public/v1/quotes/${tokenOf(sent1.json.url)}`);
    expect(old.json).toMatchObject({ status: 'superseded', canAnswer: false, version: 1, latestVersion: 2 });
    const refused = await pub('POST', `/public/v1/quotes/${tokenOf(sent1.json.url)}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', details: { reason: 'superseded' } });
    expect((await bookingRow(number)).stage).toBe('quoted');

    const token = tokenOf(sent2.json.url);
    const view = await pub('GET', `/public/v1/quotes/${token}`);
    expect(view.json).toMatchObject({ booking: number, status: 'open', canAnswer: true, currency: 'USD', total: 85, discount: 5, subtotal: 90, service: { en: 'Sushi cooking class' } });
    await pub('GET', `/public/v1/quotes/${token}`);
    const b = await bookingRow(number);
    expect(await sys.knex('booking_events').where({ booking_id: b.id, type: 'quote_viewed' })).toHaveLength(1);
    const reminder = await sys.knex('outbox').where({ queue: 'booking-quotes', job_name: 'remind' }).whereRaw(`payload->>'quoteId' = ?`, [sent2.json.quote.id]);
    expect(reminder).toHaveLength(1);
    expect(new Date(reminder[0].available_at).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    // The reminder, when its time comes: once.
    expect(await sys.knex.transaction((trx) => remindQuote(trx, sent2.json.quote.id, { baseUrl: 'https://desk.example' }))).toBe(true);
    expect(await sys.knex.transaction((trx) => remindQuote(trx, sent2.json.quote.id, { baseUrl: 'https://desk.example' }))).toBe(false);
    await waitForMessageTo(h, customer, (m) => m.type === 'text' && String(m.text).startsWith(`A reminder: your quote for booking ${number} (85 USD)`));

    const accepted = await pub('POST', `/public/v1/quotes/${token}/accept`);
    expect(accepted).toEqual({ status: 200, json: { booking: number, status: 'accepted', bookingStage: 'confirmed' } });
    expect(await bookingRow(number)).toMatchObject({ stage: 'confirmed', follow_up_clock: null });
    await waitForMessageTo(h, customer, (m) => m.type === 'text' && String(m.text).includes(`Your booking ${number} is confirmed.`));
    await waitForMessageTo(h, anna.lineUserId, (m) => m.type === 'text' && String(m.text).includes(`accepted quote v2 of ${number} (85.00 USD): the booking is confirmed.`));
    await waitForMessageTo(h, salesGroup, (m) => m.type === 'text' && String(m.text).includes(`accepted quote v2 of ${number}`));

    // Answered: no second answer, either way.
    const quotesBefore = await quotesOf(number);
    expect((await pub('POST', `/public/v1/quotes/${token}/accept`)).json.error.details.reason).toBe('answered');
    expect((await pub('POST', `/public/v1/quotes/${token}/decline`, { reason: 'changed my mind' })).status).toBe(409);
    expect(await quotesOf(number)).toEqual(quotesBefore);
    expect((await pub('GET', `/public/v1/quotes/${token}`)).json).toMatchObject({ status: 'accepted', canAnswer: false });

    const detail = await api('GET', `/api/v1/bookings/${number}`);
    expect(detail.json.quotes.map((q: any) => [q.version, q.status])).toEqual([
      [1, 'superseded'],
      [2, 'accepted'],
    ]);
    expect(detail.json.timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['quote_created', 'quote_sent', 'quote_viewed', 'quote_reminded', 'quote_accepted']));
    // The messages about the booking: the link, the reminder, the confirmation.
    const out = detail.json.messages.filter((m: any) => m.direction === 'out').map((m: any) => String(m.text));
    expect(out.some((t: string) => t.includes(sent2.json.url))).toBe(true);
    expect(out.some((t: string) => t.startsWith('A reminder: your quote'))).toBe(true);
  });

  it('a web booking: the link and message come back for an e-mail; the customer declines with a reason and the booking goes back to contacted', async () => {
    const number = await webBooking();
    await api('POST', `/api/v1/bookings/${number}/quotes`, sushiQuote({ lines: [{ description: 'Chiang Mai 3 days', quantity: 4, unitPrice: 8900 }], discount: undefined }));
    const sent = await api('POST', `/api/v1/bookings/${number}/quotes/1/send`);
    expect(sent.json).toMatchObject({ customerTold: false });
    expect(sent.json.message).toContain(sent.json.url);
    expect(sent.json.message).toContain('Total: 35,600 THB');
    const token = tokenOf(sent.json.url);
    expect((await pub('POST', `/public/v1/quotes/${token}/decline`, {})).status).toBe(422);
    expect((await pub('POST', `/public/v1/quotes/${token}/decline`, { reason: '   ' })).status).toBe(422);
    expect((await quotesOf(number))[0].status).toBe('sent');
    const declined = await pub('POST', `/public/v1/quotes/${token}/decline`, { reason: 'Too expensive for us' });
    expect(declined.json).toEqual({ booking: number, status: 'declined', bookingStage: 'contacted' });
    expect((await quotesOf(number))[0]).toMatchObject({ status: 'declined', decline_reason: 'Too expensive for us' });
    expect(await bookingRow(number)).toMatchObject({ stage: 'contacted', follow_up_clock: 'quote' });
    await waitForMessageTo(h, anna.lineUserId, (m) => m.type === 'text' && String(m.text).includes(`declined quote v1 of ${number}. Reason: Too expensive for us`));
  });

  it('an expired quote shows as expired and cannot be accepted; nothing changes', async () => {
    const number = await webBooking();
    await api('POST', `/api/v1/bookings/${number}/quotes`, sushiQuote());
    const sent = await api('POST', `/api/v1/bookings/${number}/quotes/1/send`);
    // Time passes beyond its last day.
    await sys.knex('booking_quotes').where({ id: sent.json.quote.id }).update({ valid_until: '2020-01-01' });
    const token = tokenOf(sent.json.url);
    expect((await pub('GET', `/public/v1/quotes/${token}`)).json).toMatchObject({ status: 'expired', canAnswer: false });
    const before = { quotes: await quotesOf(number), booking: await bookingRow(number) };
    const r = await pub('POST', `/public/v1/quotes/${token}/accept`);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ message: 'This quote expired on 2020-01-01: ask for a new one', details: { reason: 'expired' } });
    expect({ quotes: await quotesOf(number), booking: await bookingRow(number) }).toEqual(before);
    // Viewing an expired quote schedules no reminder.
    expect(await sys.knex('outbox').where({ queue: 'booking-quotes' }).whereRaw(`payload->>'quoteId' = ?`, [sent.json.quote.id])).toHaveLength(0);
  });

  it('an unknown token is a 404 and changes nothing', async () => {
    for (const token of ['0'.repeat(32), 'not-a-token', randomUUID().replaceAll('-', '')]) {
      expect((await pub('GET', `/public/v1/quotes/${token}`)).status).toBe(404);
      expect((await pub('POST', `/public/v1/quotes/${token}/accept`)).status).toBe(404);
      expect((await pub('POST', `/public/v1/quotes/${token}/decline`, { reason: 'x' })).status).toBe(404);
    }
  });

  it('refuses bad quotes with a 422 naming the field, and the CEO with a 403; nothing written', async () => {
    const number = await webBooking();
    const count = async () => Number((await sys.knex('booking_quotes').count({ n: '*' }))[0].n);
    const before = await count();
    for (const [body, field] of [
      [sushiQuote({ lines: [] }), 'lines'],
      [sushiQuote({ lines: [{ description: 'x', quantity: 1, unitPrice: -1 }] }), 'lines.0.unitPrice'],
      [sushiQuote({ lines: [{ description: 'x', quantity: 0, unitPrice: 1 }] }), 'lines.0.quantity'],
      [sushiQuote({ lines: [{ description: 'x', quantity: 1, unitPrice: 1.005 }] }), 'lines.0.unitPrice'],
      [sushiQuote({ discount: { kind: 'amount', value: 99999 } }), 'discount'],
      [sushiQuote({ discount: { kind: 'percent', value: 150 } }), 'discount.value'],
      [sushiQuote({ validUntil: '2020-01-01' }), 'validUntil'],
      [sushiQuote({ currency: 'baht' }), 'currency'],
      [sushiQuote({ tip: 5 }), ''],
    ] as const) {
      const r = await api('POST', `/api/v1/bookings/${number}/quotes`, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      if (field) expect(r.json.error.details.map((d: any) => d.path)).toContain(field);
    }
    expect((await api('POST', `/api/v1/bookings/${number}/quotes`, sushiQuote(), ceoKey)).status).toBe(403);
    expect((await api('POST', `/api/v1/bookings/${number}/quotes/1/send`, undefined, ceoKey)).status).toBe(403);
    expect((await api('POST', `/api/v1/bookings/${number}/quotes/7/send`)).status).toBe(404);
    expect(await count()).toBe(before);
    expect((await bookingRow(number)).stage).toBe('new');
  });
});

describe('the day before', () => {
  it('a confirmed booking schedules the customer\'s reminder for 10:00 the day before; it is sent once, and not for a booking moved off that date', async () => {
    const { customer, number } = await chatBooking();
    const b = await bookingRow(number);
    expect((await api('POST', `/api/v1/bookings/${number}/stage`, { to: 'confirmed', expectedVersion: b.version })).status).toBe(200);
    const date = (await api('GET', `/api/v1/bookings/${number}`)).json.requestedDate as string;
    const job = await sys.knex('outbox').where({ queue: 'booking-reminders', job_name: 'day-before' }).whereRaw(`payload->>'bookingId' = ?`, [b.id]).first();
    const eve = new Date(`${date}T00:00:00Z`);
    eve.setUTCDate(eve.getUTCDate() - 1);
    expect(new Date(job.available_at).toISOString()).toBe(localInstant(eve.toISOString().slice(0, 10), 10, 'Asia/Bangkok').toISOString());
    expect(new Date(job.available_at).toISOString()).toBe(`${eve.toISOString().slice(0, 10)}T03:00:00.000Z`);

    // Its time comes.
    expect(await sys.knex.transaction((trx) => sendDayBeforeReminder(trx, job.payload))).toBe(true);
    expect(await sys.knex.transaction((trx) => sendDayBeforeReminder(trx, job.payload))).toBe(false);
    await waitForMessageTo(h, customer, (m) => m.type === 'text' && String(m.text).startsWith(`A reminder: your booking ${number} is tomorrow.`));
    // A job for another date (the booking was moved since) sends nothing.
    expect(await sys.knex.transaction((trx) => sendDayBeforeReminder(trx, { bookingId: b.id, date: '2031-01-01' }))).toBe(false);
  });
});

it('the OpenAPI document lists the booking endpoints', async () => {
  const doc = (await api('GET', '/api/v1/openapi.json')).json;
  for (const path of ['/api/v1/bookings', '/api/v1/bookings/{number}', '/public/v1/bookings', '/public/v1/quotes/{token}/accept', '/api/v1/booking-rules']) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
  await until(async () => sentTo(h, salesGroup).length > 0);
});
