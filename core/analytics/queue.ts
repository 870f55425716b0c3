import type { Knex } from 'knex';
import { OPEN_CASE_STATUSES } from '../cases/case-status.ts';
import { SEVERITIES } from '../vocabulary.ts';
import { allCaseFacts, type CaseFact, type Scope } from './case-facts.ts';
import { fig, periodView } from './reports.ts';

/**
 * The live queue: every case open now (whenever it opened), with the query's filters, by status
 * and severity; nobody on it; close to missing a clock (past the case type's warning share, as the
 * SLA warning counts it) and already past one. Each number drills down to its cases (figures
 * `open`, `unassigned`, `breaching_soon`, `open_breaches`, narrowed by `status` and `severity`).
 */
export async function queueReport(db: Knex | Knex.Transaction, scope: Scope) {
  const q = scope.query;
  const open = await allCaseFacts(db, scope, 'open');
  const severities = (facts: CaseFact[], status?: string) =>
    Object.fromEntries(
      SEVERITIES.map((s) => [s, fig({ ...q, severity: s }, facts.filter((f) => f.severity === s).length, 'open', status ? { status } : {})]),
    ) as Record<(typeof SEVERITIES)[number], ReturnType<typeof fig>>;
  const oldest = open.reduce<Date | null>((min, f) => (min === null || f.openedAt < min ? f.openedAt : min), null);
  return {
    period: periodView(scope),
    at: scope.now.toISOString(),
    open: fig(q, open.length, 'open'),
    unassigned: fig(q, open.filter((f) => f.ownerStaffId === null).length, 'unassigned'),
    breachingSoon: fig(q, open.filter((f) => f.breachingSoon).length, 'breaching_soon'),
    breached: fig(q, open.filter((f) => f.breachedNow).length, 'open_breaches'),
    bySeverity: severities(open),
    byStatus: OPEN_CASE_STATUSES.map((status) => {
      const inStatus = open.filter((f) => f.status === status);
      return { status, cases: fig(q, inStatus.length, 'open', { status }), bySeverity: severities(inStatus, status) };
    }),
    oldestOpenMinutes: oldest ? Math.floor((scope.now.getTime() - oldest.getTime()) / 60_000) : null,
  };
}
