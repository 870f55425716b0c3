import type { Knex } from 'knex';
import { takeOnce } from '../org-counters.ts';
import { outboxBacklog, type QueueBacklog } from '../outbox/backlog.ts';
import type { Language } from '../vocabulary.ts';
import { postToManagers, type Recipient } from './managers-reach.ts';

/** Default: a customer's answer two minutes late is late; an answer normally takes well under a second (docs/benchmarks.md). */
export const BACKLOG_ALERT_AFTER_MS = 120_000;

/**
 * Tells the managers of each org whose oldest waiting row is older than `afterMs`: how much waits,
 * for how long, in which queues. Once per org per hour (a backlog that lasts is told again the
 * next hour). Returns the orgs told and who heard it.
 */
export async function alertLongBacklogs(knex: Knex, o: { afterMs?: number; now?: Date } = {}): Promise<{ orgId: string; to: Recipient[] }[]> {
  const now = o.now ?? new Date();
  const afterMs = o.afterMs ?? BACKLOG_ALERT_AFTER_MS;
  const late = await knex('outbox')
    .distinct('org_id')
    .whereNotNull('org_id')
    .where({ attempts: 0 })
    .whereIn('status', ['pending', 'enqueued'])
    .andWhere('available_at', '<=', new Date(now.getTime() - afterMs));
  const told: { orgId: string; to: Recipient[] }[] = [];
  for (const { org_id: orgId } of late as { org_id: string }[]) {
    const to = await knex.transaction(async (trx) => {
      if (!(await takeOnce(trx, orgId, `backlog_alert:${now.toISOString().slice(0, 13)}`))) return undefined;
      const queues = await outboxBacklog(trx, orgId, now);
      return postToManagers(trx, orgId, (l) => [{ kind: 'text', text: backlogAlertText(queues, now, l) }]);
    });
    if (to) told.push({ orgId, to });
  }
  return told;
}

export function backlogAlertText(queues: QueueBacklog[], now: Date, l: Language): string {
  const total = queues.reduce((n, q) => n + q.waiting, 0);
  const minutes = Math.max(1, Math.round((now.getTime() - Math.min(...queues.map((q) => q.oldestDueAt.getTime()))) / 60_000));
  const parts = queues.map((q) => `${q.queue} ${q.waiting.toLocaleString('en-US')}`).join(', ');
  return l === 'th'
    ? `⚠️ ระบบตามงานไม่ทัน: มีงานรอ ${total.toLocaleString('en-US')} รายการ รายการที่เก่าที่สุดรอมา ${minutes} นาที (${parts}) ลูกค้าจะได้รับคำตอบช้า ดูวิธีเพิ่ม worker ใน docs/reliability.md`
    : `⚠️ The system is behind: ${total.toLocaleString('en-US')} jobs waiting, the oldest for ${minutes} min (${parts}). Customers' answers are late. How to add worker processes: docs/reliability.md, "A burst of signed deliveries"`;
}
