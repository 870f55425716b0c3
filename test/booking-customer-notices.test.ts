import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTwilioRequest } from '../bot/whatsapp/twilio-signature.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, startFakeTwilioApi, type RunningFakeTwilioApi } from '../dev/fakes/twilio-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { formBooked, startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * Who a booking form may claim to be, and where the customer hears about their booking, through
 * the running system and the fake LINE server (real SDK clients): the website's form never names a
 * LINE user, a form never writes its e-mail or phone onto a contact that exists, and the quote
 * link, the confirmation and the reminders reach the customer's LINE chat when they have one,
 * whether the booking came from the form inside LINE or from the website.
 */
let h: LiffHarness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startLiffHarness();
  api = apiClient(h.sys);
}, 60_000);
afterAll(() => h?.close());

const nextYear = new Date().getUTCFullYear() + 1;

const webForm = (over: Record<string, unknown> = {}) => ({ destination: 'Krabi', travelers: 2, name: 'Web Guest', language: 'en', ...over });
const postWeb = (body: unknown) => h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': randomUUID() }, body });
const postLiff = (user: string, body: unknown) =>
  h.pub('POST', '/liff-api/v1/bookings', { headers: { authorization: `Bearer ${h.idToken(user, { name: 'Nok' })}`, 'idempotency-key': randomUUID() }, body });

async function counts() {
  const n = async (table: string) => Number((await h.sys.knex(table).count({ n: '*' }))[0].n);
  return { bookings: await n('bookings'), events: await n('booking_events'), contacts: await n('contacts'), contactEvents: await n('contact_events'), merges: await n('contact_merges'), outbox: await n('outbox') };
}

/** A LINE user who has written to the Official Account: their contact. */
async function lineCustomer(user: string) {
  await h.tell(user, `สวัสดีค่ะ ${randomUUID().slice(0, 8)}`);
  const identity = await h.sys.knex('contact_identities').where({ external_id: user }).first();
  return h.sys.knex('contacts').where({ id: identity.contact_id }).first();
}

/** Writes and sends a quote on a booking; the send's answer. */
async function sendQuote(number: string) {
  const quote = await api('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'Island tour', quantity: 2, unitPrice: 2500 }], validUntil: `${nextYear}-01-31` });
  expect(quote.status).toBe(201);
  const sent = await api('POST', `/api/v1/bookings/${number}/quotes/${quote.json.version}/send`);
  expect(sent.status).toBe(200);
  return sent.json as { url: string; message: string; customerTold: boolean };
}

const linePushesTo = (user: string, text: string) =>
  until(async () => h.line.state.deliveriesTo(user).find((d) => JSON.stringify(d.messages).includes(text)) ?? false, 15_000);

describe("the website's form never names a LINE user", () => {
  it("refuses a line_id with a 422 naming it: no booking, and the LINE customer's contact is unchanged", async () => {
    const user = lineId('U');
    const before = await lineCustomer(user);
    const c0 = await counts();
    const r = await postWeb(webForm({ line_id: user, email: `intruder${randomUUID()}@example.com`, phone: '+66 81 000 4444' }));
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([expect.objectContaining({ path: 'line_id', message: expect.stringContaining('LINE sign-in') })]);
    expect(await counts()).toEqual(c0);
    expect(await h.sys.knex('contacts').where({ id: before.id }).first()).toEqual(before);
    // Integrators read it in the API's description too.
    const doc = await api('GET', '/api/v1/openapi.json');
    expect(doc.json.components.schemas.PublicBookingRequest.properties.line_id.description).toMatch(/^Refused \(422\)/);
  });

  it("one LINE user cannot replay another's submission: the same key and form from another user is a 422, nothing written", async () => {
    const key = randomUUID();
    const body = { destination: 'Krabi', name: 'Nok', language: 'en' };
    const send = (user: string) => h.pub('POST', '/liff-api/v1/bookings', { headers: { authorization: `Bearer ${h.idToken(user)}`, 'idempotency-key': key }, body });
    const first = await send(lineId('U'));
    expect(first.status).toBe(201);
    const c0 = await counts();
    const other = await send(lineId('U'));
    expect(other.status).toBe(422);
    expect(other.json.error.details).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(JSON.stringify(other.json)).not.toContain(first.json.booking_id);
    expect(await counts()).toEqual(c0);
  });

  it('a refused form from inside LINE leaves nothing behind, not even a contact for a LINE user new to the business', async () => {
    const c0 = await counts();
    const past = await postLiff(lineId('U'), { destination: 'Krabi', name: 'Nok', language: 'en', start_date: '2020-01-01' });
    expect(past.status).toBe(422);
    expect(await counts()).toEqual(c0);
  });

  it('the form inside LINE takes the LINE user from the ID token, ignoring the one the page sends', async () => {
    const user = lineId('U');
    const other = lineId('U');
    const otherContact = await lineCustomer(other);
    const r = await postLiff(user, { destination: 'Krabi', name: 'Nok', language: 'en', line_id: other });
    expect(r.status).toBe(201);
    const booking = await h.sys.knex('bookings').where({ number: r.json.booking_id }).first();
    expect(booking.contact_id).not.toBe(otherContact.id);
    expect((await h.sys.knex('contact_identities').where({ contact_id: booking.contact_id }).first()).external_id).toBe(user);
  });
});

describe('a form matched to a contact that exists never writes its e-mail or phone onto it', () => {
  it("by e-mail: the booking joins the contact, the form's new phone is only offered on the booking's timeline", async () => {
    const email = `owner${randomUUID()}@example.com`;
    const first = await postWeb(webForm({ email, name: 'Real Owner' }));
    const owner = await h.sys.knex('bookings').where({ number: first.json.booking_id }).first();
    const before = await h.sys.knex('contacts').where({ id: owner.contact_id }).first();
    expect(before.phone).toBeNull();

    const second = await postWeb(webForm({ email, phone: '+66 81 999 1234', name: 'Someone Else' }));
    expect(second.status).toBe(201);
    const b = await h.sys.knex('bookings').where({ number: second.json.booking_id }).first();
    expect(b.contact_id).toBe(owner.contact_id);
    expect(await h.sys.knex('contacts').where({ id: owner.contact_id }).first()).toEqual(before);
    const matched = await h.sys.knex('booking_events').where({ booking_id: b.id, type: 'contact_matched' }).first();
    expect(matched.data).toEqual({ contactId: owner.contact_id, by: 'email', offered: { phone: '+66819991234' } });
    // Staff see what the form offered in the booking's detail.
    const detail = await api('GET', `/api/v1/bookings/${second.json.booking_id}`);
    expect(JSON.stringify(detail.json.timeline)).toContain('+66819991234');
    // What was offered is personal data: erasing the customer erases it too.
    expect((await api('POST', `/api/v1/contacts/${owner.contact_id}/erase`, {})).status).toBe(200);
    const erased = await h.sys.knex('booking_events').where({ booking_id: b.id, type: 'contact_matched' }).first();
    expect(erased.data).toMatchObject({ by: 'email', offered: { phone: '[erased]' }, redacted: true });
  });

  it("by phone: another e-mail is offered, not written; the contact keeps its own", async () => {
    const phone = `+66 82 ${String(Date.now()).slice(-3)} ${String(Date.now()).slice(-7, -3)}`;
    const first = await postWeb(webForm({ phone, email: `mine${randomUUID()}@example.com` }));
    const contactId = (await h.sys.knex('bookings').where({ number: first.json.booking_id }).first()).contact_id;
    const before = await h.sys.knex('contacts').where({ id: contactId }).first();
    const second = await postWeb(webForm({ phone, email: `theirs${randomUUID()}@example.com`, name: 'Other Name' }));
    const b = await h.sys.knex('bookings').where({ number: second.json.booking_id }).first();
    expect(b.contact_id).toBe(contactId);
    expect(await h.sys.knex('contacts').where({ id: contactId }).first()).toEqual(before);
  });

  it("the form inside LINE: the LINE customer's contact does not take the e-mail and phone typed in it", async () => {
    const user = lineId('U');
    const before = await lineCustomer(user);
    const r = await postLiff(user, { destination: 'Krabi', name: 'Nok', language: 'en', email: `typed${randomUUID()}@example.com`, phone: '+66 81 222 7777' });
    expect(r.status).toBe(201);
    const after = await h.sys.knex('contacts').where({ id: before.id }).first();
    expect({ email: after.email, phone: after.phone }).toEqual({ email: before.email, phone: before.phone });
    const b = await h.sys.knex('bookings').where({ number: r.json.booking_id }).first();
    const matched = await h.sys.knex('booking_events').where({ booking_id: b.id, type: 'contact_matched' }).first();
    expect(matched.data).toMatchObject({ by: 'line_id', offered: { phone: '+66812227777', email: expect.stringMatching(/^typed/) } });
  });
});

describe('where the customer hears about their booking', () => {
  it("a booking from the form inside LINE: its quote link and its confirmation arrive in the customer's LINE chat", async () => {
    const user = lineId('U');
    const r = await postLiff(user, { destination: 'Koh Lanta', travelers: 2, name: 'Nok', language: 'en', start_date: `${nextYear}-02-10` });
    expect(r.status).toBe(201);
    const booking = await h.sys.knex('bookings').where({ number: r.json.booking_id }).first();
    expect(booking.conversation_id).not.toBeNull();

    const sent = await sendQuote(r.json.booking_id);
    expect(sent.customerTold).toBe(true);
    await linePushesTo(user, sent.url);

    const token = sent.url.split('/liff/quote/')[1];
    const accepted = await h.pub('POST', `/public/v1/quotes/${token}/accept`, { body: {} });
    expect(accepted.status).toBe(200);
    await linePushesTo(user, 'confirmed');
    // Confirmed with a date ahead: the day-before reminder is scheduled for this chat too.
    expect(await h.sys.knex('outbox').where({ queue: 'booking-reminders' }).whereRaw(`payload->>'bookingId' = ?`, [booking.id]).first()).toBeDefined();
    const told = await h.sys.knex('booking_events').where({ booking_id: booking.id, type: 'notification_sent' }).orderBy('id');
    expect(told.map((e) => e.data.template)).toEqual(['quote_sent', 'booking_confirmed']);
  });

  it('a website booking matched to a customer who writes on LINE gets its quote link on LINE', async () => {
    const user = lineId('U');
    const email = `known${randomUUID()}@example.com`;
    // The customer first filled in the website's form, then wrote on LINE; staff joined the two.
    const earlier = await postWeb(webForm({ email }));
    const webContact = (await h.sys.knex('bookings').where({ number: earlier.json.booking_id }).first()).contact_id;
    const lineContact = await lineCustomer(user);
    expect((await api('POST', `/api/v1/contacts/${lineContact.id}/merge`, { mergeContactId: webContact })).status).toBe(200);

    const r = await postWeb(webForm({ email, destination: 'Phang Nga' }));
    const booking = await h.sys.knex('bookings').where({ number: r.json.booking_id }).first();
    expect(booking).toMatchObject({ contact_id: lineContact.id, conversation_id: null });
    const sent = await sendQuote(r.json.booking_id);
    expect(sent.customerTold).toBe(true);
    const pushed = await linePushesTo(user, sent.url);
    expect(JSON.stringify(pushed.messages)).toContain(r.json.booking_id);
    const told = await h.sys.knex('booking_events').where({ booking_id: booking.id, type: 'notification_sent' }).first();
    expect(told.data).toMatchObject({ template: 'quote_sent', conversationId: expect.any(String) });
  });

  it('a website customer with no chat: the quote message comes back for e-mail, and the timeline says it could not be delivered', async () => {
    const r = await postWeb(webForm({ email: `nochat${randomUUID()}@example.com` }));
    const booking = await h.sys.knex('bookings').where({ number: r.json.booking_id }).first();
    const sent = await sendQuote(r.json.booking_id);
    expect(sent.customerTold).toBe(false);
    expect(sent.message).toContain(sent.url);
    const undelivered = await h.sys.knex('booking_events').where({ booking_id: booking.id, type: 'notification_undelivered' });
    expect(undelivered.map((e) => e.data)).toEqual([{ template: 'quote_sent', reason: 'no_chat' }]);
    expect(await h.sys.knex('booking_events').where({ booking_id: booking.id, type: 'notification_sent' })).toEqual([]);
    expect(await h.sys.knex('messages').where({ booking_id: booking.id, direction: 'out' })).toEqual([]);
  });
});

describe('a website booking of a customer who writes on WhatsApp', () => {
  const FROM = 'whatsapp:+6620000000';
  let twilio: RunningFakeTwilioApi;
  let wa: TestSystem;
  beforeAll(async () => {
    twilio = await startFakeTwilioApi();
    wa = await startTestSystem({
      env: { DEV_SIMULATOR: 'off', TWILIO_ACCOUNT_SID: DEFAULT_TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: DEFAULT_TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_FROM: FROM, TWILIO_API_BASE_URL: twilio.url },
    });
  }, 60_000);
  afterAll(async () => {
    await wa?.stopAll();
    await twilio?.close();
  });

  it('matched by the phone they write from, gets its quote link on WhatsApp', async () => {
    const phone = `+6681${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    // The customer writes on WhatsApp first (a signed Twilio webhook).
    const url = `${wa.url}/webhooks/whatsapp`;
    const params = { MessageSid: 'SM' + randomUUID().replace(/-/g, ''), AccountSid: DEFAULT_TWILIO_ACCOUNT_SID, From: `whatsapp:${phone}`, To: FROM, Body: 'Hello, is Krabi open in March?', NumMedia: '0', ProfileName: 'Wan', WaId: phone.slice(1) };
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(DEFAULT_TWILIO_AUTH_TOKEN, url, params) }, body: new URLSearchParams(params).toString() });
    expect(res.status).toBe(200);
    const identity = await until(async () => (await wa.knex('contact_identities').where({ external_id: `whatsapp:${phone}` }).first()) ?? false);

    // Then fills in the website's form with that number written the Thai way.
    const form = await fetch(`${wa.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(webForm({ phone: `0${phone.slice(3)}`, name: 'Wan' })),
    });
    const number = (await form.json()).booking_id as string;
    const booking = await formBooked(wa.knex, number);
    expect(booking.contact_id).toBe(identity.contact_id);

    const waApi = apiClient(wa);
    const quote = await waApi('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'Island tour', quantity: 2, unitPrice: 2500 }], validUntil: `${nextYear}-01-31` });
    const sent = await waApi('POST', `/api/v1/bookings/${number}/quotes/${quote.json.version}/send`);
    expect(sent.json.customerTold).toBe(true);
    const delivered = await until(async () => twilio.state.deliveries.find((d) => d.to === `whatsapp:${phone}` && d.renderedBody.includes(sent.json.url)) ?? false, 15_000);
    expect(delivered.renderedBody).toContain(number);
  });
});
