import type { Knex } from 'knex';

/**
 * A staff member's working hours: weekly shifts in the org's time zone, shaped like the org's
 * business hours (`{ "mon": [["09:00","18:00"]], ... }`). Booking assignment rules pick among
 * whoever is on shift (core/bookings/booking-assignment.ts). Null: always available, as every
 * staff member was before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => {
    t.jsonb('working_hours');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => {
    t.dropColumn('working_hours');
  });
}
