import { formatMoney } from '../templates/format-money.ts';
import type { Knex } from 'knex';
import { casesJoinedToTypes } from '../cases/case-queries.ts';
import { recordCaseEvent } from '../cases/case-timeline.ts';
import type { Language } from '../vocabulary.ts';
import { groupsForProvider } from './routing.ts';
import { postToGroup, type StaffDeps } from './staff-desk.ts';
import type { ProviderHandoffJob } from './staff-jobs.ts';

/**
 * A case now waiting on its provider: its details go to the provider's group(s), as a plain text
 * the provider's people can quote-reply (their reply finds the case through the message's case id,
 * bot/staff/provider-group.ts), and the timeline records `provider_notified`.
 *
 * Posts nothing when the provider is set to be reached by staff themselves (`notify_by` none), when the case names no provider (cases.provider_id: nothing sets it from the
 * case API or the classifier yet, so today it is set by the business's own tools or by hand),
 * when the provider has no group, when the case has moved on before the job ran, or when this
 * wait was already handed off (a job delivered twice).
 */
const SAY = {
  title: { th: 'ขอความช่วยเหลือตรวจสอบเคส', en: 'Please check this case' },
  type: { th: 'ประเภท', en: 'Type' },
  order: { th: 'คำสั่งซื้อ', en: 'Order' },
  amount: { th: 'ยอดเงิน', en: 'Amount' },
  summary: { th: 'รายละเอียด', en: 'Summary' },
  need: { th: 'สิ่งที่ต้องการ', en: 'What we need' },
  defaultNeed: { th: 'ช่วยตรวจสอบสถานะและแจ้งผลให้เราทราบค่ะ', en: 'Please check its status and tell us what you find.' },
  howToReply: { th: 'ตอบกลับโดยอ้างอิง (reply) ข้อความนี้ หรือพิมพ์ #{number} ตามด้วยข้อความค่ะ', en: 'Reply to this message (quote it), or write #{number} and your answer.' },
} satisfies Record<string, Record<Language, string>>;

export async function handOffToProvider(_deps: StaffDeps, trx: Knex.Transaction, job: ProviderHandoffJob): Promise<{ posted: number }> {
  const c = await casesJoinedToTypes(trx)
    .select('cases.id', 'cases.org_id', 'cases.number', 'cases.status', 'cases.summary', 'cases.provider_id', 'case_types.name_th', 'case_types.name_en')
    .where('cases.id', job.caseId)
    .forUpdate('cases')
    .first();
  if (!c?.provider_id || c.status !== 'waiting_provider') return { posted: 0 };
  // The wait this job is about: the latest move to waiting_provider; handed off once.
  const wait = await trx('case_events')
    .where({ case_id: c.id, type: 'status_changed' })
    .whereRaw(`data->>'to' = 'waiting_provider'`)
    .orderBy('id', 'desc')
    .first('id');
  if (wait && (await trx('case_events').where({ case_id: c.id, type: 'provider_notified' }).andWhere('id', '>', wait.id).first('id'))) return { posted: 0 };
  // The provider's own setting (Settings, core/providers/provider-settings.ts): staff reach it themselves.
  const provider = await trx('providers').select('notify_by').where({ id: c.provider_id }).first();
  if (provider?.notify_by === 'none') return { posted: 0 };
  const groups = await groupsForProvider(trx, c.org_id, c.provider_id);
  if (groups.length === 0) return { posted: 0 };

  const [order, note] = await Promise.all([
    trx('case_orders').select('order_id', 'amount', 'currency').where({ case_id: c.id }).orderBy('created_at').first(),
    // A note given with the move to waiting_provider says what is asked of the provider.
    wait ? trx('case_events').select('data').where({ case_id: c.id, type: 'note' }).andWhere('id', '>', wait.id).orderBy('id').first() : undefined,
  ]);
  const text = (l: Language) =>
    [
      `${SAY.title[l]}: ${c.number}`,
      `${SAY.type[l]}: ${l === 'th' ? c.name_th : c.name_en}`,
      order ? `${SAY.order[l]}: ${order.order_id}` : undefined,
      order?.amount != null ? `${SAY.amount[l]}: ${formatMoney(order.amount, order.currency)}` : undefined,
      c.summary ? `${SAY.summary[l]}: ${c.summary}` : undefined,
      `${SAY.need[l]}: ${note?.data?.text ?? SAY.defaultNeed[l]}`,
      '',
      SAY.howToReply[l].replace('{number}', c.number),
    ]
      .filter((line) => line !== undefined)
      .join('\n');

  const posted: { groupId: string; messageIds: string[] }[] = [];
  for (const group of groups) {
    const out = await postToGroup(trx, group, [{ kind: 'text', text: text(group.language) }], { caseId: c.id });
    if (out) posted.push({ groupId: group.id, messageIds: out.messageIds });
  }
  if (posted.length === 0) return { posted: 0 };
  await recordCaseEvent(trx, { orgId: c.org_id, caseId: c.id, type: 'provider_notified', actor: { type: 'system', id: null }, isPublic: false, data: { providerId: c.provider_id, groups: posted } });
  return { posted: posted.length };
}
