import type { Knex } from 'knex';
import { OPEN_BOOKING_STAGES } from '../bookings/booking-stage.ts';
import { OPEN_CASE_STATUSES } from '../cases/case-status.ts';
import type { ConversationEventSubscriber, RecordedConversationEvent } from '../conversations/conversation-timeline.ts';
import type { Action, OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../vocabulary.ts';
import { groupsForConversation } from './routing.ts';
import { staffActionData } from './staff-buttons.ts';
import { postToGroup, postToStaffMember, staffById, staffName, type StaffDeps } from './staff-desk.ts';
import { say, type Phrase } from './staff-phrases.ts';

/**
 * What the staff desk does when the inbox changes (core/conversations/conversation-timeline.ts,
 * subscribed in bin/system.ts): a customer waiting for a person is announced to the support
 * groups with a card (who, on which channel, the last few messages, their open cases and
 * bookings) and Take and Resolve buttons (bot/staff/conversation-actions.ts); someone given a
 * conversation by someone else is told 1:1, and so is a holder whose snoozed conversation woke.
 * Posted through the outbox in the change's own transaction: a rolled-back change says nothing.
 */
const LAST_MESSAGES = 5;
const LINE_CHARS = 120;

const PHRASES = {
  title: { th: 'ลูกค้าขอคุยกับเจ้าหน้าที่', en: 'A customer asks for a person' },
  asked: { th: 'ลูกค้าขอเอง', en: 'They asked' },
  botCouldNotHelp: { th: 'บอทตอบไม่ได้', en: 'The bot could not help' },
  customer: { th: 'ลูกค้า', en: 'Customer' },
  unknownCustomer: { th: 'ไม่ทราบชื่อ', en: 'Name unknown' },
  channel: { th: 'ช่องทาง', en: 'Channel' },
  openCases: { th: 'เคสที่เปิดอยู่', en: 'Open cases' },
  openBookings: { th: 'การจองที่เปิดอยู่', en: 'Open bookings' },
  none: { th: 'ไม่มี', en: 'none' },
  take: { th: 'รับเรื่อง', en: 'Take' },
  resolve: { th: 'ปิดเรื่อง', en: 'Resolve' },
  fromCustomer: { th: 'ลูกค้า', en: 'Customer' },
  fromBot: { th: 'บอท', en: 'Bot' },
  fromStaff: { th: 'เจ้าหน้าที่', en: 'Staff' },
  tapped: { th: '(กดปุ่ม)', en: '(tapped a button)' },
  assignedToYou: { th: '{who} มอบหมายการสนทนากับ {customer} ให้คุณค่ะ', en: '{who} gave you the conversation with {customer}.' },
  woke: { th: '{customer} ส่งข้อความมาอีกครั้ง การสนทนากลับไปรอเจ้าหน้าที่ค่ะ', en: '{customer} wrote again: the conversation you snoozed is waiting for a person.' },
} satisfies Record<string, Phrase>;

const CHANNEL_LABEL: Record<string, string> = { line: 'LINE', whatsapp: 'WhatsApp' };

export function conversationNotices(deps: Pick<StaffDeps, 'actionKey'>): ConversationEventSubscriber {
  return async (trx, e) => {
    if (e.type === 'waiting') return announceWaiting(deps, trx, e);
    if (e.type === 'assigned' && typeof e.data?.to === 'string' && e.data.to !== e.actor.id) return tell(trx, e, e.data.to, 'assignedToYou');
    if (e.type === 'woke' && typeof e.data?.previousAssignee === 'string') return tell(trx, e, e.data.previousAssignee, 'woke');
  };
}

interface Customer {
  conversationId: string;
  contactId: string | null;
  name: string | null;
  language: Language;
  isVip: boolean;
  channel: string;
}

async function customerOf(trx: Knex.Transaction, conversationId: string): Promise<Customer | undefined> {
  const row = await trx('conversations')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select('conversations.contact_id', 'contacts.display_name', 'contacts.phone', 'contacts.language', 'contacts.is_vip', 'channels.kind')
    .where('conversations.id', conversationId)
    .first();
  if (!row) return undefined;
  return {
    conversationId,
    contactId: row.contact_id,
    name: row.display_name ?? row.phone ?? null,
    language: row.language ?? 'th',
    isVip: Boolean(row.is_vip),
    channel: CHANNEL_LABEL[row.kind] ?? row.kind,
  };
}

async function announceWaiting(deps: Pick<StaffDeps, 'actionKey'>, trx: Knex.Transaction, e: RecordedConversationEvent): Promise<void> {
  const customer = await customerOf(trx, e.conversationId);
  if (!customer) return;
  const groups = await groupsForConversation(trx, e.orgId, customer);
  if (!groups.length) return;
  // One after another: a transaction's queries take turns on its one connection.
  const messages = await trx('messages').select('sender_type', 'text', 'kind').where({ conversation_id: e.conversationId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(LAST_MESSAGES);
  const cases: string[] = customer.contactId
    ? await trx('cases').where({ org_id: e.orgId, contact_id: customer.contactId }).whereIn('status', OPEN_CASE_STATUSES).orderBy('created_at').pluck('number')
    : [];
  const bookings: string[] = customer.contactId
    ? await trx('bookings').where({ org_id: e.orgId, contact_id: customer.contactId }).whereIn('stage', OPEN_BOOKING_STAGES).orderBy('created_at').pluck('number')
    : [];
  for (const group of groups) {
    const lang = group.language;
    const who = (senderType: string) => (senderType === 'customer' ? PHRASES.fromCustomer : senderType === 'staff' ? PHRASES.fromStaff : PHRASES.fromBot)[lang];
    // A tap's text is its postback data, which means nothing to a person.
    const said = (m: { kind: string; text: string | null }) => (m.kind === 'postback' ? PHRASES.tapped[lang] : clip(m.text ?? `(${m.kind})`));
    const lines = [...messages].reverse().map((m) => `${who(m.sender_type)}: ${said(m)}`);
    const button = (name: string, label: string): Action => ({
      type: 'postback',
      label,
      displayText: `${label}: ${customer.name ?? PHRASES.unknownCustomer[lang]}`,
      data: staffActionData(deps.actionKey, { orgId: e.orgId, name, subjectId: e.conversationId, now: e.now }),
    });
    const name = customer.name ?? PHRASES.unknownCustomer[lang];
    const card: OutboundMessage = {
      kind: 'card',
      card: {
        altText: `${PHRASES.title[lang]}: ${name} (${customer.channel})`,
        title: PHRASES.title[lang],
        subtitle: (e.data?.reason === 'bot_could_not_help' ? PHRASES.botCouldNotHelp : PHRASES.asked)[lang],
        tone: 'neutral',
        fields: [
          { label: PHRASES.customer[lang], value: customer.isVip ? `${name} · VIP` : name },
          { label: PHRASES.channel[lang], value: customer.channel },
          { label: PHRASES.openCases[lang], value: cases.join(', ') || PHRASES.none[lang] },
          { label: PHRASES.openBookings[lang], value: bookings.join(', ') || PHRASES.none[lang] },
        ],
        body: lines.join('\n') || undefined,
        actions: [button('conversation.take', PHRASES.take[lang]), button('conversation.resolve', PHRASES.resolve[lang])],
      },
    };
    // The customer is waiting: the card goes now (with whatever else is pending for the group), not
    // after the group push window, which alone would keep them waiting 2 s (docs/benchmarks.md, "The inbox").
    await postToGroup(trx, group, [card], { now: e.now, atOnce: true });
  }
}

const clip = (text: string) => (text.length > LINE_CHARS ? `${text.slice(0, LINE_CHARS - 1)}…` : text).replace(/\s+/g, ' ');

async function tell(trx: Knex.Transaction, e: RecordedConversationEvent, staffId: string, phrase: 'assignedToYou' | 'woke'): Promise<void> {
  const staff = await staffById(trx, e.orgId, staffId);
  const customer = await customerOf(trx, e.conversationId);
  if (!staff || !customer) return;
  const by = e.actor.type === 'staff' && e.actor.id ? await staffName(trx, e.actor.id) : undefined;
  const text = say(staff.language, PHRASES[phrase], { who: by ?? '', customer: customer.name ?? PHRASES.unknownCustomer[staff.language] });
  await postToStaffMember(trx, staff, [{ kind: 'text', text }]);
}
