import knexFactory, { type Knex } from 'knex';
import { isEmbeddedDatabase } from '../db/connect.ts';
import { calendarFor, targetsOf } from '../cases/case-clock.ts';
import { CASE_STATUS, OPEN_CASE_STATUSES } from '../cases/case-status.ts';
import type { StatusPeriod, TimeBuckets } from '../cases/sla-clock.ts';
import { MinuteLine } from './minute-line.ts';
import type { AnalyticsQuery, DrillFigure } from '../contracts/analytics.ts';
import { validationFailed } from '../errors/index.ts';
import { businessMinutesBetween, wallMinutesBetween, type BusinessCalendar } from '../sla/business-calendar.ts';
import type { CaseStatus } from '../vocabulary.ts';
import type { Period } from './period.ts';

/**
 * The facts of each case that analytics count, computed from the timelines: the case row, its
 * status periods (case_status_periods) and its owner changes (case_events). Nothing is counted on
 * the side. Cases are read in batches (keyset on the id), so a table of any size streams.
 *
 * - **Opened at** is the start of the case's first status period (the moment the case opened,
 *   on the same clock as every other period).
 * - **First response**: from the opening to `first_responded_at` (the first move out of New by
 *   staff, or the first staff reply). Met when its business minutes are within the case type's
 *   target; missed when over it, or when there is still none and the target has passed.
 * - **Resolution**: the business minutes the resolution clock counted (open, not paused: waiting
 *   on the customer does not count; a reopened case goes on from where it stood). Met when a
 *   resolved or closed case counted no more than the target; missed when it counted more, or an
 *   open case already has; pending otherwise.
 * - **Total resolution** of a resolved or closed case: all the time it was open (every open
 *   period, so the time it lay resolved before a reopen does not count), calendar and business.
 */
type Db = Knex | Knex.Transaction;

export type Outcome = 'met' | 'missed' | 'pending' | 'none';

export interface Minutes {
  business: number;
  calendar: number;
}

export interface CaseFact {
  id: string;
  number: string;
  caseType: string;
  category: string;
  severity: string;
  channel: string;
  providerKey: string | null;
  ownerStaffId: string | null;
  contactId: string | null;
  rootCause: string | null;
  /** An order the case names that the business's main system reports refunded / cancelled (orders, core/orders/). */
  refunded: boolean;
  cancelled: boolean;
  status: CaseStatus;
  isOpen: boolean;
  openedAt: Date;
  reopenedCount: number;
  /** Staff who took the case (owner_changed events to them), in order. */
  takenBy: string[];
  firstResponseTarget: number | null;
  resolutionTarget: number | null;
  firstResponse: Minutes | null;
  firstResponseOutcome: Outcome;
  /** Business minutes the resolution clock counted up to its resolution (or now). */
  resolutionClockMinutes: number;
  resolutionOutcome: Outcome;
  /** All open time of a resolved or closed case; null while open. */
  totalResolution: Minutes | null;
  buckets: TimeBuckets;
  /** Open, and a clock already missed. */
  breachedNow: boolean;
  /** Open, no clock missed, and a running clock past its warning share of the target (the SLA warning's rule). */
  breachingSoon: boolean;
  /** The customer's satisfaction (core/cases/case-satisfaction.ts): asked, their score and comment. */
  satisfaction: Satisfaction;
}

export interface Satisfaction {
  asked: boolean;
  score: number | null;
  comment: string | null;
  ratedAt: Date | null;
}

const noSatisfaction = (): Satisfaction => ({ asked: false, score: null, comment: null, ratedAt: null });

export interface Scope {
  orgId: string;
  period: Period;
  query: AnalyticsQuery;
  now: Date;
  /** Read every case from its timeline, never from the rollup (the rebuild-and-compare check). */
  live?: boolean;
  /** Reads already made in this request, by key (`memoized`): one report built from others reads each once. */
  memo?: Map<string, Promise<unknown>>;
}

export interface CaseRow {
  id: string;
  number: string;
  status: CaseStatus;
  severity: string;
  source: string;
  owner_staff_id: string | null;
  contact_id: string | null;
  root_cause: string | null;
  refunded: boolean | null;
  cancelled: boolean | null;
  first_responded_at: Date | null;
  reopened_count: number;
  case_type: string;
  category: string;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  warn_at_ratio: string;
  provider_key: string | null;
  opened_at: Date;
  /** A breach of the clock was recorded on the case's timeline (`sla_breach`): missed, whatever the calendar says now. */
  first_response_breached: boolean;
  resolution_breached: boolean;
}

/**
 * The SQL conditions of the query's filters (on the case's columns under `on`: cases c, or the
 * rolled-up copy f; and case_types ct, providers p, contacts k); unknown keys and ids are 422.
 */
export async function filterSql(db: Db, orgId: string, q: AnalyticsQuery, on: 'c' | 'f' = 'c'): Promise<{ sql: string; bindings: unknown[]; readsNames: boolean }> {
  const conds: string[] = [];
  const bindings: unknown[] = [];
  // Whether a condition reads the provider p or the customer k (else a report may read without them).
  let readsNames = false;
  const add = (sql: string, ...b: unknown[]) => {
    conds.push(sql);
    bindings.push(...b);
  };
  if (q.caseType) {
    const known = await db('case_types').select('id').where({ org_id: orgId, key: q.caseType }).first();
    if (!known) throw validationFailed(`Unknown case type ${q.caseType}`, [{ path: 'caseType', message: 'no such case type in this org' }]);
    // By id, on the case itself: the planner has statistics for cases.case_type_id, none for a
    // table of a few case types (too small to be analysed on its own), and then drove the read from
    // every case of the type instead of the period's. (A provider stays by key: that plan, from the
    // provider to its few cases, is the faster one.)
    add(`${on}.case_type_id = ?`, known.id);
  }
  if (q.provider) {
    const known = await db('providers').select('id').where({ org_id: orgId, key: q.provider }).first();
    if (!known) throw validationFailed(`Unknown provider ${q.provider}`, [{ path: 'provider', message: 'no such provider in this org' }]);
    add('p.key = ?', q.provider);
    readsNames = true;
  }
  if (q.category) {
    add(`${on}.case_type_id = ANY(?::uuid[])`, (await db('case_types').select('id').where({ org_id: orgId, category: q.category })).map((t) => t.id as string));
  }
  if (q.severity) add(`${on}.severity = ?`, q.severity);
  if (q.channel) add(`${on}.source = ?`, q.channel);
  if (q.owner) {
    const known = await db('staff').select('id').where({ org_id: orgId, id: q.owner }).first();
    if (!known) throw validationFailed('Unknown staff member', [{ path: 'owner', message: 'no such staff member in this org' }]);
    add(`${on}.owner_staff_id = ?`, q.owner);
  }
  if (q.team) {
    const group = await db('staff_groups').select('routing', 'purpose').where({ org_id: orgId, id: q.team }).first();
    if (!group) throw validationFailed('Unknown team', [{ path: 'team', message: 'no such staff group in this org' }]);
    const r = (group.routing ?? {}) as Record<string, unknown>;
    const list = (key: string) => (Array.isArray(r[key]) && (r[key] as unknown[]).length > 0 ? (r[key] as string[]) : null);
    const inList = (col: string, values: string[] | null) => {
      if (values) add(`${col} IN (${values.map(() => '?').join(', ')})`, ...values);
    };
    const typeIds = async (column: 'key' | 'category', values: string[] | null) => {
      if (values) add(`${on}.case_type_id = ANY(?::uuid[])`, (await db('case_types').select('id').where({ org_id: orgId }).whereIn(column, values)).map((t) => t.id as string));
    };
    await typeIds('key', list('caseTypes'));
    await typeIds('category', list('categories'));
    inList(`${on}.severity`, list('severities'));
    inList(`${on}.language`, list('languages'));
    inList('p.key', list('providers'));
    if (typeof r.vip === 'boolean') add('coalesce(k.is_vip, false) = ?', r.vip);
    readsNames ||= Boolean(list('providers')) || typeof r.vip === 'boolean';
  }
  return { sql: conds.map((c) => ` AND ${c}`).join(''), bindings, readsNames };
}

const BATCH = 2000;

/**
 * The ids of the cases that may be in scope, sorted: for a period, every case with a status period
 * starting in it (a case opened in the period has its first period there; the index on
 * (org_id, started_at) finds them); for `open`, every case open now.
 */
async function candidateIds(db: Db, scope: Scope, which: 'period' | 'open'): Promise<string[]> {
  const { rows } =
    which === 'period'
      ? await db.raw<{ rows: { id: string }[] }>(
          'SELECT DISTINCT case_id AS id FROM case_status_periods WHERE org_id = ? AND started_at >= ? AND started_at < ? ORDER BY 1',
          [scope.orgId, scope.period.from, scope.period.to],
        )
      : await db.raw<{ rows: { id: string }[] }>(
          `SELECT id FROM cases WHERE org_id = ? AND status IN (${OPEN_CASE_STATUSES.map(() => '?').join(', ')}) ORDER BY 1`,
          [scope.orgId, ...OPEN_CASE_STATUSES],
        );
  return rows.map((r) => r.id);
}

/**
 * The cases in scope, batch by batch: `period` takes the cases opened in the period; `open` every
 * case open now (whenever it opened). Both with the query's filters.
 */
/** The resolved and closed cases of a period whose rolled-up facts are current, as SQL (on f, c, ct, p, k). */
export interface RolledCases {
  from: string;
  /**
   * The same FROM without the provider and customer (p, k), when `where` does not read them: for a
   * report that reads neither (see ROLLED_CASE_ONLY).
   */
  caseOnly?: string;
  where: string;
  bindings: unknown[];
}

export interface CaseFactsOptions {
  /**
   * Counts the rolled-up cases in the database instead of reading them one by one (in the same
   * snapshot); only the others (open now or changed) are then read as facts. Not called when the
   * org's rollup is not ready: every case is read as facts then. `read` reads the first of the
   * rolled-up cases by id as facts.
   */
  countRolled?: (trx: Knex.Transaction, rolled: RolledCases, read: (firstById: number) => Promise<CaseFact[]>) => Promise<void>;
  /**
   * The cases open now (of the period, or all) whose facts are rolled up and current are counted
   * in the database, the time since their last status change worked out there over `line`
   * (core/analytics/case-rows.ts), and are not read as facts.
   */
  countOpenRolled?: (trx: Knex.Transaction, open: RolledCases, line: MinuteLine) => Promise<void>;
}

export async function* caseFacts(db: Db, scope: Scope, which: 'period' | 'open' = 'period', opts: CaseFactsOptions = {}): AsyncGenerator<CaseFact[]> {
  // One snapshot for the whole read: the rolled-up rows, the changed list and the timelines must
  // agree. Read statement by statement, a case changed before the rolled-up rows are read and
  // recomputed by the worker before the changed list is read would be in neither.
  if (db.isTransaction) {
    yield* caseFactsIn(db as Knex.Transaction, scope, which, opts);
    return;
  }
  const trx = await snapshot(db);
  try {
    yield* caseFactsIn(trx, scope, which, opts);
  } finally {
    await trx.commit();
  }
}

/**
 * A read-only REPEATABLE READ transaction for a report's reads, with parallel workers priced to be
 * used (below). Without JIT compilation: the planner's estimates over a period's cases pass its
 * thresholds, and compiling took longer than the queries it was meant to speed up (tens of
 * milliseconds of each report at 100,000 cases).
 */
export interface SnapshotOptions {
  /**
   * No parallel workers, for a report whose groups the planner cannot count: its rows are the
   * rolled-up cases and, handed in as JSON, the others, so it guesses 200 customers where there are
   * 45,000, and planned a parallel sort that took twice as long as one process hashing them (abuse).
   */
  oneProcess?: boolean;
}

export async function snapshot(db: Knex, opts: SnapshotOptions = {}): Promise<Knex.Transaction> {
  const trx = await db.transaction({ isolationLevel: 'repeatable read', readOnly: true });
  await tune(trx, opts);
  return trx;
}

/** The settings of a report's snapshot (why each, below). */
async function tune(trx: Knex.Transaction, opts: SnapshotOptions): Promise<void> {
  // Only where the server has the setting (a build without JIT may not).
  await trx.raw(`SELECT set_config('jit', 'off', true) WHERE EXISTS (SELECT 1 FROM pg_settings WHERE name = 'jit')`);
  if (opts.oneProcess) await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
  // A report's rows are worked out per row (outcomes, the open cases' time to now), which the
  // planner costs at next to nothing; at the default price of handing a row from a parallel worker
  // (0.1) it read two months of a million-case org in one process. Handed at 0.01: staff
  // performance about 365 -> 335 ms, the CEO view 1,125 -> 950, no report slower.
  await trx.raw(`SELECT set_config('parallel_tuple_cost', '0.01', true)`);
  // The rolled-up facts lie in the order the cases opened (a report reads a run of pages) and are
  // read often enough to be in memory; at the default price of a page read out of order (4, for
  // spinning disks) the planner read the whole table for a quarter of it, at 1.1 (the usual price
  // for memory and SSD) the period's pages: the CEO view over 90 days at a million cases about
  // 900 -> 720 ms.
  await trx.raw(`SELECT set_config('random_page_cost', '1.1', true)`);
  // A report sorts and groups a few megabytes (a CEO view's two months of day counts are 19,000
  // rows of 20 sums): at the server's default work_mem (4 MB) that sort went to disk (43 ms of its
  // count's plan under EXPLAIN ANALYZE at a million cases; the CEO view's own time moved within the
  // noise). Only this transaction gets more.
  await trx.raw(`SELECT set_config('work_mem', '32MB', true)`);
}

const embeddedBy = new WeakMap<object, Promise<boolean>>();

/**
 * The connections a process opens beside its pool at most, for sideBySide: a burst of CEO views
 * then runs the parts of the few beyond one after the other, rather than asking the server for
 * more connections than it allows (100 by default, the api's pool being 20 of them).
 */
export const MAX_CONNECTIONS_BESIDE = 6;
let connectionsBeside = 0;

/**
 * Runs the parts of one request at the same time, all reading the snapshot `trx`: the first in
 * `trx`, each other in a transaction on a connection of its own that imports that snapshot
 * (`pg_export_snapshot`), so that they see the same data; each part in one process, the parts
 * being the parallelism. The connections are opened for the call and closed after it, outside the
 * pool: a request that held a pooled connection while waiting for more could, with enough such
 * requests, leave the pool with none to give; and no more than MAX_CONNECTIONS_BESIDE at once. The
 * embedded database serves one session at a time, so there the parts run one after the other, in
 * `trx`, as they do when that many are open.
 */
export async function sideBySide<T extends unknown[]>(trx: Knex.Transaction, ...parts: { [K in keyof T]: (db: Knex.Transaction) => Promise<T[K]> }): Promise<T> {
  const config = trx.client.config as Knex.Config;
  let embedded = embeddedBy.get(config);
  if (!embedded) embeddedBy.set(config, (embedded = isEmbeddedDatabase(trx)));
  const wanted = parts.length - 1;
  // Counted at once, with no await between the check and the count.
  if ((await embedded) || connectionsBeside + wanted > MAX_CONNECTIONS_BESIDE) {
    const out: unknown[] = [];
    for (const part of parts) out.push(await part(trx));
    return out as T;
  }
  connectionsBeside += wanted;
  try {
    return await besides(trx, config, parts);
  } finally {
    connectionsBeside -= wanted;
  }
}

/** sideBySide's parts at once: the first in `trx`, each other on a connection of its own that imports `trx`'s snapshot. */
async function besides<T extends unknown[]>(trx: Knex.Transaction, config: Knex.Config, parts: { [K in keyof T]: (db: Knex.Transaction) => Promise<T[K]> }): Promise<T> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>('SELECT pg_export_snapshot() AS id');
  const others = knexFactory({ ...config, pool: { min: 0, max: parts.length - 1 } });
  const beside = async <R>(part: (db: Knex.Transaction) => Promise<R>) => {
    const other = await others.transaction({ isolationLevel: 'repeatable read', readOnly: true });
    try {
      // The first statement of the transaction, before it takes a snapshot of its own.
      await other.raw(`SET TRANSACTION SNAPSHOT '${rows[0].id.replace(/'/g, "''")}'`);
      await tune(other, { oneProcess: true });
      return await part(other);
    } finally {
      await other.commit();
    }
  };
  try {
    const settled = await Promise.allSettled(parts.map((part, i) => (i === 0 ? part(trx) : beside(part))));
    const failed = settled.find((x) => x.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((x) => (x as PromiseFulfilledResult<unknown>).value) as T;
  } finally {
    await others.destroy();
  }
}

/** Runs `read` in the caller's transaction, or in a snapshot of its own, committed after. */
export async function inSnapshot<T>(db: Db, read: (trx: Knex.Transaction) => Promise<T>, opts: SnapshotOptions = {}): Promise<T> {
  if (db.isTransaction) return read(db as Knex.Transaction);
  const trx = await snapshot(db as Knex, opts);
  try {
    return await read(trx);
  } finally {
    await trx.commit();
  }
}

async function* caseFactsIn(db: Knex.Transaction, scope: Scope, which: 'period' | 'open', opts: CaseFactsOptions): AsyncGenerator<CaseFact[]> {
  const cal = await calendarFor(db, scope.orgId);
  const DAY = 86_400_000;
  let spanFrom = which === 'period' ? scope.period.from.getTime() - DAY : scope.now.getTime() - 366 * DAY;
  if (which === 'open' && opts.countOpenRolled) {
    // The open cases' time to now is counted in the database over this line: it must reach back to
    // the oldest of them (a case open for more than a year is rare, but counted right). They are
    // read first, by the partial index on open cases: a plain min() is planned as a walk of the
    // index on (org, opening) from the oldest case, past every closed one (340 ms at a million).
    const { rows } = await db.raw<{ rows: { at: Date | null }[] }>(
      'WITH o AS MATERIALIZED (SELECT f.opened_at FROM analytics_case_facts f WHERE f.org_id = ? AND NOT f.closed) SELECT min(opened_at) AS at FROM o',
      [scope.orgId],
    );
    if (rows[0]?.at) spanFrom = Math.min(spanFrom, new Date(rows[0].at).getTime() - DAY);
  }
  const spanTo = Math.max(scope.now.getTime(), scope.period.to.getTime()) + DAY;
  const line = new MinuteLine(cal, new Date(spanFrom), new Date(spanTo));
  const minutes: MinutesBetween = (a, b) => line.between(a, b);
  const fromRolled = (r: RolledRow): CaseFact => ({ ...factFromRollup(r, rollupFromRow(r), scope.now, minutes), satisfaction: rolledSatisfaction(r) });
  const filters = await filterSql(db, scope.orgId, scope.query);
  const rolledFilters = await filterSql(db, scope.orgId, scope.query, 'f');
  const inPeriod = which === 'period' ? { sql: ' AND o.opened_at >= ? AND o.opened_at < ?', bindings: [scope.period.from, scope.period.to] } : { sql: '', bindings: [] };
  let ids: string[];
  if (!scope.live && (await rollupReady(db, scope.orgId, cal))) {
    const rolled = new Set<string>();
    const caseOnly = rolledFilters.readsNames ? {} : { caseOnly: ROLLED_CASE_ONLY };
    const rolledCases: RolledCases = {
      from: ROLLED_FROM,
      ...caseOnly,
      where: `f.org_id = ? AND f.opened_at >= ? AND f.opened_at < ? AND f.closed AND ${CURRENT}${rolledFilters.sql}`,
      bindings: [scope.orgId, scope.period.from, scope.period.to, ...rolledFilters.bindings],
    };
    // The first rolled-up cases by id, one by one, for a report that counts the rest: the period's
    // ids from the index on (org, opening, case) in id order, each case joined until enough are
    // found (with `ORDER BY f.case_id` alone the planner walked every case of the org, or every
    // case of the filter's case type, in id order).
    const readRolled = async (firstById: number): Promise<CaseFact[]> => {
      const { rows } = await db.raw<{ rows: RolledRow[] }>(
        `SELECT x.* FROM (SELECT i.case_id FROM analytics_case_facts i WHERE i.org_id = ? AND i.opened_at >= ? AND i.opened_at < ? ORDER BY i.case_id OFFSET 0) ids
           CROSS JOIN LATERAL (SELECT ${ROLLED_COLUMNS} FROM ${rolledCases.from} WHERE f.case_id = ids.case_id AND ${rolledCases.where}) x
          ORDER BY ids.case_id LIMIT ${Number(firstById)}`,
        [scope.orgId, scope.period.from, scope.period.to, ...rolledCases.bindings] as Knex.RawBinding[],
      );
      return rows.map(fromRolled);
    };
    if (which === 'period' && opts.countRolled) await opts.countRolled(db, rolledCases, readRolled);
    // The resolved and closed cases whose facts are rolled up and current: one row each, in the
    // order of the index on (org, opening, case), so that each batch reads on where the last stopped.
    let after: [Date, string] = [new Date(0), '00000000-0000-0000-0000-000000000000'];
    while (which === 'period' && !opts.countRolled) {
      const { rows } = await db.raw<{ rows: RolledRow[] }>(
        `SELECT ${ROLLED_COLUMNS}
           FROM ${rolledCases.from}
          WHERE ${rolledCases.where} AND (f.opened_at, f.case_id) > (?, ?)
          ORDER BY f.opened_at, f.case_id
          LIMIT ${BATCH}`,
        [...rolledCases.bindings, ...after] as Knex.RawBinding[],
      );
      if (rows.length === 0) break;
      after = [rows.at(-1)!.opened_at, rows.at(-1)!.id];
      for (const r of rows) rolled.add(r.id);
      yield rows.map(fromRolled);
    }
    // The cases open now whose facts are rolled up and current (to the start of their status now):
    // one row each, the time since then worked out here as from their timelines, or in the
    // database by a report that counts them there.
    const openRolled: RolledCases = {
      from: ROLLED_FROM,
      ...caseOnly,
      where: `f.org_id = ? AND NOT f.closed AND ${CURRENT}${which === 'period' ? ' AND f.opened_at >= ? AND f.opened_at < ?' : ''}${rolledFilters.sql}`,
      bindings: [scope.orgId, ...(which === 'period' ? [scope.period.from, scope.period.to] : []), ...rolledFilters.bindings],
    };
    const countedThere = Boolean(opts.countOpenRolled);
    if (countedThere) await opts.countOpenRolled!(db, openRolled, line);
    // Counted there, of a period: nothing to read. Their ids would only be kept off the list read
    // below, which holds no case with current facts (as for the resolved cases counted there).
    const { rows: open } = countedThere && which === 'period' ? { rows: [] as RolledRow[] } : await db.raw<{ rows: RolledRow[] }>(
      `SELECT ${countedThere ? 'f.case_id AS id' : ROLLED_COLUMNS} FROM ${openRolled.from} WHERE ${openRolled.where} ORDER BY f.case_id`,
      openRolled.bindings as Knex.RawBinding[],
    );
    if (countedThere) for (const r of open) rolled.add(r.id);
    else for (let i = 0; i < open.length; i += BATCH) {
      const batch = open.slice(i, i + BATCH);
      for (const r of batch) rolled.add(r.id);
      yield batch.map(fromRolled);
    }
    // The rest from the timelines: changed since their facts were computed (a case that changed
    // while the rows above were read is not counted twice), or open without facts yet.
    // The same for every report of a request, in its snapshot: read once (the CEO view's parts read it seven times, 10 ms each at a million cases).
    ids = (which === 'period' ? await memoized(scope, 'live-ids', () => liveIds(db, scope.orgId)) : await candidateIds(db, scope, 'open')).filter((id) => !rolled.has(id));
  } else {
    ids = await candidateIds(db, scope, which);
  }
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const { rows } = await db.raw<{ rows: CaseRow[] }>(
      `SELECT ${CASE_COLUMNS}, o.opened_at
         FROM cases c
         JOIN case_types ct ON ct.id = c.case_type_id
         LEFT JOIN providers p ON p.id = c.provider_id
         LEFT JOIN contacts k ON k.id = c.contact_id
         LEFT JOIN LATERAL (${CASE_ORDER_FLAGS}) x ON true
         CROSS JOIN LATERAL (SELECT min(sp.started_at) AS opened_at FROM case_status_periods sp WHERE sp.case_id = c.id) o
        WHERE c.org_id = ? AND c.id = ANY(?::uuid[]) AND o.opened_at IS NOT NULL${inPeriod.sql}${filters.sql}
        ORDER BY c.id`,
      [scope.orgId, chunk, ...inPeriod.bindings, ...filters.bindings] as Knex.RawBinding[],
    );
    if (rows.length === 0) continue;
    const found = rows.map((r) => r.id);
    const { byCase, takenBy } = await timelinesOf(db, found);
    const satisfaction = await satisfactionOf(db, found);
    yield rows.map((r) => ({ ...factOf(r, byCase.get(r.id) ?? [], takenBy.get(r.id) ?? [], cal, scope.now, line), satisfaction: satisfaction.get(r.id) ?? noSatisfaction() }));
  }
}

/**
 * A case's order flags, for a LATERAL join on cases c: an order it names that the business's main
 * system reports (the orders API, core/orders/) refunded (the order's status, or its refund done)
 * or cancelled.
 */
export const CASE_ORDER_FLAGS = `SELECT bool_or(o.status = 'refunded' OR o.refund_status = 'refunded') AS refunded, bool_or(o.status = 'cancelled') AS cancelled
                                   FROM case_orders co JOIN orders o ON o.org_id = co.org_id AND o.number = co.order_id WHERE co.case_id = c.id`;

/**
 * Whether each clock's breach was recorded (on cases c): the SLA timers record it once, on the
 * calendar in force then (core/cases/sla-timers.ts), and it is kept as the outcome however the
 * calendar changes after.
 */
export const RECORDED_BREACHES = `EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'sla_breach' AND e.data->>'clock' = 'first_response') AS first_response_breached,
              EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'sla_breach' AND e.data->>'clock' = 'resolution') AS resolution_breached`;

/** The columns of a CaseRow but its opening (on cases c, case_types ct, providers p, and the order flags x). */
const CASE_COLUMNS = `c.id, c.number, c.status, c.severity, c.source, c.owner_staff_id, c.first_responded_at, c.reopened_count, c.contact_id, c.root_cause,
              x.refunded, x.cancelled, ct.key AS case_type, ct.category, ct.first_response_minutes, ct.resolution_minutes, ct.warn_at_ratio,
              p.key AS provider_key, ${RECORDED_BREACHES}`;

/**
 * The rolled-up facts with their case type's targets now, provider key and customer (for a team's
 * VIP rule): everything a report reads of a rolled-up case, without its case row.
 */
export const ROLLED_FROM = `analytics_case_facts f
           JOIN case_types ct ON ct.id = f.case_type_id
           LEFT JOIN providers p ON p.id = f.provider_id
           LEFT JOIN contacts k ON k.id = f.contact_id`;

/**
 * The rolled-up facts with their case type alone. The planner drops a join to the provider or the
 * customer that nothing reads, but what the join was on still kept it from reading the facts from
 * the index that carries them (PostgreSQL 15): the system debt read the last 30 days of a
 * million-case org from the table.
 */
export const ROLLED_CASE_ONLY = `analytics_case_facts f
           JOIN case_types ct ON ct.id = f.case_type_id`;

/** The rolled-up facts of f hold: the case has not changed since they were computed. */
export const CURRENT = 'NOT EXISTS (SELECT 1 FROM analytics_dirty_cases d WHERE d.case_id = f.case_id)';

/** The first comment of a rolled-up case that has one, from its timeline (an erasure redacts it there). */
export const ROLLED_COMMENT = `CASE WHEN f.csat_commented THEN (
           SELECT e.data->>'comment' FROM case_events e
            WHERE e.case_id = f.case_id AND e.type = 'satisfaction_commented' AND jsonb_typeof(e.data->'comment') = 'string' ORDER BY e.id LIMIT 1) END`;

/** The minutes per bucket as the rollup's columns: business_queue … wall_resolution_clock. */
const BUCKET_KEYS = ['queue', 'active', 'waiting_customer', 'waiting_provider', 'done', 'open', 'resolutionClock'] as const;
const SIDES = [['business', 'business'], ['wall', 'wall']] as const;
const columnOf = (side: 'business' | 'wall', k: (typeof BUCKET_KEYS)[number]) => `${side}_${k === 'resolutionClock' ? 'resolution_clock' : k}`;
const BUCKET_COLUMNS = Object.fromEntries(SIDES.map(([side]) => [side, BUCKET_KEYS.map((k) => [k, columnOf(side, k)] as const)])) as Record<'business' | 'wall', (readonly [(typeof BUCKET_KEYS)[number], string])[]>;
const BUCKET_COLUMN_NAMES = SIDES.flatMap(([side]) => BUCKET_KEYS.map((k) => `f.${columnOf(side, k)}`));

export function bucketColumns(b: TimeBuckets): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [side] of SIDES) for (const k of BUCKET_KEYS) out[columnOf(side, k)] = b[side][k];
  return out;
}

/** A rolled-up case as a CaseRow and its RollupRow (on ROLLED_FROM). */
const ROLLED_COLUMNS = `f.case_id AS id, f.number, f.status, f.severity, f.source, f.owner_staff_id, NULL::timestamptz AS first_responded_at, f.reopened_count, f.contact_id,
              f.root_cause, f.refunded, f.cancelled, ct.key AS case_type, ct.category, ct.first_response_minutes, ct.resolution_minutes, ct.warn_at_ratio,
              p.key AS provider_key, f.first_response_breached, f.resolution_breached, f.opened_at, f.closed, f.last_from, f.first_response_business, f.first_response_calendar, f.waited_business, f.taken_by,
              ${BUCKET_COLUMN_NAMES.join(', ')}, f.csat_asked, f.csat_score, f.csat_rated_at, ${ROLLED_COMMENT} AS csat_comment`;

type RolledRow = CaseRow & RollupRow & { csat_asked: boolean; csat_score: number | null; csat_rated_at: Date | null; csat_comment: string | null };

const rolledSatisfaction = (r: RolledRow): Satisfaction => ({
  asked: r.csat_asked,
  score: r.csat_score,
  comment: r.csat_comment,
  ratedAt: r.csat_rated_at ? new Date(r.csat_rated_at) : null,
});

/** The status periods and the takers of some cases, from their timelines. */
export async function timelinesOf(db: Db, found: string[]) {
  const periods = await db('case_status_periods').select('case_id', 'status', 'started_at', 'ended_at').whereIn('case_id', found).orderBy('case_id').orderBy('started_at').orderBy('id');
  const byCase = new Map<string, StatusPeriod[]>();
  for (const p of periods) {
    const list = byCase.get(p.case_id) ?? byCase.set(p.case_id, []).get(p.case_id)!;
    list.push({ status: p.status, from: new Date(p.started_at), to: p.ended_at ? new Date(p.ended_at) : null });
  }
  const takes = await db('case_events').select('case_id', db.raw(`data->>'to' AS staff_id`)).whereIn('case_id', found).where({ type: 'owner_changed' }).orderBy('id');
  const takenBy = new Map<string, string[]>();
  for (const t of takes) if (t.staff_id) (takenBy.get(t.case_id) ?? takenBy.set(t.case_id, []).get(t.case_id)!).push(t.staff_id);
  return { byCase, takenBy };
}

/** The customers' satisfaction answers of some cases, from their timelines. */
export async function satisfactionOf(db: Db, found: string[]): Promise<Map<string, Satisfaction>> {
  const answers = await db('case_events')
    .select('case_id', 'type', 'data', 'created_at')
    .whereIn('case_id', found)
    .whereIn('type', ['satisfaction_requested', 'satisfaction_rated', 'satisfaction_commented'])
    .orderBy('id');
  const satisfaction = new Map<string, Satisfaction>();
  for (const a of answers) {
    const s = satisfaction.get(a.case_id) ?? satisfaction.set(a.case_id, noSatisfaction()).get(a.case_id)!;
    const data = (typeof a.data === 'string' ? JSON.parse(a.data) : a.data) ?? {};
    if (a.type === 'satisfaction_requested') s.asked = true;
    if (a.type === 'satisfaction_rated' && s.score === null && Number.isInteger(data.score)) {
      s.score = data.score;
      s.ratedAt = new Date(a.created_at);
    }
    if (a.type === 'satisfaction_commented' && s.comment === null && typeof data.comment === 'string') s.comment = data.comment;
  }
  return satisfaction;
}

// ------------------------------------------------------------------------------ rollups

/** What core/analytics/case-rollup.ts keeps of a case: its costly facts, cut at its last status period. */
export interface RollupFacts {
  openedAt: Date;
  closed: boolean;
  lastFrom: Date;
  firstResponse: Minutes | null;
  waitedBusiness: number;
  buckets: TimeBuckets;
  takenBy: string[];
}

export interface RollupRow {
  opened_at: Date;
  closed?: boolean;
  last_from: Date;
  first_response_business: number | null;
  first_response_calendar: number | null;
  waited_business: number;
  taken_by: string[] | string;
}

function bucketsFromColumns(r: Record<string, unknown>): TimeBuckets {
  // Column names worked out once: this runs for every open case of every report.
  const side = (s: 'business' | 'wall') => {
    const out = {} as TimeBuckets['business'];
    for (const [k, column] of BUCKET_COLUMNS[s]) out[k] = Number(r[column]);
    return out;
  };
  return { business: side('business'), wall: side('wall') };
}

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export function rollupFromRow(r: RollupRow): RollupFacts {
  return {
    openedAt: new Date(r.opened_at),
    closed: r.closed ?? true,
    lastFrom: new Date(r.last_from),
    firstResponse: r.first_response_business === null ? null : { business: r.first_response_business, calendar: r.first_response_calendar! },
    waitedBusiness: r.waited_business,
    buckets: bucketsFromColumns(r as unknown as Record<string, unknown>),
    takenBy: parsed(r.taken_by),
  };
}

/** The facts to keep of a case, from its row and timeline (the same arithmetic as factOf). */
export function rollupOf(r: Pick<CaseRow, 'opened_at' | 'status' | 'first_responded_at'>, history: StatusPeriod[], takenBy: string[], minutes: MinutesBetween): RollupFacts {
  const openedAt = new Date(r.opened_at);
  const lastFrom = history.at(-1)?.from ?? openedAt;
  const at = r.first_responded_at ? new Date(r.first_responded_at) : null;
  return {
    openedAt,
    closed: !CASE_STATUS[r.status].isOpen,
    lastFrom,
    firstResponse: at ? { business: minutes(openedAt, at), calendar: wallMinutesBetween(openedAt, at) } : null,
    waitedBusiness: minutes(openedAt, lastFrom),
    // Cut at the last period's start: its minutes (the case lying resolved) grow with time and are added when read.
    buckets: bucketsOf(history, lastFrom, minutes),
    takenBy,
  };
}

/** A case's facts from its rollup (to the start of its last status period) and the time since, as factOf computes them from its timeline. */
export function factFromRollup(r: CaseRow, roll: RollupFacts, now: Date, minutes: MinutesBetween): CaseFact {
  const targets = targetsOf(r);
  const flags = CASE_STATUS[r.status];
  const isOpen = flags.isOpen;
  const business = { ...roll.buckets.business };
  const wall = { ...roll.buckets.wall };
  // The last status period, from its start to now, counted as bucketsOf counts a period.
  if (roll.lastFrom < now) {
    const b = minutes(roll.lastFrom, now);
    const w = wallMinutesBetween(roll.lastFrom, now);
    business[flags.timeBucket] += b;
    wall[flags.timeBucket] += w;
    if (isOpen) { business.open += b; wall.open += w; }
    if (isOpen && !flags.pausesResolutionClock) { business.resolutionClock += b; wall.resolutionClock += w; }
  }
  const openedAt = roll.openedAt;
  let firstResponseOutcome: Outcome = 'none';
  if (targets.firstResponseMinutes !== null) {
    if (roll.firstResponse) firstResponseOutcome = roll.firstResponse.business <= targets.firstResponseMinutes ? 'met' : 'missed';
    else {
      // Without a response: waited up to now, or up to its resolution when it ended without one.
      const waited = isOpen ? minutes(openedAt, now) : roll.waitedBusiness;
      firstResponseOutcome = waited > targets.firstResponseMinutes ? 'missed' : isOpen ? 'pending' : 'none';
    }
  }
  return factFrom(r, { openedAt, isOpen, takenBy: roll.takenBy, firstResponse: roll.firstResponse, firstResponseOutcome, buckets: { business, wall } }, now, minutes);
}

/** The org's business calendar as the rollup state records it (facts in business minutes hold only for it). */
export function calendarKey(cal: BusinessCalendar): string {
  return JSON.stringify(cal);
}

/** Are the org's rolled-up facts complete, and for the calendar it has now? */
export async function rollupReady(db: Db, orgId: string, cal: BusinessCalendar): Promise<boolean> {
  const state = await db('analytics_rollup_state').select('calendar').where({ org_id: orgId }).first();
  return state?.calendar === calendarKey(cal);
}

/**
 * The cases read from their timelines when the rollup is on: open now without current facts, or
 * changed since their facts were computed. (An open case with current facts is read from them, in
 * its period or not at all: reading the timelines of every case open now, to keep those opened in
 * the period, cost 25 to 70 ms of every report of a period that holds few of them.)
 */
async function liveIds(db: Db, orgId: string): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `SELECT c.id FROM cases c WHERE c.org_id = ? AND c.status IN (${OPEN_CASE_STATUSES.map(() => '?').join(', ')})
        AND NOT EXISTS (SELECT 1 FROM analytics_case_facts f WHERE f.case_id = c.id AND ${CURRENT})
     UNION
     SELECT case_id FROM analytics_dirty_cases WHERE org_id = ?
     ORDER BY 1`,
    [orgId, ...OPEN_CASE_STATUSES, orgId],
  );
  return rows.map((r) => r.id);
}

/** What a request reads once for every report built from it (Scope.memo), by `key`. */
export function memoized<T>(scope: Scope, key: string, read: () => Promise<T>): Promise<T> {
  const known = scope.memo?.get(key);
  if (known) return known as Promise<T>;
  const reading = read();
  scope.memo?.set(key, reading);
  return reading;
}

/** Every case in scope, in memory (for endpoints that rank or sort). */
export async function allCaseFacts(db: Db, scope: Scope, which: 'period' | 'open' = 'period'): Promise<CaseFact[]> {
  const key = which === 'open' ? 'open' : `${scope.period.from.toISOString()}/${scope.period.to.toISOString()}`;
  return memoized(scope, key, async () => {
    const out: CaseFact[] = [];
    for await (const batch of caseFacts(db, scope, which)) out.push(...batch);
    return out;
  });
}

export type MinutesBetween = (a: Date, b: Date) => number;

const emptyBuckets = () => ({ queue: 0, active: 0, waiting_customer: 0, waiting_provider: 0, done: 0, open: 0, resolutionClock: 0 });

/**
 * Minutes per time bucket up to `now`, as core/cases/sla-clock.ts `timeBuckets` counts them (the
 * same status flags), with the business minutes from `minutes` (a minute line when many cases are
 * counted; case-facts.test.ts checks the two agree).
 */
export function bucketsOf(history: readonly StatusPeriod[], now: Date, minutes: MinutesBetween): TimeBuckets {
  const business = emptyBuckets();
  const wall = emptyBuckets();
  for (const p of history) {
    if (p.from >= now) break;
    const end = p.to === null || p.to > now ? now : p.to;
    const b = minutes(p.from, end);
    const w = wallMinutesBetween(p.from, end);
    const flags = CASE_STATUS[p.status];
    business[flags.timeBucket] += b;
    wall[flags.timeBucket] += w;
    if (flags.isOpen) { business.open += b; wall.open += w; }
    if (flags.isOpen && !flags.pausesResolutionClock) { business.resolutionClock += b; wall.resolutionClock += w; }
  }
  return { business, wall };
}

/**
 * A case's facts from its row, its minutes per bucket and its first response (from its timeline or
 * its rollup): the resolution clock's outcome (open, unpaused time up to now, as
 * resolutionElapsedMinutes counts it), and whether it is past or near its SLA now.
 */
function factFrom(
  r: CaseRow,
  c: { openedAt: Date; isOpen: boolean; takenBy: string[]; firstResponse: Minutes | null; firstResponseOutcome: Outcome; buckets: TimeBuckets },
  now: Date,
  minutes: MinutesBetween,
): CaseFact {
  const targets = targetsOf(r);
  const { openedAt, isOpen, buckets } = c;
  const counted = buckets.business.resolutionClock;
  // A breach recorded when it happened stays one, whatever the calendar says now.
  const firstResponseOutcome: Outcome = r.first_response_breached ? 'missed' : c.firstResponseOutcome;
  let resolutionOutcome: Outcome = 'none';
  if (targets.resolutionMinutes !== null) resolutionOutcome = counted > targets.resolutionMinutes ? 'missed' : isOpen ? 'pending' : 'met';
  if (r.resolution_breached) resolutionOutcome = 'missed';
  const warned = (elapsed: number, target: number | null) => target !== null && elapsed >= target * targets.warnRatio;
  const breachedNow = isOpen && (resolutionOutcome === 'missed' || firstResponseOutcome === 'missed');
  const breachingSoon =
    isOpen &&
    !breachedNow &&
    ((firstResponseOutcome === 'pending' && warned(minutes(openedAt, now), targets.firstResponseMinutes)) || (resolutionOutcome === 'pending' && warned(counted, targets.resolutionMinutes)));
  return {
    id: r.id,
    number: r.number,
    caseType: r.case_type,
    category: r.category,
    severity: r.severity,
    channel: r.source,
    providerKey: r.provider_key,
    ownerStaffId: r.owner_staff_id,
    contactId: r.contact_id,
    rootCause: r.root_cause,
    refunded: Boolean(r.refunded),
    cancelled: Boolean(r.cancelled),
    status: r.status,
    isOpen,
    openedAt,
    reopenedCount: r.reopened_count,
    takenBy: c.takenBy,
    firstResponseTarget: targets.firstResponseMinutes,
    resolutionTarget: targets.resolutionMinutes,
    firstResponse: c.firstResponse,
    firstResponseOutcome,
    resolutionClockMinutes: counted,
    resolutionOutcome,
    totalResolution: isOpen ? null : { business: buckets.business.open, calendar: buckets.wall.open },
    buckets,
    breachedNow,
    breachingSoon,
    satisfaction: noSatisfaction(),
  };
}

export function factOf(r: CaseRow, history: StatusPeriod[], takenBy: string[], cal: BusinessCalendar, now: Date, line?: MinuteLine): CaseFact {
  const minutes: MinutesBetween = line ? (a, b) => line.between(a, b) : (a, b) => businessMinutesBetween(a, b, cal);
  const openedAt = new Date(r.opened_at);
  const targets = targetsOf(r);
  const isOpen = CASE_STATUS[r.status].isOpen;
  const buckets = bucketsOf(history, now, minutes);

  let firstResponse: Minutes | null = null;
  let firstResponseOutcome: Outcome = 'none';
  if (r.first_responded_at) {
    const at = new Date(r.first_responded_at);
    firstResponse = { business: minutes(openedAt, at), calendar: wallMinutesBetween(openedAt, at) };
    if (targets.firstResponseMinutes !== null) firstResponseOutcome = firstResponse.business <= targets.firstResponseMinutes ? 'met' : 'missed';
  } else if (targets.firstResponseMinutes !== null) {
    // Without a response: waited up to now, or up to its resolution when it ended without one.
    const end = isOpen ? now : (history.at(-1)?.from ?? now);
    const waited = minutes(openedAt, end);
    firstResponseOutcome = waited > targets.firstResponseMinutes ? 'missed' : isOpen ? 'pending' : 'none';
  }

  return factFrom(r, { openedAt, isOpen, takenBy, firstResponse, firstResponseOutcome, buckets }, now, minutes);
}

/** Which cases a drill-down figure counts. */
export function matchesFigure(f: CaseFact, figure: DrillFigure): boolean {
  switch (figure) {
    case 'cases': return true;
    case 'taken': return f.takenBy.length > 0;
    case 'first_response.met': return f.firstResponseOutcome === 'met';
    case 'first_response.missed': return f.firstResponseOutcome === 'missed';
    case 'first_response.pending': return f.firstResponseOutcome === 'pending';
    case 'resolution.met': return f.resolutionOutcome === 'met';
    case 'resolution.missed': return f.resolutionOutcome === 'missed';
    case 'resolution.pending': return f.resolutionOutcome === 'pending';
    case 'open_breaches': return f.breachedNow;
    case 'open': return f.isOpen;
    case 'unassigned': return f.isOpen && f.ownerStaffId === null;
    case 'breaching_soon': return f.breachingSoon;
    case 'resolved': return !f.isOpen;
    case 'waiting_customer': return f.buckets.wall.waiting_customer > 0;
    case 'waiting_provider': return f.buckets.wall.waiting_provider > 0;
    case 'reopened': return f.reopenedCount > 0;
    case 'critical': return f.severity === 'critical';
    case 'refunded': return f.refunded;
    case 'cancelled': return f.cancelled;
    case 'provider_issue': return f.rootCause === 'provider_issue';
    case 'csat.asked': return f.satisfaction.asked;
    case 'csat.answered': return f.satisfaction.score !== null;
    case 'csat.satisfied': return (f.satisfaction.score ?? 0) >= 4;
    case 'csat.unsatisfied': return f.satisfaction.score !== null && f.satisfaction.score <= 2;
    case 'csat.commented': return f.satisfaction.comment !== null;
  }
}

/** Figures that count every case open now rather than those opened in the period. */
export const OPEN_NOW_FIGURES = ['open_breaches', 'open', 'unassigned', 'breaching_soon'] as const satisfies readonly DrillFigure[];

const FILTER_KEYS = ['from', 'to', 'preset', 'team', 'caseType', 'category', 'severity', 'channel', 'provider', 'owner', 'granularity'] as const;

/** The drill-down path of a figure: the same filters, the figure, and any narrowing. */
export interface DrillExtra {
  staff?: string;
  bucket?: string;
  rootCause?: string;
  contact?: string;
  status?: string;
  /** Narrower filters than the query's (a provider's row, a case type's debt item). */
  caseType?: string;
  provider?: string;
}

export function drillLink(q: AnalyticsQuery, figure: DrillFigure, extra: DrillExtra = {}): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (q[k] !== undefined) params.set(k, String(q[k]));
  params.set('figure', figure);
  for (const k of ['staff', 'bucket', 'rootCause', 'contact', 'status', 'caseType', 'provider'] as const) if (extra[k]) params.set(k, extra[k]);
  return `/api/v1/analytics/cases?${params.toString()}`;
}
