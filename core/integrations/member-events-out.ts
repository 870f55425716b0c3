import type { Knex } from 'knex';
import { emitWebhookEvent } from './case-events-out.ts';

/**
 * `member.credited` / `member.debited` for the business's own system (docs/members.md): every
 * movement of a member's wallet, points or credits, amounts as the REST API gives them.
 */
/** What core/members/member-events.ts publishes (written here so that integrations need not import members, which reads checkout). */
interface MemberMovement {
  member: { id: string; orgId: string; number: string; contactId: string };
  kind: 'credited' | 'debited';
  what: string;
  amount: number;
  unit: string;
  cause: string;
  sourceId: string;
}

export async function sendMemberWebhooks(trx: Knex.Transaction, m: MemberMovement): Promise<void> {
  await emitWebhookEvent(trx, {
    orgId: m.member.orgId,
    type: m.kind === 'credited' ? 'member.credited' : 'member.debited',
    data: async () => ({
      member: { id: m.member.id, number: m.member.number, contactId: m.member.contactId },
      movement: { what: m.what, amount: m.amount, unit: m.unit, cause: m.cause, sourceId: m.sourceId },
    }),
  });
}
