import type { Knex } from 'knex';

/**
 * The append-only tables (audit log, timelines, consents) refuse every DELETE, with one narrow
 * exception added here: the removal of a whole org the platform operator deleted
 * (core/orgs/org-deletion.ts), and only of that org's rows, inside a transaction that announced it
 * with `set_config('opsdesk.org_deletion', <org id>, true)`. Nothing else of the guards changes.
 */
const ORG_BEING_DELETED = `TG_OP = 'DELETE' AND current_setting('opsdesk.org_deletion', true) = to_jsonb(OLD) ->> 'org_id'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_LEVEL = 'ROW' AND ${ORG_BEING_DELETED} THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
    END $$;
    CREATE OR REPLACE FUNCTION timeline_redaction_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${ORG_BEING_DELETED} THEN
        RETURN OLD;
      END IF;
      IF TG_OP = 'UPDATE'
         AND current_setting('opsdesk.redaction', true) = 'erasure'
         AND (to_jsonb(NEW) - 'data') = (to_jsonb(OLD) - 'data')
         AND NEW.data ->> 'redacted' = 'true' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
    END $$;
    CREATE OR REPLACE FUNCTION contact_consents_move_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${ORG_BEING_DELETED} THEN
        RETURN OLD;
      END IF;
      IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'contact_id') = (to_jsonb(OLD) - 'contact_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'contact_consents is append-only: only a merge may move a record to another contact (% refused)', TG_OP
        USING ERRCODE = 'P0001';
    END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
    END $$;
    CREATE OR REPLACE FUNCTION timeline_redaction_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
         AND current_setting('opsdesk.redaction', true) = 'erasure'
         AND (to_jsonb(NEW) - 'data') = (to_jsonb(OLD) - 'data')
         AND NEW.data ->> 'redacted' = 'true' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
    END $$;
    CREATE OR REPLACE FUNCTION contact_consents_move_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'contact_id') = (to_jsonb(OLD) - 'contact_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'contact_consents is append-only: only a merge may move a record to another contact (% refused)', TG_OP
        USING ERRCODE = 'P0001';
    END $$;
  `);
}
