import type { Knex } from 'knex';

/**
 * The desk's list of adjustments waiting for a manager (docs/members.md, "Adjustments by hand"):
 * a refusal says why (`decision_reason`), and an adjustment that went past the org's amount stays
 * marked as one (`needed_approval`) once decided, so the staff member who asked sees theirs as
 * approved or refused. Before this, one posted at once was decided in its own transaction
 * (`decided_at` = `created_at`); one a manager decided, later.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE member_adjustments
      ADD COLUMN decision_reason text CHECK (length(decision_reason) BETWEEN 1 AND 500),
      ADD COLUMN needed_approval boolean NOT NULL DEFAULT false;
    UPDATE member_adjustments SET needed_approval = true WHERE status <> 'applied' OR decided_at IS DISTINCT FROM created_at;
    CREATE INDEX member_adjustments_waiting ON member_adjustments (org_id, created_at) WHERE needed_approval;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX member_adjustments_waiting;
    ALTER TABLE member_adjustments DROP COLUMN decision_reason, DROP COLUMN needed_approval;
  `);
}
