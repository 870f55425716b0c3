import type { Knex } from 'knex';

/**
 * Staff actions from LINE: each signed action token (core/staff/action-tokens.ts) carries a nonce
 * that is spent once; the unique key here is what refuses a replay. `expires_at` (the token's)
 * lets old rows be pruned: an expired token is refused before its nonce is looked at.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_action_nonces', (t) => {
    t.text('nonce').primary();
    t.uuid('org_id').references('orgs.id').onDelete('CASCADE');
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('used_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_action_nonces');
}
