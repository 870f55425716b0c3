import type { Knex } from 'knex';
import type { CaseEventSubscriber, RecordedCaseEvent } from '../cases/case-timeline.ts';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import { buildCaseCard } from './case-card.ts';
import { postToStaffMember, staffById, staffName, type StaffDeps } from './staff-desk.ts';
import { say, type Phrase } from './staff-phrases.ts';

/**
 * A case handed to someone (core/cases/case-commands.ts `reassign`): the new owner hears it 1:1 in
 * LINE, in the same transaction as the hand-over. Subscribed to the case timeline in bin/system.ts.
 *
 * The two doors tell differently, as they always have: from a LINE chat the new owner also gets
 * the case's card to act on, and is told even when the manager gave it to themselves; from the
 * desk (LIFF, REST) a line of text, and nothing when the manager gave it to themselves. A case
 * someone takes (no `via`) is nobody's news.
 */
const PHRASES = {
  assignedToYou: { th: '{who} มอบหมายเคส {n} ให้คุณค่ะ', en: '{who} gave you {n}.' },
} satisfies Record<string, Phrase>;

export function tellNewOwner(deps: Pick<StaffDeps, 'actionKey'>): CaseEventSubscriber {
  return async (trx: Knex.Transaction, e: RecordedCaseEvent) => {
    const via = e.context.via;
    const to = e.data?.to;
    if (e.type !== 'owner_changed' || !via || typeof to !== 'string' || e.actor.type !== 'staff' || !e.actor.id) return;
    if (via === 'desk' && to === e.actor.id) return;
    const assignee = await staffById(trx, e.orgId, to);
    if (!assignee) return;
    const c = await trx('cases').select('number').where({ id: e.caseId }).first();
    const who = (await staffName(trx, e.actor.id)) ?? '';
    const messages: OutboundMessage[] = [{ kind: 'text', text: say(assignee.language, PHRASES.assignedToYou, { who, n: c.number }) }];
    if (via === 'line') {
      const card = await buildCaseCard(deps, trx, { orgId: e.orgId, caseId: e.caseId, language: assignee.language, now: e.context.now ?? new Date(), viewer: assignee });
      // No card, no message: as a tap has always done.
      if (!card) return;
      messages.push(card);
    }
    await postToStaffMember(trx, assignee, messages, { caseId: e.caseId });
  };
}
