import type { Knex } from 'knex';
import { stageFlags } from '../bookings/booking-stage.ts';
import { formatBookingDate, loadBooking, type BookingView } from '../bookings/booking-desk.ts';
import { bookingDetailLines } from '../bookings/booking-detail-words.ts';
import type { Action, CardField, OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../vocabulary.ts';
import { formatMinorUnits } from '../templates/format-money.ts';
import { todayIn } from '../time/org-time.ts';
import { recordBookingEvent, type BookingEventSubscriber } from '../bookings/booking-timeline.ts';
import { followUpClockRunning } from '../bookings/follow-up-clock.ts';
import { groupsForBooking } from './routing.ts';
import { postToManagers } from './managers-reach.ts';
import { staffActionData } from './staff-buttons.ts';
import { postToGroup, postToStaffMember, staffById, type StaffDeps } from './staff-desk.ts';
import type { AnnounceBookingJob, BookingAlertJob, TellBookingAssigneeJob } from './staff-jobs.ts';
import { fill, type Phrase } from './staff-phrases.ts';

/**
 * A booking request as staff see it in LINE: a card with its number, service, date, time, party
 * size, customer and details, and signed buttons for what can be done to it now: Take, Confirm, Propose another time (LINE's date-and-time picker; the picked value comes
 * back in the postback's params) and Decline (which asks for the reason first).
 */
const WORDS = {
  newBooking: { th: 'คำขอจองใหม่', en: 'New booking' },
  booking: { th: 'การจอง', en: 'Booking' },
  service: { th: 'บริการ', en: 'Service' },
  date: { th: 'วันที่', en: 'Date' },
  time: { th: 'เวลา', en: 'Time' },
  guests: { th: 'จำนวน', en: 'Guests' },
  customer: { th: 'ลูกค้า', en: 'Customer' },
  assignee: { th: 'ผู้ดูแล', en: 'Taken by' },
  stage: { th: 'สถานะ', en: 'Status' },
  proposed: { th: 'เวลาที่เสนอ', en: 'Proposed' },
  take: { th: 'รับเรื่อง', en: 'Take' },
  confirm: { th: 'ยืนยัน', en: 'Confirm' },
  propose: { th: 'เสนอเวลาอื่น', en: 'Propose another time' },
  decline: { th: 'ปฏิเสธ', en: 'Decline' },
} as const satisfies Record<string, Record<Language, string>>;

export async function buildBookingCard(
  deps: StaffDeps,
  b: BookingView,
  o: { language: Language; now: Date; title?: string },
): Promise<OutboundMessage> {
  const { language: l, now } = o;
  const fields: CardField[] = [
    { label: WORDS.service[l], value: b.serviceName?.[l] ?? '-' },
    { label: WORDS.date[l], value: formatBookingDate(b.requestedDate, l) || '-' },
    { label: WORDS.time[l], value: b.requestedTime ?? '-' },
    { label: WORDS.guests[l], value: b.partySize ? String(b.partySize) : '-' },
    { label: WORDS.customer[l], value: b.contactName ?? '-' },
  ];
  if (b.stage !== 'new') fields.push({ label: WORDS.stage[l], value: stageFlags(b.stage).label[l] });
  if (b.stage === 'proposed' && b.proposedDate) fields.push({ label: WORDS.proposed[l], value: `${formatBookingDate(b.proposedDate, l)} ${b.proposedTime ?? ''}`.trim() });
  if (b.assigneeName) fields.push({ label: WORDS.assignee[l], value: b.assigneeName });
  const details = bookingDetailLines(b.details, l).join('\n');

  const button = (name: string, label: string): Action => ({
    type: 'postback',
    label,
    data: staffActionData(deps.actionKey, { orgId: b.orgId, name, subjectId: b.id, now }),
  });
  const today = todayIn(b.timeZone, now);
  const actions: Action[] = [];
  if (stageFlags(b.stage).awaiting === 'staff' || b.stage === 'proposed') {
    // Take stays while someone has it: a manager may take it over; anyone else is told who has it.
    actions.push(button('booking.take', WORDS.take[l]));
    actions.push(button('booking.confirm', WORDS.confirm[l]));
    actions.push({
      type: 'datetime',
      label: WORDS.propose[l],
      data: staffActionData(deps.actionKey, { orgId: b.orgId, name: 'booking.propose', subjectId: b.id, now }),
      mode: 'datetime',
      min: `${today}T00:00`,
      // LINE refuses a picker whose initial value is before its minimum.
      ...(b.requestedDate && b.requestedTime && b.requestedDate >= today ? { initial: `${b.requestedDate}T${b.requestedTime}` } : {}),
    });
    actions.push(button('booking.decline', WORDS.decline[l]));
  }
  const title = `${o.title ?? (b.stage === 'new' ? WORDS.newBooking[l] : WORDS.booking[l])} ${b.number}`;
  const service = b.serviceName?.[l] ?? '';
  return {
    kind: 'card',
    card: {
      altText: `${title}: ${service} ${formatBookingDate(b.requestedDate, l)} ${b.requestedTime ?? ''}`.trim(),
      title,
      subtitle: service || undefined,
      tone: 'neutral',
      fields,
      body: details || undefined,
      actions,
    },
  };
}

/** A booking request's card, posted to the groups that take bookings for its service. */
export async function announceBooking(deps: StaffDeps, trx: Knex.Transaction, job: AnnounceBookingJob): Promise<{ posted: number }> {
  const b = await loadBooking(trx, job.bookingId);
  if (!b || !stageFlags(b.stage).isOpen) return { posted: 0 };
  return postBookingNews(deps, trx, b, []);
}

/** Posts to the booking's groups, each in its own language: `lines` first, then the card as it is now. */
export async function postBookingNews(
  deps: StaffDeps,
  trx: Knex.Transaction,
  b: BookingView,
  lines: Record<Language, string>[],
): Promise<{ posted: number }> {
  const now = deps.now?.() ?? new Date();
  let posted = 0;
  for (const group of await groupsForBooking(trx, b.id)) {
    const l = group.language;
    const messages: OutboundMessage[] = [...lines.map((t): OutboundMessage => ({ kind: 'text', text: t[l] })), await buildBookingCard(deps, b, { language: l, now })];
    if (await postToGroup(trx, group, messages, { bookingId: b.id })) posted++;
  }
  return { posted };
}

/** What the groups hear when the customer answers a proposed time. */
const PROPOSAL_ANSWERED = {
  accepted: { th: 'ลูกค้ายืนยันเวลา {when} สำหรับ {number} แล้วค่ะ', en: 'The customer accepted {when} for {number}: it is confirmed.' },
  anotherTime: { th: 'ลูกค้าขอเวลาอื่นสำหรับ {number} ค่ะ', en: 'The customer would like another time for {number}.' },
} as const satisfies Record<string, Phrase>;

/**
 * The customer answered a proposed time (core/bookings/booking-commands.ts `answerProposedTime`):
 * the booking's groups hear it with a fresh card, in the transaction of the answer.
 */
export function proposalAnswerNews(deps: StaffDeps): BookingEventSubscriber {
  return async (trx, e) => {
    const d = e.data ?? {};
    if (e.type !== 'stage_changed' || e.actor.type !== 'customer' || d.from !== 'proposed') return;
    const b = await loadBooking(trx, e.bookingId);
    if (!b) return;
    const when = (l: Language) => `${formatBookingDate(b.requestedDate, l)} ${b.requestedTime ?? ''}`.trim();
    const line = (l: Language) => (d.to === 'confirmed' ? fill(PROPOSAL_ANSWERED.accepted[l], { when: when(l), number: b.number }) : fill(PROPOSAL_ANSWERED.anotherTime[l], { number: b.number }));
    await postBookingNews(deps, trx, b, [{ th: line('th'), en: line('en') }]);
  };
}

const TOLD = {
  assigned: { th: 'มอบหมายการจองให้คุณ', en: 'Assigned to you:' },
  assignedLine: { th: '{number} ได้รับมอบหมายให้คุณค่ะ', en: '{number} is yours now.' },
  byRule: { th: ' (ตามกฎ "{rule}")', en: ' (rule "{rule}")' },
  warnTitle: { th: 'ใกล้ถึงกำหนดติดตาม', en: 'Follow-up due soon:' },
  missedTitle: { th: 'เลยกำหนดติดตามแล้ว', en: 'Follow-up missed:' },
  warnLine: { th: '{number}: ต้อง{clock}ภายใน {at} น. ค่ะ', en: '{number}: {clock} is due by {at}.' },
  missedLine: { th: '{number}: เลยกำหนด{clock} ({at} น.) แล้วค่ะ ผู้ดูแล: {owner}', en: '{number}: {clock} was due by {at} and has not happened. Assignee: {owner}.' },
  first_contact: { th: 'ติดต่อลูกค้าครั้งแรก', en: 'the first contact' },
  quote: { th: 'ส่งใบเสนอราคา', en: 'the quote' },
  nobody: { th: 'ยังไม่มี', en: 'nobody' },
  acceptedTitle: { th: 'ลูกค้ายอมรับใบเสนอราคา', en: 'Quote accepted:' },
  declinedTitle: { th: 'ลูกค้าปฏิเสธใบเสนอราคา', en: 'Quote declined:' },
  acceptedLine: { th: '{customer} ยอมรับใบเสนอราคา v{version} ของ {number} ({total}) แล้วค่ะ การจองยืนยันแล้ว', en: '{customer} accepted quote v{version} of {number} ({total}): the booking is confirmed.' },
  declinedLine: { th: '{customer} ปฏิเสธใบเสนอราคา v{version} ของ {number} ค่ะ เหตุผล: {reason}', en: '{customer} declined quote v{version} of {number}. Reason: {reason}' },
  customer: { th: 'ลูกค้า', en: 'The customer' },
  flaggedTitle: { th: 'การชำระเงินที่ต้องตรวจสอบ', en: 'Payment to check:' },
  flaggedLine: {
    th: '{number}: ได้รับเงิน {amount} แต่ยังไม่นำไปใช้กับการจอง ({flag}) กรุณาตรวจสอบหรือคืนเงินค่ะ',
    en: '{number}: {amount} arrived and was not applied to the booking ({flag}). Check it, or refund it.',
  },
  amount_mismatch: { th: 'ยอดหรือสกุลเงินไม่ตรงกับที่เรียกเก็บ', en: 'the amount or currency is not what was asked' },
  quote_superseded: { th: 'ชำระตามใบเสนอราคาฉบับเก่า', en: 'paid for a quote version since replaced' },
  quote_expired: { th: 'ชำระตามใบเสนอราคาที่หมดอายุ', en: 'paid for an expired quote' },
  slipTitle: { th: 'สลิปโอนเงินรอยืนยัน', en: 'Transfer slip to confirm:' },
  slipLine: { th: '{customer} ส่งสลิปโอนเงินสำหรับ {number} ({amount}) ค่ะ กรุณาตรวจสอบและยืนยัน', en: '{customer} sent a transfer slip for {number} ({amount}). Check it and confirm.' },
} as const satisfies Record<string, Phrase>;

/** Runs once per booking event: the job may run twice, the second sees the first's record. */
async function alreadyTold(trx: Knex.Transaction, bookingId: string, bookingEventId: string): Promise<boolean> {
  await trx('bookings').select('id').where({ id: bookingId }).forUpdate().first();
  return Boolean(await trx('booking_events').where({ booking_id: bookingId, type: 'staff_alerted' }).whereRaw(`data->>'bookingEventId' = ?`, [bookingEventId]).first('id'));
}

function recordTold(trx: Knex.Transaction, b: BookingView, job: { bookingEventId: string }, kind: string, to: Record<string, string>[]) {
  return recordBookingEvent(trx, { orgId: b.orgId, bookingId: b.id, type: 'staff_alerted', actor: { type: 'system', id: null }, isPublic: false, data: { bookingEventId: job.bookingEventId, kind, to } });
}

/** The staff member a booking was given to hears it 1:1, with the booking's card. */
export async function tellBookingAssignee(deps: StaffDeps, trx: Knex.Transaction, job: TellBookingAssigneeJob): Promise<{ posted: number }> {
  if (await alreadyTold(trx, job.bookingId, job.bookingEventId)) return { posted: 0 };
  const b = await loadBooking(trx, job.bookingId);
  // Given to someone else meanwhile: they get their own message.
  if (!b || b.assigneeStaffId !== job.staffId || !stageFlags(b.stage).isOpen) return { posted: 0 };
  const staff = await staffById(trx, b.orgId, job.staffId);
  const source = await trx('booking_events').select('data').where({ id: job.bookingEventId }).first();
  const to: Record<string, string>[] = [];
  if (staff?.lineUserId) {
    const l = staff.language;
    const rule = source?.data?.rule?.name as string | undefined;
    const line = fill(TOLD.assignedLine[l], { number: b.number }) + (rule ? fill(TOLD.byRule[l], { rule }) : '');
    const card = await buildBookingCard(deps, b, { language: l, now: deps.now?.() ?? new Date(), title: TOLD.assigned[l] });
    if (await postToStaffMember(trx, staff, [{ kind: 'text', text: line }, card], { bookingId: b.id })) to.push({ staffId: staff.id });
  }
  await recordTold(trx, b, job, 'assigned', to);
  return { posted: to.length };
}

function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/**
 * A follow-up clock's warning reaches the assignee 1:1 (the booking's groups when nobody has it);
 * a miss reaches the managers' groups. A warning about a clock that has stopped meanwhile is not news.
 */
export async function sendBookingAlert(deps: StaffDeps, trx: Knex.Transaction, job: BookingAlertJob): Promise<{ posted: number }> {
  if (job.kind !== 'follow_up_warning' && job.kind !== 'follow_up_missed') return sendBookingNews(deps, trx, job);
  if (await alreadyTold(trx, job.bookingId, job.bookingEventId)) return { posted: 0 };
  const b = await loadBooking(trx, job.bookingId);
  const source = await trx('booking_events').select('data').where({ id: job.bookingEventId }).first();
  if (!b || !source) return { posted: 0 };
  const clock = source.data.clock === 'quote' ? 'quote' : 'first_contact';
  const row = await trx('bookings').select('follow_up_clock', 'first_responded_at', 'stage').where({ id: b.id }).first();
  const stillRunning = followUpClockRunning(row, clock);
  const now = deps.now?.() ?? new Date();
  const at = clockTime(new Date(source.data.dueAt), b.timeZone);
  const missed = job.kind === 'follow_up_missed';
  const messages = async (l: Language): Promise<OutboundMessage[]> => [
    { kind: 'text', text: fill(missed ? TOLD.missedLine[l] : TOLD.warnLine[l], { number: b.number, clock: TOLD[clock][l], at, owner: b.assigneeName ?? TOLD.nobody[l] }) },
    await buildBookingCard(deps, b, { language: l, now, title: missed ? TOLD.missedTitle[l] : TOLD.warnTitle[l] }),
  ];
  const to: Record<string, string>[] = [];
  if (stillRunning || missed) {
    if (!missed && b.assigneeStaffId) {
      const owner = await staffById(trx, b.orgId, b.assigneeStaffId);
      if (owner?.lineUserId && (await postToStaffMember(trx, owner, await messages(owner.language), { bookingId: b.id }))) to.push({ staffId: owner.id });
    }
    if (to.length === 0 && missed) to.push(...(await postToManagers(trx, b.orgId, messages, { bookingId: b.id })));
    else if (to.length === 0) {
      for (const g of await groupsForBooking(trx, b.id)) if (await postToGroup(trx, g, await messages(g.language), { bookingId: b.id })) to.push({ groupId: g.id });
    }
  }
  await recordTold(trx, b, job, job.kind, to);
  return { posted: to.length };
}

/** What the booking's people are told of an event: its title and line, from the event's data. */
function newsOf(kind: BookingAlertJob['kind'], data: Record<string, any>, b: BookingView): { title: Phrase; line: (l: Language) => string } {
  const amount = data.amountMinor !== undefined ? formatMinorUnits(Number(data.amountMinor), String(data.currency)) : '';
  const customer = (l: Language) => b.contactName ?? TOLD.customer[l];
  switch (kind) {
    case 'payment_flagged':
      return { title: TOLD.flaggedTitle, line: (l) => fill(TOLD.flaggedLine[l], { number: b.number, amount, flag: (TOLD[data.flag as 'amount_mismatch'] ?? TOLD.amount_mismatch)[l] }) };
    case 'slip_received':
      return { title: TOLD.slipTitle, line: (l) => fill(TOLD.slipLine[l], { customer: customer(l), number: b.number, amount }) };
    default: {
      const accepted = kind === 'quote_accepted';
      return {
        title: accepted ? TOLD.acceptedTitle : TOLD.declinedTitle,
        line: (l) =>
          fill(accepted ? TOLD.acceptedLine[l] : TOLD.declinedLine[l], {
            customer: customer(l),
            version: String(data.version ?? ''),
            number: b.number,
            total: `${Number(data.total ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2 })} ${data.currency ?? ''}`.trim(),
            reason: String(data.reason ?? '-'),
          }),
      };
    }
  }
}

/**
 * News the booking's people act on: the customer answered a quote, money arrived that was not
 * applied (flagged), a transfer slip waits to be confirmed. The assignee 1:1 and the booking's
 * sales groups hear it, with the card as it is now.
 */
async function sendBookingNews(deps: StaffDeps, trx: Knex.Transaction, job: BookingAlertJob): Promise<{ posted: number }> {
  if (await alreadyTold(trx, job.bookingId, job.bookingEventId)) return { posted: 0 };
  const b = await loadBooking(trx, job.bookingId);
  const source = await trx('booking_events').select('data').where({ id: job.bookingEventId }).first();
  if (!b || !source) return { posted: 0 };
  const news = newsOf(job.kind, source.data ?? {}, b);
  const now = deps.now?.() ?? new Date();
  const messages = async (l: Language): Promise<OutboundMessage[]> => [{ kind: 'text', text: news.line(l) }, await buildBookingCard(deps, b, { language: l, now, title: news.title[l] })];
  const to: Record<string, string>[] = [];
  if (b.assigneeStaffId) {
    const owner = await staffById(trx, b.orgId, b.assigneeStaffId);
    if (owner?.lineUserId && (await postToStaffMember(trx, owner, await messages(owner.language), { bookingId: b.id }))) to.push({ staffId: owner.id });
  }
  for (const g of await groupsForBooking(trx, b.id)) if (await postToGroup(trx, g, await messages(g.language), { bookingId: b.id })) to.push({ groupId: g.id });
  await recordTold(trx, b, job, job.kind, to);
  return { posted: to.length };
}
