import type { Knex } from 'knex';

/**
 * Time tracking without stopwatches: every stretch a case spends in one status is a row, so
 * reports can say how long it waited on the customer, on a provider, or on us. Written by the case
 * transitions only; an open period has no end.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_status_periods', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.text('status').notNullable();
    t.text('actor_type');
    t.text('actor_id');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.index(['case_id', 'started_at']);
  });
  await knex.raw(`
    CREATE UNIQUE INDEX case_status_periods_one_open ON case_status_periods (case_id) WHERE ended_at IS NULL;
    INSERT INTO case_status_periods (org_id, case_id, status, started_at)
      SELECT org_id, id, status, created_at FROM cases;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_status_periods');
}
