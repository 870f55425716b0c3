import type { Knex } from 'knex';

/**
 * PDPA consent (docs/privacy.md). `privacy_notices` holds each version of an org's privacy
 * notice, in Thai and English: a new text is a new version, and no version is ever changed or
 * removed, so that a recorded answer always points to the text it answered.
 *
 * `contact_consents` is a customer's answers, append-only: the current answer is the latest. The
 * one change allowed is a merge moving a record to the contact kept (and its undo moving it back):
 * only `contact_id` may change, nothing may be deleted. Its rows hold ids, a version, an answer,
 * where and when: no personal data, so an erasure keeps them (the proof that consent was given,
 * and withdrawn with the erasure).
 *
 * The contact's timeline learns `notice_shown`: the bot showed the notice in the chat, once per
 * version.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('privacy_notices', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('text_th').notNullable();
    t.text('text_en').notNullable();
    t.text('published_by_type').notNullable();
    t.text('published_by_id');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'version']);
  });
  await knex.schema.createTable('contact_consents', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('contact_id').notNullable().references('contacts.id');
    t.uuid('notice_id').notNullable().references('privacy_notices.id');
    t.integer('notice_version').notNullable();
    t.text('answer').notNullable();
    t.text('source').notNullable();
    // The chat's channel (line, whatsapp) for an answer tapped there.
    t.text('channel');
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.timestamp('answered_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'contact_id', 'answered_at', 'id']);
  });
  await knex.raw(`
    ALTER TABLE privacy_notices ADD CONSTRAINT privacy_notices_version CHECK (version >= 1);
    ALTER TABLE privacy_notices ADD CONSTRAINT privacy_notices_published_by_type CHECK (published_by_type IN ('staff', 'api_key', 'system'));
    CREATE TRIGGER privacy_notices_append_only BEFORE UPDATE OR DELETE ON privacy_notices
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER privacy_notices_no_truncate BEFORE TRUNCATE ON privacy_notices
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

    ALTER TABLE contact_consents ADD CONSTRAINT contact_consents_answer CHECK (answer IN ('granted', 'declined', 'withdrawn'));
    ALTER TABLE contact_consents ADD CONSTRAINT contact_consents_source CHECK (source IN ('chat', 'booking_form', 'web_form', 'staff', 'erasure'));
    ALTER TABLE contact_consents ADD CONSTRAINT contact_consents_actor_type CHECK (actor_type IN ('customer', 'staff', 'api_key', 'system'));
    CREATE FUNCTION contact_consents_move_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'contact_id') = (to_jsonb(OLD) - 'contact_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'contact_consents is append-only: only a merge may move a record to another contact (% refused)', TG_OP
        USING ERRCODE = 'P0001';
    END $$;
    CREATE TRIGGER contact_consents_append_only BEFORE UPDATE OR DELETE ON contact_consents
      FOR EACH ROW EXECUTE FUNCTION contact_consents_move_only();
    CREATE TRIGGER contact_consents_no_truncate BEFORE TRUNCATE ON contact_consents
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

    ALTER TABLE contact_events DROP CONSTRAINT contact_events_type;
    ALTER TABLE contact_events ADD CONSTRAINT contact_events_type CHECK (type IN ('merged', 'merged_into', 'matched', 'merge_undone', 'erased', 'notice_shown'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE contact_events DROP CONSTRAINT contact_events_type;
    ALTER TABLE contact_events ADD CONSTRAINT contact_events_type CHECK (type IN ('merged', 'merged_into', 'matched', 'merge_undone', 'erased'));
  `);
  await knex.schema.dropTable('contact_consents');
  await knex.raw('DROP FUNCTION contact_consents_move_only()');
  await knex.schema.dropTable('privacy_notices');
}
