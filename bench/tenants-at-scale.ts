import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { rebuildCaseFacts } from '../core/analytics/case-rollup.ts';
import { generateVolume } from '../seeds/volume.ts';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from '../test/support/test-system.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * Many businesses on one deployment (#43; goal: each business's dashboard and inbox p95 within 1.2x
 * of the single-business figure of the same run). TENANT_BENCH_SMALL_ORGS businesses (1,000) of
 * TENANT_BENCH_SMALL_CASES cases (100) beside one of TENANT_BENCH_BIG_CASES (100,000: the default
 * business, seeds/volume.ts), each with a conversation per customer in its inbox.
 *
 * The single-business figures: the first small business, measured when it is the only business
 * with data, and the big one, measured when only it and that small one exist. Then the other small
 * businesses are added and both are measured again, with a sample of the others. The screens are
 * the dashboard's first (`GET /api/v1/analytics/queue`, the live queue) and the inbox's
 * (`GET /api/v1/conversations?status=waiting`), each with the business's own admin key, one request
 * at a time. Data is written in bulk (seeds/volume.ts inside PostgreSQL; inboxes by INSERT ... SELECT).
 */
const SMALL_ORGS = Number(process.env.TENANT_BENCH_SMALL_ORGS ?? 1000);
const SMALL_CASES = Number(process.env.TENANT_BENCH_SMALL_CASES ?? 100);
const BIG_CASES = Number(process.env.TENANT_BENCH_BIG_CASES ?? 100_000);
const REQUESTS = Number(process.env.TENANT_BENCH_REQUESTS ?? 60);
const SAMPLE = Number(process.env.TENANT_BENCH_SAMPLE ?? 50);
const SCREENS = { dashboard: '/api/v1/analytics/queue', inbox: '/api/v1/conversations?status=waiting' } as const;
type ScreenName = keyof typeof SCREENS;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Case types like the default business's (the demo's), for businesses whose cases are generated. */
async function copyCaseTypes(knex: Knex, from: string, to: string[]): Promise<void> {
  const cols: string[] = (await knex('information_schema.columns').where({ table_name: 'case_types', table_schema: knex.raw('current_schema()') }).pluck('column_name')).filter((c: string) => !['id', 'org_id'].includes(c));
  const list = cols.map((c) => `"${c}"`).join(', ');
  await knex.raw(`INSERT INTO case_types (org_id, ${list}) SELECT o.id, ${cols.map((c) => `ct."${c}"`).join(', ')} FROM unnest(?::uuid[]) AS o(id) CROSS JOIN case_types ct WHERE ct.org_id = ?`, [to, from]);
}

/** A conversation per customer of each business, as an inbox at rest holds them: 4 % waiting for a person, a quarter resolved, the rest with the bot. */
async function fillInboxes(knex: Knex, orgIds: string[]): Promise<void> {
  await knex.raw(
    `WITH c AS (SELECT id, org_id, row_number() OVER (PARTITION BY org_id ORDER BY created_at, id) AS g FROM contacts WHERE org_id = ANY(?::uuid[])),
          ch AS (SELECT DISTINCT ON (org_id) org_id, id FROM channels WHERE org_id = ANY(?::uuid[]) ORDER BY org_id, created_at)
     INSERT INTO conversations (org_id, channel_id, contact_id, kind, external_id, last_message_at, last_inbound_at, inbox_status, waiting_since, inbox_changed_at, created_at)
     SELECT c.org_id, ch.id, c.id, 'direct', 'Ubench' || md5(c.id::text),
            now() - (c.g % 4320) * interval '1 minute', now() - (c.g % 4320) * interval '1 minute',
            CASE WHEN c.g % 100 < 4 THEN 'waiting' WHEN c.g % 100 < 30 THEN 'resolved' ELSE 'bot' END,
            CASE WHEN c.g % 100 < 4 THEN now() - (c.g % 4320) * interval '1 minute' END,
            CASE WHEN c.g % 100 < 30 THEN now() - (c.g % 4320) * interval '1 minute' END,
            now() - interval '30 days'
       FROM c JOIN ch USING (org_id)
     ON CONFLICT DO NOTHING`,
    [orgIds, orgIds],
  );
}

/** A LINE channel row for each business (no credentials: nothing is sent), so its conversations have one. */
async function benchChannels(knex: Knex, orgIds: string[]): Promise<void> {
  await knex.raw(`INSERT INTO channels (org_id, kind, name, settings) SELECT id, 'line', 'Bench LINE', '{}'::jsonb FROM unnest(?::uuid[]) AS o(id)`, [orgIds]);
}

/** The workers' own rollup may take a generated case at the same moment as a rebuild: a deadlock, tried again. */
async function rebuildRetried(knex: Knex, orgId: string, progress?: (line: string) => void, analyze = true): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rebuildCaseFacts(knex, orgId, progress, { analyze });
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
    }
  }
}

async function timings(sys: TestSystem, key: string, screen: ScreenName, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(`${sys.url}${SCREENS[screen]}`, { headers: { authorization: `Bearer ${key}` } });
    await res.text();
    if (res.status !== 200) throw new Error(`${SCREENS[screen]} answered ${res.status}`);
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchTenantsAtScale(): Promise<string> {
  const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
  const platformKey = 'bench-platform-' + randomBytes(16).toString('hex');
  const sys = await startTestSystem({ env: { PLATFORM_API_KEY: platformKey, RATE_LIMIT_API: 'off', ORG_RATE_LIMIT_API: 'off', DEV_SIMULATOR: 'off' } });
  const knex = sys.knex;
  try {
    const newOrgs = async (count: number): Promise<{ id: string; key: string }[]> => {
      const made: { id: string; key: string }[] = [];
      const one = async () => {
        const res = await fetch(`${sys.url}/platform/v1/orgs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Bench shop ${randomBytes(4).toString('hex')}`, businessType: 'order_desk', adminApiKey: true }),
        });
        const body = (await res.json()) as { id: string; adminApiKey: string };
        if (res.status !== 201) throw new Error(`POST /platform/v1/orgs answered ${res.status}`);
        made.push({ id: body.id, key: body.adminApiKey });
      };
      for (let i = 0; i < count; i += 8) await Promise.all(Array.from({ length: Math.min(8, count - i) }, one));
      return made;
    };
    const fill = async (orgs: { id: string }[], cases: number) => {
      const ids = orgs.map((o) => o.id);
      await copyCaseTypes(knex, sys.defaultOrgId, ids);
      await benchChannels(knex, ids);
      // Four at a time: each business's generation is a few dozen statements, mostly waiting on the server.
      let next = 0;
      const worker = async () => {
        while (next < orgs.length) {
          const o = orgs[next++];
          await generateVolume(knex, { orgId: o.id, cases, bookings: 0, staff: 2, providers: 0, days: 180, badProviders: 0, abusers: 0, abuserCases: 0, customers: Math.max(50, cases / 4) });
          if (next % 100 === 0) log(`  ${next} of ${orgs.length} businesses generated`);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      // One at a time: rebuilds running together deadlock on the rollup's index. The tables are
      // analysed once, after all of them (below): per business, each ANALYZE read every business's
      // rows, and a thousand of them took longer than the rest of the run.
      for (const [i, o] of orgs.entries()) {
        await rebuildRetried(knex, o.id, undefined, false);
        if ((i + 1) % 100 === 0) log(`  ${i + 1} of ${orgs.length} businesses' case facts rebuilt`);
      }
      await fillInboxes(knex, ids);
    };
    const measure = async (key: string, n = REQUESTS) => {
      const out = {} as Record<ScreenName, number[]>;
      for (const s of Object.keys(SCREENS) as ScreenName[]) {
        await timings(sys, key, s, 3); // warm: the first requests pay for plans and caches
        out[s] = await timings(sys, key, s, n);
      }
      return out;
    };
    const analyze = () => knex.raw('ANALYZE');

    // 1. One small business alone.
    const t0 = performance.now();
    const [first] = await newOrgs(1);
    await fill([first], SMALL_CASES);
    await analyze();
    const smallAlone = await measure(first.key);
    log(`small business alone measured (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

    // 2. The big business (the default one: the demo's case types and channel) beside it.
    await generateVolume(knex, { orgId: sys.defaultOrgId, cases: BIG_CASES, bookings: 0, staff: 50, providers: 10, days: 365, badProviders: 0, abusers: 0, abuserCases: 0, log });
    await rebuildRetried(knex, sys.defaultOrgId, log);
    await fillInboxes(knex, [sys.defaultOrgId]);
    await analyze();
    const bigAlone = await measure(TEST_ADMIN_KEY);
    log(`big business measured (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

    // 3. The many small businesses beside them.
    const others = await newOrgs(SMALL_ORGS - 1);
    log(`${others.length} more businesses created (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    await fill(others, SMALL_CASES);
    await analyze();
    const counted = (await knex.raw(`SELECT (SELECT count(*) FROM orgs)::int AS orgs, (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM conversations)::int AS conversations`)).rows[0];
    log(`filled: ${JSON.stringify(counted)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    const bigAmong = await measure(TEST_ADMIN_KEY);
    const smallAmong = await measure(first.key);
    const sample = others.filter((_, i) => i % Math.max(1, Math.floor(others.length / SAMPLE)) === 0).slice(0, SAMPLE);
    const sampled = { dashboard: [] as number[][], inbox: [] as number[][] };
    for (const o of sample) {
      const m = await measure(o.key, 20);
      sampled.dashboard.push(m.dashboard);
      sampled.inbox.push(m.inbox);
    }

    const rows: (string | number)[][] = [];
    for (const s of Object.keys(SCREENS) as ScreenName[]) {
      const base = percentile(smallAlone[s], 95);
      const perOrg = sampled[s].map((t) => percentile(t, 95));
      const pooled = percentile(sampled[s].flat(), 95);
      rows.push([s, `small business alone (baseline, ${SMALL_CASES} cases)`, fmt(median(smallAlone[s]), 1), fmt(base, 1), '1.00']);
      rows.push([s, `the same business among ${counted.orgs}`, fmt(median(smallAmong[s]), 1), fmt(percentile(smallAmong[s], 95), 1), fmt(percentile(smallAmong[s], 95) / base, 2)]);
      rows.push([s, `${sample.length} other small businesses, all requests`, fmt(median(sampled[s].flat()), 1), fmt(pooled, 1), fmt(pooled / base, 2)]);
      rows.push([s, `${sample.length} other small businesses, worst business's p95`, '', fmt(Math.max(...perOrg), 1), fmt(Math.max(...perOrg) / base, 2)]);
      const bigBase = percentile(bigAlone[s], 95);
      rows.push([s, `big business (${BIG_CASES.toLocaleString('en')} cases) beside one small (baseline)`, fmt(median(bigAlone[s]), 1), fmt(bigBase, 1), '1.00']);
      rows.push([s, `big business among ${counted.orgs}`, fmt(median(bigAmong[s]), 1), fmt(percentile(bigAmong[s], 95), 1), fmt(percentile(bigAmong[s], 95) / bigBase, 2)]);
    }
    return [
      `### ${counted.orgs.toLocaleString('en')} businesses on one deployment (${mode}; ${counted.cases.toLocaleString('en')} cases, ${counted.conversations.toLocaleString('en')} conversations; goal: p95 within 1.2x of the business alone)`,
      '',
      table(['screen', 'business', 'median ms', 'p95 ms', 'p95 vs alone'], rows),
    ].join('\n');
  } finally {
    await sys.stopAll();
  }
}
