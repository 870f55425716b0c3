import type { Knex } from 'knex';

/**
 * Services booked in slots with parallel resources (docs/bookings.md, "Slots"): a spa with three
 * therapists takes three massages at any one time. `service_slot_rules` says how many resources and
 * the grid of start times; `service_slot_usage` is a locked counter per grid cell (a booking of 90
 * minutes on a 30-minute grid takes three cells), changed only by one conditional statement per cell
 * in the booking's own transaction, with the CHECK as the database's last word. Written only by
 * core/bookings/service-slots.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('service_slot_rules', (t) => {
    t.uuid('service_id').primary().references('services.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.integer('resources').notNullable();
    t.integer('step_minutes').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('service_slot_usage', (t) => {
    t.uuid('service_id').notNullable().references('services.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.integer('capacity').notNullable();
    t.integer('taken').notNullable();
    t.primary(['service_id', 'starts_at']);
  });
  await knex.schema.alterTable('bookings', (t) => {
    t.timestamp('slot_starts_at', { useTz: true });
    t.timestamp('slot_ends_at', { useTz: true });
    // Resources the booking holds over its slot; 0 once given back.
    t.integer('slot_units');
  });
  await knex.raw(`
    ALTER TABLE service_slot_rules ADD CONSTRAINT service_slot_rules_sizes CHECK (resources > 0 AND step_minutes IN (5, 10, 15, 20, 30, 60));
    ALTER TABLE service_slot_usage ADD CONSTRAINT service_slot_usage_taken CHECK (capacity > 0 AND taken >= 0 AND taken <= capacity);
    ALTER TABLE bookings ADD CONSTRAINT bookings_slot CHECK ((slot_starts_at IS NULL) = (slot_units IS NULL) AND (slot_units IS NULL OR slot_units >= 0));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE bookings DROP CONSTRAINT bookings_slot');
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumn('slot_starts_at');
    t.dropColumn('slot_ends_at');
    t.dropColumn('slot_units');
  });
  await knex.schema.dropTable('service_slot_usage');
  await knex.schema.dropTable('service_slot_rules');
}
