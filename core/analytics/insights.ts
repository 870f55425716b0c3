import type { Knex } from 'knex';
import type { z } from 'zod';
import { analyticsRules, DEFAULT_ANALYTICS_RULES, type AnalyticsRules, type providerRiskPart } from '../contracts/analytics.ts';
import { inSnapshot, sideBySide, type Scope } from './case-facts.ts';
import { bucketsOf, previousPeriod, resolvePeriod, type Period } from './period.ts';
import { localMoment } from '../time/org-time.ts';
import { fig, periodView, rate, round1, staffPerformance } from './reports.ts';
import { BUCKET_OF, openNowByOwner, withCaseRows } from './case-rows.ts';
import { countCases } from './day-counts.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * What the timelines say about providers, recurring problems and customers: provider risk,
 * system debt, abuse flags, and the CEO's one-call view. Every rule is the org's to read and tune
 * (org settings `analyticsRules`); nothing here acts on what it finds.
 */
type Db = Knex | Knex.Transaction;

export async function rulesOf(db: Db, orgId: string): Promise<AnalyticsRules> {
  const org = await orgSettingsRow(db, orgId);
  const parsed = analyticsRules.safeParse(org?.settings?.analyticsRules);
  return parsed.success ? parsed.data : DEFAULT_ANALYTICS_RULES;
}

// ------------------------------------------------------------------------------ providers

export type RiskLevel = 'low' | 'medium' | 'high';

type RiskPart = z.infer<typeof providerRiskPart>;

const pctText = (x: number) => `${Math.round(x * 100)} %`;
/** Each part of a provider's risk in English, for API readers; pages word the parts themselves. */
const riskReason: Record<RiskPart['rule'], (p: RiskPart) => string> = {
  fewCases: (p) => `fewer than ${p.threshold} cases in the period`,
  faultShare: (p) => `${pctText(p.value)} of its cases were its fault (${p.level} from ${pctText(p.threshold)})`,
  missedShare: (p) => `${pctText(p.value)} missed the resolution SLA (${p.level} from ${pctText(p.threshold)})`,
  refundCancelShare: (p) => `${pctText(p.value)} ended refunded or cancelled (${p.level} from ${pctText(p.threshold)})`,
  repeats: (p) => `the same problem came back ${p.value} times (flag from ${p.threshold})`,
  failingOrders: (p) => `${p.value} orders failed within ${p.windowMinutes} minutes (high from ${p.threshold})`,
};

/** The most failed orders of one `orders_failing` flag in the period (core/providers/provider-health.ts), with that flag's rule. */
type FailingOrders = { failed: number; threshold: number; windowMinutes: number };

function providerRisk(
  r: AnalyticsRules['provider'],
  s: { cases: number; faultShare: number | null; missedShare: number | null; refundCancelShare: number | null; repeats: number; failingOrders?: FailingOrders },
) {
  const parts: RiskPart[] = [];
  if (s.cases < r.minCases) parts.push({ rule: 'fewCases', value: s.cases, threshold: r.minCases, level: 'low' });
  else {
    // A share meets the first of its thresholds it reaches, the high one checked first.
    const share = (rule: RiskPart['rule'], value: number | null, thresholds: [RiskLevel, number][]) => {
      const met = value === null ? undefined : thresholds.find(([, t]) => value >= t);
      if (met) parts.push({ rule, value: value!, threshold: met[1], level: met[0] });
    };
    share('faultShare', s.faultShare, [['high', r.highFaultShare], ['medium', r.mediumFaultShare]]);
    share('missedShare', s.missedShare, [['high', r.highMissedShare], ['medium', r.mediumMissedShare]]);
    share('refundCancelShare', s.refundCancelShare, [['high', r.highRefundCancelShare]]);
    if (s.repeats >= r.repeatThreshold) parts.push({ rule: 'repeats', value: s.repeats, threshold: r.repeatThreshold, level: 'medium' });
  }
  // Its orders failing says as much whatever its cases: few cases do not make it low.
  if (s.failingOrders) parts.push({ rule: 'failingOrders', value: s.failingOrders.failed, threshold: s.failingOrders.threshold, windowMinutes: s.failingOrders.windowMinutes, level: 'high' });
  const level: RiskLevel = parts.some((p) => p.level === 'high') ? 'high' : parts.some((p) => p.level === 'medium') ? 'medium' : 'low';
  return { level, parts, reasons: parts.map((p) => riskReason[p.rule](p)) };
}

interface ProviderCounts {
  cases: number;
  resolved: number;
  fault: number;
  decided: number;
  missed: number;
  refunded: number;
  cancelled: number;
  refundedOrCancelled: number;
  resolutionSum: number;
  waitingProviderSum: number;
  /** The provider's own fault per case type. */
  faultByType: Map<string, number>;
}

/** Each provider's cases of the period, and its own faults per case type (core/analytics/day-counts.ts). */
async function countByProvider(db: Db, scope: Scope): Promise<Map<string, ProviderCounts>> {
  const counts = await countCases(db, scope, [scope.period], ['provider', 'provider_fault']);
  const m = new Map<string, ProviderCounts>();
  for (const x of counts.filter((x) => x.grain === 'provider')) {
    m.set(x.k1!, {
      cases: x.cases, resolved: x.resolved, fault: x.fault, decided: x.decided, missed: x.missed,
      refunded: x.refunded, cancelled: x.cancelled, refundedOrCancelled: x.refunded_or_cancelled,
      resolutionSum: x.res_sum, waitingProviderSum: x.waiting_provider_sum, faultByType: new Map(),
    });
  }
  for (const x of counts.filter((x) => x.grain === 'provider_fault')) m.get(x.k1!)!.faultByType.set(x.k2!, x.cases);
  return m;
}

/** Each provider's `orders_failing` flags in the period (its timeline), the one with the most failed orders. */
async function failingOrdersByProvider(db: Db, scope: Scope): Promise<Map<string, FailingOrders>> {
  const { rows } = await db.raw<{ rows: { provider_id: string; data: FailingOrders | string }[] }>(
    `SELECT DISTINCT ON (provider_id) provider_id, data FROM provider_events
      WHERE org_id = ? AND type = 'orders_failing' AND created_at >= ? AND created_at < ?
      ORDER BY provider_id, (data->>'failed')::int DESC, id DESC`,
    [scope.orgId, scope.period.from, scope.period.to],
  );
  return new Map(rows.map((r) => [r.provider_id, typeof r.data === 'string' ? (JSON.parse(r.data) as FailingOrders) : r.data]));
}

export async function providersReport(db: Db, scope: Scope) {
  const q = scope.query;
  const rules = await rulesOf(db, scope.orgId);
  const byKey = await countByProvider(db, scope);
  const failing = await failingOrdersByProvider(db, scope);
  const providers = await db('providers').select('id', 'key', 'name', 'kind', 'is_active', 'paused_at').where({ org_id: scope.orgId }).orderBy('key');
  const mean = (sum: number, n: number) => (n ? round1(sum / n) : null);
  const rows = providers
    .filter((p) => p.is_active || byKey.has(p.key))
    .map((p) => {
      const c = byKey.get(p.key);
      const n = c?.cases ?? 0;
      const [repeatType, repeats] = [...(c?.faultByType ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
      const stats = {
        cases: n,
        faultShare: rate(c?.fault ?? 0, c?.resolved ?? 0),
        missedShare: rate(c?.missed ?? 0, c?.decided ?? 0),
        refundCancelShare: rate(c?.refundedOrCancelled ?? 0, n),
        repeats,
        failingOrders: failing.get(p.id),
      };
      const risk = providerRisk(rules.provider, stats);
      const extra = { provider: p.key };
      return {
        provider: p.key as string,
        name: p.name as string,
        active: Boolean(p.is_active),
        // Paused by a manager (core/providers/provider-pause.ts): no new case goes to it.
        paused: p.paused_at !== null && p.paused_at !== undefined,
        pausedAt: p.paused_at ? new Date(p.paused_at).toISOString() : null,
        cases: fig(q, n, 'cases', extra),
        averageResolutionMinutes: mean(c?.resolutionSum ?? 0, c?.resolved ?? 0),
        averageWaitingProviderMinutes: mean(c?.waitingProviderSum ?? 0, n),
        providerFault: fig(q, c?.fault ?? 0, 'provider_issue', extra),
        faultRate: stats.faultShare,
        resolutionMissedRate: stats.missedShare,
        refunded: fig(q, c?.refunded ?? 0, 'refunded', extra),
        cancelled: fig(q, c?.cancelled ?? 0, 'cancelled', extra),
        refundRate: rate(c?.refunded ?? 0, n),
        cancelRate: rate(c?.cancelled ?? 0, n),
        riskLevel: risk.level,
        riskReasons: risk.reasons,
        riskParts: risk.parts,
        flagged: repeats >= rules.provider.repeatThreshold,
        repeatedProblem: repeats >= rules.provider.repeatThreshold ? { caseType: repeatType, times: repeats, drill: fig(q, repeats, 'provider_issue', { ...extra, caseType: repeatType! }).drill } : null,
      };
    })
    .sort((a, b) => ['high', 'medium', 'low'].indexOf(a.riskLevel) - ['high', 'medium', 'low'].indexOf(b.riskLevel) || b.cases.value! - a.cases.value!);
  return { period: periodView(scope), rule: rules.provider, providers: rows };
}

// ------------------------------------------------------------------------------ system debt

const byPair = (a: { caseType: string; rootCause: string }, b: { caseType: string; rootCause: string }) =>
  a.caseType.localeCompare(b.caseType) || a.rootCause.localeCompare(b.rootCause);

const SEVERITIES = ['critical', 'high', 'normal', 'low'];

/** The cases with a root cause counted per case type and root cause, and per trend bucket too (unless `trend` is off), in the database. */
async function countRootCauses(db: Db, scope: Scope, trend: boolean) {
  const g = scope.query.granularity ?? 'day';
  const sets = trend ? '(case_type, root_cause), (bucket, case_type, root_cause)' : '(case_type, root_cause)';
  const columns = ['opened_at', 'case_type', 'root_cause', 'severity', 'contact_id', 'active', 'queue'] as const;
  const rows = await withCaseRows(db, scope, { columns }, async (trx, r) =>
    (
      await trx.raw<{ rows: Record<string, string | number | Date | null>[] }>(
        `WITH r AS (${r.sql})
         SELECT ${trend ? 'grouping(bucket)' : '1'} AS all_buckets, ${trend ? 'bucket' : 'NULL::text AS bucket'}, case_type, root_cause, count(*)::int AS cases,
                ${SEVERITIES.map((s, i) => `count(*) FILTER (WHERE severity = '${s}')::int AS sev${i}`).join(', ')},
                max(opened_at) AS last_seen, coalesce(sum(active + queue), 0)::bigint AS staff_minutes,
                count(DISTINCT contact_id)::int AS customers
           FROM (SELECT r.*${trend ? `, ${BUCKET_OF} AS bucket` : ''} FROM r WHERE root_cause IS NOT NULL AND root_cause <> '') r
          GROUP BY GROUPING SETS (${sets})`,
        [...r.bindings, ...(trend ? [g, scope.period.timeZone] : [])] as Knex.RawBinding[],
      )
    ).rows,
  );
  const pick = (all: number) =>
    rows
      .filter((x) => Number(x.all_buckets) === all)
      .map((x) => ({
        bucket: x.bucket as string,
        caseType: String(x.case_type),
        rootCause: String(x.root_cause),
        cases: Number(x.cases),
        severity: SEVERITIES.find((_, i) => Number(x[`sev${i}`]) > 0)!,
        lastSeen: new Date(x.last_seen as Date),
        staffMinutes: Number(x.staff_minutes),
        customers: Number(x.customers),
      }));
  return { groups: pick(1), perBucket: pick(0) };
}

/** `withTrend: false` leaves the root causes over time out (empty): the CEO view shows none, and working out each case's day was half of the count (140 -> 63 ms at a million cases). */
export async function systemDebtReport(db: Db, scope: Scope, { withTrend = true }: { withTrend?: boolean } = {}) {
  const q = scope.query;
  const rules = await rulesOf(db, scope.orgId);
  const { groups, perBucket } = await countRootCauses(db, scope, withTrend);
  const quietFrom = new Date(Math.max(scope.period.from.getTime(), Math.min(scope.period.to.getTime(), scope.now.getTime()) - rules.systemDebt.quietDays * 86_400_000));
  const rootCauses = groups.map(({ caseType, rootCause, cases }) => ({ caseType, rootCause, cases: fig(q, cases, 'resolved', { caseType, rootCause }) }));
  const items = groups
    .filter((x) => x.cases >= rules.systemDebt.threshold)
    .map(({ caseType, rootCause, cases, severity, lastSeen, staffMinutes, customers }) => ({
      caseType,
      rootCause,
      severity,
      count: fig(q, cases, 'resolved', { caseType, rootCause }),
      costHours: round1(staffMinutes / 60),
      customersAffected: customers,
      lastSeen: lastSeen.toISOString(),
      status: lastSeen >= quietFrom ? ('open' as const) : ('stopped' as const),
    }))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count.value! - a.count.value! || byPair(a, b));
  // Root causes over time: each case type and root cause per day, week or month of the period (the buckets with cases).
  const g = q.granularity ?? 'day';
  const order = new Map(bucketsOf(scope.period, g).map((b, i) => [b, i]));
  const trend = perBucket
    .map(({ bucket, caseType, rootCause, cases }) => ({ bucket, caseType, rootCause, cases: fig(q, cases, 'resolved', { caseType, rootCause, bucket }) }))
    .sort((a, b) => (order.get(a.bucket) ?? 0) - (order.get(b.bucket) ?? 0) || byPair(a, b));
  // Ties in a stable order, whatever order the cases were read in.
  return { period: periodView(scope), rule: rules.systemDebt, items, rootCauses: rootCauses.sort((a, b) => b.cases.value! - a.cases.value! || byPair(a, b)), trend };
}

// ------------------------------------------------------------------------------ abuse

/** Mean and population standard deviation of a distribution given as value -> how many times it occurs. */
function spread(histogram: Map<number, number>) {
  const bins = [...histogram].sort((a, b) => a[0] - b[0]);
  const n = bins.reduce((a, [, k]) => a + k, 0);
  const mean = n ? bins.reduce((a, [v, k]) => a + v * k, 0) / n : 0;
  const sd = n ? Math.sqrt(bins.reduce((a, [v, k]) => a + k * (v - mean) ** 2, 0) / n) : 0;
  return { n, mean, sd };
}

export async function abuseReport(db: Db, scope: Scope) {
  const q = scope.query;
  const rules = await rulesOf(db, scope.orgId);
  // Per customer, counted in the database in one read: how many customers have how many cases and
  // refunds (the peers), and the customers who could pass the bars the peers set (the bars are never
  // under the org's minimum of cases, nor under one refund); the bars are then applied here.
  const { peers, found } = await inSnapshot(db, (own) => withCaseRows(own, scope, {}, async (trx, r) => {
    const { rows } = await trx.raw<{ rows: { contact_id: string | null; cases: number; refunded: number; customers: number | null; name: string | null }[] }>(
      `WITH r AS (${r.sql}), c AS (SELECT contact_id, count(*)::int AS cases, count(*) FILTER (WHERE refunded)::int AS refunded FROM r WHERE contact_id IS NOT NULL GROUP BY contact_id)
       SELECT NULL::uuid AS contact_id, cases, refunded, count(*)::int AS customers, NULL::text AS name FROM c GROUP BY cases, refunded
       UNION ALL
       SELECT c.contact_id, c.cases, c.refunded, NULL, k.display_name FROM c LEFT JOIN contacts k ON k.id = c.contact_id AND k.org_id = ?
        WHERE c.cases >= ? OR c.refunded >= 1`,
      [...r.bindings, scope.orgId, rules.abuse.minCases] as Knex.RawBinding[],
    );
    const bins = rows.filter((x) => x.contact_id === null);
    const histogram = (k: 'cases' | 'refunded') => bins.reduce((m, b) => m.set(b[k], (m.get(b[k]) ?? 0) + b.customers!), new Map<number, number>());
    const peers = { cases: spread(histogram('cases')), refunds: spread(histogram('refunded')) };
    const bar = Math.max(rules.abuse.minCases, peers.cases.mean + rules.abuse.sigmas * peers.cases.sd);
    // Refunds against the peers too: far more refunded orders than the customers alike, by the same
    // sigmas, and never fewer than two: one refunded order is not a pattern. Where almost nobody has a
    // refund the peers' bar falls under one (mean 0.04, sd 0.3, three sigmas: 0.94), and every customer
    // with a single refund was flagged: the volume generator's drill caught it on some days.
    const refundBar = Math.max(2, peers.refunds.mean + rules.abuse.sigmas * peers.refunds.sd);
    const found = rows.filter((x) => x.contact_id !== null && (x.cases >= bar || x.refunded >= rules.abuse.refunds || x.refunded >= refundBar));
    return { peers: { ...peers, bar, refundBar }, found: found as { contact_id: string; cases: number; refunded: number; name: string | null }[] };
  }), { oneProcess: true });
  const { cases: c, refunds: rf, bar, refundBar } = peers;
  const flagged = found
    .map(({ contact_id: contactId, cases, refunded, name }) => {
      const evidence: string[] = [];
      if (cases >= bar) evidence.push(`${cases} cases in the period; peers average ${round1(c.mean)} (flag from ${round1(bar)})`);
      if (refunded >= rules.abuse.refunds) evidence.push(`${refunded} refunded orders on their cases (flag from ${rules.abuse.refunds})`);
      else if (refunded >= refundBar) evidence.push(`${refunded} refunded orders on their cases; peers average ${round1(rf.mean)} (flag from ${round1(refundBar)})`);
      return {
        contactId,
        name: name ?? null,
        risk: 'high' as const,
        cases: fig(q, cases, 'cases', { contact: contactId }),
        refunded: fig(q, refunded, 'refunded', { contact: contactId }),
        evidence,
      };
    })
    .filter((x) => x.evidence.length > 0)
    .sort((a, b) => b.cases.value! - a.cases.value! || (a.contactId < b.contactId ? -1 : 1));
  return { period: periodView(scope), rule: rules.abuse, peers: { customers: c.n, averageCases: round1(c.mean), standardDeviation: round1(c.sd), averageRefunds: round1(rf.mean), refundStandardDeviation: round1(rf.sd) }, flagged };
}

// ------------------------------------------------------------------------------ CEO

type Summary = { cases: number; slaCompliance: number | null; averageResponseMinutes: number | null; averageResolutionMinutes: number | null };

/**
 * The health figures of several periods: periods that overlap or touch (the period and the one
 * before, this week and month and the same days before them) are read together, once, and each
 * case counted in every period its opening falls in.
 */
async function summaries(db: Db, scope: Scope, periods: Period[]): Promise<Summary[]> {
  const out: Summary[] = new Array(periods.length);
  const order = periods.map((p, i) => ({ p, i })).sort((a, b) => a.p.from.getTime() - b.p.from.getTime());
  const runs: (typeof order)[] = [];
  for (const x of order) {
    const run = runs.at(-1);
    if (run && x.p.from.getTime() <= Math.max(...run.map((r) => r.p.to.getTime()))) run.push(x);
    else runs.push([x]);
  }
  for (const run of runs) {
    const byIndex = new Map((await countCases(db, scope, run.map((x) => x.p), ['all'])).map((x) => [x.i, x]));
    for (const [k, { i }] of run.entries()) {
      const x = byIndex.get(k);
      const n = (name: string) => x?.[name] ?? 0;
      out[i] = {
        cases: n('cases'),
        slaCompliance: rate(n('within'), n('within') + n('outside')),
        averageResponseMinutes: n('fr_n') ? round1(n('fr_sum') / n('fr_n')) : null,
        averageResolutionMinutes: n('resolved') ? round1(n('res_sum') / n('resolved')) : null,
      };
    }
  }
  return out;
}

function compare(now: Summary, before: Summary) {
  const d = (a: number | null, b: number | null, digits = 1) => (a === null || b === null ? null : Math.round((a - b) * 10 ** digits) / 10 ** digits);
  return { now, previous: before, change: { cases: now.cases - before.cases, slaCompliance: d(now.slaCompliance, before.slaCompliance, 4), averageResponseMinutes: d(now.averageResponseMinutes, before.averageResponseMinutes), averageResolutionMinutes: d(now.averageResolutionMinutes, before.averageResolutionMinutes) } };
}

export async function ceoView(db: Db, unmemoized: Scope): Promise<Awaited<ReturnType<typeof ceoIn>>> {
  // Everything in one snapshot. Each part reads its own rows: the rolled-up cases, those open now
  // (counted in the database too) and the few changed. A temporary table of the rows of all the
  // periods, read once for every part, was slower since: writing two months of rows cost more than
  // the parts' reads of the rollup, which may run in parallel (a temporary table's cannot).
  return inSnapshot(db, (trx) => ceoIn(trx, unmemoized));
}

async function ceoIn(db: Knex.Transaction, unmemoized: Scope) {
  // The reports below share the counts of the cases open now: read once.
  const scope: Scope = { ...unmemoized, memo: new Map<string, Promise<unknown>>() };
  const q = scope.query;
  const tz = scope.period.timeZone;
  const spans = (preset: 'this_week' | 'this_month') => {
    // The same days of last week, or of last month (cut at its end).
    const period = resolvePeriod({ preset }, tz, scope.now);
    const previous =
      preset === 'this_week'
        ? { from: new Date(period.from.getTime() - 7 * 86_400_000), to: new Date(period.to.getTime() - 7 * 86_400_000), timeZone: tz }
        : (() => {
            const last = resolvePeriod({ preset: 'last_month' }, tz, scope.now);
            return { from: last.from, to: new Date(Math.min(last.to.getTime(), last.from.getTime() + (period.to.getTime() - period.from.getTime()))), timeZone: tz };
          })();
    return { period, previous };
  };
  const week = spans('this_week');
  const month = spans('this_month');
  const periods = [scope.period, previousPeriod(scope.period), week.period, week.previous, month.period, month.previous];
  // Every count of the parts below, read at once over all their periods (countCases keeps them for
  // the request): each part read its own rows before, a filtered view over 90 days two quarters of
  // rows six times over. At the same time, each on a connection of its own in the same snapshot:
  // the system debt (its customers affected are counted from the rows, a distinct count not being
  // a sum of days), which takes as long as the counts, and the cases open now (most of their time
  // is spent waiting on the database's answers).
  const [, debt] = await sideBySide(
    db,
    (trx: Knex.Transaction) => countCases(trx, scope, periods, ['all', 'owner', 'provider', 'provider_fault', 'root_cause']),
    (other: Knex.Transaction) => systemDebtReport(other, scope, { withTrend: false }),
    (other: Knex.Transaction) => openNowByOwner(other, scope),
  );
  const [health, healthBefore, weekNow, weekBefore, monthNow, monthBefore] = await summaries(db, scope, periods);
  const open = await openNowByOwner(db, scope);
  const [providers, staff] = [await providersReport(db, scope), await staffPerformance(db, scope, { taken: false })];
  // What changed: the same reports over the period just before, of the same length.
  const before: Scope = { ...scope, period: previousPeriod(scope.period) };
  // Of the system debt before, only how often each problem came (core/analytics/day-counts.ts).
  const [debtBefore, providersBefore] = [await countCases(db, before, [before.period], ['root_cause']), await providersReport(db, before)];
  const countBefore = new Map(debtBefore.map((r) => [`${r.k1}\u0000${r.k2}`, r.cases]));
  const riskBefore = new Map(providersBefore.providers.map((p) => [p.provider, p.riskLevel]));
  const staffRow = new Map(staff.staff.map((r) => [r.staffId, r]));
  const healthChange = compare(health, healthBefore);
  return {
    period: periodView(scope),
    health: {
      ...healthChange.now,
      openBreachesNow: fig(q, open.reduce((n, o) => n + o.breached, 0), 'open_breaches'),
      backlog: open.reduce((n, o) => n + o.open, 0),
      unassigned: open.find((o) => o.owner === null)?.open ?? 0,
      previous: healthChange.previous,
      change: healthChange.change,
    },
    topSystemDebt: debt.items
      .filter((i) => i.status === 'open')
      .slice(0, 5)
      .map((i) => {
        const previousCount = countBefore.get(`${i.caseType}\u0000${i.rootCause}`) ?? 0;
        return { ...i, previousCount, change: i.count.value! - previousCount };
      }),
    providersToFix: providers.providers
      .filter((p) => p.riskLevel !== 'low')
      .map((p) => ({ provider: p.provider, name: p.name, riskLevel: p.riskLevel, previousRiskLevel: riskBefore.get(p.provider) ?? 'low', reasons: p.riskReasons, reasonParts: p.riskParts, cases: p.cases })),
    team: {
      topPerformers: staff.topPerformers.map((t) => ({ ...t, previousScore: staffRow.get(t.staffId)?.previous.score ?? null, change: staffRow.get(t.staffId)?.change.score ?? null })),
      bottlenecks: staff.bottlenecks,
    },
    thisWeek: { from: localMoment(tz, week.period.from).date, ...compare(weekNow, weekBefore) },
    thisMonth: { from: localMoment(tz, month.period.from).date, ...compare(monthNow, monthBefore) },
  };
}
