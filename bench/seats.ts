import { randomUUID } from 'node:crypto';
import { createStaffBooking } from '../core/bookings/staff-booking.ts';
import { localMoment } from '../core/time/org-time.ts';
import { startTestSystem, type TestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, serverReachable, table } from './stats.ts';

/**
 * Seats (docs/bookings.md, "Sessions and seats"), two figures:
 *
 * 1. 200 bookings at once for one session (the staff door, `createStaffBooking`, in-process), and
 *    for one slot of a service booked in slots with 200 resources, against the same 200 bookings
 *    with no session (the same inserts without the seat check), in the same run, alternated five
 *    times: bookings per second and the ratios. Then 200 at once for a session of 150 seats, and
 *    for a slot with 150 resources: exactly 150 booked each (no oversell).
 * 2. Availability for a month of one service with 10 sessions a day (300 sessions, among 50
 *    services scheduled alike: 15,000 sessions), read as the booking form reads it
 *    (`GET /public/v1/services/:key/availability` over HTTP), one request at a time: p50 and p95.
 *
 * On the PostgreSQL server when one is reachable (TEST_DATABASE_URL), else on the embedded one.
 */
const CONCURRENT = 200;
const ROUNDS = 5;
const READS = 300;
/** Reads of the catalog feed: each lists every service with its next sessions, so fewer. */
const FEED_READS = 100;
const SERVICES = 50;

const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function serviceNamed(sys: TestSystem, key: string): Promise<string> {
  const [row] = await sys.knex('services').insert({ org_id: sys.defaultOrgId, key, name_th: key, name_en: key, duration_minutes: 60, capacity: 20 }).returning('id');
  return row.id;
}

async function sessionOf(sys: TestSystem, serviceId: string, capacity: number): Promise<string> {
  const at = new Date(Date.now() + 7 * 86_400_000 + Math.floor(Math.random() * 1e9));
  const [row] = await sys.knex('service_sessions').insert({ org_id: sys.defaultOrgId, service_id: serviceId, starts_at: at, ends_at: new Date(at.getTime() + 3_600_000), capacity }).returning('id');
  return row.id;
}

/** Refusals a burst expects: the seat or the slot was gone. */
const FULL = ['session_full', 'slot_full'];

/**
 * 200 staff bookings at once; with a session, each takes a seat of it; with a slot (a date and a
 * time of a service booked in slots), a resource over each of its cells. Bookings per second and
 * how many were refused.
 */
async function burst(sys: TestSystem, service: string, at: { sessionId?: string; slot?: { date: string; time: string } } = {}): Promise<{ perSecond: number; booked: number; full: number }> {
  const run = randomUUID().slice(0, 8);
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CONCURRENT }, (_, i) =>
      createStaffBooking(sys.knex, {
        orgId: sys.defaultOrgId,
        actor: { type: 'api_key', id: 'bench' },
        form: {
          service,
          ...(at.sessionId ? { session_id: at.sessionId } : {}),
          ...(at.slot ? { start_date: at.slot.date, time: at.slot.time } : {}),
          name: `Guest ${i}`,
          email: `g${i}.${run}@example.com`,
          language: 'en',
          source: 'api',
        },
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const booked = results.filter((r) => r.status === 'fulfilled').length;
  const full = results.filter((r) => r.status === 'rejected' && FULL.includes((r.reason as { code?: string }).code ?? '')).length;
  const other = results.find((r) => r.status === 'rejected' && !FULL.includes((r.reason as { code?: string }).code ?? ''));
  if (other) throw (other as PromiseRejectedResult).reason;
  return { perSecond: booked / seconds, booked, full };
}

/** A service booked in slots: 60 minutes on a 30-minute grid (two cells a booking), open 06:00-22:00 every day. */
async function slotService(sys: TestSystem, key: string, resources: number): Promise<string> {
  const day = [['06:00', '22:00']];
  const [row] = await sys.knex('services')
    .insert({ org_id: sys.defaultOrgId, key, name_th: key, name_en: key, duration_minutes: 60, capacity: 20, hours: JSON.stringify({ sun: day, mon: day, tue: day, wed: day, thu: day, fri: day, sat: day }) })
    .returning('id');
  await sys.knex('service_slot_rules').insert({ service_id: row.id, org_id: sys.defaultOrgId, resources, step_minutes: 30 });
  return row.id;
}

async function bookingBursts(sys: TestSystem): Promise<string> {
  const service = 'bench_class';
  const serviceId = await serviceNamed(sys, service);
  // The baseline books a service of its own: one with sessions is booked by them (a booking must name one).
  const plain = 'bench_plain';
  await serviceNamed(sys, plain);
  const slotted = 'bench_spa';
  await slotService(sys, slotted, CONCURRENT);
  const zone = (await sys.knex('orgs').where({ id: sys.defaultOrgId }).first('time_zone')).time_zone;
  const today = localMoment(zone).date;
  const withSeats: number[] = [];
  const withSlots: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    without.push((await burst(sys, plain)).perSecond);
    withSeats.push((await burst(sys, service, { sessionId: await sessionOf(sys, serviceId, CONCURRENT) })).perSecond);
    withSlots.push((await burst(sys, slotted, { slot: { date: addDays(today, 10 + round), time: '10:00' } })).perSecond);
  }
  const small = await sessionOf(sys, serviceId, 150);
  const over = await burst(sys, service, { sessionId: small });
  const held = await sys.knex('service_sessions').where({ id: small }).first('seats_taken');
  const onIt = Number((await sys.knex('bookings').where({ session_id: small }).count({ n: '*' }))[0].n);
  const smallSpa = 'bench_spa_150';
  const smallSpaId = await slotService(sys, smallSpa, 150);
  const slotOver = await burst(sys, smallSpa, { slot: { date: addDays(today, 20), time: '10:00' } });
  const cells = await sys.knex('service_slot_usage').where({ service_id: smallSpaId }).orderBy('starts_at').pluck('taken');
  const ratio = (x: number[]) => `${fmt(median(x) / median(without), 2)}x (goal ≥ 0.5x)`;
  return [
    table(
      ['200 bookings at once', 'bookings/s (median of 5)', 'runs', 'against the baseline'],
      [
        ['without a session (baseline: the same inserts, no seat check)', fmt(median(without)), without.map((x) => fmt(x)).join(', '), '1.00x'],
        ['for one session of 200 seats (seat check)', fmt(median(withSeats)), withSeats.map((x) => fmt(x)).join(', '), ratio(withSeats)],
        ['for one slot of a service with 200 resources (two cells each)', fmt(median(withSlots)), withSlots.map((x) => fmt(x)).join(', '), ratio(withSlots)],
      ],
    ),
    '',
    `200 at once for a session of 150 seats: ${over.booked} booked, ${over.full} told it is full, ${onIt} bookings on the session, seats_taken ${held.seats_taken}: ${over.booked === 150 && onIt === 150 && held.seats_taken === 150 ? 'no oversell' : 'OVERSOLD'}.`,
    `200 at once for a slot with 150 resources: ${slotOver.booked} booked, ${slotOver.full} told it is full, cells taken ${cells.join(' and ')}: ${slotOver.booked === 150 && cells.every((c) => c === 150) ? 'no oversell' : 'OVERSOLD'}.`,
  ].join('\n');
}

async function availabilityReads(sys: TestSystem): Promise<string> {
  const zone = (await sys.knex('orgs').where({ id: sys.defaultOrgId }).first('time_zone')).time_zone;
  const today = localMoment(zone).date;
  const keys: string[] = [];
  for (let s = 0; s < SERVICES; s++) {
    const key = `bench_month_${s}`;
    keys.push(key);
    const id = await serviceNamed(sys, key);
    // 10 sessions a day, 08:00 to 17:00, for 30 days; some full, some with few seats left.
    await sys.knex.raw(
      `INSERT INTO service_sessions (org_id, service_id, starts_at, ends_at, capacity, seats_taken)
       SELECT ?, ?, ((?::date + d)::timestamp + make_interval(hours => 8 + h)) AT TIME ZONE ?,
              ((?::date + d)::timestamp + make_interval(hours => 9 + h)) AT TIME ZONE ?, 12, (d * 7 + h * 3) % 13
         FROM generate_series(1, 30) d, generate_series(0, 9) h`,
      [sys.defaultOrgId, id, today, zone, today, zone],
    );
  }
  await sys.knex.raw('ANALYZE service_sessions');
  const url = (key: string) => `${sys.url}/public/v1/services/${key}/availability?from=${addDays(today, 1)}&to=${addDays(today, 30)}`;
  // Warm-up: the first requests compile the route and fill the org cache.
  for (let i = 0; i < 20; i++) await fetch(url(keys[i % SERVICES])).then((r) => r.text());
  const ms: number[] = [];
  let offered = 0;
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    const body = await fetch(url(keys[i % SERVICES])).then((r) => r.json());
    ms.push(performance.now() - started);
    offered = body.items.length;
  }
  // The catalog feed over the same sessions: every service with its next five with room.
  const feedUrl = `${sys.url}/public/v1/services?limit=100`;
  for (let i = 0; i < 5; i++) await fetch(feedUrl).then((r) => r.text());
  const feedMs: number[] = [];
  let listed = 0;
  for (let i = 0; i < FEED_READS; i++) {
    const started = performance.now();
    const body = await fetch(feedUrl).then((r) => r.json());
    feedMs.push(performance.now() - started);
    listed = body.items.reduce((n: number, s: { nextSessions: unknown[] }) => n + s.nextSessions.length, 0);
  }
  return table(
    ['availability for a month (10 sessions a day, 300 per service, 15,000 in all)', 'reads', 'sessions offered', 'p50 ms', 'p95 ms', 'goal'],
    [
      ['GET /public/v1/services/:key/availability, one at a time over HTTP', READS, offered, fmt(percentile(ms, 50), 1), fmt(percentile(ms, 95), 1), 'p95 < 50 ms'],
      ['GET /public/v1/services (every service, its next five with room), one at a time', FEED_READS, listed, fmt(percentile(feedMs, 50), 1), fmt(percentile(feedMs, 95), 1), 'p95 < 100 ms'],
    ],
  );
}

export async function benchSeats(): Promise<string> {
  const onServer = await serverReachable();
  if (onServer) process.env.TEST_DATABASE_URL = BENCH_SERVER_URL;
  const sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off', RATE_LIMIT_PUBLIC: 'off' } });
  try {
    return [
      `## Seats (${onServer ? `PostgreSQL server ${BENCH_SERVER_URL.replace(/\/\/[^@]*@/, '//')}` : 'embedded database'})`,
      '',
      await bookingBursts(sys),
      '',
      await availabilityReads(sys),
    ].join('\n');
  } finally {
    await sys.stopAll();
  }
}
