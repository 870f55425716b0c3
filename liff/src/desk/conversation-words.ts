import type { BookingStage } from '../../../core/vocabulary.ts';
import type { Dict, Words } from '../kit/i18n.ts';

/**
 * The words of what the conversation screen gained beyond the Inbox's (inbox-words.ts): the
 * composer's saved replies and mentions, the customer beside the thread, their cases and bookings
 * in it, and opening one.
 */
export const cw = {
  savedReplies: { th: 'ข้อความสำเร็จรูป', en: 'Saved replies' },
  slashHint: { th: 'พิมพ์ / เพื่อเลือกข้อความสำเร็จรูป', en: 'Type / for a saved reply' },
  atHint: { th: 'พิมพ์ @ เพื่อเรียกชื่อเพื่อนร่วมงาน', en: 'Type @ to mention a colleague' },
  noMatch: { th: 'ไม่พบรายการที่ตรงกัน', en: 'Nothing matches' },
  loadingList: { th: 'กำลังโหลด…', en: 'Loading…' },
  needsCase: { th: 'ลูกค้ายังไม่มีเคสที่เปิดอยู่', en: 'The customer has no open case' },
  needsValue: { th: 'ยังไม่มีข้อมูล: {{what}}', en: 'Not known yet: {{what}}' },
  fromSaved: { th: 'จากข้อความสำเร็จรูป "{{title}}" ในภาษาที่ลูกค้าอ่าน แก้ไขได้ก่อนส่ง', en: 'From the saved reply "{{title}}", as the customer will read it; edit it before sending if you like' },
  mention: { th: 'เรียกชื่อ', en: 'Mention' },
  customer: { th: 'ข้อมูลลูกค้า', en: 'The customer' },
  channels: { th: 'ช่องทาง', en: 'Channels' },
  language: { th: 'ภาษา', en: 'Language' },
  vip: { th: 'VIP', en: 'VIP' },
  openCases: { th: 'เคสที่เปิดอยู่', en: 'Open cases' },
  openBookings: { th: 'การจองที่เปิดอยู่', en: 'Open bookings' },
  none: { th: 'ไม่มี', en: 'None' },
  counts: { th: '· เคสเปิดอยู่ {{c}} · การจองเปิดอยู่ {{b}}', en: '· {{c}} open cases · {{b}} open bookings' },
  profile: { th: 'ดูข้อมูลลูกค้าทั้งหมด', en: 'Everything about them' },
  caseOpened: { th: 'เปิดเคส {{n}} · {{what}}', en: 'Case {{n}} opened · {{what}}' },
  caseMoved: { th: 'เคส {{n}}: {{to}}', en: 'Case {{n}}: {{to}}' },
  caseReopened: { th: 'เปิดเคส {{n}} อีกครั้ง', en: 'Case {{n}} reopened' },
  bookingMade: { th: 'การจอง {{n}}{{what}}', en: 'Booking {{n}} made{{what}}' },
  bookingMoved: { th: 'การจอง {{n}}: {{to}}', en: 'Booking {{n}}: {{to}}' },
  openCase: { th: 'เปิดเคส', en: 'Open a case' },
  openBooking: { th: 'เปิดการจอง', en: 'Open a booking' },
  caseType: { th: 'ประเภทเคส', en: 'Case type' },
  severity: { th: 'ความรุนแรง', en: 'Severity' },
  typesSeverity: { th: 'ตามประเภทเคส', en: "The case type's" },
  summary: { th: 'เรื่องที่ลูกค้าแจ้ง', en: 'What it is about' },
  service: { th: 'บริการ', en: 'Service' },
  noService: { th: 'ไม่ระบุ', en: 'Not named' },
  date: { th: 'วันที่', en: 'Date' },
  time: { th: 'เวลา', en: 'Time' },
  people: { th: 'จำนวนคน', en: 'People' },
  bookingNotes: { th: 'รายละเอียด', en: 'Details' },
  cancel: { th: 'ยกเลิก', en: 'Cancel' },
  caseDone: { th: 'เปิดเคส {{n}} แล้ว', en: 'Case {{n}} opened' },
  bookingDone: { th: 'เปิดการจอง {{n}} แล้ว', en: 'Booking {{n}} opened' },
  session: { th: 'รอบ', en: 'Session' },
  seatsLeft: { th: 'เหลือ {{n}} ที่', en: '{{n}} left' },
  noSession: { th: 'ไม่มีรอบที่ว่างแล้วค่ะ', en: 'No session has room now.' },
  noSlot: { th: 'วันนี้ไม่มีเวลาว่างแล้ว เลือกวันอื่นค่ะ', en: 'Nothing free that day: choose another.' },
  full: { th: 'รอบนี้เต็มแล้ว (เหลือ {{n}} ที่)', en: 'This session is full ({{n}} left).' },
  waitlist: { th: 'ลงชื่อลูกค้ารอคิวรอบนี้', en: 'Put the customer on its waitlist' },
  waiting: { th: 'ลงชื่อรอคิวแล้ว (คิวที่ {{n}})', en: 'On the waitlist (place {{n}})' },
  overbookReason: { th: 'เหตุผลที่รับเกินจำนวน (ผู้จัดการ)', en: 'Reason to overbook (managers)' },
  overbook: { th: 'รับเกินจำนวน', en: 'Overbook' },
} satisfies Dict;

/** The standard stages' names, for a booking's line in the thread (an org's own labels are on the booking's screen). */
export const stageWords: Record<BookingStage, Words> = {
  collecting: { th: 'กำลังรับข้อมูล', en: 'collecting details' },
  pending_confirmation: { th: 'รอยืนยัน', en: 'awaiting confirmation' },
  new: { th: 'ใหม่', en: 'new' },
  contacted: { th: 'ติดต่อแล้ว', en: 'contacted' },
  quoted: { th: 'เสนอราคาแล้ว', en: 'quoted' },
  proposed: { th: 'เสนอเวลาใหม่', en: 'new time proposed' },
  confirmed: { th: 'ยืนยันแล้ว', en: 'confirmed' },
  declined: { th: 'ปฏิเสธ', en: 'declined' },
  lost: { th: 'ไม่สำเร็จ', en: 'lost' },
  cancelled: { th: 'ยกเลิก', en: 'cancelled' },
  completed: { th: 'เสร็จสิ้น', en: 'completed' },
};
