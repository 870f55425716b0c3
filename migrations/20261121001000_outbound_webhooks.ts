import type { Knex } from 'knex';

/**
 * Signed outbound webhooks: where an org wants to hear about its cases (`webhook_endpoints`, the
 * signing secret sealed with the app's SecretBox) and one row per event per endpoint
 * (`webhook_deliveries`, the delivery log: attempts, the last answer, when it was delivered).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('url').notNullable();
    // SecretBox form (v1.<iv>.<tag>.<ciphertext>); shown in plain once, when created.
    t.text('secret_sealed').notNullable();
    t.specificType('events', 'text[]').notNullable();
    t.text('description');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamp('deactivated_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id']);
  });
  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('endpoint_id').notNullable().references('webhook_endpoints.id').onDelete('CASCADE');
    t.text('event_type').notNullable();
    // The same for every attempt and every endpoint of one event: receivers de-duplicate on it.
    t.uuid('event_id').notNullable();
    t.uuid('case_id').references('cases.id').onDelete('SET NULL');
    t.jsonb('payload').notNullable();
    // pending (not yet delivered, retries may follow), delivered, failed, cancelled (endpoint deactivated).
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempt_count').notNullable().defaultTo(0);
    t.integer('last_status_code');
    t.text('last_error');
    t.timestamp('last_attempt_at', { useTz: true });
    t.timestamp('delivered_at', { useTz: true });
    // The outbox row (and BullMQ job id) that carries it; no foreign key: done rows are pruned.
    t.uuid('outbox_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['endpoint_id', 'event_id']);
    t.index(['endpoint_id', 'created_at']);
  });
  await knex.raw(`
    ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check
      CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled'));
    ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_attempts_check CHECK (attempt_count >= 0);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('webhook_deliveries');
  await knex.schema.dropTableIfExists('webhook_endpoints');
}
