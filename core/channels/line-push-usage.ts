import type { Knex } from 'knex';
import { addToCounters } from '../org-counters.ts';

/**
 * LINE pushes per org and month. LINE's monthly quota counts a push once per recipient (per
 * member, in a group), however many message objects it carries; replies are free. Both numbers
 * are kept, as `org_counters` rows named `line_push:YYYY-MM` (messages) and
 * `line_push_requests:YYYY-MM` (what the quota counts).
 */
export interface LinePushMonth {
  month: string;
  pushedMessages: number;
  pushRequests: number;
}

/** Adds one send's pushes to the month's counts (UTC month). */
export async function countLinePushes(db: Knex, orgId: string, sent: { pushed: number; pushRequests: number }, at = new Date()): Promise<void> {
  const month = at.toISOString().slice(0, 7);
  await addToCounters(db, orgId, { [`line_push:${month}`]: sent.pushed, [`line_push_requests:${month}`]: sent.pushRequests });
}

/** The org's pushes per month, newest month first. */
export async function linePushUsage(db: Knex, orgId: string): Promise<LinePushMonth[]> {
  const rows = await db('org_counters')
    .select('name', 'value')
    .where({ org_id: orgId })
    .andWhere((q) => q.where('name', 'like', 'line_push:%').orWhere('name', 'like', 'line_push_requests:%'))
    .orderBy('name', 'desc');
  const months = new Map<string, LinePushMonth>();
  for (const r of rows) {
    const [name, month] = r.name.split(':');
    const m = months.get(month) ?? { month, pushedMessages: 0, pushRequests: 0 };
    if (name === 'line_push') m.pushedMessages = Number(r.value);
    else m.pushRequests = Number(r.value);
    months.set(month, m);
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}
