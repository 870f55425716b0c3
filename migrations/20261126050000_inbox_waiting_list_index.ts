import type { Knex } from 'knex';

/**
 * The inbox's Waiting list read in its own order, stopping at a page (docs/benchmarks.md, "The
 * inbox"): the conversations nobody holds and the snoozed ones (whose snooze may have run out), by
 * how long they have waited. Without it the list read every conversation of the org before
 * sorting: at 100,000 conversations over four orgs, 12 to 15 ms in the database, growing with the
 * org's history; with it about 2 ms, however many conversations the org has had. It holds only
 * the conversations a person is asked for, a few per cent of them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX conversations_waiting_list ON conversations (org_id, waiting_since) WHERE inbox_status IN ('waiting', 'snoozed')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX conversations_waiting_list');
}
