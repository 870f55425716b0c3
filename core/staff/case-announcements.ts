import { caseState, lockCase } from '../cases/case-queries.ts';
import { recordCaseEvent } from '../cases/case-timeline.ts';
import type { Knex } from 'knex';
import { buildCaseCard } from './case-card.ts';
import { groupsForCase } from './routing.ts';
import { postToGroup, type StaffDeps, type StaffGroupRef } from './staff-desk.ts';
import type { AnnounceCaseJob, AnnounceCorrectionJob } from './staff-jobs.ts';

/**
 * A new case's card, posted to every group routed for it (core/staff/routing.ts), each in the
 * group's language. Groups the bot has left are not routed to (and postToGroup refuses them too).
 */
export async function announceCase(deps: StaffDeps, trx: Knex.Transaction, job: AnnounceCaseJob): Promise<{ posted: number }> {
  const now = deps.now?.() ?? new Date();
  let posted = 0;
  // None for a case that is gone: the routing reads the case.
  for (const group of await groupsForCase(trx, job.caseId)) {
    // A job run again after it committed (a worker lost before recording the outcome) posts nothing twice.
    if (await cardAlreadyPosted(trx, group, job.caseId)) continue;
    const card = await buildCaseCard(deps, trx, { orgId: group.orgId, caseId: job.caseId, language: group.language, now });
    if (!card) continue;
    // A new case's first-response clock runs: its card goes now (with whatever else is pending for
    // the group), not after the group push window, which alone would hold it 2 s (#42's goal: the
    // card within 2 s of POST /api/v1/cases; docs/benchmarks.md, "Cases from anywhere").
    if (await postToGroup(trx, group, [card], { caseId: job.caseId, now, atOnce: true })) posted++;
  }
  return { posted };
}

/**
 * A case's type or severity corrected: its card as it is now (the new type, severity and due
 * times) to every group routed for it, once per correction. A LINE message cannot be edited, so
 * the groups that had the old card get the new one below it; a group the new type routes to that
 * never had the case gets it for the first time: the right team hears of a case that went to the
 * wrong one. Recorded as `staff_alerted` (kind `corrected`) on the case, which makes a second run
 * post nothing.
 */
export async function announceCorrection(deps: StaffDeps, trx: Knex.Transaction, job: AnnounceCorrectionJob): Promise<{ posted: number }> {
  if (!(await lockCase(trx, job.caseId))) return { posted: 0 };
  const already = await trx('case_events').where({ case_id: job.caseId, type: 'staff_alerted' }).whereRaw(`data->>'caseEventId' = ?`, [String(job.caseEventId)]).first('id');
  const c = await caseState(trx, job.caseId);
  if (already || !c) return { posted: 0 };
  const now = deps.now?.() ?? new Date();
  const to: { groupId: string }[] = [];
  for (const group of await groupsForCase(trx, job.caseId)) {
    const card = await buildCaseCard(deps, trx, { orgId: c.orgId, caseId: job.caseId, language: group.language, now });
    if (card && (await postToGroup(trx, group, [card], { caseId: job.caseId, now }))) to.push({ groupId: group.id });
  }
  await recordCaseEvent(trx, { orgId: c.orgId, caseId: job.caseId, type: 'staff_alerted', actor: { type: 'system', id: null }, isPublic: false, data: { caseEventId: String(job.caseEventId), kind: 'corrected', to } });
  return { posted: to.length };
}

async function cardAlreadyPosted(trx: Knex.Transaction, group: StaffGroupRef, caseId: string): Promise<boolean> {
  const row = await trx('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where({ 'conversations.channel_id': group.channelId, 'conversations.external_id': group.lineGroupId, 'messages.case_id': caseId, 'messages.direction': 'out' })
    .whereRaw(`messages.payload->'outbound'->>'kind' = 'card'`)
    .first('messages.id');
  return Boolean(row);
}
