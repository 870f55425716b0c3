import type { Knex } from 'knex';

/**
 * Analytics read the cases opened in a period from their status periods (a case opens with its
 * first period): this index finds the periods that start in the period without reading the rest.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX case_status_periods_org_started ON case_status_periods (org_id, started_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX case_status_periods_org_started');
}
