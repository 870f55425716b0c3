import { startServerProcess, stopServerProcess } from './server-process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi } from '../dev/fakes/line-api.ts';
import { freePort } from '../test/support/free-port.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, table } from './stats.ts';

/**
 * Website intake on real PostgreSQL and Redis: `POST /public/v1/bookings` at 50 connections with
 * unique Idempotency-Keys, and with 10 % of requests repeating an earlier key (the same form: a
 * replay), beside the durable floor in the same run (bench/intake-floor-server.ts: a bare Koa
 * route doing one INSERT ... ON CONFLICT per request), with the product deployed as `npm start` runs
 * it and as one process per role (see benchBookingIntake). Then, at a steady pace, the time from
 * the form stored to the assignee told: the 1:1 LINE push to the staff member the org's rule gave
 * the booking, accepted by the (fake) LINE API, read from the outbox row that sent it.
 */
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOLD_FORMS = Number(process.env.BENCH_TOLD_FORMS ?? 100);
/** How long the workers' booking of a backlog is watched. */
const BOOK_RATE_SECONDS = Number(process.env.BENCH_BOOK_RATE_SECONDS ?? 60);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef-xyz';
const SECRET = 'bench-line-channel-secret';

const form = (key: string) =>
  JSON.stringify({
    destination: 'Northern Vietnam',
    style: 'Adventure',
    month: `${new Date().getUTCFullYear() + 1}-03`,
    travelers: 2,
    budget: '60,000-80,000 THB',
    name: `Guest ${key.slice(0, 6)}`,
    email: `${key}@example.com`,
    phone: `+6681${String(parseInt(key.slice(0, 7), 16) % 10_000_000).padStart(7, '0')}`,
    language: 'en',
    notes: 'Bench form',
    utm_source: 'google',
    utm_campaign: 'bench',
  });

/** Unique keys, or (repeatShare > 0) that share of requests replaying one of the keys sent before. */
function load(url: string, repeatShare: number): Promise<autocannon.Result> {
  const sent: string[] = [];
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              n++;
              const repeat = repeatShare > 0 && sent.length > 0 && n % Math.round(1 / repeatShare) === 0;
              const key = repeat ? sent[Math.floor(Math.random() * sent.length)] : randomBytes(12).toString('hex');
              if (!repeat) sent.push(key);
              return { ...req, body: form(key), headers: { 'content-type': 'application/json', 'idempotency-key': key } };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** A database of its own for one measurement, dropped at the end. */
async function withDatabase<T>(admin: pg.Client, work: (url: string) => Promise<T>): Promise<T> {
  const name = `opsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(BENCH_SERVER_URL);
  dbUrl.pathname = `/${name}`;
  try {
    return await work(dbUrl.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** The product's environment for a bench database: its own Redis key prefix, the fake LINE API, the per-address limits off. */
function productEnv(dbUrl: string, lineUrl: string, redisUrl: string): Record<string, string> {
  const name = new URL(dbUrl).pathname.slice(1);
  return {
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    ADMIN_API_KEY: ADMIN_KEY,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: lineUrl,
    LINE_DATA_API_BASE_URL: lineUrl,
    OUTBOUND_ALLOW_NETWORKS: '127.0.0.0/8',
    DEV_SIMULATOR: 'off',
    LOG_LEVEL: 'warn',
    DATA_DIR: `/tmp/${name}`,
    // All the load comes from one address: the per-address limit of public endpoints would refuse it.
    RATE_LIMIT_PUBLIC: 'off',
    RATE_LIMIT_API: 'off',
    // Jobs of this run only: see bench/booking-bench-server.ts.
    BENCH_QUEUE_PREFIX: `bench-${name}`,
  };
}

/** The workers alone in their process (they serve no HTTP): started once the api has migrated the database. */
function startWorkersProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['bench/booking-bench-server.ts'], { cwd: fileURLToPath(new URL('..', import.meta.url)), env: { PATH: process.env.PATH ?? '', ...env, BENCH_ROLES: 'workers' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Website intake, two ways the product is deployed: `npm start` (api and workers in one process),
 * and one process per role (`--role=api`, `--role=workers`), where the api's event loop is its own.
 * The second then measures the workers: how fast they book the load's backlog, and, once it is
 * booked, the time from a form stored to its assignee told.
 */
export async function benchBookingIntake(runs = Number(process.env.BENCH_RUNS ?? 1)): Promise<string> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  try {
    await admin.connect();
  } catch {
    return '### Website intake\n\nSkipped: no PostgreSQL at TEST_DATABASE_URL (this figure is about a real server).';
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
  // Its jobs are under a prefix of their own per run (BENCH_QUEUE_PREFIX), so any Redis database will do.
  const s = {
    floorRps: [] as number[],
    floorP99: [] as number[],
    oneRps: [] as number[],
    oneP99: [] as number[],
    oneRpsRep: [] as number[],
    oneP99Rep: [] as number[],
    rps: [] as number[],
    p99: [] as number[],
    rpsRep: [] as number[],
    p99Rep: [] as number[],
    besideRps: [] as number[],
    besideP99: [] as number[],
    stored: [] as number[],
    non2xx: [] as number[],
    bookRate: [] as number[],
    told50: [] as number[],
    told95: [] as number[],
    toldN: [] as number[],
  };
  const children: ChildProcess[] = [];
  const line = await startFakeLineApi();
  try {
    for (let r = 0; r < runs; r++) {
      await withDatabase(admin, async (dbUrl) => {
        const floorPort = await freePort();
        const floor = await startServerProcess(['bench/intake-floor-server.ts'], { DATABASE_URL: dbUrl }, floorPort);
        children.push(floor);
        const base = await load(`http://127.0.0.1:${floorPort}/public/v1/bookings`, 0);
        await stopServerProcess(floor);
        s.floorRps.push(base.requests.average);
        s.floorP99.push(base.latency.p99);
      });

      // `npm start`: api and workers in one process.
      await withDatabase(admin, async (dbUrl) => {
        const port = await freePort();
        const server = await startServerProcess(['bench/booking-bench-server.ts'], productEnv(dbUrl, line.url, redisUrl), port);
        children.push(server);
        const url = `http://127.0.0.1:${port}/public/v1/bookings`;
        const unique = await load(url, 0);
        const repeated = await load(url, 0.1);
        await stopServerProcess(server);
        s.oneRps.push(unique.requests.average);
        s.oneP99.push(unique.latency.p99);
        s.oneRpsRep.push(repeated.requests.average);
        s.oneP99Rep.push(repeated.latency.p99);
        s.non2xx.push(unique.non2xx + unique.errors + repeated.non2xx + repeated.errors);
      });

      // One process per role. First the api alone: its forms wait, as they would while the workers
      // run on other cores (this machine has two, which the workers' booking would otherwise share).
      // Then a workers process starts on that backlog: how fast it books.
      await withDatabase(admin, async (dbUrl) => {
        const env = productEnv(dbUrl, line.url, redisUrl);
        const port = await freePort();
        const server = await startServerProcess(['bench/booking-bench-server.ts'], { ...env, BENCH_ROLES: 'api' }, port);
        children.push(server);
        const url = `http://127.0.0.1:${port}/public/v1/bookings`;
        const unique = await load(url, 0);
        const repeated = await load(url, 0.1);
        s.rps.push(unique.requests.average);
        s.p99.push(unique.latency.p99);
        s.rpsRep.push(repeated.requests.average);
        s.p99Rep.push(repeated.latency.p99);
        s.non2xx.push(unique.non2xx + unique.errors + repeated.non2xx + repeated.errors);
        const workers = startWorkersProcess(env);
        children.push(workers);
        const db = new pg.Client({ connectionString: dbUrl });
        db.on('error', () => undefined);
        await db.connect();
        try {
          s.stored.push((await db.query(`SELECT count(*)::int AS n FROM booking_intakes`)).rows[0].n);
          s.bookRate.push(await bookingRate(db));
        } finally {
          await db.end();
          await stopServerProcess(workers);
          await stopServerProcess(server);
        }
      });

      // The api and a workers process side by side, on a fresh database (no backlog): the time to
      // the assignee told, then the load again while the workers book it on the same two cores.
      await withDatabase(admin, async (dbUrl) => {
        const env = productEnv(dbUrl, line.url, redisUrl);
        const port = await freePort();
        const server = await startServerProcess(['bench/booking-bench-server.ts'], { ...env, BENCH_ROLES: 'api' }, port);
        children.push(server);
        const workers = startWorkersProcess(env);
        children.push(workers);
        const url = `http://127.0.0.1:${port}/public/v1/bookings`;
        const db = new pg.Client({ connectionString: dbUrl });
        db.on('error', () => undefined);
        await db.connect();
        try {
          const told = await tellAssignee(db, port, url);
          s.told50.push(median(told));
          s.told95.push(percentile(told, 95));
          s.toldN.push(told.length);
          const beside = await load(url, 0);
          s.besideRps.push(beside.requests.average);
          s.besideP99.push(beside.latency.p99);
          s.non2xx.push(beside.non2xx + beside.errors);
        } finally {
          await db.end();
          await stopServerProcess(workers);
          await stopServerProcess(server);
        }
      });
    }
  } finally {
    // A failed run leaves no server behind.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await stopServerProcess(child);
    await line.close();
    await admin.end();
  }
  const floor = median(s.floorRps);
  const row = (what: string, rps: number[], p99: number[]) => [what, fmt(median(rps)), fmt(median(p99), 1), fmt(median(rps) / floor, 2)];
  return (
    `### Website intake (PostgreSQL server + Redis, ${CONNECTIONS} connections, ${SECONDS} s each, ${runs} run${runs > 1 ? 's' : ''}, medians)\n\n` +
    table(
      ['what', 'requests/s', 'p99 ms', 'x floor'],
      [
        ['durable floor: bare Koa route, one INSERT ... ON CONFLICT', fmt(floor), fmt(median(s.floorP99), 1), '1.00'],
        row('POST /public/v1/bookings, unique keys: api process of its own (--role=api), workers not on these cores', s.rps, s.p99),
        row('POST /public/v1/bookings, 10 % repeated keys: api process of its own, workers not on these cores', s.rpsRep, s.p99Rep),
        row('POST /public/v1/bookings, unique keys: api process and workers process sharing these 2 cores', s.besideRps, s.besideP99),
        row('POST /public/v1/bookings, unique keys: npm start (api and workers in one process)', s.oneRps, s.oneP99),
        row('POST /public/v1/bookings, 10 % repeated keys: npm start', s.oneRpsRep, s.oneP99Rep),
      ],
    ) +
    `\n\nForms stored by the api of its own: ${Math.max(...s.stored)}; non-2xx answers: ${Math.max(...s.non2xx)}; a workers process started on that backlog booked ${s.bookRate.map((x) => fmt(x, 0)).join(', ')} forms/s over ${BOOK_RATE_SECONDS} s (the api had answered them all already).\n\n` +
    table(
      ['from the form stored to the assignee told (1:1 LINE push accepted)', 'median ms', 'p95 ms', 'forms'],
      [[`${TOLD_FORMS} forms, one every 100 ms, a rule giving each to one staff member`, fmt(median(s.told50)), fmt(median(s.told95)), String(Math.min(...s.toldN))]],
    )
  );
}

/** Bookings the workers make per second from a backlog, over BOOK_RATE_SECONDS. */
async function bookingRate(db: pg.Client): Promise<number> {
  const booked = async () => (await db.query(`SELECT count(*)::int AS n FROM booking_intakes WHERE booked_at IS NOT NULL`)).rows[0].n as number;
  // The workers' process takes a few seconds to start: count from its first booking.
  const started = Date.now();
  while ((await booked()) === 0) {
    if (Date.now() - started > 60_000) throw new Error('The workers booked nothing within 60 s of starting');
    await new Promise((res) => setTimeout(res, 200));
  }
  const from = await booked();
  await new Promise((res) => setTimeout(res, BOOK_RATE_SECONDS * 1000));
  return ((await booked()) - from) / BOOK_RATE_SECONDS;
}

/**
 * Forms sent at a steady pace with a rule giving each to one staff member: per form, the time from
 * its storing to its assignee's 1:1 push accepted by the (fake) LINE API.
 */
async function tellAssignee(db: pg.Client, port: number, url: string): Promise<number[]> {
  // The assignee told: a staff member enrolled in LINE and a rule giving them every booking.
  const staffLine = lineId('U');
  const { rows: org } = await db.query('SELECT id FROM orgs WHERE is_default');
  // Enrolled on the org's LINE channel: a staff member is told 1:1 only on the channel they enrolled on.
  const { rows: lineChannel } = await db.query(`SELECT id FROM channels WHERE org_id = $1 AND kind = 'line' AND is_active ORDER BY created_at LIMIT 1`, [org[0].id]);
  const { rows: staff } = await db.query(
    `INSERT INTO staff (org_id, display_name, role, language, line_user_id, line_channel_id, enrolled_at) VALUES ($1, 'Bench Anna', 'support', 'en', $2, $3, now()) RETURNING id`,
    [org[0].id, staffLine, lineChannel[0]?.id ?? null],
  );
  const ruled = await fetch(`http://127.0.0.1:${port}/api/v1/booking-rules`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Everything to Anna', staffIds: [staff[0].id] }),
  });
  if (ruled.status !== 201) throw new Error(`rule: ${ruled.status} ${await ruled.text()}`);
  // The workers' process is up once it has booked a first form.
  const first = randomBytes(12).toString('hex');
  const { booking_id: firstNumber } = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': first }, body: form(first) })).json();
  for (const deadline = Date.now() + 60_000; !(await db.query(`SELECT 1 FROM bookings WHERE number = $1`, [firstNumber])).rows.length; ) {
    if (Date.now() > deadline) throw new Error('The workers booked no form within 60 s of starting');
    await new Promise((res) => setTimeout(res, 200));
  }
  const toldStart = new Date();
  for (let i = 0; i < TOLD_FORMS; i++) {
    const key = randomBytes(12).toString('hex');
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: form(key) });
    await new Promise((res) => setTimeout(res, 100));
  }
  let told: number[] = [];
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const { rows } = await db.query(
      `SELECT extract(epoch FROM o.processed_at - i.created_at) * 1000 AS ms
         FROM bookings b
         JOIN booking_intakes i ON i.booking_id = b.id
         JOIN messages m ON m.booking_id = b.id AND m.direction = 'out'
         JOIN conversations c ON c.id = m.conversation_id AND c.kind = 'direct' AND c.external_id = $2
         JOIN outbox o ON o.id = m.outbox_id AND o.status = 'done'
        WHERE b.created_at >= $1 AND m.kind = 'text'`,
      [toldStart, staffLine],
    );
    told = rows.map((x) => Number(x.ms));
    if (told.length >= TOLD_FORMS) break;
    await new Promise((res) => setTimeout(res, 250));
  }
  if (told.length < TOLD_FORMS) {
    // Say where the forms stopped: assigned, alerted, queued, sent.
    const { rows: why } = await db.query(
      `SELECT (SELECT count(*) FROM bookings WHERE created_at >= $1)::int AS bookings,
              (SELECT count(*) FROM bookings WHERE created_at >= $1 AND assignee_staff_id IS NOT NULL)::int AS assigned,
              (SELECT count(*) FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.created_at >= $1 AND e.type = 'staff_alerted')::int AS alerted,
              (SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.external_id = $2 AND m.created_at >= $1)::int AS messages_to_assignee,
              (SELECT json_agg(x) FROM (SELECT queue, job_name, status, count(*) AS n FROM outbox WHERE created_at >= $1 GROUP BY 1, 2, 3) x) AS outbox`,
      [toldStart, staffLine],
    );
    throw new Error(`Only ${told.length} of ${TOLD_FORMS} forms had their assignee told within 60 s: ${JSON.stringify(why[0])}`);
  }
  return told;
}
