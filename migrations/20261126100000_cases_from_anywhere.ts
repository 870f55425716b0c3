import type { Knex } from 'knex';

/**
 * Cases from anywhere (`POST /api/v1/cases`, core/cases/case-requests.ts): a case opened by the
 * business's system or by staff by hand, from a ticket, carries its source (`manual`, `ticket`
 * beside the chat's and the API's), and the hash of the body first sent with its
 * `Idempotency-Key` (the key itself has its column and unique index since the domain migration),
 * so that the same key with another body is refused instead of answered with the first case.
 */
const SOURCES = ['line', 'whatsapp', 'web', 'api', 'staff', 'system'];
const list = (v: string[]) => v.map((s) => `'${s}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.text('idempotency_hash');
  });
  await knex.raw(`
    ALTER TABLE cases DROP CONSTRAINT cases_source;
    ALTER TABLE cases ADD CONSTRAINT cases_source CHECK (source IN (${list([...SOURCES, 'manual', 'ticket'])}));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE cases DROP CONSTRAINT cases_source;
    ALTER TABLE cases ADD CONSTRAINT cases_source CHECK (source IN (${list(SOURCES)})) NOT VALID;
  `);
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('idempotency_hash');
  });
}
