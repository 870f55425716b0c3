import type { Knex } from 'knex';

/**
 * Rollups for the analytics (core/analytics/case-rollup.ts): one row of facts per case that are
 * costly to compute from its timeline and final once it is resolved or closed (its business and
 * calendar minutes per time bucket, first response, who took it), kept by a worker from the same
 * events and rebuildable from them at any time.
 *
 * - `analytics_case_facts`: the facts, as of the case's last change (`closed`: computed while it
 *   was resolved or closed, so they hold until it changes again).
 * - `analytics_dirty_cases`: cases changed since their facts were computed; every case event
 *   adds its case in the event's own transaction, the worker takes them off as it recomputes.
 *   Until then the reports compute those cases from the timeline, so a figure never lags.
 * - `analytics_rollup_state`: per org, when the facts were last rebuilt and for which business
 *   calendar; no row (or another calendar) means the reports read the timelines only.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('analytics_case_facts', (t) => {
    t.uuid('case_id').primary().references('cases.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.timestamp('opened_at', { useTz: true }).notNullable();
    t.boolean('closed').notNullable();
    // The start of the case's last status period: the facts are cut there.
    t.timestamp('last_from', { useTz: true }).notNullable();
    t.integer('first_response_business');
    t.integer('first_response_calendar');
    // Business minutes from the opening to last_from (a case that ended without a response).
    t.integer('waited_business').notNullable();
    // TimeBuckets (core/cases/sla-clock.ts) up to last_from.
    t.jsonb('buckets').notNullable();
    t.jsonb('taken_by').notNullable().defaultTo('[]');
    t.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'opened_at']);
  });
  await knex.schema.createTable('analytics_dirty_cases', (t) => {
    t.uuid('case_id').primary();
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.timestamp('marked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id']);
  });
  await knex.schema.createTable('analytics_rollup_state', (t) => {
    t.uuid('org_id').primary().references('orgs.id').onDelete('CASCADE');
    t.text('calendar').notNullable();
    t.timestamp('built_at', { useTz: true }).notNullable();
    t.integer('cases').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('analytics_rollup_state');
  await knex.schema.dropTable('analytics_dirty_cases');
  await knex.schema.dropTable('analytics_case_facts');
}
