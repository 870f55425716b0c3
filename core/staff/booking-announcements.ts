import type { Knex } from 'knex';
import { BOOKING_STAGE } from '../bookings/booking-stage.ts';
import { formatBookingDate, loadBooking, type BookingView } from '../bookings/booking-desk.ts';
import type { Action, CardField, OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../models/vocabulary.ts';
import { groupsForBooking } from './routing.ts';
import { staffActionData } from './staff-buttons.ts';
import { postToGroup, type StaffDeps } from './staff-desk.ts';
import type { AnnounceBookingJob } from './staff-jobs.ts';

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
  if (b.stage !== 'new') fields.push({ label: WORDS.stage[l], value: BOOKING_STAGE[b.stage].label[l] });
  if (b.stage === 'proposed' && b.proposedDate) fields.push({ label: WORDS.proposed[l], value: `${formatBookingDate(b.proposedDate, l)} ${b.proposedTime ?? ''}`.trim() });
  if (b.assigneeName) fields.push({ label: WORDS.assignee[l], value: b.assigneeName });
  const details = Object.entries(b.details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k.replaceAll('_', ' ')}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('\n');

  const button = (name: string, label: string): Action => ({
    type: 'postback',
    label,
    data: staffActionData(deps.actionKey, { orgId: b.orgId, name, subjectId: b.id, now }),
  });
  const today = localDate(now, b.timeZone);
  const actions: Action[] = [];
  if (BOOKING_STAGE[b.stage].awaiting === 'staff' || b.stage === 'proposed') {
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

/** YYYY-MM-DD in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A booking request's card, posted to the groups that take bookings for its service. */
export async function announceBooking(deps: StaffDeps, trx: Knex.Transaction, job: AnnounceBookingJob): Promise<{ posted: number }> {
  const b = await loadBooking(trx, job.bookingId);
  if (!b || !BOOKING_STAGE[b.stage].isOpen) return { posted: 0 };
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
