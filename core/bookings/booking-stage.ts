/**
 * Booking pipeline stages and their flags; the keys mirror the CHECK on bookings.stage.
 *
 * collecting -> pending_confirmation -> new -> confirmed -> completed
 *   the bot gathers details, the customer confirms the summary, staff review the request;
 *   staff may propose another time (proposed: the customer answers) or decline.
 */

export const BOOKING_STAGES = ['collecting', 'pending_confirmation', 'new', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed'] as const;
export type BookingStage = (typeof BOOKING_STAGES)[number];

export interface BookingStageFlags {
  /** Still going somewhere: not yet completed, declined or cancelled. */
  isOpen: boolean;
  isTerminal: boolean;
  /** Whose move it is: a customer's answer continues the dialogue, staff see it in their queue. */
  awaiting: 'customer' | 'staff' | null;
  sortOrder: number;
  next: readonly BookingStage[];
  label: { th: string; en: string };
}

export const BOOKING_STAGE: Readonly<Record<BookingStage, BookingStageFlags>> = {
  collecting: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 10,
    next: ['pending_confirmation', 'new', 'cancelled'],
    label: { th: 'กำลังรวบรวมข้อมูล', en: 'Collecting details' },
  },
  pending_confirmation: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 20,
    next: ['new', 'collecting', 'cancelled'],
    label: { th: 'รอลูกค้ายืนยันรายละเอียด', en: 'Waiting for customer to confirm' },
  },
  new: {
    isOpen: true, isTerminal: false, awaiting: 'staff', sortOrder: 30,
    next: ['confirmed', 'proposed', 'declined', 'cancelled'],
    label: { th: 'รอเจ้าหน้าที่ยืนยัน', en: 'New request' },
  },
  proposed: {
    isOpen: true, isTerminal: false, awaiting: 'customer', sortOrder: 40,
    // new: the customer asked for yet another time, staff look again.
    next: ['confirmed', 'new', 'proposed', 'declined', 'cancelled'],
    label: { th: 'เสนอเวลาใหม่แล้ว', en: 'New time proposed' },
  },
  confirmed: {
    isOpen: true, isTerminal: false, awaiting: null, sortOrder: 50,
    next: ['completed', 'cancelled', 'proposed'],
    label: { th: 'ยืนยันแล้ว', en: 'Confirmed' },
  },
  declined: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 60,
    next: [],
    label: { th: 'ไม่สามารถรับจองได้', en: 'Declined' },
  },
  cancelled: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 70,
    next: [],
    label: { th: 'ยกเลิกแล้ว', en: 'Cancelled' },
  },
  completed: {
    isOpen: false, isTerminal: true, awaiting: null, sortOrder: 80,
    next: [],
    label: { th: 'เสร็จสิ้น', en: 'Completed' },
  },
};

export const OPEN_BOOKING_STAGES: readonly BookingStage[] = BOOKING_STAGES.filter((s) => BOOKING_STAGE[s].isOpen);

export function isBookingStage(value: unknown): value is BookingStage {
  return typeof value === 'string' && (BOOKING_STAGES as readonly string[]).includes(value);
}

export function canTransitionBooking(from: BookingStage, to: BookingStage): boolean {
  return BOOKING_STAGE[from].next.includes(to);
}
