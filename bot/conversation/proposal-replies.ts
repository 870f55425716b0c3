import type { Knex } from 'knex';
import type { BookingView } from '../../core/bookings/booking-desk.ts';
import type { Action } from '../../core/messaging/outbound-message.ts';
import { renderTemplate } from '../../core/templates/render-template.ts';
import { replyData } from './dialogue.ts';

/** The customer's quick replies on a proposal: `act=proposal&v=accept:B-000045` (or `other:`). */
export const PROPOSAL_REPLY = 'proposal';

/** The quick replies under a proposed time (the customer notice's, core/bookings/booking-notifications.ts). */
export async function proposalReplies(trx: Knex.Transaction, b: BookingView): Promise<Action[]> {
  const label = async (key: string, fallback: string) => (await renderTemplate(trx, b.orgId, key, b.contactLanguage)) || fallback;
  const yes = await label('label_confirm', 'OK');
  const other = await label('label_other_time', b.contactLanguage === 'th' ? 'ขอเวลาอื่น' : 'Another time');
  return [
    { type: 'postback', label: yes, data: replyData(PROPOSAL_REPLY, `accept:${b.number}`), displayText: yes },
    { type: 'postback', label: other, data: replyData(PROPOSAL_REPLY, `other:${b.number}`), displayText: other },
  ];
}

/** A tap on one of those replies: the booking it names and whether the customer accepts; undefined when it is not one. */
export function readProposalAnswer(value: string): { number: string; accept: boolean } | undefined {
  const m = /^(accept|other):(B-\d+)$/.exec(value);
  return m ? { number: m[2], accept: m[1] === 'accept' } : undefined;
}
