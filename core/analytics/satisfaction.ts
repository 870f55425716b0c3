import type { Knex } from 'knex';
import type { TrendGranularity } from '../contracts/analytics.ts';
import type { Scope } from './case-facts.ts';
import { BUCKET_OF, withCaseRows } from './case-rows.ts';
import { bucketsOf } from './period.ts';
import { fig, periodView, rate, round1 } from './reports.ts';

/**
 * Customer satisfaction over the cases opened in the period (core/cases/case-satisfaction.ts puts
 * the question, the score and the comment on each case's timeline): how many were asked, how many
 * answered, the average score, the CSAT score (the share of answers that are 4 or 5), by staff
 * member (the case's owner now), by case type and by day, week or month, and the comments.
 * Counted in the database (core/analytics/case-rows.ts): the answers of every case of the period,
 * grouped.
 */
type Db = Knex | Knex.Transaction;

export const CSAT_COMMENTS_LIMIT = 500;

interface Counts {
  asked: number;
  answered: number;
  scoreSum: number;
  satisfied: number;
}

function figures(c: Counts | undefined) {
  const x = c ?? { asked: 0, answered: 0, scoreSum: 0, satisfied: 0 };
  return {
    asked: x.asked,
    answered: x.answered,
    responseRate: rate(x.answered, x.asked),
    averageScore: x.answered ? round1(x.scoreSum / x.answered) : null,
    csatScore: rate(x.satisfied, x.answered),
  };
}

type Row = Record<string, string | number | Date | null>;

export async function satisfactionReport(db: Db, scope: Scope) {
  const q = scope.query;
  const g: TrendGranularity = q.granularity ?? 'day';
  const { groups, comments } = await withCaseRows(db, scope, { satisfaction: true }, async (trx, r) => {
    // Answers of every case (the whole, a bucket), or of the cases asked only (a staff member, a case type).
    const counts = (only: string, prefix: string) =>
      `count(*) FILTER (WHERE asked)::int AS ${prefix}asked_n, count(score) FILTER (WHERE ${only})::int AS ${prefix}answered,
       coalesce(sum(score) FILTER (WHERE ${only}), 0) AS ${prefix}score_sum, count(*) FILTER (WHERE ${only} AND score >= 4)::int AS ${prefix}satisfied`;
    // Every case counts for the whole and its bucket; for a staff member or a case type, only the cases asked.
    const { rows: groups } = await trx.raw<{ rows: Row[] }>(
      `WITH r AS (${r.sql})
       SELECT grouping(owner_staff_id) AS g_owner, grouping(case_type) AS g_type, grouping(bucket) AS g_bucket, owner_staff_id, case_type, bucket,
              count(*)::int AS cases, ${counts('true', '')}, ${counts('asked', 'a_')},
              count(*) FILTER (WHERE score <= 2)::int AS unsatisfied, ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE score = ${s})::int AS s${s}`).join(', ')},
              count(comment)::int AS comments
         FROM (SELECT r.*, ${BUCKET_OF} AS bucket FROM r) r
        GROUP BY GROUPING SETS ((), (owner_staff_id), (case_type), (bucket))`,
      [...r.bindings, g, scope.period.timeZone] as Knex.RawBinding[],
    );
    // The latest comments (every one tied with the last kept, for the order below to decide).
    const { rows: comments } = await trx.raw<{ rows: Row[] }>(
      `WITH r AS (${r.sql})
       SELECT number, case_type, owner_staff_id, score, comment, rated_at FROM (
         SELECT r.*, rank() OVER (ORDER BY rated_at DESC NULLS LAST) AS rk FROM r WHERE comment IS NOT NULL) x
        WHERE rk <= ${CSAT_COMMENTS_LIMIT}`,
      r.bindings as Knex.RawBinding[],
    );
    return { groups, comments };
  });
  const staff = await db('staff').select('id', 'display_name').where({ org_id: scope.orgId });
  const nameOf = new Map(staff.map((s) => [s.id as string, s.display_name as string]));
  const countsOf = (x: Row, prefix: string): Counts => ({
    asked: Number(x[`${prefix}asked_n`]),
    answered: Number(x[`${prefix}answered`]),
    scoreSum: Number(x[`${prefix}score_sum`]),
    satisfied: Number(x[`${prefix}satisfied`]),
  });
  const set = (owner: number, type: number, bucket: number) => groups.filter((x) => Number(x.g_owner) === owner && Number(x.g_type) === type && Number(x.g_bucket) === bucket);
  const whole = set(1, 1, 1)[0];
  const all = countsOf(whole, '');
  // A staff member or case type is listed when one of its cases was asked.
  const askedGroups = (rows: Row[], key: string) => rows.filter((x) => x[key] !== null && Number(x.a_asked_n) > 0);
  const byBucket = new Map(set(1, 1, 0).map((x) => [String(x.bucket), countsOf(x, '')]));
  const sorted = comments
    .map((x) => ({ number: String(x.number), caseType: String(x.case_type), staffId: (x.owner_staff_id as string | null) ?? null, score: x.score === null ? null : Number(x.score), comment: String(x.comment), ratedAt: x.rated_at ? new Date(x.rated_at) : null }))
    .sort((a, b) => (b.ratedAt?.getTime() ?? 0) - (a.ratedAt?.getTime() ?? 0) || a.number.localeCompare(b.number));
  return {
    period: periodView(scope),
    cases: fig(q, Number(whole.cases), 'cases'),
    asked: fig(q, all.asked, 'csat.asked'),
    answered: fig(q, all.answered, 'csat.answered'),
    responseRate: figures(all).responseRate,
    averageScore: figures(all).averageScore,
    csatScore: figures(all).csatScore,
    satisfied: fig(q, all.satisfied, 'csat.satisfied'),
    unsatisfied: fig(q, Number(whole.unsatisfied), 'csat.unsatisfied'),
    distribution: [1, 2, 3, 4, 5].map((score) => ({ score, answers: Number(whole[`s${score}`]) })),
    byStaff: askedGroups(set(0, 1, 1), 'owner_staff_id')
      .map((x) => {
        const staffId = String(x.owner_staff_id);
        const c = countsOf(x, 'a_');
        return { staffId, name: nameOf.get(staffId) ?? '', ...figures(c), drill: fig(q, c.answered, 'csat.answered', { staff: staffId }).drill };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    byCaseType: askedGroups(set(1, 0, 1), 'case_type')
      .map((x) => ({ caseType: String(x.case_type), ...figures(countsOf(x, 'a_')), drill: fig(q, 0, 'csat.answered', { caseType: String(x.case_type) }).drill }))
      .sort((a, b) => a.caseType.localeCompare(b.caseType)),
    trend: bucketsOf(scope.period, g).map((bucket) => ({ bucket, ...figures(byBucket.get(bucket)), drill: fig(q, 0, 'csat.answered', { bucket }).drill })),
    comments: sorted.slice(0, CSAT_COMMENTS_LIMIT).map((c) => ({
      number: c.number,
      caseType: c.caseType,
      staffId: c.staffId,
      staffName: c.staffId ? (nameOf.get(c.staffId) ?? null) : null,
      score: c.score,
      comment: c.comment,
      ratedAt: c.ratedAt?.toISOString() ?? null,
    })),
    commentsTruncated: Number(whole.comments) > CSAT_COMMENTS_LIMIT,
  };
}
