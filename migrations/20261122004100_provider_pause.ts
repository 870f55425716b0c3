import type { Knex } from 'knex';

/**
 * Pausing a provider (core/providers/provider-pause.ts): while `paused_at` is set no new case is
 * routed to it (a case's provider cannot be set to it, and its groups are handed no new case).
 *
 * `provider_events` is the provider's timeline, append-only like the case, booking and contact
 * timelines: `paused`, `unpaused` (who, why) and `risk_changed` (the risk level and repeat flag the
 * provider report gives it, recorded when they change: core/providers/provider-risk.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.timestamp('paused_at', { useTz: true });
    t.text('pause_reason');
  });
  await knex.schema.createTable('provider_events', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('provider_id').notNullable().references('providers.id');
    t.text('type').notNullable();
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['provider_id', 'id']);
    t.index(['org_id', 'type', 'created_at']);
  });
  await knex.raw(`
    ALTER TABLE provider_events ADD CONSTRAINT provider_events_type CHECK (type IN ('paused', 'unpaused', 'risk_changed'));
    ALTER TABLE provider_events ADD CONSTRAINT provider_events_actor_type CHECK (actor_type IN ('staff', 'customer', 'system', 'api_key'));
    CREATE TRIGGER provider_events_append_only BEFORE UPDATE OR DELETE ON provider_events
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER provider_events_no_truncate BEFORE TRUNCATE ON provider_events
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('provider_events');
  await knex.schema.alterTable('providers', (t) => {
    t.dropColumn('paused_at');
    t.dropColumn('pause_reason');
  });
}
