import type { Knex } from 'knex';
import { z } from 'zod';
import type { availability, sessionList, sessionWithRoom } from '../contracts/sessions.ts';
import { validationFailed } from '../errors/index.ts';
import { localMoment, todayIn } from '../time/org-time.ts';
import { serviceForSessions, sessionView, type SessionRow } from './service-sessions.ts';

/**
 * Reading sessions: staff's list of a service's sessions (any status), and the availability the
 * booking form and the website read (sessions from now on with a seat left). Days are the
 * business's local days: a session at 23:30 in Bangkok is on that day, not on the next day's
 * UTC date; the day's bounds are computed by PostgreSQL in the org's zone.
 */

type Db = Knex | Knex.Transaction;

/** Longest span one read covers. */
const MOST_DAYS = 92;

const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** The local dates asked for: from today, a month, when not given. */
function span(timeZone: string, q: { from?: string; to?: string }, now?: Date): { from: string; to: string } {
  const from = q.from ?? todayIn(timeZone, now);
  const to = q.to ?? addDays(from, 31);
  if (to < from) throw validationFailed('The dates are not valid', [{ path: 'to', message: 'Before `from`' }]);
  if (to > addDays(from, MOST_DAYS)) throw validationFailed('The dates are not valid', [{ path: 'to', message: `At most ${MOST_DAYS} days after \`from\`` }]);
  return { from, to };
}

/** The service's sessions whose local start date is from `from` to `to`, both included. */
function sessionsBetween(db: Db, s: { id: string; time_zone: string }, orgId: string, d: { from: string; to: string }) {
  return db('service_sessions')
    .where({ org_id: orgId, service_id: s.id })
    .andWhere('starts_at', '>=', db.raw('(?::date)::timestamp AT TIME ZONE ?', [d.from, s.time_zone]))
    .andWhere('starts_at', '<', db.raw('(?::date + 1)::timestamp AT TIME ZONE ?', [d.to, s.time_zone]))
    .orderBy('starts_at');
}

/** Staff's list: every session of the service over the days asked, with seats taken and left. */
export async function listSessions(db: Db, orgId: string, serviceKey: string, q: { from?: string; to?: string; status?: 'scheduled' | 'cancelled' }, now?: Date): Promise<z.infer<typeof sessionList>> {
  const s = await serviceForSessions(db, orgId, serviceKey);
  const query = sessionsBetween(db, s, orgId, span(s.time_zone, q, now));
  if (q.status) query.andWhere({ status: q.status });
  const rows: SessionRow[] = await query;
  return { timeZone: s.time_zone, items: rows.map((r) => sessionView(r, s.key, s.time_zone)) };
}

/** Few seats remain: a page says how many. */
const fewLeft = (left: number, capacity: number) => left <= Math.max(3, Math.floor(capacity / 5));

/**
 * What the booking form offers: the service's scheduled sessions that have not started and still
 * have a seat, over the days asked. An inactive service has none to offer (404).
 */
export async function availabilityOf(db: Db, orgId: string, serviceKey: string, q: { from?: string; to?: string }, now: Date = new Date()): Promise<z.infer<typeof availability>> {
  const s = await serviceForSessions(db, orgId, serviceKey);
  if (!s.is_active) return { service: s.key, timeZone: s.time_zone, items: [] };
  const rows: SessionRow[] = await sessionsBetween(db, s, orgId, span(s.time_zone, q, now))
    .select('id', 'starts_at', 'ends_at', 'capacity', 'seats_taken', 'status', 'cancelled_at', 'cancel_reason')
    .andWhere({ status: 'scheduled' })
    .andWhere('starts_at', '>', now)
    .andWhereRaw('seats_taken < capacity');
  return {
    service: s.key,
    timeZone: s.time_zone,
    items: rows.map((r) => withRoom(r, s.time_zone)),
  };
}

/** How many of a service's next sessions the catalog feed lists. */
export const NEXT_SESSIONS = 5;

/**
 * For the catalog feed, of each of these services (ids): whether it is booked by its sessions,
 * and its next sessions with room (at most NEXT_SESSIONS), earliest first. Two reads for the whole
 * page of services, whatever their number.
 */
export async function nextSessionsOf(
  db: Db,
  orgId: string,
  timeZone: string,
  serviceIds: string[],
  now: Date = new Date(),
): Promise<Map<string, { bookedBySession: boolean; nextSessions: z.infer<typeof sessionWithRoom>[] }>> {
  const out = new Map(serviceIds.map((id) => [id, { bookedBySession: false, nextSessions: [] as z.infer<typeof sessionWithRoom>[] }]));
  if (serviceIds.length === 0) return out;
  const upcoming = () => db('service_sessions').where({ org_id: orgId, status: 'scheduled' }).whereIn('service_id', serviceIds).andWhere('starts_at', '>', now);
  const booked: { service_id: string }[] = await upcoming().distinct('service_id');
  for (const b of booked) out.get(b.service_id)!.bookedBySession = true;
  if (booked.length === 0) return out;
  const ranked = upcoming()
    .andWhereRaw('seats_taken < capacity')
    .select('service_id', 'id', 'starts_at', 'ends_at', 'capacity', 'seats_taken', 'status', 'cancelled_at', 'cancel_reason', db.raw('row_number() OVER (PARTITION BY service_id ORDER BY starts_at) AS nth'))
    .as('ranked');
  const rows: (SessionRow & { service_id: string })[] = await db.from(ranked).where('nth', '<=', NEXT_SESSIONS).orderBy([{ column: 'service_id' }, { column: 'starts_at' }]);
  for (const r of rows) out.get(r.service_id)!.nextSessions.push(withRoom(r, timeZone));
  return out;
}

function withRoom(r: SessionRow, timeZone: string): z.infer<typeof sessionWithRoom> {
  const v = sessionView(r, '', timeZone);
  return { sessionId: v.id, date: v.date, time: v.time, startsAt: v.startsAt, endsAt: v.endsAt, seatsLeft: v.seatsLeft, fewLeft: fewLeft(v.seatsLeft, v.capacity) };
}

/**
 * Whether a service is booked by its sessions (a class, a departure): it has a scheduled session
 * from now on, with room or not. The chat then asks for a session, not for a date and a time.
 */
export async function bookedBySession(db: Db, orgId: string, serviceKey: string, now: Date = new Date()): Promise<boolean> {
  const row = await db('service_sessions as ss')
    .join('services as s', 's.id', 'ss.service_id')
    .where({ 'ss.org_id': orgId, 's.key': serviceKey, 'ss.status': 'scheduled' })
    .andWhere('ss.starts_at', '>', now)
    .first(db.raw('1 as one'));
  return row !== undefined;
}

/** A session's local date and time, for the booking that names it; undefined when it is not the org's. */
export async function sessionMoment(db: Db, orgId: string, sessionId: string): Promise<{ date: string; time: string } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return undefined;
  const row = await db('service_sessions as ss').join('orgs as o', 'o.id', 'ss.org_id').where({ 'ss.id': sessionId, 'ss.org_id': orgId }).first('ss.starts_at', 'o.time_zone');
  if (!row) return undefined;
  const at = localMoment(row.time_zone, new Date(row.starts_at));
  return { date: at.date, time: at.time };
}

