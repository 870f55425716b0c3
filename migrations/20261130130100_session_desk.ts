import type { Knex } from 'knex';

/**
 * The desk's day of sessions (docs/bookings.md, "The day at the desk"): who came (`attendance` on
 * the booking, recorded on its timeline too), and a manager's overbooking: seats beyond the
 * capacity, counted apart in `overbooked` so that the CHECK still bounds `seats_taken` and no
 * booking from the doors ever takes them (they check the capacity alone).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('bookings', (t) => {
    t.text('attendance');
    t.timestamp('attendance_at', { useTz: true });
  });
  await knex.schema.alterTable('service_sessions', (t) => {
    t.integer('overbooked').notNullable().defaultTo(0);
  });
  await knex.raw(`
    ALTER TABLE bookings ADD CONSTRAINT bookings_attendance CHECK (attendance IN ('attended', 'no_show'));
    ALTER TABLE service_sessions DROP CONSTRAINT service_sessions_seats;
    ALTER TABLE service_sessions ADD CONSTRAINT service_sessions_seats CHECK (capacity > 0 AND overbooked >= 0 AND seats_taken >= 0 AND seats_taken <= capacity + overbooked);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_sessions DROP CONSTRAINT service_sessions_seats;
    ALTER TABLE service_sessions ADD CONSTRAINT service_sessions_seats CHECK (capacity > 0 AND seats_taken >= 0 AND seats_taken <= capacity);
    ALTER TABLE bookings DROP CONSTRAINT bookings_attendance;
  `);
  await knex.schema.alterTable('service_sessions', (t) => t.dropColumn('overbooked'));
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumn('attendance');
    t.dropColumn('attendance_at');
  });
}
