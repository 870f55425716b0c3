import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { calendarFor } from '../cases/case-clock.ts';
import { calendarKey, inSnapshot, memoized, ROLLED_FROM, type Scope } from './case-facts.ts';
import { periodsJoin, rolledSelect, withCaseRows, type CaseRows } from './case-rows.ts';
import { localDate, localMidnight, type Period } from './period.ts';

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
const READ = 'owner_staff_id, provider_key, case_type, root_cause, is_open, fro, reso, fr, fr_target, clock, reopened_count, severity, score, refunded, cancelled, waiting_provider';

/**
 * The groups: each with its two keys, the rows it counts (from a relation `r` of case rows) and
 * the sums its readers use (the others are 0: a taker's cases are all the staff report reads of
 * them, and adding up twenty sums over two months of rows was most of its count).
 * `taker`: each person who took a case, once per case (the first taker straight from the list, as
 * most cases are taken once; the others only where they are not named earlier in it).
 */
export const GRAINS = {
  all: { k1: "''::text", k2: "''::text", rows: (r: string) => r, sums: ['cases', 'resolved', 'within', 'outside', 'fr_sum', 'fr_n', 'res_sum'] },
  owner: {
    k1: 'owner_staff_id::text',
    k2: "''::text",
    rows: (r: string) => `(SELECT * FROM ${r} WHERE owner_staff_id IS NOT NULL)`,
    sums: ['cases', 'resolved', 'within', 'outside', 'fr_sum', 'fr_n', 'res_sum', 'reopened', 'speed_sum', 'speed_n', 'critical', 'rating_quarters', 'rating_n'],
  },
  taker: {
    k1: 'taker',
    k2: "''::text",
    rows: (r: string) => `(SELECT r.*, r.taken_by->>0 AS taker FROM ${r} r WHERE r.taken_by->>0 IS NOT NULL
       UNION ALL
       SELECT r.*, t.staff_id FROM ${r} r CROSS JOIN LATERAL jsonb_array_elements_text(r.taken_by) WITH ORDINALITY AS t(staff_id, n)
        WHERE jsonb_array_length(r.taken_by) > 1 AND t.n > 1
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.taken_by) WITH ORDINALITY AS u(staff_id, n) WHERE u.n < t.n AND u.staff_id = t.staff_id))`,
    sums: ['cases'],
  },
  provider: {
    k1: 'provider_key',
    k2: "''::text",
    rows: (r: string) => `(SELECT * FROM ${r} WHERE provider_key IS NOT NULL)`,
    sums: ['cases', 'resolved', 'fault', 'decided', 'missed', 'refunded', 'cancelled', 'refunded_or_cancelled', 'res_sum', 'waiting_provider_sum'],
  },
  /** A provider's own faults (resolved with the root cause provider_issue) per case type. */
  provider_fault: {
    k1: 'provider_key',
    k2: 'case_type',
    rows: (r: string) => `(SELECT * FROM ${r} WHERE provider_key IS NOT NULL AND NOT is_open AND root_cause = 'provider_issue')`,
    sums: ['cases'],
  },
  /** The cases with a root cause, per case type and root cause (the system debt's recurring problems). */
  root_cause: {
    k1: 'case_type',
    k2: 'root_cause',
    rows: (r: string) => `(SELECT * FROM ${r} WHERE root_cause IS NOT NULL AND root_cause <> '')`,
    sums: ['cases'],
  },
} as const satisfies Record<string, { k1: string; k2: string; rows: (r: string) => string; sums: readonly string[] }>;
export type Grain = keyof typeof GRAINS;
const ALL_GRAINS = Object.keys(GRAINS) as Grain[];

/** The sums of one group in one period. */
export type Counts = { grain: Grain; i: number; k1: string; k2: string } & Record<string, number>;

/** Each grain's sums (`only` these, when given) of the rows of `r`, per `by` (an expression: the period index or the day). */
function grainSums(grains: Grain[], r: string, by: string, only = MEASURES): string {
  return grains
    .map((g) => `SELECT '${g}'::text AS grain, ${by} AS at, ${GRAINS[g].k1} AS k1, ${GRAINS[g].k2} AS k2, ${only.map(([name, sum]) => `${(GRAINS[g].sums as readonly string[]).includes(name) ? sum : '0'} AS ${name}`).join(', ')}
                   FROM ${GRAINS[g].rows(r)} g GROUP BY 2, 3, 4`)
    .join('\n UNION ALL\n');
}

/**
 * The day counts of some rolled-up rows (all resolved or closed cases of whole days), as the
 * columns of analytics_day_counts but org_id: for the rollup's writer.
 */
export function dayCountsSql(rolled: CaseRows, timeZone: string): { sql: string; bindings: unknown[] } {
  return {
    sql: `WITH r AS MATERIALIZED (SELECT (r.opened_at AT TIME ZONE ?)::date AS day, ${READ}, taken_by FROM (${rolled.sql}) r)
          ${grainSums(ALL_GRAINS, 'r', 'day')}`,
    bindings: [timeZone, ...rolled.bindings],
  };
}

/** The sums and groups as this code counts them: counts made by other code are counted again. */
const DEFINITION = createHash('sha256')
  .update(JSON.stringify([MEASURES, Object.entries(GRAINS).map(([g, d]) => [g, d.k1, d.k2, d.rows('r'), d.sums])]))
  .digest('hex')
  .slice(0, 16);

/**
 * What the counts were made for: the definition of the sums and groups, the calendar (days,
 * business minutes), the case types (targets) and the providers (keys).
 */
export async function countsKey(db: Db, orgId: string): Promise<string> {
  const types = await db('case_types').select('id', 'key', 'first_response_minutes', 'resolution_minutes').where({ org_id: orgId }).orderBy('id');
  const providers = await db('providers').select('id', 'key').where({ org_id: orgId }).orderBy('id');
  return JSON.stringify({
    definition: DEFINITION,
    calendar: calendarKey(await calendarFor(db, orgId)),
    types: types.map((t) => [t.id, t.key, t.first_response_minutes, t.resolution_minutes]),
    providers: providers.map((p) => [p.id, p.key]),
  });
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
  const out = periods.map((p) => ({ from: localDate(p.from, timeZone), to: localDate(p.to, timeZone) }));
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
 * counts serve, from the rows alone otherwise.
 *
 * Periods that follow each other are told apart by a CASE on each row (or day). Periods that
 * overlap (the CEO view's week and month within its period) would join every row to each period
 * it falls in: when they are whole local days, the rows are summed per day first, and the days
 * joined to the periods (a filtered CEO view over 90 days at a million cases: its health figures
 * 250 to 335 ms joined, 228 to 234 summed per day first, measured alternately).
 */
export function countCases(db: Db, scope: Scope, periods: Period[], grains: Grain[]): Promise<Counts[]> {
  return inSnapshot(db, async (trx) => {
    const tz = scope.period.timeZone;
    const span: Period = { from: new Date(Math.min(...periods.map((p) => p.from.getTime()))), to: new Date(Math.max(...periods.map((p) => p.to.getTime()))), timeZone: tz };
    const days = wholeDays(periods, tz);
    const changed = await changedDays(trx, scope, days);
    const need = { takenBy: grains.includes('taker'), ...(changed ? { closedOnDays: changed } : {}) };
    return withCaseRows(trx, { ...scope, period: span }, need, async (_, rows) => {
      // Only the sums these grains are read for.
      const sums = MEASURES.filter(([name]) => grains.some((g) => (GRAINS[g].sums as readonly string[]).includes(name)));
      const rowJoin = periodsJoin(periods);
      const perDay = Boolean(days && rowJoin.sql);
      // Each row's period (or day, when summed per day first); the day counts' likewise.
      const rowAt = perDay ? { index: '(r.opened_at AT TIME ZONE ?)::date', sql: '', bindings: [] as unknown[], first: [tz] } : { ...rowJoin, first: [] as unknown[] };
      const dayJoin = days ? periodsJoin(days, 'd.day', 'date') : null;
      const dayAt = perDay ? { index: 'd.day', sql: '', bindings: [] as unknown[] } : dayJoin;
      // Read once for every grain (materialised when more than one reads it), only the columns counted.
      const r = `SELECT ${rowAt.index} AS i, ${READ}${need.takenBy ? ', taken_by' : ''} FROM (${rows.sql}) r ${rowAt.sql}`;
      const parts = [grainSums(grains, 'r', 'i', sums)];
      const bindings: unknown[] = [...rowAt.first, ...rows.bindings, ...rowAt.bindings];
      if (changed && days && dayAt) {
        parts.push(`SELECT d.grain, ${dayAt.index} AS at, d.k1, d.k2, ${sums.map(([name]) => `d.${name}`).join(', ')}
                      FROM analytics_day_counts d ${dayAt.sql}
                     WHERE d.org_id = ? AND d.grain = ANY(?::text[]) AND d.day >= ?::date AND d.day < ?::date AND d.day <> ALL(?::date[])`);
        const first = days.reduce((a, d) => (d.from < a ? d.from : a), days[0].from);
        const last = days.reduce((a, d) => (d.to > a ? d.to : a), days[0].to);
        bindings.push(...dayAt.bindings, scope.orgId, grains, first, last, changed);
      }
      // Summed per day: the days to their periods.
      const toPeriods = perDay ? periodsJoin(days!, 'x.at', 'date') : { index: 'x.at', sql: '', bindings: [] };
      bindings.push(...toPeriods.bindings);
      const { rows: out } = await trx.raw<{ rows: Counts[] }>(
        `WITH r AS ${grains.length > 1 ? 'MATERIALIZED ' : ''}(${r})
         SELECT grain, ${toPeriods.index} AS i, k1, k2, ${sums.map(([name]) => `sum(${name})::float8 AS ${name}`).join(', ')}
           FROM (${parts.join('\n UNION ALL\n')}) x ${toPeriods.sql} WHERE x.at IS NOT NULL GROUP BY 1, 2, 3, 4`,
        bindings as Knex.RawBinding[],
      );
      return out;
    });
  });
}
