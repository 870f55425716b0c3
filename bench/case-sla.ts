import type { Knex } from 'knex';
import { dueSlaChecks, scheduleSlaTimers } from '../core/cases/sla-timers.ts';
import { createTestDatabase } from '../test/support/test-database.ts';
import { startTestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, serverReachable, table } from './stats.ts';
import { openTestCase } from '../test/support/api-client.ts';

/**
 * SLA timers on a PostgreSQL server. (a) The sweep (`dueSlaChecks`) at 10k, 100k and 1M open
 * cases with a fixed 100 due, beside a count of every open case (what a sweep scanning all open
 * cases would cost), in the same run. (b) Breach alert latency with 100k open cases in the
 * database: 200 cases whose resolution breach falls over the next ~20 s, with the whole system
 * running; from the due time to the `sla_breach` event's created_at.
 */
const SERVER_URL = BENCH_SERVER_URL;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIZES = [10_000, 100_000, 1_000_000];
const DUE = 100;
const RUNS = 9;
const LOAD_BUDGET_MS = 180_000;
const ALERTS = 200;
const SPREAD_MS = 20_000;


/**
 * Appends `count` open cases numbered from `from`, due far in the future (or, with `due`, an hour
 * ago on every clock), in one INSERT ... SELECT.
 */
async function bulkCases(knex: Knex, orgId: string, caseTypeId: string, from: number, count: number, due = false): Promise<void> {
  const when = due ? `now() - interval '1 hour'` : `now() + interval '30 days' + (g % 1000) * interval '1 minute'`;
  await knex.raw(
    `INSERT INTO cases (org_id, number, case_type_id, source, status, severity, summary, language,
                        first_response_due_at, resolution_warn_at, resolution_due_at, fields)
     SELECT ?, 'X-' || g, ?, 'api', (ARRAY['new','investigating','waiting_provider','fixing'])[1 + g % 4], 'normal', 'bench', 'en',
            ${when}, ${when}, ${when}, '{}'::jsonb
       FROM generate_series(?::bigint, ?::bigint) g`,
    [orgId, caseTypeId, from, from + count - 1],
  );
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function sweepCost(): Promise<string> {
  process.env.TEST_DATABASE_URL = SERVER_URL;
  const db = await createTestDatabase();
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  try {
    const knex = db.knex;
    const [org] = await knex('orgs').insert({ slug: 'bench', name: 'Bench', is_default: true }).returning('id');
    const [type] = await knex('case_types')
      .insert({ org_id: org.id, key: 'bench_case', name_th: 'bench', name_en: 'bench', category: 'other', first_response_minutes: 60, resolution_minutes: 1440 })
      .returning('id');
    await bulkCases(knex, org.id, type.id, 1, DUE, true);
    let loaded = DUE;
    let loadMsTotal = 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      await bulkCases(knex, org.id, type.id, loaded + 1, size - loaded);
      await knex.raw('ANALYZE cases');
      const loadMs = performance.now() - t0;
      loadMsTotal += loadMs;
      loaded = size;
      const now = new Date();
      const sweepFound = (await dueSlaChecks(knex, now)).length;
      // Warm both (caches, plans), then alternate them so they see the same noise.
      await knex.raw(`SELECT count(*) FROM cases WHERE status NOT IN ('resolved','closed')`);
      const sweep: number[] = [];
      const scan: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        sweep.push(await timeMs(() => dueSlaChecks(knex, now)));
        scan.push(await timeMs(() => knex.raw(`SELECT count(*) FROM cases WHERE status NOT IN ('resolved','closed')`)));
      }
      const [{ n }] = (await knex.raw(`SELECT count(*)::int AS n FROM cases WHERE status NOT IN ('resolved','closed')`)).rows;
      rows.push([
        n.toLocaleString('en'),
        fmt(loadMs / 1000, 1),
        sweepFound,
        fmt(median(sweep), 2),
        fmt(Math.min(...sweep), 2),
        fmt(median(scan), 2),
        fmt(Math.min(...scan), 2),
        fmt(median(scan) / median(sweep), 1),
      ]);
      if (loadMsTotal > LOAD_BUDGET_MS && size !== SIZES[SIZES.length - 1]) {
        notes.push(`Stopped at ${size.toLocaleString('en')} open cases: loading took ${fmt(loadMsTotal / 1000)} s, past the ${LOAD_BUDGET_MS / 1000} s budget.`);
        break;
      }
    }
  } finally {
    await db.destroy();
  }
  return [
    `### SLA sweep cost (\`dueSlaChecks\`, ${DUE} cases due on all three clocks, the rest due in 30+ days; median of ${RUNS})`,
    '',
    table(
      ['open cases', 'load + ANALYZE s', 'checks found', 'sweep median ms', 'sweep min ms', 'baseline: count(*) open median ms', 'baseline min ms', 'baseline / sweep'],
      rows,
    ),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}


async function breachLatency(): Promise<string> {
  process.env.TEST_DATABASE_URL = SERVER_URL;
  process.env.TEST_REDIS_URL = REDIS_URL;
  const db = await createTestDatabase({ migrate: false });
  const sys = await startTestSystem({ db, env: { DEV_SIMULATOR: 'off' } });
  try {
    const knex = sys.knex;
    const orgId = sys.defaultOrgId;
    const type = await knex('case_types').where({ org_id: orgId, key: 'order_not_delivered' }).first();
    const t0 = performance.now();
    await bulkCases(knex, orgId, type.id, 1, 100_000);
    await knex.raw('ANALYZE cases');
    const loadS = (performance.now() - t0) / 1000;
    const far = new Date(Date.now() + 30 * 86_400_000);
    const start = Date.now() + 3000;
    const created: { id: string; due: Date }[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const c = await openTestCase({ knex, defaultOrgId: orgId }, 'order_not_delivered', {}, 'late order');
      const due = new Date(Math.max(start + (i * SPREAD_MS) / ALERTS, Date.now() + 500));
      const times = { first_response_due_at: far, resolution_warn_at: far, resolution_due_at: due };
      await knex.transaction(async (trx) => {
        await trx('cases').where({ id: c.id }).update(times);
        await scheduleSlaTimers(trx, { id: c.id, org_id: orgId, ...times });
      });
      created.push({ id: c.id, due });
    }
    const createdBy = Date.now();
    const lastDue = Math.max(...created.map((c) => c.due.getTime()));
    const ids = created.map((c) => c.id);
    const fired = new Map<string, Date>();
    for (const deadline = lastDue + 60_000; Date.now() < deadline; ) {
      const evs = await knex('case_events')
        .select('case_id', 'created_at')
        .whereIn('case_id', ids)
        .where({ type: 'sla_breach' })
        .whereRaw(`data->>'clock' = 'resolution'`);
      for (const e of evs) fired.set(e.case_id, new Date(e.created_at));
      if (fired.size === ids.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const lags = created.filter((c) => fired.has(c.id)).map((c) => fired.get(c.id)!.getTime() - c.due.getTime());
    const [{ n: open }] = (await knex.raw(`SELECT count(*)::int AS n FROM cases WHERE status NOT IN ('resolved','closed')`)).rows;
    const p99 = lags.length ? percentile(lags, 99) : NaN;
    return [
      `### SLA breach alert latency (whole system: api + workers, PostgreSQL + Redis; ${open.toLocaleString('en')} open cases; goal: p99 under 5 s)`,
      '',
      `Bulk load of 100,000 open cases with far timers: ${fmt(loadS, 1)} s. ${ALERTS} cases opened with \`openCase\` and rescheduled with \`scheduleSlaTimers\`, ` +
        `resolution breach due from 3 s to ${fmt(3 + SPREAD_MS / 1000)} s after creation began (creating them took ${fmt((createdBy - (start - 3000)) / 1000, 1)} s). ` +
        `Lag = \`case_events.created_at\` of the \`sla_breach\` (PostgreSQL's now(): the firing transaction's start) minus the due time.`,
      '',
      table(
        ['cases', 'breaches recorded', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'lag min ms', 'goal p99 < 5000 ms'],
        [[ALERTS, lags.length, fmt(percentile(lags, 50)), fmt(p99), fmt(Math.max(...lags)), fmt(Math.min(...lags)), p99 < 5000 && lags.length === ALERTS ? 'met' : 'NOT met']],
      ),
    ].join('\n');
  } finally {
    await sys.stopAll();
    await db.destroy();
  }
}

export async function benchCaseSla(): Promise<string> {
  if (!(await serverReachable())) return `## SLA timers\n\nSkipped: no PostgreSQL server at ${SERVER_URL} (set TEST_DATABASE_URL).`;
  const sweep = await sweepCost();
  const latency = await breachLatency();
  return ['## SLA timers (sweep cost, breach alert latency)', '', sweep, '', latency].join('\n');
}
