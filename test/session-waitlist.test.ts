import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { expireOffer } from '../core/bookings/session-waitlist.ts';
import { localMoment } from '../core/time/org-time.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { formBooked, until } from './support/test-system.ts';

/**
 * The waitlist of a full session (docs/bookings.md, "The waitlist"): customers join it from the
 * chat, the form inside LINE and the website; a freed seat is held for the first in line and
 * offered with accept / decline; declined or run out, it goes to the next; an offer accepted after
 * it ran out is refused and nothing is booked. Through signed LINE webhooks, LIFF ID tokens and the
 * public API, against the fake LINE server. Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
let h: LiffHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const ZONE = 'Asia/Bangkok';
const CHAT_SERVICE = 'thai_cooking_class';

beforeAll(async () => {
  h = await startLiffHarness();
  await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ time_zone: ZONE });
}, 60_000);
afterAll(() => h?.close());

const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function aSession(service: string, date: string, capacity: number, time = '10:00') {
  const r = await api('POST', `/api/v1/services/${service}/sessions`, { date, time, capacity });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.items[0].id as string;
}

let people = 0;
const aCustomer = () => {
  people += 1;
  return { name: `Guest ${people}`, email: `wait${people}.${randomUUID().slice(0, 8)}@example.com` };
};

const website = (sessionId: string, more: Record<string, unknown> = {}) =>
  h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': randomUUID() }, body: { session_id: sessionId, language: 'en', ...aCustomer(), ...more } });
const lineForm = (user: string, sessionId: string) =>
  h.pub('POST', '/liff-api/v1/bookings', { headers: { authorization: `Bearer ${h.idToken(user, { name: 'Form guest' })}`, 'idempotency-key': randomUUID() }, body: { session_id: sessionId, name: 'Form guest', language: 'th' } });
const joinFromWebsite = (sessionId: string, more: Record<string, unknown> = {}) => h.pub('POST', `/public/v1/sessions/${sessionId}/waitlist`, { body: { language: 'en', ...aCustomer(), ...more } });
const seatsOf = async (sessionId: string) => (await h.sys.knex('service_sessions').where({ id: sessionId }).first('seats_taken')).seats_taken as number;
const placesOf = (sessionId: string) => h.sys.knex('session_waitlist').where({ session_id: sessionId }).orderBy('created_at').select('status', 'seats', 'source', 'booking_id');
/** The last push to a LINE user: what the bot told them on its own. */
const pushedTo = (user: string, text: RegExp) =>
  until(() => Promise.resolve(h.line.state.deliveriesTo(user).find((d) => d.kind === 'push' && d.messages.some((m) => 'text' in m && text.test(String(m.text))))), 15_000);

async function cancelBooking(number: string) {
  const b = await h.sys.knex('bookings').where({ number }).first('version');
  const r = await api('POST', `/api/v1/bookings/${number}/stage`, { to: 'cancelled', expectedVersion: b.version, reason: 'Customer cannot come' });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
}

async function staffBooking(sessionId: string, travelers = 1): Promise<string> {
  const r = await api('POST', '/api/v1/bookings', { session_id: sessionId, travelers, language: 'en', ...aCustomer() });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.number ?? r.json.booking?.number;
}

describe('the last seats, asked for at once', () => {
  it('fifty customers for the last three seats from the chat, the form inside LINE and the website: three booked, the others told it is full and offered the waitlist', async () => {
    const sessionId = await aSession(CHAT_SERVICE, inDays(9), 3);
    // Ten chat customers each at the summary of a booking for it, ready to confirm.
    const chatters = Array.from({ length: 10 }, () => lineId('U'));
    await Promise.all(
      chatters.map(async (c) => {
        await h.ask(c, { text: 'จองคลาสทำอาหารไทย 1 ท่านค่ะ' });
        const summary = await h.ask(c, { postback: { data: replyData('session', sessionId) } });
        expect(summary.quickReplies.some((q) => q.data === replyData('confirm'))).toBe(true);
      }),
    );
    const formUsers = Array.from({ length: 20 }, () => lineId('U'));
    const [chat, form, web] = await Promise.all([
      Promise.all(chatters.map((c) => h.ask(c, { postback: { data: replyData('confirm') } }))),
      Promise.all(formUsers.map((u) => lineForm(u, sessionId))),
      Promise.all(Array.from({ length: 20 }, () => website(sessionId))),
    ]);
    const chatBooked = chat.filter((a) => /ได้รับคำขอจอง/.test(a.text));
    const chatFull = chat.filter((a) => /เต็มแล้ว/.test(a.text));
    const formBookedOnes = form.filter((a) => a.status === 201);
    const webBooked = web.filter((a) => a.status === 201);
    expect(chatBooked.length + formBookedOnes.length + webBooked.length).toBe(3);
    expect(chatBooked.length + chatFull.length).toBe(10);
    // Told, and offered the waitlist: a quick reply in the chat, the place to join in the forms' answer.
    for (const a of chatFull) expect(a.quickReplies[0]).toMatchObject({ label: 'ลงชื่อรอคิว', data: replyData('waitlist', `${sessionId}:1`) });
    for (const a of [...form, ...web].filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.json.error).toMatchObject({ code: 'session_full', details: { sessionId, seatsLeft: 0, waitlist: { join: `/public/v1/sessions/${sessionId}/waitlist` } } });
    }
    for (const a of webBooked) await formBooked(h.sys.knex, a.json.booking_id);
    expect(await h.sys.knex('bookings').where({ session_id: sessionId })).toHaveLength(3);
    expect(await seatsOf(sessionId)).toBe(3);

    // One of the chat's refused taps "join the waitlist", one of the form's and one of the website's join too: in that order.
    const tapped = chatters[chat.indexOf(chatFull[0])];
    const joined = await h.ask(tapped, { postback: { data: replyData('waitlist', `${sessionId}:1`) } });
    expect(joined.text).toMatch(/ลงชื่อรอคิวรอบ คลาสทำอาหารไทย .* \(คิวที่ 1\)/);
    const formUser = formUsers[form.findIndex((a) => a.status === 409)];
    const fromForm = await h.pub('POST', '/liff-api/v1/waitlist', { headers: { authorization: `Bearer ${h.idToken(formUser)}` }, body: { session_id: sessionId, language: 'en' } });
    expect(fromForm.status, JSON.stringify(fromForm.json)).toBe(201);
    expect(fromForm.json).toMatchObject({ status: 'waiting', position: 2, seats: 1 });
    expect(fromForm.json.message).toContain('number 2 in line');
    expect(fromForm.json.token).toBeUndefined();
    const fromWeb = await joinFromWebsite(sessionId);
    expect(fromWeb.status).toBe(201);
    expect(fromWeb.json).toMatchObject({ status: 'waiting', position: 3, date: inDays(9), time: '10:00' });
    expect(await placesOf(sessionId)).toMatchObject([{ source: 'line' }, { source: 'liff' }, { source: 'web' }]);
    // Asking again answers the same place.
    const again = await h.pub('POST', '/liff-api/v1/waitlist', { headers: { authorization: `Bearer ${h.idToken(formUser)}` }, body: { session_id: sessionId, language: 'en' } });
    expect(again.json).toMatchObject({ status: 'waiting', position: 2 });
    expect(await placesOf(sessionId)).toHaveLength(3);
  }, 90_000);
});

describe('a seat freed', () => {
  it('is held for the first in line and offered in their chat; accepted in time, it is booked; nobody else takes it meanwhile', async () => {
    const service = await h.bookableService({ name: { th: 'คลาสขนมไทย', en: 'Thai dessert class' }, capacity: 10, durationMinutes: 120 });
    const sessionId = await aSession(service, inDays(10), 1);
    const walkIn = await staffBooking(sessionId);
    const chatter = lineId('U');
    await h.ask(chatter, { text: 'สวัสดีค่ะ' });
    const joined = await h.ask(chatter, { postback: { data: replyData('waitlist', `${sessionId}:1`) } });
    expect(joined.text).toContain('(คิวที่ 1)');
    const second = await joinFromWebsite(sessionId);
    expect(second.json.position).toBe(2);

    await cancelBooking(walkIn);
    // Held: the seat is counted, the place offered, and a booking for it now is refused as full.
    expect(await seatsOf(sessionId)).toBe(1);
    const [first] = await h.sys.knex('session_waitlist').where({ session_id: sessionId }).orderBy('created_at');
    expect(first).toMatchObject({ status: 'offered' });
    const minutes = (new Date(first.offer_expires_at).getTime() - new Date(first.offered_at).getTime()) / 60_000;
    expect(minutes).toBe(120);
    expect(await h.sys.knex('outbox').where({ queue: 'session-waitlist', job_name: 'offer-expiry' }).whereRaw(`payload->>'entryId' = ?`, [first.id]).first('available_at')).toEqual({
      available_at: first.offer_expires_at,
    });
    expect((await website(sessionId)).status).toBe(409);
    const offer = await pushedTo(chatter, /มีที่ว่างแล้วค่ะ/);
    const message = offer.messages[0] as { text: string; quickReply?: { items: { action: { label: string; data: string } }[] } };
    expect(message.text).toContain('คลาสขนมไทย');
    expect(message.text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
    expect(message.quickReply!.items.map((i) => i.action)).toMatchObject([
      { label: 'รับที่นั่ง', data: replyData('waitlist_offer', `accept:${first.id}`) },
      { label: 'ไม่รับ', data: replyData('waitlist_offer', `decline:${first.id}`) },
    ]);
    const booked = await h.ask(chatter, { postback: { data: replyData('waitlist_offer', `accept:${first.id}`) } });
    expect(booked.text).toMatch(/จองรอบ คลาสขนมไทย .* หมายเลขการจอง B-\d+/);
    const booking = await h.sys.knex('bookings').where({ session_id: sessionId, stage: 'new' }).first('number', 'session_seats', 'source', 'contact_id');
    expect(booking).toMatchObject({ session_seats: 1, source: 'line', contact_id: first.contact_id });
    expect(booked.text).toContain(booking.number);
    expect(await seatsOf(sessionId)).toBe(1);
    expect(await placesOf(sessionId)).toMatchObject([{ status: 'booked' }, { status: 'waiting' }]);
    // A second tap books nothing more: it is answered with the booking made.
    const again = await h.ask(chatter, { postback: { data: replyData('waitlist_offer', `accept:${first.id}`) } });
    expect(again.text).toContain(booking.number);
    expect(await h.sys.knex('bookings').where({ session_id: sessionId, stage: 'new' })).toHaveLength(1);
  }, 60_000);

  it('declined, or run out, goes to the next in line; accepted after it ran out is told so, nothing booked, the seat not given twice', async () => {
    const service = await h.bookableService({ name: { th: 'ทัวร์วัด', en: 'Temple tour' }, capacity: 10, durationMinutes: 180 });
    const sessionId = await aSession(service, inDays(11), 1);
    const walkIn = await staffBooking(sessionId);
    const [a, b, c] = [await joinFromWebsite(sessionId), await joinFromWebsite(sessionId), await joinFromWebsite(sessionId)];
    expect([a, b, c].map((x) => x.json.position)).toEqual([1, 2, 3]);
    await cancelBooking(walkIn);
    expect((await h.pub('GET', `/public/v1/waitlist/${a.json.token}`)).json).toMatchObject({ status: 'offered', position: null });
    expect((await h.pub('GET', `/public/v1/waitlist/${b.json.token}`)).json).toMatchObject({ status: 'waiting', position: 1 });

    // Declined: the next one is offered, the seat still held.
    const declined = await h.pub('POST', `/public/v1/waitlist/${a.json.token}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.json).toMatchObject({ status: 'declined', message: 'Understood: the seat goes to the next person waiting.' });
    expect((await h.pub('GET', `/public/v1/waitlist/${b.json.token}`)).json.status).toBe('offered');
    expect(await seatsOf(sessionId)).toBe(1);

    // The offer's time passes before b answers: the answer is refused, nothing booked, c is offered.
    await h.sys.knex('session_waitlist').where({ token: b.json.token }).update({ offer_expires_at: new Date(Date.now() - 1000) });
    const late = await h.pub('POST', `/public/v1/waitlist/${b.json.token}/accept`);
    expect(late.status).toBe(409);
    expect(late.json.error).toMatchObject({ code: 'offer_expired', details: { place: { status: 'expired', bookingNumber: null } } });
    expect(late.json.error.details.place.message).toContain('was not taken in time, so nothing was booked');
    expect(await h.sys.knex('bookings').where({ session_id: sessionId, stage: 'new' })).toHaveLength(0);
    expect((await h.pub('GET', `/public/v1/waitlist/${c.json.token}`)).json.status).toBe('offered');
    expect(await seatsOf(sessionId)).toBe(1);
    // Accepting again after that is still refused; the seat held for c is c's.
    expect((await h.pub('POST', `/public/v1/waitlist/${b.json.token}/accept`)).json.error.code).toBe('offer_expired');
    expect((await h.pub('POST', `/public/v1/waitlist/${a.json.token}/accept`)).json.error).toMatchObject({ code: 'conflict', details: { reason: 'answered' } });

    // c's offer runs out: the delayed job at its end closes it, and with nobody left in line the seat is free again.
    const cRow = await h.sys.knex('session_waitlist').where({ token: c.json.token }).first();
    expect(await h.sys.knex.transaction((trx) => expireOffer(trx, cRow.id, new Date(new Date(cRow.offer_expires_at).getTime() - 1000)))).toBe(false);
    expect(await h.sys.knex.transaction((trx) => expireOffer(trx, cRow.id, new Date(cRow.offer_expires_at)))).toBe(true);
    expect(await h.sys.knex.transaction((trx) => expireOffer(trx, cRow.id, new Date(cRow.offer_expires_at)))).toBe(false);
    expect((await h.pub('GET', `/public/v1/waitlist/${c.json.token}`)).json.status).toBe('expired');
    expect(await seatsOf(sessionId)).toBe(0);
    expect((await h.pub('GET', `/public/v1/services/${service}/availability?from=${inDays(11)}&to=${inDays(11)}`)).json.items).toHaveLength(1);
  }, 60_000);

  it('a raised capacity offers the new seats; a party larger than the seats free waits while a smaller one behind it is offered', async () => {
    const service = await h.bookableService({ name: { th: 'ล่องเรือ', en: 'Boat trip' }, capacity: 10, durationMinutes: 60 });
    const sessionId = await aSession(service, inDays(12), 2);
    await staffBooking(sessionId, 2);
    const big = await joinFromWebsite(sessionId, { travelers: 3 });
    const small = await joinFromWebsite(sessionId, { travelers: 1 });
    expect([big.status, small.status]).toEqual([201, 201]);
    const raised = await api('PATCH', `/api/v1/services/${service}/sessions/${sessionId}`, { capacity: 3 });
    expect(raised.status, JSON.stringify(raised.json)).toBe(200);
    expect(raised.json).toMatchObject({ capacity: 3, seatsTaken: 3, seatsLeft: 0 });
    expect((await h.pub('GET', `/public/v1/waitlist/${big.json.token}`)).json).toMatchObject({ status: 'waiting', position: 1 });
    expect((await h.pub('GET', `/public/v1/waitlist/${small.json.token}`)).json.status).toBe('offered');
    const accepted = await h.pub('POST', `/public/v1/waitlist/${small.json.token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'booked', bookingNumber: expect.stringMatching(/^B-\d+$/) });
    // Staff see the line, in order.
    const line = await api('GET', `/api/v1/services/${service}/sessions/${sessionId}/waitlist`);
    expect(line.json.items.map((i: { status: string; seats: number; bookingNumber: string | null }) => [i.status, i.seats, i.bookingNumber])).toEqual([
      ['waiting', 3, null],
      ['booked', 1, accepted.json.bookingNumber],
    ]);
  });
});

describe('what cannot be waited for', () => {
  it('a session with room, a started, cancelled or unknown one, and a website place with no way to answer: refused, nothing written', async () => {
    const service = await h.bookableService({ name: { th: 'คลาสโยคะ', en: 'Yoga class' }, capacity: 10, durationMinutes: 60 });
    const roomy = await aSession(service, inDays(13), 4);
    const before = await h.sys.knex('contacts').count({ n: '*' }).first();
    const withRoom = await joinFromWebsite(roomy);
    expect(withRoom.status).toBe(409);
    expect(withRoom.json.error).toMatchObject({ code: 'conflict', message: 'The session has 4 seats left: book it instead', details: { reason: 'seats_left', seatsLeft: 4 } });
    const unknown = await joinFromWebsite(randomUUID());
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'unknown' })]);
    const cancelled = await aSession(service, inDays(14), 1);
    await staffBooking(cancelled);
    const waiting = await joinFromWebsite(cancelled);
    expect(waiting.status).toBe(201);
    expect((await api('POST', `/api/v1/services/${service}/sessions/${cancelled}/cancel`, { reason: 'Teacher ill' })).status).toBe(200);
    // Its line is closed with it, and nobody joins it any more.
    expect((await h.pub('GET', `/public/v1/waitlist/${waiting.json.token}`)).json.status).toBe('closed');
    // A seat held for an offer when its session is cancelled goes back; accepting it books nothing.
    const heldOne = await aSession(service, inDays(15), 1);
    const leaving = await staffBooking(heldOne);
    const offered = await joinFromWebsite(heldOne);
    await cancelBooking(leaving);
    expect((await h.pub('GET', `/public/v1/waitlist/${offered.json.token}`)).json.status).toBe('offered');
    expect((await api('POST', `/api/v1/services/${service}/sessions/${heldOne}/cancel`, { reason: 'Flood' })).status).toBe(200);
    expect((await h.pub('GET', `/public/v1/waitlist/${offered.json.token}`)).json.status).toBe('closed');
    expect(await seatsOf(heldOne)).toBe(0);
    const closed = await h.pub('POST', `/public/v1/waitlist/${offered.json.token}/accept`);
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ code: 'conflict', message: 'The session was cancelled or has started: nothing can be booked', details: { reason: 'closed' } });
    expect(await h.sys.knex('bookings').where({ session_id: heldOne, stage: 'new' })).toHaveLength(0);
    const late = await joinFromWebsite(cancelled);
    expect(late.status).toBe(422);
    expect(late.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'cancelled' })]);
    const past = await h.sys.knex('service_sessions').where({ id: roomy }).update({ starts_at: new Date(Date.now() - 60_000), ends_at: new Date(Date.now() + 60_000), seats_taken: 4 });
    expect(past).toBe(1);
    expect((await joinFromWebsite(roomy)).json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'past' })]);
    const noWay = await h.pub('POST', `/public/v1/sessions/${cancelled}/waitlist`, { body: { name: 'No contact', language: 'en' } });
    expect(noWay.status).toBe(422);
    expect(noWay.json.error.details).toEqual([expect.objectContaining({ path: 'email' })]);
    // Only the one who joined became a contact; the refused did not.
    const after = await h.sys.knex('contacts').count({ n: '*' }).first();
    expect(Number(after!.n) - Number(before!.n)).toBe(4);
    expect((await h.pub('GET', '/public/v1/waitlist/no-such-place-token')).status).toBe(404);
    expect((await h.pub('POST', '/public/v1/waitlist/no-such-place-token/accept')).status).toBe(404);
  });
});
