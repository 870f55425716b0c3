import type { Knex } from 'knex';
import pg from 'pg';
import { openTestCase } from '../test/support/api-client.ts';
import { openLiveStream } from '../test/support/live-stream.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { connectDatabase } from '../core/db/connect.ts';
import { rebuildCaseFacts, refreshChangedCases } from '../core/analytics/case-rollup.ts';
import { generateVolume } from '../seeds/volume.ts';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, serverReachable, table } from './stats.ts';

/**
 * Analytics endpoints on a PostgreSQL server, with a generated org: two years of cases
 * (ANALYTICS_BENCH_CASES, 100,000 unless set) with weekly and yearly seasonality, 200 staff, the
 * seeded case types and providers, each case with its status periods (new, investigating,
 * sometimes waiting on the customer or a provider, resolved; the last 2 % still open) and its
 * owner change on the timeline. Each endpoint is called RUNS times through HTTP, with the default
 * filters (the last 30 days) and with each kind of filter (team, case type, severity, channel,
 * provider); the first call of each is its first since the org was generated (the server's
 * buffers are warm from the generation: the shared server cannot be restarted). The baseline in
 * the same run: `/healthz` (the HTTP round trip) and SQL that reads the same rows without
 * computing anything. Then the live stream's latency, on the same generated org.
 */
// Enough calls per endpoint that the p95 (nearest rank: the 19th of 20) is not simply the slowest.
const RUNS = Number(process.env.ANALYTICS_BENCH_RUNS ?? 20);
const CASES = Number(process.env.ANALYTICS_BENCH_CASES ?? 100_000);
const STAFF = 200;

/** The generated org (seeds/volume.ts, as `npm run seed:volume` builds it), then its per-case facts rolled up. */
async function generate(knex: Knex, orgId: string, total: number): Promise<{ rebuildS: number }> {
  await generateVolume(knex, {
    orgId,
    cases: total,
    bookings: Math.round(total / 5),
    staff: STAFF,
    providers: 50,
    days: 730,
    badProviders: 3,
    abusers: 5,
    abuserCases: 30,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const t = performance.now();
  await rebuildCaseFacts(knex, orgId, (line) => process.stderr.write(`${line}\n`));
  return { rebuildS: (performance.now() - t) / 1000 };
}

export async function benchAnalytics(): Promise<string> {
  if (!(await serverReachable())) return `## Analytics\n\nSkipped: no PostgreSQL server at ${BENCH_SERVER_URL} (set TEST_DATABASE_URL).`;
  return endpoints();
}

/**
 * From a case event committed to its arrival on the live stream (a manager's SSE connection), for
 * LIVE_EVENTS status changes one after another; baseline in the same run: a bare NOTIFY from one
 * connection to a LISTENing one.
 */
const LIVE_EVENTS = 200;
async function liveLatency(sys: TestSystem, dbUrl: string): Promise<string> {
  {
    const key = await fetch(`${sys.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench manager', role: 'manager' }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    const arrived = new Map<string, number>();
    const stream = await openLiveStream(`${sys.url}/api/v1/analytics/live`, { authorization: `Bearer ${key.key}` }, (e) => arrived.set(e.id, performance.now()));
    // A case of the generated org, among its million events.
    const c = await openTestCase(sys, 'order_not_delivered');
    const latencies: number[] = [];
    let to: 'investigating' | 'fixing' = 'investigating';
    for (let n = 0; n < LIVE_EVENTS; n++) {
      const before = (await sys.knex('case_events').max('id as id').first())!.id;
      await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to, actor: { type: 'staff', id: null } }));
      const committed = performance.now();
      const ev = await sys.knex('case_events').where({ case_id: c.id }).where('id', '>', before).whereIn('type', ['status_changed']).first();
      const deadline = Date.now() + 5000;
      while (!arrived.has(String(ev.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      latencies.push((arrived.get(String(ev.id)) ?? Infinity) - committed);
      to = to === 'investigating' ? 'fixing' : 'investigating';
    }
    stream.close();
    await stream.done;

    const listener = new pg.Client({ connectionString: dbUrl });
    const sender = new pg.Client({ connectionString: dbUrl });
    await listener.connect();
    await sender.connect();
    await listener.query('LISTEN bench_baseline');
    const bare: number[] = [];
    for (let n = 0; n < LIVE_EVENTS; n++) {
      const got = new Promise<number>((resolve) => listener.once('notification', () => resolve(performance.now())));
      const t = performance.now();
      await sender.query(`NOTIFY bench_baseline, 'x'`);
      bare.push((await got) - t);
    }
    await listener.end();
    await sender.end();
    return [
      `### Live stream: case event committed to its arrival on a manager's stream (${LIVE_EVENTS} status changes, one at a time)`,
      '',
      table(
        ['measure', 'p50 ms', 'p95 ms', 'max ms'],
        [
          ['commit to event on the stream', fmt(median(latencies), 1), fmt(percentile(latencies, 95), 1), fmt(Math.max(...latencies), 1)],
          ['baseline: bare NOTIFY to a LISTENing connection', fmt(median(bare), 2), fmt(percentile(bare, 95), 2), fmt(Math.max(...bare), 2)],
        ],
      ),
    ].join('\n');
  }
}

/** A database kept by an earlier run (ANALYTICS_BENCH_KEEP=1), measured again without generating its org anew. */
function keptDatabase(url: string): TestDatabase {
  const knex = connectDatabase({ url, poolMax: 5, applicationName: 'opsdesk-bench' });
  return { url, knex, embedded: false, destroy: () => knex.destroy() };
}

async function endpoints(): Promise<string> {
  process.env.TEST_DATABASE_URL = BENCH_SERVER_URL;
  const reuse = process.env.ANALYTICS_BENCH_DB;
  const db = reuse ? keptDatabase(reuse) : await createTestDatabase({ migrate: false });
  const sys = await startTestSystem({ db, roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  try {
    const t0 = performance.now();
    const { rebuildS } = reuse ? { rebuildS: 0 } : await generate(sys.knex, sys.defaultOrgId, CASES);
    const loadS = (performance.now() - t0) / 1000 - rebuildS;
    // What autovacuum would have done by now (the bench's server runs without it): an org kept from
    // an earlier run carries that run's dead rows (its rollup upkeep marks and recomputes 1,000
    // cases), and a new one's facts were analysed while they were being written. Every table: a
    // new org's bookings and customers were never read since they were written, and the first
    // report to read them paid for marking each row as committed (bookings' first call took 6.9 s
    // on a new org).
    await sys.knex.raw('VACUUM ANALYZE');
    const [{ n, window }] = (
      await sys.knex.raw(`SELECT count(*)::int AS n, count(*) FILTER (WHERE created_at >= now() - interval '30 days')::int AS window FROM cases WHERE org_id = ?`, [sys.defaultOrgId])
    ).rows;
    const manager = await fetch(`${sys.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench manager', role: 'manager' }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    const someType = (await sys.knex('case_types').where({ org_id: sys.defaultOrgId }).orderBy('key').first()).key;
    const someProvider = (await sys.knex('providers').where({ org_id: sys.defaultOrgId }).orderBy('key').first()).key;
    // A team: a staff group whose routing takes two case types and the critical and high cases.
    const channel =
      (await sys.knex('channels').where({ org_id: sys.defaultOrgId }).first('id')) ??
      (await sys.knex('channels').insert({ org_id: sys.defaultOrgId, kind: 'line', name: 'Bench LINE' }).returning('id'))[0];
    const types = (await sys.knex('case_types').where({ org_id: sys.defaultOrgId }).orderBy('key').limit(2)).map((t) => t.key);
    const [team] = await sys.knex('staff_groups')
      .insert({ org_id: sys.defaultOrgId, channel_id: channel.id, line_group_id: `Cbenchteam${Date.now()}`, purpose: 'support', name: 'Bench team', routing: JSON.stringify({ caseTypes: types, severities: ['critical', 'high'] }) })
      .returning('id');

    const call = async (path: string) => {
      const t = performance.now();
      const r = await fetch(sys.url + path, { headers: { authorization: `Bearer ${manager.key}` } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      return performance.now() - t;
    };
    const sqlBaseline = async () => {
      const t = performance.now();
      await sys.knex.raw(
        `SELECT c.id, sp.status, sp.started_at, sp.ended_at FROM cases c JOIN case_status_periods sp ON sp.case_id = c.id
          WHERE c.org_id = ? AND c.created_at >= now() - interval '30 days'`,
        [sys.defaultOrgId],
      );
      return performance.now() - t;
    };
    const rollupBaseline = async () => {
      const t = performance.now();
      await sys.knex.raw(`SELECT f.* FROM analytics_case_facts f WHERE f.org_id = ? AND f.opened_at >= now() - interval '30 days'`, [sys.defaultOrgId]);
      return performance.now() - t;
    };
    // Without the rollup: the org's state row set aside for these calls (the reports then read the timelines).
    const timelinesOnly = (path: string) => async () => {
      const state = await sys.knex('analytics_rollup_state').where({ org_id: sys.defaultOrgId }).first();
      await sys.knex('analytics_rollup_state').where({ org_id: sys.defaultOrgId }).del();
      try {
        return await call(path);
      } finally {
        await sys.knex('analytics_rollup_state').insert(state);
      }
    };
    const targets: [string, () => Promise<number>][] = [
      ['baseline: GET /healthz', () => call('/healthz')],
      ['baseline: SQL reading the same cases and periods', sqlBaseline],
      ['baseline: SQL reading the same cases\' rolled-up facts', rollupBaseline],
      ['time-tracking, timelines only (no rollup)', timelinesOnly('/api/v1/analytics/time-tracking')],
      ['sla, timelines only (no rollup)', timelinesOnly('/api/v1/analytics/sla')],
      ['time-tracking', () => call('/api/v1/analytics/time-tracking')],
      ['sla', () => call('/api/v1/analytics/sla')],
      ['staff-performance', () => call('/api/v1/analytics/staff-performance')],
      ['providers', () => call('/api/v1/analytics/providers')],
      ['system-debt', () => call('/api/v1/analytics/system-debt')],
      ['abuse', () => call('/api/v1/analytics/abuse')],
      ['ceo', () => call('/api/v1/analytics/ceo')],
      ['csat', () => call('/api/v1/analytics/csat')],
      ['bookings', () => call('/api/v1/analytics/bookings')],
      ['cases (drill: resolution.missed)', () => call('/api/v1/analytics/cases?figure=resolution.missed')],
      [`time-tracking?caseType=${someType}`, () => call(`/api/v1/analytics/time-tracking?caseType=${someType}`)],
      [`sla?caseType=${someType}&granularity=week`, () => call(`/api/v1/analytics/sla?caseType=${someType}&granularity=week`)],
      ['sla?team=(two case types, critical and high)', () => call(`/api/v1/analytics/sla?team=${team.id}`)],
      ['staff-performance?severity=critical', () => call('/api/v1/analytics/staff-performance?severity=critical')],
      ['providers?channel=line', () => call('/api/v1/analytics/providers?channel=line')],
      [`time-tracking?provider=${someProvider}`, () => call(`/api/v1/analytics/time-tracking?provider=${someProvider}`)],
      ['ceo?preset=last_90_days&channel=line', () => call('/api/v1/analytics/ceo?preset=last_90_days&channel=line')],
      ['sla?preset=last_90_days&granularity=month', () => call('/api/v1/analytics/sla?preset=last_90_days&granularity=month')],
      ['time-tracking CSV, every case of 30 days', () => call('/api/v1/analytics/time-tracking?format=csv')],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, run] of targets) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await run());
      rows.push([name, fmt(times[0], 1), fmt(median(times), 1), fmt(percentile(times, 95), 1)]);
    }
    // The worker's cost: 50 case events a second mark up to 50 cases; each second's worth recomputed at once.
    const refresh: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await sys.knex.raw(
        `INSERT INTO analytics_dirty_cases (case_id, org_id) SELECT case_id, org_id FROM analytics_case_facts WHERE org_id = ? ORDER BY random() LIMIT 50 ON CONFLICT DO NOTHING`,
        [sys.defaultOrgId],
      );
      const t = performance.now();
      await refreshChangedCases(sys.knex);
      refresh.push(performance.now() - t);
    }
    return [
      `### Analytics endpoints (${n.toLocaleString('en')} cases over two years, ${window.toLocaleString('en')} in the default 30 days, ${STAFF} staff; ${reuse ? 'the org generated by an earlier run' : `generated in ${fmt(loadS, 1)} s, facts rolled up in ${fmt(rebuildS, 1)} s`}; ${RUNS} calls each, in one run)`,
      '',
      table(['endpoint', 'first call ms', 'p50 ms', 'p95 ms'], rows),
      '',
      `Keeping the rollup current: recomputing 50 changed cases (one second of 50 case events a second) took ${fmt(median(refresh), 1)} ms at p50 and ${fmt(percentile(refresh, 95), 1)} ms at p95 (${RUNS} rounds).`,
      '',
      await liveLatency(sys, db.url),
    ].join('\n');
  } finally {
    await sys.stopAll();
    // ANALYTICS_BENCH_KEEP=1 keeps the generated database, to look at its plans.
    // ANALYTICS_BENCH_DB=<that url> measures it again without generating it anew.
    if (process.env.ANALYTICS_BENCH_KEEP || reuse) {
      if (reuse) await db.destroy();
      console.error(`kept ${db.url}`);
    } else await db.destroy();
  }
}
