import type { Knex } from 'knex';
import { requestBooking } from '../core/bookings/request-booking.ts';
import { OPEN_CASE_STATUSES, REOPEN_WINDOW_HOURS } from '../core/cases/case-status.ts';
import { notifyCustomerOfTransition } from '../core/cases/case-notifications.ts';
import { addCustomerMessageToCase, openCase } from '../core/cases/open-case.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { queueMessages } from '../core/conversations/outgoing.ts';
import type { Action, OutboundMessage } from '../core/messaging/outbound-message.ts';
import type { Language } from '../core/models/vocabulary.ts';
import { formatDue } from '../core/templates/format-due.ts';
import { renderTemplate, type TemplateVars } from '../core/templates/render-template.ts';
import type { Classification, ClassifyInput } from '../core/understanding/classification.ts';
import { extractFields } from '../core/understanding/extract-fields.ts';
import type { OrgTaxonomies } from '../core/understanding/org-taxonomy.ts';
import {
  asksForPerson,
  dialogueExpiry,
  liveDialogue,
  missingSlot,
  readReplyData,
  replyData,
  saysCancel,
  saysConfirm,
  type BookingSlot,
  type Dialogue,
} from './dialogue.ts';
import { staffGroupOfConversation } from '../core/staff/staff-desk.ts';
import { enrolFromMessage } from './staff-enrolment.ts';
import { answerProposal, PROPOSAL_REPLY } from './staff/booking-actions.ts';
import { routeStaffMessage } from './staff/staff-router.ts';
import type { StaffDeps } from './staff/staff-scene.ts';

/**
 * Step 3 of DESIGN.md section 2. Staff come first (an enrolment code, then bot/staff/staff-router.ts:
 * taps, group messages, staff commands). A customer's message in a 1:1 chat: continue the open dialogue
 * (a clarification, booking details being collected), add to the customer's open case, or
 * classify and act: open a case, start a booking, answer from the FAQ, or ask what they mean.
 *
 * The classifier (maybe an LLM, seconds away) is called before any transaction; everything the
 * decision changes, with the replies, is then written in one transaction that first claims the
 * message, so a retried job never acts twice.
 */
export interface MessageClassifier {
  classifyWithMeta(input: ClassifyInput): Promise<{ result: Classification; provider: string; model: string; latencyMs: number; fallbackReason?: string }>;
}

export interface RouterDeps extends StaffDeps {
  knex: Knex;
  classifier: MessageClassifier;
  taxonomies: OrgTaxonomies;
  /** Where customers reach the api (tracking links); PUBLIC_BASE_URL, or the server's own address. */
  publicBaseUrl: () => string;
  now?: () => Date;
}

/** Below this the bot asks instead of acting on its guess. */
export const ACT_CONFIDENCE = 0.5;
/** An FAQ answer is given only when the match is at least this sure. */
export const FAQ_CONFIDENCE = 0.55;
/** A customer's message this soon after an open case was touched belongs to it. */
const FOLLOW_UP_DAYS = 7;

type Decision =
  | { do: 'nothing'; why: string }
  | { do: 'handoff' }
  | { do: 'follow_up'; caseId: string; caseNumber: string }
  | { do: 'reopen'; caseId: string }
  | { do: 'open_case'; caseType: string }
  | { do: 'booking'; dialogue: Extract<Dialogue, { kind: 'booking' }>; submit?: boolean }
  | { do: 'cancel_booking' }
  | { do: 'answer_proposal'; value: string }
  | { do: 'faq'; faqKey: string }
  | { do: 'no_answer' }
  | { do: 'clarify' }
  | { do: 'pick_case_type' };

interface Context {
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
  openCase: { id: string; number: string; caseType: string } | undefined;
  /** A case resolved within the reopen window, which a reply from the customer reopens. */
  resolvedCase: { id: string; number: string; caseType: string } | undefined;
  now: Date;
}

export async function routeMessage(deps: RouterDeps, messageId: string): Promise<{ decision: string }> {
  // A staff member's enrolment code (1:1 or in a group) comes before anything a customer says.
  const enrolment = await enrolFromMessage(deps, messageId);
  if (enrolment.handled) return { decision: enrolment.outcome };
  const staff = await routeStaffMessage(deps, messageId);
  if (staff.handled) return { decision: staff.outcome };
  const ctx = await load(deps, messageId);
  if ('skip' in ctx) return { decision: `skipped: ${ctx.skip}` };

  let classified: Awaited<ReturnType<MessageClassifier['classifyWithMeta']>> | undefined;
  const classify = async (text = ctx.text) => {
    classified = await deps.classifier.classifyWithMeta({
      text,
      taxonomy: await deps.taxonomies.of(ctx.orgId),
      now: ctx.now,
      timeZone: ctx.timeZone,
      orderIdPatterns: ctx.orderIdPatterns,
    });
    return classified.result;
  };
  const decision = await decide(ctx, classify);

  await deps.knex.transaction(async (trx) => {
    const claimed = await trx('messages').where({ id: messageId }).whereNull('routed_at').update({ routed_at: trx.fn.now() });
    if (!claimed) return;
    if (classified) {
      const r = classified.result;
      await trx('classifications').insert({
        org_id: ctx.orgId,
        message_id: messageId,
        provider: classified.provider,
        model: classified.model,
        latency_ms: Math.round(classified.latencyMs),
        kind: r.kind,
        case_type: r.caseType ?? null,
        booking_type: r.bookingType ?? null,
        confidence: r.confidence,
        language: r.language,
        result: JSON.stringify(r),
        fallback_reason: classified.fallbackReason ?? null,
      });
    }
    // Answer in the language the customer writes in now.
    const language = classified?.result.language;
    if (language && language !== ctx.language && ctx.text.trim()) {
      await trx('contacts').where({ id: ctx.contactId }).update({ language });
      ctx.language = language;
    }
    await act(deps, trx, ctx, decision, classified?.result);
  });
  return { decision: decision.do };
}

async function load(deps: RouterDeps, messageId: string): Promise<Context | { skip: string }> {
  const { knex } = deps;
  const m = await knex('messages').where({ id: messageId }).first();
  if (!m) return { skip: 'message not found' };
  if (m.routed_at) return { skip: 'already routed' };
  if (m.direction !== 'in' || m.sender_type !== 'customer') return { skip: 'not from a customer' };
  if (m.payload?.mode === 'standby') return { skip: 'standby mode' };
  const conversation = await knex('conversations').where({ id: m.conversation_id }).first();
  // A VIP customer's group is that customer's chat: what its members who are not staff say opens
  // and continues the customer's cases there (staff messages were taken by the staff router).
  let contactId: string | null = conversation.contact_id;
  if (conversation.kind === 'group') {
    const group = await staffGroupOfConversation(knex, conversation.id);
    contactId = group?.isActive && group.purpose === 'vip_customer' ? group.contactId : null;
  }
  if (!contactId) return { skip: 'group conversations are for staff' };
  const [contact, org, channel] = await Promise.all([
    knex('contacts').select('language').where({ id: contactId }).first(),
    knex('orgs').select('time_zone', 'settings').where({ id: m.org_id }).first(),
    knex('channels').select('kind').where({ id: conversation.channel_id }).first(),
  ]);
  const now = deps.now?.() ?? new Date();
  const postback = m.payload?.postback as { data: string; params?: Record<string, string> } | null;
  const fromButton = postback ? readReplyData(postback.data) : m.payload?.message?.buttonPayload ? readReplyData(m.payload.message.buttonPayload) : undefined;
  const open = await knex('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .select('cases.id', 'cases.number', 'case_types.key as caseType')
    .where({ 'cases.contact_id': contactId, 'cases.conversation_id': conversation.id })
    .whereIn('cases.status', OPEN_CASE_STATUSES)
    .andWhere('cases.updated_at', '>', new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000))
    .orderBy('cases.created_at', 'desc')
    .first();
  const reopenHours = Number(org.settings?.reopenWindowHours ?? REOPEN_WINDOW_HOURS);
  const resolved = open
    ? undefined
    : await knex('cases')
        .join('case_types', 'case_types.id', 'cases.case_type_id')
        .select('cases.id', 'cases.number', 'case_types.key as caseType')
        .where({ 'cases.contact_id': contactId, 'cases.conversation_id': conversation.id, 'cases.status': 'resolved' })
        .andWhere('cases.resolved_at', '>', new Date(now.getTime() - reopenHours * 3_600_000))
        .orderBy('cases.resolved_at', 'desc')
        .first();
  return {
    orgId: m.org_id,
    timeZone: org.time_zone,
    orderIdPatterns: org.settings?.orderIdPatterns,
    messageId,
    inboundEventId: m.inbound_event_id,
    conversationId: conversation.id,
    contactId,
    language: contact?.language ?? 'th',
    source: channel.kind,
    text: postback ? '' : (m.text ?? ''),
    hasFile: ['image', 'video', 'audio', 'file'].includes(m.kind),
    reply: fromButton ? { ...fromButton, params: postback?.params } : undefined,
    // A group's set-up draft (bot/staff/group-setup.ts) is the staff's, not the customer's.
    dialogue: conversation.dialogue?.kind === 'group_setup' ? undefined : liveDialogue(conversation.dialogue, now),
    openCase: open,
    resolvedCase: resolved,
    now,
  };
}

async function decide(ctx: Context, classify: (text?: string) => Promise<Classification>): Promise<Decision> {
  const { reply, dialogue } = ctx;
  if (reply?.act === 'human' || asksForPerson(ctx.text)) return { do: 'handoff' };
  // The customer's answer to a time staff proposed for their booking (bot/staff/booking-actions.ts).
  if (reply?.act === PROPOSAL_REPLY && reply.value) return { do: 'answer_proposal', value: reply.value };
  if (dialogue?.kind === 'handoff') return ctx.openCase ? { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number } : { do: 'nothing', why: 'a person has this conversation' };

  // A tapped quick reply answers the question the bot asked.
  if (reply) {
    if (reply.act === 'intent' && (dialogue?.kind === 'clarify' || dialogue?.kind === 'pick_case_type')) {
      if (reply.value === 'booking') return startBooking(ctx, await classify(dialogue.text), dialogue.text);
      if (reply.value === 'case') return caseFromText(await classify(dialogue.text));
      if (reply.value === 'question') {
        const r = await classify(dialogue.text);
        return r.faqKey ? { do: 'faq', faqKey: r.faqKey } : { do: 'no_answer' };
      }
    }
    if (reply.act === 'case_type' && reply.value) return { do: 'open_case', caseType: reply.value };
    if (dialogue?.kind === 'booking') return continueBooking(ctx, dialogue, classify);
    if (reply.act === 'service' && reply.value) return startBooking(ctx, undefined, '', reply.value);
    return { do: 'nothing', why: `a stale or unknown quick reply (${reply.act})` };
  }
  if (!ctx.text.trim()) {
    if (ctx.hasFile && ctx.openCase) return { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number };
    return { do: 'nothing', why: 'no text (a sticker, an image)' };
  }

  if (dialogue?.kind === 'booking') return continueBooking(ctx, dialogue, classify);

  const result = await classify(dialogue?.kind === 'clarify' ? `${dialogue.text}\n${ctx.text}` : ctx.text);
  const sure = result.confidence >= ACT_CONFIDENCE;
  // With a case open, what the customer says is about it, unless it is clearly a booking or a
  // different problem.
  const newProblem = result.kind === 'case' && result.caseType !== undefined && result.caseType !== ctx.openCase?.caseType;
  if (ctx.openCase && !(sure && (result.kind === 'booking' || newProblem))) {
    return { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number };
  }
  // "It happened again" after a resolution: the same case, reopened, unless this is something else.
  const otherProblem = result.kind === 'case' && result.caseType !== undefined && result.caseType !== ctx.resolvedCase?.caseType;
  if (ctx.resolvedCase && !(sure && (result.kind === 'booking' || result.kind === 'question' || otherProblem)) && !(result.kind === 'other' && sure)) {
    return { do: 'reopen', caseId: ctx.resolvedCase.id };
  }
  if (!sure) return { do: 'clarify' };
  switch (result.kind) {
    case 'case':
      return caseFromText(result);
    case 'booking':
      return startBooking(ctx, result, ctx.text);
    case 'question':
      return result.faqKey && result.confidence >= FAQ_CONFIDENCE ? { do: 'faq', faqKey: result.faqKey } : { do: 'no_answer' };
    default:
      return { do: 'nothing', why: 'small talk' };
  }
}

function caseFromText(r: Classification): Decision {
  return r.kind === 'case' && r.caseType ? { do: 'open_case', caseType: r.caseType } : { do: 'pick_case_type' };
}

function startBooking(ctx: Context, r: Classification | undefined, text: string, serviceKey?: string): Decision {
  const fields = text ? extractFields(text, { now: ctx.now, timeZone: ctx.timeZone }) : {};
  const dialogue: Extract<Dialogue, { kind: 'booking' }> = {
    kind: 'booking',
    serviceKey: serviceKey ?? r?.bookingType,
    date: fields.date,
    time: fields.time,
    partySize: fields.partySize,
    expiresAt: dialogueExpiry('booking', ctx.now),
  };
  return { do: 'booking', dialogue };
}

async function continueBooking(
  ctx: Context,
  current: Extract<Dialogue, { kind: 'booking' }>,
  classify: (text?: string) => Promise<Classification>,
): Promise<Decision> {
  const d = { ...current, expiresAt: dialogueExpiry('booking', ctx.now) };
  const { reply, text } = ctx;
  if (reply) {
    if (reply.act === 'confirm') return missingSlot(d) ? { do: 'booking', dialogue: d } : { do: 'booking', dialogue: d, submit: true };
    if (reply.act === 'cancel') return { do: 'cancel_booking' };
    if (reply.act === 'service' && reply.value) d.serviceKey = reply.value;
    if (reply.act === 'date') d.date = reply.params?.date ?? reply.value ?? d.date;
    if (reply.act === 'time') d.time = reply.params?.time ?? reply.value ?? d.time;
    if (reply.act === 'party') d.partySize = Number(reply.value) || d.partySize;
    return { do: 'booking', dialogue: d };
  }
  if (d.awaiting === 'confirm' && saysConfirm(text)) return { do: 'booking', dialogue: d, submit: true };
  if (saysCancel(text)) return { do: 'cancel_booking' };

  const fields = extractFields(text, { now: ctx.now, timeZone: ctx.timeZone });
  let filled = false;
  if (fields.date) [d.date, filled] = [fields.date, true];
  if (fields.time) [d.time, filled] = [fields.time, true];
  if (fields.partySize) [d.partySize, filled] = [fields.partySize, true];
  // "2" alone answers "how many people?"
  if (!fields.partySize && d.awaiting === 'party_size' && /^\s*\d{1,2}\s*$/.test(text)) [d.partySize, filled] = [Number(text), true];
  const r = await classify();
  if (r.bookingType && (r.kind === 'booking' || d.awaiting === 'service')) [d.serviceKey, filled] = [r.bookingType, true];
  // Something else entirely (a problem, a question) leaves the booking for later.
  if (!filled && r.confidence >= ACT_CONFIDENCE && (r.kind === 'case' || r.kind === 'question')) {
    return r.kind === 'case' ? caseFromText(r) : r.faqKey ? { do: 'faq', faqKey: r.faqKey } : { do: 'no_answer' };
  }
  return { do: 'booking', dialogue: d };
}

async function act(deps: RouterDeps, trx: Knex.Transaction, ctx: Context, decision: Decision, result: Classification | undefined): Promise<void> {
  const say = (messages: OutboundMessage[]) =>
    queueMessages(trx, {
      orgId: ctx.orgId,
      conversationId: ctx.conversationId,
      messages,
      senderType: 'bot',
      replyToEventId: ctx.inboundEventId ?? undefined,
    });
  const t = (key: string, vars: TemplateVars = {}) => renderTemplate(trx, ctx.orgId, key, ctx.language, vars).then((s) => s ?? '');
  const setDialogue = (d: Dialogue | null) => trx('conversations').where({ id: ctx.conversationId }).update({ dialogue: d ? JSON.stringify(d) : null });
  const quick = async (): Promise<Action[]> => [
    { type: 'postback', label: await t('label_book'), data: replyData('intent', 'booking'), displayText: await t('label_book') },
    { type: 'postback', label: await t('label_report_problem'), data: replyData('intent', 'case'), displayText: await t('label_report_problem') },
    { type: 'postback', label: await t('label_ask_question'), data: replyData('intent', 'question'), displayText: await t('label_ask_question') },
    { type: 'postback', label: await t('label_talk_to_person'), data: replyData('human'), displayText: await t('label_talk_to_person') },
  ];

  switch (decision.do) {
    case 'nothing':
      return;
    case 'handoff':
      await setDialogue({ kind: 'handoff', expiresAt: dialogueExpiry('handoff', ctx.now) });
      await say([{ kind: 'text', text: await t('handoff_to_person') }]);
      return;
    case 'follow_up': {
      await addCustomerMessageToCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, messageId: ctx.messageId, text: ctx.text || null });
      // The customer answered what the case was waiting for: back to work, and the clock runs again.
      const waiting = await trx('cases').where({ id: decision.caseId, status: 'waiting_customer' }).first('id');
      if (waiting) await transitionCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, to: 'investigating', actor: { type: 'customer', id: ctx.contactId }, now: ctx.now });
      if (ctx.dialogue?.kind === 'handoff') return;
      // One acknowledgement for a burst of messages, not one each.
      const recent = await trx('case_events')
        .where({ case_id: decision.caseId, type: 'message_in' })
        .andWhere('created_at', '>', new Date(ctx.now.getTime() - 10 * 60_000))
        .count({ n: '*' });
      if (Number(recent[0].n) <= 1) await say([{ kind: 'text', text: await t('case_followup_received', { case_id: decision.caseNumber }) }]);
      return;
    }
    case 'reopen': {
      const moved = await transitionCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, to: 'investigating', actor: { type: 'customer', id: ctx.contactId } });
      await addCustomerMessageToCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, messageId: ctx.messageId, text: ctx.text || null });
      await notifyCustomerOfTransition(trx, moved, { trackingBaseUrl: deps.publicBaseUrl(), timeZone: ctx.timeZone, replyToEventId: ctx.inboundEventId ?? undefined });
      return;
    }
    case 'open_case': {
      const opened = await openCase(trx, {
        orgId: ctx.orgId,
        caseTypeKey: decision.caseType,
        contactId: ctx.contactId,
        conversationId: ctx.conversationId,
        sourceMessageId: ctx.messageId,
        source: ctx.source,
        summary: ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : ctx.text,
        language: ctx.language,
        fields: result?.fields ?? {},
      });
      await setDialogue(null);
      const base = deps.publicBaseUrl();
      await say([
        {
          kind: 'text',
          text: await t('case_created', {
            case_id: opened.number,
            eta: opened.resolutionDueAt ? formatDue(opened.resolutionDueAt, ctx.language, ctx.timeZone) : '',
            order_id: result?.fields.orderIds?.[0],
            amount: result?.fields.amount,
            tracking_url: `${base}/public/v1/cases/${opened.trackingToken}`,
          }),
        },
      ]);
      return;
    }
    case 'cancel_booking':
      await setDialogue(null);
      await say([{ kind: 'text', text: await t('booking_cancelled_by_customer') }]);
      return;
    case 'booking':
      return bookingStep(trx, ctx, decision, t, say, setDialogue);
    case 'answer_proposal':
      await answerProposal(deps, trx, { orgId: ctx.orgId, contactId: ctx.contactId, value: decision.value, replyToEventId: ctx.inboundEventId ?? undefined });
      return;
    case 'faq': {
      const faq = await trx('faq_entries').where({ org_id: ctx.orgId, key: decision.faqKey }).first();
      if (!faq) return say([{ kind: 'text', text: await t('faq_no_match') }]).then(() => undefined);
      await say([{ kind: 'text', text: ctx.language === 'th' ? faq.answer_th : faq.answer_en }]);
      return;
    }
    case 'no_answer':
      // The question waits for a person, who sees it in the conversation.
      await setDialogue({ kind: 'handoff', expiresAt: dialogueExpiry('handoff', ctx.now) });
      await say([{ kind: 'text', text: await t('faq_no_match') }]);
      return;
    case 'clarify':
      await setDialogue({ kind: 'clarify', text: ctx.text, messageId: ctx.messageId, expiresAt: dialogueExpiry('clarify', ctx.now) });
      await say([{ kind: 'text', text: await t('clarify_intent'), quickReplies: await quick() }]);
      return;
    case 'pick_case_type': {
      const types = await trx('case_types').select('key', 'name_th', 'name_en').where({ org_id: ctx.orgId, is_active: true }).orderBy('sort_order').limit(12);
      const text = ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : ctx.text;
      await setDialogue({ kind: 'pick_case_type', text, messageId: ctx.messageId, expiresAt: dialogueExpiry('pick_case_type', ctx.now) });
      await say([
        {
          kind: 'text',
          text: await t('clarify_intent'),
          quickReplies: [
            ...types.map((c): Action => ({ type: 'postback', label: ctx.language === 'th' ? c.name_th : c.name_en, data: replyData('case_type', c.key), displayText: ctx.language === 'th' ? c.name_th : c.name_en })),
            { type: 'postback', label: await t('label_talk_to_person'), data: replyData('human'), displayText: await t('label_talk_to_person') },
          ],
        },
      ]);
      return;
    }
  }
}

async function bookingStep(
  trx: Knex.Transaction,
  ctx: Context,
  decision: Extract<Decision, { do: 'booking' }>,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
  say: (m: OutboundMessage[]) => Promise<unknown>,
  setDialogue: (d: Dialogue | null) => Promise<unknown>,
): Promise<void> {
  const d = decision.dialogue;
  const service = d.serviceKey ? await trx('services').where({ org_id: ctx.orgId, key: d.serviceKey, is_active: true }).first() : undefined;
  if (d.serviceKey && !service) d.serviceKey = undefined;
  const serviceName = service ? (ctx.language === 'th' ? service.name_th : service.name_en) : '';
  const vars = { service: serviceName, date: d.date, time: d.time, party_size: d.partySize };

  if (decision.submit && !missingSlot(d)) {
    const booking = await requestBooking(trx, {
      orgId: ctx.orgId,
      contactId: ctx.contactId,
      conversationId: ctx.conversationId,
      serviceKey: d.serviceKey!,
      date: d.date ?? null,
      time: d.time ?? null,
      partySize: d.partySize ?? null,
      language: ctx.language,
      source: ctx.source,
    });
    await setDialogue(null);
    await say([{ kind: 'text', text: await t('booking_received', { ...vars, booking_id: booking.number }) }]);
    return;
  }

  const slot = missingSlot(d);
  d.awaiting = slot ?? 'confirm';
  await setDialogue(d);
  if (!slot) {
    const confirm = await t('label_confirm');
    const cancel = await t('label_cancel');
    await say([
      {
        kind: 'text',
        text: await t('booking_summary_confirm', vars),
        quickReplies: [
          { type: 'postback', label: confirm, data: replyData('confirm'), displayText: confirm },
          { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel },
        ],
      },
    ]);
    return;
  }
  await say([await askFor(trx, ctx, slot, vars, t)]);
}

async function askFor(
  trx: Knex.Transaction,
  ctx: Context,
  slot: BookingSlot,
  vars: TemplateVars,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
): Promise<OutboundMessage> {
  const cancel = await t('label_cancel');
  const cancelAction: Action = { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel };
  switch (slot) {
    case 'service': {
      const services = await trx('services').select('key', 'name_th', 'name_en').where({ org_id: ctx.orgId, is_active: true }).orderBy('sort_order').limit(12);
      return {
        kind: 'text',
        text: await t('booking_ask_service', vars),
        quickReplies: [
          ...services.map((s): Action => {
            const label = ctx.language === 'th' ? s.name_th : s.name_en;
            return { type: 'postback', label, data: replyData('service', s.key), displayText: label };
          }),
          cancelAction,
        ],
      };
    }
    case 'date': {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone }).format(ctx.now);
      return {
        kind: 'text',
        text: await t('booking_ask_date', vars),
        quickReplies: [{ type: 'datetime', label: await t('label_pick_date'), data: replyData('date'), mode: 'date', initial: today, min: today }, cancelAction],
      };
    }
    case 'time':
      return {
        kind: 'text',
        text: await t('booking_ask_time', vars),
        quickReplies: [
          ...['10:00', '13:00', '15:00', '18:00'].map((v): Action => ({ type: 'postback', label: v, data: replyData('time', v), displayText: v })),
          cancelAction,
        ],
      };
    case 'party_size':
      return {
        kind: 'text',
        text: await t('booking_ask_party_size', vars),
        quickReplies: [
          ...[1, 2, 3, 4, 5, 6].map((n): Action => ({ type: 'postback', label: String(n), data: replyData('party', String(n)), displayText: String(n) })),
          cancelAction,
        ],
      };
  }
}
