import type { Knex } from 'knex';

/**
 * Staff sign in to the staff LIFF apps (api/liff/staff-caller.ts) with the LINE account they
 * enrolled. Deactivating a staff member unlinks that account (`line_user_id` becomes null, so the
 * same person can be enrolled again); `left_line_user_id` keeps which account it was, so a former
 * staff member who opens a staff app is told their access was removed, not that they were never
 * staff, and their staff rich menu can be taken away.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => {
    t.text('left_line_user_id');
  });
  await knex.raw('CREATE INDEX staff_left_line_user ON staff (org_id, left_line_user_id) WHERE left_line_user_id IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => t.dropColumn('left_line_user_id'));
}
