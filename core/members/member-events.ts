import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';
import type { Member } from './members.ts';

/**
 * What moved in a member's wallet, points or credits, for those who react (the business's
 * webhooks `member.credited` / `member.debited`: core/integrations/member-events-out.ts),
 * subscribed in bin/system.ts and run in the transaction that moved it.
 */
export interface MemberMovement {
  member: Member;
  kind: 'credited' | 'debited';
  what: 'wallet' | 'points' | 'credits';
  /** Minor units for the wallet, points, or credits. */
  amount: number;
  /** The wallet's currency, `PTS` or `CRD`. */
  unit: string;
  /** What moved it: package_sale, booking, booking_returned, adjustment, top_up, expired, package_refund. */
  cause: string;
  sourceId: string;
}

const subscribers = new Subscribers<MemberMovement>();

export function subscribeToMemberMovements(name: string, subscriber: (trx: Knex.Transaction, m: MemberMovement) => Promise<void>): void {
  subscribers.subscribe(name, subscriber);
}

export async function memberMoved(trx: Knex.Transaction, m: MemberMovement): Promise<void> {
  await subscribers.publish(trx, m);
}
