import { BOOKING_STAGES, type BookingStage } from '../vocabulary.ts';

/**
 * Booking pipeline stages and their flags; the keys mirror the CHECK on bookings.stage.
 *
 * In chat: collecting -> pending_confirmation -> new -> confirmed -> completed
 *   the bot gathers details, the customer confirms the summary, staff review the request;
 *   staff may propose another time (proposed: the customer answers) or decline.
 * The sales pipeline (website intake, concierge requests): new -> contacted -> quoted ->
 *   confirmed -> completed, or lost with a reason from any open sales stage.
 * Both share new, confirmed and completed, so a chat booking can be worked as a lead and the
 * LINE card's buttons keep working on both.
 */

export { BOOKING_STAGES };
export type { BookingStage };

export interface BookingStageFlags {
  /** Still going somewhere: not yet completed, declined or cancelled. */
  isOpen: boolean;
  isTerminal: boolean;
  /** Whose move it is: a customer's answer continues the dialogue, staff see it in their queue. */
  awaiting: 'customer' | 'staff' | null;
  sortOrder: number;
  next: readonly BookingStage[];
  /** What staff see. */
  label: { th: string; en: string };
  /** What the customer reads of their booking (their "my bookings" page, "is my booking confirmed?" in chat): "New request" is staff's word. */
  customerLabel: { th: string; en: string };
}

export const BOOKING_STAGE: Readonly<Record<BookingStage, BookingStageFlags>> = {
  collecting: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 10,
    next: ['pending_confirmation', 'new', 'cancelled'],
    label: { th: 'กำลังรวบรวมข้อมูล', en: 'Collecting details' },
    customerLabel: { th: 'ยังรอรายละเอียดจากคุณ', en: 'Details needed' },
  },
  pending_confirmation: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 20,
    next: ['new', 'collecting', 'cancelled'],
    label: { th: 'รอลูกค้ายืนยันรายละเอียด', en: 'Waiting for customer to confirm' },
    customerLabel: { th: 'รอคุณยืนยันรายละเอียด', en: 'Your reply needed' },
  },
  new: {
    isOpen: true, isTerminal: false, awaiting: 'staff', sortOrder: 30,
    next: ['contacted', 'quoted', 'confirmed', 'proposed', 'declined', 'lost', 'cancelled'],
    label: { th: 'รอเจ้าหน้าที่ยืนยัน', en: 'New request' },
    customerLabel: { th: 'รอเจ้าหน้าที่ยืนยัน', en: 'To be confirmed' },
  },
  contacted: {
    isOpen: true, isTerminal: false, awaiting: 'staff', sortOrder: 32,
    next: ['quoted', 'confirmed', 'proposed', 'lost', 'cancelled'],
    label: { th: 'ติดต่อลูกค้าแล้ว', en: 'Contacted' },
    customerLabel: { th: 'เจ้าหน้าที่ติดต่อคุณแล้ว', en: 'We are in touch' },
  },
  quoted: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 35,
    // contacted: the quote is being reworked with the customer.
    next: ['contacted', 'quoted', 'confirmed', 'lost', 'cancelled'],
    label: { th: 'ส่งใบเสนอราคาแล้ว', en: 'Quoted' },
    customerLabel: { th: 'ส่งใบเสนอราคาแล้ว', en: 'Quote sent' },
  },
  proposed: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 40,
    // new: the customer asked for yet another time, staff look again.
    next: ['confirmed', 'new', 'proposed', 'declined', 'lost', 'cancelled'],
    label: { th: 'เสนอเวลาใหม่แล้ว', en: 'New time proposed' },
    customerLabel: { th: 'เสนอเวลาใหม่ให้คุณแล้ว', en: 'New time proposed' },
  },
  confirmed: {
    isOpen: true, isTerminal: false, awaiting: null, sortOrder: 50,
    next: ['completed', 'cancelled', 'proposed'],
    label: { th: 'ยืนยันแล้ว', en: 'Confirmed' },
    customerLabel: { th: 'ยืนยันแล้ว', en: 'Confirmed' },
  },
  declined: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 60,
    next: [],
    label: { th: 'ไม่สามารถรับจองได้', en: 'Declined' },
    customerLabel: { th: 'ไม่สามารถรับจองได้', en: 'Not available' },
  },
  lost: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 65,
    next: [],
    label: { th: 'ไม่ได้การจอง', en: 'Lost' },
    customerLabel: { th: 'ไม่ได้ดำเนินการต่อ', en: 'Not going ahead' },
  },
  cancelled: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 70,
    next: [],
    label: { th: 'ยกเลิกแล้ว', en: 'Cancelled' },
    customerLabel: { th: 'ยกเลิกแล้ว', en: 'Cancelled' },
  },
  completed: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 80,
    next: [],
    label: { th: 'เสร็จสิ้น', en: 'Completed' },
    customerLabel: { th: 'เสร็จสิ้น', en: 'Completed' },
  },
};

/**
 * A stage an org added of its own (core/bookings/booking-stage-settings.ts): an open step of the
 * pipeline where staff act; it carries no behaviour of its own. Its allowed moves are the org's.
 */
const CUSTOM_STAGE: BookingStageFlags = {
  isOpen: true, isTerminal: false, awaiting: 'staff', sortOrder: 45,
  next: ['contacted', 'quoted', 'confirmed', 'lost', 'cancelled'],
  label: { th: '', en: '' },
  customerLabel: { th: '', en: '' },
};

/** The flags of any stage a booking may be in: a built-in one, or one an org added. */
export function stageFlags(stage: string): BookingStageFlags {
  const flags = (BOOKING_STAGE as Record<string, BookingStageFlags | undefined>)[stage];
  return flags ?? { ...CUSTOM_STAGE, label: { th: stage, en: stage }, customerLabel: { th: stage, en: stage } };
}

export const OPEN_BOOKING_STAGES: readonly BookingStage[] = BOOKING_STAGES.filter((s) => BOOKING_STAGE[s].isOpen);
/** Where a booking ends: declined, lost, cancelled, completed. A stage an org added is always open. */
export const CLOSED_BOOKING_STAGES: readonly BookingStage[] = BOOKING_STAGES.filter((s) => !BOOKING_STAGE[s].isOpen);
/** Moving a booking here (or to a stage the org added) means someone has spoken to the customer: its first contact. */
export const FIRST_CONTACT_STAGES: readonly BookingStage[] = ['contacted', 'quoted', 'proposed', 'confirmed'];

export function isBookingStage(value: unknown): value is BookingStage {
  return typeof value === 'string' && (BOOKING_STAGES as readonly string[]).includes(value);
}

export function canTransitionBooking(from: BookingStage, to: BookingStage): boolean {
  return stageFlags(from).next.includes(to);
}
