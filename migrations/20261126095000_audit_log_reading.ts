import type { Knex } from 'knex';

/**
 * The audit log is read by who acted, by what was changed and by action, newest first
 * (`GET /api/v1/audit`, core/audit/audit-log.ts). Each index ends in the reading order
 * (created_at, id), so one actor's month is read from its own index range, not filtered out of
 * the whole org's log: p95 under 200 ms at 10 million rows (bench/audit-log.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX audit_log_by_actor ON audit_log (org_id, actor_type, actor_id, created_at, id);
    CREATE INDEX audit_log_by_subject ON audit_log (org_id, subject_type, subject_id, created_at, id);
    CREATE INDEX audit_log_by_action ON audit_log (org_id, action text_pattern_ops, created_at, id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX audit_log_by_actor;
    DROP INDEX audit_log_by_subject;
    DROP INDEX audit_log_by_action;
  `);
}
