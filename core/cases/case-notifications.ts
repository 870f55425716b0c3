import type { Knex } from 'knex';
import { queueMessages } from '../conversations/outgoing.ts';
import type { Language } from '../models/vocabulary.ts';
import { formatDue } from '../templates/format-due.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { CASE_STATUS, type CaseStatus } from './case-status.ts';
import type { TransitionResult } from './transition.ts';

/**
 * Tells the customer, in their language and from the org's templates, when work starts, when the
 * case waits for them, and when it is resolved: each only if the case type's switch for it is on
 * (`case_types.notify`). Sent on the conversation the case came from, through the outbox.
 */
const NOTICE: Partial<Record<CaseStatus, { template: string; switch: 'workStarted' | 'waitingCustomer' | 'resolved' }>> = {
  investigating: { template: 'case_work_started', switch: 'workStarted' },
  fixing: { template: 'case_work_started', switch: 'workStarted' },
  waiting_customer: { template: 'case_waiting_customer', switch: 'waitingCustomer' },
  resolved: { template: 'case_resolved', switch: 'resolved' },
};

export async function notifyCustomerOfTransition(
  trx: Knex.Transaction,
  t: TransitionResult,
  opts: { trackingBaseUrl: string; timeZone: string; replyToEventId?: number },
): Promise<boolean> {
  const notice = t.reopened ? { template: 'case_reopened', switch: 'workStarted' as const } : NOTICE[t.to];
  // "Work started" once: moving between working statuses is not news to the customer.
  if (!notice || (notice.switch === 'workStarted' && !t.reopened && t.from !== 'new')) return false;
  const row = await trx('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .select('cases.*', 'case_types.notify')
    .where('cases.id', t.id)
    .first();
  if (!row.conversation_id || row.notify?.[notice.switch] === false) return false;
  const contact = row.contact_id ? await trx('contacts').select('language').where({ id: row.contact_id }).first() : undefined;
  const language: Language = contact?.language ?? row.language ?? 'th';
  const text = await renderTemplate(trx, row.org_id, notice.template, language, {
    case_id: row.number,
    status: CASE_STATUS[t.to].label[language],
    eta: row.resolution_due_at ? formatDue(new Date(row.resolution_due_at), language, opts.timeZone) : '',
    tracking_url: `${opts.trackingBaseUrl}/public/v1/cases/${row.tracking_token}`,
  });
  if (!text) return false;
  await queueMessages(trx, {
    orgId: row.org_id,
    conversationId: row.conversation_id,
    messages: [{ kind: 'text', text }],
    senderType: 'system',
    replyToEventId: opts.replyToEventId,
  });
  return true;
}
