import type { Knex } from 'knex';
import { analyticsRules, DEFAULT_ANALYTICS_RULES, type AnalyticsRules } from '../contracts/analytics.ts';
import { allCaseFacts, readPeriodsTogether, type CaseFact, type Scope } from './case-facts.ts';
import { bucketStart, bucketsOf, localDate, previousPeriod, resolvePeriod } from './period.ts';
import { avg, fig, periodView, rate, round1, slaDecided, staffPerformance } from './reports.ts';

/**
 * What the timelines say about providers, recurring problems and customers: provider risk,
 * system debt, abuse flags, and the CEO's one-call view. Every rule is the org's to read and tune
 * (org settings `analyticsRules`); nothing here acts on what it finds.
 */
type Db = Knex | Knex.Transaction;

export async function rulesOf(db: Db, orgId: string): Promise<AnalyticsRules> {
  const org = await db('orgs').select('settings').where({ id: orgId }).first();
  const parsed = analyticsRules.safeParse(org?.settings?.analyticsRules);
  return parsed.success ? parsed.data : DEFAULT_ANALYTICS_RULES;
}

// ------------------------------------------------------------------------------ providers

export type RiskLevel = 'low' | 'medium' | 'high';

function providerRisk(r: AnalyticsRules['provider'], s: { cases: number; faultShare: number | null; missedShare: number | null; refundCancelShare: number | null; repeats: number }) {
  const reasons: string[] = [];
  if (s.cases < r.minCases) return { level: 'low' as RiskLevel, reasons: [`fewer than ${r.minCases} cases in the period`] };
  let level: RiskLevel = 'low';
  const raise = (to: RiskLevel, why: string) => {
    reasons.push(why);
    if (to === 'high' || level === 'low') level = to;
  };
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (s.faultShare !== null && s.faultShare >= r.highFaultShare) raise('high', `${pct(s.faultShare)} of its cases were its fault (high from ${pct(r.highFaultShare)})`);
  else if (s.faultShare !== null && s.faultShare >= r.mediumFaultShare) raise('medium', `${pct(s.faultShare)} of its cases were its fault (medium from ${pct(r.mediumFaultShare)})`);
  if (s.missedShare !== null && s.missedShare >= r.highMissedShare) raise('high', `${pct(s.missedShare)} missed the resolution SLA (high from ${pct(r.highMissedShare)})`);
  else if (s.missedShare !== null && s.missedShare >= r.mediumMissedShare) raise('medium', `${pct(s.missedShare)} missed the resolution SLA (medium from ${pct(r.mediumMissedShare)})`);
  if (s.refundCancelShare !== null && s.refundCancelShare >= r.highRefundCancelShare) raise('high', `${pct(s.refundCancelShare)} ended refunded or cancelled (high from ${pct(r.highRefundCancelShare)})`);
  if (s.repeats >= r.repeatThreshold) raise('medium', `the same problem came back ${s.repeats} times (flag from ${r.repeatThreshold})`);
  return { level, reasons };
}

export async function providersReport(db: Db, scope: Scope) {
  const q = scope.query;
  const rules = await rulesOf(db, scope.orgId);
  const facts = await allCaseFacts(db, scope);
  const providers = await db('providers').select('key', 'name', 'kind', 'is_active', 'paused_at').where({ org_id: scope.orgId }).orderBy('key');
  const byKey = new Map<string, CaseFact[]>();
  for (const f of facts) if (f.providerKey) (byKey.get(f.providerKey) ?? byKey.set(f.providerKey, []).get(f.providerKey)!).push(f);
  const rows = providers
    .filter((p) => p.is_active || byKey.has(p.key))
    .map((p) => {
      const list = byKey.get(p.key) ?? [];
      const resolved = list.filter((f) => !f.isOpen);
      const fault = resolved.filter((f) => f.rootCause === 'provider_issue');
      const decided = list.filter((f) => f.resolutionOutcome === 'met' || f.resolutionOutcome === 'missed');
      const missed = decided.filter((f) => f.resolutionOutcome === 'missed').length;
      const refunded = list.filter((f) => f.refunded).length;
      const cancelled = list.filter((f) => f.cancelled).length;
      const faultByType = new Map<string, number>();
      for (const f of fault) faultByType.set(f.caseType, (faultByType.get(f.caseType) ?? 0) + 1);
      const [repeatType, repeats] = [...faultByType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
      const stats = {
        cases: list.length,
        faultShare: rate(fault.length, resolved.length),
        missedShare: rate(missed, decided.length),
        refundCancelShare: rate(list.filter((f) => f.refunded || f.cancelled).length, list.length),
        repeats,
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
        cases: fig(q, list.length, 'cases', extra),
        averageResolutionMinutes: avg(resolved.map((f) => f.resolutionClockMinutes)),
        averageWaitingProviderMinutes: avg(list.map((f) => f.buckets.business.waiting_provider)),
        providerFault: fig(q, fault.length, 'provider_issue', extra),
        faultRate: stats.faultShare,
        resolutionMissedRate: stats.missedShare,
        refunded: fig(q, refunded, 'refunded', extra),
        cancelled: fig(q, cancelled, 'cancelled', extra),
        refundRate: rate(refunded, list.length),
        cancelRate: rate(cancelled, list.length),
        riskLevel: risk.level,
        riskReasons: risk.reasons,
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

export async function systemDebtReport(db: Db, scope: Scope) {
  const q = scope.query;
  const rules = await rulesOf(db, scope.orgId);
  const facts = (await allCaseFacts(db, scope)).filter((f) => f.rootCause);
  const groups = new Map<string, CaseFact[]>();
  for (const f of facts) {
    const k = `${f.caseType}\u0000${f.rootCause}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(f);
  }
  const quietFrom = new Date(Math.max(scope.period.from.getTime(), Math.min(scope.period.to.getTime(), scope.now.getTime()) - rules.systemDebt.quietDays * 86_400_000));
  const SEV = ['critical', 'high', 'normal', 'low'];
  const rootCauses = [...groups].map(([k, list]) => {
    const [caseType, rootCause] = k.split('\u0000');
    return { caseType, rootCause, cases: fig(q, list.length, 'resolved', { caseType, rootCause }) };
  });
  const items = [...groups]
    .filter(([, list]) => list.length >= rules.systemDebt.threshold)
    .map(([k, list]) => {
      const [caseType, rootCause] = k.split('\u0000');
      const severity = SEV.find((s) => list.some((f) => f.severity === s))!;
      const last = list.reduce((a, f) => (f.openedAt > a ? f.openedAt : a), list[0].openedAt);
      const staffMinutes = list.reduce((a, f) => a + f.buckets.business.active + f.buckets.business.queue, 0);
      return {
        caseType,
        rootCause,
        severity,
        count: fig(q, list.length, 'resolved', { caseType, rootCause }),
        costHours: round1(staffMinutes / 60),
        customersAffected: new Set(list.map((f) => f.contactId).filter(Boolean)).size,
        lastSeen: last.toISOString(),
        status: last >= quietFrom ? ('open' as const) : ('stopped' as const),
      };
    })
    .sort((a, b) => SEV.indexOf(a.severity) - SEV.indexOf(b.severity) || b.count.value! - a.count.value! || byPair(a, b));
  // Root causes over time: each case type and root cause per day, week or month of the period (the buckets with cases).
  const g = q.granularity ?? 'day';
  const perBucket = new Map<string, number>();
  for (const f of facts) {
    const k = `${bucketStart(localDate(f.openedAt, scope.period.timeZone), g)}\u0000${f.caseType}\u0000${f.rootCause}`;
    perBucket.set(k, (perBucket.get(k) ?? 0) + 1);
  }
  const order = new Map(bucketsOf(scope.period, g).map((b, i) => [b, i]));
  const trend = [...perBucket]
    .map(([k, n]) => {
      const [bucket, caseType, rootCause] = k.split('\u0000');
      return { bucket, caseType, rootCause, cases: fig(q, n, 'resolved', { caseType, rootCause, bucket }) };
    })
    .sort((a, b) => (order.get(a.bucket) ?? 0) - (order.get(b.bucket) ?? 0) || byPair(a, b));
  // Ties in a stable order, whatever order the cases were read in.
  return { period: periodView(scope), rule: rules.systemDebt, items, rootCauses: rootCauses.sort((a, b) => b.cases.value! - a.cases.value! || byPair(a, b)), trend };
}

// ------------------------------------------------------------------------------ abuse

export async function abuseReport(db: Db, scope: Scope) {
  const q = scope.query;
  const rules = await rulesOf(db, scope.orgId);
  const facts = (await allCaseFacts(db, scope)).filter((f) => f.contactId);
  const byContact = new Map<string, CaseFact[]>();
  for (const f of facts) (byContact.get(f.contactId!) ?? byContact.set(f.contactId!, []).get(f.contactId!)!).push(f);
  const counts = [...byContact.values()].map((l) => l.length);
  const mean = counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  const sd = counts.length ? Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length) : 0;
  const bar = Math.max(rules.abuse.minCases, mean + rules.abuse.sigmas * sd);
  // Refunds against the peers too: far more refunded orders than the customers alike, by the same sigmas.
  const refundsOf = (l: CaseFact[]) => l.filter((f) => f.refunded).length;
  const refundCounts = [...byContact.values()].map(refundsOf);
  const refundMean = refundCounts.length ? refundCounts.reduce((a, b) => a + b, 0) / refundCounts.length : 0;
  const refundSd = refundCounts.length ? Math.sqrt(refundCounts.reduce((a, b) => a + (b - refundMean) ** 2, 0) / refundCounts.length) : 0;
  const refundBar = Math.max(1, refundMean + rules.abuse.sigmas * refundSd);
  const ids = [...byContact.keys()];
  const contacts = ids.length ? await db('contacts').select('id', 'display_name').where({ org_id: scope.orgId }).whereIn('id', ids) : [];
  const name = new Map(contacts.map((c) => [c.id, c.display_name]));
  const flagged = [...byContact]
    .map(([contactId, list]) => {
      const refunded = list.filter((f) => f.refunded).length;
      const evidence: string[] = [];
      if (list.length >= bar) evidence.push(`${list.length} cases in the period; peers average ${round1(mean)} (flag from ${round1(bar)})`);
      if (refunded >= rules.abuse.refunds) evidence.push(`${refunded} refunded orders on their cases (flag from ${rules.abuse.refunds})`);
      else if (refunded >= refundBar) evidence.push(`${refunded} refunded orders on their cases; peers average ${round1(refundMean)} (flag from ${round1(refundBar)})`);
      return {
        contactId,
        name: (name.get(contactId) as string | null) ?? null,
        risk: 'high' as const,
        cases: fig(q, list.length, 'cases', { contact: contactId }),
        refunded: fig(q, refunded, 'refunded', { contact: contactId }),
        evidence,
      };
    })
    .filter((c) => c.evidence.length > 0)
    .sort((a, b) => b.cases.value! - a.cases.value! || (a.contactId < b.contactId ? -1 : 1));
  return { period: periodView(scope), rule: rules.abuse, peers: { customers: counts.length, averageCases: round1(mean), standardDeviation: round1(sd), averageRefunds: round1(refundMean), refundStandardDeviation: round1(refundSd) }, flagged };
}

// ------------------------------------------------------------------------------ CEO

function summary(facts: CaseFact[]) {
  const within = facts.filter((f) => slaDecided(f) === 'within').length;
  const outside = facts.filter((f) => slaDecided(f) === 'outside').length;
  return {
    cases: facts.length,
    slaCompliance: rate(within, within + outside),
    averageResponseMinutes: avg(facts.flatMap((f) => (f.firstResponse ? [f.firstResponse.business] : []))),
    averageResolutionMinutes: avg(facts.filter((f) => !f.isOpen).map((f) => f.resolutionClockMinutes)),
  };
}

function compare(now: ReturnType<typeof summary>, before: ReturnType<typeof summary>) {
  const d = (a: number | null, b: number | null, digits = 1) => (a === null || b === null ? null : Math.round((a - b) * 10 ** digits) / 10 ** digits);
  return { now, previous: before, change: { cases: now.cases - before.cases, slaCompliance: d(now.slaCompliance, before.slaCompliance, 4), averageResponseMinutes: d(now.averageResponseMinutes, before.averageResponseMinutes), averageResolutionMinutes: d(now.averageResolutionMinutes, before.averageResolutionMinutes) } };
}

export async function ceoView(db: Db, unmemoized: Scope) {
  // The reports below share what they read: each period is read once.
  const scope = { ...unmemoized, memo: new Map<string, Promise<CaseFact[]>>() };
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
  // The period, the one before it and the week's and month's spans mostly overlap: read them together.
  await readPeriodsTogether(db, scope, [scope.period, previousPeriod(scope.period), week.period, week.previous, month.period, month.previous]);
  const open = await allCaseFacts(db, scope, 'open');
  const facts = await allCaseFacts(db, scope);
  const trendOf = async ({ period, previous }: ReturnType<typeof spans>) => {
    const nowFacts = await allCaseFacts(db, { ...scope, period });
    const before = await allCaseFacts(db, { ...scope, period: previous });
    return { from: localDate(period.from, tz), ...compare(summary(nowFacts), summary(before)) };
  };
  const [debt, providers, staff] = [await systemDebtReport(db, scope), await providersReport(db, scope), await staffPerformance(db, scope)];
  // What changed: the same reports over the period just before, of the same length.
  const before: Scope = { ...scope, period: previousPeriod(scope.period) };
  const [debtBefore, providersBefore] = [await systemDebtReport(db, before), await providersReport(db, before)];
  const countBefore = new Map(debtBefore.rootCauses.map((r) => [`${r.caseType}\u0000${r.rootCause}`, r.cases.value ?? 0]));
  const riskBefore = new Map(providersBefore.providers.map((p) => [p.provider, p.riskLevel]));
  const staffRow = new Map(staff.staff.map((r) => [r.staffId, r]));
  const health = compare(summary(facts), summary(await allCaseFacts(db, before)));
  return {
    period: periodView(scope),
    health: {
      ...health.now,
      openBreachesNow: fig(q, open.filter((f) => f.breachedNow).length, 'open_breaches'),
      backlog: open.length,
      unassigned: open.filter((f) => !f.ownerStaffId).length,
      previous: health.previous,
      change: health.change,
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
      .map((p) => ({ provider: p.provider, name: p.name, riskLevel: p.riskLevel, previousRiskLevel: riskBefore.get(p.provider) ?? 'low', reasons: p.riskReasons, cases: p.cases })),
    team: {
      topPerformers: staff.topPerformers.map((t) => ({ ...t, previousScore: staffRow.get(t.staffId)?.previous.score ?? null, change: staffRow.get(t.staffId)?.change.score ?? null })),
      bottlenecks: staff.bottlenecks,
    },
    thisWeek: await trendOf(week),
    thisMonth: await trendOf(month),
  };
}
