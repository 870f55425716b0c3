import type { Knex } from 'knex';

/**
 * What a bookable service asks on the booking form, and when it is open
 * (core/bookings/service-hours.ts, core/contracts/booking-form.ts).
 *
 * - `form_fields`: the form's fields for this service, in order, each required or not
 *   (`[{"field": "time", "required": true}, ...]`); null: the form derives them from the service
 *   (a date, a time for a service of less than a day, the number of people when places are limited).
 * - `hours`: the service's opening hours, shaped like `orgs.business_hours`
 *   (`{"mon": [["09:00","18:00"]], ...}`); null: the org's business hours. The org's holidays close
 *   its services too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('services', (t) => {
    t.jsonb('form_fields');
    t.jsonb('hours');
  });
  await knex.raw(`
    ALTER TABLE services ADD CONSTRAINT services_form_fields_shape CHECK (form_fields IS NULL OR jsonb_typeof(form_fields) = 'array');
    ALTER TABLE services ADD CONSTRAINT services_hours_shape CHECK (hours IS NULL OR jsonb_typeof(hours) = 'object');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('services', (t) => {
    t.dropColumn('form_fields');
    t.dropColumn('hours');
  });
}
