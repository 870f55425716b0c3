import type { InboxStatus } from '../../../core/vocabulary.ts';
import type { Dict, Lang, Words } from '../kit/i18n.ts';
import { LOCALE } from '../kit/i18n.ts';

/** The Inbox's words (liff/src/desk/inbox.tsx, conversation.tsx), in Thai and English. */
export const iw = {
  tab: { th: 'แชท', en: 'Inbox' },
  title: { th: 'แชทกับลูกค้า', en: 'Inbox' },
  views: { th: 'เลือกรายการ', en: 'Which conversations' },
  mine: { th: 'ของฉัน', en: 'Mine' },
  waiting: { th: 'รอคนตอบ', en: 'Waiting' },
  open: { th: 'ที่เปิดอยู่ทั้งหมด', en: 'All open' },
  none: { th: 'ไม่มีบทสนทนาในรายการนี้', en: 'No conversations here' },
  customer: { th: 'ลูกค้า', en: 'Customer' },
  erased: { th: 'ลูกค้าที่ลบข้อมูลแล้ว', en: 'Erased customer' },
  waited: { th: 'รอมา {{t}}', en: 'Waiting {{t}}' },
  justNow: { th: 'ไม่ถึงนาที', en: 'under a minute' },
  holder: { th: 'ผู้ดูแล', en: 'Held by' },
  nobody: { th: 'ยังไม่มีผู้รับ', en: 'Nobody yet' },
  you: { th: 'คุณ', en: 'You' },
  bot: { th: 'บอท', en: 'Bot' },
  staff: { th: 'เจ้าหน้าที่', en: 'Staff' },
  system: { th: 'ระบบ', en: 'System' },
  notText: { th: '(รูปภาพ สติกเกอร์ หรือไฟล์)', en: '(a picture, sticker or file)' },
  snoozedUntil: { th: 'พักไว้ถึง {{t}}', en: 'Snoozed until {{t}}' },
  back: { th: '← กลับไปที่แชทกับลูกค้า', en: '← Back to the Inbox' },
  notFound: { th: 'ไม่พบบทสนทนานี้', en: 'Conversation not found' },
  thread: { th: 'ข้อความ', en: 'Messages' },
  older: { th: 'โหลดข้อความก่อนหน้า', en: 'Load older messages' },
  privateNote: { th: 'บันทึกภายใน', en: 'Private note' },
  privateHint: { th: 'เห็นเฉพาะเจ้าหน้าที่ ไม่ส่งถึงลูกค้า', en: 'Only staff see it; never sent to the customer' },
  actions: { th: 'ดำเนินการ', en: 'Actions' },
  take: { th: 'รับบทสนทนานี้', en: 'Take it' },
  takeOver: { th: 'รับต่อ', en: 'Take it over' },
  yours: { th: 'คุณดูแลบทสนทนานี้อยู่', en: 'You hold this conversation' },
  assignTo: { th: 'มอบหมายให้', en: 'Give it to' },
  assign: { th: 'มอบหมาย', en: 'Assign' },
  resolve: { th: 'เสร็จแล้ว ให้บอทตอบต่อ', en: 'Resolve (back to the bot)' },
  snoozeFor: { th: 'พักไว้จนถึง', en: 'Snooze until' },
  snooze: { th: 'พักไว้', en: 'Snooze' },
  inAnHour: { th: 'อีก 1 ชั่วโมง', en: 'In 1 hour' },
  tomorrow9: { th: 'พรุ่งนี้ 9:00', en: 'Tomorrow 9:00' },
  pick: { th: 'เลือกเวลา…', en: 'Pick a time…' },
  pickWhen: { th: 'วันและเวลา', en: 'Date and time' },
  write: { th: 'ข้อความถึงลูกค้า', en: 'Message to the customer' },
  writeNote: { th: 'บันทึกภายใน (ลูกค้าไม่เห็น)', en: 'Private note (the customer never sees it)' },
  noteToggle: { th: 'บันทึกภายใน', en: 'Private note' },
  send: { th: 'ส่ง', en: 'Send' },
  othersHold: { th: '{{name}} ดูแลอยู่ จึงตอบลูกค้าได้เฉพาะ {{name}} แต่เขียนบันทึกภายในได้', en: '{{name}} holds it: only they write to the customer, but a private note is fine' },
  saveNote: { th: 'บันทึก', en: 'Save note' },
  working: { th: 'กำลังทำรายการ…', en: 'Working…' },
  sent: { th: 'ส่งถึงลูกค้าแล้ว', en: 'Sent to the customer' },
  noted: { th: 'บันทึกภายในแล้ว', en: 'Note saved' },
  done: { th: 'เรียบร้อย', en: 'Done' },
  ownedBy: { th: '{{name}} ดูแลบทสนทนานี้อยู่', en: '{{name}} has this conversation' },
  someone: { th: 'คนอื่น', en: 'Someone else' },
  stale: {
    th: 'บทสนทนานี้เพิ่งถูกเปลี่ยน จึงยังไม่ได้ทำรายการ ดูข้อมูลล่าสุดด้านล่าง',
    en: 'This conversation was just changed, so nothing was done. Here it is as it is now.',
  },
  erasedNow: { th: 'ข้อมูลของลูกค้ารายนี้ถูกลบแล้ว ส่งข้อความไม่ได้', en: "This customer's data was erased: it cannot be written to" },
  notOpen: { th: 'ไม่มีใครขอคุยกับเจ้าหน้าที่ในบทสนทนานี้แล้ว', en: 'Nobody is asking for a person here any more' },
  roleForbids: { th: 'ตำแหน่งของคุณทำรายการนี้ไม่ได้', en: 'Your role cannot do this' },
  invalid: { th: 'ข้อมูลไม่ถูกต้อง: {{why}}', en: 'Not accepted: {{why}}' },
  failed: { th: 'ทำรายการไม่สำเร็จ: {{why}}', en: 'That did not work: {{why}}' },
} satisfies Dict;

export const inboxStatusNames: Record<InboxStatus, Words> = {
  bot: { th: 'บอทตอบ', en: 'With the bot' },
  waiting: { th: 'รอคนตอบ', en: 'Waiting' },
  assigned: { th: 'มีผู้ดูแล', en: 'Held' },
  snoozed: { th: 'พักไว้', en: 'Snoozed' },
  resolved: { th: 'เสร็จแล้ว', en: 'Resolved' },
};

export const channelName = (kind: string) => ({ line: 'LINE', whatsapp: 'WhatsApp', email: 'E-mail', sms: 'SMS' })[kind] ?? kind;

/** How long since a moment, in the staff member's words ("12 min", "3 hr", "2 days"). */
export function since(lang: Lang, iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return iw.justNow[lang];
  const [n, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
  return new Intl.NumberFormat(LOCALE[lang], { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' }).format(n);
}
