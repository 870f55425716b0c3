import type { CaseStatus } from '../../../core/vocabulary.ts';
import type { Dict, Words } from '../kit/i18n.ts';

/** Every word the desk shows, in Thai and English. Staff words, so they live here, not in templates. */
export const w = {
  title: { th: 'โต๊ะงานเคส', en: 'Case desk' },
  hello: { th: '{{name}} · {{role}}', en: '{{name}} · {{role}}' },
  mine: { th: 'เคสของฉัน', en: 'My cases' },
  open: { th: 'เคสที่เปิดอยู่', en: 'Open cases' },
  unassigned: { th: 'ยังไม่มีผู้รับ', en: 'Unassigned' },
  views: { th: 'เลือกรายการ', en: 'Which cases' },
  none: { th: 'ไม่มีเคสในรายการนี้', en: 'No cases here' },
  refresh: { th: 'โหลดใหม่', en: 'Refresh' },
  due: { th: 'ครบกำหนด', en: 'Due' },
  breached: { th: 'เกิน SLA', en: 'SLA breached' },
  owner: { th: 'ผู้รับผิดชอบ', en: 'Owner' },
  nobody: { th: 'ยังไม่มีผู้รับ', en: 'Nobody yet' },
  back: { th: '← กลับไปที่รายการ', en: '← Back to the list' },
  notFoundTitle: { th: 'ไม่พบเคสนี้', en: 'Case not found' },
  notFoundText: { th: 'ไม่มีเคสหมายเลข {{n}} ในธุรกิจของคุณ ตรวจสอบหมายเลขอีกครั้ง', en: 'Your business has no case {{n}}. Check the number.' },
  customer: { th: 'ลูกค้า', en: 'Customer' },
  phone: { th: 'โทรศัพท์', en: 'Phone' },
  email: { th: 'อีเมล', en: 'E-mail' },
  channel: { th: 'ช่องทาง', en: 'Channel' },
  vip: { th: 'ลูกค้า VIP', en: 'VIP customer' },
  orders: { th: 'หมายเลขคำสั่งซื้อ', en: 'Orders' },
  provider: { th: 'ผู้ให้บริการ', en: 'Provider' },
  severity: { th: 'ความรุนแรง', en: 'Severity' },
  opened: { th: 'เปิดเมื่อ', en: 'Opened' },
  firstResponse: { th: 'ตอบครั้งแรกภายใน', en: 'First response by' },
  respondedAt: { th: 'ตอบครั้งแรกเมื่อ', en: 'First response at' },
  resolveBy: { th: 'แก้ไขให้เสร็จภายใน', en: 'Resolve by' },
  clockPaused: { th: 'หยุดนับเวลา (รอลูกค้า)', en: 'Clock paused (waiting for the customer)' },
  clockStopped: { th: 'หยุดนับเวลาแล้ว', en: 'Clock stopped' },
  minutesLeft: { th: 'เหลือ {{m}} นาที', en: '{{m}} min left' },
  minutesOver: { th: 'เกินมา {{m}} นาที', en: '{{m}} min over' },
  rootCause: { th: 'สาเหตุ', en: 'Root cause' },
  summary: { th: 'เรื่องที่แจ้ง', en: 'What was reported' },
  actions: { th: 'ดำเนินการ', en: 'Actions' },
  take: { th: 'รับเคสนี้', en: 'Take this case' },
  takeOver: { th: 'รับเคสต่อ', en: 'Take it over' },
  yours: { th: 'เคสนี้เป็นของคุณ', en: 'This case is yours' },
  moveTo: { th: 'เปลี่ยนสถานะเป็น', en: 'Move to' },
  move: { th: 'เปลี่ยนสถานะ', en: 'Move' },
  whichProvider: { th: 'รอผู้ให้บริการรายไหน', en: 'Waiting on which provider' },
  noProvider: { th: '— ไม่ระบุ —', en: '— not named —' },
  resolveWith: { th: 'สาเหตุของปัญหา', en: 'Root cause' },
  resolve: { th: 'แก้ไขแล้ว', en: 'Resolve' },
  reassignTo: { th: 'มอบหมายให้', en: 'Give it to' },
  reassign: { th: 'มอบหมาย', en: 'Reassign' },
  write: { th: 'ข้อความถึงลูกค้า', en: 'Message to the customer' },
  send: { th: 'ส่ง', en: 'Send' },
  writeHint: { th: 'ส่งทางแชทของลูกค้า และบันทึกในไทม์ไลน์', en: "Sent in the customer's chat and kept on the timeline" },
  noChat: { th: 'เคสนี้ไม่มีแชทของลูกค้าให้ส่งข้อความ', en: 'This case has no customer chat to write to' },
  timeline: { th: 'ไทม์ไลน์', en: 'Timeline' },
  internal: { th: 'ภายใน', en: 'internal' },
  file: { th: 'ไฟล์แนบ', en: 'Attachment' },
  working: { th: 'กำลังส่ง…', en: 'Sending…' },
  done: { th: 'เรียบร้อย', en: 'Done' },
  sent: { th: 'ส่งข้อความแล้ว', en: 'Message sent' },
  changed: {
    th: 'เคสนี้เพิ่งถูกเปลี่ยน: ตอนนี้ {{status}} ผู้รับผิดชอบ {{owner}} จึงยังไม่ได้ทำรายการ ดูข้อมูลล่าสุดด้านล่าง',
    en: 'This case was just changed: it is now {{status}}, and {{owner}} has it. Nothing was done; here it is as it is now.',
  },
  alreadyHas: { th: '{{owner}} รับเคสนี้ไปแล้ว', en: '{{owner}} already has this case' },
  roleForbids: { th: 'ตำแหน่งของคุณ ({{role}}) ทำรายการนี้ไม่ได้ ({{what}})', en: 'Your role ({{role}}) cannot do this ({{what}})' },
  ownerForbids: { th: '{{owner}} ดูแลเคสนี้อยู่ ให้ {{owner}} หรือผู้จัดการเป็นผู้เปลี่ยน', en: '{{owner}} has this case: only they or a manager can change it' },
  invalid: { th: 'ข้อมูลไม่ถูกต้อง: {{why}}', en: 'Not accepted: {{why}}' },
  failed: { th: 'ทำรายการไม่สำเร็จ: {{why}}', en: 'That did not work: {{why}}' },
} satisfies Dict;

/** What each action is called when a screen says it cannot be done. */
export const actionNames: Record<string, Words> = {
  take: { th: 'รับเคส', en: 'take cases' },
  reassign: { th: 'มอบหมายเคส', en: 'reassign cases' },
  move: { th: 'เปลี่ยนสถานะ', en: 'change statuses' },
  resolve: { th: 'ปิดงานเคส', en: 'resolve cases' },
  reply: { th: 'ส่งข้อความถึงลูกค้า', en: 'write to customers' },
};

export const statusNames: Record<CaseStatus, Words> = {
  new: { th: 'เคสใหม่', en: 'New' },
  investigating: { th: 'กำลังตรวจสอบ', en: 'Investigating' },
  waiting_customer: { th: 'รอข้อมูลจากลูกค้า', en: 'Waiting for customer' },
  waiting_provider: { th: 'รอผู้ให้บริการ', en: 'Waiting for provider' },
  fixing: { th: 'กำลังแก้ไข', en: 'Fixing' },
  resolved: { th: 'แก้ไขแล้ว', en: 'Resolved' },
  closed: { th: 'ปิดเคส', en: 'Closed' },
};

export const severityNames: Record<string, Words> = {
  critical: { th: 'วิกฤต', en: 'Critical' },
  high: { th: 'สูง', en: 'High' },
  normal: { th: 'ปกติ', en: 'Normal' },
  low: { th: 'ต่ำ', en: 'Low' },
};

export const rootCauseNames: Record<string, Words> = {
  provider_issue: { th: 'ผู้ให้บริการขัดข้อง', en: 'Provider issue' },
  payment_gateway: { th: 'ระบบชำระเงิน', en: 'Payment gateway' },
  system_bug: { th: 'ระบบผิดพลาด', en: 'System bug' },
  user_error: { th: 'ผู้ใช้ทำผิดขั้นตอน', en: 'User error' },
  process_error: { th: 'ขั้นตอนงานผิดพลาด', en: 'Process error' },
};

/** What happened, for the timeline. */
export const eventNames: Record<string, Words> = {
  created: { th: 'เปิดเคส', en: 'Case opened' },
  message_in: { th: 'ลูกค้าส่งข้อความ', en: 'Customer wrote' },
  message_out: { th: 'ส่งข้อความถึงลูกค้า', en: 'Written to the customer' },
  status_changed: { th: 'เปลี่ยนสถานะ', en: 'Status changed' },
  reopened: { th: 'เปิดเคสอีกครั้ง', en: 'Reopened' },
  owner_changed: { th: 'เปลี่ยนผู้รับผิดชอบ', en: 'Owner changed' },
  provider_changed: { th: 'ระบุผู้ให้บริการ', en: 'Provider named' },
  provider_message: { th: 'ข้อความจากผู้ให้บริการ', en: 'Provider wrote' },
  note: { th: 'บันทึก', en: 'Note' },
  sla_warning: { th: 'ใกล้ครบกำหนด SLA', en: 'SLA due soon' },
  sla_breached: { th: 'เกิน SLA', en: 'SLA breached' },
  escalated: { th: 'ส่งต่อผู้จัดการ', en: 'Escalated' },
  satisfaction_requested: { th: 'ขอคะแนนความพึงพอใจ', en: 'Rating asked' },
  satisfaction_rated: { th: 'ลูกค้าให้คะแนน', en: 'Customer rated' },
  satisfaction_commented: { th: 'ลูกค้าให้ความเห็น', en: 'Customer commented' },
};

export const label = (names: Record<string, Words>, key: string, lang: 'th' | 'en') => names[key]?.[lang] ?? key.replaceAll('_', ' ');
