import type { Knex } from 'knex';
import { localMoment } from '../time/org-time.ts';
import type { Scope } from './case-facts.ts';
import { periodView, rate } from './reports.ts';

/**
 * Sessions and seats (docs/analytics.md, "Sessions"): for the scheduled sessions that start in
 * the period, how full they were, who came and who did not, and what their waitlists became.
 * Read-only, from the sessions, the bookings holding their seats and the waitlist rows:
 *
 * - **Fill rate**: the seats the bookings hold over the capacity (cancelled, declined and lost
 *   bookings gave theirs back; seats held by a waitlist offer not yet answered are not counted).
 * - **No-show rate**: no-shows over the bookings checked in either way at the desk; bookings not
 *   checked in are left out (`notCheckedIn`), rather than read as either.
 * - **Waitlist conversion**: places that became bookings over the places asked for.
 */
type Db = Knex | Knex.Transaction;

interface SessionFacts {
  id: string;
  service: string;
  starts_at: Date;
  capacity: number;
  seats_booked: number;
  attended: number;
  no_show: number;
  bookings: number;
  joined: number;
  offered: number;
  waitlist_booked: number;
  declined: number;
  expired: number;
}

const sum = (rows: SessionFacts[], k: keyof SessionFacts) => rows.reduce((n, r) => n + Number(r[k]), 0);

function figures(rows: SessionFacts[]) {
  const capacity = sum(rows, 'capacity');
  const seatsBooked = sum(rows, 'seats_booked');
  const attended = sum(rows, 'attended');
  const noShow = sum(rows, 'no_show');
  const joined = sum(rows, 'joined');
  const booked = sum(rows, 'waitlist_booked');
  return {
    sessions: rows.length,
    capacity,
    seatsBooked,
    fillRate: rate(seatsBooked, capacity),
    attended,
    noShow,
    notCheckedIn: sum(rows, 'bookings') - attended - noShow,
    noShowRate: rate(noShow, attended + noShow),
    waitlist: { joined, offered: sum(rows, 'offered'), booked, declined: sum(rows, 'declined'), expired: sum(rows, 'expired'), conversionRate: rate(booked, joined) },
  };
}

export async function sessionsReport(db: Db, scope: Scope) {
  const { from, to, timeZone } = scope.period;
  const rows: SessionFacts[] = await db('service_sessions as ss')
    .join('services as s', 's.id', 'ss.service_id')
    .where({ 'ss.org_id': scope.orgId, 'ss.status': 'scheduled' })
    .andWhere('ss.starts_at', '>=', from)
    .andWhere('ss.starts_at', '<', to)
    .select(
      'ss.id',
      's.key as service',
      'ss.starts_at',
      'ss.capacity',
      db.raw(`coalesce((SELECT sum(b.session_seats) FROM bookings b WHERE b.session_id = ss.id AND b.session_seats > 0), 0)::int AS seats_booked`),
      db.raw(`(SELECT count(*) FROM bookings b WHERE b.session_id = ss.id AND b.session_seats > 0)::int AS bookings`),
      db.raw(`(SELECT count(*) FROM bookings b WHERE b.session_id = ss.id AND b.attendance = 'attended')::int AS attended`),
      db.raw(`(SELECT count(*) FROM bookings b WHERE b.session_id = ss.id AND b.attendance = 'no_show')::int AS no_show`),
      db.raw(`(SELECT count(*) FROM session_waitlist w WHERE w.session_id = ss.id)::int AS joined`),
      db.raw(`(SELECT count(*) FROM session_waitlist w WHERE w.session_id = ss.id AND w.offered_at IS NOT NULL)::int AS offered`),
      db.raw(`(SELECT count(*) FROM session_waitlist w WHERE w.session_id = ss.id AND w.status = 'booked')::int AS waitlist_booked`),
      db.raw(`(SELECT count(*) FROM session_waitlist w WHERE w.session_id = ss.id AND w.status = 'declined')::int AS declined`),
      db.raw(`(SELECT count(*) FROM session_waitlist w WHERE w.session_id = ss.id AND w.status = 'expired')::int AS expired`),
    )
    .orderBy([{ column: 'ss.starts_at' }, { column: 's.key' }]);
  const byService = new Map<string, SessionFacts[]>();
  for (const r of rows) byService.set(r.service, [...(byService.get(r.service) ?? []), r]);
  return {
    period: periodView(scope),
    totals: figures(rows),
    services: [...byService].map(([service, of]) => ({ service, ...figures(of) })),
    sessions: rows.map((r) => {
      const at = localMoment(timeZone, new Date(r.starts_at));
      const { sessions: _one, ...f } = figures([r]);
      return { sessionId: r.id, service: r.service, date: at.date, time: at.time, ...f };
    }),
  };
}

export type SessionsReport = Awaited<ReturnType<typeof sessionsReport>>;

/** The report's tables, flat, for CSV. */
export const sessionsTables = {
  services: (r: SessionsReport) =>
    r.services.map((s) => ({ service: s.service, sessions: s.sessions, capacity: s.capacity, seatsBooked: s.seatsBooked, fillRate: s.fillRate, attended: s.attended, noShow: s.noShow, noShowRate: s.noShowRate, waitlistJoined: s.waitlist.joined, waitlistBooked: s.waitlist.booked, waitlistConversionRate: s.waitlist.conversionRate })),
  sessions: (r: SessionsReport) =>
    r.sessions.map((s) => ({ service: s.service, date: s.date, time: s.time, capacity: s.capacity, seatsBooked: s.seatsBooked, fillRate: s.fillRate, attended: s.attended, noShow: s.noShow, noShowRate: s.noShowRate, waitlistJoined: s.waitlist.joined, waitlistBooked: s.waitlist.booked })),
  waitlist: (r: SessionsReport) =>
    r.services.map((s) => ({ service: s.service, joined: s.waitlist.joined, offered: s.waitlist.offered, booked: s.waitlist.booked, declined: s.waitlist.declined, expired: s.waitlist.expired, conversionRate: s.waitlist.conversionRate })),
};
