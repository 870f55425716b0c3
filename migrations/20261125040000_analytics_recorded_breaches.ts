import type { Knex } from 'knex';

/**
 * A breach that happened stays a breach. The reports decided a case's SLA outcomes from business
 * minutes on the org's calendar as it is now, so saving new business hours turned a recorded breach
 * into "met" (50 % compliance with one breach became 100 % with none, while the case's timeline
 * still said `sla_breach`). The facts now keep whether each clock's breach was recorded, and a
 * recorded one is missed whatever the calendar says later. The orgs' facts are computed again.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('analytics_case_facts', (t) => {
    t.boolean('first_response_breached').notNullable().defaultTo(false);
    t.boolean('resolution_breached').notNullable().defaultTo(false);
  });
  // Not built for the calendar any org has: the workers rebuild every org's facts (case-rollup.ts).
  await knex('analytics_rollup_state').update({ calendar: 'recorded breaches: rebuild' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('analytics_case_facts', (t) => {
    t.dropColumn('first_response_breached');
    t.dropColumn('resolution_breached');
  });
}
