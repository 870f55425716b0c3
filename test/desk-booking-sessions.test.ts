import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { enrolStaff } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';

/**
 * Staff opening a booking from a conversation (`POST /api/v1/conversations/:id/bookings`, the
 * desk's form) follow the customer's rules for a service booked by its sessions or in slots: a
 * session is needed, a full one is `409 session_full` (the customer can be put in line), a time
 * that is not a free slot is refused naming `time`; a manager may overbook with a reason. Each
 * refusal writes nothing. Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
const ZONE = 'Asia/Bangkok';
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ time_zone: ZONE });
  for (const [name, role] of [['Noi', 'support'], ['Mali', 'manager']] as const) {
    const s = await enrolStaff(h, { displayName: name, role });
    const k = await api('POST', '/api/v1/api-keys', { name: `desk ${role} ${randomBytes(2).toString('hex')}`, role, staffId: s.id });
    expect(k.status).toBe(201);
    keys[name] = k.json.key;
  }
}, 60_000); // two staff enrolled through the fake LINE, slow under a loaded machine

afterAll(() => h?.close());

const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function aConversation(): Promise<string> {
  const customer = lineId('U');
  await h.ask(customer, { text: 'สวัสดีค่ะ' });
  return (await until(async () => (await h.sys.knex('conversations').where({ external_id: customer }).first()) ?? false)).id;
}
let services = 0;
async function aClass(capacity: number): Promise<{ key: string; session: string; date: string }> {
  services += 1;
  const key = `desk_seats_${services}`;
  expect((await api('POST', '/api/v1/services', { key, name: { th: `คลาส ${services}`, en: `Class ${services}` }, durationMinutes: 120, capacity })).status).toBe(201);
  const date = inDays(10 + services);
  const s = await api('POST', `/api/v1/services/${key}/sessions`, { date, time: '10:00', capacity });
  expect(s.status, JSON.stringify(s.json)).toBe(201);
  return { key, session: s.json.items[0].id, date };
}
const open = (conversation: string, body: object, who = 'Noi') => api('POST', `/api/v1/conversations/${conversation}/bookings`, body, keys[who]);

/** What a refused request must leave as it was. */
const written = async (session?: string) => ({
  bookings: Number((await h.sys.knex('bookings').count<{ n: string }[]>('* as n'))[0].n),
  events: Number((await h.sys.knex('booking_events').count<{ n: string }[]>('* as n'))[0].n),
  audit: Number((await h.sys.knex('audit_log').where({ action: 'session.overbooked' }).count<{ n: string }[]>('* as n'))[0].n),
  session: session ? await h.sys.knex('service_sessions').where({ id: session }).first('seats_taken', 'overbooked') : null,
});

describe('a service booked by its sessions, from the desk', () => {
  it('books a session with room, taking its seats; the session fixes the date and time', async () => {
    const c = await aConversation();
    const cls = await aClass(4);
    const r = await open(c, { service: cls.key, session_id: cls.session, travelers: 3 });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(await h.sys.knex('bookings').where({ number: r.json.number }).first()).toMatchObject({ session_id: cls.session, session_seats: 3, requested_date: cls.date, requested_time: expect.stringMatching(/^10:00/), conversation_id: c, source: 'staff' });
    expect(await h.sys.knex('service_sessions').where({ id: cls.session }).first('seats_taken')).toEqual({ seats_taken: 3 });
  });

  it('refuses a free date and time for it (422 naming session_id), and a session at another time (other_time); nothing written', async () => {
    const c = await aConversation();
    const cls = await aClass(4);
    const before = await written(cls.session);
    const free = await open(c, { service: cls.key, start_date: cls.date, time: '15:00' });
    expect(free.status).toBe(422);
    expect(free.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'session_required' })]);
    const other = await open(c, { service: cls.key, session_id: cls.session, start_date: cls.date, time: '15:00' });
    expect(other.status).toBe(422);
    expect(other.json.error.details).toEqual([expect.objectContaining({ path: 'session_id', reason: 'other_time' })]);
    expect(await written(cls.session)).toEqual(before);
  });

  it('refuses a full session (409 session_full with the seats left and the customer\'s words); the customer can be put in line instead', async () => {
    const c = await aConversation();
    const cls = await aClass(2);
    expect((await open(await aConversation(), { service: cls.key, session_id: cls.session, travelers: 2 })).status).toBe(201);
    const before = await written(cls.session);
    const full = await open(c, { service: cls.key, session_id: cls.session, travelers: 1 });
    expect(full.status).toBe(409);
    expect(full.json.error.code).toBe('session_full');
    expect(full.json.error.details).toMatchObject({ sessionId: cls.session, capacity: 2, seatsLeft: 0, seatsAsked: 1, customerMessage: { th: expect.stringContaining('เต็ม'), en: expect.stringContaining('full') } });
    expect(await written(cls.session)).toEqual(before);

    const line = await api('POST', `/api/v1/conversations/${c}/waitlist`, { session_id: cls.session }, keys.Noi);
    expect(line.status, JSON.stringify(line.json)).toBe(201);
    expect(line.json).toMatchObject({ status: 'waiting', sessionId: cls.session, position: 1, seats: 1, message: expect.stringContaining('2') });
    expect(await h.sys.knex('session_waitlist').where({ session_id: cls.session }).first()).toMatchObject({ conversation_id: c, source: 'staff', status: 'waiting' });
  });

  it("refuses support's overbooking (403) and records a manager's, with the reason, on the timeline and in the audit log", async () => {
    const c = await aConversation();
    const cls = await aClass(1);
    expect((await open(await aConversation(), { service: cls.key, session_id: cls.session })).status).toBe(201);
    const before = await written(cls.session);
    const support = await open(c, { service: cls.key, session_id: cls.session, overbook_reason: 'Regular guest' });
    expect(support.status).toBe(403);
    expect(await written(cls.session)).toEqual(before);

    const manager = await open(c, { service: cls.key, session_id: cls.session, travelers: 2, overbook_reason: 'Regular guest, extra station' }, 'Mali');
    expect(manager.status, JSON.stringify(manager.json)).toBe(201);
    const row = await h.sys.knex('bookings').where({ number: manager.json.number }).first();
    expect(row).toMatchObject({ session_id: cls.session, session_seats: 2 });
    expect(await h.sys.knex('service_sessions').where({ id: cls.session }).first('capacity', 'seats_taken', 'overbooked')).toEqual({ capacity: 1, seats_taken: 3, overbooked: 2 });
    const created = await h.sys.knex('booking_events').where({ booking_id: row.id, type: 'created' }).first();
    expect(created.data.overbooked).toEqual({ reason: 'Regular guest, extra station' });
    expect(await h.sys.knex('audit_log').where({ action: 'session.overbooked', subject_id: cls.session }).first()).toMatchObject({ details: { booking: manager.json.number, seats: 2, reason: 'Regular guest, extra station' } });
    // The doors still see it full: the seats past the capacity are the manager's alone.
    const after = await open(await aConversation(), { service: cls.key, session_id: cls.session });
    expect(after.status).toBe(409);
    expect(after.json.error.details).toMatchObject({ seatsLeft: 0 });
  });

  it("a manager's reason for a session with room books it as any booking, with no overbooking recorded", async () => {
    const cls = await aClass(3);
    const r = await open(await aConversation(), { service: cls.key, session_id: cls.session, overbook_reason: 'just in case' }, 'Mali');
    expect(r.status).toBe(201);
    expect(await h.sys.knex('service_sessions').where({ id: cls.session }).first('seats_taken', 'overbooked')).toEqual({ seats_taken: 1, overbooked: 0 });
    expect(await h.sys.knex('audit_log').where({ action: 'session.overbooked', subject_id: cls.session }).first()).toBeUndefined();
  });
});

describe('a service booked in slots, from the desk', () => {
  it('books a free start and refuses a time off the grid or past closing (422 naming time) and a full slot (409 slot_full); nothing written', async () => {
    const key = `desk_massage_${randomUUID().slice(0, 6)}`;
    const hours = { mon: [['10:00', '18:00']], tue: [['10:00', '18:00']], wed: [['10:00', '18:00']], thu: [['10:00', '18:00']], fri: [['10:00', '18:00']], sat: [['10:00', '18:00']], sun: [['10:00', '18:00']] };
    const made = await api('POST', '/api/v1/services', { key, name: { th: 'นวด', en: 'Massage' }, durationMinutes: 60, hours });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect((await api('PUT', `/api/v1/services/${key}/slot-rule`, { resources: 1, stepMinutes: 30 })).status).toBe(200);
    const day = inDays(5);
    const ok = await open(await aConversation(), { service: key, start_date: day, time: '11:00' });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    const c = await aConversation();
    const before = await written();
    for (const [time, reason] of [['11:10', 'off_grid'], ['17:30', 'outside_hours']]) {
      const r = await open(c, { service: key, start_date: day, time });
      expect(r.status, time).toBe(422);
      expect(r.json.error.details).toEqual([expect.objectContaining({ path: 'time', reason })]);
    }
    const taken = await open(c, { service: key, start_date: day, time: '11:30' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('slot_full');
    expect(await written()).toEqual(before);
  });
});
