import type { Knex } from 'knex';

/**
 * Several businesses on one deployment (issue #43). An org is created by the platform operator
 * and has a life: `active`, `suspended` (its webhooks are answered and nothing is stored: each
 * refused delivery is counted for the operator), `deleting` (exported, its rows removed when
 * `deletion_due_at` comes). Its first admin joins through a one-time invitation (only the hash of
 * its token is kept). An org may have a LINE Login channel of its own: a LIFF ID token issued for
 * it (`aud`) says which org the page belongs to.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE orgs ADD COLUMN status text NOT NULL DEFAULT 'active';
    ALTER TABLE orgs ADD CONSTRAINT orgs_status CHECK (status IN ('active', 'suspended', 'deleting'));
    ALTER TABLE orgs ADD COLUMN suspended_at timestamptz;
    ALTER TABLE orgs ADD COLUMN business_type text;
    ALTER TABLE orgs ADD COLUMN languages jsonb NOT NULL DEFAULT '["th","en"]';
    ALTER TABLE orgs ADD COLUMN refused_deliveries integer NOT NULL DEFAULT 0;
    ALTER TABLE orgs ADD COLUMN deletion_due_at timestamptz;
    ALTER TABLE orgs ADD COLUMN export_file text;
    ALTER TABLE orgs ADD COLUMN line_login_channel_id text;
    ALTER TABLE orgs ADD COLUMN starter_kits jsonb NOT NULL DEFAULT '[]';
    CREATE UNIQUE INDEX orgs_line_login_channel ON orgs (line_login_channel_id) WHERE line_login_channel_id IS NOT NULL;
  `);
  await knex.schema.createTable('org_invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.text('role').notNullable().defaultTo('admin');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('accepted_at', { useTz: true });
    t.uuid('accepted_by_staff_id').references('staff.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('org_invitations');
  await knex.raw(`
    DROP INDEX orgs_line_login_channel;
    ALTER TABLE orgs DROP CONSTRAINT orgs_status;
    ALTER TABLE orgs DROP COLUMN status, DROP COLUMN suspended_at, DROP COLUMN business_type, DROP COLUMN languages,
      DROP COLUMN refused_deliveries, DROP COLUMN deletion_due_at, DROP COLUMN export_file, DROP COLUMN line_login_channel_id,
      DROP COLUMN starter_kits;
  `);
}
