import type { Knex } from 'knex';

/**
 * Stages of the org's own: an org renames, adds, hides and reorders stages and sets the allowed
 * moves (core/bookings/booking-stage-settings.ts). An org that configures nothing has no row and
 * keeps the built-in pipeline. A stage an org adds is a key of its own in bookings.stage, so the
 * CHECK there becomes a check of the key's form; the built-in stages keep their meaning in code.
 */
const BUILT_IN = ['collecting', 'pending_confirmation', 'new', 'contacted', 'quoted', 'proposed', 'confirmed', 'declined', 'lost', 'cancelled', 'completed'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('booking_stage_settings', (t) => {
    t.uuid('org_id').primary().references('orgs.id').onDelete('CASCADE');
    // [{ key, label: { th, en }, hidden, moves: [key] }], in the order staff see them.
    t.jsonb('stages').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE booking_stage_settings ADD CONSTRAINT booking_stage_settings_stages CHECK (jsonb_typeof(stages) = 'array');
    ALTER TABLE bookings DROP CONSTRAINT bookings_stage;
    ALTER TABLE bookings ADD CONSTRAINT bookings_stage CHECK (stage ~ '^[a-z][a-z0-9_]{0,39}$');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE bookings SET stage = 'new' WHERE stage NOT IN (${BUILT_IN.map((s) => `'${s}'`).join(', ')});
    ALTER TABLE bookings DROP CONSTRAINT bookings_stage;
    ALTER TABLE bookings ADD CONSTRAINT bookings_stage CHECK (stage IN (${BUILT_IN.map((s) => `'${s}'`).join(', ')}));
  `);
  await knex.schema.dropTable('booking_stage_settings');
}
