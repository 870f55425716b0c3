import type { Knex } from 'knex';
import { phoneSearchDigits } from './contact-matching.ts';
import { contactConsent } from './consent.ts';
import { notFound } from '../errors/index.ts';
import { iso } from '../time/iso.ts';

/**
 * A customer as staff look them up: the contact list with search, and one contact's 360 view:
 * who they are on which channel, their language and consent, and the conversation timeline.
 * Read-only. Their bookings (and where the first came from) come from core/bookings
 * (`bookingsOfContactFor`, which shows each viewer only the bookings they may see) and their cases
 * from core/cases (`casesOfContact`); the API adds both to this view: both modules import this
 * folder.
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
  const messages = await db('messages as m')
    .join('conversations as cv', 'cv.id', 'm.conversation_id')
    .join('channels as ch', 'ch.id', 'cv.channel_id')
    .select('m.id', 'm.direction', 'm.sender_type', 'm.kind', 'm.text', 'm.sent_at', 'm.delivery_status', 'm.case_id', 'm.booking_id', 'ch.kind as channel')
    .where('cv.contact_id', contactId)
    .orderBy([{ column: 'm.sent_at', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .limit(o.messages ?? 100);
  return {
    ...contactSummary(c),
    consent: await contactConsent(db, orgId, contactId),
    identities: identities.map((i) => ({
      channel: i.kind as string,
      channelName: (i.channel_name ?? null) as string | null,
      externalId: i.external_id as string,
      displayName: ((i.profile ?? {}).displayName ?? null) as string | null,
      following: Boolean(i.is_following),
      since: iso(i.created_at as Date),
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
  };
}
