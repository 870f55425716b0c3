import type { Knex } from 'knex';

/**
 * Tenancy, API keys, the transactional outbox, the audit log and the helpers later migrations
 * share: `forbid_change()` makes a table append-only for every role, `touch_updated_at()` keeps
 * `updated_at` honest even for writes made outside the models.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
    END $$;

    CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at = now();
      RETURN NEW;
    END $$;
  `);

  await knex.schema.createTable('orgs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('slug').notNullable().unique();
    t.text('name').notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    t.text('time_zone').notNullable().defaultTo('Asia/Bangkok');
    t.text('default_language').notNullable().defaultTo('th');
    // null: open around the clock; otherwise {"mon": [["09:00","18:00"]], ...} in the org's zone.
    t.jsonb('business_hours');
    // ISO dates ("2026-12-31") on which the business calendar is closed.
    t.jsonb('holidays').notNullable().defaultTo('[]');
    t.jsonb('settings').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    CREATE UNIQUE INDEX orgs_one_default ON orgs (is_default) WHERE is_default;
    ALTER TABLE orgs ADD CONSTRAINT orgs_language CHECK (default_language IN ('th', 'en'));
    CREATE TRIGGER orgs_touch BEFORE UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);

  // Per-org running numbers (C-000123, B-000045): gap-free enough for humans, safe under concurrency.
  await knex.schema.createTable('org_counters', (t) => {
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.bigInteger('value').notNullable().defaultTo(0);
    t.primary(['org_id', 'name']);
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('role').notNullable();
    // Only a SHA-256 of the key is kept; the prefix lets people tell their keys apart.
    t.text('key_hash').notNullable().unique();
    t.text('key_prefix').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['org_id']);
  });
  await knex.raw(`
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role
      CHECK (role IN ('admin', 'manager', 'support', 'ceo', 'integration'));
  `);

  await knex.schema.createTable('outbox', (t) => {
    // The id is the BullMQ job id and, for LINE pushes, the X-Line-Retry-Key: it must be a UUID.
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigIncrements('seq', { primaryKey: false });
    t.uuid('org_id').references('orgs.id').onDelete('CASCADE');
    t.text('queue').notNullable();
    t.text('job_name').notNullable();
    t.jsonb('payload').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('pending');
    // Not before this moment: SLA timers and other delayed work.
    t.timestamp('available_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('enqueued_at', { useTz: true });
    t.timestamp('processed_at', { useTz: true });
    t.timestamp('failed_at', { useTz: true });
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('enqueue_count').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE outbox ADD CONSTRAINT outbox_status
      CHECK (status IN ('pending', 'enqueued', 'done', 'failed'));
    CREATE INDEX outbox_pending ON outbox (seq) WHERE status = 'pending';
    CREATE INDEX outbox_enqueued ON outbox (enqueued_at) WHERE status = 'enqueued';
    CREATE INDEX outbox_failed ON outbox (org_id, failed_at) WHERE status = 'failed';
  `);

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.text('action').notNullable();
    t.text('subject_type');
    t.text('subject_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('request_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at']);
  });
  await knex.raw(`
    ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor
      CHECK (actor_type IN ('api_key', 'staff', 'system', 'customer'));
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('outbox');
  await knex.schema.dropTable('api_keys');
  await knex.schema.dropTable('org_counters');
  await knex.schema.dropTable('orgs');
  await knex.raw('DROP FUNCTION touch_updated_at(); DROP FUNCTION forbid_change();');
}
