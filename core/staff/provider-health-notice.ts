import type { Knex } from 'knex';
import type { RecordedProviderEvent } from '../providers/provider-timeline.ts';
import type { Language } from '../vocabulary.ts';
import { postToManagers } from './managers-reach.ts';

/**
 * A provider whose orders keep failing (`orders_failing` on its timeline, core/providers/
 * provider-health.ts): the managers hear it (their groups, or 1:1 without one: managers-reach.ts),
 * with the count, the window, the latest orders and whether it was paused automatically, and what
 * to do next. Subscribed in bin/system.ts, in the transaction that records the event.
 */
export interface FailingOrdersNotice {
  name: string;
  key: string;
  failed: number;
  windowMinutes: number;
  orders: string[];
  paused: boolean;
  wasPaused: boolean;
}

export async function tellManagersOfFailingOrders(trx: Knex.Transaction, e: RecordedProviderEvent): Promise<void> {
  if (e.type !== 'orders_failing') return;
  const provider = await trx('providers').select('name', 'key').where({ id: e.providerId }).first();
  if (!provider) return;
  const d = e.data as { failed: number; windowMinutes: number; orders: string[]; paused: boolean; wasPaused: boolean };
  const notice = { name: provider.name, key: provider.key, failed: d.failed, windowMinutes: d.windowMinutes, orders: d.orders ?? [], paused: Boolean(d.paused), wasPaused: Boolean(d.wasPaused) };
  await postToManagers(trx, e.orgId, (l) => [{ kind: 'text', text: failingOrdersText(notice, l) }]);
}

export function failingOrdersText(n: FailingOrdersNotice, l: Language): string {
  const latest = n.orders.slice(0, 5).join(', ');
  if (l === 'th') {
    const what = n.paused
      ? `ระบบหยุดส่งเคสใหม่ให้ ${n.name} ชั่วคราวแล้ว (ตามการตั้งค่า) เปิดใหม่ได้เมื่อพร้อม: POST /api/v1/providers/${n.key}/unpause`
      : n.wasPaused
        ? `${n.name} ถูกหยุดชั่วคราวอยู่แล้ว`
        : `ยังรับเคสใหม่อยู่ หากต้องการหยุดชั่วคราว: POST /api/v1/providers/${n.key}/pause`;
    return `⚠️ ผู้ให้บริการ ${n.name} มีออเดอร์ล้มเหลว ${n.failed} รายการภายใน ${n.windowMinutes} นาที (ล่าสุด: ${latest})\n${what}`;
  }
  const what = n.paused
    ? `${n.name} was paused automatically (the org's setting): no new case goes to it. Unpause when it is ready: POST /api/v1/providers/${n.key}/unpause`
    : n.wasPaused
      ? `${n.name} is paused already.`
      : `It still takes new cases. To pause it: POST /api/v1/providers/${n.key}/pause`;
  return `⚠️ Provider ${n.name}: ${n.failed} orders failed within ${n.windowMinutes} minutes (latest: ${latest})\n${what}`;
}
