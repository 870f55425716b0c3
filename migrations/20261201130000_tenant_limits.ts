import type { Knex } from 'knex';

/**
 * Limits per business and the shared LINE door (#43, docs/tenants.md):
 * - `classifications.llm_tokens`: the tokens the LLM provider reported for a reading (null: the
 *   LLM was not asked or did not say). The day's sum per org is the LLM budget's measure.
 * - `unknown_line_destinations`: deliveries to the shared `/webhooks/line` naming a bot no channel
 *   here has, counted for the operator (nothing of them is stored). Written only by
 *   core/channels/unknown-destinations.ts; a bounded number of rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('classifications', (t) => {
    t.integer('llm_tokens');
  });
  await knex.schema.createTable('unknown_line_destinations', (t) => {
    t.text('destination').primary();
    t.bigInteger('deliveries').notNullable().defaultTo(0);
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('unknown_line_destinations');
  await knex.schema.alterTable('classifications', (t) => {
    t.dropColumn('llm_tokens');
  });
}
