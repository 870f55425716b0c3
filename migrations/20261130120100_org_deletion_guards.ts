import type { Knex } from 'knex';

/**
 * The append-only tables (audit log, timelines, consents) refuse every DELETE, with one narrow
 * exception added here: the removal of a whole org the platform operator deleted
 * (core/orgs/org-deletion.ts), and only of that org's rows, inside a transaction that announced it
 * with `set_config('opsdesk.org_deletion', <org id>, true)`. Nothing else of the guards changes.
 */
const ORG_BEING_DELETED = `TG_OP = 'DELETE' AND current_setting('opsdesk.org_deletion', true) = to_jsonb(OLD) ->> 'org_id'`;

/** Each guard's body as it was (migrations 20261121000100, 20261122003400, 20261129110000). */
const GUARDS: Record<string, string> = {
  forbid_change: `
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';`,
  timeline_redaction_guard: `
      IF TG_OP = 'UPDATE'
         AND current_setting('opsdesk.redaction', true) = 'erasure'
         AND (to_jsonb(NEW) - 'data') = (to_jsonb(OLD) - 'data')
         AND NEW.data ->> 'redacted' = 'true' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';`,
  contact_consents_move_only: `
      IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'contact_id') = (to_jsonb(OLD) - 'contact_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'contact_consents is append-only: only a merge may move a record to another contact (% refused)', TG_OP
        USING ERRCODE = 'P0001';`,
};

function replaceGuards(withOrgDeletion: boolean): string {
  // forbid_change also guards TRUNCATE (statement level, no OLD row): only a row may go.
  const exception = (name: string) => (withOrgDeletion ? `IF ${name === 'forbid_change' ? `TG_LEVEL = 'ROW' AND ` : ''}${ORG_BEING_DELETED} THEN RETURN OLD; END IF;` : '');
  return Object.entries(GUARDS)
    .map(([name, body]) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${exception(name)}${body} END $$;`)
    .join('\n');
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(replaceGuards(true));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(replaceGuards(false));
}
