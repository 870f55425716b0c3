import type { Knex } from 'knex';
import { normalizePhone, phoneSearchDigits } from '../contacts/contact-matching.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import { iso } from '../time/iso.ts';
import type { BookingSource } from '../vocabulary.ts';
import { listQuotes } from './booking-quotes.ts';
import { type BookingStage } from './booking-stage.ts';
import { movesFrom, orgPipeline } from './booking-stage-settings.ts';

/**
 * How bookings are read and shown to staff: the list with its filters, sort and cursor, and one
 * booking with its timeline (the shapes of core/contracts/bookings.ts). Like core/cases/case-queries.ts.
 */
type Db = Knex | Knex.Transaction;

/** Bookings of an org joined to what the list shows of their contact, service and assignee. */
function bookingsWithParties(db: Db, orgId: string) {
  return db('bookings as b')
    .join('contacts as c', 'c.id', 'b.contact_id')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .leftJoin('staff as st', 'st.id', 'b.assignee_staff_id')
    .select(
      'b.*',
      'c.display_name as contact_name',
      'c.email as contact_email',
      'c.phone as contact_phone',
      'c.language as contact_language',
      's.key as service_key',
      's.name_th as service_name_th',
      's.name_en as service_name_en',
      'st.display_name as assignee_name',
    )
    .where('b.org_id', orgId);
}

type BookingRow = Record<string, any>;

const hhmm = (t: string | null) => (t ? String(t).slice(0, 5) : null);
const day = (d: unknown) => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** A booking as the REST API lists it (core/contracts/bookings.ts bookingSummary). */
export function bookingSummary(r: BookingRow) {
  return {
    id: r.id as string,
    number: r.number as string,
    stage: r.stage as BookingStage,
    version: r.version as number,
    source: r.source as BookingSource,
    service: (r.service_key ?? null) as string | null,
    destination: ((r.details ?? {}).destination ?? null) as string | null,
    assigneeStaffId: (r.assignee_staff_id ?? null) as string | null,
    assigneeName: (r.assignee_name ?? null) as string | null,
    contact: { id: r.contact_id as string, name: (r.contact_name ?? null) as string | null },
    requestedDate: day(r.requested_date),
    requestedTime: hhmm(r.requested_time),
    partySize: (r.party_size ?? null) as number | null,
    language: r.language as 'th' | 'en',
    createdAt: iso(r.created_at as Date),
    updatedAt: iso(r.updated_at as Date),
    firstResponseDueAt: iso(r.first_response_due_at),
  };
}

export const BOOKING_SORTS = ['-created_at', 'created_at', '-updated_at', 'updated_at'] as const;
export type BookingSort = (typeof BOOKING_SORTS)[number];

export interface BookingFilters {
  /** Built-in stages or the org's own. */
  stage?: string[];
  /** Only this staff member's bookings and those nobody has (support: `ownOrUnassigned`). */
  ownOrUnassigned?: string;
  /** A staff id, or `none` for unassigned bookings. */
  assignee?: string;
  /** A service key. */
  service?: string;
  source?: BookingSource;
  /** Created on or after / before (ISO instants or dates). */
  createdFrom?: string;
  createdTo?: string;
  /** Requested date range (YYYY-MM-DD). */
  dateFrom?: string;
  dateTo?: string;
  /** A booking number, or text in the customer's name, e-mail, phone, the notes or the campaign. */
  search?: string;
  sort?: BookingSort;
  limit?: number;
  cursor?: string;
}

interface Cursor {
  v: string;
  id: string;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof c?.v === 'string' && typeof c?.id === 'string' && !Number.isNaN(Date.parse(c.v))) return c;
  } catch {
    // falls through
  }
  throw validationFailed('The cursor is not one this API gave', [{ path: 'cursor', message: 'Unknown cursor' }]);
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

/** Words as a prefix full-text query: `alice farm` finds "Alice Farmer"; null when there is no word. */
function wordPrefixes(text: string): string | null {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/**
 * The ids of the bookings a search names, each way through its own index: a booking number
 * exactly; an e-mail by its start; a phone number, as people write it, exactly; otherwise the
 * starts of the words of the customer's name, of the booking's notes and of the notes on its
 * timeline, and the campaign exactly.
 */
function matchingBookings(db: Db, orgId: string, search: string) {
  const bookings = () => db('bookings').select('id').where('org_id', orgId);
  if (/^B-\d{1,10}$/i.test(search)) return bookings().where('number', search.toUpperCase());
  if (search.includes('@')) {
    return bookings().whereIn('contact_id', db('contacts').select('id').where('org_id', orgId).whereNotNull('email').andWhereRaw(`lower(email) LIKE ?`, [`${search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`]));
  }
  if (/^\+?[\d\s().-]{6,}$/.test(search) && phoneSearchDigits(search).length >= 6) {
    return bookings().whereIn('contact_id', db('contacts').select('id').where({ org_id: orgId, phone: normalizePhone(search) }));
  }
  const words = wordPrefixes(search);
  const campaign = bookings().whereRaw(`lower(utm->>'campaign') = lower(?)`, [search]);
  if (!words) return campaign;
  const matches = `to_tsquery('simple'::regconfig, ?)`;
  return campaign
    .union(bookings().whereIn('contact_id', db('contacts').select('id').where('org_id', orgId).andWhereRaw(`to_tsvector('simple'::regconfig, coalesce(display_name, '')) @@ ${matches}`, [words])))
    .union(bookings().whereRaw(`to_tsvector('simple'::regconfig, coalesce(notes, '') || ' ' || coalesce(details->>'notes', '')) @@ ${matches}`, [words]))
    .union(
      db('booking_events')
        .select('booking_id')
        .where({ org_id: orgId, type: 'note' })
        .whereRaw(`to_tsvector('simple'::regconfig, coalesce(data->>'text', '')) @@ ${matches}`, [words]),
    );
}

/**
 * A page of an org's bookings, newest first unless said. Keyset pagination on the sort column and
 * the id: the first page of any filter is an index range, however many bookings there are.
 */
export async function listBookings(db: Db, orgId: string, f: BookingFilters = {}) {
  const sort = f.sort ?? '-created_at';
  const column = sort.replace(/^-/, '') as 'created_at' | 'updated_at';
  const desc = sort.startsWith('-');
  const limit = f.limit ?? 25;
  const q = bookingsWithParties(db, orgId);
  if (f.stage?.length) {
    const known = (await orgPipeline(db, orgId)).stages.map((s) => s.key);
    const unknown = f.stage.filter((s) => !known.includes(s));
    if (unknown.length) throw validationFailed('Unknown stage', unknown.map((s) => ({ path: 'stage', message: `No stage ${s} in this org's pipeline` })));
    q.whereIn('b.stage', f.stage);
  }
  if (f.ownOrUnassigned) onlyOwnOrUnassigned(q, f.ownOrUnassigned);
  if (f.assignee === 'none') q.whereNull('b.assignee_staff_id');
  else if (f.assignee) q.where('b.assignee_staff_id', f.assignee);
  if (f.service) q.where('s.key', f.service);
  if (f.source) q.where('b.source', f.source);
  if (f.createdFrom) q.where('b.created_at', '>=', f.createdFrom);
  if (f.createdTo) q.where('b.created_at', '<', f.createdTo);
  if (f.dateFrom) q.where('b.requested_date', '>=', f.dateFrom);
  if (f.dateTo) q.where('b.requested_date', '<=', f.dateTo);
  const search = f.search?.trim();
  if (search) q.whereIn('b.id', matchingBookings(db, orgId, search));
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    q.whereRaw(`(b.${column}, b.id) ${desc ? '<' : '>'} (?::timestamptz, ?::uuid)`, [c.v, c.id]);
  }
  const dir = desc ? 'DESC' : 'ASC';
  // A search names few bookings: sort those, rather than let the planner walk the whole org's
  // bookings in order through the index until it has met enough of them (the expression keeps it
  // off that index).
  const rows = await (search
    ? q.orderByRaw(`b.${column} + interval '0 seconds' ${dir}, b.id ${dir}`)
    : q.orderBy([
        { column: `b.${column}`, order: desc ? 'desc' : 'asc' },
        { column: 'b.id', order: desc ? 'desc' : 'asc' },
      ])
  ).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(bookingSummary),
    nextCursor: rows.length > limit && last ? encodeCursor({ v: new Date(last[column]).toISOString(), id: last.id }) : null,
  };
}

/** One booking with its whole timeline and the stages it may move to, by number; not found when it is not this org's. */
export async function bookingDetail(db: Db, orgId: string, number: string) {
  const row = await bookingsWithParties(db, orgId).where('b.number', number).first();
  if (!row) throw notFound('Booking', { number });
  const events = await db('booking_events').where({ booking_id: row.id }).orderBy('id');
  const quotes = await listQuotes(db, row.id);
  const messages = await db('messages').select('id', 'direction', 'sender_type', 'kind', 'text', 'sent_at', 'delivery_status').where({ booking_id: row.id }).orderBy([{ column: 'sent_at' }, { column: 'id' }]);
  const pipeline = await orgPipeline(db, orgId);
  return {
    ...bookingSummary(row),
    contact: {
      id: row.contact_id as string,
      name: (row.contact_name ?? null) as string | null,
      email: (row.contact_email ?? null) as string | null,
      phone: (row.contact_phone ?? null) as string | null,
      language: (row.contact_language === 'en' ? 'en' : 'th') as 'th' | 'en',
    },
    serviceName: row.service_key ? { th: row.service_name_th as string, en: row.service_name_en as string } : null,
    proposedDate: day(row.proposed_date),
    proposedTime: hhmm(row.proposed_time),
    details: (row.details ?? {}) as Record<string, unknown>,
    notes: ((row.notes as string | null) ?? (typeof row.details?.notes === 'string' ? row.details.notes : null)) || null,
    utm: (row.utm ?? {}) as Record<string, unknown>,
    declineReason: (row.decline_reason ?? null) as string | null,
    lostReason: (row.lost_reason ?? null) as string | null,
    confirmedAt: iso(row.confirmed_at),
    allowedMoves: movesFrom(pipeline, row.stage as string),
    followUp: row.follow_up_clock ? { clock: row.follow_up_clock as 'first_contact' | 'quote', warnAt: iso(row.follow_up_warn_at)!, dueAt: iso(row.follow_up_due_at)! } : null,
    quotes,
    messages: messages.map((m) => ({
      id: String(m.id),
      at: iso(m.sent_at as Date),
      direction: m.direction as 'in' | 'out',
      senderType: m.sender_type as string,
      kind: m.kind as string,
      text: (m.text ?? null) as string | null,
      deliveryStatus: (m.delivery_status ?? null) as string | null,
    })),
    timeline: events.map((e) => ({
      id: String(e.id),
      at: iso(e.created_at as Date),
      type: e.type as string,
      actorType: e.actor_type as string,
      actorId: (e.actor_id ?? null) as string | null,
      data: e.data as Record<string, unknown>,
      public: e.is_public as boolean,
    })),
  };
}

/** The id of a customer's own booking by its number; undefined when it is not theirs. */
export async function customersBookingId(db: Db, a: { orgId: string; contactId: string; number: string }): Promise<string | undefined> {
  const row = await db('bookings').select('id').where({ org_id: a.orgId, number: a.number, contact_id: a.contactId }).first();
  return row?.id;
}

/** Who is looking: an API key's role and, when the key belongs to one, its staff member. */
export interface BookingViewer {
  role: string;
  staffId?: string | null;
}

/**
 * Support sees their own bookings and those nobody has yet (which they may take), not a
 * colleague's: a support key that belongs to a staff member is held to that member (the staff
 * member's id); any other key sees the org's bookings (null). Before, support saw only what was
 * assigned to them, and a new business, whose bookings stay unassigned until someone writes an
 * assignment rule, showed its support staff an empty board.
 */
export function ownOrUnassigned(v: BookingViewer): string | null {
  return v.role === 'support' && v.staffId ? v.staffId : null;
}

/** `ownOrUnassigned` in a query of bookings `b`: the staff member's bookings and those nobody has. */
export const onlyOwnOrUnassigned = (q: Knex.QueryBuilder, staffId: string | null): Knex.QueryBuilder =>
  staffId ? q.where((w) => w.where('b.assignee_staff_id', staffId).orWhereNull('b.assignee_staff_id')) : q;

/** Whether a booking held by `assigneeStaffId` is the viewer's to see. */
export function bookingVisibleTo(v: BookingViewer, assigneeStaffId: string | null): boolean {
  const only = ownOrUnassigned(v);
  return !only || assigneeStaffId === null || assigneeStaffId === only;
}

/** A 404, as for a booking of another org, when the viewer may not see this booking. */
export async function assertBookingVisible(db: Db, orgId: string, number: string, viewer: BookingViewer): Promise<void> {
  if (!ownOrUnassigned(viewer)) return;
  const row = await db('bookings').select('assignee_staff_id').where({ org_id: orgId, number }).first();
  if (!row || !bookingVisibleTo(viewer, row.assignee_staff_id ?? null)) throw notFound('Booking', { number });
}
