import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * The day at the desk (docs/bookings.md): a day's sessions with who is booked, check-in per
 * booking on its timeline, moving a booking to another session with its seats taken in the move's
 * transaction (into a full one refused, the booking staying), and a manager's overbooking with a
 * reason. Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const ZONE = 'Asia/Bangkok';
let manager: string;
let support: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: ZONE });
  manager = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
});
afterAll(() => sys?.stopAll());

const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
let services = 0;
async function aService(): Promise<string> {
  services += 1;
  const key = `desk_class_${services}`;
  expect((await api('POST', '/api/v1/services', { key, name: { th: `คลาส ${services}`, en: `Class ${services}` }, durationMinutes: 120, capacity: 10 })).status).toBe(201);
  return key;
}
async function aSession(service: string, date: string, time: string, capacity: number) {
  const r = await api('POST', `/api/v1/services/${service}/sessions`, { date, time, capacity });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.items[0].id as string;
}
async function book(sessionId: string, name: string, travelers = 1): Promise<string> {
  const r = await api('POST', '/api/v1/bookings', { session_id: sessionId, travelers, name, email: `${randomUUID().slice(0, 8)}@example.com`, language: 'en' });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.number;
}
const seats = async (id: string) => sys.knex('service_sessions').where({ id }).first('capacity', 'seats_taken', 'overbooked');
const bookingRow = (number: string) => sys.knex('bookings').where({ number }).first();
const eventsOf = async (number: string, type: string) => sys.knex('booking_events').where({ booking_id: (await bookingRow(number)).id, type }).orderBy('id');

describe('the day sheet', () => {
  it("lists the day's sessions of every service in local time (23:30 on its own day), with who is booked and the seats left", async () => {
    const [a, b] = [await aService(), await aService()];
    const day = inDays(20);
    const late = await aSession(a, day, '23:30', 4);
    const early = await aSession(b, day, '09:00', 2);
    await aSession(a, inDays(21), '00:30', 4);
    const x = await book(late, 'Late guest', 2);
    const y = await book(early, 'Early guest');
    const sheet = await api('GET', `/api/v1/sessions/day?date=${day}`);
    expect(sheet.status).toBe(200);
    expect(sheet.json.date).toBe(day);
    expect(sheet.json.sessions.map((s: { id: string; time: string; seatsLeft: number }) => [s.id, s.time, s.seatsLeft])).toEqual([
      [early, '09:00', 1],
      [late, '23:30', 2],
    ]);
    expect(sheet.json.sessions[1].bookings).toEqual([{ number: x, customer: 'Late guest', seats: 2, stage: 'new', stageLabel: expect.objectContaining({ en: expect.any(String) }), attendance: null }]);
    expect(sheet.json.sessions[0].bookings[0].number).toBe(y);
    expect(sheet.json.moveChoices[a].map((c: { date: string; time: string }) => `${c.date} ${c.time}`)).toEqual([`${day} 23:30`, `${inDays(21)} 00:30`]);
    // The desk reads it with any staff role; a bad date is a 422.
    expect((await api('GET', `/api/v1/sessions/day?date=${day}`, undefined, support)).status).toBe(200);
    expect((await api('GET', '/api/v1/sessions/day?date=31-12-2026')).status).toBe(422);
  });
});

describe('check-in', () => {
  it('records attended or no-show on the booking and its timeline; a cancelled booking has nobody to expect', async () => {
    const service = await aService();
    const session = await aSession(service, inDays(22), '10:00', 5);
    const [came, away] = [await book(session, 'Came'), await book(session, 'Away')];
    const r = await api('POST', `/api/v1/bookings/${came}/attendance`, { attendance: 'attended' }, support);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toEqual({ number: came, attendance: 'attended' });
    expect((await api('POST', `/api/v1/bookings/${came}/attendance`, { attendance: 'no_show' })).status).toBe(200);
    expect(await bookingRow(came)).toMatchObject({ attendance: 'no_show' });
    expect((await eventsOf(came, 'attendance_recorded')).map((e) => e.data)).toEqual([
      { attendance: 'attended', from: null },
      { attendance: 'no_show', from: 'attended' },
    ]);
    const b = await bookingRow(away);
    expect((await api('POST', `/api/v1/bookings/${away}/stage`, { to: 'cancelled', expectedVersion: b.version, reason: 'sick' })).status).toBe(200);
    const refused = await api('POST', `/api/v1/bookings/${away}/attendance`, { attendance: 'attended' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', message: `Booking ${away} is cancelled: nobody is expected for it` });
    expect(await bookingRow(away)).toMatchObject({ attendance: null });
    expect((await api('POST', '/api/v1/bookings/B-999999/attendance', { attendance: 'attended' })).status).toBe(404);
    expect((await api('POST', `/api/v1/bookings/${came}/attendance`, { attendance: 'late' })).status).toBe(422);
  });
});

describe('moving a booking to another session', () => {
  it('takes the seats there and gives the old ones back; into a full session it is refused with the seats left and the booking stays', async () => {
    const service = await aService();
    const [from, roomy, full] = [await aSession(service, inDays(23), '10:00', 3), await aSession(service, inDays(24), '10:00', 3), await aSession(service, inDays(25), '14:00', 2)];
    const moving = await book(from, 'Mover', 2);
    await book(full, 'Holder', 2);
    const moved = await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: roomy }, support);
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(moved.json).toEqual({ number: moving, sessionId: roomy, date: inDays(24), time: '10:00', seats: 2, overbooked: false });
    expect(await seats(from)).toMatchObject({ seats_taken: 0 });
    expect(await seats(roomy)).toMatchObject({ seats_taken: 2 });
    expect(await bookingRow(moving)).toMatchObject({ session_id: roomy, session_seats: 2, requested_date: inDays(24) });
    expect((await eventsOf(moving, 'session_changed'))[0].data).toMatchObject({ from: { sessionId: from, date: inDays(23), time: '10:00' }, to: { sessionId: roomy, date: inDays(24), time: '10:00' }, seats: 2 });

    const refused = await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: full });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('session_full');
    expect(refused.json.error.message).toMatch(new RegExp(`^The session on .* 14:00 is full \\(0 seats left, 2 needed\\): ${moving} stays where it is$`));
    expect(refused.json.error.details).toMatchObject({ sessionId: full, seatsLeft: 0, seatsAsked: 2 });
    expect(await bookingRow(moving)).toMatchObject({ session_id: roomy });
    expect(await seats(roomy)).toMatchObject({ seats_taken: 2 });
    expect(await seats(full)).toMatchObject({ seats_taken: 2, overbooked: 0 });
    // Another service's session, its own session, an unknown one.
    const other = await aSession(await aService(), inDays(24), '11:00', 5);
    expect((await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: other })).json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'other_service' })]);
    expect((await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: roomy })).json.error).toMatchObject({ code: 'conflict', details: { reason: 'same_session' } });
    expect((await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: randomUUID() })).json.error.details).toEqual([expect.objectContaining({ reason: 'unknown' })]);
  });

  it('overbooking: support is refused; a manager with a reason takes the seats past the capacity, recorded and audited; the doors still see it full', async () => {
    const service = await aService();
    const [from, full] = [await aSession(service, inDays(26), '10:00', 4), await aSession(service, inDays(27), '10:00', 1)];
    const moving = await book(from, 'VIP');
    await book(full, 'Holder');
    const bySupport = await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: full, overbookReason: 'Regular customer' }, support);
    expect(bySupport.status).toBe(403);
    expect(bySupport.json.error.message).toBe('Only a manager or an admin may overbook a session');
    expect(await bookingRow(moving)).toMatchObject({ session_id: from });
    expect(await seats(full)).toMatchObject({ seats_taken: 1, overbooked: 0 });
    const byManager = await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: full, overbookReason: 'Regular customer, teacher agreed' }, manager);
    expect(byManager.status, JSON.stringify(byManager.json)).toBe(200);
    expect(byManager.json.overbooked).toBe(true);
    expect(await seats(full)).toEqual({ capacity: 1, seats_taken: 2, overbooked: 1 });
    expect(await seats(from)).toMatchObject({ seats_taken: 0 });
    expect((await eventsOf(moving, 'session_changed'))[0].data.overbooked).toEqual({ reason: 'Regular customer, teacher agreed' });
    expect(await sys.knex('audit_log').where({ action: 'session.overbooked', subject_id: full }).first('details')).toMatchObject({ details: { booking: moving, seats: 1, reason: 'Regular customer, teacher agreed' } });
    // The doors check the capacity alone: still full for them.
    const web = await api('POST', '/api/v1/bookings', { session_id: full, name: 'Late', email: 'late@example.com', language: 'en' });
    expect(web.status).toBe(409);
    expect(web.json.error.details).toMatchObject({ seatsLeft: 0 });
    // An overbooking reason given while there is room is simply a move.
    const roomy = await aSession(service, inDays(28), '10:00', 5);
    expect((await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: roomy, overbookReason: 'not needed' }, manager)).json.overbooked).toBe(false);
    expect(await seats(full)).toEqual({ capacity: 1, seats_taken: 1, overbooked: 1 });
  });

  it('two bookings moved at once into the last seat: one moves, the other is refused and stays', async () => {
    const service = await aService();
    const [a, b, target] = [await aSession(service, inDays(29), '10:00', 3), await aSession(service, inDays(29), '14:00', 3), await aSession(service, inDays(30), '10:00', 1)];
    const [x, y] = [await book(a, 'X'), await book(b, 'Y')];
    const answers = await Promise.all([x, y].map((n) => api('POST', `/api/v1/bookings/${n}/session`, { sessionId: target })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await seats(target)).toMatchObject({ seats_taken: 1 });
    expect(Number((await seats(a)).seats_taken) + Number((await seats(b)).seats_taken)).toBe(1);
    expect(await sys.knex('bookings').where({ session_id: target })).toHaveLength(1);
  });

  it('a move frees a seat of a full session: the first on its waitlist is offered it', async () => {
    const service = await aService();
    const [full, other] = [await aSession(service, inDays(31), '10:00', 1), await aSession(service, inDays(31), '15:00', 4)];
    const moving = await book(full, 'Mover');
    const joined = await fetch(`${sys.url}/public/v1/sessions/${full}/waitlist`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Waiter', email: 'waiter@example.com' }) });
    expect(joined.status).toBe(201);
    expect((await api('POST', `/api/v1/bookings/${moving}/session`, { sessionId: other })).status).toBe(200);
    expect(await sys.knex('session_waitlist').where({ session_id: full }).first('status')).toEqual({ status: 'offered' });
    expect(await seats(full)).toMatchObject({ seats_taken: 1 });
  });
});

describe('analytics of sessions', () => {
  it('fill rate per service and session, the no-show rate of those checked in, and waitlist conversions; as JSON and CSV', async () => {
    const service = await aService();
    const [big, small] = [await aSession(service, inDays(40), '10:00', 4), await aSession(service, inDays(41), '10:00', 2)];
    const [a, b, c] = [await book(big, 'A'), await book(big, 'B'), await book(big, 'C')];
    for (const [n, attendance] of [[a, 'attended'], [b, 'attended'], [c, 'no_show']] as const) expect((await api('POST', `/api/v1/bookings/${n}/attendance`, { attendance })).status).toBe(200);
    const leaving = await book(small, 'D');
    await book(small, 'E');
    const join = (name: string) =>
      fetch(`${sys.url}/public/v1/sessions/${small}/waitlist`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, email: `${name.toLowerCase()}.${randomUUID().slice(0, 6)}@example.com` }) }).then((r) => r.json());
    const first = await join('W1');
    await join('W2');
    const v = (await bookingRow(leaving)).version;
    expect((await api('POST', `/api/v1/bookings/${leaving}/stage`, { to: 'cancelled', expectedVersion: v, reason: 'away' })).status).toBe(200);
    expect((await fetch(`${sys.url}/public/v1/waitlist/${first.token}/accept`, { method: 'POST' })).status).toBe(200);

    const period = `from=${inDays(40)}&to=${inDays(41)}`;
    const r = await api('GET', `/api/v1/analytics/sessions?${period}`, undefined, manager);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.totals).toEqual({
      sessions: 2,
      capacity: 6,
      seatsBooked: 5,
      fillRate: 0.8333,
      attended: 2,
      noShow: 1,
      notCheckedIn: 2,
      noShowRate: 0.3333,
      waitlist: { joined: 2, offered: 1, booked: 1, declined: 0, expired: 0, conversionRate: 0.5 },
    });
    expect(r.json.services).toEqual([expect.objectContaining({ service, sessions: 2, fillRate: 0.8333 })]);
    expect(r.json.sessions.map((s: { date: string; time: string; fillRate: number; noShowRate: number | null }) => [s.date, s.time, s.fillRate, s.noShowRate])).toEqual([
      [inDays(40), '10:00', 0.75, 0.3333],
      [inDays(41), '10:00', 1, null],
    ]);
    const csv = await fetch(`${sys.url}/api/v1/analytics/sessions?${period}&format=csv&table=services`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n').slice(0, 2)).toEqual([
      'service,sessions,capacity,seatsBooked,fillRate,attended,noShow,noShowRate,waitlistJoined,waitlistBooked,waitlistConversionRate',
      `${service},2,6,5,0.8333,2,1,0.3333,2,1,0.5`,
    ]);
    // An unknown table is a 422 before any CSV.
    expect((await api('GET', `/api/v1/analytics/sessions?${period}&format=csv&table=nope`, undefined, manager)).status).toBe(422);
  });
});
