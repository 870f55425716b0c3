import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueFollowUpChecks, fireFollowUpTimer, scheduleFollowUpTimers, startFollowUpClock, type FollowUpCheck } from '../core/bookings/follow-up-clock.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { formBooked, until, type TestSystem } from './support/test-system.ts';

/**
 * Who gets a new booking and how soon someone must act, through the running system: the org's
 * rules assign website bookings (round robin, least loaded, by destination, service and language),
 * the assignee hears it 1:1 in LINE, a manager turns a rule off, and the follow-up clocks warn the
 * assignee and tell the managers when they run out, once each.
 */
let h: LineCustomerHarness;
let sys: TestSystem;
let anna: EnrolledStaff;
let ben: EnrolledStaff;
let chai: EnrolledStaff;
let managersGroup: string;
let salesGroup: string;
let managerKey: string;
let supportKey: string;
let ceoKey: string;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
  anna = await enrolStaff(h, { displayName: 'Anna', role: 'support' });
  ben = await enrolStaff(h, { displayName: 'Ben', role: 'support' });
  chai = await enrolStaff(h, { displayName: 'Chai', role: 'support', language: 'th' });
  ({ groupId: managersGroup } = await configureGroup(h, lineId('C'), { purpose: 'managers' }));
  ({ groupId: salesGroup } = await configureGroup(h, lineId('C'), { purpose: 'sales' }));
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
  ceoKey = (await api('POST', '/api/v1/api-keys', { name: 'ceo', role: 'ceo' })).json.key;
}, 60_000);
afterAll(() => h?.close());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const nextYear = new Date().getUTCFullYear() + 1;

async function book(over: Record<string, unknown> = {}) {
  const res = await fetch(`${sys.url}/public/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ destination: 'Northern Vietnam', month: `${nextYear}-04`, travelers: 2, name: 'Guest', email: `g${randomUUID()}@example.com`, language: 'en', ...over }),
  });
  expect(res.status).toBe(201);
  const number = (await res.json()).booking_id as string;
  return formBooked(sys.knex, number);
}

const rule = (body: Record<string, unknown>, key = managerKey) => api('POST', '/api/v1/booking-rules', body, key);
const toldTo = (staff: EnrolledStaff, number: string) => waitForMessageTo(h, staff.lineUserId, (m) => m.type === 'text' && String(m.text).includes(number));

describe('assignment rules', () => {
  it('round robin among the rule\'s staff for the destination; each assignee is told 1:1, the card in the sales group names them', async () => {
    const r = await rule({ name: 'Vietnam desk', destinations: ['Vietnam'], staffIds: [anna.id, ben.id], strategy: 'round_robin' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ name: 'Vietnam desk', destinations: ['vietnam'], isActive: true, strategy: 'round_robin' });

    const started = Date.now();
    const first = await book();
    const told = await toldTo(anna, first.number);
    const toldAfterMs = Date.now() - started;
    expect(told.text).toBe(`${first.number} is yours now. (rule "Vietnam desk")`);
    // A sanity bound on a shared test machine; the figure itself is bench/booking-intake.ts.
    expect(toldAfterMs).toBeLessThan(10_000);
    const second = await book({ destination: 'Vietnam and Laos' });
    const third = await book();
    expect([first.assignee_staff_id, second.assignee_staff_id, third.assignee_staff_id]).toEqual([anna.id, ben.id, anna.id]);
    await toldTo(ben, second.number);
    await toldTo(anna, third.number);

    const assigned = await sys.knex('booking_events').where({ booking_id: first.id, type: 'assignee_changed' }).first();
    expect(assigned).toMatchObject({ actor_type: 'system', data: { from: null, to: anna.id, rule: { name: 'Vietnam desk' } } });
    const card = await waitForMessageTo(h, salesGroup, (m) => m.type === 'flex' && String(m.altText).includes(first.number));
    expect(JSON.stringify(card.contents)).toContain('Anna');
    // Told once, however often the job runs.
    await until(async () => (await sys.knex('booking_events').where({ booking_id: first.id, type: 'staff_alerted' }).first()) ?? false);
    expect(sentTo(h, anna.lineUserId).filter((m) => m.type === 'text' && String(m.text).includes(first.number))).toHaveLength(1);
  });

  it('a booking no rule matches waits unassigned; a Thai booking goes to the least loaded of the Thai desk', async () => {
    const other = await book({ destination: 'Japan' });
    expect(other.assignee_staff_id).toBeNull();
    expect((await rule({ name: 'Thai desk', languages: ['th'], staffIds: [anna.id, chai.id], strategy: 'least_loaded' })).status).toBe(201);
    // Anna has open bookings from the Vietnam desk; Chai has none.
    const thai = await book({ destination: 'เชียงใหม่', language: 'th' });
    expect(thai.assignee_staff_id).toBe(chai.id);
    const told = await toldTo(chai, thai.number);
    expect(told.text).toBe(`${thai.number} ได้รับมอบหมายให้คุณค่ะ (ตามกฎ "Thai desk")`);
  });

  it('a manager turns a rule off and the next booking waits; support and the CEO may not change rules; bad rules are refused', async () => {
    const r = (await rule({ name: 'Cooking', services: ['thai_cooking_class'], staffIds: [ben.id] })).json;
    expect((await book({ destination: undefined, service: 'thai_cooking_class' })).assignee_staff_id).toBe(ben.id);

    expect((await api('PATCH', `/api/v1/booking-rules/${r.id}`, { isActive: false }, supportKey)).status).toBe(403);
    expect((await api('PATCH', `/api/v1/booking-rules/${r.id}`, { isActive: false }, ceoKey)).status).toBe(403);
    expect((await api('GET', '/api/v1/booking-rules', undefined, ceoKey)).status).toBe(200);
    expect((await sys.knex('booking_assignment_rules').where({ id: r.id }).first()).is_active).toBe(true);

    const off = await api('PATCH', `/api/v1/booking-rules/${r.id}`, { isActive: false }, managerKey);
    expect(off.json).toMatchObject({ id: r.id, isActive: false });
    expect((await book({ destination: undefined, service: 'thai_cooking_class' })).assignee_staff_id).toBeNull();
    expect(await sys.knex('audit_log').where({ action: 'booking_rule.updated', subject_id: r.id }).first()).toBeDefined();

    const before = await sys.knex('booking_assignment_rules').count({ n: '*' });
    expect((await rule({ name: 'Ghost', staffIds: [randomUUID()] })).status).toBe(422);
    expect((await rule({ name: 'Odd', strategy: 'lottery' })).status).toBe(422);
    expect((await rule({ name: '' })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/booking-rules/${randomUUID()}`, { isActive: false }, managerKey)).status).toBe(404);
    expect(await sys.knex('booking_assignment_rules').count({ n: '*' })).toEqual(before);
  });
});

/**
 * A one-day shift on the org's clock, starting `fromHours` from now (rounded down to the hour) and
 * lasting `hours`: on the weekday where it starts, crossing midnight when it runs past it.
 */
async function shiftFromNow(fromHours: number, hours: number): Promise<Record<string, [string, string][]>> {
  const { time_zone: timeZone } = await sys.knex('orgs').select('time_zone').where({ id: sys.defaultOrgId }).first();
  const start = new Date(Date.now() + fromHours * 3600_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(start).map((p) => [p.type, p.value]),
  );
  const h = Number(parts.hour);
  const hh = (n: number) => `${String(n % 24).padStart(2, '0')}:00`;
  return { [parts.weekday.toLowerCase()]: [[hh(h), hh(h + hours)]] };
}

const addStaff = async (displayName: string, workingHours?: unknown) => {
  const r = await api('POST', '/api/v1/staff', { displayName, role: 'support', ...(workingHours !== undefined ? { workingHours } : {}) });
  expect(r.status).toBe(201);
  return r.json.id as string;
};

describe('shifts', () => {
  it('round robin passes over whoever is off shift when the booking arrives, and takes them in turn once they are on', async () => {
    const dao = await addStaff('Dao', await shiftFromNow(-1, 4));
    const ek = await addStaff('Ek', await shiftFromNow(5, 1));
    const fon = await addStaff('Fon'); // no hours: always available
    const listed = (await api('GET', '/api/v1/staff')).json as { id: string; workingHours: unknown }[];
    expect(listed.find((s) => s.id === ek)!.workingHours).toEqual(await shiftFromNow(5, 1));
    expect(listed.find((s) => s.id === fon)!.workingHours).toBeNull();
    expect((await rule({ name: 'Cambodia desk', destinations: ['Cambodia'], staffIds: [dao, ek, fon], strategy: 'round_robin' })).status).toBe(201);

    const picks = [];
    for (let i = 0; i < 3; i++) picks.push((await book({ destination: 'Cambodia' })).assignee_staff_id);
    expect(picks).toEqual([dao, fon, dao]);

    // Ek's hours become round the clock: the turn after Dao is Ek's again.
    const changed = await api('PATCH', `/api/v1/staff/${ek}`, { workingHours: null });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ id: ek, role: 'support', workingHours: null });
    expect(await sys.knex('audit_log').where({ action: 'staff.working_hours_changed', subject_id: ek }).first()).toMatchObject({ details: { from: await shiftFromNow(5, 1), to: null } });
    expect([(await book({ destination: 'Cambodia' })).assignee_staff_id, (await book({ destination: 'Cambodia' })).assignee_staff_id]).toEqual([ek, fon]);
  });

  it('with nobody on shift, a booking goes to whoever starts next, says so on its timeline, and its follow-up clock runs', async () => {
    const gai = await addStaff('Gai', await shiftFromNow(3, 2));
    const hong = await addStaff('Hong', await shiftFromNow(6, 2));
    expect((await rule({ name: 'Laos desk', destinations: ['Laos'], staffIds: [hong, gai], strategy: 'least_loaded' })).status).toBe(201);

    const b = await book({ destination: 'Laos' });
    expect(b.assignee_staff_id).toBe(gai);
    const assigned = await sys.knex('booking_events').where({ booking_id: b.id, type: 'assignee_changed' }).first();
    const startsAt = new Date(assigned.data.shiftStartsAt);
    // Gai's shift starts on the hour, between two and three hours from now.
    expect(startsAt.getTime() % 3600_000).toBe(0);
    expect(startsAt.getTime() - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(startsAt.getTime() - Date.now()).toBeLessThanOrEqual(3 * 3600_000);
    expect(assigned.data).toMatchObject({ from: null, to: gai, rule: { name: 'Laos desk' } });
    // The first-contact clock runs from its arrival as for any booking: warned, then the managers told.
    expect(b.follow_up_clock).toBe('first_contact');
    expect(b.follow_up_due_at).not.toBeNull();
    expect(await sys.knex('outbox').where({ queue: 'booking-follow-up' }).whereRaw(`payload->>'bookingId' = ?`, [b.id])).toHaveLength(2);
  });

  it('refuses working hours the calendar cannot use with a 422 naming the field, and writes nothing', async () => {
    const ida = await addStaff('Ida', { mon: [['09:00', '18:00']] });
    const supportOnly = await api('PATCH', `/api/v1/staff/${ida}`, { workingHours: null }, supportKey);
    expect(supportOnly.status).toBe(403);
    const staffBefore = await sys.knex('staff').count({ n: '*' }).first();
    const auditBefore = await sys.knex('audit_log').where({ subject_id: ida }).count({ n: '*' }).first();

    const bad: [unknown, string][] = [
      [{ mon: [['09:00', '09:00']] }, 'workingHours'], // a period of no length
      [{ mon: [] }, 'workingHours'], // no period in the whole week
      [{ mon: [['9am', '18:00']] }, 'workingHours.mon.0.0'],
      [{ mon: [['09:00', '25:00']] }, 'workingHours.mon.0.1'],
      [{ funday: [['09:00', '18:00']] }, 'workingHours'],
      [[['09:00', '18:00']], 'workingHours'],
    ];
    for (const [workingHours, path] of bad) {
      const created = await api('POST', '/api/v1/staff', { displayName: 'Jan', role: 'support', workingHours });
      expect(created.status, JSON.stringify(workingHours)).toBe(422);
      expect(created.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
      const changed = await api('PATCH', `/api/v1/staff/${ida}`, { workingHours });
      expect(changed.status, JSON.stringify(workingHours)).toBe(422);
      expect(changed.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await api('PATCH', `/api/v1/staff/${ida}`, {})).status).toBe(422);

    expect(await sys.knex('staff').count({ n: '*' }).first()).toEqual(staffBefore);
    expect((await sys.knex('staff').where({ id: ida }).first()).working_hours).toEqual({ mon: [['09:00', '18:00']] });
    expect(await sys.knex('audit_log').where({ subject_id: ida }).count({ n: '*' }).first()).toEqual(auditBefore);
  });
});

describe('follow-up clocks', () => {
  it('runs the first-contact clock on the targets the manager set; moving to contacted starts the quote clock', async () => {
    expect((await api('PATCH', '/api/v1/booking-follow-up', { firstContactMinutes: 60, warnAtRatio: 0.5 }, supportKey)).status).toBe(403);
    expect((await api('PATCH', '/api/v1/booking-follow-up', { firstContactMinutes: 0 }, managerKey)).status).toBe(422);
    expect((await api('PATCH', '/api/v1/booking-follow-up', { firstContactMinutes: 60, warnAtRatio: 0.5 }, managerKey)).json).toEqual({ firstContactMinutes: 60, quoteMinutes: 1440, warnAtRatio: 0.5 });
    const b = await book({ destination: 'Japan' });
    const created = new Date(b.created_at).getTime();
    expect(b.follow_up_clock).toBe('first_contact');
    // The demo org keeps no business hours: the calendar is open around the clock, counted from the
    // booking's arrival truncated to its minute (the calendar counts whole minutes).
    const minute = Math.floor(created / 60_000) * 60_000;
    expect(new Date(b.follow_up_due_at).getTime()).toBe(minute + 60 * 60_000);
    expect(new Date(b.follow_up_warn_at).getTime()).toBe(minute + 30 * 60_000);
    expect(b.first_response_due_at).toEqual(b.follow_up_due_at);
    const timers = await sys.knex('outbox').where({ queue: 'booking-follow-up' }).whereRaw(`payload->>'bookingId' = ?`, [b.id]);
    expect(timers.map((t) => t.payload.moment).sort()).toEqual(['missed', 'warning']);

    const moved = await api('POST', `/api/v1/bookings/${b.number}/stage`, { to: 'contacted', expectedVersion: b.version }, supportKey);
    expect(moved.status).toBe(200);
    const after = await sys.knex('bookings').where({ id: b.id }).first();
    expect(after.follow_up_clock).toBe('quote');
    expect(new Date(after.follow_up_due_at).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
    // The first-contact timers find their clock stopped.
    const stale: FollowUpCheck = { bookingId: b.id, clock: 'first_contact', moment: 'missed', at: new Date(b.follow_up_due_at).toISOString() };
    expect(await sys.knex.transaction((trx) => fireFollowUpTimer(trx, stale, new Date(b.follow_up_due_at)))).toBe(false);
  });

  it('counts business minutes on the org calendar: a Saturday booking is due on Monday', async () => {
    await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ business_hours: JSON.stringify({ mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] }) });
    try {
      const b = await book({ destination: 'Japan' });
      // Saturday 2031-03-01 10:00 in Bangkok; 60 business minutes: Monday 10:00 (03:00 UTC).
      const due = await sys.knex.transaction((trx) => startFollowUpClock(trx, b.id, 'first_contact', new Date('2031-03-01T03:00:00Z')));
      expect(due!.dueAt.toISOString()).toBe('2031-03-03T03:00:00.000Z');
      expect(due!.warnAt.toISOString()).toBe('2031-03-03T02:30:00.000Z');
    } finally {
      await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ business_hours: null });
    }
  });

  it('a warning reaches the assignee 1:1 and a miss the managers\' group, each once; the sweep finds what a lost job missed', async () => {
    const b = await book(); // the Vietnam desk assigns it
    expect(b.assignee_staff_id).not.toBeNull();
    const assignee = [anna, ben].find((s) => s.id === b.assignee_staff_id)!;
    // The clock runs out in a moment: through the outbox's delayed jobs.
    const soon = { follow_up_warn_at: new Date(Date.now() + 300), follow_up_due_at: new Date(Date.now() + 600) };
    await sys.knex.transaction(async (trx) => {
      await trx('bookings').where({ id: b.id }).update(soon);
      await scheduleFollowUpTimers(trx, { id: b.id, org_id: b.org_id, follow_up_clock: 'first_contact', ...soon });
    });
    const warning = await waitForMessageTo(h, assignee.lineUserId, (m) => m.type === 'text' && String(m.text).startsWith(`${b.number}: the first contact is due by`));
    expect(warning).toBeDefined();
    const missed = await waitForMessageTo(h, managersGroup, (m) => m.type === 'text' && String(m.text).startsWith(`${b.number}: the first contact was due by`));
    expect(missed.text).toContain(`Assignee: ${assignee.displayName}.`);
    const events = await sys.knex('booking_events').where({ booking_id: b.id }).whereIn('type', ['follow_up_warning', 'follow_up_missed']).orderBy('id');
    expect(events.map((e) => [e.type, e.data.clock])).toEqual([
      ['follow_up_warning', 'first_contact'],
      ['follow_up_missed', 'first_contact'],
    ]);
    // Again, by the timer or the sweep: nothing more.
    const again: FollowUpCheck = { bookingId: b.id, clock: 'first_contact', moment: 'missed', at: soon.follow_up_due_at.toISOString() };
    expect(await sys.knex.transaction((trx) => fireFollowUpTimer(trx, again, new Date()))).toBe(false);
    expect((await dueFollowUpChecks(sys.knex, new Date())).filter((c) => c.bookingId === b.id)).toEqual([]);

    // A booking whose timers were lost: the sweep finds it.
    const lost = await book({ destination: 'Japan' });
    const past = { follow_up_warn_at: new Date(Date.now() - 2000), follow_up_due_at: new Date(Date.now() - 1000) };
    await sys.knex('bookings').where({ id: lost.id }).update(past);
    const due = (await dueFollowUpChecks(sys.knex, new Date())).filter((c) => c.bookingId === lost.id);
    expect(due.map((c) => c.moment).sort()).toEqual(['missed', 'warning']);
    for (const c of due) expect(await sys.knex.transaction((trx) => fireFollowUpTimer(trx, c, new Date()))).toBe(true);
    // Unassigned: the warning goes to the sales group.
    await waitForMessageTo(h, salesGroup, (m) => m.type === 'text' && String(m.text).startsWith(`${lost.number}: the first contact is due by`));
  });
});
