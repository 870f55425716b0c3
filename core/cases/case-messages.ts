import type { Knex } from 'knex';
import { linkMessageToCase } from '../conversations/conversation-log.ts';
import { recordCaseEvent } from './case-timeline.ts';

/**
 * Messages on a case's timeline: what the customer writes on it, what staff answer them, and
 * what the provider says in its group. Who hears about each is the subscribers' business
 * (core/staff/timeline-reactions.ts relays a customer's follow-up into the case's groups).
 */

/** A customer's message on a case that is already open. */
export async function addCustomerMessageToCase(
  trx: Knex.Transaction,
  m: { orgId: string; caseId: string; contactId: string | null; messageId: string; text: string | null },
): Promise<void> {
  await linkMessageToCase(trx, m.messageId, m.caseId);
  await recordCaseEvent(trx, {
    orgId: m.orgId,
    caseId: m.caseId,
    type: 'message_in',
    actor: { type: 'customer', id: m.contactId },
    isPublic: true,
    data: { messageId: m.messageId, text: m.text },
  });
}

/**
 * What a staff member said to the case's customer (already queued for sending by the caller):
 * public on the timeline and, the first time, the case's first response, whatever the status
 * (transition.ts counts the first move out of New).
 */
export async function recordStaffReply(
  trx: Knex.Transaction,
  r: { orgId: string; caseId: string; staffId: string; now: Date; data: Record<string, unknown> },
): Promise<void> {
  await recordCaseEvent(trx, { orgId: r.orgId, caseId: r.caseId, type: 'message_out', actor: { type: 'staff', id: r.staffId }, isPublic: true, data: r.data });
  await trx('cases').where({ id: r.caseId }).whereNull('first_responded_at').update({ first_responded_at: r.now });
}

/** The case a staff member last replied to from this conversation since `since`: where a file they send next goes. */
export async function lastRepliedCase(
  db: Knex | Knex.Transaction,
  r: { orgId: string; staffId: string; conversationId: string; since: Date },
): Promise<{ caseId: string; at: Date } | undefined> {
  const row = await db('case_events')
    .select('case_id', 'created_at')
    .where({ org_id: r.orgId, type: 'message_out', actor_type: 'staff', actor_id: r.staffId })
    .andWhere('created_at', '>', r.since)
    .whereRaw(`data->>'fromConversationId' = ?`, [r.conversationId])
    .orderBy('id', 'desc')
    .first();
  return row ? { caseId: row.case_id, at: new Date(row.created_at) } : undefined;
}

/** The provider's words in its group about a case: staff only, never shown to the customer. */
export async function addProviderMessageToCase(
  trx: Knex.Transaction,
  m: { orgId: string; caseId: string; messageId: string; data: Record<string, unknown> },
): Promise<void> {
  await linkMessageToCase(trx, m.messageId, m.caseId);
  await recordCaseEvent(trx, {
    orgId: m.orgId,
    caseId: m.caseId,
    type: 'provider_message',
    actor: { type: 'system', id: null },
    isPublic: false,
    data: { messageId: m.messageId, ...m.data },
  });
}
