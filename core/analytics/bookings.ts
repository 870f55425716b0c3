import type { Knex } from 'knex';
import { calendarFor } from '../cases/case-clock.ts';
import { BOOKING_FUNNEL_STEPS, type BookingDrillFigure, type BookingsQuery } from '../contracts/analytics.ts';
import { validationFailed } from '../errors/index.ts';
import { businessMinutesBetween, wallMinutesBetween, type BusinessCalendar } from '../sla/business-calendar.ts';
import { resolvePeriod, type Period } from './period.ts';

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
 */
type Db = Knex | Knex.Transaction;

export const NONE = '(none)';
const FIRST_CONTACT_STAGES = new Set(['contacted', 'quoted', 'proposed', 'confirmed']);
const BUILT_IN = new Set(['collecting', 'pending_confirmation', 'new', 'contacted', 'quoted', 'proposed', 'confirmed', 'declined', 'lost', 'cancelled', 'completed']);
const FUNNEL_RANK: Record<string, number> = { new: 0, contacted: 1, quoted: 2, proposed: 2, confirmed: 3, completed: 4 };

export interface BookingsScope {
  orgId: string;
  query: BookingsQuery;
  period: Period;
  now: Date;
  calendar: BusinessCalendar;
}

export interface BookingFact {
  id: string;
  number: string;
  stage: string;
  source: string;
  createdAt: Date;
  utm: { source: string; medium: string; campaign: string };
  /** The furthest funnel step reached (index in BOOKING_FUNNEL_STEPS), -1 when it never reached new. */
  reached: number;
  everAt: Set<string>;
  arrivedAt: Date | null;
  firstContactAt: Date | null;
  quoteSentAt: Date | null;
  quoteAccepted: boolean;
  quoteDeclined: boolean;
  /** The booking's amount: its accepted quote, else its latest sent one. */
  amount: { currency: string; minor: number } | null;
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

/** Reads the facts of the bookings that arrived in the period, with the query's filters; unknown services and staff are 422. */
export async function bookingFacts(db: Db, scope: BookingsScope): Promise<BookingFact[]> {
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
  const where = conds.join(' AND ');
  const { rows: bookings } = await db.raw<{ rows: { id: string; number: string; stage: string; source: string; created_at: Date; utm: Record<string, unknown> | string | null }[] }>(
    `SELECT b.id, b.number, b.stage, b.source, b.created_at, b.utm FROM bookings b WHERE ${where} ORDER BY b.created_at, b.id`,
    bindings,
  );
  const { rows: events } = await db.raw<{ rows: { booking_id: string; type: string; actor_type: string; data: Record<string, unknown> | string; created_at: Date }[] }>(
    `SELECT e.booking_id, e.type, e.actor_type, e.data, e.created_at FROM booking_events e JOIN bookings b ON b.id = e.booking_id
      WHERE ${where} AND e.type IN ('created', 'stage_changed', 'quote_sent', 'quote_accepted', 'quote_declined', 'note')
      ORDER BY e.booking_id, e.created_at, e.id`,
    bindings,
  );
  const { rows: quotes } = await db.raw<{ rows: { booking_id: string; status: string; currency: string; total_minor: string; version: number; sent_at: Date | null }[] }>(
    `SELECT q.booking_id, q.status, q.currency, q.total_minor, q.version, q.sent_at FROM booking_quotes q JOIN bookings b ON b.id = q.booking_id
      WHERE ${where} AND q.sent_at IS NOT NULL ORDER BY q.booking_id, q.version`,
    bindings,
  );
  const eventsOf = new Map<string, typeof events>();
  for (const e of events) (eventsOf.get(e.booking_id) ?? eventsOf.set(e.booking_id, []).get(e.booking_id)!).push(e);
  const amountOf = new Map<string, { currency: string; minor: number; accepted: boolean }>();
  for (const r of quotes) {
    const prev = amountOf.get(r.booking_id);
    if (prev?.accepted) continue;
    amountOf.set(r.booking_id, { currency: r.currency, minor: Number(r.total_minor), accepted: r.status === 'accepted' });
  }
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as Record<string, unknown>;
  return bookings.map((b) => {
    const utm = json(b.utm);
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : NONE);
    const f: BookingFact = {
      id: b.id,
      number: b.number,
      stage: b.stage,
      source: b.source,
      createdAt: new Date(b.created_at),
      utm: { source: text(utm.source), medium: text(utm.medium), campaign: text(utm.campaign) },
      reached: -1,
      everAt: new Set([b.stage]),
      arrivedAt: null,
      firstContactAt: null,
      quoteSentAt: null,
      quoteAccepted: false,
      quoteDeclined: false,
      amount: null,
    };
    const history = eventsOf.get(b.id) ?? [];
    // The stage it was created in: where its first move started, or where it still is.
    const firstMove = history.find((e) => e.type === 'stage_changed');
    const initial = firstMove ? String(json(firstMove.data).from) : b.stage;
    f.everAt.add(initial);
    if (initial in FUNNEL_RANK) f.arrivedAt = new Date(history.find((e) => e.type === 'created')?.created_at ?? b.created_at);
    for (const e of history) {
      const data = json(e.data);
      const at = new Date(e.created_at);
      let stage: string | null = null;
      if (e.type === 'stage_changed') {
        stage = String(data.to);
        if (typeof data.from === 'string') f.everAt.add(data.from);
        // A first-contact move is one out of `new` (or a later one) by staff, or to a stage the org added.
        if (!f.firstContactAt && f.arrivedAt && e.actor_type !== 'customer' && (FIRST_CONTACT_STAGES.has(stage) || !BUILT_IN.has(stage))) f.firstContactAt = at;
      }
      if (stage) {
        f.everAt.add(stage);
        if (stage === 'new' && !f.arrivedAt) f.arrivedAt = at;
      }
      if (e.type === 'quote_sent') {
        f.everAt.add('quoted');
        f.quoteSentAt ??= at;
        if (!f.firstContactAt) f.firstContactAt = at;
      }
      if (e.type === 'note' && data.kind === 'call' && e.actor_type === 'staff' && !f.firstContactAt) f.firstContactAt = at;
      if (e.type === 'quote_accepted') f.quoteAccepted = true;
      if (e.type === 'quote_declined') f.quoteDeclined = true;
    }
    // A booking whose timeline skips `new` (created straight in a later stage) arrived when it was created.
    for (const s of f.everAt) if (s in FUNNEL_RANK) f.reached = Math.max(f.reached, FUNNEL_RANK[s]);
    if (f.reached >= 0 && !f.arrivedAt) f.arrivedAt = f.createdAt;
    if (f.firstContactAt && f.arrivedAt && f.firstContactAt < f.arrivedAt) f.firstContactAt = f.arrivedAt;
    const amount = amountOf.get(b.id);
    f.amount = amount ? { currency: amount.currency, minor: amount.minor } : null;
    return f;
  });
}

const rate = (num: number, den: number) => (den ? Math.round((num / den) * 10_000) / 10_000 : null);
const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
function p90(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.9 * s.length) - 1)];
}
const digitsOf = (currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};
export const majorUnits = (currency: string, minor: number) => minor / 10 ** digitsOf(currency);

const isRevenue = (f: BookingFact) => f.stage === 'confirmed' || f.stage === 'completed';

/** Does a booking count in a drill figure? */
export function bookingMatches(f: BookingFact, figure: BookingDrillFigure, currency?: string): boolean {
  switch (figure) {
    case 'bookings': return true;
    case 'lost': case 'declined': case 'cancelled': return f.stage === figure;
    case 'open': return !['lost', 'declined', 'cancelled', 'completed'].includes(f.stage);
    case 'first_contact.done': return !!f.firstContactAt;
    case 'first_contact.pending': return !!f.arrivedAt && !f.firstContactAt && bookingMatches(f, 'open');
    case 'quote.sent': return !!f.quoteSentAt;
    case 'quote.pending': return !f.quoteSentAt && f.stage === 'contacted';
    case 'quote.accepted': return f.quoteAccepted;
    case 'quote.declined': return f.quoteDeclined && !f.quoteAccepted;
    case 'revenue': return isRevenue(f) && !!f.amount && (!currency || f.amount.currency === currency);
    case 'revenue.without_amount': return isRevenue(f) && !f.amount;
    default: {
      const step = figure.slice('reached.'.length) as (typeof BOOKING_FUNNEL_STEPS)[number];
      return f.reached >= BOOKING_FUNNEL_STEPS.indexOf(step);
    }
  }
}

function timing(scope: BookingsScope, facts: BookingFact[], end: (f: BookingFact) => Date | null, done: BookingDrillFigure, pending: BookingDrillFigure, pendingOf: (f: BookingFact) => boolean) {
  const q = scope.query;
  const business: number[] = [];
  const calendar: number[] = [];
  for (const f of facts) {
    const e = end(f);
    if (!e || !f.arrivedAt) continue;
    business.push(businessMinutesBetween(f.arrivedAt, e, scope.calendar));
    calendar.push(wallMinutesBetween(f.arrivedAt, e));
  }
  return {
    done: { value: business.length, drill: bookingsDrillLink(q, done) },
    pending: { value: facts.filter(pendingOf).length, drill: bookingsDrillLink(q, pending) },
    averageBusinessMinutes: avg(business),
    averageCalendarMinutes: avg(calendar),
    p90BusinessMinutes: p90(business),
    p90CalendarMinutes: p90(calendar),
  };
}

function sumByCurrency(facts: BookingFact[]) {
  const m = new Map<string, { minor: number; n: number }>();
  for (const f of facts) {
    if (!isRevenue(f) || !f.amount) continue;
    const cur = m.get(f.amount.currency) ?? m.set(f.amount.currency, { minor: 0, n: 0 }).get(f.amount.currency)!;
    cur.minor += f.amount.minor;
    cur.n++;
  }
  return [...m].sort(([a], [b]) => a.localeCompare(b));
}

export async function bookingsReport(db: Db, scope: BookingsScope) {
  const q = scope.query;
  const facts = await bookingFacts(db, scope);
  const fig = (figure: BookingDrillFigure, extra?: Parameters<typeof bookingsDrillLink>[2]) => ({ value: facts.filter((f) => bookingMatches(f, figure, extra?.currency)).length, drill: bookingsDrillLink(q, figure, extra) });
  const reached = BOOKING_FUNNEL_STEPS.map((s, i) => facts.filter((f) => f.reached >= i).length);
  const stagesNow = new Map<string, number>();
  for (const f of facts) stagesNow.set(f.stage, (stagesNow.get(f.stage) ?? 0) + 1);
  const quoted = facts.filter((f) => f.quoteSentAt).length;
  const accepted = facts.filter((f) => f.quoteAccepted).length;
  const groups = new Map<string, BookingFact[]>();
  for (const f of facts) {
    const key = JSON.stringify([f.utm.source, f.utm.medium, f.utm.campaign]);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(f);
  }
  return {
    period: bookingsPeriodView(scope),
    bookings: fig('bookings'),
    funnel: BOOKING_FUNNEL_STEPS.map((stage, i) => ({
      stage,
      reached: { value: reached[i], drill: bookingsDrillLink(q, `reached.${stage}` as BookingDrillFigure) },
      conversionFromPrevious: i === 0 ? null : rate(reached[i], reached[i - 1]),
      conversionFromNew: rate(reached[i], reached[0]),
    })),
    conversionRate: rate(reached[3], reached[0]),
    outcomes: { lost: fig('lost'), declined: fig('declined'), cancelled: fig('cancelled'), open: fig('open') },
    stagesNow: [...stagesNow].sort(([a], [b]) => a.localeCompare(b)).map(([stage, bookings]) => ({ stage, bookings })),
    timeToFirstContact: timing(scope, facts, (f) => f.firstContactAt, 'first_contact.done', 'first_contact.pending', (f) => bookingMatches(f, 'first_contact.pending')),
    timeToQuote: timing(scope, facts, (f) => f.quoteSentAt, 'quote.sent', 'quote.pending', (f) => bookingMatches(f, 'quote.pending')),
    quotes: { sent: fig('quote.sent'), accepted: fig('quote.accepted'), declined: fig('quote.declined'), acceptanceRate: rate(accepted, quoted) },
    revenue: {
      byCurrency: sumByCurrency(facts).map(([currency, s]) => ({ currency, amountMinor: s.minor, amount: majorUnits(currency, s.minor), bookings: { value: s.n, drill: bookingsDrillLink(q, 'revenue', { currency }) } })),
      withoutAmount: fig('revenue.without_amount'),
    },
    attribution: [...groups.values()]
      .map((list) => {
        const { source, medium, campaign } = list[0].utm;
        const extra = { utmSource: source, utmMedium: medium, utmCampaign: campaign };
        const confirmed = list.filter((f) => f.reached >= 3).length;
        return {
          utmSource: source,
          utmMedium: medium,
          utmCampaign: campaign,
          bookings: { value: list.length, drill: bookingsDrillLink({ ...q, ...extra }, 'bookings') },
          confirmed: { value: confirmed, drill: bookingsDrillLink({ ...q, ...extra }, 'reached.confirmed') },
          conversionRate: rate(confirmed, list.length),
          revenue: sumByCurrency(list).map(([currency, s]) => ({ currency, amountMinor: s.minor, amount: majorUnits(currency, s.minor) })),
        };
      })
      .sort((a, b) => b.bookings.value - a.bookings.value || a.utmSource.localeCompare(b.utmSource) || a.utmMedium.localeCompare(b.utmMedium) || a.utmCampaign.localeCompare(b.utmCampaign)),
  };
}

/** The bookings behind a figure, by number. */
export async function drillBookings(db: Db, scope: BookingsScope, figure: BookingDrillFigure, currency?: string) {
  const facts = (await bookingFacts(db, scope)).filter((f) => bookingMatches(f, figure, currency));
  return facts.map((f) => ({ number: f.number, stage: f.stage, source: f.source, createdAt: f.createdAt.toISOString() })).sort((a, b) => a.number.localeCompare(b.number));
}
