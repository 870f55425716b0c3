import type { Knex } from 'knex';

/**
 * The ledger of booking forms by their `Idempotency-Key` (core/bookings/booking-intake.ts). A
 * website form is answered once its row is stored, and a worker makes the booking from it: the
 * row is the durable queue of forms not yet booked (`booked_at` null, a partial index), and keeps
 * for ever what a resubmission is answered from (the body's hash and the first answer). The form
 * inside LINE writes its row already booked, in the booking's transaction. The hash and answer
 * move here from `bookings`, so that there is one place a key is looked up.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('booking_intakes', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id');
    t.text('idempotency_key').notNullable();
    // SHA-256 of the form as the contract parsed it: the same key with another body is refused.
    t.text('form_hash').notNullable();
    // The booking number the customer was given, reserved when the form was stored.
    t.text('number').notNullable();
    // The answer the first submission got, returned to every resubmission.
    t.jsonb('answer').notNullable();
    // The form itself, until it is booked (the booking holds it from then on).
    t.jsonb('form');
    t.uuid('booking_id').references('bookings.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('booked_at', { useTz: true });
    t.unique(['org_id', 'idempotency_key']);
  });
  await knex.raw(`CREATE INDEX booking_intakes_waiting ON booking_intakes (id) WHERE booked_at IS NULL`);
  await knex.raw(`CREATE INDEX booking_intakes_waiting_number ON booking_intakes (org_id, number) WHERE booked_at IS NULL`);
  await knex.raw(`CREATE INDEX booking_intakes_booking ON booking_intakes (booking_id)`);
  await knex.raw(
    `INSERT INTO booking_intakes (org_id, idempotency_key, form_hash, number, answer, booking_id, created_at, booked_at)
     SELECT org_id, idempotency_key, idempotency_hash, number, coalesce(intake_response, '{}'::jsonb), id, created_at, created_at
       FROM bookings WHERE idempotency_key IS NOT NULL AND idempotency_hash IS NOT NULL`,
  );
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumn('idempotency_hash');
    t.dropColumn('intake_response');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('bookings', (t) => {
    t.text('idempotency_hash');
    t.jsonb('intake_response');
  });
  await knex.raw(
    `UPDATE bookings b SET idempotency_hash = i.form_hash, intake_response = i.answer FROM booking_intakes i WHERE i.booking_id = b.id`,
  );
  await knex.schema.dropTable('booking_intakes');
}
