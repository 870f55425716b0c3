import type { Knex } from 'knex';

/** Pending rows by due time: what a relay that holds delayed rows until due (embedded mode) reads. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX outbox_pending_due ON outbox (available_at) WHERE status = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX outbox_pending_due');
}
