import type { Knex } from 'knex';

/**
 * What the analytics reports read most (core/analytics/case-facts.ts):
 * - the rolled-up facts of a period batch by batch, in the order of (org, opening, case), so each
 *   batch reads on from the last row of the one before instead of sorting the whole period again;
 * - the customers' satisfaction answers of a batch of cases, among all their events.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('analytics_case_facts', (t) => {
    t.index(['org_id', 'opened_at', 'case_id'], 'analytics_case_facts_org_opened_case_index');
    t.dropIndex(['org_id', 'opened_at']);
  });
  await knex.raw(
    `CREATE INDEX case_events_satisfaction_index ON case_events (case_id) WHERE type IN ('satisfaction_requested', 'satisfaction_rated', 'satisfaction_commented')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX case_events_satisfaction_index');
  await knex.schema.alterTable('analytics_case_facts', (t) => {
    t.index(['org_id', 'opened_at']);
    t.dropIndex(['org_id', 'opened_at', 'case_id'], 'analytics_case_facts_org_opened_case_index');
  });
}
