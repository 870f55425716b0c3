import { formatBookingDate, type BookingView } from '../../core/bookings/booking-desk.ts';
import { confirmRequest, declineRequest, proposeAnotherTime, takeBooking, type BookingDecision, type Refused } from '../../core/bookings/booking-commands.ts';
import { stageFlags } from '../../core/bookings/booking-stage.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { Language } from '../../core/vocabulary.ts';
import { buildBookingCard } from '../../core/staff/booking-announcements.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { BUTTON_USED, fill, type Phrase } from '../../core/staff/staff-phrases.ts';
import type { ActionContext, ActionTable } from './action-context.ts';
import { answer } from './staff-scene.ts';

/**
 * Card buttons on a booking: Take, Confirm, Propose another time, Decline. (The customer's answer
 * to a proposed time is the dialogue's: bot/conversation/proposal-replies.ts.)
 *
 * Every tap is checked against the booking as it is now (role, who has it, its stage), spends the
 * button's nonce right before the change (a replayed tap changes nothing), is answered in the
 * group, and the customer is told the outcome from the org's templates. Decline first asks for
 * the reason with quick replies; that question changes nothing, so it leaves the card's button usable.
 */
const P = {
  took: { th: '{name} รับเรื่อง {number} แล้วค่ะ', en: '{name} took {number}.' },
  hasIt: { th: '{number} อยู่กับ {name} แล้วค่ะ', en: '{name} already has {number}.' },
  youHaveIt: { th: 'คุณดูแล {number} อยู่แล้วค่ะ', en: 'You already have {number}.' },
  role: { th: 'บทบาท {role} ทำรายการนี้กับ {number} ไม่ได้ค่ะ', en: 'The {role} role cannot do this on {number}.' },
  stage: { th: '{number} อยู่ในสถานะ "{stage}" แล้ว จึงทำรายการนี้ไม่ได้ค่ะ', en: '{number} is "{stage}" now, so this cannot be done.' },
  stale: { th: '{number} เพิ่งถูกเปลี่ยนแปลง นี่คือข้อมูลล่าสุดค่ะ', en: '{number} changed meanwhile; here it is as it is now.' },
  gone: { th: 'ไม่พบการจองนี้แล้วค่ะ', en: 'This booking no longer exists.' },
  confirmed: { th: '{name} ยืนยันการจอง {number} แล้วค่ะ ({when})', en: '{name} confirmed {number} ({when}).' },
  proposed: { th: '{name} เสนอเวลา {when} สำหรับ {number} แล้วค่ะ รอลูกค้าตอบกลับค่ะ', en: '{name} proposed {when} for {number}. Waiting for the customer.' },
  declined: { th: '{name} ปฏิเสธการจอง {number} แล้วค่ะ ({reason})', en: '{name} declined {number} ({reason}).' },
  customerTold: { th: 'แจ้งลูกค้าแล้วค่ะ', en: 'The customer has been told.' },
  pickTime: { th: 'กรุณาเลือกวันและเวลาด้วยปุ่ม "เสนอเวลาอื่น" ค่ะ', en: 'Pick a date and time with the "Propose another time" button.' },
  pastTime: { th: 'เลือกวันตั้งแต่วันนี้เป็นต้นไปนะคะ', en: 'Pick a date from today on.' },
  whyDecline: { th: 'ปฏิเสธ {number} ด้วยเหตุผลใดคะ?', en: 'Why decline {number}?' },
} as const satisfies Record<string, Phrase>;

/** Why a booking is declined: the quick replies of the Decline question. */
export const DECLINE_REASONS = {
  full: { th: 'เต็มแล้ว', en: 'Fully booked' },
  unavailable: { th: 'ไม่ว่างในวันเวลานั้น', en: 'Not available then' },
  other: { th: 'เหตุผลอื่น', en: 'Other reason' },
} as const satisfies Record<string, Phrase>;

const when = (b: BookingView, l: Language, proposed = false) =>
  `${formatBookingDate(proposed ? b.proposedDate : b.requestedDate, l)} ${(proposed ? b.proposedTime : b.requestedTime) ?? ''}`.trim();

function say(ctx: ActionContext, b: BookingView | undefined, texts: string[], more: OutboundMessage[] = []): Promise<void> {
  return answer(ctx.trx, ctx.scene, [...texts.map((text): OutboundMessage => ({ kind: 'text', text })), ...more], { bookingId: b?.id });
}

const card = (ctx: ActionContext, b: BookingView) => buildBookingCard(ctx.deps, b, { language: ctx.scene.language, now: ctx.scene.now });

/** The tap's command: on the booking it was made for, as this staff member, spending the button right before the change. */
const decision = (ctx: ActionContext): BookingDecision => ({
  orgId: ctx.scene.message.orgId,
  bookingId: ctx.token.subjectId,
  actor: { type: 'staff', staffId: ctx.staff.id, role: ctx.staff.role },
  claim: () => ctx.spend(),
});

/** A refusal put into words in the chat, with the booking as it is now; the outcome for the logs. */
async function refused(ctx: ActionContext, r: Refused): Promise<string> {
  const l = ctx.scene.language;
  const b = r.booking;
  const hasIt = (x: BookingView) => fill(P.hasIt[l], { name: x.assigneeName ?? '', number: x.number });
  const someoneElse = (x: BookingView) => Boolean(x.assigneeStaffId && x.assigneeStaffId !== ctx.staff.id);
  if (!b) {
    await say(ctx, undefined, [P.gone[l]]);
    return 'refused';
  }
  switch (r.refusal) {
    case 'not_allowed':
      await say(ctx, b, [fill(P.role[l], { role: ctx.staff.role, number: b.number })]);
      return 'refused';
    case 'taken':
      await say(ctx, b, [hasIt(b)]);
      return 'refused';
    case 'already_yours':
      await say(ctx, b, [fill(P.youHaveIt[l], { number: b.number })]);
      return 'already yours';
    case 'no_time':
      await say(ctx, b, [P.pickTime[l]]);
      return 'refused: no time picked';
    case 'past_time':
      await say(ctx, b, [P.pastTime[l]]);
      return 'refused: in the past';
    case 'replayed':
      // Nothing changes; say who has the booking when that is the news.
      await say(ctx, b, [someoneElse(b) ? hasIt(b) : BUTTON_USED[l]]);
      return 'refused: replayed';
    case 'stale_version':
      await say(ctx, b, [someoneElse(b) ? hasIt(b) : fill(P.stale[l], { number: b.number })], [await card(ctx, b)]);
      return 'refused: changed meanwhile';
    default:
      await say(ctx, b, [fill(P.stage[l], { number: b.number, stage: stageFlags(b.stage).label[l] })]);
      return `refused: stage ${b.stage}`;
  }
}

async function take(ctx: ActionContext): Promise<string> {
  const r = await takeBooking(ctx.trx, decision(ctx));
  if (!r.ok) return refused(ctx, r);
  await say(ctx, r.booking, [fill(P.took[ctx.scene.language], { name: ctx.staff.displayName, number: r.booking.number })], [await card(ctx, r.booking)]);
  return 'taken';
}

async function confirm(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const r = await confirmRequest(ctx.trx, decision(ctx));
  if (!r.ok) return refused(ctx, r);
  await say(ctx, r.booking, [[fill(P.confirmed[l], { name: ctx.staff.displayName, number: r.booking.number, when: whenWithGuests(r.booking, l) }), r.customerTold ? P.customerTold[l] : ''].join(' ').trim()]);
  return 'confirmed';
}

const whenWithGuests = (b: BookingView, l: Language) => [when(b, l), b.partySize ? `${b.partySize} ${l === 'th' ? 'ท่าน' : 'guests'}` : ''].filter(Boolean).join(', ');

async function propose(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const r = await proposeAnotherTime(ctx.trx, { ...decision(ctx), at: pickedTime(ctx.params), now: ctx.scene.now });
  if (!r.ok) return refused(ctx, r);
  const text = [fill(P.proposed[l], { name: ctx.staff.displayName, number: r.booking.number, when: when(r.booking, l, true) }), r.customerTold ? P.customerTold[l] : ''].join(' ').trim();
  await say(ctx, r.booking, [text], [await card(ctx, r.booking)]);
  return 'proposed';
}

/** The picker's answer: `params.datetime` (2026-01-20T15:00), or `params.date` alone. */
function pickedTime(params: Record<string, string>): { date: string; time?: string } | undefined {
  const dt = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2})$/.exec(params.datetime ?? '');
  if (dt) return { date: dt[1], time: dt[2] };
  if (/^\d{4}-\d{2}-\d{2}$/.test(params.date ?? '')) return { date: params.date };
  return undefined;
}

async function decline(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const reason = ctx.arg && ctx.arg in DECLINE_REASONS ? (ctx.arg as keyof typeof DECLINE_REASONS) : undefined;
  const r = await declineRequest(ctx.trx, { ...decision(ctx), reason });
  if (!r.ok && r.refusal === 'reason_required' && r.booking) {
    // The question changes nothing, so it leaves the card's button usable.
    const b = r.booking;
    const quickReplies = Object.entries(DECLINE_REASONS).map(([key, label]): Action => ({
      type: 'postback',
      label: label[l],
      displayText: label[l],
      data: staffActionData(ctx.deps.actionKey, { orgId: b.orgId, name: 'booking.decline', arg: key, subjectId: b.id, now: ctx.scene.now, ttlMs: QUICK_REPLY_TTL_MS }),
    }));
    await answer(ctx.trx, ctx.scene, [{ kind: 'text', text: fill(P.whyDecline[l], { number: b.number }), quickReplies }], { bookingId: b.id });
    return 'asked for a reason';
  }
  if (!r.ok) return refused(ctx, r);
  const text = [fill(P.declined[l], { name: ctx.staff.displayName, number: r.booking.number, reason: DECLINE_REASONS[reason!][l] }), r.customerTold ? P.customerTold[l] : ''].join(' ').trim();
  await say(ctx, r.booking, [text]);
  return 'declined';
}

export const bookingActions: ActionTable = {
  'booking.take': take,
  'booking.confirm': confirm,
  'booking.propose': propose,
  'booking.decline': decline,
};
