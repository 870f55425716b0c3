import type { Knex } from 'knex';
import type { FailedSend } from '../conversations/outgoing.ts';
import { takeOnce } from '../org-counters.ts';
import type { Language } from '../vocabulary.ts';
import { postToManagers } from './managers-reach.ts';

/**
 * A send that failed for good (a platform outage longer than the retries, or a refusal) tells the
 * managers (their groups, or 1:1 without one: managers-reach.ts) once per outbox row: who was not answered, why, and how to send it again. The
 * alert itself is an ordinary group push: several failures within a couple of seconds go out as one
 * push, and during an outage it waits, with its own retries, until LINE is back. A failure of a push
 * to a managers' group or a manager's chat does not alert that chat (it could not be told). It reacts to the failure
 * (subscribed in bin/system.ts), in the transaction that records it.
 */
export async function alertSendFailed(trx: Knex.Transaction, o: FailedSend): Promise<void> {
  // A customer who blocked the account: sending again cannot help; whoever wrote is told instead (customerUnreachable).
  if (o.blocked) return;
  if (!(await takeOnce(trx, o.orgId, `send_failed_alert:${o.outboxId}`))) return;
  const conversation = await trx('conversations as cv')
    .leftJoin('contacts as c', 'c.id', 'cv.contact_id')
    .where('cv.id', o.conversationId)
    .first('cv.external_id', 'cv.kind', 'c.display_name');
  const who = conversation?.display_name ?? conversation?.external_id ?? o.conversationId;
  const text = (l: Language) =>
    l === 'th'
      ? `⚠️ ส่งข้อความ ${o.messages} รายการถึง ${who} ไม่สำเร็จ: ${o.error.slice(0, 200)}\nส่งใหม่: POST /api/v1/outbox/${o.outboxId}/retry`
      : `⚠️ ${o.messages} message(s) to ${who} could not be sent: ${o.error.slice(0, 200)}\nSend again: POST /api/v1/outbox/${o.outboxId}/retry`;
  await postToManagers(trx, o.orgId, (l) => [{ kind: 'text', text: text(l) }], { except: conversation?.external_id });
}
