import type { Knex } from 'knex';
import { findOrCreateContact } from '../contacts/contact-matching.ts';
import type { StaffBookingRequest } from '../contracts/bookings.ts';
import { DomainError, forbidden, validationFailed } from '../errors/index.ts';
import { DEFAULT_TIME_ZONE, todayIn } from '../time/org-time.ts';
import type { Language, StaffRole } from '../vocabulary.ts';
import { canStaff } from '../access/roles.ts';
import { createBooking } from './booking-commands.ts';
import { askedFor, present } from './form-booking.ts';
import { allowOverbook, sessionAsked } from './session-seats.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

export interface StaffBookingInput {
  orgId: string;
  form: StaffBookingRequest;
  actor: { type: 'api_key' | 'staff'; id: string };
  /** The customer when the caller knows them already (a member found by number); else matched by the form. */
  contactId?: string;
  now?: Date;
}

/**
 * A booking a staff member records for a customer (a concierge booking for a member, seed 000),
 * or a business's own system sends: the customer is matched like a website form's, the booking
 * enters the pipeline as `new`, and the sales groups get its card.
 */
export async function createStaffBooking(knex: Knex, r: StaffBookingInput): Promise<{ id: string; number: string }> {
  // A session fixes the service, the date and the time, and its seats are taken with the booking;
  // a service booked by its sessions needs one.
  const session = await sessionAsked(knex, r.orgId, r.form, { now: r.now });
  const f = session ? { ...r.form, service: session.serviceKey, start_date: session.date, time: session.time } : r.form;
  await refusePastDate(knex, r.orgId, f.start_date, r.now);
  return knex.transaction(async (trx) => {
    const serviceId = await serviceIdOf(trx, r.orgId, f.service);
    // Staff recording a booking vouch for the customer's details: blanks are filled from them.
    const contact = r.contactId ? { contactId: r.contactId } : await findOrCreateContact(trx, { orgId: r.orgId, name: f.name!, email: f.email, phone: f.phone, language: f.language }, { fill: 'blanks' });
    return createBooking(trx, {
      orgId: r.orgId,
      source: f.source,
      actor: r.actor,
      customer: contact,
      at: r.now,
      serviceId,
      ...askedFor(f),
      details: present({ destination: f.destination, notes: f.notes }),
      notes: f.notes ?? null,
      // A member's way of paying is taken in this transaction by core/members (booking-credits.ts).
      told: { destination: f.destination ?? null, ...(f.pay_with ? { payWith: f.pay_with } : {}) },
      session: session && { id: session.sessionId, seats: session.seats },
    });
  });
}

/** A day before today, in the business's zone, is refused (422 on `start_date`). */
async function refusePastDate(db: Knex | Knex.Transaction, orgId: string, date: string | undefined, now?: Date) {
  if (!date) return;
  const org = await orgSettingsRow(db, orgId);
  const today = todayIn(org?.time_zone ?? DEFAULT_TIME_ZONE, now);
  if (date < today) throw validationFailed('The booking is not valid', [{ path: 'start_date', message: `The date is in the past (today is ${today})` }]);
}

/** A bookable service in use, by key; none named is null, an unknown one refused. */
async function serviceIdOf(trx: Knex.Transaction, orgId: string, key: string | undefined): Promise<string | null> {
  if (!key) return null;
  const service = await trx('services').select('id').where({ org_id: orgId, key, is_active: true }).first();
  if (!service) throw new DomainError('invalid_reference', 'No bookable service has that key', [{ path: 'service', message: `Unknown service ${key}` }]);
  return service.id;
}

/**
 * A booking a staff member opens for the customer they are talking to (the desk's conversation):
 * the conversation's contact, linked to the conversation, in the customer's language; it enters
 * the pipeline as `new` and the sales groups get its card, as any other. A service booked by its
 * sessions or in slots follows the customer's rules: a session of it (seats taken in this
 * transaction, `session_full` when too few) or a free slot; a manager may overbook a full session
 * with a reason, as on the day sheet (session-desk.ts), on the timeline and in the audit log.
 */
export async function bookForContact(
  trx: Knex.Transaction,
  r: {
    orgId: string; contactId: string; conversationId: string; language: Language; staff: { staffId: string; role: StaffRole };
    service?: string; session_id?: string; start_date?: string; time?: string; travelers?: number; notes?: string; overbook_reason?: string; requestId?: string; now?: Date;
  },
): Promise<{ id: string; number: string }> {
  if (!canStaff(r.staff.role, 'booking.open')) throw forbidden(`The role ${r.staff.role} cannot open a booking`, { reason: 'role_forbids', action: 'booking.open', role: r.staff.role });
  if (r.overbook_reason) allowOverbook(r.staff.role);
  const session = await sessionAsked(trx, r.orgId, r, { now: r.now, overbook: Boolean(r.overbook_reason) });
  const f = session ? { ...r, service: session.serviceKey, start_date: session.date, time: session.time } : r;
  await refusePastDate(trx, r.orgId, f.start_date, r.now);
  const overbook = session?.overbook ? { reason: r.overbook_reason! } : undefined;
  const booked = await createBooking(trx, {
    orgId: r.orgId,
    source: 'staff',
    actor: { type: 'staff', id: r.staff.staffId },
    customer: { contactId: r.contactId },
    conversationId: r.conversationId,
    at: r.now,
    serviceId: await serviceIdOf(trx, r.orgId, f.service),
    ...askedFor({ ...f, language: r.language }),
    details: present({ notes: r.notes }),
    notes: r.notes ?? null,
    told: overbook ? { overbooked: overbook } : undefined,
    session: session && { id: session.sessionId, seats: session.seats, overbook: Boolean(overbook) },
  });
  if (booked.overbooked) {
    await recordAudit(trx, { orgId: r.orgId, actorType: 'staff', actorId: r.staff.staffId, action: 'session.overbooked', subjectType: 'session', subjectId: session!.sessionId, details: { booking: booked.number, seats: session!.seats, reason: overbook!.reason }, requestId: r.requestId });
  }
  return { id: booked.id, number: booked.number };
}
