import type { Knex } from 'knex';
import { orgSettingsRow } from '../db/org-cache.ts';
import { customerNoticesOf } from '../contracts/org-settings.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import type { Language, CaseStatus } from '../vocabulary.ts';
import { formatDue } from '../templates/format-due.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { CASE_STATUS } from './case-status.ts';
import type { CaseEventSubscriber, RecordedCaseEvent } from './case-timeline.ts';
import { casesJoinedToTypes, trackingUrl } from './case-queries.ts';

/**
 * How a customer hears about their case, in their language and from the org's templates, on the
 * conversation the case came from, through the outbox: the answer to the message that opened it
 * (`case_created`: its number, when to expect an answer, the tracking link), then when work
 * starts, when the case waits for them, and when it is resolved, each of these only if the case
 * type's switch for it is on (`case_types.notify`) and the org's own switch for it is on
 * (Settings: `orgs.settings.customerNotices`).
 *
 * It follows the timeline: every move of a case, by whoever made it (a LINE button, the API, the
 * customer's own reply), tells the customer the same way, and no caller has to remember to.
 */
const NOTICE: Partial<Record<CaseStatus, { template: string; switch: 'workStarted' | 'waitingCustomer' | 'resolved' }>> = {
  investigating: { template: 'case_work_started', switch: 'workStarted' },
  fixing: { template: 'case_work_started', switch: 'workStarted' },
  waiting_customer: { template: 'case_waiting_customer', switch: 'waitingCustomer' },
  resolved: { template: 'case_resolved', switch: 'resolved' },
};

export function customerNotices(opts: { trackingBaseUrl: () => string }): CaseEventSubscriber {
  return async (trx, e) => {
    if (e.type === 'created') return acknowledgeNewCase(trx, e, opts.trackingBaseUrl);
    if (e.type !== 'status_changed' && e.type !== 'reopened') return;
    const { from, to } = e.data as { from: CaseStatus; to: CaseStatus };
    await notifyCustomerOfTransition(trx, { caseId: e.caseId, from, to, reopened: e.type === 'reopened' }, { trackingBaseUrl: opts.trackingBaseUrl(), replyToEventId: e.context.replyToEventId });
  };
}

/**
 * The answer to the message that opened a case in the chat, as the dialogue's own answer (from
 * the bot, with the message's reply token). Always sent, whatever the notice switches say: it
 * answers the customer's own message. It is not a message on the case, so that the customer's
 * next follow-up is still acknowledged (bot/conversation/act.ts).
 *
 * A case opened for the customer elsewhere (`POST /api/v1/cases`, `tellCustomer`) is told the
 * same way, as a push on their chat; a customer without one is told nothing, and the case opens.
 */
async function acknowledgeNewCase(trx: Knex.Transaction, e: RecordedCaseEvent, trackingBaseUrl: () => string): Promise<void> {
  // As the opener wrote it (core/cases/open-case.ts): not read back.
  const opened = e.context.opened;
  if ((!e.data?.messageId && !e.context.tellCustomer) || !opened?.conversationId) return;
  const { language, fields } = opened;
  const org = await orgSettingsRow(trx, e.orgId);
  const text = await renderTemplate(trx, e.orgId, 'case_created', language, {
    case_id: opened.number,
    eta: opened.resolutionDueAt && org ? formatDue(opened.resolutionDueAt, language, org.time_zone) : '',
    order_id: fields.orderIds?.[0],
    amount: fields.amount,
    tracking_url: trackingUrl(trackingBaseUrl(), opened.trackingToken),
  });
  await queueMessages(trx, {
    orgId: e.orgId,
    conversationId: opened.conversationId,
    messages: [{ kind: 'text', text: text ?? '' }],
    senderType: 'bot',
    replyToEventId: e.context.replyToEventId,
  });
}

async function notifyCustomerOfTransition(
  trx: Knex.Transaction,
  t: { caseId: string; from: CaseStatus; to: CaseStatus; reopened: boolean },
  opts: { trackingBaseUrl: string; replyToEventId?: number },
): Promise<boolean> {
  const notice = t.reopened ? { template: 'case_reopened', switch: 'workStarted' as const } : NOTICE[t.to];
  // "Work started" once: moving between working statuses is not news to the customer.
  if (!notice || (notice.switch === 'workStarted' && !t.reopened && t.from !== 'new')) return false;
  const row = await casesJoinedToTypes(trx)
    .join('orgs', 'orgs.id', 'cases.org_id')
    .select('cases.*', 'case_types.notify', 'orgs.time_zone', 'orgs.settings as org_settings')
    .where('cases.id', t.caseId)
    .first();
  if (!row.conversation_id || row.notify?.[notice.switch] === false) return false;
  if (!customerNoticesOf(row.org_settings)[notice.switch]) return false;
  const contact = row.contact_id ? await trx('contacts').select('language').where({ id: row.contact_id }).first() : undefined;
  const language: Language = contact?.language ?? row.language ?? 'th';
  const text = await renderTemplate(trx, row.org_id, notice.template, language, {
    case_id: row.number,
    status: CASE_STATUS[t.to].label[language],
    eta: row.resolution_due_at ? formatDue(new Date(row.resolution_due_at), language, row.time_zone) : '',
    tracking_url: trackingUrl(opts.trackingBaseUrl, row.tracking_token),
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
