import type { Knex } from 'knex';
import { notFound } from '../errors/index.ts';
import type { CaseSource, Language, Severity } from '../vocabulary.ts';
import { nextNumber } from '../org-counters.ts';
import { calendarFor, dueTimes } from './case-clock.ts';
import { scheduleSlaTimers } from './sla-timers.ts';
import { recordCaseEvent, type CaseActorType } from './case-timeline.ts';
import { linkingMessageToCase } from '../conversations/conversation-log.ts';
import type { ExtractedFields } from '../understanding/classification.ts';
import { activeCaseType } from '../understanding/taxonomy-admin.ts';

/**
 * Opens a case from a customer's report: its number, the case type's severity and SLA targets,
 * the extracted details and linked orders, and the first timeline event, in the caller's
 * transaction. Due times count business minutes on the org's calendar (core/sla).
 */
export interface OpenCaseInput {
  orgId: string;
  caseTypeKey: string;
  contactId: string | null;
  conversationId: string | null;
  sourceMessageId: string | null;
  source: CaseSource;
  summary: string;
  language: Language;
  fields: ExtractedFields;
  now?: Date;
  /** The inbound event the customer's acknowledgement may reply to (core/cases/case-notifications.ts). */
  replyToEventId?: number;
  /** Who opened it: by default the customer (their report); a staff member opening one for them. */
  actor?: { type: CaseActorType; id: string | null };
  /** By default the case type's. */
  severity?: Severity;
  /** A case asked for with an `Idempotency-Key` (case-requests.ts): the key and the hash of the body. */
  idempotency?: { key: string; hash: string };
  /**
   * Tell the customer of the new case on its conversation although it did not answer a message of
   * theirs (a case opened for them through the API; case-notifications.ts).
   */
  tellCustomer?: boolean;
  /**
   * The case's number, drawn by the caller before its transaction (bot/conversation/customer-router.ts):
   * drawn here, the org's counter row stays locked until the caller commits, and every case of
   * the org waits for the one before.
   */
  number?: string;
}

export interface OpenedCase {
  id: string;
  number: string;
  trackingToken: string;
  severity: string;
  caseTypeName: { th: string; en: string };
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export async function openCase(trx: Knex.Transaction, c: OpenCaseInput): Promise<OpenedCase> {
  // The org's active case types are kept in memory (core/understanding/taxonomy-admin.ts).
  const caseType = await activeCaseType(trx, c.orgId, c.caseTypeKey);
  if (!caseType) throw notFound('Case type', { key: c.caseTypeKey });
  const now = c.now ?? new Date();
  const severity = c.severity ?? caseType.defaultSeverity;
  const actor = c.actor ?? { type: 'customer' as const, id: c.contactId };
  const number = c.number ?? (await nextNumber(trx, c.orgId, 'case'));
  const due = dueTimes(now, [{ status: 'new', from: now, to: null }], { firstResponseMinutes: caseType.firstResponseMinutes, resolutionMinutes: caseType.resolutionMinutes, warnRatio: caseType.warnAtRatio }, await calendarFor(trx, c.orgId));
  const { firstResponseDueAt, resolutionDueAt, resolutionWarnAt } = due;
  const insertCase = trx('cases')
    .insert({
      org_id: c.orgId,
      number,
      case_type_id: caseType.id,
      contact_id: c.contactId,
      conversation_id: c.conversationId,
      source_message_id: c.sourceMessageId,
      source: c.source,
      status: 'new',
      severity,
      summary: c.summary.slice(0, 1000),
      language: c.language,
      first_response_due_at: firstResponseDueAt,
      resolution_due_at: resolutionDueAt,
      resolution_warn_at: resolutionWarnAt,
      fields: JSON.stringify(c.fields),
      idempotency_key: c.idempotency?.key ?? null,
      idempotency_hash: c.idempotency?.hash ?? null,
    })
    .returning(['id', 'tracking_token']);
  // The case, its first status period and the message it came from made the case's, in one
  // statement: round trips fewer for every case opened. The message is the case's before anyone
  // hears of the case (the staff card quotes it).
  const linkSource = c.sourceMessageId ? linkingMessageToCase(trx, c.sourceMessageId, trx.raw('(SELECT id FROM c)')) : undefined;
  const opened = await trx.raw<{ rows: { id: string; tracking_token: string }[] }>(
    `WITH c AS (?),
          p AS (INSERT INTO case_status_periods (org_id, case_id, status, actor_type, actor_id, started_at)
                SELECT ?::uuid, c.id, 'new', ?::text, ?::text, ?::timestamptz FROM c)${linkSource ? ', m AS (?)' : ''}
     SELECT id, tracking_token FROM c`,
    [insertCase, c.orgId, actor.type, actor.id ?? null, now, ...(linkSource ? [linkSource] : [])],
  );
  const row = opened.rows[0];
  for (const [i, orderId] of (c.fields.orderIds ?? []).entries()) {
    await trx('case_orders')
      .insert({
        org_id: c.orgId,
        case_id: row.id,
        order_id: orderId,
        // The amount the customer named belongs to the order they named first.
        amount: i === 0 ? (c.fields.amount ?? null) : null,
        currency: c.fields.currency ?? 'THB',
      })
      .onConflict(['case_id', 'order_id'])
      .ignore();
  }
  await scheduleSlaTimers(trx, {
    id: row.id,
    org_id: c.orgId,
    first_response_due_at: firstResponseDueAt,
    resolution_warn_at: resolutionWarnAt,
    resolution_due_at: resolutionDueAt,
  });
  await recordCaseEvent(
    trx,
    {
      orgId: c.orgId,
      caseId: row.id,
      type: 'created',
      actor,
      isPublic: true,
      data: { caseType: c.caseTypeKey, severity, source: c.source, messageId: c.sourceMessageId },
    },
    {
      now,
      replyToEventId: c.replyToEventId,
      tellCustomer: c.tellCustomer,
      opened: { number, conversationId: c.conversationId ?? null, language: c.language, fields: c.fields, resolutionDueAt, trackingToken: row.tracking_token },
    },
  );
  return {
    id: row.id,
    number,
    trackingToken: row.tracking_token,
    severity,
    caseTypeName: { th: caseType.name.th, en: caseType.name.en },
    firstResponseDueAt,
    resolutionDueAt,
  };
}
