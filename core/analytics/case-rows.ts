import type { Knex } from 'knex';
import { caseFacts, inSnapshot, ROLLED_COMMENT, type CaseFact, type RolledCases, type Scope } from './case-facts.ts';
import type { Period } from './period.ts';

/**
 * Every case of a scope's period as rows of SQL, for reports that count in the database: the
 * rolled-up cases (resolved or closed, unchanged) straight from the rollup, and the others (open
 * now, changed since, or every case when the org has no complete rollup, or a `live` scope) as the
 * facts computed from their timelines, handed to the query as JSON. Both give the same columns with
 * the same rules as core/analytics/case-facts.ts, so a report's SQL counts them alike; all in one
 * snapshot, as caseFacts reads.
 *
 * Columns of the rows: id, number, opened_at, case_type, severity, provider_key, owner_staff_id,
 * contact_id, root_cause, reopened_count, is_open, fro and reso (the first-response and resolution
 * outcomes: met, missed, pending, none), fr (first response, business minutes), fr_target, clock
 * (the resolution clock's business minutes), queue, active, waiting_provider (business minutes), status (now),
 * waits_customer and waits_provider (it spent time waiting on them), refunded, cancelled, and the
 * customer's satisfaction: asked, score, rated_at; with `satisfaction` also their comment; with
 * `takenBy`: taken_by (a JSON array of the staff who took it) (else null).
 */
type Db = Knex | Knex.Transaction;

export interface CaseRows {
  /** A SELECT of the rows, to put in a WITH (`WITH r AS (${rows.sql})`). */
  sql: string;
  bindings: unknown[];
}

export interface RowNeeds {
  satisfaction?: boolean;
  takenBy?: boolean;
}

/** The first-response outcome of a rolled-up case (on f, ct), as factFromRollup decides it. */
export const ROLLED_FR_OUTCOME = `CASE WHEN ct.first_response_minutes IS NULL THEN 'none'
                   WHEN f.first_response_business IS NOT NULL THEN CASE WHEN f.first_response_business <= ct.first_response_minutes THEN 'met' ELSE 'missed' END
                   WHEN f.waited_business > ct.first_response_minutes THEN 'missed' ELSE 'none' END`;
/** Its resolution outcome: a resolved case's clock is final, the target the case type's current one. */
export const ROLLED_RES_OUTCOME = `CASE WHEN ct.resolution_minutes IS NULL THEN 'none'
                   WHEN f.business_resolution_clock > ct.resolution_minutes THEN 'missed' ELSE 'met' END`;

function rolledSelect(rolled: RolledCases, need: RowNeeds): CaseRows {
  // Every column is the rolled-up row's own but the comment, read from the timeline for the cases that have one.
  return {
    sql: `SELECT f.case_id AS id, f.number, f.opened_at, ct.key AS case_type, f.severity, p.key AS provider_key, f.owner_staff_id, f.contact_id, f.root_cause,
                 f.reopened_count, false AS is_open, ${ROLLED_FR_OUTCOME} AS fro, ${ROLLED_RES_OUTCOME} AS reso,
                 f.first_response_business AS fr, ct.first_response_minutes AS fr_target, f.business_resolution_clock AS clock,
                 f.business_queue AS queue, f.business_active AS active, f.business_waiting_provider AS waiting_provider,
                 f.status, f.wall_waiting_customer > 0 AS waits_customer, f.wall_waiting_provider > 0 AS waits_provider,
                 f.refunded, f.cancelled, f.csat_asked AS asked, f.csat_score::numeric AS score,
                 ${need.satisfaction ? ROLLED_COMMENT : 'NULL::text'} AS comment, f.csat_rated_at AS rated_at,
                 ${need.takenBy ? 'f.taken_by' : 'NULL::jsonb AS taken_by'}
            FROM ${rolled.from}
           WHERE ${rolled.where}`,
    bindings: rolled.bindings,
  };
}

/** The same columns from facts computed from the timelines. */
function factsSelect(facts: CaseFact[]): CaseRows {
  const rows = facts.map((f) => ({
    id: f.id,
    number: f.number,
    opened_at: f.openedAt.toISOString(),
    case_type: f.caseType,
    severity: f.severity,
    provider_key: f.providerKey,
    owner_staff_id: f.ownerStaffId,
    contact_id: f.contactId,
    root_cause: f.rootCause,
    reopened_count: f.reopenedCount,
    is_open: f.isOpen,
    fro: f.firstResponseOutcome,
    reso: f.resolutionOutcome,
    fr: f.firstResponse?.business ?? null,
    fr_target: f.firstResponseTarget,
    clock: f.resolutionClockMinutes,
    queue: f.buckets.business.queue,
    active: f.buckets.business.active,
    waiting_provider: f.buckets.business.waiting_provider,
    status: f.status,
    waits_customer: f.buckets.wall.waiting_customer > 0,
    waits_provider: f.buckets.wall.waiting_provider > 0,
    refunded: f.refunded,
    cancelled: f.cancelled,
    asked: f.satisfaction.asked,
    score: f.satisfaction.score,
    comment: f.satisfaction.comment,
    rated_at: f.satisfaction.ratedAt?.toISOString() ?? null,
    taken_by: f.takenBy,
  }));
  return {
    // As json, not jsonb: the rows are read once, and json is only checked where jsonb is built as a
    // tree first (2,000 open cases: 40 ms against 80 ms; staff performance at a million cases 465 -> 415 ms).
    sql: `SELECT * FROM json_to_recordset(?::json) AS x(
            id uuid, number text, opened_at timestamptz, case_type text, severity text, provider_key text, owner_staff_id uuid, contact_id uuid, root_cause text,
            reopened_count int, is_open boolean, fro text, reso text, fr int, fr_target int, clock int, queue int, active int, waiting_provider int,
            status text, waits_customer boolean, waits_provider boolean, refunded boolean, cancelled boolean, asked boolean, score numeric, comment text, rated_at timestamptz, taken_by jsonb)`,
    bindings: [JSON.stringify(rows)],
  };
}

/**
 * Runs `use` with the rows of every case opened in the scope's period (with its filters), in one
 * read-only snapshot.
 */
export async function withCaseRows<T>(db: Db, scope: Scope, need: RowNeeds, use: (trx: Knex.Transaction, rows: CaseRows) => Promise<T>): Promise<T> {
  if (scope.rowsTable && db.isTransaction) {
    return use(db as Knex.Transaction, { sql: `SELECT * FROM ${scope.rowsTable} WHERE opened_at >= ? AND opened_at < ?`, bindings: [scope.period.from, scope.period.to] });
  }
  const run = async (trx: Knex.Transaction) => {
    let rolled: RolledCases | null = null;
    const others: CaseFact[] = [];
    const countRolled = async (_: Knex.Transaction, r: RolledCases) => {
      rolled = r;
    };
    for await (const batch of caseFacts(trx, scope, 'period', { countRolled })) others.push(...batch);
    const parts = [...(rolled ? [rolledSelect(rolled, need)] : []), factsSelect(others)];
    return use(trx, { sql: parts.map((p) => p.sql).join('\n UNION ALL\n'), bindings: parts.flatMap((p) => p.bindings) });
  };
  return inSnapshot(db, run);
}

/** `to_char(date_trunc(...))` of a row's opening in the org's time zone: the trend bucket, as bucketStart names it. */
export const BUCKET_OF = `to_char(date_trunc(?, r.opened_at AT TIME ZONE ?), 'YYYY-MM-DD')`;

/**
 * Joins each row to the periods its opening falls in (`p.i`, the period's index in `periods`), for
 * one read of periods that overlap or touch.
 */
export function periodsJoin(periods: Period[]): { sql: string; bindings: unknown[] } {
  return {
    sql: 'JOIN unnest(?::timestamptz[], ?::timestamptz[], ?::int[]) AS p(from_at, to_at, i) ON r.opened_at >= p.from_at AND r.opened_at < p.to_at',
    bindings: [periods.map((p) => p.from.toISOString()), periods.map((p) => p.to.toISOString()), periods.map((_, i) => i)],
  };
}

/**
 * Keeps the rows of some periods, with every column, in a temporary table of the transaction, for
 * several reports to count (Scope.rowsTable): periods that overlap or touch are read as one span,
 * each case once.
 */
export async function keepCaseRows(trx: Knex.Transaction, scope: Scope, table: string, periods: Period[]): Promise<void> {
  const spans: Period[] = [];
  for (const p of [...periods].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    const last = spans.at(-1);
    if (last && p.from <= last.to) last.to = p.to > last.to ? p.to : last.to;
    else spans.push({ ...p });
  }
  await trx.raw(`DROP TABLE IF EXISTS ${table}`);
  for (const [i, span] of spans.entries()) {
    // No comments: none of the reports that share the table shows one, and each was read from the timeline.
    await withCaseRows(trx, { ...scope, rowsTable: undefined, period: span }, { takenBy: true }, (t, r) =>
      t.raw(i === 0 ? `CREATE TEMPORARY TABLE ${table} ON COMMIT DROP AS ${r.sql}` : `INSERT INTO ${table} ${r.sql}`, r.bindings as Knex.RawBinding[]),
    );
  }
}
