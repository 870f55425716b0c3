import type { Knex } from 'knex';
import { validationFailed } from '../errors/index.ts';
import { DEFAULT_SCORE_WEIGHTS, scoreWeights, type AnalyticsQuery, type DrillFigure, type TrendGranularity } from '../contracts/analytics.ts';
import { caseFacts, drillLink, filterSql, type DrillExtra, matchesFigure, OPEN_NOW_FIGURES, snapshot, type CaseFact, type Minutes, type RolledCases, type Scope } from './case-facts.ts';
import { BUCKET_OF, openNowByOwner, withCaseRows, type CaseRows } from './case-rows.ts';
import { countCases } from './day-counts.ts';
import { bucketsOf, nextBucket, previousPeriod, resolvePeriod, type Period } from './period.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The analytics reports, each computed from the case facts (core/analytics/case-facts.ts) of the
 * cases opened in the period. Every figure that counts cases carries the drill-down path to them.
 * The choices where the issue is silent are written in docs/analytics.md.
 */
type Db = Knex | Knex.Transaction;

export async function scopeOf(db: Db, orgId: string, query: AnalyticsQuery, now: Date): Promise<Scope> {
  const org = (await orgSettingsRow(db, orgId))!;
  return { orgId, query, now, period: resolvePeriod(query, org.time_zone, now) };
}

export function periodView(scope: Scope) {
  const filters: Record<string, string> = {};
  for (const k of ['team', 'caseType', 'category', 'severity', 'channel', 'provider', 'owner'] as const) if (scope.query[k]) filters[k] = String(scope.query[k]);
  return { from: scope.period.from.toISOString(), to: scope.period.to.toISOString(), timeZone: scope.period.timeZone, filters };
}

/**
 * One decimal place. Sums come from the database (rolled-up cases) or from JavaScript (the
 * timelines), added up in another order; their last bits differ, and a figure on a .x5 boundary
 * would round both ways (a mean resolution time of 86.25 minutes read as 86.2 one way, 86.3 the
 * other). Rounded to 9 places first, the same figures give the same answer however they were added.
 */
export const round1 = (n: number) => Math.round(Math.round(n * 1e9) / 1e8) / 10;
export const avg = (xs: number[]) => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
export const rate = (num: number, den: number) => (den ? Math.round((num / den) * 10_000) / 10_000 : null);
/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
export const fig = (q: AnalyticsQuery, value: number | null, figure: DrillFigure, extra: DrillExtra = {}) => ({ value, drill: drillLink(q, figure, extra) });

/** A case is within SLA when it missed no clock; decided once a clock missed or it was resolved with its resolution met. */
export function slaDecided(f: CaseFact): 'within' | 'outside' | null {
  if (f.firstResponseOutcome === 'missed' || f.resolutionOutcome === 'missed') return 'outside';
  if (f.resolutionOutcome === 'met') return 'within';
  return null;
}

// ------------------------------------------------------------------------------ time tracking

const BUCKETS = [
  { bucket: 'queue', key: 'queue', whose: 'ours: waiting for someone to take it', figure: 'cases' },
  { bucket: 'active', key: 'active', whose: 'ours: investigating and fixing', figure: 'cases' },
  { bucket: 'waiting_customer', key: 'waiting_customer', whose: "the customer's", figure: 'waiting_customer' },
  { bucket: 'waiting_provider', key: 'waiting_provider', whose: "the provider's", figure: 'waiting_provider' },
] as const;

export function caseTimeRow(f: CaseFact) {
  const pair = (k: 'queue' | 'active' | 'waiting_customer' | 'waiting_provider'): Minutes => ({ business: f.buckets.business[k], calendar: f.buckets.wall[k] });
  return {
    number: f.number,
    caseType: f.caseType,
    status: f.status,
    severity: f.severity,
    openedAt: f.openedAt.toISOString(),
    firstResponse: f.firstResponse ?? { business: null, calendar: null },
    queue: pair('queue'),
    active: pair('active'),
    waitingCustomer: pair('waiting_customer'),
    waitingProvider: pair('waiting_provider'),
    resolution: f.totalResolution ?? { business: null, calendar: null },
  };
}

export const PER_CASE_JSON_LIMIT = 500;

type BucketKey = (typeof BUCKETS)[number]['key'];

/** What time tracking adds up over the cases. */
interface TimeTally {
  n: number;
  sums: { business: Record<BucketKey, number>; calendar: Record<BucketKey, number> };
  counts: Record<BucketKey, number>;
  fr: { n: number; business: number; calendar: number };
  res: { n: number; business: number; calendar: number };
}

/**
 * The rolled-up (resolved or closed, unchanged) cases added up in the database, as the facts
 * would add them (their time in the queue, at work and waiting is final; first response and total
 * resolution as rolled up).
 */
async function countRolledTime(trx: Knex.Transaction, rolled: RolledCases) {
  const part = (side: 'business' | 'wall', k: string) => `coalesce(sum(f.${side}_${k}), 0)::bigint AS ${side}_${k}`;
  const keys = BUCKETS.map((b) => b.key);
  const { rows } = await trx.raw<{ rows: Record<string, string | number | null>[] }>(
    `SELECT count(*)::int AS n, ${keys.flatMap((k) => [part('business', k), part('wall', k)]).join(', ')},
            ${keys.map((k) => `count(*) FILTER (WHERE f.wall_${k} > 0)::int AS with_${k}`).join(', ')},
            count(f.first_response_business)::int AS fr_n, coalesce(sum(f.first_response_business), 0)::bigint AS fr_business, coalesce(sum(f.first_response_calendar), 0)::bigint AS fr_calendar,
            coalesce(sum(f.business_open), 0)::bigint AS res_business, coalesce(sum(f.wall_open), 0)::bigint AS res_calendar
       FROM ${rolled.from} WHERE ${rolled.where}`,
    rolled.bindings as Knex.RawBinding[],
  );
  return rows[0];
}

export async function timeTracking(db: Db, scope: Scope) {
  const q = scope.query;
  const zero = () => ({ queue: 0, active: 0, waiting_customer: 0, waiting_provider: 0 });
  const t: TimeTally = { n: 0, sums: { business: zero(), calendar: zero() }, counts: zero(), fr: { n: 0, business: 0, calendar: 0 }, res: { n: 0, business: 0, calendar: 0 } };
  // The JSON table keeps the first cases by id, whatever order they were read in (rollup or timeline).
  let kept: { id: string; row: ReturnType<typeof caseTimeRow> }[] = [];
  const keep = (f: CaseFact) => {
    kept.push({ id: f.id, row: caseTimeRow(f) });
    if (kept.length >= PER_CASE_JSON_LIMIT * 4) kept = kept.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, PER_CASE_JSON_LIMIT);
  };
  // The resolved cases added up in the database (where the rollup is ready), and only the first of them by id read.
  const countRolled = async (trx: Knex.Transaction, rolled: RolledCases, read: (firstById: number) => Promise<CaseFact[]>) => {
    const r = await countRolledTime(trx, rolled);
    t.n += Number(r.n);
    for (const b of BUCKETS) {
      t.sums.business[b.key] += Number(r[`business_${b.key}`]);
      t.sums.calendar[b.key] += Number(r[`wall_${b.key}`]);
      t.counts[b.key] += Number(r[`with_${b.key}`]);
    }
    t.fr.n += Number(r.fr_n);
    t.fr.business += Number(r.fr_business);
    t.fr.calendar += Number(r.fr_calendar);
    t.res.n += Number(r.n);
    t.res.business += Number(r.res_business);
    t.res.calendar += Number(r.res_calendar);
    for (const f of await read(PER_CASE_JSON_LIMIT)) keep(f);
  };
  for await (const batch of caseFacts(db, scope, 'period', scope.live ? {} : { countRolled })) {
    for (const f of batch) {
      t.n++;
      for (const b of BUCKETS) {
        t.sums.business[b.key] += f.buckets.business[b.key];
        t.sums.calendar[b.key] += f.buckets.wall[b.key];
        if (f.buckets.wall[b.key] > 0) t.counts[b.key]++;
      }
      if (f.firstResponse) { t.fr.n++; t.fr.business += f.firstResponse.business; t.fr.calendar += f.firstResponse.calendar; }
      if (f.totalResolution) { t.res.n++; t.res.business += f.totalResolution.business; t.res.calendar += f.totalResolution.calendar; }
      keep(f);
    }
  }
  const n = t.n;
  const perCase = kept.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, PER_CASE_JSON_LIMIT).map((k) => k.row);
  const totalBusiness = BUCKETS.reduce((a, b) => a + t.sums.business[b.key], 0);
  const mean = (sum: number, count: number) => (count ? round1(sum / count) : null);
  const perCaseAvg = (k: BucketKey) => ({ business: mean(t.sums.business[k], n), calendar: mean(t.sums.calendar[k], n) });
  return {
    period: periodView(scope),
    cases: fig(q, n, 'cases'),
    whereTheTimeWent: BUCKETS.map((b) => ({
      bucket: b.bucket,
      whose: b.whose,
      business: t.sums.business[b.key],
      calendar: t.sums.calendar[b.key],
      share: rate(t.sums.business[b.key], totalBusiness),
      cases: fig(q, b.figure === 'cases' ? n : t.counts[b.key], b.figure),
    })),
    averages: {
      firstResponse: { business: mean(t.fr.business, t.fr.n), calendar: mean(t.fr.calendar, t.fr.n) },
      queue: perCaseAvg('queue'),
      active: perCaseAvg('active'),
      waitingCustomer: perCaseAvg('waiting_customer'),
      waitingProvider: perCaseAvg('waiting_provider'),
      totalResolution: { business: mean(t.res.business, t.res.n), calendar: mean(t.res.calendar, t.res.n) },
    },
    perCase,
    perCaseTruncated: n > perCase.length,
  };
}

// ------------------------------------------------------------------------------ SLA

/** What the SLA report counts, per trend bucket (`bucket`) and in all (`bucket` null). */
interface SlaCount {
  bucket: string | null;
  cases: number;
  fr_met: number;
  fr_missed: number;
  fr_pending: number;
  res_met: number;
  res_missed: number;
  res_pending: number;
  within: number;
  outside: number;
  /** First responses (business minutes), and the counted resolution clocks of the resolved cases. */
  fr_sum: string | null;
  fr_n: number;
  fr_p90: number | null;
  res_sum: string | null;
  res_n: number;
  res_p90: number | null;
}

/**
 * The period's cases counted in the database, per trend bucket and in all, by slaDecided's rules
 * (test/analytics-rollups.test.ts checks the rolled-up rows against the timelines). Percentiles are
 * nearest rank, as `percentile` counts them: percentile_disc(0.9) is the ceil(0.9 n)-th smallest.
 */
async function countSla(db: Db, scope: Scope, g: TrendGranularity): Promise<SlaCount[]> {
  return withCaseRows(db, scope, {}, async (trx, r) => {
    const { rows } = await trx.raw<{ rows: SlaCount[] }>(
      `SELECT ${BUCKET_OF} AS bucket, count(*)::int AS cases,
              count(*) FILTER (WHERE fro = 'met')::int AS fr_met, count(*) FILTER (WHERE fro = 'missed')::int AS fr_missed, count(*) FILTER (WHERE fro = 'pending')::int AS fr_pending,
              count(*) FILTER (WHERE reso = 'met')::int AS res_met, count(*) FILTER (WHERE reso = 'missed')::int AS res_missed, count(*) FILTER (WHERE reso = 'pending')::int AS res_pending,
              count(*) FILTER (WHERE reso = 'met' AND fro <> 'missed')::int AS within,
              count(*) FILTER (WHERE fro = 'missed' OR reso = 'missed')::int AS outside,
              sum(fr)::text AS fr_sum, count(fr)::int AS fr_n, percentile_disc(0.9) WITHIN GROUP (ORDER BY fr) AS fr_p90,
              (sum(clock) FILTER (WHERE NOT is_open))::text AS res_sum, count(*) FILTER (WHERE NOT is_open)::int AS res_n,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY clock) FILTER (WHERE NOT is_open) AS res_p90
         FROM (${r.sql}) r
        GROUP BY GROUPING SETS ((1), ())`,
      [g, scope.period.timeZone, ...r.bindings] as Knex.RawBinding[],
    );
    return rows;
  });
}

const mean = (sum: string | null, n: number) => (n ? round1(Number(sum) / n) : null);

function clockFigures(q: AnalyticsQuery, c: SlaCount | undefined, clock: 'first_response' | 'resolution') {
  const [met, missed, pending, sum, n, p90] =
    clock === 'first_response' ? [c?.fr_met, c?.fr_missed, c?.fr_pending, c?.fr_sum, c?.fr_n, c?.fr_p90] : [c?.res_met, c?.res_missed, c?.res_pending, c?.res_sum, c?.res_n, c?.res_p90];
  return {
    met: fig(q, met ?? 0, `${clock}.met`),
    missed: fig(q, missed ?? 0, `${clock}.missed`),
    pending: fig(q, pending ?? 0, `${clock}.pending`),
    complianceRate: rate(met ?? 0, (met ?? 0) + (missed ?? 0)),
    averageMinutes: mean(sum ?? null, n ?? 0),
    p90Minutes: p90 ?? null,
  };
}

export async function slaReport(db: Db, scope: Scope) {
  const q = scope.query;
  const g: TrendGranularity = q.granularity ?? 'day';
  const counted = await countSla(db, scope, g);
  const all = counted.find((c) => c.bucket === null);
  const byBucket = new Map(counted.filter((c) => c.bucket !== null).map((c) => [c.bucket!, c]));
  const open = await openNowByOwner(db, scope);
  return {
    period: periodView(scope),
    cases: fig(q, all?.cases ?? 0, 'cases'),
    firstResponse: clockFigures(q, all, 'first_response'),
    resolution: clockFigures(q, all, 'resolution'),
    openBreachesNow: fig(q, open.reduce((n, o) => n + o.breached, 0), 'open_breaches'),
    trend: bucketsOf(scope.period, g).map((bucket) => {
      const t = byBucket.get(bucket);
      return {
        bucket,
        cases: fig(q, t?.cases ?? 0, 'cases', { bucket }),
        met: t?.within ?? 0,
        missed: t?.outside ?? 0,
        complianceRate: rate(t?.within ?? 0, (t?.within ?? 0) + (t?.outside ?? 0)),
        averageResponseMinutes: mean(t?.fr_sum ?? null, t?.fr_n ?? 0),
        averageResolutionMinutes: mean(t?.res_sum ?? null, t?.res_n ?? 0),
      };
    }),
  };
}

// ------------------------------------------------------------------------------ staff performance

export type ScoreWeights = { sla: number; speed: number; load: number; customerImpact: number };

export async function scoreWeightsOf(db: Db, orgId: string): Promise<ScoreWeights> {
  const org = await orgSettingsRow(db, orgId);
  const parsed = scoreWeights.safeParse(org?.settings?.staffScoreWeights);
  return parsed.success ? parsed.data : { ...DEFAULT_SCORE_WEIGHTS };
}

interface StaffStats {
  casesTaken: number;
  casesOwned: number;
  within: number;
  outside: number;
  response: { sum: number; n: number };
  resolution: { sum: number; n: number };
  /** 1 - first response / target, floored at 0, per case owned with a response. */
  speed: { sum: number; n: number };
  critical: number;
  resolved: number;
  reopened: number;
  /** Customers' satisfaction scores of the cases owned, as (score - 1) / 4. */
  ratings: { sum: number; n: number };
}

/**
 * Each staff member's figures in each of some periods, counted by the rules the score states: the
 * cases they took (owner changes to them, each person once per case) and those they own now. The
 * periods (this one and the one before) touch, so they are read together, once.
 */
async function staffStatsOf(db: Db, scope: Scope, periods: Period[], taken: boolean): Promise<Map<string, StaffStats>[]> {
  const out = periods.map(() => new Map<string, StaffStats>());
  const counts = await countCases(db, scope, periods, taken ? ['owner', 'taker'] : ['owner']);
  const zero = { casesTaken: 0, casesOwned: 0, within: 0, outside: 0, response: { sum: 0, n: 0 }, resolution: { sum: 0, n: 0 }, speed: { sum: 0, n: 0 }, critical: 0, resolved: 0, reopened: 0, ratings: { sum: 0, n: 0 } };
  for (const x of counts) {
    const known = out[x.i].get(x.k1!) ?? { ...zero };
    if (x.grain === 'taker') known.casesTaken = x.cases;
    else
      Object.assign(known, {
        casesOwned: x.cases,
        within: x.within,
        outside: x.outside,
        response: { sum: x.fr_sum, n: x.fr_n },
        resolution: { sum: x.res_sum, n: x.resolved },
        speed: { sum: x.speed_sum, n: x.speed_n },
        critical: x.critical,
        resolved: x.resolved,
        reopened: x.reopened,
        ratings: { sum: x.rating_quarters / 4, n: x.rating_n },
      });
    out[x.i].set(x.k1!, known);
  }
  return out;
}

const RULES = {
  sla: 'share of the cases owned, with a decided SLA, that missed no clock (x 100)',
  speed: 'average over cases owned of 1 - first response / target, floored at 0 (x 100): answering at once is 100, at the target or later 0',
  load: 'cases owned / the most cases owned by anyone in the period (x 100)',
  customerImpact:
    "customers' satisfaction with the cases owned: average of (score - 1) / 4 (x 100), 1 is 0 and 5 is 100; for someone with no answers yet, the share of the resolved cases owned that were not reopened (x 100)",
};

function scoreOf(s: StaffStats | undefined, maxOwned: number, w: ScoreWeights) {
  const value = {
    sla: s && s.within + s.outside ? (s.within / (s.within + s.outside)) * 100 : null,
    speed: s && s.speed.n ? (s.speed.sum / s.speed.n) * 100 : null,
    load: s && maxOwned ? (s.casesOwned / maxOwned) * 100 : null,
    customerImpact: s && s.ratings.n ? (s.ratings.sum / s.ratings.n) * 100 : s && s.resolved ? ((s.resolved - s.reopened) / s.resolved) * 100 : null,
  };
  const keys = ['sla', 'speed', 'load', 'customerImpact'] as const;
  // The sums come from the database or from the timelines: `round1` gives both the same points.
  const parts = Object.fromEntries(
    keys.map((k) => [k, { value: value[k] === null ? null : round1(value[k]!), weight: w[k], points: value[k] === null ? 0 : round1((value[k]! * w[k]) / 100), rule: RULES[k] }]),
  ) as Record<(typeof keys)[number], { value: number | null; weight: number; points: number; rule: string }>;
  // A part with nothing to measure is left out, and the others count for its weight.
  const weighed = keys.filter((k) => value[k] !== null).reduce((a, k) => a + w[k], 0);
  const raw = keys.reduce((a, k) => a + (value[k] === null ? 0 : (value[k]! * w[k]) / 100), 0);
  const score = weighed ? round1((raw * 100) / weighed) : null;
  return { parts, score };
}

/**
 * `taken: false` leaves the cases each person took uncounted (null): the CEO view shows none, and
 * counting them means reading the rows once more (a filtered CEO view over 90 days at a million
 * cases: its staff part 380 ms with them, 160 without).
 */
export async function staffPerformance(db: Db, scope: Scope, { taken = true }: { taken?: boolean } = {}) {
  const q = scope.query;
  const weights = await scoreWeightsOf(db, scope.orgId);
  const [now, before] = await staffStatsOf(db, scope, [scope.period, previousPeriod(scope.period)], taken);
  const open = await openNowByOwner(db, scope);
  const maxNow = Math.max(0, ...[...now.values()].map((s) => s.casesOwned));
  const maxBefore = Math.max(0, ...[...before.values()].map((s) => s.casesOwned));
  const staff = await db('staff').select('id', 'display_name', 'role', 'is_active').where({ org_id: scope.orgId }).orderBy('display_name');
  const rows = staff
    .filter((p) => p.is_active || now.has(p.id))
    .map((p) => {
      const s = now.get(p.id);
      const b = before.get(p.id);
      const { parts, score } = scoreOf(s, maxNow, weights);
      const prev = scoreOf(b, maxBefore, weights);
      const withinNow = s ? rate(s.within, s.within + s.outside) : null;
      const withinBefore = b ? rate(b.within, b.within + b.outside) : null;
      return {
        staffId: p.id as string,
        name: p.display_name as string,
        role: p.role as string,
        casesTaken: fig(q, taken ? (s?.casesTaken ?? 0) : null, 'taken', { staff: p.id }),
        casesOwned: fig(q, s?.casesOwned ?? 0, 'cases', { staff: p.id }),
        withinSlaRate: withinNow,
        averageResponseMinutes: s?.response.n ? round1(s.response.sum / s.response.n) : null,
        averageResolutionMinutes: s?.resolution.n ? round1(s.resolution.sum / s.resolution.n) : null,
        criticalHandled: fig(q, s?.critical ?? 0, 'critical', { staff: p.id }),
        score: score ?? 0,
        parts,
        previous: { score: prev.score, casesOwned: b?.casesOwned ?? 0, withinSlaRate: withinBefore },
        change: {
          score: score !== null && prev.score !== null ? round1(score - prev.score) : null,
          casesOwned: (s?.casesOwned ?? 0) - (b?.casesOwned ?? 0),
          withinSlaRate: withinNow !== null && withinBefore !== null ? round1((withinNow - withinBefore) * 10_000) / 10_000 : null,
        },
      };
    });
  const label = { sla: 'SLA compliance', speed: 'response speed', load: 'case load', customerImpact: 'customer impact' } as const;
  const topPerformers = rows
    .filter((r) => r.casesOwned.value! > 0)
    .sort((a, b) => b.score - a.score || b.casesOwned.value! - a.casesOwned.value!)
    .slice(0, 3)
    .map((r) => {
      const best = (Object.keys(r.parts) as (keyof typeof label)[]).filter((k) => r.parts[k].value !== null).sort((a, b) => r.parts[b].points - r.parts[a].points)[0];
      // Owning a case gives a case-load value, so some part is measured and `best` is one of them.
      const strongest = { part: best, value: r.parts[best].value! };
      const casesOwned = r.casesOwned.value!;
      return { staffId: r.staffId, name: r.name, score: r.score, strongest, casesOwned, reason: `score ${r.score}; strongest part: ${label[best]} ${strongest.value} (${casesOwned} ${casesOwned === 1 ? 'case' : 'cases'} owned)` };
    });
  const breachesBy = new Map<string, number>();
  for (const o of open) if (o.owner) breachesBy.set(o.owner, o.breached);
  const bottlenecks = rows.flatMap((r) => {
    // `reason` in English for API readers; `kind` and the numbers for pages that word it in their own language.
    const out: ({ staffId: string; name: string; reason: string; drill: string; count: number } & ({ kind: 'breachesNow' } | { kind: 'missedSla'; of: number; withinRate: number }))[] = [];
    const breaches = breachesBy.get(r.staffId) ?? 0;
    if (breaches > 0) out.push({ staffId: r.staffId, name: r.name, kind: 'breachesNow', count: breaches, reason: `${breaches} open case${breaches === 1 ? '' : 's'} past SLA now`, drill: drillLink(q, 'open_breaches', { staff: r.staffId }) });
    const s = now.get(r.staffId);
    if (s && s.outside > 0 && r.withinSlaRate !== null && r.withinSlaRate < 0.8) {
      const of = s.within + s.outside;
      out.push({ staffId: r.staffId, name: r.name, kind: 'missedSla', count: s.outside, of, withinRate: r.withinSlaRate, reason: `missed SLA on ${s.outside} of ${of} decided cases (${Math.round(r.withinSlaRate * 100)} % within)`, drill: drillLink(q, 'resolution.missed', { staff: r.staffId }) });
    }
    return out;
  });
  return { period: periodView(scope), weights, staff: rows, topPerformers, bottlenecks };
}

// ------------------------------------------------------------------------------ drill-down

export interface DrillNarrowing {
  figure: DrillFigure;
  staff?: string;
  bucket?: string;
  rootCause?: string;
  contact?: string;
  status?: string;
}

/** A case behind a figure, as the drill-down lists it. */
export interface DrillRow {
  number: string;
  caseType: string;
  status: string;
  openedAt: Date;
}

/**
 * The figures of the period as conditions on its case rows (core/analytics/case-rows.ts), as
 * matchesFigure decides them on a case's facts (test/analytics-rollups.test.ts checks the two
 * agree for every figure). The figures of the cases open now are read as facts: they are few, and
 * whether one is past or near its SLA is worked out at the moment of reading.
 */
const PERIOD_FIGURE_SQL: Record<Exclude<DrillFigure, (typeof OPEN_NOW_FIGURES)[number]>, string> = {
  cases: 'true',
  taken: 'jsonb_array_length(taken_by) > 0',
  'first_response.met': "fro = 'met'",
  'first_response.missed': "fro = 'missed'",
  'first_response.pending': "fro = 'pending'",
  'resolution.met': "reso = 'met'",
  'resolution.missed': "reso = 'missed'",
  'resolution.pending': "reso = 'pending'",
  resolved: 'NOT is_open',
  waiting_customer: 'waits_customer',
  waiting_provider: 'waits_provider',
  reopened: 'reopened_count > 0',
  critical: "severity = 'critical'",
  refunded: 'refunded',
  cancelled: 'cancelled',
  provider_issue: "root_cause = 'provider_issue'",
  'csat.asked': 'asked',
  'csat.answered': 'score IS NOT NULL',
  'csat.satisfied': 'score >= 4',
  'csat.unsatisfied': 'score <= 2',
  'csat.commented': 'comment IS NOT NULL',
};

const isOpenNowFigure = (f: DrillFigure): f is (typeof OPEN_NOW_FIGURES)[number] => (OPEN_NOW_FIGURES as readonly DrillFigure[]).includes(f);

/** The cases behind a figure: `page` one page by case number and the count; `batches` all of them, batch by batch (for streaming). */
export interface Drill {
  page(limit: number, after?: string): Promise<{ count: number; cases: DrillRow[]; next: string | null }>;
  batches(): AsyncGenerator<DrillRow[]>;
}

/** The cases behind a figure; the request is checked before anything is read. */
export async function drillCases(db: Db, scope: Scope, n: DrillNarrowing): Promise<Drill> {
  if (n.staff && !(await db('staff').select('id').where({ org_id: scope.orgId, id: n.staff }).first())) {
    throw validationFailed('Unknown staff member', [{ path: 'staff', message: 'no such staff member in this org' }]);
  }
  if (n.contact && !(await db('contacts').select('id').where({ org_id: scope.orgId, id: n.contact }).first())) {
    throw validationFailed('Unknown customer', [{ path: 'contact', message: 'no such customer in this org' }]);
  }
  await filterSql(db, scope.orgId, scope.query);
  const bucketScope = n.bucket ? bucketNarrowed(scope, n.bucket) : scope;
  if (isOpenNowFigure(n.figure)) {
    const batches = () => openNowBatches(db, bucketScope, n);
    return { batches, page: (limit, after) => drillPage(batches(), limit, after) };
  }
  return periodDrill(db, bucketScope, n, PERIOD_FIGURE_SQL[n.figure]);
}

/** Case numbers in the order they were given (C-999999 before C-1000000). */
export const compareCaseNumbers = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
/** The same order in SQL, on a column `number`. */
const BY_NUMBER = 'length(number), number';

/** One page of rows read batch by batch, keeping only the page, and how many there are in all. */
async function drillPage(batches: AsyncIterable<DrillRow[]>, limit: number, after?: string) {
  let count = 0;
  let page: DrillRow[] = [];
  const byNumber = (a: DrillRow, b: DrillRow) => compareCaseNumbers(a.number, b.number);
  for await (const batch of batches) {
    for (const f of batch) {
      count++;
      if (after !== undefined && compareCaseNumbers(f.number, after) <= 0) continue;
      page.push(f);
      if (page.length > limit * 4) page = page.sort(byNumber).slice(0, limit + 1);
    }
  }
  page.sort(byNumber);
  const more = page.length > limit;
  page = page.slice(0, limit);
  return { count, cases: page, next: more ? page.at(-1)!.number : null };
}

/** The scope narrowed to one trend bucket (the first day of a day, week or month in the org's time zone). */
function bucketNarrowed(scope: Scope, bucket: string): Scope {
  const g: TrendGranularity = scope.query.granularity ?? 'day';
  const period: Period = { ...scope.period };
  const from = resolvePeriod({ from: bucket, to: bucket }, scope.period.timeZone, scope.now).from;
  const to = resolvePeriod({ from: nextBucket(bucket, g), to: nextBucket(bucket, g) }, scope.period.timeZone, scope.now).from;
  period.from = from > period.from ? from : period.from;
  period.to = to < period.to ? to : period.to;
  return { ...scope, period };
}

async function* openNowBatches(db: Db, scope: Scope, n: DrillNarrowing): AsyncGenerator<DrillRow[]> {
  const narrowed = (f: CaseFact) =>
    (!n.staff || f.ownerStaffId === n.staff) && (!n.rootCause || f.rootCause === n.rootCause) && (!n.contact || f.contactId === n.contact) && (!n.status || f.status === n.status);
  for await (const batch of caseFacts(db, scope, 'open')) {
    const hit = batch.filter((f) => narrowed(f) && matchesFigure(f, n.figure));
    if (hit.length) yield hit.map((f) => ({ number: f.number, caseType: f.caseType, status: f.status, openedAt: f.openedAt }));
  }
}

/**
 * A period figure's cases picked by the database from the period's case rows: the page and the
 * count in two statements, and for the whole list, 2,000 rows at a time by case number, all in one
 * snapshot (held while the list is read).
 */
function periodDrill(db: Db, scope: Scope, n: DrillNarrowing, figureSql: string): Drill {
  const conds = [figureSql];
  const bindings: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conds.push(sql);
    bindings.push(value);
  };
  if (n.staff) add(n.figure === 'taken' ? 'jsonb_exists(taken_by, ?)' : 'owner_staff_id = ?', n.staff);
  if (n.rootCause) add('root_cause = ?', n.rootCause);
  if (n.contact) add('contact_id = ?', n.contact);
  if (n.status) add('status = ?', n.status);
  const need = { takenBy: n.figure === 'taken' || Boolean(n.staff), satisfaction: n.figure === 'csat.commented' };
  const hits = (rows: CaseRows, extra = '', extraBindings: unknown[] = []) => ({
    sql: `WITH r AS (${rows.sql}) SELECT number, case_type, status, opened_at FROM r WHERE ${conds.join(' AND ')}${extra}`,
    bindings: [...rows.bindings, ...bindings, ...extraBindings] as Knex.RawBinding[],
  });
  const after = (number: string | undefined) => (number === undefined ? { sql: '', bindings: [] } : { sql: ` AND (length(number), number) > (length(?), ?)`, bindings: [number, number] });
  const toRow = (r: { number: string; case_type: string; status: string; opened_at: Date }): DrillRow => ({ number: r.number, caseType: r.case_type, status: r.status, openedAt: new Date(r.opened_at) });
  return {
    page: (limit, from) =>
      withCaseRows(db, scope, need, async (trx, rows) => {
        const all = hits(rows);
        const [{ count }] = (await trx.raw<{ rows: { count: number }[] }>(`SELECT count(*)::int AS count FROM (${all.sql}) x`, all.bindings)).rows;
        const a = after(from);
        const q = hits(rows, `${a.sql} ORDER BY ${BY_NUMBER} LIMIT ${Number(limit) + 1}`, a.bindings);
        const found = (await trx.raw<{ rows: Parameters<typeof toRow>[0][] }>(q.sql, q.bindings)).rows.map(toRow);
        const more = found.length > limit;
        const cases = found.slice(0, limit);
        return { count, cases, next: more ? cases.at(-1)!.number : null };
      }),
    batches: async function* () {
      const own = !db.isTransaction;
      const trx = own ? await snapshot(db as Knex) : (db as Knex.Transaction);
      try {
        const rows = await withCaseRows(trx, scope, need, async (_, r) => r);
        for (let last: string | undefined; ; ) {
          const a = after(last);
          const q = hits(rows, `${a.sql} ORDER BY ${BY_NUMBER} LIMIT ${DRILL_BATCH}`, a.bindings);
          const batch = (await trx.raw<{ rows: Parameters<typeof toRow>[0][] }>(q.sql, q.bindings)).rows.map(toRow);
          if (batch.length === 0) return;
          yield batch;
          last = batch.at(-1)!.number;
        }
      } finally {
        if (own) await trx.commit();
      }
    },
  };
}

const DRILL_BATCH = 2000;
