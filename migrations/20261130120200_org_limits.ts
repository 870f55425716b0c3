import type { Knex } from 'knex';

/**
 * An org's own limits, set by the platform operator over the deployment's defaults (issue #43):
 * `{"api": {"points": 600, "seconds": 60}}`, or `{"api": null}` for none; a key left out takes the
 * default (ORG_RATE_LIMIT_API).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE orgs ADD COLUMN limits jsonb NOT NULL DEFAULT '{}'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE orgs DROP COLUMN limits');
}
