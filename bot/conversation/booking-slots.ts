import type { Knex } from 'knex';
import { requestBooking } from '../../core/bookings/request-booking.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { TemplateVars } from '../../core/templates/render-template.ts';
import { todayIn } from '../../core/time/org-time.ts';
import type { Classification } from '../../core/understanding/classification.ts';
import { extractFields } from '../../core/understanding/extract-fields.ts';
import { activeService, listServices } from '../../core/understanding/taxonomy-admin.ts';
import { customerPageLink } from '../line/customer-rich-menu.ts';
import type { CustomerContext } from './customer-context.ts';
import { ACT_CONFIDENCE, caseFromText, type Decision } from './decision.ts';
import { dialogueExpiry, missingSlot, replyData, saysCancel, saysConfirm, type BookingDialogue, type BookingSlot, type Dialogue } from './dialogue.ts';

/**
 * A booking in chat, one detail at a time: which service, the date, the time, how many people,
 * then a summary to confirm. The details already said are kept in the conversation's dialogue;
 * the bot asks only for what is missing, with quick replies, and a confirmed booking enters the
 * pipeline (core/bookings/request-booking.ts).
 */

export function startBooking(ctx: CustomerContext, r: Classification | undefined, text: string, serviceKey?: string): Decision {
  const fields = text ? extractFields(text, { now: ctx.now, timeZone: ctx.timeZone }) : {};
  const dialogue: BookingDialogue = {
    kind: 'booking',
    serviceKey: serviceKey ?? r?.bookingType,
    date: fields.date,
    time: fields.time,
    partySize: fields.partySize,
    expiresAt: dialogueExpiry('booking', ctx.now),
  };
  return { do: 'booking', dialogue };
}


export async function continueBooking(
  ctx: CustomerContext,
  current: BookingDialogue,
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


/** Where the booking form is, for the links the bot sends: LIFF_ID_* and the api's public address. */
export interface BookingFormLinks {
  publicBaseUrl: () => string;
  liffIds?: Record<string, string>;
}

/**
 * The booking form's link for a LINE customer of this org: the LIFF app (LINE opens it signed in,
 * the booking tied to them) for the default org, whose Official Account the LIFF app serves; the
 * org's website form (`?org=`) for another org. WhatsApp customers get none: the form could not
 * tie the booking to their chat.
 */
export async function bookingFormLink(trx: Knex.Transaction, ctx: Pick<CustomerContext, 'orgId' | 'source'>, links: BookingFormLinks): Promise<string | undefined> {
  if (ctx.source !== 'line') return undefined;
  const org = await getOrg(trx, ctx.orgId);
  return org.isDefault ? customerPageLink('book', { pagesBaseUrl: links.publicBaseUrl(), liffIds: links.liffIds ?? {} }) : `${links.publicBaseUrl()}/liff/book?org=${encodeURIComponent(org.slug)}`;
}

export async function bookingStep(
  trx: Knex.Transaction,
  ctx: CustomerContext,
  decision: Extract<Decision, { do: 'booking' }>,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
  say: (m: OutboundMessage[]) => Promise<unknown>,
  setDialogue: (d: Dialogue | null) => Promise<unknown>,
  links?: BookingFormLinks,
): Promise<void> {
  const d = decision.dialogue;
  const service = d.serviceKey ? await activeService(trx, ctx.orgId, d.serviceKey) : undefined;
  if (d.serviceKey && !service) d.serviceKey = undefined;
  const serviceName = service ? service.name[ctx.language] : '';
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
  const ask = await askFor(trx, ctx, slot, vars, t);
  // Asked which service: the booking form, which lists them all with what each needs, is offered too.
  const url = slot === 'service' && links ? await bookingFormLink(trx, ctx, links) : undefined;
  const offer = url ? await t('booking_form_offer', { booking_form_url: url }) : '';
  await say([ask.kind === 'text' && offer ? { ...ask, text: `${ask.text}\n${offer}` } : ask]);
}


async function askFor(
  trx: Knex.Transaction,
  ctx: CustomerContext,
  slot: BookingSlot,
  vars: TemplateVars,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
): Promise<OutboundMessage> {
  const cancel = await t('label_cancel');
  const cancelAction: Action = { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel };
  switch (slot) {
    case 'service': {
      const services = (await listServices(trx, ctx.orgId)).slice(0, 12);
      return {
        kind: 'text',
        text: await t('booking_ask_service', vars),
        quickReplies: [
          ...services.map((s): Action => {
            const label = s.name[ctx.language];
            return { type: 'postback', label, data: replyData('service', s.key), displayText: label };
          }),
          cancelAction,
        ],
      };
    }
    case 'date': {
      const today = todayIn(ctx.timeZone, ctx.now);
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
