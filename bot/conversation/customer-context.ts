import type { Knex } from 'knex';
import { openPlacesOf } from '../../core/bookings/session-waitlist.ts';
import { saysLeaveWaitlist } from './waitlist-words.ts';
import { contactLanguage } from '../../core/contacts/contact-identities.ts';
import { readOrgSettings } from '../../core/orgs/org-settings.ts';
import { caseTypesNeedingOrderId } from '../../core/understanding/taxonomy-admin.ts';
import { casesInConversation, casesInConversationQuery, casesOf, type CasesInConversationBounds } from '../../core/cases/case-queries.ts';
import { staffGroupOfConversation } from '../../core/staff/staff-desk.ts';
import type { Language } from '../../core/vocabulary.ts';
import { liveDialogue, readReplyData, type Dialogue } from './dialogue.ts';
import type { CasesHereQuery, IncomingMessage } from '../../core/conversations/incoming-message.ts';
import { afterCustomerMessage, botAnswers } from '../../core/conversations/inbox-rules.ts';
import { bookingAwaitingPayment } from '../../core/checkout/slips.ts';
import { bookingsOfCustomer, type CustomerBooking } from '../../core/bookings/customer-bookings.ts';
import { asksAboutMyBooking } from './readings.ts';

/**
 * Everything the customer dialogue decides from: who the customer is, the dialogue they are in,
 * the button they tapped, and the case their message may be about. Read once, before deciding.
 */
/** A customer's message this soon after an open case was touched belongs to it. */
const FOLLOW_UP_DAYS = 7;

export interface ContextDeps {
  knex: Knex;
  now?: () => Date;
}

export interface CustomerContext {
  orgId: string;
  timeZone: string;
  orderIdPatterns: string[] | undefined;
  messageId: string;
  inboundEventId: number | null;
  conversationId: string;
  contactId: string;
  language: Language;
  source: 'line' | 'whatsapp';
  text: string;
  /** An image, video, audio clip or file: on an open case it goes to the case (and its groups). */
  hasFile: boolean;
  reply: { act: string; value?: string; params?: Record<string, string> } | undefined;
  dialogue: Dialogue | undefined;
  /** Whether the conversation's row holds a dialogue at all, live or not: clearing one that is not there writes nothing. */
  dialogueStored?: boolean;
  openCase: { id: string; number: string; caseType: string } | undefined;
  /** An image from a customer whose open booking still owes money: a transfer slip, most likely (core/checkout/slips.ts). */
  awaitingPayment?: { id: string; number: string };
  /** The customer said "leave the waitlist" and waits in a line (asked of the database only when they said it). */
  waitsInLine?: boolean;
  /** The customer asked where their booking stands: their newest booking (read only when they asked). */
  bookingAsked?: CustomerBooking;
  /** A case resolved within the reopen window, which a reply from the customer reopens. */
  resolvedCase: { id: string; number: string; caseType: string } | undefined;
  /**
   * A person holds the conversation or was asked for (core/conversations/inbox-rules.ts, after this
   * message wakes a snooze or returns an idle one to the bot): the bot records and does not answer.
   */
  personHolds?: boolean;
  /** What this message does to who holds the conversation: wakes a snooze, or returns an idle one to the bot. */
  inboxChange?: 'woke' | 'returned_to_bot';
  /**
   * Case types that need an order id before a case opens, when the org has said what its order ids
   * look like (its patterns): without them the bot could not check what a customer gives.
   */
  orderIdRequired?: string[];
  /** Whether the org has a service to book (an order desk may have none): unknown when unset. */
  takesBookings?: boolean;
  /** How sure the bot must be to act (the org's `actWhenSure`, as a share); the bot's default when unset. */
  actWhenSure?: number;
  now: Date;
}


/** What a customer's message may be about: their open case touched in the last week, or one resolved within the org's reopen window. */
function casesBounds(org: { reopenWindowHours: number }, now: Date): CasesInConversationBounds {
  return { touchedSince: new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000), resolvedSince: new Date(now.getTime() - org.reopenWindowHours * 3_600_000) };
}

/**
 * The same as a rule for the statement that stores and reads the message (core/conversations
 * `IncomingReadRules.cases`), bounded now: the org's settings are kept in memory, so this reads
 * nothing in most calls, and the message's context then reads no cases of its own (#41).
 */
export async function casesHereRule(deps: ContextDeps, orgId: string): Promise<CasesHereQuery> {
  const bounds = casesBounds(await readOrgSettings(deps.knex, orgId), deps.now?.() ?? new Date());
  return (contact, conversation) => casesInConversationQuery(deps.knex, { contactId: contact, conversationId: conversation, ...bounds });
}

export async function loadCustomerContext(deps: ContextDeps, m: IncomingMessage): Promise<CustomerContext | { skip: string }> {
  const { knex } = deps;
  const conversation = m.conversation;
  // A VIP customer's group is that customer's chat: what its members who are not staff say opens
  // and continues the customer's cases there (staff messages were taken by the staff router).
  let contactId: string | null = conversation.contactId;
  if (conversation.kind === 'group') {
    const group = await staffGroupOfConversation(knex, conversation.id);
    contactId = group?.isActive && group.purpose === 'vip_customer' ? group.contactId : null;
  }
  if (!contactId) return { skip: 'group conversations are for staff' };
  // E-mail is answered by people from the inbox (docs/channels.md): a bot answering mail risks loops with auto-replies.
  const channelKind = conversation.channelKind;
  if (channelKind === 'email') return { skip: 'e-mail is answered by staff from the inbox' };
  // SMS too: every segment is paid for, and a chat of buttons and cards cannot be had in plain text.
  if (channelKind === 'sms') return { skip: 'SMS is answered by staff from the inbox' };
  // The conversation's own contact's language came with the message; a VIP group's contact is read.
  const known = contactId === conversation.contactId ? conversation.contactLanguage : undefined;
  const [language, org] = await Promise.all([known ?? contactLanguage(knex, contactId), readOrgSettings(knex, m.orgId)]);
  const now = deps.now?.() ?? new Date();
  const inboxChange = afterCustomerMessage(conversation.inbox, now);
  const postback = m.payload?.postback as { data: string; params?: Record<string, string> } | null;
  const fromButton = postback ? readReplyData(postback.data) : m.payload?.message?.buttonPayload ? readReplyData(m.payload.message.buttonPayload) : undefined;
  // A resolved case counts only when none is open (a reply reopens it).
  // Read with the message where the reader was given the rule (`casesHereRule`): a VIP group's contact is read apart.
  const cases =
    conversation.casesHere && contactId === conversation.contactId
      ? casesOf(conversation.casesHere)
      : await casesInConversation(knex, { contactId, conversationId: conversation.id, ...casesBounds(org, now) });
  const open = cases.open;
  const resolved = open ? undefined : cases.resolved;
  return {
    orgId: m.orgId,
    timeZone: org.timeZone,
    orderIdPatterns: org.orderIdPatterns,
    messageId: m.id,
    inboundEventId: m.inboundEventId,
    conversationId: conversation.id,
    contactId,
    language,
    source: channelKind,
    text: postback ? '' : (m.text ?? ''),
    hasFile: ['image', 'video', 'audio', 'file'].includes(m.kind),
    awaitingPayment: m.kind === 'image' && !open ? await bookingAwaitingPayment(knex, contactId) : undefined,
    waitsInLine: !postback && saysLeaveWaitlist(m.text ?? '') ? (await openPlacesOf(knex, m.orgId, contactId)).length > 0 : undefined,
    bookingAsked: !postback && asksAboutMyBooking(m.text ?? '') ? (await bookingsOfCustomer(knex, { orgId: m.orgId, contactId, limit: 1 }))[0] : undefined,
    reply: fromButton ? { ...fromButton, params: postback?.params } : undefined,
    // A group's set-up draft (bot/staff/group-setup.ts) is the staff's, not the customer's; a
    // hand-over left idle is over with this message (core/conversations/inbox-rules.ts).
    dialogue:
      conversation.dialogue?.kind === 'group_setup' || (inboxChange === 'returned_to_bot' && conversation.dialogue?.kind === 'handoff')
        ? undefined
        : liveDialogue(conversation.dialogue, now),
    dialogueStored: conversation.dialogue != null,
    openCase: open,
    resolvedCase: resolved,
    personHolds: !botAnswers(conversation.inbox, now),
    inboxChange,
    actWhenSure: org.actWhenSure / 100,
    orderIdRequired: org.orderIdPatterns.length ? await caseTypesNeedingOrderId(knex, m.orgId) : [],
    now,
  };
}

