import { customerNoticesOf } from '../contracts/org-settings.ts';
import type { Knex } from 'knex';
import { setDialogue } from '../conversations/conversation-log.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { renderTemplate } from '../templates/render-template.ts';
import type { Language } from '../vocabulary.ts';
import { casesJoinedToTypes } from './case-queries.ts';
import { recordCaseEvent, type CaseEventSubscriber } from './case-timeline.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Customer satisfaction: when a case is resolved, the customer is asked once, in their language,
 * to rate it 1 to 5 (quick replies), then for an optional comment. Everything is on the case's
 * timeline: `satisfaction_requested`, `satisfaction_rated` ({ score }), `satisfaction_commented`
 * ({ comment }). Asked only when the case type's switch is on (`case_types.notify.satisfaction`,
 * off unless an admin turns it on), the case came from a conversation with a customer, and it was
 * never asked before (a case resolved again after a reopen is not asked again).
 *
 * The question is asked by a timeline subscriber (registered in bin/system.ts), so whoever
 * resolves the case (a LINE button, the API, a worker) the customer is asked the same way. The
 * customer's tap carries the case number (`act=csat&v=C-000012:4`); the conversation's dialogue
 * (`{ kind: 'satisfaction' }`) lets a typed 1-5, and then the comment, reach the survey
 * (bot/conversation/decide.ts).
 */
export const SATISFACTION_REPLY = 'csat';
export const SATISFACTION_SKIP_REPLY = 'csat_skip';
/** How long a typed 1-5 counts as the answer after the question (a tap on it counts any time). */
export const SATISFACTION_SCORE_MINUTES = 24 * 60;
export const MAX_SATISFACTION_COMMENT = 1000;

export interface SatisfactionDialogue {
  kind: 'satisfaction';
  caseId: string;
  caseNumber: string;
  awaiting: 'score' | 'comment';
  expiresAt: string;
}

const quickData = (act: string, value: string) => new URLSearchParams({ act, v: value }).toString();

/** The quick replies' data of a score: `act=csat&v=<case number>:<score>`. */
export function satisfactionReplyData(caseNumber: string, score: number): string {
  return quickData(SATISFACTION_REPLY, `${caseNumber}:${score}`);
}

export function readSatisfactionReply(value: string | undefined): { caseNumber: string; score: number } | undefined {
  const m = /^([A-Za-z0-9-]{1,40}):([1-5])$/.exec(value ?? '');
  return m ? { caseNumber: m[1], score: Number(m[2]) } : undefined;
}

/** The timeline subscriber that asks on `resolved`. */
export function satisfactionSurvey(): CaseEventSubscriber {
  return async (trx, e) => {
    if (e.type !== 'status_changed' || (e.data as { to?: string }).to !== 'resolved') return;
    await askForSatisfaction(trx, e.caseId, e.context.now ?? new Date());
  };
}

async function askForSatisfaction(trx: Knex.Transaction, caseId: string, now: Date): Promise<boolean> {
  const row = await casesJoinedToTypes(trx)
    .select('cases.id', 'cases.org_id', 'cases.number', 'cases.conversation_id', 'cases.contact_id', 'cases.language', 'case_types.notify')
    .where('cases.id', caseId)
    .first();
  const notify = typeof row?.notify === 'string' ? JSON.parse(row.notify) : (row?.notify ?? {});
  if (!row || notify.satisfaction !== true || !row.conversation_id || !row.contact_id) return false;
  // The org's own switch (Settings): off, no case type asks.
  const org = await orgSettingsRow(trx, row.org_id);
  if (!customerNoticesOf(org?.settings).satisfaction) return false;
  // Never twice: the case's row is locked by the resolution that got here, so this read decides.
  if (await trx('case_events').select('id').where({ case_id: caseId, type: 'satisfaction_requested' }).first()) return false;
  const conversation = await trx('conversations').select('kind', 'dialogue').where({ id: row.conversation_id }).first();
  if (conversation?.kind !== 'direct') return false;
  const contact = await trx('contacts').select('language').where({ id: row.contact_id }).first();
  const language: Language = contact?.language ?? row.language ?? 'th';
  const text = await renderTemplate(trx, row.org_id, 'csat_question', language, { case_id: row.number });
  if (!text) return false;
  await recordCaseEvent(trx, { orgId: row.org_id, caseId, type: 'satisfaction_requested', actor: { type: 'system', id: null }, isPublic: false, data: { language } }, { now });
  await queueMessages(trx, {
    orgId: row.org_id,
    conversationId: row.conversation_id,
    caseId,
    messages: [
      {
        kind: 'text',
        text,
        quickReplies: [1, 2, 3, 4, 5].map((n) => ({ type: 'postback' as const, label: `${n} ${'⭐'.repeat(n)}`, data: satisfactionReplyData(row.number, n), displayText: String(n) })),
      },
    ],
    senderType: 'system',
  });
  // A booking being collected keeps its dialogue: the tap still reaches the survey, a typed digit does not.
  const current = conversation.dialogue as { kind?: string; expiresAt?: string } | null;
  const busy = current?.kind === 'booking' && current.expiresAt && Date.parse(current.expiresAt) > now.getTime();
  if (!busy) {
    const dialogue: SatisfactionDialogue = { kind: 'satisfaction', caseId, caseNumber: row.number, awaiting: 'score', expiresAt: new Date(now.getTime() + SATISFACTION_SCORE_MINUTES * 60_000).toISOString() };
    await setDialogue(trx, row.conversation_id, dialogue);
  }
  return true;
}

export type SatisfactionOutcome = { recorded: true; caseId: string; caseNumber: string } | { recorded: false; why: 'unknown' | 'not_asked' | 'already' };

/** The customer's score, once per case: only their own case, only after the question was asked. */
export async function recordSatisfactionScore(
  trx: Knex.Transaction,
  a: { orgId: string; contactId: string; caseNumber: string; score: number; now?: Date },
): Promise<SatisfactionOutcome> {
  if (!Number.isInteger(a.score) || a.score < 1 || a.score > 5) return { recorded: false, why: 'unknown' };
  const c = await trx('cases').select('id', 'number', 'contact_id').where({ org_id: a.orgId, number: a.caseNumber }).forUpdate().first();
  if (!c || c.contact_id !== a.contactId) return { recorded: false, why: 'unknown' };
  const events = await trx('case_events').select('type').where({ case_id: c.id }).whereIn('type', ['satisfaction_requested', 'satisfaction_rated']);
  if (!events.some((e) => e.type === 'satisfaction_requested')) return { recorded: false, why: 'not_asked' };
  if (events.some((e) => e.type === 'satisfaction_rated')) return { recorded: false, why: 'already' };
  await recordCaseEvent(trx, { orgId: a.orgId, caseId: c.id, type: 'satisfaction_rated', actor: { type: 'customer', id: a.contactId }, isPublic: false, data: { score: a.score } }, { now: a.now });
  return { recorded: true, caseId: c.id, caseNumber: c.number };
}

/** The customer's comment after their score, once per case. */
export async function recordSatisfactionComment(trx: Knex.Transaction, a: { orgId: string; contactId: string; caseId: string; comment: string; now?: Date }): Promise<SatisfactionOutcome> {
  const comment = a.comment.trim().slice(0, MAX_SATISFACTION_COMMENT);
  const c = await trx('cases').select('id', 'number', 'contact_id').where({ org_id: a.orgId, id: a.caseId }).forUpdate().first();
  if (!c || c.contact_id !== a.contactId || !comment) return { recorded: false, why: 'unknown' };
  const events = await trx('case_events').select('type').where({ case_id: c.id }).whereIn('type', ['satisfaction_rated', 'satisfaction_commented']);
  if (!events.some((e) => e.type === 'satisfaction_rated')) return { recorded: false, why: 'not_asked' };
  if (events.some((e) => e.type === 'satisfaction_commented')) return { recorded: false, why: 'already' };
  await recordCaseEvent(trx, { orgId: a.orgId, caseId: c.id, type: 'satisfaction_commented', actor: { type: 'customer', id: a.contactId }, isPublic: false, data: { comment } }, { now: a.now });
  return { recorded: true, caseId: c.id, caseNumber: c.number };
}
