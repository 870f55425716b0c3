import type { Knex } from 'knex';
import { calendarFor } from '../cases/case-clock.ts';
import type { InboxDrillFigure, InboxQuery } from '../contracts/analytics.ts';
import { inSnapshot } from './case-facts.ts';
import { resolvePeriod, type Period } from './period.ts';
import { rate } from './reports.ts';

/**
 * The inbox figures (docs/analytics.md "Inbox"), read from the conversations' own history: their
 * messages and their timeline (`conversation_events`). Read-only SQL; nothing is counted on the side.
 *
 * - **Conversations**: the 1:1 conversations in which a customer wrote during the period (a staff
 *   member's own chat with the bot is not one).
 * - **By a person**: of those, the ones in which a person was asked for (`waiting`) or a staff
 *   member wrote (from the inbox, or a reply relayed from a case's group) during the period;
 *   **by the bot alone**: the others. **Containment** is the share the bot handled alone.
 * - **Response times**: each staff reply that answered a response clock keeps what it took in
 *   business minutes (core/conversations/response-clock.ts); the period holds the replies given in
 *   it. The median is the lower median and p90 the ceil(0.9 n)-th smallest, as the other figures.
 * - **Breaches**: the `response_breached` events of the period, counted against whoever held the
 *   conversation then (nobody: not in any staff member's row).
 * - **Waiting now**: conversations waiting for a person now, whatever the period.
 */
type Db = Knex | Knex.Transaction;

export interface InboxScope {
  orgId: string;
  query: InboxQuery;
  period: Period;
  now: Date;
}

export async function inboxScopeOf(db: Db, orgId: string, query: InboxQuery, now: Date): Promise<InboxScope> {
  const calendar = await calendarFor(db, orgId);
  return { orgId, query, now, period: resolvePeriod(query, calendar.timeZone, now) };
}

export function inboxPeriodView(scope: InboxScope) {
  return { from: scope.period.from.toISOString(), to: scope.period.to.toISOString(), timeZone: scope.period.timeZone, filters: {} as Record<string, string> };
}

/** The path of the conversations behind a figure. */
export function inboxDrillLink(q: InboxQuery, figure: InboxDrillFigure, staffId?: string): string {
  const params = new URLSearchParams();
  for (const k of ['from', 'to', 'preset'] as const) if (q[k] !== undefined) params.set(k, String(q[k]));
  params.set('figure', figure);
  if (staffId) params.set('staff', staffId);
  return `/api/v1/analytics/inbox/conversations?${params.toString()}`;
}

/**
 * The period's conversations, those a person handled, the answers to response clocks and the
 * breaches, as SQL common table expressions (`talked`, `person`, `answers`, `breaches`).
 */
function periodSql(scope: InboxScope): { sql: string; bindings: Knex.RawBinding[] } {
  const { orgId } = scope;
  const { from, to } = scope.period;
  const sql = `
    talked AS (
      SELECT c.id FROM conversations c
      WHERE c.org_id = ? AND c.kind = 'direct' AND c.contact_id IS NOT NULL AND c.last_message_at >= ?
        AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' AND m.sender_type = 'customer' AND m.sent_at >= ? AND m.sent_at < ?)
        -- A staff member's own chat with the bot (enrolment, their queue) is not a customer's.
        AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.org_id = c.org_id AND s.line_channel_id = c.channel_id AND s.line_user_id = c.external_id)
    ),
    person AS (
      SELECT t.id FROM talked t
      WHERE EXISTS (SELECT 1 FROM conversation_events e WHERE e.conversation_id = t.id AND e.type IN ('waiting', 'replied') AND e.created_at >= ? AND e.created_at < ?)
         OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = t.id AND m.direction = 'out' AND m.sender_type = 'staff' AND m.sent_at >= ? AND m.sent_at < ?)
    ),
    answers AS (
      SELECT e.conversation_id AS id, e.actor_id AS staff_id, e.data->'response'->>'clock' AS clock,
        (e.data->'response'->>'businessMinutes')::int AS minutes, (e.data->'response'->>'met')::boolean AS met
      FROM conversation_events e
      WHERE e.org_id = ? AND e.type = 'replied' AND e.data->'response' IS NOT NULL AND e.created_at >= ? AND e.created_at < ?
    ),
    breaches AS (
      SELECT e.conversation_id AS id, e.data->>'holder' AS staff_id, e.data->>'clock' AS clock
      FROM conversation_events e
      WHERE e.org_id = ? AND e.type = 'response_breached' AND e.created_at >= ? AND e.created_at < ?
    )`;
  return { sql, bindings: [orgId, from, from, to, from, to, from, to, orgId, from, to, orgId, from, to] };
}

interface ClockRow {
  /** 'all', or a staff member's id. */
  who: string;
  clock: string;
  answered: number | string;
  met: number | string;
  median: number | null;
  p90: number | null;
  breached: number | string;
}

export async function inboxReport(db: Db, scope: InboxScope) {
  const q = scope.query;
  const period = periodSql(scope);
  const { totals, clocks, names } = await inSnapshot(db, async (trx) => {
    const { rows: [totals] } = await trx.raw<{ rows: { conversations: string; by_person: string; waiting_now: string }[] }>(
      `WITH ${period.sql}
       SELECT (SELECT count(*) FROM talked) AS conversations, (SELECT count(*) FROM person) AS by_person,
         (SELECT count(*) FROM conversations WHERE org_id = ? AND inbox_status = 'waiting') AS waiting_now`,
      [...period.bindings, scope.orgId],
    );
    // Each clock over everyone (who = 'all') and per staff member, with the breaches beside the answers.
    const aggregates = `count(*) AS answered, count(*) FILTER (WHERE met) AS met,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY minutes) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY minutes) AS p90`;
    const { rows: clocks } = await trx.raw<{ rows: ClockRow[] }>(
      `WITH ${period.sql},
       answered AS (
         SELECT 'all' AS who, clock, ${aggregates} FROM answers GROUP BY clock
         UNION ALL SELECT staff_id, clock, ${aggregates} FROM answers GROUP BY staff_id, clock
       ),
       breached AS (
         SELECT 'all' AS who, clock, count(*) AS breached FROM breaches GROUP BY clock
         -- A breach while nobody held the conversation counts in the totals only.
         UNION ALL SELECT staff_id, clock, count(*) FROM breaches WHERE staff_id IS NOT NULL GROUP BY staff_id, clock
       )
       SELECT coalesce(a.who, b.who) AS who, coalesce(a.clock, b.clock) AS clock, coalesce(a.answered, 0) AS answered, coalesce(a.met, 0) AS met,
         a.median, a.p90, coalesce(b.breached, 0) AS breached
       FROM answered a FULL JOIN breached b ON a.who = b.who AND a.clock = b.clock`,
      period.bindings,
    );
    const ids = [...new Set(clocks.map((c) => c.who).filter((w) => w !== 'all'))];
    const names: { id: string; display_name: string }[] = ids.length ? await trx('staff').select('id', 'display_name').where({ org_id: scope.orgId }).whereIn('id', ids) : [];
    return { totals, clocks, names };
  });

  const clockOf = (staffId: string | null, clock: 'first_response' | 'next_response') => {
    const row = clocks.find((c) => c.who === (staffId ?? 'all') && c.clock === clock);
    const answered = Number(row?.answered ?? 0);
    return {
      answered: { value: answered, drill: inboxDrillLink(q, `${clock}.answered`, staffId ?? undefined) },
      breached: { value: Number(row?.breached ?? 0), drill: inboxDrillLink(q, `${clock}.breached`, staffId ?? undefined) },
      medianBusinessMinutes: row?.median ?? null,
      p90BusinessMinutes: row?.p90 ?? null,
      metRate: rate(Number(row?.met ?? 0), answered),
    };
  };
  const conversations = Number(totals.conversations);
  const byPerson = Number(totals.by_person);
  const nameOf = new Map(names.map((s) => [s.id, s.display_name]));
  return {
    period: inboxPeriodView(scope),
    conversations: { value: conversations, drill: inboxDrillLink(q, 'conversations') },
    botAlone: { value: conversations - byPerson, drill: inboxDrillLink(q, 'bot_alone') },
    byPerson: { value: byPerson, drill: inboxDrillLink(q, 'by_person') },
    containmentRate: rate(conversations - byPerson, conversations),
    waitingNow: { value: Number(totals.waiting_now), drill: inboxDrillLink(q, 'waiting_now') },
    firstResponse: clockOf(null, 'first_response'),
    nextResponse: clockOf(null, 'next_response'),
    byStaff: [...nameOf.entries()]
      .map(([staffId, name]) => ({ staffId, name, firstResponse: clockOf(staffId, 'first_response'), nextResponse: clockOf(staffId, 'next_response') }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Which conversations a figure counts, as SQL over the period's expressions. */
function figureSql(figure: InboxDrillFigure, staffId: string | undefined): { sql: string; bindings: Knex.RawBinding[] } {
  const byStaff = staffId ? ' AND staff_id = ?' : '';
  const staff = staffId ? [staffId] : [];
  switch (figure) {
    case 'conversations': return { sql: 'SELECT id FROM talked', bindings: [] };
    case 'by_person': return { sql: 'SELECT id FROM person', bindings: [] };
    case 'bot_alone': return { sql: 'SELECT id FROM talked EXCEPT SELECT id FROM person', bindings: [] };
    case 'waiting_now': return { sql: `SELECT id FROM conversations WHERE org_id = ? AND inbox_status = 'waiting'`, bindings: [] };
    case 'first_response.answered':
    case 'next_response.answered':
      return { sql: `SELECT id FROM answers WHERE clock = ?${byStaff}`, bindings: [figure.split('.')[0], ...staff] };
    case 'first_response.breached':
    case 'next_response.breached':
      return { sql: `SELECT id FROM breaches WHERE clock = ?${byStaff}`, bindings: [figure.split('.')[0], ...staff] };
  }
}

/** The conversations behind a figure, newest message first, with names (the customer's, the holder's). */
export async function drillInbox(db: Db, scope: InboxScope, figure: InboxDrillFigure, staffId?: string) {
  const period = periodSql(scope);
  const which = figureSql(figure, staffId);
  const { rows } = await inSnapshot(db, (trx) =>
    trx.raw<{ rows: { id: string; customer: string | null; channel: string; status: string; holder: string | null; last_message_at: Date | null }[] }>(
      `WITH ${period.sql}, chosen AS (${which.sql})
       SELECT c.id, coalesce(ct.display_name, ct.phone) AS customer, ch.kind AS channel, c.inbox_status AS status, s.display_name AS holder, c.last_message_at
       FROM conversations c
       JOIN channels ch ON ch.id = c.channel_id
       LEFT JOIN contacts ct ON ct.id = c.contact_id
       LEFT JOIN staff s ON s.id = c.assignee_staff_id
       WHERE c.org_id = ? AND c.id IN (SELECT id FROM chosen)
       ORDER BY c.last_message_at DESC NULLS LAST, c.id`,
      [...period.bindings, ...(figure === 'waiting_now' ? [scope.orgId] : []), ...which.bindings, scope.orgId],
    ),
  );
  return rows.map((r) => ({ id: r.id, customer: r.customer, channel: r.channel, status: r.status, holder: r.holder, lastMessageAt: r.last_message_at ? new Date(r.last_message_at).toISOString() : null }));
}
