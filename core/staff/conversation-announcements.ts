import type { Knex } from 'knex';
import { OPEN_BOOKING_STAGES } from '../bookings/booking-stage.ts';
import { OPEN_CASE_STATUSES } from '../cases/case-status.ts';
import type { ConversationEventSubscriber, RecordedConversationEvent } from '../conversations/conversation-timeline.ts';
import type { Action, OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../vocabulary.ts';
import { groupsForConversation } from './routing.ts';
import { staffActionData } from './staff-buttons.ts';
import { managersInLine, postToGroup, postToStaffMember, staffById, staffName, type StaffDeps } from './staff-desk.ts';
import { staffAppLink } from './staff-menu.ts';
import { clockTime, formatDuration } from './staff-alerts.ts';
import { say, type Phrase } from './staff-phrases.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * What the staff desk does when the inbox changes (core/conversations/conversation-timeline.ts,
 * subscribed in bin/system.ts): a customer waiting for a person is announced to the support
 * groups with a card (who, on which channel, the last few messages, their open cases and
 * bookings), Take and Resolve buttons (bot/staff/conversation-actions.ts) and Assign, a link to
 * the conversation on the desk; someone given a conversation by someone else is told 1:1, and so
 * are a holder whose snoozed conversation woke, the staff a private note mentions, and whoever
 * wrote a message the customer could not receive (they blocked the account); a conversation
 * whose holder left the team is announced again. What the groups hear after the card is
 * core/staff/conversation-relay.ts's. Posted through the outbox in the change's own transaction:
 * a rolled-back change says nothing.
 */
const LAST_MESSAGES = 5;
const LINE_CHARS = 120;

const PHRASES = {
  title: { th: 'ลูกค้าขอคุยกับเจ้าหน้าที่', en: 'A customer asks for a person' },
  asked: { th: 'ลูกค้าขอเอง', en: 'They asked' },
  botCouldNotHelp: { th: 'บอทตอบไม่ได้', en: 'The bot could not help' },
  botDailyLimit: { th: 'บอทตอบครบจำนวนของวันนี้แล้ว', en: "The bot's messages for today are used up" },
  customer: { th: 'ลูกค้า', en: 'Customer' },
  unknownCustomer: { th: 'ไม่ทราบชื่อ', en: 'Name unknown' },
  channel: { th: 'ช่องทาง', en: 'Channel' },
  openCases: { th: 'เคสที่เปิดอยู่', en: 'Open cases' },
  openBookings: { th: 'การจองที่เปิดอยู่', en: 'Open bookings' },
  none: { th: 'ไม่มี', en: 'none' },
  take: { th: 'รับเรื่อง', en: 'Take' },
  assign: { th: 'มอบหมาย', en: 'Assign' },
  resolve: { th: 'ปิดเรื่อง', en: 'Resolve' },
  fromCustomer: { th: 'ลูกค้า', en: 'Customer' },
  fromBot: { th: 'บอท', en: 'Bot' },
  fromStaff: { th: 'เจ้าหน้าที่', en: 'Staff' },
  tapped: { th: '(กดปุ่ม)', en: '(tapped a button)' },
  assignedToYou: { th: '{who} มอบหมายการสนทนากับ {customer} ให้คุณค่ะ', en: '{who} gave you the conversation with {customer}.' },
  woke: { th: '{customer} ส่งข้อความมาอีกครั้ง การสนทนากลับไปรอเจ้าหน้าที่ค่ะ', en: '{customer} wrote again: the conversation you snoozed is waiting for a person.' },
  mentioned: { th: '{who} กล่าวถึงคุณในการสนทนากับ {customer}: {note}', en: '{who} mentioned you on the conversation with {customer}: {note}' },
  snoozeEnded: { th: 'ครบเวลาที่พักการสนทนากับ {customer} ไว้แล้ว การสนทนากลับไปรอเจ้าหน้าที่ค่ะ', en: 'Your snooze of the conversation with {customer} is over: it is waiting for a person.' },
  first_response: { th: 'การตอบครั้งแรก', en: 'first answer' },
  next_response: { th: 'การตอบครั้งถัดไป', en: 'next answer' },
  responseWarning: {
    th: '{customer} รอ{clock}อยู่ ครบกำหนดเวลา {due} น. (เหลืออีก {left}) ค่ะ',
    en: '{customer} is waiting for a {clock}: due at {due} ({left} left).',
  },
  responseBreached: {
    th: '{customer} ยังไม่ได้รับ{clock} เลยกำหนดเวลา {due} น. แล้วค่ะ (รอมา {waited})',
    en: '{customer} has had no {clock}: it was due at {due} (waiting {waited}).',
  },
  nobodyToTell: {
    th: ' ไม่มีผู้ดูแลหรือกลุ่มซัพพอร์ตที่รับเรื่องนี้ค่ะ',
    en: ' Nobody holds it and no support group takes it.',
  },
  notDelivered: {
    th: 'ข้อความของคุณถึง {customer} ส่งไม่ถึงค่ะ ลูกค้าบล็อกบัญชีไว้ ระบบจะไม่ส่งซ้ำ',
    en: 'Your message to {customer} was not delivered: the customer has blocked the account. It will not be sent again.',
  },
  holderLeft: { th: 'ผู้ดูแลเดิมออกจากทีมแล้ว', en: 'The person who had it left the team' },
} satisfies Record<string, Phrase>;
/** Why a conversation waits for a person, as its card says it (a reason not listed: they asked). */
const WHY_WAITING: Record<string, Phrase> = { bot_could_not_help: PHRASES.botCouldNotHelp, bot_daily_limit: PHRASES.botDailyLimit, staff_removed: PHRASES.holderLeft };

const CHANNEL_LABEL: Record<string, string> = { line: 'LINE', whatsapp: 'WhatsApp' };

export interface NoticeDeps extends Pick<StaffDeps, 'actionKey' | 'publicBaseUrl'> {
  /** LIFF_ID_*: the card's Assign opens the desk through LIFF when it has an id. */
  liffIds?: Record<string, string>;
}

export function conversationNotices(deps: NoticeDeps): ConversationEventSubscriber {
  return async (trx, e) => {
    // A conversation whose holder left waits again: the groups hear of it as of a new one.
    if (e.type === 'waiting' || e.type === 'released') return announceWaiting(deps, trx, e);
    if (e.type === 'assigned' && typeof e.data?.to === 'string' && e.data.to !== e.actor.id) return tell(trx, e, e.data.to, 'assignedToYou');
    if (e.type === 'woke' && typeof e.data?.previousAssignee === 'string') return tell(trx, e, e.data.previousAssignee, e.data.reason === 'snooze_ended' ? 'snoozeEnded' : 'woke');
    if (e.type === 'response_warning' || e.type === 'response_breached') return alertResponse(trx, e);
    // Each staff member a note mentions, once (the note command found them: core/conversations/mentions.ts).
    if (e.type === 'note' && Array.isArray(e.data?.mentions)) {
      for (const staffId of e.data.mentions) if (typeof staffId === 'string') await tell(trx, e, staffId, 'mentioned');
    }
    if (e.type === 'undeliverable' && Array.isArray(e.data?.staffIds)) for (const staffId of e.data.staffIds as string[]) await tell(trx, e, staffId, 'notDelivered');
  };
}

/**
 * A response clock close to its due time or past it: the holder hears it 1:1; while nobody holds
 * the conversation, the support groups that got its card; when neither can be reached, the
 * managers and admins 1:1, so that a breach is never silent. Posted once: the event is recorded
 * once (core/conversations/response-clock.ts), and this runs in its transaction.
 */
async function alertResponse(trx: Knex.Transaction, e: RecordedConversationEvent): Promise<void> {
  const customer = await customerOf(trx, e.conversationId);
  if (!customer) return;
  const org = await orgSettingsRow(trx, e.orgId);
  const due = new Date(String(e.data?.dueAt));
  const started = new Date(String(e.data?.startedAt ?? e.now.toISOString()));
  const text = (lang: Language, nobody = false) =>
    say(lang, e.type === 'response_warning' ? PHRASES.responseWarning : PHRASES.responseBreached, {
      customer: customer.name ?? PHRASES.unknownCustomer[lang],
      clock: PHRASES[e.data?.clock === 'next_response' ? 'next_response' : 'first_response'][lang],
      due: clockTime(due, org?.time_zone ?? 'Asia/Bangkok'),
      left: formatDuration(due.getTime() - e.now.getTime(), lang),
      waited: formatDuration(e.now.getTime() - started.getTime(), lang),
    }) + (nobody ? PHRASES.nobodyToTell[lang] : '');
  const holder = typeof e.data?.holder === 'string' ? await staffById(trx, e.orgId, e.data.holder) : undefined;
  if (holder && (await postToStaffMember(trx, holder, [{ kind: 'text', text: text(holder.language) }]))) return;
  let told = 0;
  for (const group of await groupsForConversation(trx, e.orgId, customer)) {
    if (await postToGroup(trx, group, [{ kind: 'text', text: text(group.language) }], { now: e.now })) told++;
  }
  if (told) return;
  for (const manager of await managersInLine(trx, e.orgId)) await postToStaffMember(trx, manager, [{ kind: 'text', text: text(manager.language, true) }]);
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

async function announceWaiting(deps: NoticeDeps, trx: Knex.Transaction, e: RecordedConversationEvent): Promise<void> {
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
    // LINE has no picker for whom to give it to: Assign opens the conversation on the desk, where
    // managers pick (and others see why they cannot).
    const assign = (label: string): Action => ({ type: 'uri', label, uri: staffAppLink('desk', { pagesBaseUrl: deps.publicBaseUrl(), liffIds: deps.liffIds ?? {} }, `conversation/${e.conversationId}`) });
    const name = customer.name ?? PHRASES.unknownCustomer[lang];
    const card: OutboundMessage = {
      kind: 'card',
      card: {
        altText: `${PHRASES.title[lang]}: ${name} (${customer.channel})`,
        title: PHRASES.title[lang],
        subtitle: (WHY_WAITING[e.data?.reason as string] ?? PHRASES.asked)[lang],
        tone: 'neutral',
        fields: [
          { label: PHRASES.customer[lang], value: customer.isVip ? `${name} · VIP` : name },
          { label: PHRASES.channel[lang], value: customer.channel },
          { label: PHRASES.openCases[lang], value: cases.join(', ') || PHRASES.none[lang] },
          { label: PHRASES.openBookings[lang], value: bookings.join(', ') || PHRASES.none[lang] },
        ],
        body: lines.join('\n') || undefined,
        actions: [button('conversation.take', PHRASES.take[lang]), assign(PHRASES.assign[lang]), button('conversation.resolve', PHRASES.resolve[lang])],
      },
    };
    // Stored with the conversation: a quote-reply to the card answers the customer. The customer is
    // waiting: the card goes now (with whatever else is pending for the group), not after the group
    // push window, which alone would keep them waiting 2 s (docs/benchmarks.md, "The inbox").
    await postToGroup(trx, group, [card], { now: e.now, aboutConversationId: e.conversationId, atOnce: true });
  }
}

const clip = (text: string) => (text.length > LINE_CHARS ? `${text.slice(0, LINE_CHARS - 1)}…` : text).replace(/\s+/g, ' ');

async function tell(trx: Knex.Transaction, e: RecordedConversationEvent, staffId: string, phrase: 'assignedToYou' | 'woke' | 'snoozeEnded' | 'mentioned' | 'notDelivered'): Promise<void> {
  const staff = await staffById(trx, e.orgId, staffId);
  const customer = await customerOf(trx, e.conversationId);
  if (!staff || !customer) return;
  const by = e.actor.type === 'staff' && e.actor.id ? await staffName(trx, e.actor.id) : undefined;
  const note = typeof e.data?.text === 'string' ? clip(e.data.text) : '';
  const text = say(staff.language, PHRASES[phrase], { who: by ?? '', customer: customer.name ?? PHRASES.unknownCustomer[staff.language], note });
  await postToStaffMember(trx, staff, [{ kind: 'text', text }]);
}
