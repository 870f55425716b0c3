import type { Knex } from 'knex';
import { canStaff, staffActions, type StaffAction } from '../../core/access/roles.ts';
import {
  confirmBooking,
  declineBooking,
  formatBookingDate,
  loadBooking,
  proposeTime,
  reopenForAnotherTime,
  takeBooking,
  tellBookingCustomer,
  type BookingView,
  type DeskResult,
} from '../../core/bookings/booking-desk.ts';
import { customersBookingId } from '../../core/bookings/booking-queries.ts';
import { stageFlags } from '../../core/bookings/booking-stage.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { Language } from '../../core/vocabulary.ts';
import { renderTemplate } from '../../core/templates/render-template.ts';
import { buildBookingCard, postBookingNews } from '../../core/staff/booking-announcements.ts';
import { todayIn } from '../../core/time/org-time.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { BUTTON_USED, fill, type Phrase } from '../../core/staff/staff-phrases.ts';
import { replyData } from '../conversation/dialogue.ts';
import type { ActionContext, ActionTable } from './staff-actions.ts';
import { answer, type StaffDeps } from './staff-scene.ts';

/**
 * Card buttons on a booking: Take, Confirm, Propose another time, Decline; and the customer's
 * answer to a proposed time (quick replies on the proposal, routed here by the conversation router).
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
  accepted: { th: 'ลูกค้ายืนยันเวลา {when} สำหรับ {number} แล้วค่ะ', en: 'The customer accepted {when} for {number}: it is confirmed.' },
  anotherTime: { th: 'ลูกค้าขอเวลาอื่นสำหรับ {number} ค่ะ', en: 'The customer would like another time for {number}.' },
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

/** The booking as it is now, after the role check; undefined (and answered) when the tap cannot go on. */
async function subject(ctx: ActionContext, action: StaffAction): Promise<BookingView | undefined> {
  const l = ctx.scene.language;
  const b = await loadBooking(ctx.trx, ctx.token.subjectId, ctx.scene.message.orgId);
  if (!b) {
    await say(ctx, undefined, [P.gone[l]]);
    return undefined;
  }
  if (!canStaff(ctx.staff.role, action, { ownerStaffId: b.assigneeStaffId, actorStaffId: ctx.staff.id })) {
    const roleMay = (staffActions[action].roles as readonly string[]).includes(ctx.staff.role);
    // Support may act on unowned bookings or their own: someone else's is "theirs", not "forbidden".
    await say(ctx, b, [roleMay && b.assigneeName ? fill(P.hasIt[l], { name: b.assigneeName, number: b.number }) : fill(P.role[l], { role: ctx.staff.role, number: b.number })]);
    return undefined;
  }
  return b;
}

async function refuseStage(ctx: ActionContext, b: BookingView): Promise<string> {
  const l = ctx.scene.language;
  await say(ctx, b, [fill(P.stage[l], { number: b.number, stage: stageFlags(b.stage).label[l] })]);
  return `refused: stage ${b.stage}`;
}

/** A replayed button: nothing changes; say who has the booking when that is the news. */
async function refuseReplay(ctx: ActionContext, b: BookingView): Promise<string> {
  const l = ctx.scene.language;
  const now = (await loadBooking(ctx.trx, b.id)) ?? b;
  const someoneElse = now.assigneeStaffId && now.assigneeStaffId !== ctx.staff.id;
  await say(ctx, now, [someoneElse ? fill(P.hasIt[l], { name: now.assigneeName ?? '', number: now.number }) : BUTTON_USED[l]]);
  return 'refused: replayed';
}

/** The change lost a race or the stage no longer allows it: answered with the booking as it is now. */
async function refuseResult(ctx: ActionContext, r: Extract<DeskResult, { ok: false }>): Promise<string> {
  if (r.reason === 'stage') return refuseStage(ctx, r.booking);
  const l = ctx.scene.language;
  const b = r.booking;
  const text = b.assigneeStaffId && b.assigneeStaffId !== ctx.staff.id ? fill(P.hasIt[l], { name: b.assigneeName ?? '', number: b.number }) : fill(P.stale[l], { number: b.number });
  await say(ctx, b, [text], [await card(ctx, b)]);
  return 'refused: changed meanwhile';
}

async function take(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const b = await subject(ctx, 'booking.take');
  if (!b) return 'refused';
  if (!stageFlags(b.stage).isOpen) return refuseStage(ctx, b);
  if (b.assigneeStaffId === ctx.staff.id) {
    await say(ctx, b, [fill(P.youHaveIt[l], { number: b.number })]);
    return 'already yours';
  }
  if (!(await ctx.spend())) return refuseReplay(ctx, b);
  const r = await takeBooking(ctx.trx, b, ctx.staff.id);
  if (!r.ok) return refuseResult(ctx, r);
  await say(ctx, r.booking, [fill(P.took[l], { name: ctx.staff.displayName, number: b.number })], [await card(ctx, r.booking)]);
  return 'taken';
}

async function confirm(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const b = await subject(ctx, 'booking.decide');
  if (!b) return 'refused';
  if (b.stage !== 'new' && b.stage !== 'proposed') return refuseStage(ctx, b);
  if (!(await ctx.spend())) return refuseReplay(ctx, b);
  const r = await confirmBooking(ctx.trx, b, { type: 'staff', id: ctx.staff.id });
  if (!r.ok) return refuseResult(ctx, r);
  const told = await tellBookingCustomer(ctx.trx, r.booking, 'booking_confirmed', { actor: { type: 'staff', id: ctx.staff.id } });
  await say(ctx, r.booking, [[fill(P.confirmed[l], { name: ctx.staff.displayName, number: b.number, when: whenWithGuests(r.booking, l) }), told ? P.customerTold[l] : ''].join(' ').trim()]);
  return 'confirmed';
}

const whenWithGuests = (b: BookingView, l: Language) => [when(b, l), b.partySize ? `${b.partySize} ${l === 'th' ? 'ท่าน' : 'guests'}` : ''].filter(Boolean).join(', ');

async function propose(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const b = await subject(ctx, 'booking.decide');
  if (!b) return 'refused';
  const picked = pickedTime(ctx.params, b.requestedTime);
  if (!picked) {
    await say(ctx, b, [P.pickTime[l]]);
    return 'refused: no time picked';
  }
  if (picked.date < todayIn(b.timeZone, ctx.scene.now)) {
    await say(ctx, b, [P.pastTime[l]]);
    return 'refused: in the past';
  }
  if (!['new', 'proposed', 'confirmed'].includes(b.stage)) return refuseStage(ctx, b);
  if (!(await ctx.spend())) return refuseReplay(ctx, b);
  const r = await proposeTime(ctx.trx, b, { type: 'staff', id: ctx.staff.id }, picked);
  if (!r.ok) return refuseResult(ctx, r);
  const told = await tellBookingCustomer(ctx.trx, r.booking, 'booking_proposed_time', {
    actor: { type: 'staff', id: ctx.staff.id },
    quickReplies: await proposalReplies(ctx.trx, r.booking),
  });
  const text = [fill(P.proposed[l], { name: ctx.staff.displayName, number: b.number, when: when(r.booking, l, true) }), told ? P.customerTold[l] : ''].join(' ').trim();
  await say(ctx, r.booking, [text], [await card(ctx, r.booking)]);
  return 'proposed';
}

/** The picker's answer: `params.datetime` (2026-01-20T15:00), or `params.date` with the time asked for. */
function pickedTime(params: Record<string, string>, requestedTime: string | null): { date: string; time: string } | undefined {
  const dt = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2})$/.exec(params.datetime ?? '');
  if (dt) return { date: dt[1], time: dt[2] };
  if (/^\d{4}-\d{2}-\d{2}$/.test(params.date ?? '') && requestedTime) return { date: params.date, time: requestedTime };
  return undefined;
}

async function decline(ctx: ActionContext): Promise<string> {
  const l = ctx.scene.language;
  const b = await subject(ctx, 'booking.decide');
  if (!b) return 'refused';
  if (!stageFlags(b.stage).next.includes('declined')) return refuseStage(ctx, b);
  const reason = ctx.arg && ctx.arg in DECLINE_REASONS ? (ctx.arg as keyof typeof DECLINE_REASONS) : undefined;
  if (!reason) {
    const quickReplies = Object.entries(DECLINE_REASONS).map(([key, label]): Action => ({
      type: 'postback',
      label: label[l],
      displayText: label[l],
      data: staffActionData(ctx.deps.actionKey, { orgId: b.orgId, name: 'booking.decline', arg: key, subjectId: b.id, now: ctx.scene.now, ttlMs: QUICK_REPLY_TTL_MS }),
    }));
    await answer(ctx.trx, ctx.scene, [{ kind: 'text', text: fill(P.whyDecline[l], { number: b.number }), quickReplies }], { bookingId: b.id });
    return 'asked for a reason';
  }
  if (!(await ctx.spend())) return refuseReplay(ctx, b);
  const r = await declineBooking(ctx.trx, b, { type: 'staff', id: ctx.staff.id }, reason);
  if (!r.ok) return refuseResult(ctx, r);
  const told = await tellBookingCustomer(ctx.trx, r.booking, 'booking_declined', { actor: { type: 'staff', id: ctx.staff.id } });
  const text = [fill(P.declined[l], { name: ctx.staff.displayName, number: b.number, reason: DECLINE_REASONS[reason][l] }), told ? P.customerTold[l] : ''].join(' ').trim();
  await say(ctx, r.booking, [text]);
  return 'declined';
}

export const bookingActions: ActionTable = {
  'booking.take': take,
  'booking.confirm': confirm,
  'booking.propose': propose,
  'booking.decline': decline,
};

/** The customer's quick replies on a proposal: `act=proposal&v=accept:B-000045` (or `other:`). */
export const PROPOSAL_REPLY = 'proposal';

async function proposalReplies(trx: Knex.Transaction, b: BookingView): Promise<Action[]> {
  const label = async (key: string, fallback: string) => (await renderTemplate(trx, b.orgId, key, b.contactLanguage)) || fallback;
  const yes = await label('label_confirm', 'OK');
  const other = await label('label_other_time', b.contactLanguage === 'th' ? 'ขอเวลาอื่น' : 'Another time');
  return [
    { type: 'postback', label: yes, data: replyData(PROPOSAL_REPLY, `accept:${b.number}`), displayText: yes },
    { type: 'postback', label: other, data: replyData(PROPOSAL_REPLY, `other:${b.number}`), displayText: other },
  ];
}

/**
 * The customer answers a proposed time. Customer quick replies are not signed (they can only ask
 * for what they could type), so the booking must be this customer's and still `proposed`; a
 * stale or foreign answer changes nothing. Accepting confirms the proposed time; "another time"
 * hands the request back to staff. Either way the booking's groups hear of it with a fresh card.
 */
export async function answerProposal(
  deps: StaffDeps,
  trx: Knex.Transaction,
  a: { orgId: string; contactId: string; value: string; replyToEventId?: number },
): Promise<string> {
  const m = /^(accept|other):(B-\d+)$/.exec(a.value);
  if (!m) return 'ignored: malformed answer';
  const id = await customersBookingId(trx, { orgId: a.orgId, contactId: a.contactId, number: m[2] });
  const b = id ? await loadBooking(trx, id, a.orgId) : undefined;
  if (!b || b.stage !== 'proposed') return 'ignored: no proposal to answer';
  const actor = { type: 'customer' as const, id: a.contactId };
  if (m[1] === 'accept') {
    const r = await confirmBooking(trx, b, actor);
    if (!r.ok) return `ignored: ${r.reason}`;
    await tellBookingCustomer(trx, r.booking, 'booking_confirmed', { replyToEventId: a.replyToEventId, actor });
    await postBookingNews(deps, trx, r.booking, [{ th: fill(P.accepted['th'], { when: when(r.booking, 'th'), number: b.number }), en: fill(P.accepted['en'], { when: when(r.booking, 'en'), number: b.number }) }]);
    return 'proposal accepted';
  }
  const r = await reopenForAnotherTime(trx, b, actor);
  if (!r.ok) return `ignored: ${r.reason}`;
  await tellBookingCustomer(trx, r.booking, 'booking_proposal_declined', { replyToEventId: a.replyToEventId, actor });
  await postBookingNews(deps, trx, r.booking, [{ th: fill(P.anotherTime['th'], { number: b.number }), en: fill(P.anotherTime['en'], { number: b.number }) }]);
  return 'another time asked';
}
