import { createTestDatabase } from '../test/support/test-database.ts';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, percentile, serverReachable, table } from './stats.ts';
import { openTopUpCase } from '../test/support/api-client.ts';

/**
 * Case lifecycles over HTTP with the whole system running (api + workers, PostgreSQL + Redis):
 * 20 concurrent staff (support-role API keys), each taking its own cases through
 * take -> wait -> resume -> resolve -> close with `expectedVersion`, for a fixed time; beside
 * `GET /healthz` at the same concurrency in the same run. Then a contended round: all 20 try to
 * take the same 20 cases, and exactly one should win each.
 */
const SERVER_URL = BENCH_SERVER_URL;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STAFF = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BASELINE_SECONDS = 5;
const CASES_PER_STAFF = 120;

const STEPS: Record<string, unknown>[] = [
  { to: 'investigating' },
  { to: 'waiting_customer' },
  { to: 'investigating' },
  { to: 'resolved' },
  { to: 'closed', rootCause: 'payment_gateway' },
];



export async function benchCaseLifecycle(): Promise<string> {
  if (!(await serverReachable())) return `## Case lifecycle over HTTP\n\nSkipped: no PostgreSQL server at ${SERVER_URL} (set TEST_DATABASE_URL).`;
  process.env.TEST_DATABASE_URL = SERVER_URL;
  process.env.TEST_REDIS_URL = REDIS_URL;
  const db = await createTestDatabase({ migrate: false });
  const sys: TestSystem = await startTestSystem({ db, env: { DEV_SIMULATOR: 'off', RATE_LIMIT_API: 'off' } });
  try {
    const api = async (method: string, path: string, body?: unknown, key = TEST_ADMIN_KEY) => {
      const t = performance.now();
      const res = await fetch(sys.url + path, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json();
      return { status: res.status, json, ms: performance.now() - t };
    };
    const newCase = () => openTopUpCase(sys);

    const keys: string[] = [];
    for (let i = 0; i < STAFF; i++) {
      const r = await api('POST', '/api/v1/api-keys', { name: `staff-${i}`, role: 'support' });
      if (r.status !== 201) throw new Error(`api key: ${r.status} ${JSON.stringify(r.json)}`);
      keys.push(r.json.key);
    }

    // Cases for each staff member, opened before the clock starts (not part of the measure).
    const queues: string[][] = Array.from({ length: STAFF }, () => []);
    await Promise.all(
      queues.map(async (q) => {
        for (let i = 0; i < CASES_PER_STAFF; i++) q.push((await newCase()).number);
      }),
    );
    // Let the relay hand the new cases' timers to BullMQ before measuring.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const [{ n }] = (await sys.knex.raw(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND available_at <= now()`)).rows;
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    // Baseline: GET /healthz, same concurrency.
    const healthLat: number[] = [];
    let healthNon2xx = 0;
    const hEnd = performance.now() + BASELINE_SECONDS * 1000;
    const hStart = performance.now();
    await Promise.all(
      keys.map(async () => {
        while (performance.now() < hEnd) {
          const t = performance.now();
          const res = await fetch(sys.url + '/healthz');
          await res.arrayBuffer();
          healthLat.push(performance.now() - t);
          if (res.status !== 200) healthNon2xx++;
        }
      }),
    );
    const hElapsed = (performance.now() - hStart) / 1000;

    // Uncontended lifecycles.
    const lat: number[] = [];
    const statuses = new Map<number, number>();
    let lifecycles = 0;
    let ranOut = 0;
    const end = performance.now() + SECONDS * 1000;
    const start = performance.now();
    await Promise.all(
      keys.map(async (key, s) => {
        while (performance.now() < end) {
          const number = queues[s].shift();
          if (!number) {
            ranOut++;
            break;
          }
          let version = 1;
          for (const step of STEPS) {
            const r = await api('POST', `/api/v1/cases/${number}/transitions`, { ...step, expectedVersion: version }, key);
            lat.push(r.ms);
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            if (r.status !== 200) break;
            version = r.json.version;
          }
          lifecycles++;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const ok = statuses.get(200) ?? 0;
    const other = [...statuses].filter(([s]) => s !== 200 && s !== 409).map(([s, n]) => `${s}: ${n}`).join(', ') || '0';

    // Contended: all 20 staff try to take the same 20 new cases, each in its own order.
    const contended = await Promise.all(Array.from({ length: STAFF }, () => newCase()));
    const wins = new Map<string, number>(contended.map((c) => [c.number, 0]));
    const cLat: number[] = [];
    let c409 = 0;
    let cOther = 0;
    await Promise.all(
      keys.map(async (key, s) => {
        for (let i = 0; i < contended.length; i++) {
          const c = contended[(s + i) % contended.length];
          const r = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating', expectedVersion: 1 }, key);
          cLat.push(r.ms);
          if (r.status === 200) wins.set(c.number, wins.get(c.number)! + 1);
          else if (r.status === 409) c409++;
          else cOther++;
        }
      }),
    );
    const winCounts = [...wins.values()];
    const { rows: evRows } = await sys.knex.raw(
      `SELECT c.number, count(e.id)::int AS n FROM cases c LEFT JOIN case_events e ON e.case_id = c.id AND e.type = 'status_changed'
        WHERE c.id = ANY(?) GROUP BY c.number`,
      [contended.map((c) => c.id)],
    );
    const oneEventEach = evRows.every((r: { n: number }) => r.n === 1);

    const tps = ok / elapsed;
    const hps = healthLat.length / hElapsed;
    return [
      `## Case lifecycle over HTTP (${STAFF} concurrent staff, support-role API keys; api + workers on PostgreSQL + Redis, in process)`,
      '',
      `Each staff member takes its own cases through new -> investigating -> waiting_customer -> investigating -> resolved -> closed (root cause), ` +
        `each call with \`expectedVersion\`, for ${SECONDS} s; the baseline is \`GET /healthz\` from ${STAFF} concurrent clients for ${BASELINE_SECONDS} s in the same run.`,
      '',
      table(
        ['what', 'requests/s', 'p50 ms', 'p99 ms', 'max ms', 'x baseline (rate)', 'requests', '409', 'other non-2xx'],
        [
          [`baseline: GET /healthz`, fmt(hps), fmt(percentile(healthLat, 50), 1), fmt(percentile(healthLat, 99), 1), fmt(Math.max(...healthLat), 1), '1.00', healthLat.length, 0, healthNon2xx],
          [
            `POST /api/v1/cases/:number/transitions (own cases; ${lifecycles} lifecycles)`,
            fmt(tps),
            fmt(percentile(lat, 50), 1),
            fmt(percentile(lat, 99), 1),
            fmt(Math.max(...lat), 1),
            fmt(tps / hps, 3),
            lat.length,
            statuses.get(409) ?? 0,
            other,
          ],
        ],
      ),
      ...(ranOut ? ['', `Note: ${ranOut} staff ran out of pre-opened cases before the time was up; raise CASES_PER_STAFF.`] : []),
      '',
      `Contended: all ${STAFF} staff try to take (new -> investigating, expectedVersion 1) the same ${contended.length} cases, each staff member in its own order.`,
      '',
      table(
        ['cases', 'attempts', 'winners per case (min / max)', '200', '409', 'other', 'one status_changed event per case', 'p50 ms', 'p99 ms'],
        [
          [
            contended.length,
            cLat.length,
            `${Math.min(...winCounts)} / ${Math.max(...winCounts)}`,
            winCounts.reduce((a, b) => a + b, 0),
            c409,
            cOther,
            oneEventEach ? 'yes' : 'NO',
            fmt(percentile(cLat, 50), 1),
            fmt(percentile(cLat, 99), 1),
          ],
        ],
      ),
    ].join('\n');
  } finally {
    await sys.stopAll();
    await db.destroy();
  }
}
