import type { Knex } from 'knex';
import { takeOnce } from '../org-counters.ts';
import { outboxBacklog, type QueueBacklog } from '../outbox/backlog.ts';
import { EMAIL_SEND_QUEUE, OUTBOUND_QUEUE } from '../conversations/outgoing.ts';
import { SLA_QUEUE } from '../cases/sla-timers.ts';
import { INBOUND_QUEUE } from '../inbound/inbound-events.ts';
import type { Language } from '../vocabulary.ts';
import { postToManagers, type Recipient } from './managers-reach.ts';
import { STAFF_QUEUE } from './staff-jobs.ts';

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

/**
 * What waits, in the words of the people told: a manager reads "incoming customer messages", not
 * a queue's name. Queues not named here are counted as other work.
 */
const WHAT_WAITS: Record<string, Record<Language, string>> = {
  [INBOUND_QUEUE]: { th: 'ข้อความลูกค้าที่ยังไม่ได้อ่าน', en: 'customer messages not yet read' },
  [OUTBOUND_QUEUE]: { th: 'คำตอบที่ยังไม่ได้ส่ง', en: 'answers not yet sent' },
  [EMAIL_SEND_QUEUE]: { th: 'อีเมลที่ยังไม่ได้ส่ง', en: 'e-mails not yet sent' },
  [STAFF_QUEUE]: { th: 'การ์ดและแจ้งเตือนถึงทีม', en: 'cards and alerts to staff' },
  [SLA_QUEUE]: { th: 'การตรวจ SLA', en: 'SLA checks' },
};
const OTHER_WORK: Record<Language, string> = { th: 'งานอื่น', en: 'other work' };

export function backlogAlertText(queues: QueueBacklog[], now: Date, l: Language): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const total = queues.reduce((n, q) => n + q.waiting, 0);
  const minutes = Math.max(1, Math.round((now.getTime() - Math.min(...queues.map((q) => q.oldestDueAt.getTime()))) / 60_000));
  const byWhat = new Map<string, number>();
  for (const q of queues) {
    const what = (WHAT_WAITS[q.queue] ?? OTHER_WORK)[l];
    byWhat.set(what, (byWhat.get(what) ?? 0) + q.waiting);
  }
  const parts = [...byWhat].map(([what, n]) => (l === 'th' ? `${what} ${count(n)} รายการ` : `${what}: ${count(n)}`)).join(', ');
  return l === 'th'
    ? `⚠️ ระบบทำงานไม่ทัน มีงานค้าง ${count(total)} รายการ รายการที่ค้างนานที่สุดรอมา ${minutes} นาที (${parts}) ลูกค้าจะได้รับคำตอบช้า กรุณาแจ้งผู้ดูแลระบบให้เพิ่มกำลังประมวลผล`
    : `⚠️ The system is behind: ${count(total)} jobs waiting, the oldest for ${minutes} min (${parts}). Customers' answers are late: please ask whoever runs the system to add worker processes.`;
}
