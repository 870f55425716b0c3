import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { calendarFor } from '../cases/case-clock.ts';
import { calendarKey, inSnapshot, memoized, ROLLED_FROM, type Scope } from './case-facts.ts';
import { periodSegments, rolledSelect, withCaseRows, type CaseRows, type RowColumn, type RowNeeds } from './case-rows.ts';
import { localMidnight, type Period } from './period.ts';
import { localMoment } from '../time/org-time.ts';

/**
 * How a report counts its cases: sums per group and period, from one definition of each sum
 * (`MEASURES`) and of each group (`GRAINS`), over the rows of core/analytics/case-rows.ts.
 *
 * Where they serve, the resolved and closed cases come as counts per local day
 * (`analytics_day_counts`, kept by core/analytics/case-rollup.ts in the transaction that stores the
 * facts they are counted from): a day of a million-case org is some 550 rows in all (200 owners,
 * 200 takers, 50 providers, their faults, the problems) instead of 1,400 cases, and a report reads
 * only its groups' (the health figures one row a day). They serve a report of the default filters
 * (a filter picks cases by what a day does not keep) over whole local days, when the org's counts
 * were made for its calendar, case types and providers as they are now (`countsKey`: the outcomes
 * are counted against the targets).
 * A day holding a case changed since its facts were computed is read from the rows instead (its
 * counts hold that case's old facts); the cases open now and the changed ones are rows as always.
 * So a figure is the same either way: test/analytics-rollups.test.ts compares every report with
 * the timelines, with and without the counts.
 */
type Db = Knex | Knex.Transaction;

/** Each sum: its name (a column of analytics_day_counts) and how a group of rows adds it up. */
export const MEASURES: readonly (readonly [string, string])[] = [
  ['cases', 'count(*)'],
  ['resolved', 'count(*) FILTER (WHERE NOT is_open)'],
  ['within', "count(*) FILTER (WHERE reso = 'met' AND fro <> 'missed')"],
  ['outside', "count(*) FILTER (WHERE fro = 'missed' OR reso = 'missed')"],
  ['fr_sum', 'coalesce(sum(fr), 0)'],
  ['fr_n', 'count(fr)'],
  ['res_sum', 'coalesce(sum(clock) FILTER (WHERE NOT is_open), 0)'],
  ['reopened', 'count(*) FILTER (WHERE NOT is_open AND reopened_count > 0)'],
  // 1 - first response / target, floored at 0 (the staff score's response speed).
  ['speed_sum', 'coalesce(sum(greatest(0, 1 - fr::float8 / fr_target)) FILTER (WHERE fr IS NOT NULL AND fr_target <> 0), 0)'],
  ['speed_n', 'count(*) FILTER (WHERE fr IS NOT NULL AND fr_target <> 0)'],
  ['critical', "count(*) FILTER (WHERE severity = 'critical')"],
  ['rating_quarters', 'coalesce(sum(score - 1), 0)'],
  ['rating_n', 'count(score)'],
  ['fault', "count(*) FILTER (WHERE NOT is_open AND root_cause = 'provider_issue')"],
  ['decided', "count(*) FILTER (WHERE reso IN ('met', 'missed'))"],
  ['missed', "count(*) FILTER (WHERE reso = 'missed')"],
  ['refunded', 'count(*) FILTER (WHERE refunded)'],
  ['cancelled', 'count(*) FILTER (WHERE cancelled)'],
  ['refunded_or_cancelled', 'count(*) FILTER (WHERE refunded OR cancelled)'],
  ['waiting_provider_sum', 'coalesce(sum(waiting_provider), 0)'],
];

/** The columns of a case's row the sums and groups read. */
const READ: readonly RowColumn[] = ['owner_staff_id', 'provider_key', 'case_type', 'root_cause', 'is_open', 'fro', 'reso', 'fr', 'fr_target', 'clock', 'reopened_count', 'severity', 'score', 'refunded', 'cancelled', 'waiting_provider'];

/**
 * The rows of a family of groups: the taker's are a case's row once per person who took it (the
 * first taker straight from the list, as most cases are taken once; the others only where they
 * are not named earlier in it).
 */
const FAMILIES = {
  staff: (r: string) => r,
  provider: (r: string) => r,
  taker: (r: string) => `(SELECT r.*, r.taken_by->>0 AS taker FROM ${r} r WHERE r.taken_by->>0 IS NOT NULL
       UNION ALL
       SELECT r.*, t.staff_id FROM ${r} r CROSS JOIN LATERAL jsonb_array_elements_text(r.taken_by) WITH ORDINALITY AS t(staff_id, n)
        WHERE jsonb_array_length(r.taken_by) > 1 AND t.n > 1
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.taken_by) WITH ORDINALITY AS u(staff_id, n) WHERE u.n < t.n AND u.staff_id = t.staff_id))`,
};
type Family = keyof typeof FAMILIES;

/**
 * The groups: each with its two keys and the rows it counts (`where`), both on the columns it
 * names in `fine`, and the sums its readers use (the others are 0: a taker's cases are all the
 * staff report reads of them, and adding up twenty sums over two months of rows was most of its
 * count). The groups of a family are counted together: its rows are grouped once by the columns
 * its groups name (a few thousand groups of two months' cases, where the rows are a hundred
 * thousand), and each group adds those up. Families keep apart what would multiply: by owner and
 * by provider together, the groups would be nearly as many as the rows.
 */
export const GRAINS = {
  all: { family: 'staff', fine: [], k1: "''::text", k2: "''::text", where: 'true', sums: ['cases', 'resolved', 'within', 'outside', 'fr_sum', 'fr_n', 'res_sum'] },
  owner: {
    family: 'staff',
    fine: ['owner_staff_id'],
    k1: 'owner_staff_id::text',
    k2: "''::text",
    where: 'owner_staff_id IS NOT NULL',
    sums: ['cases', 'resolved', 'within', 'outside', 'fr_sum', 'fr_n', 'res_sum', 'reopened', 'speed_sum', 'speed_n', 'critical', 'rating_quarters', 'rating_n'],
  },
  /** Each person who took a case, once per case. */
  taker: { family: 'taker', fine: ['taker'], k1: 'taker', k2: "''::text", where: 'true', sums: ['cases'] },
  provider: {
    family: 'provider',
    fine: ['provider_key'],
    k1: 'provider_key',
    k2: "''::text",
    where: 'provider_key IS NOT NULL',
    sums: ['cases', 'resolved', 'fault', 'decided', 'missed', 'refunded', 'cancelled', 'refunded_or_cancelled', 'res_sum', 'waiting_provider_sum'],
  },
  /** A provider's own faults (resolved with the root cause provider_issue) per case type. */
  provider_fault: {
    family: 'provider',
    fine: ['provider_key', 'case_type', 'is_open', 'root_cause'],
    k1: 'provider_key',
    k2: 'case_type',
    where: "provider_key IS NOT NULL AND NOT is_open AND root_cause = 'provider_issue'",
    sums: ['cases'],
  },
  /** The cases with a root cause, per case type and root cause (the system debt's recurring problems). */
  root_cause: { family: 'provider', fine: ['case_type', 'root_cause'], k1: 'case_type', k2: 'root_cause', where: "root_cause IS NOT NULL AND root_cause <> ''", sums: ['cases'] },
} as const satisfies Record<string, { family: Family; fine: readonly string[]; k1: string; k2: string; where: string; sums: readonly string[] }>;
export type Grain = keyof typeof GRAINS;
const ALL_GRAINS = Object.keys(GRAINS) as Grain[];

/** The sums of one group in one period. */
export type Counts = { grain: Grain; i: number; k1: string; k2: string } & Record<string, number>;

const sumsOf = (g: Grain) => GRAINS[g].sums as readonly string[];

/**
 * Each grain's sums (`only` these) of the rows of the relation `r`, per their column `at` (a
 * segment of the periods, or a day): the WITH entries to add to the caller's (one per family, each
 * grouping the rows once) and the SELECT of the groups (grain, at, k1, k2, the sums).
 */
function grainSums(grains: Grain[], r: string, only: readonly (readonly [string, string])[]): { with: string[]; select: string } {
  const families = [...new Set(grains.map((g) => GRAINS[g].family))];
  const withs = families.map((family) => {
    const members = grains.filter((g) => GRAINS[g].family === family);
    const columns = [...new Set(members.flatMap((g) => GRAINS[g].fine as readonly string[]))];
    const sums = only.filter(([name]) => members.some((g) => sumsOf(g).includes(name)));
    return `fine_${family} AS MATERIALIZED (
        SELECT at${columns.map((c) => `, ${c}`).join('')}, ${sums.map(([name, sum]) => `${sum} AS ${name}`).join(', ')}
          FROM ${FAMILIES[family](r)} g GROUP BY at${columns.map((c) => `, ${c}`).join('')})`;
  });
  const select = grains
    .map((g) => {
      const d = GRAINS[g];
      return `SELECT '${g}'::text AS grain, at, ${d.k1} AS k1, ${d.k2} AS k2, ${only.map(([name]) => `${sumsOf(g).includes(name) ? `sum(${name})` : '0'} AS ${name}`).join(', ')}
                FROM fine_${d.family} WHERE ${d.where} GROUP BY 2, 3, 4`;
    })
    .join('\n UNION ALL\n');
  return { with: withs, select };
}

/**
 * The day counts of some rolled-up rows (all resolved or closed cases of whole days), as the
 * columns of analytics_day_counts but org_id (the day is `at`): for the rollup's writer.
 */
export function dayCountsSql(rolled: CaseRows, timeZone: string): { sql: string; bindings: unknown[] } {
  const sums = grainSums(ALL_GRAINS, 'r', MEASURES);
  return {
    sql: `WITH r AS MATERIALIZED (SELECT (r.opened_at AT TIME ZONE ?)::date AS at, ${READ.join(', ')}, taken_by FROM (${rolled.sql}) r), ${sums.with.join(', ')}
          ${sums.select}`,
    bindings: [timeZone, ...rolled.bindings],
  };
}

/** The sums and groups as this code counts them: counts made by other code are counted again. */
const DEFINITION = createHash('sha256')
  .update(JSON.stringify([MEASURES, FAMILIES.taker('r'), GRAINS]))
  .digest('hex')
  .slice(0, 16);

/**
 * What the counts were made for: the definition of the sums and groups, the calendar (days,
 * business minutes), the case types (targets) and the providers (keys).
 */
export async function countsKey(db: Db, orgId: string): Promise<string> {
  return (await countsKeys(db, [orgId])).get(orgId)!;
}

/**
 * The same for many orgs in two statements: the workers' rollup looks at every org every few
 * seconds, and two statements an org were thousands a pass on a deployment of a thousand.
 */
export async function countsKeys(db: Db, orgIds: string[]): Promise<Map<string, string>> {
  const types = await db('case_types').select('org_id', 'id', 'key', 'first_response_minutes', 'resolution_minutes').whereIn('org_id', orgIds).orderBy(['org_id', 'id']);
  const providers = await db('providers').select('org_id', 'id', 'key').whereIn('org_id', orgIds).orderBy(['org_id', 'id']);
  const typesOf = Map.groupBy(types, (t) => t.org_id as string);
  const providersOf = Map.groupBy(providers, (p) => p.org_id as string);
  const keys = new Map<string, string>();
  for (const orgId of orgIds) {
    keys.set(
      orgId,
      JSON.stringify({
        definition: DEFINITION,
        calendar: calendarKey(await calendarFor(db, orgId)),
        types: (typesOf.get(orgId) ?? []).map((t) => [t.id, t.key, t.first_response_minutes, t.resolution_minutes]),
        providers: (providersOf.get(orgId) ?? []).map((p) => [p.id, p.key]),
      }),
    );
  }
  return keys;
}

/** The rolled-up rows of the resolved and closed cases of some consecutive local days (their facts as stored, changed or not): what a day's counts count. */
export function closedRowsOfDays(orgId: string, days: string[], timeZone: string): CaseRows {
  const lo = localMidnight(...ymd(days.reduce((a, b) => (a < b ? a : b))), timeZone);
  const hi = new Date(localMidnight(...ymd(days.reduce((a, b) => (a > b ? a : b))), timeZone).getTime() + 2 * 86_400_000);
  return closedRows('f.org_id = ? AND f.opened_at >= ? AND f.opened_at < ? AND (f.opened_at AT TIME ZONE ?)::date = ANY(?::date[])', [orgId, lo, hi, timeZone, days]);
}

/** The rolled-up rows of some cases, those resolved or closed (what the counts count of them). */
export function closedRowsOfCases(orgId: string, caseIds: string[]): CaseRows {
  return closedRows('f.org_id = ? AND f.case_id = ANY(?::uuid[])', [orgId, caseIds]);
}

const closedRows = (where: string, bindings: unknown[]) => rolledSelect({ from: ROLLED_FROM, where: `${where} AND f.closed`, bindings }, { takenBy: true });

const ymd = (d: string) => d.split('-').map(Number) as [number, number, number];

const FILTERS = ['team', 'caseType', 'category', 'severity', 'channel', 'provider', 'owner'] as const;

/** The periods as local days [from, to), or null when one does not start and end at local midnights. */
function wholeDays(periods: Period[], timeZone: string): { from: string; to: string }[] | null {
  const out = periods.map((p) => ({ from: localMoment(timeZone, p.from).date, to: localMoment(timeZone, p.to).date }));
  const at = (d: string) => localMidnight(...ymd(d), timeZone).getTime();
  return out.every((d, k) => at(d.from) === periods[k].from.getTime() && at(d.to) === periods[k].to.getTime()) ? out : null;
}

/**
 * Whether the day counts serve these periods (`days`, whole local days) of the scope, and then the
 * days to read from the rows instead (those holding a case changed since its facts were computed),
 * in the caller's snapshot.
 */
async function changedDays(trx: Knex.Transaction, scope: Scope, days: { from: string; to: string }[] | null): Promise<string[] | null> {
  if (!days || scope.live || FILTERS.some((f) => scope.query[f])) return null;
  return memoized(scope, 'day-counts', async () => {
    const state = await trx('analytics_rollup_state').select('counts').where({ org_id: scope.orgId }).first();
    if (!state?.counts || state.counts !== (await countsKey(trx, scope.orgId))) return null;
    const { rows } = await trx.raw<{ rows: { day: string }[] }>(
      `SELECT DISTINCT (f.opened_at AT TIME ZONE ?)::date::text AS day
         FROM analytics_dirty_cases d JOIN analytics_case_facts f ON f.case_id = d.case_id
        WHERE d.org_id = ? AND f.closed`,
      [scope.period.timeZone, scope.orgId],
    );
    return rows.map((r) => r.day);
  });
}

/**
 * The sums (MEASURES) per group of each grain and per period (`i`, the index in `periods`) of the
 * scope's cases opened in the periods, in one snapshot: from the day counts and the rows where the
 * counts serve, from the rows alone otherwise. The rows are read once for all the periods
 * (case-rows.ts, periodSegments), once per family of grains.
 *
 * Within a request (Scope.memo), the sums of each grain and period are kept: a report made of
 * others (the CEO view) asks for all its grains and periods at once, and the reports it is made of
 * are then answered from what was read (a filtered CEO view over 90 days read two quarters of rows
 * six times over).
 */
export async function countCases(db: Db, scope: Scope, periods: Period[], grains: Grain[]): Promise<Counts[]> {
  const keyOf = (g: Grain, p: Period) => `counts:${g}:${p.from.toISOString()}/${p.to.toISOString()}`;
  const memo = scope.memo;
  if (memo && grains.every((g) => periods.every((p) => memo.has(keyOf(g, p))))) {
    const known = await Promise.all(grains.flatMap((g) => periods.map(async (p, i) => ((await memo.get(keyOf(g, p))) as Counts[]).map((x) => ({ ...x, i }) as Counts))));
    return known.flat();
  }
  const counted = await count(db, scope, periods, grains);
  for (const g of grains) periods.forEach((p, i) => memo?.set(keyOf(g, p), Promise.resolve(counted.filter((x) => x.grain === g && x.i === i))));
  return counted;
}

function count(db: Db, scope: Scope, periods: Period[], grains: Grain[]): Promise<Counts[]> {
  return inSnapshot(db, async (trx) => {
    const tz = scope.period.timeZone;
    const span: Period = { from: new Date(Math.min(...periods.map((p) => p.from.getTime()))), to: new Date(Math.max(...periods.map((p) => p.to.getTime()))), timeZone: tz };
    const days = wholeDays(periods, tz);
    const changed = await changedDays(trx, scope, days);
    const takenBy = grains.includes('taker');
    const need: RowNeeds = { takenBy, columns: ['opened_at', ...READ, ...(takenBy ? (['taken_by'] as const) : [])], ...(changed ? { closedOnDays: changed } : {}) };
    return withCaseRows(trx, { ...scope, period: span }, need, async (_, rows) => {
      // Only the sums these grains are read for.
      const sums = MEASURES.filter(([name]) => grains.some((g) => sumsOf(g).includes(name)));
      const bySegment = periodSegments(periods);
      const rowSums = grainSums(grains, 'r', sums);
      const toPeriods = bySegment.join('g.at');
      // The rows read once (in parallel, where they are many) and kept for every family's grouping:
      // read again for each family instead, in parallel, a filtered staff report (owners and
      // takers) took 215 ms against 175, the filtered CEO view over 90 days 600 against 565.
      const parts = [`SELECT g.grain, p.i, g.k1, g.k2, ${sums.map(([name]) => `g.${name}`).join(', ')} FROM (${rowSums.select}) g ${toPeriods.sql}`];
      const bindings: unknown[] = [...bySegment.segment.bindings, ...rows.bindings, ...toPeriods.bindings];
      if (changed && days) {
        // The days' counts summed per segment first, as the rows are: a month's counts per owner,
        // joined day by day to the periods, were 35,000 rows to sort.
        const byDay = periodSegments(days, 'd.day', 'date');
        const dayToPeriods = byDay.join('d.at');
        parts.push(`SELECT d.grain, p.i, d.k1, d.k2, ${sums.map(([name]) => `d.${name}`).join(', ')}
                      FROM (SELECT d.grain, ${byDay.segment.sql} AS at, d.k1, d.k2, ${sums.map(([name]) => `sum(d.${name}::float8) AS ${name}`).join(', ')}
                              FROM analytics_day_counts d
                             WHERE d.org_id = ? AND d.grain = ANY(?::text[]) AND d.day >= ?::date AND d.day < ?::date AND d.day <> ALL(?::date[])
                             GROUP BY 1, 2, 3, 4) d ${dayToPeriods.sql}`);
        const first = days.reduce((a, d) => (d.from < a ? d.from : a), days[0].from);
        const last = days.reduce((a, d) => (d.to > a ? d.to : a), days[0].to);
        bindings.push(...byDay.segment.bindings, scope.orgId, grains, first, last, changed, ...dayToPeriods.bindings);
      }
      const { rows: out } = await trx.raw<{ rows: Counts[] }>(
        `WITH r AS MATERIALIZED (SELECT ${bySegment.segment.sql} AS at, ${READ.join(', ')}${takenBy ? ', taken_by' : ''} FROM (${rows.sql}) r), ${rowSums.with.join(', ')}
         SELECT grain, i, k1, k2, ${sums.map(([name]) => `sum(${name})::float8 AS ${name}`).join(', ')}
           FROM (${parts.join('\n UNION ALL\n')}) x GROUP BY 1, 2, 3, 4`,
        bindings as Knex.RawBinding[],
      );
      return out;
    });
  });
}
