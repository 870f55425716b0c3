import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCaseFacts } from '../../core/analytics/case-facts.ts';
import { keepRollupsCurrent } from '../../core/analytics/case-rollup.ts';
import { scopeOf } from '../../core/analytics/reports.ts';
import { generateVolume, type VolumeResult } from '../../seeds/volume.ts';
import { apiClient } from '../support/api-client.ts';
import { startTestSystem, type TestSystem } from '../support/test-system.ts';

/**
 * The volume generator (seeds/volume.ts, `npm run seed:volume`), run small: the org it builds has
 * its sizes, its seasons and its timelines, and the bad providers and abusive customers it plants
 * are the ones the provider risk and abuse reports find, and no others.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let result: VolumeResult;
const lines: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  result = await generateVolume(sys.knex, {
    orgId: sys.defaultOrgId,
    cases: 3000,
    bookings: 600,
    staff: 20,
    providers: 12,
    // One year, not the default two: with 3,000 cases over two years a planted provider held too
    // few cases in some 90-day windows to be rated at all (below the rule's minimum), depending on the day.
    days: 365,
    badProviders: 2,
    abusers: 3,
    abuserCases: 12,
    chunk: 1000,
    seed: 0.3,
    log: (l) => lines.push(l),
  });
}, 180_000);
afterAll(() => sys?.stopAll());

describe('npm run seed:volume', () => {
  it('builds the org it was asked for, printing its progress', async () => {
    const count = async (table: string, where: Record<string, unknown> = {}) => Number((await sys.knex(table).where({ org_id: sys.defaultOrgId, ...where }).count('* as n').first())!.n);
    expect(await count('cases')).toBe(3000 + 3 * 12);
    expect(await count('bookings')).toBe(600);
    expect(await count('providers')).toBe(12);
    expect(result.badProviders).toHaveLength(2);
    expect(result.abusers).toHaveLength(3);
    expect(lines.filter((l) => /cases [\d,]+ \/ 3,000/.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/done/);
    // Every case has its periods, exactly one of them open, and its creation on the timeline.
    const { rows } = await sys.knex.raw(
      `SELECT count(*) FILTER (WHERE open <> 1)::int AS bad, count(*) FILTER (WHERE created <> 1)::int AS no_created FROM (
         SELECT c.id, (SELECT count(*) FROM case_status_periods p WHERE p.case_id = c.id AND p.ended_at IS NULL) AS open,
                (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.type = 'created') AS created
           FROM cases c WHERE c.org_id = ?) x`,
      [sys.defaultOrgId],
    );
    expect(rows[0]).toEqual({ bad: 0, no_created: 0 });
    // Seasons: the high season (Nov-Jan) is busier than the rainy one (Aug-Sep), per day.
    const { rows: season } = await sys.knex.raw(
      `SELECT count(*) FILTER (WHERE extract(month FROM created_at AT TIME ZONE 'Asia/Bangkok') IN (11, 12, 1))::float / 92 AS high,
              count(*) FILTER (WHERE extract(month FROM created_at AT TIME ZONE 'Asia/Bangkok') IN (8, 9))::float / 61 AS low
         FROM cases WHERE org_id = ?`,
      [sys.defaultOrgId],
    );
    expect(season[0].high).toBeGreaterThan(season[0].low * 1.4);
  });

  it('plants bad providers that the provider report finds, each for its own fault', async () => {
    const r = await api('GET', '/api/v1/analytics/providers?preset=last_90_days');
    expect(r.status).toBe(200);
    const providers: { provider: string; riskLevel: string; riskReasons: string[] }[] = r.json.providers;
    // Every planted one is found, for the reason it was planted. Not "only those": the 90 days
    // slide over generated data, and now and then an ordinary provider's random run of its own
    // faults crosses the same line (a real finding on that data, not a false one).
    for (const bad of result.badProviders) {
      const found = providers.find((p) => p.provider === bad);
      expect(found?.riskLevel, bad).toBe('high');
      expect(found!.riskReasons.join(' ')).toMatch(/its fault/);
    }
    // Most ordinary providers stay below it.
    const ordinaryHigh = providers.filter((p) => p.riskLevel === 'high' && !result.badProviders.includes(p.provider));
    expect(ordinaryHigh.length).toBeLessThan(providers.length - result.badProviders.length - ordinaryHigh.length);
  });

  it('plants abusive customers that the abuse report flags, each above any ordinary customer it flags', async () => {
    const r = await api('GET', '/api/v1/analytics/abuse');
    expect(r.status).toBe(200);
    const flagged: { contactId: string; cases: { value: number } }[] = r.json.flagged;
    const planted = new Set(result.abusers.map((a) => a.contactId));
    expect(flagged.filter((f) => planted.has(f.contactId)).map((f) => f.contactId).sort()).toEqual([...planted].sort());
    // Not "only those": the 30 days slide over generated data, and now and then an ordinary
    // customer's random run crosses the bar (on 2026-11-25, one with 6 cases against a bar of 5.1:
    // a real finding on that data). Few, and never with as many cases as a planted one.
    const ordinary = flagged.filter((f) => !planted.has(f.contactId));
    // Said in full when it fails. On 2026-11-27 five to seven were flagged in three runs of about
    // twenty, each for a single refunded order: where almost no one has a refund, the peers' refund
    // bar fell under one. A bar is never under two refunds now (core/analytics/insights.ts).
    expect(ordinary.length, JSON.stringify({ peers: r.json.peers, ordinary: ordinary.map((f) => ({ ...f, contactId: undefined })) })).toBeLessThanOrEqual(2);
    const fewestPlanted = Math.min(...flagged.filter((f) => planted.has(f.contactId)).map((f) => f.cases.value));
    for (const o of ordinary) expect(o.cases.value).toBeLessThan(fewestPlanted);
  });

  it('gives the bookings and satisfaction dashboards something to show', async () => {
    const b = await api('GET', '/api/v1/analytics/bookings?preset=last_90_days');
    expect(b.status).toBe(200);
    const [news, contacted, quoted, confirmed] = b.json.funnel.map((s: { reached: { value: number } }) => s.reached.value);
    expect(news).toBe(b.json.bookings.value);
    expect(news).toBeGreaterThan(contacted);
    expect(contacted).toBeGreaterThan(quoted);
    expect(quoted).toBeGreaterThan(confirmed);
    expect(b.json.revenue.byCurrency[0]).toMatchObject({ currency: 'THB' });
    const csat = await api('GET', '/api/v1/analytics/csat?preset=last_90_days');
    expect(csat.json.answered.value).toBeGreaterThan(0);
  });

  it('puts each chunk on the changed list as it goes, so the workers roll it up and no report leaves it out', async () => {
    // On a running deployment the workers rebuild the org's facts as soon as the generator has set
    // them aside (at its start), and rebuilt them before its later chunks were written: those were
    // in no report read from the rollup until the generator's own rebuild at its very end, and in
    // none at all when it was stopped before. Now every chunk goes on the changed list as written.
    const before = new Set<string>(await sys.knex('cases').where({ org_id: sys.defaultOrgId }).pluck('id'));
    await generateVolume(sys.knex, { orgId: sys.defaultOrgId, cases: 300, bookings: 0, staff: 2, providers: 1, days: 30, badProviders: 0, abusers: 0, abuserCases: 0, chunk: 100, seed: 0.9 });
    const written = (await sys.knex('cases').where({ org_id: sys.defaultOrgId }).pluck('id')).filter((id: string) => !before.has(id));
    expect(written).toHaveLength(300);
    const changed = new Set<string>(await sys.knex('analytics_dirty_cases').where({ org_id: sys.defaultOrgId }).pluck('case_id'));
    expect(written.filter((id) => !changed.has(id))).toEqual([]);
    // The workers roll them up (the facts set aside at the start are rebuilt, the list emptied), and
    // a report read from the rollup counts every case of its period.
    await keepRollupsCurrent(sys.knex);
    expect(Number((await sys.knex('analytics_dirty_cases').where({ org_id: sys.defaultOrgId }).count<{ n: string }[]>('* as n'))[0].n)).toBe(0);
    const rolled = new Set<string>(await sys.knex('analytics_case_facts').whereIn('case_id', written).pluck('case_id'));
    expect(rolled.size).toBe(300);
    const scope = await scopeOf(sys.knex, sys.defaultOrgId, { preset: 'last_30_days' }, new Date());
    const inPeriod = Number((await sys.knex('cases').where({ org_id: sys.defaultOrgId }).where('created_at', '>=', scope.period.from).where('created_at', '<', scope.period.to).count<{ n: string }[]>('* as n'))[0].n);
    expect((await allCaseFacts(sys.knex, scope)).length).toBe(inPeriod);
  });

  it('refuses bad sizes on the command line', () => {
    for (const args of [['--cases', 'many'], ['--staff', '0'], ['--colour', 'blue'], ['--seed', '2']]) {
      const run = spawnSync(process.execPath, ['bin/seed-volume.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
      expect([args, run.status]).toEqual([args, 2]);
      expect(run.stderr).toMatch(/Usage: npm run seed:volume/);
    }
  });
});
