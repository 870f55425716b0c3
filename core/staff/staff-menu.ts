import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
import type { StaffRole } from '../vocabulary.ts';

/**
 * The staff rich menu (My queue, Dashboard, Desk: bot/line/staff-rich-menu.ts): LINE's per-user
 * rich menu, linked to a staff member's LINE account when they enrol, linked again when their
 * role changes, unlinked when they leave. Each change queues one job, in the change's own
 * transaction; the job reads the staff member as they are when it runs and makes LINE agree (link
 * the menu their role gets, or unlink), so jobs that run late or twice do no harm.
 */
export const STAFF_MENU_QUEUE = 'staff-menu';
export const STAFF_MENU_JOB = 'sync-staff-menu';

export interface StaffMenuJob {
  staffId: string;
  /** The LINE account and channel the menu is (or was) on: kept in the job, since leaving clears them from the staff row. */
  lineUserId: string;
  channelId: string;
}

export async function queueStaffMenuSync(trx: Knex | Knex.Transaction, j: StaffMenuJob & { orgId: string }): Promise<void> {
  const { orgId, ...payload } = j;
  await addToOutbox(trx, { orgId, queue: STAFF_MENU_QUEUE, jobName: STAFF_MENU_JOB, payload: payload satisfies StaffMenuJob });
}

/** What the menu should be for this LINE account now: the staff member's role, or none (they left, or the account is linked to no one). */
export async function staffMenuTarget(db: Knex | Knex.Transaction, j: StaffMenuJob): Promise<{ role: StaffRole } | null> {
  const row = await db('staff').select('role').where({ id: j.staffId, is_active: true, line_user_id: j.lineUserId, line_channel_id: j.channelId }).first();
  return row ? { role: row.role as StaffRole } : null;
}

/**
 * The address that opens a staff app (the menu's buttons, a card's link to the desk): through LIFF
 * when it has a LIFF id (LINE opens it signed in), else the plain page; `path` a screen in it
 * (`conversation/<id>`).
 */
export function staffAppLink(app: 'dashboard' | 'desk', s: { pagesBaseUrl: string; liffIds: Record<string, string> }, path?: string): string {
  const liffId = s.liffIds[app] ?? s.liffIds.staff;
  const where = path ? `${app}/${path}` : app;
  return liffId ? `https://liff.line.me/${liffId}/${where}` : `${s.pagesBaseUrl}/liff/${where}`;
}
