import type { Knex } from 'knex';

/**
 * SLA clocks: when the resolution warning is due, indexes for the sweep that look only at cases
 * that are due (not at every open case), and a guarantee in the database that each warning and
 * breach is recorded once per clock, however many workers race for it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE cases ADD COLUMN resolution_warn_at timestamptz;
    UPDATE cases c SET resolution_warn_at = c.created_at + (c.resolution_due_at - c.created_at) * t.warn_at_ratio
      FROM case_types t WHERE t.id = c.case_type_id AND c.resolution_due_at IS NOT NULL;
    CREATE INDEX cases_warn_due ON cases (resolution_warn_at)
      WHERE sla_warned_at IS NULL AND resolution_paused_at IS NULL AND status NOT IN ('resolved', 'closed');
    CREATE INDEX cases_breach_due ON cases (resolution_due_at)
      WHERE sla_breached_at IS NULL AND resolution_paused_at IS NULL AND status NOT IN ('resolved', 'closed');
    CREATE INDEX cases_first_response_due ON cases (first_response_due_at)
      WHERE first_responded_at IS NULL AND status NOT IN ('resolved', 'closed');
    CREATE UNIQUE INDEX case_events_sla_once ON case_events (case_id, type, (data->>'clock'))
      WHERE type IN ('sla_warning', 'sla_breach');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX case_events_sla_once;
    DROP INDEX cases_first_response_due;
    DROP INDEX cases_breach_due;
    DROP INDEX cases_warn_due;
    ALTER TABLE cases DROP COLUMN resolution_warn_at;
  `);
}
