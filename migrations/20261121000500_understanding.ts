import type { Knex } from 'knex';

/**
 * Message understanding: the FAQ a business answers from, and every classifier decision with its
 * provider, model, latency and confidence (DESIGN.md decision 9).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('faq_entries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('key').notNullable();
    t.text('question_th');
    t.text('question_en');
    t.text('answer_th').notNullable();
    t.text('answer_en').notNullable();
    t.specificType('keywords', 'text[]').notNullable().defaultTo('{}');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'key']);
  });
  await knex.raw(`
    ALTER TABLE faq_entries ADD CONSTRAINT faq_entries_has_question CHECK (question_th IS NOT NULL OR question_en IS NOT NULL);
    CREATE TRIGGER faq_entries_touch BEFORE UPDATE ON faq_entries FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);

  await knex.schema.createTable('classifications', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('message_id').references('messages.id').onDelete('SET NULL');
    t.text('provider').notNullable();
    t.text('model').notNullable();
    t.integer('latency_ms').notNullable();
    t.text('kind').notNullable();
    t.text('case_type');
    t.text('booking_type');
    t.decimal('confidence', 4, 3).notNullable();
    t.text('language').notNullable();
    t.jsonb('result').notNullable();
    // Why the LLM's answer was not used (timeout, 429, invalid JSON, unknown key...).
    t.text('fallback_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at']);
    t.index(['message_id']);
  });

  // Set when the router has acted on a customer's message: a retried job does not act twice.
  await knex.schema.alterTable('messages', (t) => {
    t.timestamp('routed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('routed_at');
  });
  await knex.schema.dropTable('classifications');
  await knex.schema.dropTable('faq_entries');
}
