import type { Knex } from 'knex';

/**
 * The relay's recovery path (workers/outbox-relay.ts):
 * - `outbox_enqueued_due`: enqueued rows by due time, so the sweep pages through rows that should
 *   have run by now and never reads the delayed SLA timers that wait for hours or days;
 * - `queue_store_marks`: the identity of the queue store the relays last saw (Redis' run id), so a
 *   restart of the store, even while no worker ran, is noticed and swept at once;
 * - `inbound_events.reply_token_claimed_by`: the outbox row (send job) that claimed the reply token,
 *   and `messages.outcome_unknown_at`: a LINE reply whose outcome cannot be known after a crash is
 *   marked, not sent again (docs/channels.md, "A reply and a crash").
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX outbox_enqueued_due ON outbox (available_at, id) WHERE status = 'enqueued'`);
  await knex.schema.createTable('queue_store_marks', (t) => {
    t.text('name').primary();
    t.text('identity').notNullable();
    t.timestamp('seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('messages', (t) => {
    t.timestamp('outcome_unknown_at', { useTz: true });
  });
  await knex.schema.alterTable('inbound_events', (t) => {
    t.uuid('reply_token_claimed_by');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound_events', (t) => t.dropColumn('reply_token_claimed_by'));
  await knex.schema.alterTable('messages', (t) => t.dropColumn('outcome_unknown_at'));
  await knex.schema.dropTable('queue_store_marks');
  await knex.raw('DROP INDEX outbox_enqueued_due');
}
