import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * Services booked in slots with parallel resources (docs/bookings.md, "Slots"): a massage of 90
 * minutes with three therapists; each slot offers three minus the bookings overlapping it, counted
 * in the booking's transaction (a locked counter per grid cell); a slot running past closing time
 * is refused; a slot at 23:30 in Bangkok is listed on its own day. Runs on PostgreSQL too.
 */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const ZONE = 'Asia/Bangkok';
const EVERY_DAY = (periods: [string, string][]) => Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, periods]));

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: ZONE, holidays: JSON.stringify([]) });
});
afterAll(() => sys?.stopAll());

const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
let services = 0;
async function slotService(o: { minutes: number; hours: [string, string][]; resources: number }): Promise<string> {
  services += 1;
  const key = `massage_${services}`;
  const made = await api('POST', '/api/v1/services', { key, name: { th: `นวดไทย ${services}`, en: `Thai massage ${services}` }, durationMinutes: o.minutes, capacity: 4, hours: EVERY_DAY(o.hours) });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const rule = await api('PUT', `/api/v1/services/${key}/slot-rule`, { resources: o.resources, stepMinutes: 30 });
  expect(rule.status, JSON.stringify(rule.json)).toBe(200);
  expect(rule.json).toEqual({ service: key, resources: o.resources, stepMinutes: 30, durationMinutes: o.minutes });
  return key;
}
let people = 0;
const staffBooking = (service: string, date: string, time: string, travelers = 1) => {
  people += 1;
  return api('POST', '/api/v1/bookings', { service, start_date: date, time, travelers, name: `Guest ${people}`, email: `slot${people}.${randomUUID().slice(0, 6)}@example.com`, language: 'en' });
};
const slotsOf = async (service: string, date: string) => (await fetch(`${sys.url}/public/v1/services/${service}/slots?date=${date}`)).json();
const freeAt = async (service: string, date: string) => Object.fromEntries(((await slotsOf(service, date)).items as { time: string; free: number }[]).map((i) => [i.time, i.free]));

describe('three therapists', () => {
  it('ten bookings at once for one slot: three booked, seven told it is full; an overlapping slot is full too, the next one free', async () => {
    const service = await slotService({ minutes: 90, hours: [['10:00', '22:00']], resources: 3 });
    const day = inDays(3);
    const before = await freeAt(service, day);
    expect(Object.keys(before)[0]).toBe('10:00');
    expect(Object.keys(before).at(-1)).toBe('20:30');
    expect(before['14:00']).toBe(3);
    const answers = await Promise.all(Array.from({ length: 10 }, () => staffBooking(service, day, '14:00')));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.json.error).toMatchObject({ code: 'slot_full', message: 'The 14:00 slot is fully booked', details: { date: day, time: '14:00', resources: 3, free: 0, asked: 1 } });
    expect(await sys.knex('bookings as b').join('services as s', 's.id', 'b.service_id').where('s.key', service)).toHaveLength(3);
    // 14:30 runs into 14:00's bookings; 12:30 ends as they start; 15:30 starts as they end.
    const after = await freeAt(service, day);
    expect([after['12:30'], after['13:00'], after['14:30'], after['15:00'], after['15:30']]).toEqual([3, 0, 0, 0, 3]);
    expect((await staffBooking(service, day, '14:30')).json.error.code).toBe('slot_full');
    expect((await staffBooking(service, day, '15:30')).status).toBe(201);
    // A party of two where one is free: said so.
    expect((await staffBooking(service, day, '16:00', 2)).status).toBe(201);
    const two = await staffBooking(service, day, '16:00', 2);
    expect(two.json.error).toMatchObject({ code: 'slot_full', details: { free: 0 } });
    const pair = await staffBooking(service, day, '18:30', 2);
    expect(pair.status).toBe(201);
    const big = await staffBooking(service, day, '18:30', 2);
    expect(big.json.error).toMatchObject({ code: 'slot_full', message: 'The 18:30 slot has 1 free, fewer than the 2 asked for', details: { free: 1, asked: 2 } });

    // A cancelled booking gives its therapist back.
    const one = answers.find((a) => a.status === 201)!.json.number;
    const b = await sys.knex('bookings').where({ number: one }).first('version');
    expect((await api('POST', `/api/v1/bookings/${one}/stage`, { to: 'cancelled', expectedVersion: b.version, reason: 'ill' })).status).toBe(200);
    expect((await freeAt(service, day))['14:00']).toBe(1);
    expect((await staffBooking(service, day, '14:00')).status).toBe(201);
    // The resources cannot go below what overlaps already.
    const fewer = await api('PUT', `/api/v1/services/${service}/slot-rule`, { resources: 2, stepMinutes: 30 });
    expect(fewer.status).toBe(409);
    expect(fewer.json.error.details).toMatchObject({ reason: 'resources_taken', taken: 3 });
  });

  it('a slot running past closing time, one off the grid and one in the past are refused, nothing written', async () => {
    const service = await slotService({ minutes: 90, hours: [['10:00', '22:00']], resources: 3 });
    const day = inDays(4);
    const count = async () => Number((await sys.knex('bookings').count({ n: '*' }).first())!.n);
    const n = await count();
    const late = await staffBooking(service, day, '21:00');
    expect(late.status).toBe(422);
    expect(late.json.error.details).toEqual([expect.objectContaining({ path: 'time', reason: 'outside_hours', message: expect.stringContaining('would run past closing time') })]);
    expect((await freeAt(service, day))['21:00']).toBeUndefined();
    const off = await staffBooking(service, day, '14:10');
    expect(off.json.error.details).toEqual([expect.objectContaining({ path: 'time', reason: 'off_grid' })]);
    // Yesterday's first slot: today's 10:00 is still ahead before ten in the morning in Bangkok.
    const past = await staffBooking(service, inDays(-1), '10:00');
    expect([422]).toContain(past.status);
    expect(await count()).toBe(n);
    expect(await sys.knex('service_slot_usage').whereIn('service_id', sys.knex('services').select('id').where({ key: service }))).toEqual([]);
  });

  it('the website form: a full slot is refused when the form is sent, a slot past closing too; a free one is booked holding it', async () => {
    const service = await slotService({ minutes: 60, hours: [['10:00', '20:00']], resources: 1 });
    const day = inDays(5);
    const send = (time: string) =>
      fetch(`${sys.url}/public/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ service, start_date: day, time, name: 'Web guest', email: `web.${randomUUID().slice(0, 6)}@example.com`, language: 'en' }),
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const first = await send('11:00');
    expect(first.status).toBe(201);
    const booked = await formBooked(sys.knex, first.json.booking_id);
    expect(booked.slot_units).toBe(1);
    const second = await send('11:00');
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ code: 'slot_full', details: { free: 0 } });
    const closing = await send('19:30');
    expect(closing.status).toBe(422);
    expect(closing.json.error.details).toEqual([expect.objectContaining({ path: 'time', reason: 'not_a_slot' })]);
    await until(async () => (await sys.knex('booking_intakes').whereNull('booked_at')).length === 0);
  });
});

describe('the time zone', () => {
  it('a slot at 23:30 in Bangkok is listed on its own day, and the one at 00:00 on the next; booked on its day', async () => {
    const service = await slotService({ minutes: 30, hours: [['20:00', '00:30']], resources: 2 });
    const day = inDays(6);
    const next = inDays(7);
    const today = (await slotsOf(service, day)).items as { time: string; startsAt: string }[];
    expect(today.find((i) => i.time === '23:30')).toMatchObject({ startsAt: `${day}T16:30:00.000Z` });
    // Its 00:00 is the one that opens the day, the night before's period running into it.
    expect(today[0]).toMatchObject({ time: '00:00', startsAt: `${inDays(5)}T17:00:00.000Z` });
    const tomorrow = (await slotsOf(service, next)).items as { time: string; startsAt: string }[];
    expect(tomorrow[0]).toMatchObject({ time: '00:00', startsAt: `${day}T17:00:00.000Z` });
    const r = await staffBooking(service, day, '23:30');
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const b = await sys.knex('bookings').where({ number: r.json.number }).first('requested_date', 'slot_starts_at', 'slot_ends_at');
    expect(b.requested_date).toBe(day);
    expect(new Date(b.slot_starts_at).toISOString()).toBe(`${day}T16:30:00.000Z`);
    expect(new Date(b.slot_ends_at).toISOString()).toBe(`${day}T17:00:00.000Z`);
    expect((await freeAt(service, day))['23:30']).toBe(1);
  });
});
