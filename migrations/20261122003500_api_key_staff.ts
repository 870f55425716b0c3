import type { Knex } from 'knex';

/**
 * An API key may belong to a staff member (core/api-keys): a support key of a staff member then
 * sees and changes only the bookings assigned to that member (docs/bookings.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.uuid('staff_id').references('staff.id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.dropColumn('staff_id');
  });
}
