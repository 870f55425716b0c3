import type { Knex } from 'knex';
import type { TrendGranularity } from '../contracts/analytics.ts';
import { allCaseFacts, type CaseFact, type Scope } from './case-facts.ts';
import { bucketStart, bucketsOf, localDate } from './period.ts';
import { avg, fig, periodView, rate } from './reports.ts';

/**
 * Customer satisfaction over the cases opened in the period (core/cases/case-satisfaction.ts puts
 * the question, the score and the comment on each case's timeline): how many were asked, how many
 * answered, the average score, the CSAT score (the share of answers that are 4 or 5), by staff
 * member (the case's owner now), by case type and by day, week or month, and the comments.
 */
type Db = Knex | Knex.Transaction;

export const CSAT_COMMENTS_LIMIT = 500;

function figures(list: CaseFact[]) {
  const scores = list.flatMap((f) => (f.satisfaction.score === null ? [] : [f.satisfaction.score]));
  const asked = list.filter((f) => f.satisfaction.asked).length;
  return {
    asked,
    answered: scores.length,
    responseRate: rate(scores.length, asked),
    averageScore: avg(scores),
    csatScore: rate(scores.filter((s) => s >= 4).length, scores.length),
  };
}

export async function satisfactionReport(db: Db, scope: Scope) {
  const q = scope.query;
  const g: TrendGranularity = q.granularity ?? 'day';
  const facts = await allCaseFacts(db, scope);
  const all = figures(facts);
  const staff = await db('staff').select('id', 'display_name').where({ org_id: scope.orgId });
  const nameOf = new Map(staff.map((s) => [s.id as string, s.display_name as string]));
  const group = (key: (f: CaseFact) => string | null) => {
    const m = new Map<string, CaseFact[]>();
    for (const f of facts) {
      const k = key(f);
      if (k !== null && f.satisfaction.asked) (m.get(k) ?? m.set(k, []).get(k)!).push(f);
    }
    return [...m];
  };
  const byBucket = new Map<string, CaseFact[]>(bucketsOf(scope.period, g).map((b) => [b, []]));
  for (const f of facts) byBucket.get(bucketStart(localDate(f.openedAt, scope.period.timeZone), g))?.push(f);
  const comments = facts
    .filter((f) => f.satisfaction.comment !== null)
    .sort((a, b) => (b.satisfaction.ratedAt?.getTime() ?? 0) - (a.satisfaction.ratedAt?.getTime() ?? 0) || a.number.localeCompare(b.number));
  return {
    period: periodView(scope),
    cases: fig(q, facts.length, 'cases'),
    asked: fig(q, all.asked, 'csat.asked'),
    answered: fig(q, all.answered, 'csat.answered'),
    responseRate: all.responseRate,
    averageScore: all.averageScore,
    csatScore: all.csatScore,
    satisfied: fig(q, facts.filter((f) => (f.satisfaction.score ?? 0) >= 4).length, 'csat.satisfied'),
    unsatisfied: fig(q, facts.filter((f) => f.satisfaction.score !== null && f.satisfaction.score <= 2).length, 'csat.unsatisfied'),
    distribution: [1, 2, 3, 4, 5].map((score) => ({ score, answers: facts.filter((f) => f.satisfaction.score === score).length })),
    byStaff: group((f) => f.ownerStaffId)
      .map(([staffId, list]) => ({ staffId, name: nameOf.get(staffId) ?? '', ...figures(list), drill: fig(q, list.filter((f) => f.satisfaction.score !== null).length, 'csat.answered', { staff: staffId }).drill }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    byCaseType: group((f) => f.caseType)
      .map(([caseType, list]) => ({ caseType, ...figures(list), drill: fig(q, 0, 'csat.answered', { caseType }).drill }))
      .sort((a, b) => a.caseType.localeCompare(b.caseType)),
    trend: [...byBucket].map(([bucket, list]) => ({ bucket, ...figures(list), drill: fig(q, 0, 'csat.answered', { bucket }).drill })),
    comments: comments.slice(0, CSAT_COMMENTS_LIMIT).map((f) => ({
      number: f.number,
      caseType: f.caseType,
      staffId: f.ownerStaffId,
      staffName: f.ownerStaffId ? (nameOf.get(f.ownerStaffId) ?? null) : null,
      score: f.satisfaction.score,
      comment: f.satisfaction.comment,
      ratedAt: f.satisfaction.ratedAt?.toISOString() ?? null,
    })),
    commentsTruncated: comments.length > CSAT_COMMENTS_LIMIT,
  };
}
