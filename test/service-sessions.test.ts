import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBooking } from '../core/bookings/request-booking.ts';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystemIn, until, type TestSystem } from './support/test-system.ts';

/**
 * Sessions and seats (docs/bookings.md): an admin schedules sessions of a service, every door
 * books seats of them, and the seats are counted in the booking's transaction. The check:
 * one session of 3 seats, 10 requests at once through the public intake and the staff API,
 * exactly 3 bookings and the others told it is full, with nothing of them written. Runs on
 * PostgreSQL too (TEST_DATABASE_URL).
 */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const ZONE = 'Asia/Bangkok';

beforeAll(async () => {
  sys = await startTestSystemIn(ZONE);
});
afterAll(() => sys?.stopAll());

let services = 0;
/** A new service of the org (a cooking class of 12 by default). */
async function aService(over: Record<string, unknown> = {}): Promise<string> {
  services += 1;
  const key = `class_${services}`;
  const r = await api('POST', '/api/v1/services', { key, name: { th: `คลาส ${services}`, en: `Class ${services}` }, durationMinutes: 180, capacity: 12, ...over });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return key;
}

const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
/** A local date `n` days from today where the business is. */
const inDays = (n: number) => addDays(localMoment(ZONE).date, n);

async function aSession(service: string, body: Record<string, unknown>) {
  const r = await api('POST', `/api/v1/services/${service}/sessions`, body);
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.items[0] as { id: string; date: string; time: string; capacity: number; seatsLeft: number };
}

let people = 0;
function aCustomer() {
  people += 1;
  return { name: `Guest ${people}`, email: `guest${people}.${randomUUID().slice(0, 8)}@example.com` };
}

async function publicForm(body: Record<string, unknown>, key = randomUUID()) {
  const res = await fetch(`${sys.url}/public/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json(), key };
}

const staffBooking = (body: Record<string, unknown>) => api('POST', '/api/v1/bookings', { language: 'en', ...body });

async function seatsOf(sessionId: string) {
  return sys.knex('service_sessions').where({ id: sessionId }).first('capacity', 'seats_taken', 'status');
}

describe('the last seats, asked for at once', () => {
  it('one session of 3 seats, 10 requests at once through the public intake and the staff API: exactly 3 bookings, the others told it is full, nothing of them written', async () => {
    const service = await aService();
    const session = await aSession(service, { date: inDays(5), time: '10:00', capacity: 3 });
    const customers = Array.from({ length: 10 }, aCustomer);
    const answers = await Promise.all(
      customers.map((c, i) =>
        i % 2 === 0
          ? publicForm({ session_id: session.id, ...c, language: i % 4 === 0 ? 'th' : 'en' }).then((r) => ({ door: 'public', ...r }))
          : staffBooking({ session_id: session.id, ...c }).then((r) => ({ door: 'staff', ...r })),
      ),
    );
    const won = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(won).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.json.error).toMatchObject({ code: 'session_full', details: { sessionId: session.id, seatsLeft: 0, capacity: 3, seatsAsked: 1 } });
      expect(r.json.error.details.customerMessage.en).toContain('is full');
      expect(r.json.error.details.customerMessage.th).toContain('เต็มแล้ว');
    }
    // The website's forms are booked a moment after their answer.
    for (const w of won) if (w.door === 'public') await formBooked(sys.knex, w.json.booking_id);
    const booked = await sys.knex('bookings').where({ session_id: session.id });
    expect(booked).toHaveLength(3);
    expect(booked.every((b) => b.session_seats === 1)).toBe(true);
    expect(await seatsOf(session.id)).toMatchObject({ capacity: 3, seats_taken: 3 });
    // Nothing of the refused ones: no booking, no stored form, no contact.
    const refusedEmails = refused.map((r) => customers[answers.indexOf(r)].email);
    expect(await sys.knex('contacts').whereIn('email', refusedEmails)).toEqual([]);
    expect(await sys.knex('booking_intakes').whereIn('idempotency_key', refused.filter((r) => r.door === 'public').map((r) => (r as { key: string }).key))).toEqual([]);
    // Full sessions are not offered.
    const offered = await fetch(`${sys.url}/public/v1/services/${service}/availability?from=${inDays(5)}&to=${inDays(5)}`).then((r) => r.json());
    expect(offered.items).toEqual([]);
  });

  it('fifty customers for the last three seats from the chat, the website and staff at once: three bookings, the others refused', async () => {
    const service = await aService();
    const session = await aSession(service, { date: inDays(6), time: '14:00', capacity: 3 });
    const contacts = await sys.knex('contacts').insert(Array.from({ length: 10 }, (_, i) => ({ org_id: sys.defaultOrgId, display_name: `Chat ${i}`, language: 'th' }))).returning('id');
    const chat = contacts.map(({ id }) =>
      sys.knex
        .transaction((trx) => requestBooking(trx, { orgId: sys.defaultOrgId, contactId: id, conversationId: null, serviceKey: service, date: null, time: null, partySize: 1, language: 'th', source: 'line', sessionId: session.id }))
        .then(
          () => 201,
          (e) => (e.code === 'session_full' ? 409 : 500),
        ),
    );
    const web = Array.from({ length: 20 }, () => publicForm({ session_id: session.id, ...aCustomer() }).then((r) => r.status));
    const staff = Array.from({ length: 20 }, () => staffBooking({ session_id: session.id, ...aCustomer() }).then((r) => r.status));
    const statuses = await Promise.all([...chat, ...web, ...staff]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(47);
    await until(async () => (await sys.knex('booking_intakes').whereRaw(`form->'session'->>'id' = ?`, [session.id]).whereNull('booked_at')).length === 0);
    expect(await sys.knex('bookings').where({ session_id: session.id })).toHaveLength(3);
    expect(await seatsOf(session.id)).toMatchObject({ seats_taken: 3 });
  });

  it('a party larger than the seats left is refused with the seats left; a smaller one fits', async () => {
    const service = await aService();
    const session = await aSession(service, { date: inDays(7), time: '10:00', capacity: 4 });
    expect((await staffBooking({ session_id: session.id, travelers: 3, ...aCustomer() })).status).toBe(201);
    const big = await publicForm({ session_id: session.id, travelers: 2, ...aCustomer() });
    expect(big.status).toBe(409);
    expect(big.json.error.details).toMatchObject({ seatsLeft: 1, seatsAsked: 2 });
    expect(big.json.error.details.customerMessage.en).toContain('(1 seats left)');
    const one = await publicForm({ session_id: session.id, travelers: 1, ...aCustomer() });
    expect(one.status).toBe(201);
    await formBooked(sys.knex, one.json.booking_id);
    const b = await sys.knex('bookings').where({ number: one.json.booking_id }).first();
    expect(b).toMatchObject({ session_id: session.id, session_seats: 1, requested_date: inDays(7) });
    expect(await seatsOf(session.id)).toMatchObject({ seats_taken: 4 });
  });
});

describe('sessions that cannot be booked', () => {
  it('a service booked by its sessions: a booking that names no session is 422 naming session_id, nothing written', async () => {
    const service = await aService();
    await aSession(service, { date: inDays(6), time: '10:00', capacity: 4 });
    const before = await sys.knex('bookings').count({ n: '*' }).first();
    const forms = await sys.knex('booking_intakes').count({ n: '*' }).first();
    for (const r of [
      await publicForm({ service, start_date: inDays(6), time: '10:00', ...aCustomer() }),
      await staffBooking({ service, start_date: inDays(6), time: '10:00', ...aCustomer() }),
    ]) {
      expect(r.status, JSON.stringify(r.json)).toBe(422);
      expect(r.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'session_required' })]);
    }
    expect(await sys.knex('bookings').count({ n: '*' }).first()).toEqual(before);
    expect(await sys.knex('booking_intakes').count({ n: '*' }).first()).toEqual(forms);
    // A service with no session from now on is booked by date and time, as before.
    const plain = await aService();
    expect((await staffBooking({ service: plain, start_date: inDays(6), time: '10:00', ...aCustomer() })).status).toBe(201);
  });

  it('a session in the past: 422 naming session_id, nothing written', async () => {
    const service = await aService();
    const serviceId = (await sys.knex('services').where({ org_id: sys.defaultOrgId, key: service }).first('id')).id;
    const [past] = await sys.knex('service_sessions').insert({ org_id: sys.defaultOrgId, service_id: serviceId, starts_at: new Date(Date.now() - 3_600_000), ends_at: new Date(Date.now() + 3_600_000), capacity: 5 }).returning('id');
    const before = await sys.knex('bookings').count({ n: '*' }).first();
    for (const r of [await publicForm({ session_id: past.id, ...aCustomer() }), await staffBooking({ session_id: past.id, ...aCustomer() })]) {
      expect(r.status).toBe(422);
      expect(r.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'past' })]);
    }
    expect(await sys.knex('bookings').count({ n: '*' }).first()).toEqual(before);
    expect(await seatsOf(past.id)).toMatchObject({ seats_taken: 0 });
    // Nor can one be scheduled.
    const r = await api('POST', `/api/v1/services/${service}/sessions`, { date: inDays(-1), time: '10:00' });
    expect(r.status).toBe(422);
  });

  it('a cancelled session: its bookings are cancelled with the reason and their seats given back; a new booking is 422 naming session_id', async () => {
    const service = await aService();
    const session = await aSession(service, { date: inDays(8), time: '09:00', capacity: 5 });
    const booked = await staffBooking({ session_id: session.id, travelers: 2, ...aCustomer() });
    expect(booked.status).toBe(201);
    const form = await publicForm({ session_id: session.id, ...aCustomer() });
    expect(form.status).toBe(201);
    const cancelled = await api('POST', `/api/v1/services/${service}/sessions/${session.id}/cancel`, { reason: 'The chef is ill' });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    expect(cancelled.json.session).toMatchObject({ status: 'cancelled', cancelReason: 'The chef is ill', seatsTaken: 0 });
    // The form stored a moment before is booked and cancelled with the others.
    expect(cancelled.json.cancelledBookings.map((b: { number: string }) => b.number).sort()).toEqual([booked.json.number, form.json.booking_id].sort());
    const rows = await sys.knex('bookings').where({ session_id: session.id });
    expect(rows.map((b) => [b.stage, b.session_seats])).toEqual([
      ['cancelled', 0],
      ['cancelled', 0],
    ]);
    // Each customer is told; these have no chat, so staff see it must go by e-mail or phone.
    const told = await sys.knex('booking_events').whereIn('booking_id', rows.map((b) => b.id)).where({ type: 'notification_undelivered' });
    expect(told.map((e) => e.data.template)).toEqual(['booking_session_cancelled', 'booking_session_cancelled']);
    const again = await publicForm({ session_id: session.id, ...aCustomer() });
    expect(again.status).toBe(422);
    expect(again.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'cancelled' })]);
    expect((await api('POST', `/api/v1/services/${service}/sessions/${session.id}/cancel`, { reason: 'again' })).status).toBe(409);
  });

  it('a declined booking gives its seat back, and the session is offered again', async () => {
    const service = await aService();
    const session = await aSession(service, { date: inDays(9), time: '11:00', capacity: 1 });
    const booked = await staffBooking({ session_id: session.id, ...aCustomer() });
    expect((await staffBooking({ session_id: session.id, ...aCustomer() })).status).toBe(409);
    const detail = await api('GET', `/api/v1/bookings/${booked.json.number}`);
    const moved = await api('POST', `/api/v1/bookings/${booked.json.number}/stage`, { to: 'declined', expectedVersion: detail.json.version, reason: 'Kitchen closed' });
    expect(moved.status).toBe(200);
    expect(await seatsOf(session.id)).toMatchObject({ seats_taken: 0 });
    const offered = await api('GET', `/api/v1/services/${service}/availability?from=${inDays(9)}&to=${inDays(9)}`);
    expect(offered.json.items).toEqual([expect.objectContaining({ sessionId: session.id, seatsLeft: 1, fewLeft: true })]);
    expect((await staffBooking({ session_id: session.id, ...aCustomer() })).status).toBe(201);
  });

  it('a session of another service, or at another time than the form names: 422 naming session_id', async () => {
    const service = await aService();
    const other = await aService();
    const session = await aSession(service, { date: inDays(10), time: '10:00' });
    const wrongService = await publicForm({ session_id: session.id, service: other, ...aCustomer() });
    expect(wrongService.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'other_service' })]);
    const wrongTime = await staffBooking({ session_id: session.id, start_date: inDays(10), time: '11:00', ...aCustomer() });
    expect(wrongTime.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'other_time' })]);
    expect((await publicForm({ session_id: randomUUID(), ...aCustomer() })).json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'unknown' })]);
  });
});

describe('the schedule', () => {
  it('a session at 23:30 in Bangkok is listed on its own local day, and one at 00:30 on the next', async () => {
    const service = await aService();
    const day = inDays(12);
    const late = await aSession(service, { date: day, time: '23:30', durationMinutes: 60 });
    const early = await aSession(service, { date: addDays(day, 1), time: '00:30', durationMinutes: 60 });
    // 23:30 in Bangkok is 16:30 UTC the same day; 00:30 the next day is 17:30 UTC the day before.
    expect(late).toMatchObject({ date: day, time: '23:30', startsAt: `${day}T16:30:00.000Z` });
    expect(early).toMatchObject({ date: addDays(day, 1), time: '00:30', startsAt: `${day}T17:30:00.000Z` });
    const onDay = await fetch(`${sys.url}/public/v1/services/${service}/availability?from=${day}&to=${day}`).then((r) => r.json());
    expect(onDay).toMatchObject({ timeZone: ZONE, items: [{ sessionId: late.id, date: day, time: '23:30', seatsLeft: 12, fewLeft: false }] });
    const nextDay = await api('GET', `/api/v1/services/${service}/sessions?from=${addDays(day, 1)}&to=${addDays(day, 1)}`);
    expect(nextDay.json.items.map((s: { id: string }) => s.id)).toEqual([early.id]);
    // A booking for the late session is for its local date.
    const b = await staffBooking({ session_id: late.id, ...aCustomer() });
    expect(await sys.knex('bookings').where({ number: b.json.number }).first('requested_date', 'requested_time')).toEqual({ requested_date: day, requested_time: '23:30:00' });
  });

  it("a weekly class leaves out the org's holidays and lists them", async () => {
    const service = await aService();
    const start = inDays(14);
    const holiday = addDays(start, 7);
    await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ holidays: JSON.stringify([holiday]) });
    try {
      const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${start}T00:00:00Z`).getUTCDay()];
      const r = await api('POST', `/api/v1/services/${service}/sessions`, { date: start, time: '10:00', capacity: 12, repeat: { weekdays: [weekday], until: addDays(start, 21) } });
      expect(r.status).toBe(201);
      expect(r.json.items.map((s: { date: string }) => s.date)).toEqual([start, addDays(start, 14), addDays(start, 21)]);
      expect(r.json.skipped).toEqual([{ date: holiday, reason: 'holiday' }]);
      // The same again: every start exists already.
      const again = await api('POST', `/api/v1/services/${service}/sessions`, { date: start, time: '10:00', repeat: { weekdays: [weekday], until: addDays(start, 21) } });
      expect(again.json.items).toEqual([]);
      expect(again.json.skipped.map((s: { reason: string }) => s.reason)).toEqual(['exists', 'holiday', 'exists', 'exists']);
      // A single session on a holiday is refused.
      expect((await api('POST', `/api/v1/services/${service}/sessions`, { date: holiday, time: '15:00' })).status).toBe(422);
    } finally {
      await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ holidays: JSON.stringify([]) });
    }
  });

  it('a capacity below the seats taken is refused, naming the bookings that hold them; nothing changes', async () => {
    const service = await aService();
    const session = await aSession(service, { date: inDays(15), time: '10:00', capacity: 6 });
    const a = await staffBooking({ session_id: session.id, travelers: 2, ...aCustomer() });
    const b = await staffBooking({ session_id: session.id, travelers: 2, ...aCustomer() });
    const refused = await api('PATCH', `/api/v1/services/${service}/sessions/${session.id}`, { capacity: 3 });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', details: { reason: 'seats_taken', seatsTaken: 4 } });
    expect(refused.json.error.details.bookings.map((x: { number: string; seats: number }) => [x.number, x.seats])).toEqual([
      [a.json.number, 2],
      [b.json.number, 2],
    ]);
    expect(await seatsOf(session.id)).toMatchObject({ capacity: 6, seats_taken: 4 });
    const ok = await api('PATCH', `/api/v1/services/${service}/sessions/${session.id}`, { capacity: 4 });
    expect(ok.json).toMatchObject({ capacity: 4, seatsTaken: 4, seatsLeft: 0 });
    expect((await api('GET', '/api/v1/audit?action=session.capacity_changed')).json.items[0]).toMatchObject({ details: { from: 6, to: 4 } });
  });

  it('a new time or length for a session with bookings is refused, naming them; without bookings it moves', async () => {
    const service = await aService();
    const booked = await aSession(service, { date: inDays(16), time: '10:00', capacity: 6 });
    const a = await staffBooking({ session_id: booked.id, travelers: 2, ...aCustomer() });
    const before = await sys.knex('service_sessions').where({ id: booked.id }).first('starts_at', 'ends_at');
    for (const change of [{ time: '11:00' }, { date: inDays(17) }, { durationMinutes: 60 }, { capacity: 8, time: '11:00' }]) {
      const refused = await api('PATCH', `/api/v1/services/${service}/sessions/${booked.id}`, change);
      expect(refused.status, JSON.stringify(change)).toBe(409);
      expect(refused.json.error).toMatchObject({
        code: 'conflict',
        message: '1 booking is on this session: changing its time would strand it; move or cancel it first',
        details: { reason: 'bookings_on_session', seatsTaken: 2, bookings: [{ number: a.json.number, seats: 2, date: inDays(16), time: '10:00' }] },
      });
    }
    expect(await sys.knex('service_sessions').where({ id: booked.id }).first('starts_at', 'ends_at', 'capacity')).toEqual({ ...before, capacity: 6 });
    const free = await aSession(service, { date: inDays(18), time: '10:00', capacity: 6 });
    const moved = await api('PATCH', `/api/v1/services/${service}/sessions/${free.id}`, { time: '14:30', durationMinutes: 90 });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(moved.json).toMatchObject({ date: inDays(18), time: '14:30' });
    expect(new Date(moved.json.endsAt).getTime() - new Date(moved.json.startsAt).getTime()).toBe(90 * 60_000);
    // Not onto another session's start, not into the past.
    expect((await api('PATCH', `/api/v1/services/${service}/sessions/${free.id}`, { date: inDays(16), time: '10:00' })).json.error.code).toBe('already_exists');
    expect((await api('PATCH', `/api/v1/services/${service}/sessions/${free.id}`, { date: inDays(-1) })).json.error.details).toEqual([expect.objectContaining({ reason: 'past' })]);
    expect((await api('PATCH', `/api/v1/services/${service}/sessions/${free.id}`, {})).status).toBe(422);
  });

  it('a weekly change moves every matching session, all or none: one with bookings refuses it, naming them', async () => {
    const service = await aService();
    const from = inDays(20);
    const until = inDays(40);
    const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${from}T00:00:00Z`).getUTCDay()];
    const made = await api('POST', `/api/v1/services/${service}/sessions`, { date: from, time: '10:00', capacity: 5, repeat: { weekdays: [weekday], until } });
    expect(made.status).toBe(201);
    const weekly = made.json.items as { id: string; date: string }[];
    expect(weekly).toHaveLength(3);
    const other = await aSession(service, { date: from, time: '16:00', capacity: 5 });
    const held = await staffBooking({ session_id: weekly[1].id, ...aCustomer() });
    const change = { from, until, weekdays: [weekday], time: '10:00', newTime: '10:30' };
    const refused = await api('POST', `/api/v1/services/${service}/sessions/reschedule`, change);
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toMatchObject({ reason: 'bookings_on_session', bookings: [{ number: held.json.number, date: weekly[1].date, time: '10:00' }] });
    const listed = await api('GET', `/api/v1/services/${service}/sessions?from=${from}&to=${until}`);
    expect(listed.json.items.map((x: { time: string }) => x.time).sort()).toEqual(['10:00', '10:00', '10:00', '16:00']);
    // The booking cancelled, the change goes through for all three and leaves the 16:00 alone.
    const b = await sys.knex('bookings').where({ number: held.json.number }).first('version');
    expect((await api('POST', `/api/v1/bookings/${held.json.number}/stage`, { to: 'cancelled', expectedVersion: b.version, reason: 'moved' })).status).toBe(200);
    const done = await api('POST', `/api/v1/services/${service}/sessions/reschedule`, { ...change, durationMinutes: 150 });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json.changed).toBe(3);
    expect(done.json.items.map((x: { date: string; time: string }) => [x.date, x.time])).toEqual(weekly.map((w) => [w.date, '10:30']));
    expect((await api('GET', `/api/v1/services/${service}/sessions?from=${from}&to=${from}`)).json.items.map((x: { id: string; time: string }) => [x.id, x.time])).toEqual([
      [weekly[0].id, '10:30'],
      [other.id, '16:00'],
    ]);
    expect((await api('POST', `/api/v1/services/${service}/sessions/reschedule`, { from, until, time: '10:00' })).status).toBe(422);
  });

  it('support reads sessions but cannot schedule them', async () => {
    const service = await aService();
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    expect((await api('POST', `/api/v1/services/${service}/sessions`, { date: inDays(3), time: '10:00' }, support)).status).toBe(403);
    expect((await api('GET', `/api/v1/services/${service}/sessions`, undefined, support)).status).toBe(200);
  });
});
