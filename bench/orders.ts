import { randomBytes } from 'node:crypto';
import { signBody } from '../core/http/body-signature.ts';
import { openTestCase } from '../test/support/api-client.ts';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from '../test/support/test-system.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * The orders API (docs/cases.md, "Orders from the main system"), two figures:
 *
 * 1. Throughput: 5,000 order updates per round, through `POST /api/v1/orders` (batches of 100,
 *    signed, four requests in flight, over HTTP) against plain INSERTs of the same rows into a
 *    table of the same columns with no index, trigger or check, in the same run, alternated over
 *    five rounds (the first round creates the orders, the next ones update them with newer
 *    versions and statuses): rows per second, medians, and the ratio (goal at least 0.5x). Two
 *    baselines: one INSERT per row (each update written as it comes, four at once), and one INSERT
 *    per 100 rows (the batch the API is sent). 1 % of the orders are named by a case, so their
 *    changes go on a timeline too.
 * 2. A steady 1,000 updates a second for 10 s (a batch of 100 every 100 ms, not waiting for the
 *    answers): how many were stored within the time, and each request's latency, p50 and p95.
 *
 * On the database of TEST_DATABASE_URL when set, else the embedded one; Redis is not used (the api alone).
 */
const ROWS = Number(process.env.BENCH_ORDER_ROWS ?? 5000);
const ROUNDS = 5;
const BATCH = 100;
const IN_FLIGHT = 4;
const STEADY_SECONDS = 10;
const SECRET = randomBytes(24).toString('hex');
const PROVIDERS = ['paygate', 'truemoney_wallet', 'flash_express'];
const STATUSES = ['paid', 'processing', 'completed', 'refunded', 'cancelled'] as const;

interface OrderRow {
  number: string;
  amountMinor: number;
  currency: string;
  status: string;
  provider: string;
  refundStatus: string;
  refundAmountMinor: number | null;
  version: number;
  updatedAt: string;
}

/** The run's orders as the main system has them at `version` (1: just placed). */
function ordersAt(run: string, version: number, from = 0, count = ROWS): OrderRow[] {
  const at = new Date(Date.now() - (ROUNDS + 2 - version) * 60_000).toISOString();
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const status = version === 1 ? 'pending' : STATUSES[(i + version) % STATUSES.length];
    const amountMinor = 10_000 + ((i * 7919) % 500_000);
    return {
      number: `B${run}-${String(i).padStart(6, '0')}`,
      amountMinor,
      currency: 'THB',
      status,
      provider: PROVIDERS[i % PROVIDERS.length],
      refundStatus: status === 'refunded' ? 'refunded' : 'none',
      refundAmountMinor: status === 'refunded' ? amountMinor : null,
      version,
      updatedAt: at,
    };
  });
}

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Runs the tasks, `width` at a time. */
async function inFlight<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

function poster(sys: TestSystem, key: string) {
  return async (orders: OrderRow[]) => {
    const body = JSON.stringify({ orders });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${sys.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-opsdesk-timestamp': String(ts), 'x-opsdesk-signature': signBody(body, SECRET, ts) },
      body,
    });
    if (res.status !== 200) throw new Error(`the orders API answered ${res.status}: ${await res.text()}`);
    const answer = (await res.json()) as { counts: Record<string, number> };
    return answer.counts;
  };
}

const PLAIN_COLUMNS = 'org_id, number, amount_minor, currency, status, provider, refund_status, refund_amount_minor, version, updated_at';
const plainValues = (orgId: string, o: OrderRow) => [orgId, o.number, o.amountMinor, o.currency, o.status, o.provider, o.refundStatus, o.refundAmountMinor, o.version, o.updatedAt];

export async function benchOrders(): Promise<string> {
  const sys = await startTestSystem({ roles: ['api'], env: { ORDERS_API_SECRET: SECRET, DEV_SIMULATOR: 'off', RATE_LIMIT_API: 'off' } });
  try {
    const orgId = sys.defaultOrgId;
    // The main system's key, issued as an admin would.
    const issued = await fetch(`${sys.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench main system', role: 'integration' }),
    });
    const integrationKey = ((await issued.json()) as { key: string }).key;
    const post = poster(sys, integrationKey);
    // The baseline's table: the same columns, nothing else.
    await sys.knex.raw('CREATE TABLE bench_plain_orders (org_id uuid, number text, amount_minor bigint, currency text, status text, provider text, refund_status text, refund_amount_minor bigint, version bigint, updated_at timestamptz)');

    const run = randomBytes(3).toString('hex');
    // 1 % of the orders are named by a case, as a customer's report names them.
    for (let i = 0; i < ROWS; i += 100) await openTestCase(sys, 'order_not_delivered', { orderIds: [`B${run}-${String(i).padStart(6, '0')}`] });
    // Warm-up: the route, the statements and the caches, on orders of their own.
    for (const batch of chunks(ordersAt(`w${run}`, 1, 0, 1000), BATCH)) await post(batch);

    const api: number[] = [];
    const single: number[] = [];
    const multi: number[] = [];
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const rows = ordersAt(run, round + 1);
      let started = performance.now();
      for (const counts of await inFlight(chunks(rows, BATCH).map((b) => () => post(b)), IN_FLIGHT)) for (const [k, n] of Object.entries(counts)) outcomes[k] = (outcomes[k] ?? 0) + n;
      api.push(ROWS / ((performance.now() - started) / 1000));

      await sys.knex.raw('TRUNCATE bench_plain_orders');
      started = performance.now();
      await inFlight(rows.map((o) => () => sys.knex.raw(`INSERT INTO bench_plain_orders (${PLAIN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, plainValues(orgId, o))), IN_FLIGHT);
      single.push(ROWS / ((performance.now() - started) / 1000));

      await sys.knex.raw('TRUNCATE bench_plain_orders');
      started = performance.now();
      await inFlight(
        chunks(rows, BATCH).map((b) => () => sys.knex.raw(`INSERT INTO bench_plain_orders (${PLAIN_COLUMNS}) VALUES ${b.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, b.flatMap((o) => plainValues(orgId, o)))),
        IN_FLIGHT,
      );
      multi.push(ROWS / ((performance.now() - started) / 1000));
    }
    const linkedEvents = Number((await sys.knex('case_events').where({ org_id: orgId, type: 'order_updated' }).count({ n: '*' }))[0].n);

    // A steady 1,000 a second: a batch of 100 every 100 ms, whatever the answers are doing.
    const steadyRun = `s${run}`;
    const latencies: number[] = [];
    const sends: Promise<unknown>[] = [];
    const steadyStarted = performance.now();
    for (let tick = 0; tick < STEADY_SECONDS * 10; tick++) {
      const due = steadyStarted + tick * 100;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const batch = ordersAt(steadyRun, 1, tick * BATCH, BATCH);
      const sent = performance.now();
      sends.push(post(batch).then(() => latencies.push(performance.now() - sent)));
    }
    await Promise.all(sends);
    const steadySeconds = (performance.now() - steadyStarted) / 1000;
    const stored = Number((await sys.knex('orders').where({ org_id: orgId }).whereLike('number', `B${steadyRun}-%`).count({ n: '*' }))[0].n);

    const ratio = (x: number[]) => `${fmt(median(api) / median(x), 2)}x`;
    const where = process.env.TEST_DATABASE_URL ? `PostgreSQL server ${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}` : 'embedded database';
    return [
      `## Orders API (${where})`,
      '',
      table(
        [`${ROWS.toLocaleString('en-US')} order updates per round, ${IN_FLIGHT} requests in flight`, 'rows/s (median of 5)', 'runs', 'the API against it'],
        [
          [`plain INSERT, one row per statement (baseline)`, fmt(median(single)), single.map((x) => fmt(x)).join(', '), `${ratio(single)} (goal ≥ 0.5x)`],
          [`plain INSERT, ${BATCH} rows per statement (baseline)`, fmt(median(multi)), multi.map((x) => fmt(x)).join(', '), `${ratio(multi)} (goal ≥ 0.5x)`],
          [`POST /api/v1/orders, ${BATCH} per request, signed, over HTTP`, fmt(median(api)), api.map((x) => fmt(x)).join(', '), '1.00x'],
        ],
      ),
      '',
      `The API's answers over the five rounds: ${Object.entries(outcomes).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`).join(', ')}; ${linkedEvents} changes went on the timelines of the cases naming them.`,
      '',
      table(
        ['a steady 1,000 updates a second', 'sent', 'stored', 'took', 'request p50 ms', 'request p95 ms'],
        [[`a batch of ${BATCH} every 100 ms for ${STEADY_SECONDS} s`, STEADY_SECONDS * 1000, stored, `${fmt(steadySeconds, 1)} s`, fmt(percentile(latencies, 50), 1), fmt(percentile(latencies, 95), 1)]],
      ),
    ].join('\n');
  } finally {
    await sys.knex.raw('DROP TABLE IF EXISTS bench_plain_orders').catch(() => {});
    await sys.stopAll();
  }
}
