import type { Knex } from 'knex';
import { calendarFor } from '../cases/case-clock.ts';
import type { CaseEventSubscriber } from '../cases/case-timeline.ts';
import { bucketColumns, calendarKey, CASE_ORDER_FLAGS, RECORDED_BREACHES, rollupOf, satisfactionOf, timelinesOf, type CaseRow } from './case-facts.ts';
import { closedRowsOfCases, closedRowsOfDays, countsKey, countsKeys, dayCountsSql, MEASURES } from './day-counts.ts';
import { MinuteLine } from './minute-line.ts';

/**
 * The per-case facts rollup (`analytics_case_facts`, migrations 20261122004200 and 20261123010000):
 * for each case, the facts that are costly to compute from its timeline (business and calendar
 * minutes per time bucket, first response, who took it) and a copy of what the reports filter and
 * group on (its type, severity, channel, provider, owner, customer, order flags, satisfaction), so
 * that a report reads one narrow row per resolved case instead of the case, its status periods and
 * events. The one writer of the three rollup tables (the database's triggers only add marks to the
 * changed list, for changes made without an event).
 *
 * - Every case event marks its case changed (`markCaseChanged`, a timeline subscriber registered in
 *   bin/system.ts: in the event's own transaction, so no change is missed).
 * - The workers (`analytics-rollup` in workers/processors/system.ts, every 5 s) recompute the
 *   changed cases and take them off the list (`refreshChangedCases`), and rebuild an org's facts
 *   from the timelines when it has none or its business calendar changed (`rebuildCaseFacts`).
 * - Each local day's counts (`analytics_day_counts`, core/analytics/day-counts.ts) follow its
 *   cases' facts in the transaction that stores them (a case's old counts taken off, its new ones
 *   added: `addDayCounts`), and an org's are counted all anew from the facts after a rebuild and
 *   when its case types or providers changed (`recountOrg`).
 * - The reports (core/analytics/case-facts.ts) read the rollup only for an org whose facts are
 *   complete for its calendar, only for resolved and closed cases not changed since, and compute
 *   every other case (open now, or changed) from its timeline: a figure never lags behind the
 *   timeline, and is the same either way (test/analytics-rollups.test.ts rebuilds and compares).
 */
type Db = Knex | Knex.Transaction;

const BATCH = 2000;
/** A rebuild of fewer cases than this leaves the tables' statistics to autovacuum. */
const ANALYZE_AFTER_CASES = 10_000;

/**
 * The timeline subscriber: this case changed. An existing mark is updated, not left alone: the
 * update locks it until the event's transaction ends, so the worker (which skips locked marks)
 * cannot take it off and recompute the case from a timeline that does not hold this event yet.
 */
export const markCaseChanged: CaseEventSubscriber = (trx, e) => markCasesChanged(trx, e.orgId, [e.caseId]);

/**
 * These cases changed (or were written without a timeline event: the volume generator's), so the
 * reports read them from their timelines and the workers roll them up, as they go.
 */
export async function markCasesChanged(trx: Knex.Transaction, orgId: string, caseIds: string[]): Promise<void> {
  await trx.raw(
    'INSERT INTO analytics_dirty_cases (case_id, org_id) SELECT unnest(?::uuid[]), ? ON CONFLICT (case_id) DO UPDATE SET marked_at = excluded.marked_at',
    // In the order of their ids: two transactions marking some of the same cases then wait for each
    // other instead of deadlocking.
    [[...caseIds].sort(), orgId],
  );
}

/**
 * Computes and stores the facts of these cases (all of one org), in the order they opened, and
 * their days' counts with them (unless `countDays` is off: a rebuild counts every day at its end).
 */
async function storeFacts(db: Db, orgId: string, caseIds: string[], { countDays = true } = {}): Promise<number> {
  if (caseIds.length === 0) return 0;
  const cal = await calendarFor(db, orgId);
  const { rows } = await db.raw<{ rows: (Pick<CaseRow, 'id' | 'number' | 'status' | 'severity' | 'source' | 'owner_staff_id' | 'contact_id' | 'root_cause' | 'reopened_count' | 'first_responded_at' | 'opened_at' | 'refunded' | 'cancelled' | 'first_response_breached' | 'resolution_breached'> & { case_type_id: string; language: string | null; provider_id: string | null })[] }>(
    `SELECT c.id, c.number, c.status, c.case_type_id, c.severity, c.source, c.language, c.provider_id, c.owner_staff_id, c.contact_id, c.root_cause, c.reopened_count,
            c.first_responded_at, o.opened_at, coalesce(x.refunded, false) AS refunded, coalesce(x.cancelled, false) AS cancelled, ${RECORDED_BREACHES}
       FROM cases c
       CROSS JOIN LATERAL (SELECT min(sp.started_at) AS opened_at FROM case_status_periods sp WHERE sp.case_id = c.id) o
       LEFT JOIN LATERAL (${CASE_ORDER_FLAGS}) x ON true
      WHERE c.org_id = ? AND c.id = ANY(?::uuid[]) AND o.opened_at IS NOT NULL
      ORDER BY o.opened_at, c.id`,
    [orgId, caseIds],
  );
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  const { byCase, takenBy } = await timelinesOf(db, ids);
  const satisfaction = await satisfactionOf(db, ids);
  const DAY = 86_400_000;
  let lo = Infinity;
  let hi = Date.now();
  for (const r of rows) lo = Math.min(lo, new Date(r.opened_at).getTime());
  for (const h of byCase.values()) for (const p of h) hi = Math.max(hi, p.from.getTime(), p.to?.getTime() ?? 0);
  const line = new MinuteLine(cal, new Date(lo - DAY), new Date(hi + DAY));
  const minutes = (a: Date, b: Date) => line.between(a, b);
  const facts = rows.map((r) => {
    const f = rollupOf(r, byCase.get(r.id) ?? [], takenBy.get(r.id) ?? [], minutes);
    const s = satisfaction.get(r.id);
    return {
      case_id: r.id,
      org_id: orgId,
      opened_at: f.openedAt,
      closed: f.closed,
      last_from: f.lastFrom,
      first_response_business: f.firstResponse?.business ?? null,
      first_response_calendar: f.firstResponse?.calendar ?? null,
      waited_business: f.waitedBusiness,
      ...bucketColumns(f.buckets),
      taken_by: JSON.stringify(f.takenBy),
      number: r.number,
      status: r.status,
      case_type_id: r.case_type_id,
      severity: r.severity,
      source: r.source,
      language: r.language,
      provider_id: r.provider_id,
      owner_staff_id: r.owner_staff_id,
      contact_id: r.contact_id,
      root_cause: r.root_cause,
      reopened_count: r.reopened_count,
      refunded: Boolean(r.refunded),
      cancelled: Boolean(r.cancelled),
      csat_asked: s?.asked ?? false,
      csat_score: s?.score ?? null,
      csat_rated_at: s?.ratedAt ?? null,
      csat_commented: (s?.comment ?? null) !== null,
      first_response_breached: Boolean(r.first_response_breached),
      resolution_breached: Boolean(r.resolution_breached),
      computed_at: new Date(),
    };
  });
  if (countDays) await lockDayCounts(db, orgId);
  // Their days' counts without their facts as they were, then with them as they are now; a group
  // left without cases goes (only those counts were taken off: a day's other groups are not read).
  const taken = countDays ? await addDayCounts(db, orgId, cal.timeZone, ids, -1) : [];
  // In the order of their case ids: every writer of an org's facts takes their rows' locks in one
  // order (the workers' refresh, whose transaction spans several statements, sorts its cases too),
  // so a rebuild of the org running beside it waits instead of deadlocking. The batch's cases still
  // lie together in the table, in the order the batches were created.
  facts.sort((a, b) => (a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : 0));
  // A statement takes at most 65,535 parameters: a thousand rows of some forty columns each.
  for (let i = 0; i < facts.length; i += 1000) await db('analytics_case_facts').insert(facts.slice(i, i + 1000)).onConflict('case_id').merge();
  if (countDays) await addDayCounts(db, orgId, cal.timeZone, ids, 1);
  if (taken.length > 0) {
    await db.raw(
      `DELETE FROM analytics_day_counts WHERE org_id = ? AND cases = 0
          AND (grain, day, k1, k2) IN (SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[]))`,
      [orgId, taken.map((g) => g.grain), taken.map((g) => g.day), taken.map((g) => g.k1), taken.map((g) => g.k2)],
    );
  }
  return facts.length;
}

/**
 * One writer of an org's day counts at a time, to the end of its transaction: a case's old counts
 * are read from its facts before they are replaced, so two transactions storing one case (a
 * rebuild's batch and the changed list) must not both take off the same old counts.
 */
async function lockDayCounts(db: Db, orgId: string): Promise<void> {
  await db.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`analytics_day_counts:${orgId}`]);
}

/** Adds (`sign` 1) or takes off (-1) the counts of these cases' stored facts, on their days; the groups it changed. */
async function addDayCounts(db: Db, orgId: string, timeZone: string, caseIds: string[], sign: 1 | -1): Promise<{ grain: string; day: string; k1: string; k2: string }[]> {
  const counts = dayCountsSql(closedRowsOfCases(orgId, caseIds), timeZone);
  const names = MEASURES.map(([name]) => name);
  const { rows } = await db.raw(
    `INSERT INTO analytics_day_counts (org_id, day, grain, k1, k2, ${names.join(', ')})
     SELECT ?::uuid, at, grain, k1, k2, ${names.map((n) => `${sign} * ${n}`).join(', ')} FROM (${counts.sql}) c
     ON CONFLICT (org_id, grain, day, k1, k2) DO UPDATE SET ${names.map((n) => `${n} = analytics_day_counts.${n} + excluded.${n}`).join(', ')}
     RETURNING grain, day::text AS day, k1, k2`,
    [orgId, ...counts.bindings] as Knex.RawBinding[],
  );
  return rows;
}

/** Counts these consecutive local days of the org anew from their cases' facts (under lockDayCounts). */
async function recountDays(db: Db, orgId: string, timeZone: string, days: string[]): Promise<void> {
  await db.raw('DELETE FROM analytics_day_counts WHERE org_id = ? AND day = ANY(?::date[])', [orgId, days]);
  const counts = dayCountsSql(closedRowsOfDays(orgId, days, timeZone), timeZone);
  const names = MEASURES.map(([name]) => name).join(', ');
  await db.raw(`INSERT INTO analytics_day_counts (org_id, day, grain, k1, k2, ${names}) SELECT ?::uuid, at, grain, k1, k2, ${names} FROM (${counts.sql}) c`, [orgId, ...counts.bindings] as Knex.RawBinding[]);
}

/** Counts every day of the org anew (its case types or providers changed), a month a statement, in one transaction. */
async function recountOrg(knex: Knex, orgId: string): Promise<void> {
  const key = await countsKey(knex, orgId);
  const { timeZone } = await calendarFor(knex, orgId);
  await knex.transaction(async (trx) => {
    await lockDayCounts(trx, orgId);
    await trx('analytics_day_counts').where({ org_id: orgId }).del();
    const { rows } = await trx.raw<{ rows: { day: string }[] }>(
      'SELECT DISTINCT (opened_at AT TIME ZONE ?)::date::text AS day FROM analytics_case_facts WHERE org_id = ? AND closed ORDER BY 1',
      [timeZone, orgId],
    );
    for (let i = 0; i < rows.length; i += 31) await recountDays(trx, orgId, timeZone, rows.slice(i, i + 31).map((r) => r.day));
    await trx('analytics_rollup_state').where({ org_id: orgId }).update({ counts: key });
  });
}

/**
 * Recomputes these cases of one org and takes their marks off the changed list, in one transaction:
 * a rebuild reads every case from its timeline, so a mark made before would only have the case
 * computed twice. A mark locked by a change still being made is left for the workers, and so is one
 * made after the delete: the change it stands for may not be in what was read.
 */
async function recomputeCases(knex: Knex, orgId: string, caseIds: string[]): Promise<number> {
  return knex.transaction(async (trx) => {
    // The marks picked first, once, then deleted by key (an array: one index look-up each). As
    // `case_id IN (subquery)`, or a join, the planner, told by statistics taken while the list was
    // empty that it holds one row, walked the whole list of 100,000 for each mark (minutes, where
    // autovacuum is off and nothing analysed the list since).
    await trx.raw(
      `WITH picked AS MATERIALIZED (SELECT case_id FROM analytics_dirty_cases WHERE case_id = ANY(?::uuid[]) FOR UPDATE SKIP LOCKED)
       DELETE FROM analytics_dirty_cases d WHERE d.case_id = ANY(ARRAY(SELECT case_id FROM picked))`,
      [caseIds],
    );
    return storeFacts(trx, orgId, caseIds, { countDays: false });
  });
}

/** Recomputes up to `limit` changed cases and takes them off the list; the number done. */
export async function refreshChangedCases(knex: Knex, limit = 5000): Promise<number> {
  return knex.transaction(async (trx) => {
    const { rows } = await trx.raw<{ rows: { case_id: string; org_id: string }[] }>(
      // Picked once, then deleted by key (see recomputeCases).
      `WITH picked AS MATERIALIZED (SELECT case_id FROM analytics_dirty_cases ORDER BY marked_at LIMIT ? FOR UPDATE SKIP LOCKED)
       DELETE FROM analytics_dirty_cases d WHERE d.case_id = ANY(ARRAY(SELECT case_id FROM picked))
       RETURNING d.case_id, d.org_id`,
      [limit],
    );
    const byOrg = new Map<string, string[]>();
    for (const r of rows) (byOrg.get(r.org_id) ?? byOrg.set(r.org_id, []).get(r.org_id)!).push(r.case_id);
    // Each org's cases in the order of their ids, across its batches: see storeFacts.
    for (const [orgId, ids] of byOrg) {
      ids.sort();
      for (let i = 0; i < ids.length; i += BATCH) await storeFacts(trx, orgId, ids.slice(i, i + BATCH));
    }
    return rows.length;
  });
}

/**
 * Recomputes every case of the org from its timeline, then records the rollup complete for the
 * org's calendar. Cases that change meanwhile are on the changed list and recomputed after.
 */
export async function rebuildCaseFacts(
  knex: Knex,
  orgId: string,
  log?: (line: string) => void,
  /** False where many orgs are rebuilt in a row and the caller analyses the tables once at the end (each ANALYZE reads the whole table, every org's rows). */
  { analyze = true }: { analyze?: boolean } = {},
): Promise<number> {
  const cal = await calendarFor(knex, orgId);
  const startedAt = new Date();
  // The day counts are set aside (reports read the rows meanwhile) and counted anew at the end,
  // from every case's new facts: a changed time zone puts cases on other days.
  await knex('analytics_rollup_state').where({ org_id: orgId }).update({ counts: null });
  // In the order the cases were created (the index on (org, created_at)), so that the facts of the
  // cases of a period lie together in the table, as they will for cases added from now on.
  // The moment as text: a JavaScript date drops the microseconds, and the keyset would stall on them.
  let after: [string, string] = ['-infinity', '00000000-0000-0000-0000-000000000000'];
  let done = 0;
  for (;;) {
    const batch = await knex('cases').select('id', knex.raw('created_at::text AS at')).where({ org_id: orgId }).whereRaw('(created_at, id) > (?::timestamptz, ?)', after).orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(BATCH);
    if (batch.length === 0) break;
    after = [batch.at(-1)!.at, batch.at(-1)!.id];
    done += await recomputeCases(knex, orgId, batch.map((r) => r.id as string));
    if (log && done % 100_000 < BATCH) log(`  case facts rebuilt: ${done.toLocaleString('en')}`);
  }
  // The planner's view of the tables after a rebuild of every row, before the reports read them. The
  // changed list is vacuumed too: the rebuild may have taken up to every case off it, and until
  // autovacuum comes round (or where it is off) the planner saw the dead marks as a list of
  // hundreds of thousands and every report scanned them (a million cases: staff 500 -> 300 ms).
  // A small org's rebuild (a new business has none) moves no statistics: analysing every org's
  // rows for it, once per new business, was the workers' largest cost on a deployment of a thousand.
  const worthAnalysing = analyze && done >= ANALYZE_AFTER_CASES;
  if (worthAnalysing) {
    await knex.raw('ANALYZE analytics_case_facts');
    await knex.raw('VACUUM ANALYZE analytics_dirty_cases');
  }
  await knex('analytics_rollup_state')
    .insert({ org_id: orgId, calendar: calendarKey(cal), counts: null, built_at: startedAt, cases: done })
    .onConflict('org_id')
    .merge();
  await recountOrg(knex, orgId);
  if (worthAnalysing) await knex.raw('ANALYZE analytics_day_counts');
  return done;
}

/**
 * The workers' job: rebuild where an org has no complete facts for its calendar, count its days
 * anew where its case types or providers changed, then the changed cases.
 */
export async function keepRollupsCurrent(knex: Knex): Promise<{ rebuilt: number; refreshed: number }> {
  const orgIds: string[] = await knex('orgs').pluck('id');
  const stateOf = async (ids: string[]) =>
    new Map((await knex('analytics_rollup_state').select('org_id', 'calendar', 'counts').whereIn('org_id', ids)).map((s) => [s.org_id as string, s as { calendar: string; counts: string | null }]));
  const states = await stateOf(orgIds);
  const keys = await countsKeys(knex, orgIds);
  let rebuilt = 0;
  for (const orgId of orgIds) {
    const calendar = calendarKey(await calendarFor(knex, orgId));
    const state = states.get(orgId);
    if (state?.calendar !== calendar) {
      // Read again just before: another process's pass (or a rebuild by hand) may have rebuilt it
      // since this pass began, and a second rebuild of every case would be work thrown away.
      if ((await stateOf([orgId])).get(orgId)?.calendar === calendar) continue;
      await rebuildCaseFacts(knex, orgId);
      rebuilt++;
    } else if (state.counts !== keys.get(orgId)) await recountOrg(knex, orgId);
  }
  let refreshed = 0;
  for (let n = await refreshChangedCases(knex); n > 0; n = await refreshChangedCases(knex)) refreshed += n;
  return { rebuilt, refreshed };
}
