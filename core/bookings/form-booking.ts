import type { Knex } from 'knex';
import { contactLockKeys, findOrCreateContact, lockKeys, type ContactDetails } from '../contacts/contact-matching.ts';
import { recordConsent } from '../contacts/consent.ts';
import type { BookingForm } from '../contracts/bookings.ts';
import { createBooking } from './booking-commands.ts';
import type { StoredForm } from './intake-ledger.ts';

/** The fields a form filled in (blank ones are left out of the booking's details). */
export const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== null));

/** What a form asks for, in the booking's words (the website's, LINE's and staff's forms name these fields alike). */
export const askedFor = (f: Pick<BookingForm, 'service' | 'start_date' | 'time' | 'travelers' | 'language'>) => ({
  serviceKey: f.service ?? null,
  date: f.start_date ?? null,
  time: f.time ?? null,
  partySize: f.travelers ?? null,
  language: f.language,
});

/** The customer's locks (contact-matching.ts), so that two forms of one new customer make one contact. */
export const lockCustomer = (trx: Knex.Transaction, orgId: string, f: BookingForm, lineUserId?: string) =>
  lockKeys(trx, contactLockKeys({ orgId, email: f.email, phone: f.phone, lineUserId }));

/** A form's booking (the website's, the one inside LINE): the customer matched (their locks held), the booking written with the form's details and attribution. */
export async function bookForm(
  trx: Knex.Transaction,
  b: {
    orgId: string;
    number: string;
    key: string;
    stored: StoredForm;
    /** The session's seats were taken when the form was stored (the website's form); else they are taken with the booking. */
    seatsHeld: boolean;
    lineUserId?: string;
    conversationId?: string;
    at?: Date;
  },
): Promise<string> {
  const f = b.stored.form;
  const who: ContactDetails = { orgId: b.orgId, name: f.name, email: f.email, phone: f.phone, lineUserId: b.lineUserId, language: f.language };
  const contact = await findOrCreateContact(trx, who, { locked: true });
  const { id } = await createBooking(trx, {
    orgId: b.orgId,
    source: 'web',
    actor: { type: 'customer', id: contact.contactId },
    customer: contact,
    number: b.number,
    at: b.at,
    conversationId: b.conversationId ?? null,
    serviceId: b.stored.serviceId,
    ...askedFor(f),
    details: present({ destination: f.destination, style: f.style, month: f.month, start_date: f.start_date, end_date: f.end_date, duration_days: f.duration_days, budget: f.budget, notes: f.notes }),
    utm: present({ source: f.utm_source, medium: f.utm_medium, campaign: f.utm_campaign, page_url: f.page_url, referrer: f.referrer, ip_address: b.stored.ipAddress }),
    notes: f.notes ?? null,
    idempotencyKey: b.key,
    told: { destination: f.destination ?? null, campaign: f.utm_campaign ?? null },
    // What the form gave that the contact does not hold, for staff to see (never written onto the contact: contact-matching.ts).
    matched: Object.keys(contact.offered).length ? { offered: contact.offered } : {},
    session: b.stored.session && { ...b.stored.session, held: b.seatsHeld },
    // The website's form was answered when it was stored: a slot gone by now is said on the booking, not refused.
    slotHold: b.seatsHeld ? 'if_free' : 'required',
  });
  // The answer to the privacy notice the form showed, recorded with the booking, as of when it was sent.
  if (f.consent) {
    await recordConsent(trx, {
      orgId: b.orgId,
      contactId: contact.contactId,
      noticeVersion: f.consent.version,
      answer: f.consent.answer,
      source: b.lineUserId ? 'booking_form' : 'web_form',
      actor: { type: 'customer', id: contact.contactId },
      at: b.at,
    });
  }
  return id;
}
