import type { Knex } from 'knex';
import { findOrCreateContact } from '../contacts/contact-matching.ts';
import type { StaffBookingRequest } from '../contracts/bookings.ts';
import { DomainError, validationFailed } from '../errors/index.ts';
import { DEFAULT_TIME_ZONE, todayIn } from '../time/org-time.ts';
import { createBooking } from './booking-commands.ts';
import { askedFor, present } from './form-booking.ts';

export interface StaffBookingInput {
  orgId: string;
  form: StaffBookingRequest;
  actor: { type: 'api_key' | 'staff'; id: string };
  now?: Date;
}

/**
 * A booking a staff member records for a customer (a concierge booking for a member, seed 000),
 * or a business's own system sends: the customer is matched like a website form's, the booking
 * enters the pipeline as `new`, and the sales groups get its card.
 */
export async function createStaffBooking(knex: Knex, r: StaffBookingInput): Promise<{ id: string; number: string }> {
  const f = r.form;
  const org = await knex('orgs').select('time_zone').where({ id: r.orgId }).first();
  const today = todayIn(org?.time_zone ?? DEFAULT_TIME_ZONE, r.now);
  if (f.start_date && f.start_date < today) throw validationFailed('The booking is not valid', [{ path: 'start_date', message: `The date is in the past (today is ${today})` }]);
  return knex.transaction(async (trx) => {
    let serviceId: string | null = null;
    if (f.service) {
      const service = await trx('services').select('id').where({ org_id: r.orgId, key: f.service, is_active: true }).first();
      if (!service) throw new DomainError('invalid_reference', 'No bookable service has that key', [{ path: 'service', message: `Unknown service ${f.service}` }]);
      serviceId = service.id;
    }
    // Staff recording a booking vouch for the customer's details: blanks are filled from them.
    const contact = await findOrCreateContact(trx, { orgId: r.orgId, name: f.name, email: f.email, phone: f.phone, language: f.language }, { fill: 'blanks' });
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
      told: { destination: f.destination ?? null },
    });
  });
}
