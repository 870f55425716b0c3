import type { LiffOrgScope } from '../access/liff-org-scope.ts';
import type { Knex } from 'knex';
import { lineCustomerFor } from '../contacts/line-customers.ts';
import type { BookingForm } from '../contracts/bookings.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { openConversation } from '../conversations/conversation-log.ts';
import { iso } from '../time/iso.ts';
import { onlyOwnOrUnassigned, ownOrUnassigned, type BookingViewer } from './booking-queries.ts';
import { takeLineForm } from './line-form-intake.ts';
import { isBookingStage, stageFlags } from './booking-stage.ts';
import { orgPipeline, stageLabel } from './booking-stage-settings.ts';

/**
 * Bookings as their customer sees them, on the LIFF pages: their own list, and the booking form
 * inside LINE.
 */

/** Day of a `date` column, as the business wrote it (the driver may hand back a Date at local midnight). */
const day = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** A customer's bookings, newest first, with the path of the quote waiting for their answer, if any. */
export async function bookingsOfCustomer(db: Knex, c: { orgId: string; contactId: string; limit?: number }) {
  const rows = await db('bookings as b')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .select('b.id', 'b.number', 'b.stage', 'b.requested_date', 'b.requested_time', 'b.party_size', 'b.details', 'b.created_at', 's.name_th', 's.name_en')
    .where({ 'b.org_id': c.orgId, 'b.contact_id': c.contactId })
    .orderBy('b.created_at', 'desc')
    .limit(c.limit ?? 50);
  const quotes = rows.length
    ? await db('booking_quotes').select('booking_id', 'token').where({ org_id: c.orgId, status: 'sent' }).whereIn('booking_id', rows.map((r) => r.id)).whereNotNull('token')
    : [];
  const quoteOf = new Map(quotes.map((q) => [q.booking_id as string, q.token as string]));
  // A stage the org added ("ชำระมัดจำแล้ว") is read in the org's words, not by its key; read only when one is there.
  const pipeline = rows.some((r) => !isBookingStage(r.stage)) ? await orgPipeline(db, c.orgId) : undefined;
  return rows.map((r) => {
    const flags = stageFlags(r.stage as string);
    const token = quoteOf.get(r.id as string);
    return {
      number: r.number as string,
      service: r.name_th ? { th: r.name_th as string, en: r.name_en as string } : null,
      destination: ((r.details as Record<string, unknown> | null)?.destination ?? null) as string | null,
      stage: r.stage as string,
      stageLabel: pipeline && !isBookingStage(r.stage) ? { th: stageLabel(pipeline, r.stage, 'th'), en: stageLabel(pipeline, r.stage, 'en') } : flags.customerLabel,
      open: flags.isOpen,
      date: day(r.requested_date),
      time: r.requested_time ? String(r.requested_time).slice(0, 5) : null,
      partySize: (r.party_size ?? null) as number | null,
      createdAt: iso(r.created_at as Date),
      quotePath: token ? `/liff/quote/${token}` : null,
    };
  });
}

/** One booking as its customer sees it. */
export type CustomerBooking = Awaited<ReturnType<typeof bookingsOfCustomer>>[number];

/**
 * The booking form sent from inside LINE. The LINE user id is the one LINE vouched for (the form
 * has none): the customer is tied to it first (a newcomer becomes a contact of the Official
 * Account, as their first message would make them), so the intake matches the booking to them,
 * and the booking belongs to their LINE chat, where everything the customer hears about it goes
 * (the answer at once, once, when the booking is new: a replayed submission says nothing again).
 */
export async function bookFromLine(
  knex: Knex,
  b: { lineUserId: string; displayName?: string; idempotencyKey: string; form: BookingForm; ipAddress?: string; now?: Date; scope: LiffOrgScope; orgSlug?: string },
) {
  let chat: { orgId: string; conversationId: string } | undefined;
  return takeLineForm(knex, {
    idempotencyKey: b.idempotencyKey,
    form: b.form,
    verifiedLineUserId: b.lineUserId,
    orgSlug: b.orgSlug,
    ipAddress: b.ipAddress,
    now: b.now,
    // In the booking's transaction, once the form is accepted: a refused form leaves no contact behind.
    chat: async (trx) => {
      const customer = await lineCustomerFor(trx, { lineUserId: b.lineUserId, name: b.displayName, language: b.form.language, scope: b.scope });
      if (!customer) return undefined;
      const conversationId = await openConversation(trx, { orgId: customer.orgId, channelId: customer.channelId, kind: 'direct', externalId: b.lineUserId, contactId: customer.contactId });
      chat = { orgId: customer.orgId, conversationId };
      return conversationId;
    },
    // The confirmation is queued with the booking: both commit, or neither.
    onCreated: async (trx, { bookingId, answer }) => {
      const text = answer.next_step_message;
      if (!chat || !text) return;
      await queueMessages(trx, { orgId: chat.orgId, conversationId: chat.conversationId, messages: [{ kind: 'text', text }], senderType: 'system', bookingId });
    },
  });
}

/**
 * A customer's booking events (made, moved to another stage: confirmed, done...) between two
 * times, oldest first, for the conversation's thread (api/admin/conversation-routes.ts): at most
 * `limit`, the latest. `what` is the service's name, when the booking has one.
 */
export async function bookingEventsOfContact(
  db: Knex | Knex.Transaction,
  orgId: string,
  contactId: string,
  viewer: BookingViewer,
  o: { since?: string | null; until?: string | null; limit: number },
) {
  const rows: Record<string, any>[] = await visibleBookings(db, orgId, contactId, viewer)
    .join('booking_events as e', 'e.booking_id', 'b.id')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .select('e.id', 'e.type', 'e.data', 'e.created_at', 'b.number', 's.name_th', 's.name_en')
    .whereIn('e.type', ['created', 'stage_changed'])
    .modify((q) => (o.since ? q.where('e.created_at', '>=', o.since) : q))
    .modify((q) => (o.until ? q.where('e.created_at', '<', o.until) : q))
    .orderBy('e.id', 'desc')
    .limit(o.limit);
  return rows.reverse().map((e) => ({
    id: `booking-${e.id}`,
    at: iso(e.created_at as Date)!,
    subject: 'booking' as const,
    number: e.number as string,
    type: e.type as string,
    to: (e.data?.to as string | undefined) ?? null,
    what: e.name_th ? { th: e.name_th as string, en: e.name_en as string } : null,
  }));
}

/**
 * A customer's bookings that this viewer may see, by the same rule as the booking list and a
 * booking's own page (`ownOrUnassigned`: support sees their own and those nobody has, not a
 * colleague's). Every staff view of a customer's bookings starts here.
 */
function visibleBookings(db: Knex | Knex.Transaction, orgId: string, contactId: string, viewer: BookingViewer) {
  return onlyOwnOrUnassigned(db('bookings as b').where({ 'b.org_id': orgId, 'b.contact_id': contactId }), ownOrUnassigned(viewer));
}

/**
 * A customer's bookings on their 360 view (api/admin/contact-routes.ts), newest first, and where
 * the first of them came from (its campaign, page and the address the form came from): only the
 * bookings this viewer may see, so a colleague's booking shows neither in the list nor as the
 * attribution.
 */
export async function bookingsOfContactFor(db: Knex | Knex.Transaction, orgId: string, contactId: string, viewer: BookingViewer) {
  const rows: Record<string, any>[] = await visibleBookings(db, orgId, contactId, viewer)
    .leftJoin('services as s', 's.id', 'b.service_id')
    .select('b.id', 'b.number', 'b.stage', 'b.source', 'b.requested_date', 'b.party_size', 'b.details', 'b.utm', 'b.created_at', 's.key as service', 's.name_th as service_th', 's.name_en as service_en')
    .orderBy('b.created_at', 'desc');
  const first = rows.at(-1);
  return {
    bookings: rows.map((b) => ({
      id: b.id as string,
      number: b.number as string,
      stage: b.stage as string,
      source: b.source as string,
      service: (b.service ?? null) as string | null,
      serviceName: b.service ? { th: b.service_th as string, en: b.service_en as string } : null,
      destination: ((b.details ?? {}).destination ?? null) as string | null,
      requestedDate: day(b.requested_date),
      partySize: (b.party_size ?? null) as number | null,
      createdAt: iso(b.created_at as Date),
    })),
    firstBookingAttribution: first
      ? { booking: first.number as string, source: first.source as string, createdAt: iso(first.created_at as Date), utm: (first.utm ?? {}) as Record<string, unknown> }
      : null,
  };
}
