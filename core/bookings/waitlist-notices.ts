import type { Knex } from 'knex';
import { queueMessages } from '../conversations/outgoing.ts';
import type { Action } from '../messaging/outbound-message.ts';
import { renderTemplate, type TemplateVars } from '../templates/render-template.ts';
import { localMoment } from '../time/org-time.ts';
import type { Language } from '../vocabulary.ts';
import { customerChatOf, formatBookingDate } from './booking-desk.ts';
import { waitlistSession, type WaitlistEvent, type WaitlistRow } from './session-waitlist.ts';

/**
 * How a customer on a waitlist hears of it: a subscriber of the waitlist's events
 * (session-waitlist.ts), in the transaction that offered or closed the seat, so a rolled-back offer
 * says nothing. The offer (`waitlist_offer`) carries accept / decline quick replies (the dialogue's,
 * bot/conversation/waitlist-replies.ts); an offer that ran out is said too (`waitlist_offer_expired`), and so are a place staff took off the line
 * (`waitlist_removed`) and a line closed because its session was cancelled (`waitlist_closed`).
 * It goes to the chat the customer asked in, else their latest chat (customerChatOf): a website
 * customer with only an e-mail address reads it by e-mail when the org has an e-mail channel, and
 * follows their place by its link otherwise.
 */
export interface WaitlistNoticeDeps {
  offerReplies: (trx: Knex.Transaction, e: WaitlistRow) => Promise<Action[]>;
}

/** The session's service, date and time in the customer's words, for the waitlist's templates. */
export async function waitlistVars(db: Knex | Knex.Transaction, e: WaitlistRow, language: Language): Promise<TemplateVars> {
  const s = await waitlistSession(db, e.org_id, e.session_id);
  if (!s) return {};
  const expires = e.offer_expires_at ? localMoment(s.timeZone, new Date(e.offer_expires_at)) : undefined;
  return {
    service: s.serviceName[language],
    date: formatBookingDate(s.date, language),
    time: s.time,
    seats: e.seats,
    expires_at: expires ? `${expires.date === s.date ? '' : `${formatBookingDate(expires.date, language)} `}${expires.time}` : undefined,
  };
}

/** The text each waitlist event sends the customer. */
const NOTICE: Record<WaitlistEvent['type'], string> = {
  offered: 'waitlist_offer',
  expired: 'waitlist_offer_expired',
  removed: 'waitlist_removed',
  closed: 'waitlist_closed',
};

export function waitlistCustomerNotices(deps: WaitlistNoticeDeps) {
  return async (trx: Knex.Transaction, ev: WaitlistEvent): Promise<void> => {
    const e = ev.entry;
    const template = NOTICE[ev.type];
    const text = await renderTemplate(trx, e.org_id, template, e.language, await waitlistVars(trx, e, e.language));
    if (!text) return;
    const conversationId = await customerChatOf(trx, { orgId: e.org_id, contactId: e.contact_id, conversationId: e.conversation_id });
    if (!conversationId) return;
    const quickReplies = ev.type === 'offered' ? await deps.offerReplies(trx, e) : [];
    await queueMessages(trx, { orgId: e.org_id, conversationId, messages: [{ kind: 'text', text, ...(quickReplies.length ? { quickReplies } : {}) }], senderType: 'system' });
  };
}
