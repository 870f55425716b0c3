import type { Knex } from 'knex';
import { calendarFor } from '../cases/case-clock.ts';
import { BOOKING_FUNNEL_STEPS, type BookingDrillFigure, type BookingsQuery } from '../contracts/analytics.ts';
import { BOOKING_STAGES, CLOSED_BOOKING_STAGES, FIRST_CONTACT_STAGES } from '../bookings/booking-stage.ts';
import { validationFailed } from '../errors/index.ts';
import type { BusinessCalendar } from '../sla/business-calendar.ts';
import { inSnapshot } from './case-facts.ts';
import { MinuteLine, minuteSql, openBeforeSql } from './minute-line.ts';
import { resolvePeriod, type Period } from './period.ts';
import { rate, round1 } from './reports.ts';

/**
 * The bookings figures (docs/analytics.md "Bookings"), computed from each booking's own history:
 * the booking row (where it came from, its UTM, its stage now), its timeline (`booking_events`:
 * created, stage_changed, quote_sent, quote_accepted, quote_declined, note) and its quotes'
 * amounts. Read-only SQL; nothing is counted on the side. A booking belongs to the period in which
 * it arrived (`created_at`, in the org's time zone).
 *
 * - **Arrival at `new`**: the booking's first moment in `new` (created there, or moved there when a
 *   chat booking's details were confirmed). The follow-up clocks start there too.
 * - **First contact**: the first move by staff out of `new` to contacted, quoted, proposed,
 *   confirmed or a stage the org added; a quote sent; or a call logged by staff. Whichever is first.
 * - **Quote**: the first `quote_sent`; pending while the booking is `contacted` without one.
 * - **Funnel**: new -> contacted -> quoted -> confirmed -> completed; a booking counts at a step
 *   when its timeline shows it at that step or any later one (a booking confirmed straight from new
 *   counts as contacted and quoted too: it got past them).
 * - **Revenue**: bookings confirmed or completed now; the amount is the accepted quote, else the
 *   latest sent one; a confirmed booking with no quote has no amount (`withoutAmount`).
 *
 * The database works each booking's facts out of its timeline (one row per booking, `factsSql`)
 * and counts them (`bookingsReport`), so that only the counts leave it; the drill-down reads the
 * same facts and returns the bookings behind one figure.
 */
type Db = Knex | Knex.Transaction;

export const NONE = '(none)';
const BUILT_IN = new Set<string>(BOOKING_STAGES);
const FUNNEL_RANK: Record<string, number> = { new: 0, contacted: 1, quoted: 2, proposed: 2, confirmed: 3, completed: 4 };
/** The stages whose bookings count as revenue (only theirs need an amount). */
const REVENUE = ['confirmed', 'completed'];

/** A list of our own constant stage names as SQL literals (never user input). */
const literals = (xs: Iterable<string>) => [...xs].map((s) => `'${s}'`).join(', ');
/** The funnel rank of a stage name in SQL (NULL outside the funnel). */
const rankOf = (x: string) => `CASE ${x} ${Object.entries(FUNNEL_RANK).map(([s, r]) => `WHEN '${s}' THEN ${r}`).join(' ')} END`;
/** The stages a move by staff into is not a first contact: the built-in ones outside FIRST_CONTACT_STAGES. */
const NOT_A_CONTACT = literals([...BUILT_IN].filter((s) => !(FIRST_CONTACT_STAGES as readonly string[]).includes(s)));
/**
 * The timeline events the facts are made of: notes only when they log a call (the others change
 * nothing). As written here it is the predicate of the index booking_events_analytics, which the
 * planner uses only when a query repeats it.
 */
const TIMELINE_READ = `(e.type IN ('created', 'stage_changed', 'quote_sent', 'quote_accepted', 'quote_declined') OR (e.type = 'note' AND e.data->>'kind' = 'call'))`;
/** What String.prototype.trim() removes (white space and line terminators), for btrim: a UTM value is trimmed as the API trims text. */
const JS_WHITE_SPACE = String.fromCodePoint(0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff);
/** A UTM field (jsonb) as attribution groups it: the trimmed text, or NONE when missing, not text or blank. */
const utmText = (x: string) => `CASE WHEN jsonb_typeof(${x}) = 'string' AND btrim(${x} #>> '{}', '${JS_WHITE_SPACE}') <> '' THEN btrim(${x} #>> '{}', '${JS_WHITE_SPACE}') ELSE '${NONE}' END`;

export interface BookingsScope {
  orgId: string;
  query: BookingsQuery;
  period: Period;
  now: Date;
  calendar: BusinessCalendar;
}

export async function bookingsScopeOf(db: Db, orgId: string, query: BookingsQuery, now: Date): Promise<BookingsScope> {
  const calendar = await calendarFor(db, orgId);
  return { orgId, query, now, calendar, period: resolvePeriod(query, calendar.timeZone, now) };
}

export function bookingsPeriodView(scope: BookingsScope) {
  const filters: Record<string, string> = {};
  for (const k of ['source', 'service', 'assignee', 'utmSource', 'utmMedium', 'utmCampaign'] as const) if (scope.query[k]) filters[k] = String(scope.query[k]);
  return { from: scope.period.from.toISOString(), to: scope.period.to.toISOString(), timeZone: scope.period.timeZone, filters };
}

const FILTER_KEYS = ['from', 'to', 'preset', 'source', 'service', 'assignee', 'utmSource', 'utmMedium', 'utmCampaign'] as const;

export function bookingsDrillLink(q: BookingsQuery, figure: BookingDrillFigure, extra: { utmSource?: string; utmMedium?: string; utmCampaign?: string; currency?: string } = {}): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (q[k] !== undefined) params.set(k, String(q[k]));
  params.set('figure', figure);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) params.set(k, v);
  return `/api/v1/analytics/bookings/list?${params.toString()}`;
}

/**
 * The SQL of the facts of the bookings that arrived in the period, with the query's filters (unknown
 * services and staff are 422): a CTE chain ending in `facts`, one row per booking with
 *
 * - `reached`: the furthest funnel step reached (index in BOOKING_FUNNEL_STEPS), -1 when it never
 *   reached new: the furthest of the stage now, the stage it was created in, every stage its moves
 *   went from or to, and quoted when a quote was sent;
 * - `arrived_at`, `first_contact_at`, `quote_sent_at`, `accepted`, `declined`;
 * - `revenue` (confirmed or completed now) and its amount (`currency`, `amount_minor`): its
 *   accepted quote, else its latest sent one;
 * - `utm_source`, `utm_medium`, `utm_campaign`: the booking's UTM fields (jsonb, `utmText` reads them).
 */
async function factsSql(db: Db, scope: BookingsScope): Promise<{ sql: string; bindings: Knex.RawBinding[] }> {
  const q = scope.query;
  const conds: string[] = ['b.org_id = ?', 'b.created_at >= ?', 'b.created_at < ?'];
  const bindings: Knex.RawBinding[] = [scope.orgId, scope.period.from, scope.period.to];
  if (q.service) {
    const s = await db('services').select('id').where({ org_id: scope.orgId, key: q.service }).first();
    if (!s) throw validationFailed(`Unknown service ${q.service}`, [{ path: 'service', message: 'no such service in this org' }]);
    conds.push('b.service_id = ?');
    bindings.push(s.id);
  }
  if (q.assignee) {
    const s = await db('staff').select('id').where({ org_id: scope.orgId, id: q.assignee }).first();
    if (!s) throw validationFailed('Unknown staff member', [{ path: 'assignee', message: 'no such staff member in this org' }]);
    conds.push('b.assignee_staff_id = ?');
    bindings.push(q.assignee);
  }
  if (q.source) {
    conds.push('b.source = ?');
    bindings.push(q.source);
  }
  for (const [key, field] of [['utmSource', 'source'], ['utmMedium', 'medium'], ['utmCampaign', 'campaign']] as const) {
    const v = q[key];
    if (v === undefined) continue;
    if (v === NONE) conds.push(`coalesce(b.utm->>'${field}', '') = ''`);
    else {
      conds.push(`b.utm->>'${field}' = ?`);
      bindings.push(v);
    }
  }
  // A timeline is in order of time, then id. Each booking's timeline is summed up in any order
  // (no sort): the first of some events is the earliest, and where two events at the same instant
  // could decide differently (rare), the timeline is looked up again in order:
  // - the stage it was created in is where its first move started (or its stage now, never moved):
  //   it was created in the funnel when its first move started from a funnel stage;
  // - a move by staff is a first contact once the booking has arrived: from the start when it was
  //   created in the funnel, else after its first move to new. When its first such move comes
  //   after that, it is the one; else (a move by staff before the details were confirmed) the
  //   timeline is looked up again for the first one after.
  const contactMove = (e: string) => `${e}.type = 'stage_changed' AND ${e}.actor_type <> 'customer' AND coalesce(${e}.data->>'to', '') NOT IN (${NOT_A_CONTACT})`;
  const funnel = literals(Object.keys(FUNNEL_RANK));
  // OFFSET 0 keeps a step's columns worked out once per booking (the planner would otherwise copy
  // their expressions into every later use).
  const sql = `
    timeline AS (
      SELECT e.booking_id, e.type, e.created_at, e.data->>'from' AS from_stage, e.data->>'to' AS to_stage,
        ${contactMove('e')} AS contact_move,
        e.type = 'quote_sent' OR (e.type = 'note' AND e.actor_type = 'staff') AS contact_other
      FROM booking_events e WHERE ${TIMELINE_READ}
    ),
    histories AS (
      SELECT b.id, b.number, b.stage, b.source, b.created_at, b.utm->'source' AS utm_source, b.utm->'medium' AS utm_medium, b.utm->'campaign' AS utm_campaign,
        min(t.created_at) FILTER (WHERE t.type = 'stage_changed') AS first_move_at,
        min(t.created_at) FILTER (WHERE t.type = 'stage_changed' AND t.from_stage IN (${funnel})) AS first_move_from_funnel_at,
        min(t.created_at) FILTER (WHERE t.type = 'stage_changed' AND coalesce(t.from_stage, '') NOT IN (${funnel})) AS first_move_from_elsewhere_at,
        max(greatest(${rankOf('t.to_stage')}, ${rankOf('t.from_stage')})) FILTER (WHERE t.type = 'stage_changed') AS moves_rank,
        min(t.created_at) FILTER (WHERE t.type = 'stage_changed' AND t.to_stage = 'new') AS moved_to_new_at,
        min(t.created_at) FILTER (WHERE t.type = 'created') AS created_event_at,
        min(t.created_at) FILTER (WHERE t.type = 'quote_sent') AS quote_sent_at,
        min(t.created_at) FILTER (WHERE t.contact_move) AS contact_move_at,
        min(t.created_at) FILTER (WHERE t.contact_other) AS contact_other_at,
        coalesce(bool_or(t.type = 'quote_accepted'), false) AS accepted,
        coalesce(bool_or(t.type = 'quote_declined'), false) AS declined
      FROM bookings b LEFT JOIN timeline t ON t.booking_id = b.id
      WHERE ${conds.join(' AND ')}
      GROUP BY b.id
    ),
    amounts AS (
      SELECT DISTINCT ON (qt.booking_id) qt.booking_id, qt.currency, qt.total_minor
      FROM booking_quotes qt WHERE qt.booking_id IN (SELECT b.id FROM bookings b WHERE ${conds.join(' AND ')} AND b.stage IN (${literals(REVENUE)})) AND qt.sent_at IS NOT NULL
      ORDER BY qt.booking_id, qt.status = 'accepted' DESC, CASE WHEN qt.status = 'accepted' THEN qt.version END, qt.version DESC
    ),
    ranked AS (
      SELECT h.*,
        CASE
          WHEN h.first_move_at IS NULL THEN h.stage IN (${funnel})
          WHEN h.first_move_from_funnel_at IS DISTINCT FROM h.first_move_at THEN false
          WHEN h.first_move_from_elsewhere_at IS DISTINCT FROM h.first_move_at THEN true
          ELSE coalesce((SELECT m.data->>'from' IN (${funnel}) FROM booking_events m WHERE m.booking_id = h.id AND m.type = 'stage_changed' ORDER BY m.created_at, m.id LIMIT 1), false)
        END AS created_in_funnel,
        -- Every stage it was at: now, its moves' (the first one's start included), and quoted once a quote was sent.
        greatest(-1, ${rankOf('h.stage')}, h.moves_rank, CASE WHEN h.quote_sent_at IS NOT NULL THEN 2 END) AS reached
      FROM histories h
      OFFSET 0
    ),
    arrivals AS (
      SELECT r.*,
        -- A booking whose timeline skips new (created straight in a later stage) arrived when it was created.
        CASE WHEN r.created_in_funnel THEN coalesce(r.created_event_at, r.created_at) ELSE coalesce(r.moved_to_new_at, CASE WHEN r.reached >= 0 THEN r.created_at END) END AS arrived_at,
        least(r.contact_other_at, CASE
          WHEN r.created_in_funnel THEN r.contact_move_at
          WHEN r.moved_to_new_at IS NULL OR r.contact_move_at IS NULL THEN NULL
          WHEN r.contact_move_at > r.moved_to_new_at THEN r.contact_move_at
          ELSE (SELECT min(m.created_at) FROM booking_events m WHERE m.booking_id = r.id AND ${contactMove('m')}
            AND (m.created_at, m.id) > (SELECT n.created_at, n.id FROM booking_events n WHERE n.booking_id = r.id AND n.type = 'stage_changed' AND n.data->>'to' = 'new' ORDER BY n.created_at, n.id LIMIT 1))
        END) AS contact_at
      FROM ranked r
      OFFSET 0
    ),
    facts AS (
      SELECT a.id, a.number, a.stage, a.source, a.created_at, a.utm_source, a.utm_medium, a.utm_campaign, a.reached, a.arrived_at,
        CASE WHEN a.contact_at < a.arrived_at THEN a.arrived_at ELSE a.contact_at END AS first_contact_at,
        a.quote_sent_at, a.accepted, a.declined, a.stage IN (${literals(REVENUE)}) AS revenue, amount.currency, amount.total_minor AS amount_minor
      FROM arrivals a LEFT JOIN amounts amount ON amount.booking_id = a.id
    )`;
  return { sql, bindings: [...bindings, ...bindings] };
}

/** The average of whole minutes from their sum and count, to a tenth, half up. */
const avg = (sum: number, n: number) => (n ? round1(sum / n) : null);
const digitsOf = (currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};
export const majorUnits = (currency: string, minor: number) => minor / 10 ** digitsOf(currency);

/** Whether a fact row counts in a drill figure, as SQL over `facts` (with `?` for a currency). */
function figureSql(figure: BookingDrillFigure, currency?: string): { sql: string; bindings: Knex.RawBinding[] } {
  const open = `stage NOT IN (${literals(CLOSED_BOOKING_STAGES)})`;
  switch (figure) {
    case 'bookings': return { sql: 'true', bindings: [] };
    case 'lost': case 'declined': case 'cancelled': return { sql: 'stage = ?', bindings: [figure] };
    case 'open': return { sql: open, bindings: [] };
    case 'first_contact.done': return { sql: 'first_contact_at IS NOT NULL', bindings: [] };
    case 'first_contact.pending': return { sql: `arrived_at IS NOT NULL AND first_contact_at IS NULL AND ${open}`, bindings: [] };
    case 'quote.sent': return { sql: 'quote_sent_at IS NOT NULL', bindings: [] };
    case 'quote.pending': return { sql: `quote_sent_at IS NULL AND stage = 'contacted'`, bindings: [] };
    case 'quote.accepted': return { sql: 'accepted', bindings: [] };
    case 'quote.declined': return { sql: 'declined AND NOT accepted', bindings: [] };
    case 'revenue': return currency ? { sql: 'revenue AND currency = ?', bindings: [currency] } : { sql: 'revenue AND currency IS NOT NULL', bindings: [] };
    case 'revenue.without_amount': return { sql: 'revenue AND currency IS NULL', bindings: [] };
    default: {
      const step = figure.slice('reached.'.length) as (typeof BOOKING_FUNNEL_STEPS)[number];
      return { sql: 'reached >= ?', bindings: [BOOKING_FUNNEL_STEPS.indexOf(step)] };
    }
  }
}

/**
 * The SQL of the facts with the minutes from arrival to first contact (`contact_wall`,
 * `contact_business`) and to the first quote (`quote_…`), as wallMinutesBetween and
 * businessMinutesBetween count them. A calendar open around the clock counts business minutes as
 * calendar minutes; any other has its open stretches in `cal` (MinuteLine's columns): the open time
 * before each instant is looked up there, and the open minutes between two instants are the
 * difference (integer division truncates towards zero: a negative span counts as minus the forward one).
 */
function withMinutesSql(alwaysOpen: boolean) {
  const columns = 'stage, utm_source, utm_medium, utm_campaign, reached, arrived_at, first_contact_at, quote_sent_at, accepted, declined, revenue, currency, amount_minor';
  const minutes = `SELECT ${columns}, ${minuteSql('arrived_at')} AS arrived_ms, ${minuteSql('first_contact_at')} AS contact_ms, ${minuteSql('quote_sent_at')} AS quote_ms FROM facts OFFSET 0`;
  const wall = (end: string) => `(${end}_ms - arrived_ms) / 60000`;
  if (alwaysOpen) return `SELECT m.*, ${wall('contact')} AS contact_wall, ${wall('contact')} AS contact_business, ${wall('quote')} AS quote_wall, ${wall('quote')} AS quote_business FROM (${minutes}) m`;
  // The last stretch starting at or before each minute (width_bucket: a binary search), 0 when none does.
  const stretches = `SELECT m.*, width_bucket(arrived_ms, cal.starts) AS arrived_k, width_bucket(contact_ms, cal.starts) AS contact_k, width_bucket(quote_ms, cal.starts) AS quote_k FROM (${minutes}) m CROSS JOIN cal OFFSET 0`;
  const openBefore = (at: string) => openBeforeSql(`${at}_ms`, `${at}_k`);
  const business = (end: string) => `(${openBefore(end)} - ${openBefore('arrived')}) / 60000`;
  return `SELECT s.*, ${wall('contact')} AS contact_wall, ${business('contact')} AS contact_business, ${wall('quote')} AS quote_wall, ${business('quote')} AS quote_business FROM (${stretches}) s CROSS JOIN cal`;
}

interface Totals {
  bookings: number;
  reached: number[];
  lost: number;
  declined: number;
  cancelled: number;
  open: number;
  contact_pending: number;
  contact_n: number;
  contact_business_sum: string | null;
  contact_wall_sum: string | null;
  contact_business_p90: number | null;
  contact_wall_p90: number | null;
  quote_sent: number;
  quote_pending: number;
  quote_n: number;
  quote_business_sum: string | null;
  quote_wall_sum: string | null;
  quote_business_p90: number | null;
  quote_wall_p90: number | null;
  accepted: number;
  quote_declined: number;
  without_amount: number;
  earliest: string | null;
  latest: string | null;
}

/**
 * Counts the facts in the database: the figures of the whole period, the bookings per stage now,
 * the revenue per currency and the attribution rows. The business minutes need the calendar's
 * open time over every arrival and end counted: the table covers the period to now (a day either
 * side), and should a booking's times fall outside it (a timeline written with other clocks), the
 * count is made again over a table that covers them.
 */
async function countFacts(db: Knex.Transaction, scope: BookingsScope) {
  const facts = await factsSql(db, scope);
  const DAY = 86_400_000;
  let from = new Date(scope.period.from.getTime() - DAY);
  let to = new Date(Math.max(scope.now.getTime(), scope.period.to.getTime()) + DAY);
  const alwaysOpen = scope.calendar.hours === null && scope.calendar.holidays.length === 0;
  for (;;) {
    const table = alwaysOpen ? null : new MinuteLine(scope.calendar, from, to).columns();
    // Percentiles are nearest rank: percentile_disc(0.9) is the ceil(0.9 n)-th smallest, as the figures were always counted.
    const series = (name: string) => `count(${name}_business) AS ${name}_n, sum(${name}_business)::text AS ${name}_business_sum, sum(${name}_wall)::text AS ${name}_wall_sum,
        percentile_disc(0.9) WITHIN GROUP (ORDER BY ${name}_business) AS ${name}_business_p90, percentile_disc(0.9) WITHIN GROUP (ORDER BY ${name}_wall) AS ${name}_wall_p90`;
    const open = `stage NOT IN (${literals(CLOSED_BOOKING_STAGES)})`;
    const timed = (at: string, name: string) => `CASE WHEN ${name}_business IS NOT NULL THEN ${at} END`;
    const utm = `${utmText('s')} AS s, ${utmText('m')} AS m, ${utmText('c')} AS c`;
    const { rows } = await db.raw<{ rows: { totals: Totals; stages: { stage: string; bookings: number }[]; revenue: { currency: string; minor: string; n: number }[]; attribution: { s: string; m: string; c: string; n: number; confirmed: number }[]; attribution_revenue: { s: string; m: string; c: string; currency: string; minor: string }[] }[] }>(
      `WITH ${facts.sql},${table ? '\n      cal AS (SELECT ?::bigint[] AS starts, ?::bigint[] AS ends, ?::bigint[] AS open_before),' : ''}
      counted AS MATERIALIZED (${withMinutesSql(alwaysOpen)})
      SELECT
        (SELECT row_to_json(t) FROM (
          SELECT count(*) AS bookings, array[${BOOKING_FUNNEL_STEPS.map((_, i) => `count(*) FILTER (WHERE reached >= ${i})`).join(', ')}] AS reached,
            count(*) FILTER (WHERE stage = 'lost') AS lost, count(*) FILTER (WHERE stage = 'declined') AS declined,
            count(*) FILTER (WHERE stage = 'cancelled') AS cancelled, count(*) FILTER (WHERE ${open}) AS open,
            count(*) FILTER (WHERE arrived_at IS NOT NULL AND first_contact_at IS NULL AND ${open}) AS contact_pending,
            ${series('contact')},
            count(quote_sent_at) AS quote_sent, count(*) FILTER (WHERE quote_sent_at IS NULL AND stage = 'contacted') AS quote_pending,
            ${series('quote')},
            count(*) FILTER (WHERE accepted) AS accepted, count(*) FILTER (WHERE declined AND NOT accepted) AS quote_declined,
            count(*) FILTER (WHERE revenue AND currency IS NULL) AS without_amount,
            min(least(arrived_at, ${timed('first_contact_at', 'contact')}, ${timed('quote_sent_at', 'quote')})) FILTER (WHERE contact_business IS NOT NULL OR quote_business IS NOT NULL) AS earliest,
            max(greatest(arrived_at, ${timed('first_contact_at', 'contact')}, ${timed('quote_sent_at', 'quote')})) FILTER (WHERE contact_business IS NOT NULL OR quote_business IS NOT NULL) AS latest
          FROM counted) t) AS totals,
        (SELECT coalesce(json_agg(t), '[]') FROM (SELECT stage, count(*) AS bookings FROM counted GROUP BY stage) t) AS stages,
        (SELECT coalesce(json_agg(t), '[]') FROM (SELECT currency, sum(amount_minor)::text AS minor, count(*) AS n FROM counted WHERE revenue AND currency IS NOT NULL GROUP BY currency) t) AS revenue,
        (SELECT coalesce(json_agg(t), '[]') FROM (
          SELECT ${utm}, sum(n) AS n, sum(confirmed) AS confirmed
          FROM (SELECT utm_source AS s, utm_medium AS m, utm_campaign AS c, count(*) AS n, count(*) FILTER (WHERE reached >= 3) AS confirmed FROM counted GROUP BY 1, 2, 3) g GROUP BY 1, 2, 3) t) AS attribution,
        (SELECT coalesce(json_agg(t), '[]') FROM (
          SELECT ${utm}, currency, sum(minor)::text AS minor
          FROM (SELECT utm_source AS s, utm_medium AS m, utm_campaign AS c, currency, sum(amount_minor) AS minor FROM counted WHERE revenue AND currency IS NOT NULL GROUP BY 1, 2, 3, 4) g GROUP BY 1, 2, 3, 4) t) AS attribution_revenue`,
      [...facts.bindings, ...(table ? [table.starts, table.ends, table.openBefore] : [])],
    );
    const r = rows[0];
    const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
    const totals = json(r.totals);
    const earliest = totals.earliest ? new Date(totals.earliest) : null;
    const latest = totals.latest ? new Date(totals.latest) : null;
    if (table && ((earliest && earliest < from) || (latest && latest > to))) {
      from = earliest && earliest < from ? earliest : from;
      to = latest && latest > to ? latest : to;
      continue;
    }
    return { totals, stages: json(r.stages), revenue: json(r.revenue), attribution: json(r.attribution), attributionRevenue: json(r.attribution_revenue) };
  }
}

const byCurrency = <T extends { currency: string }>(xs: T[]) => [...xs].sort((a, b) => a.currency.localeCompare(b.currency));

export async function bookingsReport(db: Db, scope: BookingsScope) {
  const q = scope.query;
  const { totals: t, stages, revenue, attribution, attributionRevenue } = await inSnapshot(db, (trx) => countFacts(trx, scope));
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  const fig = (value: number | string, figure: BookingDrillFigure, extra?: Parameters<typeof bookingsDrillLink>[2]) => ({ value: Number(value), drill: bookingsDrillLink(q, figure, extra) });
  const reached = t.reached.map(Number);
  const timing = (name: 'contact' | 'quote', done: BookingDrillFigure, pending: BookingDrillFigure, pendingCount: number) => ({
    done: fig(t[`${name}_n`], done),
    pending: fig(pendingCount, pending),
    averageBusinessMinutes: avg(Number(t[`${name}_business_sum`]), Number(t[`${name}_n`])),
    averageCalendarMinutes: avg(Number(t[`${name}_wall_sum`]), Number(t[`${name}_n`])),
    p90BusinessMinutes: n(t[`${name}_business_p90`]),
    p90CalendarMinutes: n(t[`${name}_wall_p90`]),
  });
  const revenueOf = new Map<string, { currency: string; minor: string }[]>();
  for (const r of attributionRevenue) {
    const key = JSON.stringify([r.s, r.m, r.c]);
    (revenueOf.get(key) ?? revenueOf.set(key, []).get(key)!).push(r);
  }
  const amounts = (list: { currency: string; minor: string }[]) => byCurrency(list).map((r) => ({ currency: r.currency, amountMinor: Number(r.minor), amount: majorUnits(r.currency, Number(r.minor)) }));
  return {
    period: bookingsPeriodView(scope),
    bookings: fig(t.bookings, 'bookings'),
    funnel: BOOKING_FUNNEL_STEPS.map((stage, i) => ({
      stage,
      reached: { value: reached[i], drill: bookingsDrillLink(q, `reached.${stage}` as BookingDrillFigure) },
      conversionFromPrevious: i === 0 ? null : rate(reached[i], reached[i - 1]),
      conversionFromNew: rate(reached[i], reached[0]),
    })),
    conversionRate: rate(reached[3], reached[0]),
    outcomes: { lost: fig(t.lost, 'lost'), declined: fig(t.declined, 'declined'), cancelled: fig(t.cancelled, 'cancelled'), open: fig(t.open, 'open') },
    stagesNow: [...stages].sort((a, b) => a.stage.localeCompare(b.stage)).map(({ stage, bookings }) => ({ stage, bookings: Number(bookings) })),
    timeToFirstContact: timing('contact', 'first_contact.done', 'first_contact.pending', t.contact_pending),
    timeToQuote: timing('quote', 'quote.sent', 'quote.pending', t.quote_pending),
    quotes: { sent: fig(t.quote_sent, 'quote.sent'), accepted: fig(t.accepted, 'quote.accepted'), declined: fig(t.quote_declined, 'quote.declined'), acceptanceRate: rate(Number(t.accepted), Number(t.quote_sent)) },
    revenue: {
      byCurrency: byCurrency(revenue).map(({ currency, minor, n: count }) => ({ currency, amountMinor: Number(minor), amount: majorUnits(currency, Number(minor)), bookings: fig(count, 'revenue', { currency }) })),
      withoutAmount: fig(t.without_amount, 'revenue.without_amount'),
    },
    attribution: attribution
      .map(({ s: source, m: medium, c: campaign, n: count, confirmed }) => {
        const extra = { utmSource: source, utmMedium: medium, utmCampaign: campaign };
        return {
          utmSource: source,
          utmMedium: medium,
          utmCampaign: campaign,
          bookings: { value: Number(count), drill: bookingsDrillLink({ ...q, ...extra }, 'bookings') },
          confirmed: { value: Number(confirmed), drill: bookingsDrillLink({ ...q, ...extra }, 'reached.confirmed') },
          conversionRate: rate(Number(confirmed), Number(count)),
          revenue: amounts(revenueOf.get(JSON.stringify([source, medium, campaign])) ?? []),
        };
      })
      .sort((a, b) => b.bookings.value - a.bookings.value || a.utmSource.localeCompare(b.utmSource) || a.utmMedium.localeCompare(b.utmMedium) || a.utmCampaign.localeCompare(b.utmCampaign)),
  };
}

/** The bookings behind a figure, by number. */
export async function drillBookings(db: Db, scope: BookingsScope, figure: BookingDrillFigure, currency?: string) {
  const where = figureSql(figure, currency);
  const { rows } = await inSnapshot(db, async (trx) => {
    const facts = await factsSql(trx, scope);
    return trx.raw<{ rows: { number: string; stage: string; source: string; created_at: Date | string }[] }>(
    `WITH ${facts.sql} SELECT number, stage, source, created_at FROM facts WHERE ${where.sql}`,
      [...facts.bindings, ...where.bindings],
    );
  });
  return rows.map((f) => ({ number: f.number, stage: f.stage, source: f.source, createdAt: new Date(f.created_at).toISOString() })).sort((a, b) => a.number.localeCompare(b.number));
}
