import type { Knex } from 'knex';

/**
 * Merges on the contact's own timeline, reversible by an admin (core/contacts/merge-contacts.ts).
 *
 * `contact_events` is the contact's timeline: append-only like case_events and booking_events,
 * and it never holds personal data (ids, counts, how a match was made), so an erasure has nothing
 * to redact in it. `contact_merges` keeps what an undo needs: the merged contact as it was, which
 * of the kept contact's details the merge filled in, and the ids of the rows each owner moved. It
 * is personal data and is redacted by an erasure.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contact_merges', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    // manual: POST /contacts/:id/merge; intake: a form matched to a known contact.
    t.text('kind').notNullable();
    t.uuid('keep_id').notNullable();
    // The contact merged away (deleted by a manual merge, never created by an intake match); an undo brings it back under this id.
    t.uuid('merged_id').notNullable();
    t.text('matched_by');
    t.jsonb('merged_contact').notNullable().defaultTo('{}');
    t.jsonb('keep_before').notNullable().defaultTo('{}');
    t.jsonb('moved').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('undone_at', { useTz: true });
    t.text('undone_by_type');
    t.text('undone_by_id');
    t.index(['org_id', 'keep_id']);
  });
  await knex.schema.createTable('contact_events', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    // No foreign key: a contact merged away is deleted, and its timeline stays.
    t.uuid('contact_id').notNullable();
    t.text('type').notNullable();
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['contact_id', 'id']);
  });
  await knex.raw(`
    ALTER TABLE contact_merges ADD CONSTRAINT contact_merges_kind CHECK (kind IN ('manual', 'intake'));
    ALTER TABLE contact_events ADD CONSTRAINT contact_events_type CHECK (type IN ('merged', 'merged_into', 'matched', 'merge_undone', 'erased'));
    ALTER TABLE contact_events ADD CONSTRAINT contact_events_actor_type CHECK (actor_type IN ('staff', 'customer', 'system', 'api_key'));
    CREATE TRIGGER contact_events_append_only BEFORE UPDATE OR DELETE ON contact_events
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER contact_events_no_truncate BEFORE TRUNCATE ON contact_events
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contact_events');
  await knex.schema.dropTable('contact_merges');
}
