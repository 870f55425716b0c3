import { caseState } from '../cases/case-queries.ts';
import type { Knex } from 'knex';
import { buildCaseCard } from './case-card.ts';
import { groupsForCase } from './routing.ts';
import { postToGroup, type StaffDeps, type StaffGroupRef } from './staff-desk.ts';
import type { AnnounceCaseJob } from './staff-jobs.ts';

/**
 * A new case's card, posted to every group routed for it (core/staff/routing.ts), each in the
 * group's language. Groups the bot has left are not routed to (and postToGroup refuses them too).
 */
export async function announceCase(deps: StaffDeps, trx: Knex.Transaction, job: AnnounceCaseJob): Promise<{ posted: number }> {
  const c = await caseState(trx, job.caseId);
  if (!c) return { posted: 0 };
  const now = deps.now?.() ?? new Date();
  let posted = 0;
  for (const group of await groupsForCase(trx, job.caseId)) {
    // A job run again after it committed (a worker lost before recording the outcome) posts nothing twice.
    if (await cardAlreadyPosted(trx, group, job.caseId)) continue;
    const card = await buildCaseCard(deps, trx, { orgId: c.orgId, caseId: job.caseId, language: group.language, now });
    if (!card) continue;
    if (await postToGroup(trx, group, [card], { caseId: job.caseId, now })) posted++;
  }
  return { posted };
}

async function cardAlreadyPosted(trx: Knex.Transaction, group: StaffGroupRef, caseId: string): Promise<boolean> {
  const row = await trx('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where({ 'conversations.channel_id': group.channelId, 'conversations.external_id': group.lineGroupId, 'messages.case_id': caseId, 'messages.direction': 'out' })
    .whereRaw(`messages.payload->'outbound'->>'kind' = 'card'`)
    .first('messages.id');
  return Boolean(row);
}
