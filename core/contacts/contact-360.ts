import type { Knex } from 'knex';
import { phoneSearchDigits } from './contact-matching.ts';
import { notFound } from '../errors/index.ts';
import { iso } from '../time/iso.ts';

/**
 * A customer as staff look them up: the contact list with search, and one contact's 360 view:
 * who they are on which channel, their language and consent, their bookings, the conversation
 * timeline, and where their first booking came from. Read-only; bookings are read here in their
 * own table's shape without importing their module (it imports this folder's contact matching).
 * Their cases come from core/cases (`casesOfContact`), which the API adds to this view: core/cases
 * imports this folder too.
 */
type Db = Knex | Knex.Transaction;

const like = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function contactSummary(r: Record<string, any>) {
  return {
    id: r.id as string,
    name: (r.display_name ?? null) as string | null,
    email: (r.email ?? null) as string | null,
    phone: (r.phone ?? null) as string | null,
    language: (r.language === 'en' ? 'en' : 'th') as 'th' | 'en',
    isVip: r.is_vip as boolean,
    externalRef: (r.external_ref ?? null) as string | null,
    createdAt: iso(r.created_at as Date),
  };
}

/**
 * The org's contacts, newest first; `search` finds a name, an e-mail, the digits of a phone, a
 * LINE user id or WhatsApp number, or the business's own customer reference.
 */
export async function searchContacts(db: Db, orgId: string, o: { search?: string; limit?: number } = {}) {
  const q = db('contacts as c').select('c.*').where('c.org_id', orgId);
  const s = o.search?.trim();
  if (s) {
    const digits = phoneSearchDigits(s);
    q.where((w) => {
      w.whereILike('c.display_name', like(s))
        .orWhereILike('c.email', like(s))
        .orWhere('c.external_ref', s)
        .orWhereExists(db('contact_identities as ci').whereRaw('ci.contact_id = c.id').andWhere((i) => i.where('ci.external_id', s).orWhereILike('ci.external_id', like(s))));
      if (digits.length >= 4) w.orWhereRaw(`regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g') LIKE ?`, [`%${digits}%`]);
    });
  }
  const rows = await q.orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }]).limit(o.limit ?? 50);
  return rows.map(contactSummary);
}

/** One contact, everything the desk knows of them but their cases; not found when it is not this org's. */
export async function contact360(db: Db, orgId: string, contactId: string, o: { messages?: number } = {}) {
  const c = await db('contacts').where({ id: contactId, org_id: orgId }).first();
  if (!c) throw notFound('Contact', { id: contactId });
  const identities = await db('contact_identities as ci')
    .join('channels as ch', 'ch.id', 'ci.channel_id')
    .select('ci.external_id', 'ci.profile', 'ci.created_at', 'ci.is_following', 'ch.kind', 'ch.name as channel_name')
    .where('ci.contact_id', contactId)
    .orderBy('ci.created_at');
  const bookings = await db('bookings as b')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .select('b.id', 'b.number', 'b.stage', 'b.source', 'b.requested_date', 'b.party_size', 'b.details', 'b.utm', 'b.created_at', 's.key as service', 's.name_th as service_th', 's.name_en as service_en')
    .where({ 'b.contact_id': contactId, 'b.org_id': orgId })
    .orderBy('b.created_at', 'desc');
  const messages = await db('messages as m')
    .join('conversations as cv', 'cv.id', 'm.conversation_id')
    .join('channels as ch', 'ch.id', 'cv.channel_id')
    .select('m.id', 'm.direction', 'm.sender_type', 'm.kind', 'm.text', 'm.sent_at', 'm.delivery_status', 'm.case_id', 'm.booking_id', 'ch.kind as channel')
    .where('cv.contact_id', contactId)
    .orderBy([{ column: 'm.sent_at', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .limit(o.messages ?? 100);
  const first = bookings.at(-1);
  const attributes = (c.attributes ?? {}) as Record<string, unknown>;
  return {
    ...contactSummary(c),
    consent: (attributes.consent ?? null) as Record<string, unknown> | null,
    identities: identities.map((i) => ({
      channel: i.kind as string,
      channelName: (i.channel_name ?? null) as string | null,
      externalId: i.external_id as string,
      displayName: ((i.profile ?? {}).displayName ?? null) as string | null,
      following: Boolean(i.is_following),
      since: iso(i.created_at as Date),
    })),
    bookings: bookings.map((b) => ({
      id: b.id as string,
      number: b.number as string,
      stage: b.stage as string,
      source: b.source as string,
      service: (b.service ?? null) as string | null,
      serviceName: b.service ? { th: b.service_th as string, en: b.service_en as string } : null,
      destination: ((b.details ?? {}).destination ?? null) as string | null,
      requestedDate: b.requested_date ? (b.requested_date instanceof Date ? b.requested_date.toISOString().slice(0, 10) : String(b.requested_date).slice(0, 10)) : null,
      partySize: (b.party_size ?? null) as number | null,
      createdAt: iso(b.created_at as Date),
    })),
    messages: messages.map((m) => ({
      id: String(m.id),
      at: iso(m.sent_at as Date),
      channel: m.channel as string,
      direction: m.direction as 'in' | 'out',
      senderType: m.sender_type as string,
      kind: m.kind as string,
      text: (m.text ?? null) as string | null,
      deliveryStatus: (m.delivery_status ?? null) as string | null,
      caseId: (m.case_id ?? null) as string | null,
      bookingId: (m.booking_id ?? null) as string | null,
    })),
    firstBookingAttribution: first
      ? { booking: first.number as string, source: first.source as string, createdAt: iso(first.created_at as Date), utm: (first.utm ?? {}) as Record<string, unknown> }
      : null,
  };
}
