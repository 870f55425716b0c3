import type { Knex } from 'knex';

/**
 * What a booking costs the business, where it is known (docs/money.md, margin per booking): on the
 * service, per person like its price, or on the booking itself, which wins. Integer minor units in
 * the booking's currency; none: the margin is not shown.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE services ADD COLUMN cost_minor bigint CHECK (cost_minor IS NULL OR cost_minor >= 0);
    ALTER TABLE bookings ADD COLUMN cost_minor bigint CHECK (cost_minor IS NULL OR cost_minor >= 0);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE services DROP COLUMN cost_minor; ALTER TABLE bookings DROP COLUMN cost_minor;');
}
