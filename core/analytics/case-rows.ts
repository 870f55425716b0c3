import type { Knex } from 'knex';
import { caseFacts, inSnapshot, memoized, ROLLED_COMMENT, type CaseFact, type RolledCases, type Scope } from './case-facts.ts';
import { CASE_STATUS, type CaseStatusFlags, type CaseTimeBucket } from '../cases/case-status.ts';
import { CASE_STATUSES } from '../vocabulary.ts';
import { minuteSql, openBeforeSql, type MinuteLine } from './minute-line.ts';

/**
 * Every case of a scope's period as rows of SQL, for reports that count in the database: the
 * rolled-up cases straight from the rollup (resolved or closed and unchanged; or open now and
 * unchanged, the time since their last status change added in the query), and the others (changed
 * since, open without facts, or every case when the org has no complete rollup, or a `live` scope)
 * as the facts computed from their timelines, handed to the query as JSON. All give the same
 * columns with the same rules as core/analytics/case-facts.ts, so a report's SQL counts them alike;
 * all in one snapshot, as caseFacts reads.
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

/** The columns of a case's row, in the order a SELECT of all of them gives. */
export const ROW_COLUMNS = [
  'id', 'number', 'opened_at', 'case_type', 'severity', 'provider_key', 'owner_staff_id', 'contact_id', 'root_cause', 'reopened_count', 'is_open',
  'fro', 'reso', 'fr', 'fr_target', 'clock', 'queue', 'active', 'waiting_provider', 'status', 'waits_customer', 'waits_provider',
  'refunded', 'cancelled', 'asked', 'score', 'comment', 'rated_at', 'taken_by',
] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];

/** Each column's expression, in the order of ROW_COLUMNS, as a SELECT list of `columns` (all when unset). */
const selectList = (exprs: Record<RowColumn, string>, columns: readonly RowColumn[] = ROW_COLUMNS) => columns.map((c) => `${exprs[c]} AS ${c}`).join(', ');

/** The FROM of some rolled-up rows: without the provider and customer when neither the rows nor their conditions read them. */
const rolledFrom = (rolled: RolledCases, need: RowNeeds) => (rolled.caseOnly && need.columns && !need.columns.includes('provider_key') ? rolled.caseOnly : rolled.from);

export interface RowNeeds {
  /**
   * Only these columns (all when unset). Each row is then worked out no further than its reader
   * needs, and a report that reads only columns the index on (org, opening) carries reads its
   * rolled-up cases from that index alone (the system debt's query at a million cases read its 30
   * days of rows in 50 ms from the table, 11 ms from the index).
   */
  columns?: readonly RowColumn[];
  satisfaction?: boolean;
  takenBy?: boolean;
  /**
   * Only the resolved and closed rolled-up cases opened on these local days (the others are
   * counted per day: core/analytics/day-counts.ts); the cases open now and the changed ones all.
   */
  closedOnDays?: string[];
}

/**
 * The first-response outcome of a rolled-up case (on f, ct), as factFromRollup decides it: missed
 * when its breach was recorded (core/analytics/case-facts.ts RECORDED_BREACHES); without
 * a response, missed once it `waited` past the target, else `otherwise` (none for a case that ended
 * unanswered, pending for one open now).
 */
const frOutcome = (waited: string, otherwise: 'none' | 'pending') => `CASE WHEN f.first_response_breached THEN 'missed' WHEN ct.first_response_minutes IS NULL THEN 'none'
                   WHEN f.first_response_business IS NOT NULL THEN CASE WHEN f.first_response_business <= ct.first_response_minutes THEN 'met' ELSE 'missed' END
                   WHEN ${waited} > ct.first_response_minutes THEN 'missed' ELSE '${otherwise}' END`;
/** Its resolution outcome: missed when its breach was recorded or once the `clock` passed the case type's current target, else met (resolved) or pending (open). */
const resOutcome = (clock: string, within: 'met' | 'pending') => `CASE WHEN f.resolution_breached THEN 'missed' WHEN ct.resolution_minutes IS NULL THEN 'none'
                   WHEN ${clock} > ct.resolution_minutes THEN 'missed' ELSE '${within}' END`;

/**
 * The columns a rolled-up row gives as stored, resolved or open (on f, ct, p): all but the comment,
 * read from the timeline for the cases that have one.
 */
const asStored = (need: RowNeeds) => ({
  id: 'f.case_id',
  number: 'f.number',
  opened_at: 'f.opened_at',
  case_type: 'ct.key',
  severity: 'f.severity',
  provider_key: 'p.key',
  owner_staff_id: 'f.owner_staff_id',
  contact_id: 'f.contact_id',
  root_cause: 'f.root_cause',
  reopened_count: 'f.reopened_count',
  fr: 'f.first_response_business',
  fr_target: 'ct.first_response_minutes',
  status: 'f.status',
  refunded: 'f.refunded',
  cancelled: 'f.cancelled',
  asked: 'f.csat_asked',
  score: 'f.csat_score::numeric',
  comment: need.satisfaction ? ROLLED_COMMENT : 'NULL::text',
  rated_at: 'f.csat_rated_at',
  taken_by: need.takenBy ? 'f.taken_by' : 'NULL::jsonb',
});

export function rolledSelect(rolled: RolledCases, need: RowNeeds): CaseRows {
  const exprs: Record<RowColumn, string> = {
    ...asStored(need),
    is_open: 'false',
    fro: frOutcome('f.waited_business', 'none'),
    reso: resOutcome('f.business_resolution_clock', 'met'),
    clock: 'f.business_resolution_clock',
    queue: 'f.business_queue',
    active: 'f.business_active',
    waiting_provider: 'f.business_waiting_provider',
    waits_customer: 'f.wall_waiting_customer > 0',
    waits_provider: 'f.wall_waiting_provider > 0',
  };
  return {
    sql: `SELECT ${selectList(exprs, need.columns)}
            FROM ${rolledFrom(rolled, need)}
           WHERE ${rolled.where}`,
    bindings: rolled.bindings,
  };
}

/** A status's flags as a SQL CASE on f.status (core/cases/case-status.ts says what each status counts as). */
const byStatus = (value: (flags: CaseStatusFlags) => string) => `CASE f.status ${CASE_STATUSES.map((s) => `WHEN '${s}' THEN ${value(CASE_STATUS[s])}`).join(' ')} END`;

/**
 * The same columns of the rolled-up cases open now: their facts run to the start of their status
 * now, and the time since is added here, as factFromRollup adds it (business minutes over the
 * scope's minute line, which spans the period and now), with the outcomes of an open case.
 */
function openRolledSelect(open: RolledCases, need: RowNeeds, now: Date, line: MinuteLine): CaseRows {
  const cal = line.columns();
  // Now's minute and the open time before it are the same for every row: worked out here, once.
  const minutes = (from: string) => `(cal.now_before - (${openBeforeSql(from)})) / 60000`;
  const plus = (column: string, bucket: CaseTimeBucket, side: 'b' | 'w') => `${column} + CASE WHEN m.bucket = '${bucket}' THEN m.${side} ELSE 0 END`;
  const exprs: Record<RowColumn, string> = {
    ...asStored(need),
    is_open: 'true',
    fro: frOutcome('m.waited', 'pending'),
    reso: resOutcome('m.clock', 'pending'),
    clock: 'm.clock',
    queue: plus('f.business_queue', 'queue', 'b'),
    active: plus('f.business_active', 'active', 'b'),
    waiting_provider: plus('f.business_waiting_provider', 'waiting_provider', 'b'),
    waits_customer: `${plus('f.wall_waiting_customer', 'waiting_customer', 'w')} > 0`,
    waits_provider: `${plus('f.wall_waiting_provider', 'waiting_provider', 'w')} > 0`,
  };
  return {
    sql: `SELECT ${selectList(exprs, need.columns)}
            FROM ${rolledFrom(open, need)}
           CROSS JOIN (SELECT ?::bigint[] AS starts, ?::bigint[] AS ends, ?::bigint[] AS open_before, ?::timestamptz AS now, ?::bigint AS now_ms, ?::bigint AS now_before) cal
           CROSS JOIN LATERAL (
             SELECT s.*, (f.business_resolution_clock + CASE WHEN s.runs THEN s.b ELSE 0 END)::int AS clock
               FROM (SELECT ${byStatus((x) => `'${x.timeBucket}'`)} AS bucket, ${byStatus((x) => String(x.isOpen && !x.pausesResolutionClock))} AS runs,
                            CASE WHEN f.last_from < cal.now THEN ${minutes(minuteSql('f.last_from'))} ELSE 0 END::int AS b,
                            CASE WHEN f.last_from < cal.now THEN (cal.now_ms - ${minuteSql('f.last_from')}) / 60000 ELSE 0 END::int AS w,
                            ${minutes(minuteSql('f.opened_at'))}::int AS waited) s) m
           WHERE ${open.where}`,
    bindings: [cal.starts, cal.ends, cal.openBefore, now, Math.floor(now.getTime() / 60_000) * 60_000, line.openMsBefore(now), ...open.bindings],
  };
}

/** The same columns from facts computed from the timelines. */
function factsSelect(facts: CaseFact[], need: RowNeeds): CaseRows {
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
    sql: `SELECT ${(need.columns ?? ROW_COLUMNS).join(', ')} FROM json_to_recordset(?::json) AS x(
            id uuid, number text, opened_at timestamptz, case_type text, severity text, provider_key text, owner_staff_id uuid, contact_id uuid, root_cause text,
            reopened_count int, is_open boolean, fro text, reso text, fr int, fr_target int, clock int, queue int, active int, waiting_provider int,
            status text, waits_customer boolean, waits_provider boolean, refunded boolean, cancelled boolean, asked boolean, score numeric, comment text, rated_at timestamptz, taken_by jsonb)`,
    bindings: [JSON.stringify(rows)],
  };
}

/**
 * Runs `use` with the rows of every case opened in the scope's period (`which` = 'period'), or of
 * every case open now (`open`), with the scope's filters, in one read-only snapshot.
 */
export async function withCaseRows<T>(db: Db, scope: Scope, need: RowNeeds, use: (trx: Knex.Transaction, rows: CaseRows) => Promise<T>, which: 'period' | 'open' = 'period'): Promise<T> {
  const run = async (trx: Knex.Transaction) => {
    let rolled: RolledCases | null = null;
    const others: CaseFact[] = [];
    let open: CaseRows | null = null;
    const countRolled = async (_: Knex.Transaction, r: RolledCases) => {
      rolled = need.closedOnDays
        ? { ...r, where: `${r.where} AND (f.opened_at AT TIME ZONE ?)::date = ANY(?::date[])`, bindings: [...r.bindings, scope.period.timeZone, need.closedOnDays] }
        : r;
    };
    const countOpenRolled = async (_: Knex.Transaction, r: RolledCases, line: MinuteLine) => {
      open = openRolledSelect(r, need, scope.now, line);
    };
    for await (const batch of caseFacts(trx, scope, which, { countRolled, countOpenRolled })) others.push(...batch);
    const parts = [...(rolled ? [rolledSelect(rolled, need)] : []), ...(open ? [open] : []), factsSelect(others, need)];
    return use(trx, { sql: parts.map((p) => p.sql).join('\n UNION ALL\n'), bindings: parts.flatMap((p) => p.bindings) });
  };
  return inSnapshot(db, run);
}

/** The cases open now, per owner (null: unassigned): how many, and how many past a clock (breachedNow's rule). */
export interface OpenNow {
  owner: string | null;
  open: number;
  breached: number;
}

/** The cases open now counted in the database, per owner, once per request (Scope.memo). */
export function openNowByOwner(db: Db, scope: Scope): Promise<OpenNow[]> {
  return memoized(scope, 'open-by-owner', () =>
    withCaseRows(
      db,
      scope,
      { columns: ['owner_staff_id', 'is_open', 'fro', 'reso'] },
      async (trx, r) =>
        (
          await trx.raw<{ rows: OpenNow[] }>(
            `SELECT owner_staff_id AS owner, count(*)::int AS open, count(*) FILTER (WHERE is_open AND (fro = 'missed' OR reso = 'missed'))::int AS breached
               FROM (${r.sql}) r GROUP BY 1`,
            r.bindings as Knex.RawBinding[],
          )
        ).rows,
      'open',
    ),
  );
}

/** `to_char(date_trunc(...))` of a row's opening in the org's time zone: the trend bucket, as bucketStart names it. */
export const BUCKET_OF = `to_char(date_trunc(?, r.opened_at AT TIME ZONE ?), 'YYYY-MM-DD')`;

/**
 * Periods that may overlap or touch (this week within this month, the period and the one before),
 * read in one pass: a value of `column` (a row's opening, or a day of the day counts, with bounds
 * of its `type`) falls in one segment between two consecutive bounds of the periods, found by
 * binary search (`segment`: 1, 2, ...); a report groups its rows by segment first, and then joins
 * the few groups to each period that holds their segment (`join`, on the segment's column `at`,
 * giving the period's index `p.i`). Grouped first, the rows are read once whatever the periods,
 * and the planner counts the rows it reads (a join of the rows to the periods made it guess a
 * quarter of them); per segment, not per day, no row's day is worked out in the org's zone.
 */
export function periodSegments(periods: { from: Date | string; to: Date | string }[], column = 'r.opened_at', type: 'timestamptz' | 'date' = 'timestamptz') {
  // Instants as ISO text and days as YYYY-MM-DD both sort as they fall.
  const bound = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);
  const bounds = [...new Set(periods.flatMap((p) => [bound(p.from), bound(p.to)]))].sort();
  const pairs = periods.flatMap((p, i) =>
    bounds.slice(0, -1).flatMap((b, k) => (b >= bound(p.from) && bounds[k + 1] <= bound(p.to) ? [[k + 1, i]] : [])),
  );
  return {
    segment: { sql: `width_bucket(${column}, ?::${type}[])`, bindings: [bounds] as unknown[] },
    join: (at: string) => ({ sql: `JOIN unnest(?::int[], ?::int[]) AS p(s, i) ON p.s = ${at}`, bindings: [pairs.map((x) => x[0]), pairs.map((x) => x[1])] as unknown[] }),
  };
}
