import { randomUUID } from 'node:crypto';
import { createStaffBooking } from '../core/bookings/staff-booking.ts';
import { localMoment } from '../core/time/org-time.ts';
import { startTestSystem, type TestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, serverReachable, table } from './stats.ts';

/**
 * Seats (docs/bookings.md, "Sessions and seats"), two figures:
 *
 * 1. 200 bookings at once for one session (the staff door, `createStaffBooking`, in-process),
 *    against the same 200 bookings with no session (the same inserts without the seat check), in
 *    the same run, alternated five times: bookings per second and the ratio. Then 200 at once for
 *    a session of 150 seats: exactly 150 booked and `seats_taken` 150 (no oversell).
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

/** 200 staff bookings at once; with a session, each takes a seat of it. Bookings per second and how many were refused. */
async function burst(sys: TestSystem, service: string, sessionId?: string): Promise<{ perSecond: number; booked: number; full: number }> {
  const run = randomUUID().slice(0, 8);
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CONCURRENT }, (_, i) =>
      createStaffBooking(sys.knex, {
        orgId: sys.defaultOrgId,
        actor: { type: 'api_key', id: 'bench' },
        form: { service, ...(sessionId ? { session_id: sessionId } : {}), name: `Guest ${i}`, email: `g${i}.${run}@example.com`, language: 'en', source: 'api' },
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const booked = results.filter((r) => r.status === 'fulfilled').length;
  const full = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'session_full').length;
  const other = results.find((r) => r.status === 'rejected' && (r.reason as { code?: string }).code !== 'session_full');
  if (other) throw (other as PromiseRejectedResult).reason;
  return { perSecond: booked / seconds, booked, full };
}

async function bookingBursts(sys: TestSystem): Promise<string> {
  const service = 'bench_class';
  const serviceId = await serviceNamed(sys, service);
  const withSeats: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    without.push((await burst(sys, service)).perSecond);
    withSeats.push((await burst(sys, service, await sessionOf(sys, serviceId, CONCURRENT))).perSecond);
  }
  const small = await sessionOf(sys, serviceId, 150);
  const over = await burst(sys, service, small);
  const held = await sys.knex('service_sessions').where({ id: small }).first('seats_taken');
  const onIt = Number((await sys.knex('bookings').where({ session_id: small }).count({ n: '*' }))[0].n);
  const ratio = median(withSeats) / median(without);
  return [
    table(
      ['200 bookings at once', 'bookings/s (median of 5)', 'runs', 'against the baseline'],
      [
        ['without a session (baseline: the same inserts, no seat check)', fmt(median(without)), without.map((x) => fmt(x)).join(', '), '1.00x'],
        ['for one session of 200 seats (seat check)', fmt(median(withSeats)), withSeats.map((x) => fmt(x)).join(', '), `${fmt(ratio, 2)}x (goal ≥ 0.5x)`],
      ],
    ),
    '',
    `200 at once for a session of 150 seats: ${over.booked} booked, ${over.full} told it is full, ${onIt} bookings on the session, seats_taken ${held.seats_taken}: ${over.booked === 150 && onIt === 150 && held.seats_taken === 150 ? 'no oversell' : 'OVERSOLD'}.`,
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
