import type { Knex } from 'knex';

/**
 * Who gets a new booking and how soon someone must act on it: the org's assignment rules (by
 * service or destination and language, among named staff or everyone, round robin or the least
 * loaded), the follow-up targets (first contact, quote) on the business calendar, and each
 * booking's running follow-up clock. A warning and a miss are recorded once per booking, clock and
 * due time (a unique index decides when workers race).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('booking_assignment_rules', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('name').notNullable();
    // The first active rule in this order that matches a booking picks its assignee.
    t.integer('position').notNullable().defaultTo(0);
    t.boolean('is_active').notNullable().defaultTo(true);
    // Empty: any. Services by key; destinations as words found in what the customer wrote.
    t.specificType('services', 'text[]').notNullable().defaultTo('{}');
    t.specificType('destinations', 'text[]').notNullable().defaultTo('{}');
    t.specificType('languages', 'text[]').notNullable().defaultTo('{}');
    // Who may get the bookings; empty: every active support, manager and admin.
    t.specificType('staff_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.text('strategy').notNullable().defaultTo('round_robin');
    t.uuid('last_assigned_staff_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'position']);
  });
  await knex.raw(`
    ALTER TABLE booking_assignment_rules ADD CONSTRAINT booking_assignment_rules_strategy CHECK (strategy IN ('round_robin', 'least_loaded'));
    CREATE TRIGGER booking_assignment_rules_touch BEFORE UPDATE ON booking_assignment_rules FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);

  await knex.schema.createTable('booking_follow_up_targets', (t) => {
    t.uuid('org_id').primary().references('orgs.id').onDelete('CASCADE');
    // Business minutes on the org's calendar, from the booking's arrival / from first contact.
    t.integer('first_contact_minutes').notNullable().defaultTo(120);
    t.integer('quote_minutes').notNullable().defaultTo(1440);
    t.decimal('warn_at_ratio', 4, 3).notNullable().defaultTo(0.75);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE booking_follow_up_targets ADD CONSTRAINT booking_follow_up_targets_numbers
      CHECK (first_contact_minutes > 0 AND quote_minutes > 0 AND warn_at_ratio > 0 AND warn_at_ratio < 1);
  `);

  await knex.schema.alterTable('bookings', (t) => {
    // The clock running now: first_contact (stage new) or quote (stage contacted); null: none.
    t.text('follow_up_clock');
    t.timestamp('follow_up_warn_at', { useTz: true });
    t.timestamp('follow_up_due_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE bookings ADD CONSTRAINT bookings_follow_up_clock CHECK (follow_up_clock IS NULL OR follow_up_clock IN ('first_contact', 'quote'));
    CREATE INDEX bookings_follow_up_due ON bookings (follow_up_due_at) WHERE follow_up_clock IS NOT NULL;
    CREATE INDEX bookings_follow_up_warn ON bookings (follow_up_warn_at) WHERE follow_up_clock IS NOT NULL;
    CREATE UNIQUE INDEX booking_events_follow_up_once ON booking_events (booking_id, type, (data->>'clock'), (data->>'dueAt'))
      WHERE type IN ('follow_up_warning', 'follow_up_missed');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS booking_events_follow_up_once;
    DROP INDEX IF EXISTS bookings_follow_up_due;
    DROP INDEX IF EXISTS bookings_follow_up_warn;
    ALTER TABLE bookings DROP CONSTRAINT bookings_follow_up_clock;
  `);
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumn('follow_up_clock');
    t.dropColumn('follow_up_warn_at');
    t.dropColumn('follow_up_due_at');
  });
  await knex.schema.dropTable('booking_follow_up_targets');
  await knex.schema.dropTable('booking_assignment_rules');
}
