import type { Language } from '../../core/vocabulary.ts';
import { formatBookingDate } from '../../core/bookings/booking-desk.ts';
import type { Knex } from 'knex';
import { answerProposedTime } from '../../core/bookings/booking-commands.ts';
import { customerAnswered, reopenForCustomer } from '../../core/cases/case-commands.ts';
import { calendarFor } from '../../core/cases/case-clock.ts';
import { caseState } from '../../core/cases/case-queries.ts';
import { CASE_STATUS } from '../../core/cases/case-status.ts';
import { CUSTOMER_STATUS_WORDS } from './case-status-words.ts';
import { addCustomerMessageToCase } from '../../core/cases/case-messages.ts';
import { openCase } from '../../core/cases/open-case.ts';
import { recordSatisfactionComment, recordSatisfactionScore, SATISFACTION_SKIP_REPLY } from '../../core/cases/case-satisfaction.ts';
import { botAnsweredOnCaseSince, setDialogue as saveDialogue } from '../../core/conversations/conversation-log.ts';
import { queueMessages } from '../../core/conversations/outgoing.ts';
import { handOff } from '../../core/conversations/conversation-commands.ts';
import { relayConversationMessageLater } from '../../core/staff/conversation-relay.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { renderTemplate, type TemplateVars } from '../../core/templates/render-template.ts';
import type { Classification } from '../../core/understanding/classification.ts';
import { activeCaseType, activeFaqEntry, activeService, listCaseTypes } from '../../core/understanding/taxonomy-admin.ts';
import { bookingFormLink, bookingStep, knowsWhatIsFree } from './booking-slots.ts';
import { readProposalAnswer } from './proposal-replies.ts';
import { answerOfferInChat, joinInChat, leaveInChat } from './waitlist-replies.ts';
import type { CustomerContext } from './customer-context.ts';
import { PICK_REPLY, type Decision, type Reading } from './decision.ts';
import { dialogueExpiry, replyData, type Dialogue } from './dialogue.ts';
import { handOffText } from './handoff-text.ts';
import { recordConsent } from '../../core/contacts/consent.ts';
import { DomainError } from '../../core/errors/index.ts';
import { receiveSlip } from '../../core/checkout/slips.ts';
import { balanceText } from '../../core/members/member-notices.ts';
import { joinClientInChat } from '../../core/members/corporate-notices.ts';
import { customerPageLink } from '../line/customer-rich-menu.ts';
import { listDocuments } from '../../core/documents/documents.ts';
import { documentDate, documentWords } from '../../core/documents/document-words.ts';
import { formatMinorUnits, formatMoney } from '../../core/templates/format-money.ts';
import { formatDue } from '../../core/templates/format-due.ts';
import { decimalToMinor } from '../../core/checkout/amount-due.ts';

/**
 * Carries out a decision in the transaction that claimed the message: opens or continues the
 * case, moves the booking on, answers from the FAQ, or asks; every answer to the customer goes
 * through the outbox, with the message's reply token while it is fresh.
 */
/** A customer's latest documents sent as links when they ask for their receipt: a chat message, not an archive. */
const DOCUMENTS_SHOWN = 3;

/** Follow-ups on a case within this many minutes of the bot's last answer on it are not acknowledged again. */
export const ACK_QUIET_MINUTES = 10;

export interface ActDeps {
  /** Where customers reach the api (tracking links); PUBLIC_BASE_URL, or the server's own address. */
  publicBaseUrl: () => string;
  /** LIFF_ID_*: the booking form's link opens the LIFF app when one is configured. */
  liffIds?: Record<string, string>;
}

/**
 * `lead`: messages that go first, in the same reply as the bot's first answer (the privacy notice,
 * privacy-notice.ts), asked for only when the bot answers in its own reply: an answer that comes
 * from elsewhere (a case's acknowledgement, which keeps the reply token) leaves them for the next
 * answer rather than spend a push, which counts against the account's monthly quota.
 */
export async function act(deps: ActDeps, trx: Knex.Transaction, ctx: CustomerContext, decision: Decision, result: Classification | undefined, lead: () => Promise<OutboundMessage[]> = async () => []): Promise<void> {
  let leadAsked = false;
  const say = async (messages: OutboundMessage[], about: { caseId?: string } = {}) => {
    const first = leadAsked ? [] : await lead();
    leadAsked = true;
    return queueMessages(trx, {
      orgId: ctx.orgId,
      conversationId: ctx.conversationId,
      messages: [...first, ...messages],
      senderType: 'bot',
      caseId: about.caseId,
      replyToEventId: ctx.inboundEventId ?? undefined,
    });
  };
  const t = (key: string, vars: TemplateVars = {}) => renderTemplate(trx, ctx.orgId, key, ctx.language, vars).then((s) => s ?? '');
  // Most answers end "no dialogue"; most conversations had none: that costs no statement.
  const setDialogue = async (d: Dialogue | null) => {
    if (d === null && ctx.dialogueStored === false) return;
    await saveDialogue(trx, ctx.conversationId, d);
    ctx.dialogueStored = d !== null;
  };
  // "Book" only where there is something to book.
  const quick = async (): Promise<Action[]> => [
    ...(ctx.takesBookings === false ? [] : [{ type: 'postback' as const, label: await t('label_book'), data: replyData('intent', 'booking'), displayText: await t('label_book') }]),
    { type: 'postback', label: await t('label_report_problem'), data: replyData('intent', 'case'), displayText: await t('label_report_problem') },
    { type: 'postback', label: await t('label_ask_question'), data: replyData('intent', 'question'), displayText: await t('label_ask_question') },
    { type: 'postback', label: await t('label_talk_to_person'), data: replyData('human'), displayText: await t('label_talk_to_person') },
  ];

  // The message's other questions (decide.ts `otherQuestions`): answered by their FAQ entries, or
  // handed to a person, who sees them in the conversation, the customer told so. One reply: LINE
  // takes five messages in it, the first answer's among them; the hand-over's line is never the one
  // left out (a hand-over the customer is not told of would leave them waiting for the bot).
  const otherAnswers = async (d: { also?: string[]; unanswered?: string }): Promise<OutboundMessage[]> => {
    const texts: string[] = [];
    for (const key of (d.also ?? []).slice(0, d.unanswered ? 3 : 4)) {
      const other = await activeFaqEntry(trx, ctx.orgId, key);
      if (other) texts.push(other.answer[ctx.language]);
    }
    if (d.unanswered) {
      await handOff(trx, { orgId: ctx.orgId, conversationId: ctx.conversationId, reason: 'bot_could_not_help', actor: { type: 'system', id: null }, now: ctx.now });
      await setDialogue({ kind: 'handoff', expiresAt: dialogueExpiry('handoff', ctx.now) });
      texts.push((await t('faq_other_question', { question: d.unanswered })) || (await t('faq_no_match')));
    }
    return texts.map((text) => ({ kind: 'text', text }));
  };

  switch (decision.do) {
    case 'nothing':
      // A person holds the conversation or was asked for: they read the customer in their group.
      if (ctx.personHolds) await relayConversationMessageLater(trx, { orgId: ctx.orgId, conversationId: ctx.conversationId, messageId: ctx.messageId });
      return;
    case 'greet':
      // A hello, a sticker, a tap on an old button: greeted back with what the bot can do.
      await setDialogue({ kind: 'clarify', text: '', messageId: ctx.messageId, expiresAt: dialogueExpiry('clarify', ctx.now) });
      // A thank-you is answered "you're welcome", an "ok" with what else the bot can do (an org
      // without those texts yet keeps the welcome).
      const reply = decision.thanks ? 'thanks_reply' : decision.ok ? 'anything_else' : undefined;
      await say([{ kind: 'text', text: (reply && (await t(reply))) || (await t('greeting_follow')), quickReplies: await quick() }]);
      return;
    case 'greet_open_case':
      // "hi, any news?" goes on the case's timeline, a bare hello does not. The greeting is not an
      // answer on the case: a follow-up after it is still acknowledged.
      if (decision.onCase) await addCustomerMessageToCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, messageId: ctx.messageId, text: ctx.text });
      await setDialogue({ kind: 'clarify', text: '', messageId: ctx.messageId, expiresAt: dialogueExpiry('clarify', ctx.now) });
      await say([{ kind: 'text', text: (await t('greeting_open_case', { case_id: decision.caseNumber })) || (await t('greeting_follow')), quickReplies: await quick() }]);
      return;
    case 'handoff':
      // The conversation waits for a person (core/conversations/conversation-commands.ts); the
      // support groups are told by the inbox's subscriber.
      await handOff(trx, {
        orgId: ctx.orgId,
        conversationId: ctx.conversationId,
        ...(decision.overDailyLimit
          ? { reason: 'bot_daily_limit', actor: { type: 'system', id: null } }
          : decision.unsure
            ? { reason: 'bot_could_not_help', actor: { type: 'system', id: null } }
            : { reason: 'customer_asked', actor: { type: 'customer', id: ctx.contactId } }),
        now: ctx.now,
      });
      await setDialogue({ kind: 'handoff', expiresAt: dialogueExpiry('handoff', ctx.now) });
      // Who answers and when: shortly while the desk is open, else when it opens (an org that has
      // not got the after-hours text yet keeps the plain one).
      const told = handOffText(await calendarFor(trx, ctx.orgId), ctx.now, ctx.language);
      await say([{ kind: 'text', text: (await t(told.key, told.vars)) || (await t('handoff_to_person')) }]);
      return;
    case 'follow_up': {
      await addCustomerMessageToCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, messageId: ctx.messageId, text: ctx.text || null });
      // The customer answered what the case was waiting for: back to work, and the clock runs again.
      // A thank-you answers nothing the case waits for.
      if (!decision.thanks) await customerAnswered(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, now: ctx.now });
      if (ctx.dialogue?.kind === 'handoff' || ctx.personHolds) return;
      // "ขอบคุณค่ะ" after the case's acknowledgement was told "we received more information for your case".
      if (decision.thanks) {
        await say([{ kind: 'text', text: (await t('thanks_reply')) || (await t('case_followup_received', { case_id: decision.caseNumber })) }], { caseId: decision.caseId });
        return;
      }
      // "It's there now, thanks": always answered (a burst's silence would leave them unsure it was read).
      if (decision.solved) {
        await say([{ kind: 'text', text: await t('case_customer_solved', { case_id: decision.caseNumber }) }], { caseId: decision.caseId });
        return;
      }
      // A question is answered by a person, on the case: told so, burst or not.
      if (decision.asks) {
        await say([{ kind: 'text', text: await t('case_question_received', { case_id: decision.caseNumber }) }], { caseId: decision.caseId });
        return;
      }
      // Every follow-up is acknowledged, but a burst gets one acknowledgement, not one each: the
      // customer is answered again once the case has been quiet for a while.
      const since = new Date(ctx.now.getTime() - ACK_QUIET_MINUTES * 60_000);
      if (await botAnsweredOnCaseSince(trx, { conversationId: ctx.conversationId, caseId: decision.caseId, since })) return;
      await say([{ kind: 'text', text: await t('case_followup_received', { case_id: decision.caseNumber }) }], { caseId: decision.caseId });
      return;
    }
    case 'slip':
      // On the booking for staff to confirm (core/checkout/slips.ts); the customer hears it is being checked.
      await receiveSlip(trx, { orgId: ctx.orgId, bookingId: decision.bookingId, messageId: ctx.messageId, contactId: ctx.contactId });
      await say([{ kind: 'text', text: await t('slip_received', { booking_id: decision.bookingNumber }) }]);
      return;
    case 'member_balance': {
      const cardUrl = customerPageLink('card', { pagesBaseUrl: deps.publicBaseUrl(), liffIds: deps.liffIds ?? {} });
      const text = await balanceText(trx, { orgId: ctx.orgId, contactId: ctx.contactId, language: ctx.language, cardUrl });
      if (text) await say([{ kind: 'text', text }]);
      return;
    }
    case 'booking_form': {
      const url = await bookingFormLink(trx, ctx, { publicBaseUrl: deps.publicBaseUrl, liffIds: deps.liffIds });
      // An org whose texts predate the link's own says it with the line under "which service?".
      await say([{ kind: 'text', text: (await t('booking_form_link', { booking_form_url: url })) || (await t('booking_form_offer', { booking_form_url: url })) }]);
      await setDialogue(null);
      return;
    }
    case 'documents': {
      const documents = await listDocuments(trx, ctx.orgId, { contactId: ctx.contactId, limit: DOCUMENTS_SHOWN });
      if (!documents?.length) {
        // Nothing issued to them yet: a person looks (an unpaid booking, a receipt under another name).
        await handOff(trx, { orgId: ctx.orgId, conversationId: ctx.conversationId, reason: 'bot_could_not_help', actor: { type: 'system', id: null }, now: ctx.now });
        await setDialogue({ kind: 'handoff', expiresAt: dialogueExpiry('handoff', ctx.now) });
        await say([{ kind: 'text', text: await t('documents_none') }]);
        return;
      }
      const words = documentWords(ctx.language);
      const lines = documents.map(
        (d) => `• ${words.title(d.type)} ${d.number} · ${formatMinorUnits(d.totalMinor, d.currency, ctx.language)} · ${documentDate(new Date(d.issuedAt), ctx.language, ctx.timeZone)}\n${deps.publicBaseUrl()}${d.customerPath}`,
      );
      await say([{ kind: 'text', text: await t('documents_links', { documents: lines.join('\n') }) }]);
      return;
    }
    case 'corporate_join': {
      const cardUrl = customerPageLink('card', { pagesBaseUrl: deps.publicBaseUrl(), liffIds: deps.liffIds ?? {} });
      const text = await joinClientInChat(trx, { orgId: ctx.orgId, contactId: ctx.contactId, language: ctx.language, code: decision.code, cardUrl, now: ctx.now });
      if (text) await say([{ kind: 'text', text }]);
      return;
    }
    case 'case_status': {
      // On the case's timeline like any follow-up, and answered every time: a customer who asks
      // where their case stands is told, burst or not. It is not an answer to what the case waits for.
      const state = await caseState(trx, decision.caseId);
      if (state && CASE_STATUS[state.status].isOpen) await addCustomerMessageToCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, messageId: ctx.messageId, text: ctx.text });
      const status = state ? CUSTOMER_STATUS_WORDS[state.status][ctx.language] : '';
      const said = (await t('case_status_reply', { case_id: decision.caseNumber, status })) || (await t('case_followup_received', { case_id: decision.caseNumber }));
      // "ต้องรอกี่วันคะ" (how many days must I wait?, r120): an open case's expected resolution, as its
      // acknowledgement said it, under the status.
      const eta = state && CASE_STATUS[state.status].isOpen && state.resolutionDueAt ? await t('case_status_eta', { eta: formatDue(state.resolutionDueAt, ctx.language, ctx.timeZone) }) : '';
      const text = eta ? `${said}\n${eta}` : said;
      // Not the bot's word on the case (an acknowledgement): what the customer adds next is still acknowledged.
      await say([{ kind: 'text', text }]);
      return;
    }
    case 'booking_status': {
      const b = ctx.bookingAsked!;
      const text = await t('booking_status_reply', {
        booking_id: b.number,
        service: b.service?.[ctx.language] ?? b.destination ?? '',
        date: b.date ? formatBookingDate(b.date, ctx.language) : undefined,
        time: b.time ?? undefined,
        status: b.stageLabel[ctx.language],
      });
      // An org whose templates predate the answer: a person answers, as before.
      if (!text) return act(deps, trx, ctx, { do: 'no_answer' }, result, lead);
      await say([{ kind: 'text', text }]);
      return;
    }
    case 'ask_question':
    case 'ask_problem': {
      // What the question is, or what happened, is the next message (decide.ts reads it so). An org
      // whose templates predate the question asks with its own clarifying text.
      const [kind, key] = decision.do === 'ask_question' ? (['describe_question', 'ask_question_details'] as const) : (['describe_problem', 'ask_problem_details'] as const);
      await setDialogue({ kind, expiresAt: dialogueExpiry(kind, ctx.now) });
      const talk = await t('label_talk_to_person');
      await say([{ kind: 'text', text: (await t(key)) || (await t('clarify_intent')), quickReplies: [{ type: 'postback', label: talk, data: replyData('human'), displayText: talk }] }]);
      return;
    }
    case 'reopen': {
      // The customer hears "reopened" in answer to this message (core/cases/case-notifications.ts).
      await reopenForCustomer(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, replyToEventId: ctx.inboundEventId ?? undefined });
      await addCustomerMessageToCase(trx, { orgId: ctx.orgId, caseId: decision.caseId, contactId: ctx.contactId, messageId: ctx.messageId, text: ctx.text || null });
      return;
    }
    case 'open_case': {
      // The customer's answer, "case opened", follows the case's opening (core/cases/case-notifications.ts).
      await openCase(trx, {
        orgId: ctx.orgId,
        caseTypeKey: decision.caseType,
        contactId: ctx.contactId,
        conversationId: ctx.conversationId,
        sourceMessageId: ctx.messageId,
        source: ctx.source,
        summary: ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : ctx.text,
        language: ctx.language,
        fields: { ...(result?.fields ?? {}), ...(decision.orderIds ? { orderIds: decision.orderIds } : {}) },
        replyToEventId: ctx.inboundEventId ?? undefined,
        number: decision.number,
      });
      await setDialogue(null);
      return;
    }
    case 'ask_order_id': {
      // The problem stays as first told (the case's summary); its order id is the next answer.
      const first = ctx.dialogue && 'text' in ctx.dialogue && ctx.dialogue.text.trim() ? ctx.dialogue : undefined;
      await setDialogue({ kind: 'order_id', caseType: decision.caseType, text: first?.text ?? ctx.text, messageId: first?.messageId ?? ctx.messageId, tries: decision.tries, expiresAt: dialogueExpiry('order_id', ctx.now) });
      const talk = await t('label_talk_to_person');
      const ask = decision.tries === 0 ? 'ask_order_id' : 'ask_order_id_again';
      await say([{ kind: 'text', text: (await t(ask)) || (await t('clarify_intent')), quickReplies: [{ type: 'postback', label: talk, data: replyData('human'), displayText: talk }] }]);
      return;
    }
    case 'consent': {
      // A version the org never published (a forged button), or a customer erased meanwhile: nothing changes, nothing is said.
      const recorded = await recordConsent(trx, {
        orgId: ctx.orgId,
        contactId: ctx.contactId,
        noticeVersion: decision.version,
        answer: decision.answer,
        source: 'chat',
        channel: ctx.source,
        actor: { type: 'customer', id: ctx.contactId },
        at: ctx.now,
      }).catch((err) => {
        if (err instanceof DomainError && (err.code === 'validation_failed' || err.code === 'conflict')) return undefined;
        throw err;
      });
      // While a person holds the conversation the answer is recorded and the bot stays quiet.
      if (!recorded || ctx.personHolds) return;
      await say([{ kind: 'text', text: await t(decision.answer === 'granted' ? 'privacy_consent_thanks' : 'privacy_consent_declined') }]);
      return;
    }
    case 'cancel_booking':
      // What was given is kept a while, as a price's booking is: "sorry, I changed my mind, book it"
      // books it again (r127: asked to say more, the details forgotten).
      await setDialogue(ctx.dialogue?.kind === 'booking' && ctx.dialogue.serviceKey ? { kind: 'priced', serviceKey: ctx.dialogue.serviceKey, date: ctx.dialogue.date, time: ctx.dialogue.time, partySize: ctx.dialogue.partySize, expiresAt: dialogueExpiry('priced', ctx.now) } : null);
      await say([{ kind: 'text', text: await t('booking_cancelled_by_customer') }]);
      return;
    case 'booking':
      // "Which days does the class run?" asked first, of a service whose days and hours nobody set
      // (r89): a person says, rather than a booking started with the question beside it.
      if (decision.free && ctx.dialogue?.kind !== 'booking' && decision.dialogue.serviceKey && !(await knowsWhatIsFree(trx, ctx.orgId, decision.dialogue.serviceKey))) return act(deps, trx, ctx, { do: 'no_answer' }, result, lead);
      return bookingStep(trx, ctx, decision, t, say, setDialogue, { publicBaseUrl: deps.publicBaseUrl, liffIds: deps.liffIds });
    case 'answer_proposal': {
      // A stale or foreign answer changes nothing; the customer's notice and the groups' news follow from the timeline.
      const answer = readProposalAnswer(decision.value);
      if (answer) await answerProposedTime(trx, { orgId: ctx.orgId, contactId: ctx.contactId, ...answer, replyToEventId: ctx.inboundEventId ?? undefined });
      return;
    }
    case 'join_waitlist':
      return joinInChat(trx, ctx, decision.value, t, say);
    case 'answer_waitlist_offer':
      return answerOfferInChat(trx, ctx, decision.value, t, say);
    case 'leave_waitlist':
      return leaveInChat(trx, ctx, decision.value, t, say);
    case 'satisfaction_score': {
      const r = await recordSatisfactionScore(trx, { orgId: ctx.orgId, contactId: ctx.contactId, caseNumber: decision.caseNumber, score: decision.score, now: ctx.now });
      if (r.recorded) {
        await setDialogue({ kind: 'satisfaction', caseId: r.caseId, caseNumber: r.caseNumber, awaiting: 'comment', expiresAt: dialogueExpiry('satisfaction', ctx.now) });
        const skip = await t('label_skip');
        await say([{ kind: 'text', text: await t('csat_ask_comment'), quickReplies: [{ type: 'postback', label: skip, data: replyData(SATISFACTION_SKIP_REPLY, r.caseNumber), displayText: skip }] }], { caseId: r.caseId });
      } else if (r.why === 'already') {
        // A second tap: the first answer stands.
        await say([{ kind: 'text', text: await t('csat_thanks') }]);
      }
      return;
    }
    case 'satisfaction_comment': {
      await recordSatisfactionComment(trx, { orgId: ctx.orgId, contactId: ctx.contactId, caseId: decision.caseId, comment: decision.comment, now: ctx.now });
      await setDialogue(null);
      await say([{ kind: 'text', text: await t('csat_thanks') }], { caseId: decision.caseId });
      return;
    }
    case 'satisfaction_skip':
      if (ctx.dialogue?.kind === 'satisfaction') await setDialogue(null);
      await say([{ kind: 'text', text: await t('csat_thanks') }]);
      return;
    case 'faq': {
      const faq = await activeFaqEntry(trx, ctx.orgId, decision.faqKey);
      if (!faq) return say([{ kind: 'text', text: await t('faq_no_match') }]).then(() => undefined);
      await say([{ kind: 'text', text: faq.answer[ctx.language] }, ...(await otherAnswers(decision))]);
      return;
    }
    case 'service_duration':
    case 'service_capacity': {
      const service = await activeService(trx, ctx.orgId, decision.serviceKey);
      const name = service ? serviceName(service, ctx.language) : '';
      const text = service ? await serviceFact(decision.do, service, name, ctx.language, t) : '';
      // No length or capacity set, or an org without the text: a person answers, as for a question the bot has no answer to.
      if (!service || !text) return act(deps, trx, ctx, { do: 'no_answer' }, result, lead);
      const talk = await t('label_talk_to_person');
      // Asked in a booking, the booking goes on, its summary's buttons offered if it is at its summary.
      if (ctx.dialogue?.kind === 'booking') {
        const [confirm, cancel] = [await t('label_confirm'), await t('label_cancel')];
        const replies: Action[] = ctx.dialogue.awaiting === 'confirm' ? [{ type: 'postback', label: confirm, data: replyData('confirm'), displayText: confirm }, { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel }] : [];
        await say([{ kind: 'text', text, ...(replies.length ? { quickReplies: replies } : {}) }]);
        return;
      }
      // As for a price: the service is what "then book it" names next (decide.ts).
      await setDialogue({ kind: 'priced', serviceKey: service.key, expiresAt: dialogueExpiry('priced', ctx.now) });
      // The message's other questions after it, the buttons on the last message (as for a price).
      const messages: OutboundMessage[] = [{ kind: 'text', text }, ...(await otherAnswers(decision))];
      const last = messages[messages.length - 1];
      if (last.kind === 'text') last.quickReplies = [{ type: 'postback', label: name, data: replyData('service', service.key), displayText: name }, { type: 'postback', label: talk, data: replyData('human'), displayText: talk }];
      await say(messages);
      return;
    }
    case 'service_price': {
      const service = await activeService(trx, ctx.orgId, decision.serviceKey);
      if (service?.price) {
        const name = serviceName(service, ctx.language);
        // The text says "tap below to book it": the button is the service, as the list of services shows it.
        const book: Action = { type: 'postback', label: name, data: replyData('service', service.key), displayText: name };
        const talk = await t('label_talk_to_person');
        // Asked outside a booking, the service is what "then book it" names next (decide.ts).
        if (ctx.dialogue?.kind !== 'booking') {
          const { date, time, partySize } = result?.fields ?? {};
          await setDialogue({ kind: 'priced', serviceKey: service.key, date, time, partySize, expiresAt: dialogueExpiry('priced', ctx.now) });
        }
        const amount = formatMoney(service.price, service.currency, ctx.language);
        // Asked in this service's booking for several people ("ราคารวมเท่าไหร่คะ" at the summary, r88):
        // the total too, prices being per person (core/checkout/amount-due.ts), and the booking goes
        // on, its summary's buttons offered. An org without the text answers with the price alone.
        const party = ctx.dialogue?.kind === 'booking' && ctx.dialogue.serviceKey === service.key ? (ctx.dialogue.partySize ?? 0) : 0;
        const total = party > 1 ? formatMinorUnits(decimalToMinor(String(service.price)) * party, service.currency, ctx.language) : undefined;
        const totalText = total ? await t('service_price_total', { service: name, amount, party_size: party, total }) : '';
        if (totalText) {
          const [confirm, cancel] = [await t('label_confirm'), await t('label_cancel')];
          const atSummary = ctx.dialogue?.kind === 'booking' && ctx.dialogue.awaiting === 'confirm';
          const replies: Action[] = atSummary
            ? [{ type: 'postback', label: confirm, data: replyData('confirm'), displayText: confirm }, { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel }]
            : [{ type: 'postback', label: talk, data: replyData('human'), displayText: talk }];
          await say([{ kind: 'text', text: totalText, quickReplies: replies }]);
          return;
        }
        // The message's other questions after it, the buttons on the last message, where LINE shows
        // them (with a question a person answers, the conversation is theirs, and a tap on the
        // booking's button reaches them in the inbox).
        const messages: OutboundMessage[] = [{ kind: 'text', text: await t('service_price', { service: name, amount }) }, ...(await otherAnswers(decision))];
        const last = messages[messages.length - 1];
        if (last.kind === 'text') last.quickReplies = [book, { type: 'postback', label: talk, data: replyData('human'), displayText: talk }];
        await say(messages);
        return;
      }
      // No price set for it: its booking when the message gave the day or people (staff quote it),
      // else a person answers, as for any question the bot has no answer to.
      return act(deps, trx, ctx, decision.unpriced ?? { do: 'no_answer' }, result, lead);
    }
    case 'no_answer':
      // The question waits for a person, who sees it in the conversation.
      await handOff(trx, { orgId: ctx.orgId, conversationId: ctx.conversationId, reason: 'bot_could_not_help', actor: { type: 'system', id: null }, now: ctx.now });
      await setDialogue({ kind: 'handoff', expiresAt: dialogueExpiry('handoff', ctx.now) });
      await say([{ kind: 'text', text: await t('faq_no_match') }]);
      return;
    case 'clarify':
      await setDialogue({ kind: 'clarify', text: ctx.text, messageId: ctx.messageId, expiresAt: dialogueExpiry('clarify', ctx.now) });
      await say([{ kind: 'text', text: await t('clarify_intent'), quickReplies: await quick() }]);
      return;
    case 'did_you_mean': {
      // Each reading by the business's own name for it; one no longer offered is left out.
      // One after the other: `trx` is one connection.
      const labels: (string | undefined)[] = [];
      for (const o of decision.options) labels.push(await readingName(trx, ctx.orgId, o, ctx.language));
      const options = decision.options.flatMap((o, i) => (labels[i] ? [{ o, label: labels[i] }] : []));
      // The options kept, in order: "the first one" typed is the first button. Asked again after a
      // bare "yes", the message the readings are of stays the first one.
      const first = decision.which && ctx.dialogue?.kind === 'clarify' ? ctx.dialogue : undefined;
      await setDialogue({ kind: 'clarify', text: first?.text ?? ctx.text, messageId: first?.messageId ?? ctx.messageId, expiresAt: dialogueExpiry('clarify', ctx.now), options: options.map(({ o }) => o), ...(decision.which ? { askedWhich: true as const } : {}), ...(decision.details ? { details: decision.details } : {}) });
      const talk = await t('label_talk_to_person');
      await say([
        {
          kind: 'text',
          // An org whose templates predate the question asks with its own clarifying text.
          text: (decision.which && (await t('did_you_mean_which'))) || (await t('did_you_mean')) || (await t('clarify_intent')),
          quickReplies: options.length
            ? [...options.map(({ o, label }): Action => ({ type: 'postback', label, data: replyData(PICK_REPLY, `${o.kind}:${o.key}`), displayText: label })), { type: 'postback', label: talk, data: replyData('human'), displayText: talk }]
            : await quick(),
        },
      ]);
      return;
    }
    case 'pick_case_type': {
      // LINE shows 13 quick replies at most: twelve types, then "talk to a person". The likely
      // ones first, the rest as listed (a stable sort), the last ones last.
      const order = (key: string) => (decision.likely.includes(key) ? decision.likely.indexOf(key) : decision.last?.includes(key) ? decision.likely.length + 1 : decision.likely.length);
      const types = (await listCaseTypes(trx, ctx.orgId)).sort((a, b) => order(a.key) - order(b.key)).slice(0, 12);
      const text = decision.said ?? (ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : ctx.text);
      await setDialogue({ kind: 'pick_case_type', text, messageId: ctx.messageId, expiresAt: dialogueExpiry('pick_case_type', ctx.now), ...(decision.which ? { askedWhich: true as const } : {}) });
      await say([
        {
          kind: 'text',
          // An org whose templates predate the question keeps asking with its own clarifying text.
          text: (decision.which && (await t('did_you_mean_which'))) || (await t('pick_case_type')) || (await t('clarify_intent')),
          quickReplies: [
            ...types.map((c): Action => ({ type: 'postback', label: c.name[ctx.language], data: replyData('case_type', c.key), displayText: c.name[ctx.language] })),
            { type: 'postback', label: await t('label_talk_to_person'), data: replyData('human'), displayText: await t('label_talk_to_person') },
          ],
        },
      ]);
      return;
    }
  }
}

/** A reading as the customer reads it: the case type's or service's name, the FAQ entry's question; undefined when it is no longer active. */
async function readingName(trx: Knex.Transaction, orgId: string, r: Reading, lang: 'th' | 'en'): Promise<string | undefined> {
  if (r.kind === 'case') return (await activeCaseType(trx, orgId, r.key))?.name[lang];
  if (r.kind === 'booking') return (await activeService(trx, orgId, r.key))?.name[lang];
  const faq = await activeFaqEntry(trx, orgId, r.key);
  return faq ? (faq.question?.[lang] ?? faq.question?.[lang === 'th' ? 'en' : 'th'] ?? faq.answer[lang]) || undefined : undefined;
}

/** A service as the customer reads it: its name in their language, else the other, else its key. */
function serviceName(service: { key: string; name: { th: string | null; en: string | null } }, language: Language): string {
  return service.name[language] || service.name.en || service.name.th || service.key;
}

/** How long a service takes or how many it takes, in the business's text; '' when the service has none set. */
async function serviceFact(
  fact: 'service_duration' | 'service_capacity',
  service: { durationMinutes: number | null; capacity: number | null },
  name: string,
  language: Language,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
): Promise<string> {
  if (fact === 'service_duration') return service.durationMinutes ? t('service_duration', { service: name, duration: lengthOf(service.durationMinutes, language) }) : '';
  return service.capacity ? t('service_capacity', { service: name, capacity: service.capacity }) : '';
}

/** How long a service takes, as said: "2 hours", "1 hour 30 minutes", "3 days"; "2 ชั่วโมง", "3 วัน". */
function lengthOf(minutes: number, language: Language): string {
  const words = language === 'th' ? { day: ['วัน', 'วัน'], hour: ['ชั่วโมง', 'ชั่วโมง'], minute: ['นาที', 'นาที'] } : { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'] };
  const say = (n: number, [one, many]: string[]) => `${n} ${n === 1 ? one : many}`;
  if (minutes >= 24 * 60 && minutes % (24 * 60) === 0) return say(minutes / (24 * 60), words.day);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return [h ? say(h, words.hour) : '', m ? say(m, words.minute) : ''].filter(Boolean).join(' ');
}
