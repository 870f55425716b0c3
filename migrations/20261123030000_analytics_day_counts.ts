import type { Knex } from 'knex';

/**
 * Counts per local day (`analytics_day_counts`, core/analytics/day-counts.ts): the sums the health,
 * staff and provider figures add up, per day the cases opened and per group (everyone, an owner, a
 * taker, a provider, a provider's own faults per case type, a case type and root cause), of the
 * resolved and closed cases' rolled-up facts. Kept by the rollup's writer in the transaction that
 * stores a case's facts (its old counts taken off, its new ones added), so a day's counts are
 * always those of its facts; counted anew from the facts when the outcomes they hold no longer
 * match (the org's case types, targets, providers or calendar changed: `counts` in the rollup
 * state says for which they were counted). A report of the default filters reads its groups'
 * rows of a day (one for the health figures, some 400 for staff performance at a million cases)
 * instead of the day's 1,400 cases.
 *
 * Existing orgs have no counts yet: the workers count them from the facts on their next round,
 * and until then the reports read the facts, as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('analytics_day_counts', (t) => {
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.date('day').notNullable();
    t.text('grain').notNullable();
    // The group's keys ('' where a grain has fewer): never null, so that a group is found by equality.
    t.text('k1').notNullable();
    t.text('k2').notNullable();
    for (const c of ['cases', 'resolved', 'within', 'outside', 'fr_sum', 'fr_n', 'res_sum', 'reopened', 'speed_n', 'critical', 'rating_quarters', 'rating_n', 'fault', 'decided', 'missed', 'refunded', 'cancelled', 'refunded_or_cancelled', 'waiting_provider_sum'])
      t.bigInteger(c).notNullable();
    t.double('speed_sum').notNullable();
  });
  // One row per day and group, for the writer's additions; and the reads' index.
  await knex.raw('CREATE UNIQUE INDEX analytics_day_counts_group ON analytics_day_counts (org_id, grain, day, k1, k2)');
  await knex.schema.alterTable('analytics_rollup_state', (t) => {
    t.text('counts');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('analytics_rollup_state', (t) => {
    t.dropColumn('counts');
  });
  await knex.schema.dropTable('analytics_day_counts');
}
