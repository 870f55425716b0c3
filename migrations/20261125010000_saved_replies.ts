import type { Knex } from 'knex';

/**
 * Saved replies (docs/inbox.md): texts staff send to a customer with a shortcut instead of typing
 * them, in Thai and English, with the same `{{variables}}` as the org's templates. Written only by
 * core/conversations/saved-replies.ts. Deleting one ends it (`is_active = false`) rather than
 * removing the row, so the audit log's record of who wrote what keeps its subject; its shortcut
 * may then be used again, hence the uniqueness among active ones only.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saved_replies', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('key').notNullable();
    t.text('title').notNullable();
    t.text('body_th').notNullable();
    t.text('body_en').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.text('created_by_type').notNullable();
    t.text('created_by_id').notNullable();
    t.text('updated_by_type').notNullable();
    t.text('updated_by_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    CREATE UNIQUE INDEX saved_replies_active_key ON saved_replies (org_id, key) WHERE is_active;
    ALTER TABLE saved_replies ADD CONSTRAINT saved_replies_actor_types
      CHECK (created_by_type IN ('api_key', 'staff') AND updated_by_type IN ('api_key', 'staff'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('saved_replies');
}
