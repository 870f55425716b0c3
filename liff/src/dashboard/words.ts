import type { PeriodPreset, TrendGranularity } from '../../../core/contracts/analytics.ts';
import type { Dict, Words } from '../kit/i18n.ts';

/** Every word of the dashboard, in Thai and English. */
export const w = {
  brand: { th: 'แดชบอร์ด Opsdesk', en: 'Opsdesk dashboard' },
  title: { th: 'แดชบอร์ด', en: 'Dashboard' },
  hello: { th: 'สวัสดี {{name}}', en: 'Hello, {{name}}' },
  ownOnly: { th: 'ตัวเลขทั้งหมดในหน้านี้คือเคสของคุณเอง', en: 'Every figure here is about your own cases.' },
  screens: { th: 'หน้าจอ', en: 'Screens' },
  // screens
  queue: { th: 'คิวตอนนี้', en: 'Live queue' },
  sla: { th: 'SLA', en: 'SLA' },
  time: { th: 'เวลาไปไหน', en: 'Time tracking' },
  staff: { th: 'ทีมงาน', en: 'Staff' },
  me: { th: 'ผลงานของฉัน', en: 'My figures' },
  providers: { th: 'ผู้ให้บริการ', en: 'Providers' },
  debt: { th: 'ปัญหาซ้ำ', en: 'System debt' },
  abuse: { th: 'ลูกค้าที่น่าสงสัย', en: 'Abuse flags' },
  bookings: { th: 'การจอง', en: 'Bookings' },
  ceo: { th: 'มุมมองผู้บริหาร', en: 'CEO view' },
  drill: { th: 'เคสเบื้องหลังตัวเลข', en: 'The cases behind the figure' },
  drillBookings: { th: 'การจองเบื้องหลังตัวเลข', en: 'The bookings behind the figure' },
  // filters
  filters: { th: 'ตัวกรอง', en: 'Filters' },
  period: { th: 'ช่วงเวลา', en: 'Period' },
  from: { th: 'ตั้งแต่', en: 'From' },
  to: { th: 'ถึง', en: 'To' },
  custom: { th: 'กำหนดเอง', en: 'Custom dates' },
  severity: { th: 'ความรุนแรง', en: 'Severity' },
  channel: { th: 'ช่องทาง', en: 'Channel' },
  category: { th: 'หมวด', en: 'Category' },
  granularity: { th: 'แบ่งตาม', en: 'Trend by' },
  any: { th: 'ทั้งหมด', en: 'All' },
  apply: { th: 'ใช้ตัวกรอง', en: 'Apply' },
  csv: { th: 'ดาวน์โหลด CSV', en: 'Download CSV' },
  csvFailed: { th: 'ดาวน์โหลดไม่สำเร็จ ลองอีกครั้ง', en: 'The download failed; try again.' },
  back: { th: 'กลับ', en: 'Back' },
  live: { th: 'อัปเดตสด', en: 'Live' },
  refreshing: { th: 'รีเฟรชทุก 30 วินาที', en: 'Refreshing every 30 s' },
  updated: { th: 'อัปเดตเมื่อ {{time}}', en: 'Updated {{time}}' },
  // queue
  open: { th: 'เคสที่เปิดอยู่', en: 'Open cases' },
  unassigned: { th: 'ยังไม่มีคนรับ', en: 'Unassigned' },
  breachingSoon: { th: 'ใกล้เกิน SLA', en: 'Breaching soon' },
  breached: { th: 'เกิน SLA แล้ว', en: 'Breached' },
  byStatus: { th: 'ตามสถานะและความรุนแรง', en: 'By status and severity' },
  status: { th: 'สถานะ', en: 'Status' },
  total: { th: 'รวม', en: 'Total' },
  oldest: { th: 'เคสที่รอนานที่สุดเปิดมาแล้ว {{time}}', en: 'The oldest open case opened {{time}} ago' },
  // sla
  compliance: { th: 'ทำได้ตาม SLA', en: 'SLA compliance' },
  firstResponse: { th: 'ตอบครั้งแรก', en: 'First response' },
  resolution: { th: 'แก้ไขเสร็จ', en: 'Resolution' },
  met: { th: 'ทัน', en: 'Met' },
  missed: { th: 'ไม่ทัน', en: 'Missed' },
  pending: { th: 'ยังไม่ถึงกำหนด', en: 'Pending' },
  average: { th: 'เฉลี่ย', en: 'Average' },
  p90: { th: 'P90', en: 'P90' },
  openBreaches: { th: 'เคสเปิดที่เกิน SLA ตอนนี้', en: 'Open cases past SLA now' },
  trend: { th: 'แนวโน้ม', en: 'Trend' },
  chartLabel: { th: 'กราฟอัตราทำได้ตาม SLA ตามช่วงเวลา', en: 'Chart of SLA compliance over the period' },
  asTable: { th: 'ดูเป็นตาราง', en: 'Show as a table' },
  bucket: { th: 'ช่วง', en: 'From' },
  cases: { th: 'เคส', en: 'Cases' },
  within: { th: 'ภายใน SLA', en: 'Within SLA' },
  outside: { th: 'เกิน SLA', en: 'Outside SLA' },
  // time
  whereTime: { th: 'เวลาหมดไปกับอะไร', en: 'Where the time went' },
  whose: { th: 'ใครรอ', en: 'Whose wait' },
  businessHours: { th: 'ชั่วโมงทำการ', en: 'Business hours' },
  share: { th: 'สัดส่วน', en: 'Share' },
  averages: { th: 'ค่าเฉลี่ยต่อเคส (นาทีทำการ)', en: 'Averages per case (business minutes)' },
  // staff
  score: { th: 'คะแนน', en: 'Score' },
  parts: { th: 'ส่วนประกอบคะแนน', en: 'The parts of the score' },
  casesTaken: { th: 'รับเคส', en: 'Cases taken' },
  casesOwned: { th: 'ดูแลเคส', en: 'Cases owned' },
  withinSla: { th: 'ภายใน SLA', en: 'Within SLA' },
  avgResponse: { th: 'ตอบเฉลี่ย (นาที)', en: 'Avg response (min)' },
  avgResolution: { th: 'แก้เฉลี่ย (นาที)', en: 'Avg resolution (min)' },
  critical: { th: 'เคสวิกฤต', en: 'Critical handled' },
  change: { th: 'เทียบช่วงก่อน', en: 'Since the previous period' },
  part_sla: { th: 'SLA', en: 'SLA compliance' },
  part_speed: { th: 'ความเร็วในการตอบ', en: 'Response speed' },
  part_load: { th: 'ปริมาณงาน', en: 'Case load' },
  part_customerImpact: { th: 'ความพึงพอใจลูกค้า', en: 'Customer impact' },
  points: { th: '{{points}} จาก {{weight}} คะแนน', en: '{{points}} of {{weight}} points' },
  notMeasured: { th: 'ยังวัดไม่ได้', en: 'not measured yet' },
  topPerformers: { th: 'ผลงานดีที่สุด', en: 'Top performers' },
  bottlenecks: { th: 'จุดที่ติดขัด', en: 'Bottlenecks' },
  // why someone is a top performer or a bottleneck; English for a count of one in `one` below
  whyTop: { th: 'คะแนน {{score}} · จุดเด่น: {{part}} {{value}} · ดูแล {{n}} เคส', en: 'Score {{score}} · strongest: {{part}} {{value}} · {{n}} cases owned' },
  whyBreachesNow: { th: 'มีเคสค้างที่เกิน SLA อยู่ตอนนี้ {{n}} เคส', en: '{{n}} open cases past SLA now' },
  whyMissedSla: { th: 'ไม่ทัน SLA {{n}} จาก {{of}} เคส (ทัน SLA {{within}})', en: 'missed SLA on {{n}} of {{of}} decided cases ({{within}} within)' },
  noFigures: { th: 'ยังไม่มีตัวเลขในช่วงนี้', en: 'No figures in this period yet' },
  // providers
  risk: { th: 'ความเสี่ยง', en: 'Risk' },
  risk_high: { th: 'สูง', en: 'High' },
  risk_medium: { th: 'กลาง', en: 'Medium' },
  risk_low: { th: 'ต่ำ', en: 'Low' },
  paused: { th: 'หยุดรับงานชั่วคราว', en: 'Paused' },
  providerFault: { th: 'ความผิดของผู้ให้บริการ', en: "Provider's fault" },
  refunded: { th: 'คืนเงิน', en: 'Refunded' },
  cancelled: { th: 'ยกเลิก', en: 'Cancelled' },
  repeated: { th: 'ปัญหาซ้ำ: {{type}} {{times}} ครั้ง', en: 'Repeats: {{type}} {{times}} times' },
  // why a provider has its risk level, one rule a line; {{level}} is risk_high or risk_medium; English for one case in `one` below
  riskFewCases: { th: 'ช่วงนี้มีเคสไม่ถึง {{threshold}} เคส น้อยเกินกว่าจะประเมินความเสี่ยง', en: 'fewer than {{threshold}} cases in the period, too few to rate' },
  riskFaultShare: { th: '{{value}} ของเคสเป็นความผิดของผู้ให้บริการเอง (เกณฑ์ความเสี่ยง{{level}}: {{threshold}})', en: '{{value}} of its cases were its own fault ({{level}} from {{threshold}})' },
  riskMissedShare: { th: '{{value}} ของเคสแก้ไขไม่ทัน SLA (เกณฑ์ความเสี่ยง{{level}}: {{threshold}})', en: '{{value}} missed the resolution SLA ({{level}} from {{threshold}})' },
  riskRefundCancelShare: { th: '{{value}} ของเคสจบด้วยการคืนเงินหรือยกเลิก (เกณฑ์ความเสี่ยง{{level}}: {{threshold}})', en: '{{value}} ended refunded or cancelled ({{level}} from {{threshold}})' },
  riskRepeats: { th: 'ปัญหาเดิมเกิดซ้ำ {{value}} ครั้ง (แจ้งเตือนเมื่อถึง {{threshold}} ครั้ง)', en: 'the same problem came back {{value}} times (flagged from {{threshold}})' },
  // debt
  rootCause: { th: 'สาเหตุ', en: 'Root cause' },
  count: { th: 'จำนวน', en: 'Count' },
  costHours: { th: 'ชั่วโมงงาน', en: 'Staff hours' },
  customersAffected: { th: 'ลูกค้าที่กระทบ', en: 'Customers affected' },
  stillOpen: { th: 'ยังเกิดอยู่', en: 'still happening' },
  stopped: { th: 'หยุดแล้ว', en: 'stopped' },
  rootCauses: { th: 'สาเหตุตามประเภทเคส', en: 'Root causes by case type' },
  // abuse
  flagged: { th: 'ลูกค้าที่ถูกทำเครื่องหมาย', en: 'Customers flagged' },
  peers: { th: 'ลูกค้าที่มีเคส {{n}} คน เฉลี่ย {{avg}} เคส', en: '{{n}} customers with cases, {{avg}} cases on average' },
  evidence: { th: 'หลักฐาน', en: 'Evidence' },
  neverActed: { th: 'ระบบแค่แจ้ง ไม่ได้ดำเนินการใดๆ กับลูกค้า', en: 'Flags only: nothing is done to the customer.' },
  // bookings
  funnel: { th: 'ขั้นตอนการขาย', en: 'Funnel' },
  conversion: { th: 'อัตราปิดการขาย', en: 'Conversion' },
  stage_new: { th: 'ใหม่', en: 'New' },
  stage_contacted: { th: 'ติดต่อแล้ว', en: 'Contacted' },
  stage_quoted: { th: 'เสนอราคาแล้ว', en: 'Quoted' },
  stage_confirmed: { th: 'ยืนยันแล้ว', en: 'Confirmed' },
  stage_completed: { th: 'เสร็จสิ้น', en: 'Completed' },
  quotes: { th: 'ใบเสนอราคา', en: 'Quotes' },
  sent: { th: 'ส่งแล้ว', en: 'Sent' },
  accepted: { th: 'ตอบรับ', en: 'Accepted' },
  declined: { th: 'ปฏิเสธ', en: 'Declined' },
  revenue: { th: 'รายได้', en: 'Revenue' },
  attribution: { th: 'ที่มา (UTM)', en: 'Attribution (UTM)' },
  source: { th: 'แหล่ง', en: 'Source' },
  lost: { th: 'หลุด', en: 'Lost' },
  // ceo
  health: { th: 'สุขภาพระบบ', en: 'System health' },
  backlog: { th: 'งานค้าง', en: 'Backlog' },
  providersToFix: { th: 'ผู้ให้บริการที่ต้องแก้', en: 'Providers to fix or drop' },
  team: { th: 'ทีม', en: 'Team' },
  thisWeek: { th: 'สัปดาห์นี้เทียบสัปดาห์ก่อน', en: 'This week against last' },
  thisMonth: { th: 'เดือนนี้เทียบเดือนก่อน', en: 'This month against last' },
  // drill
  more: { th: 'ดูเพิ่มเติม', en: 'More' },
  people: { th: 'รายคน', en: 'Each person' },
  openCase: { th: 'เปิดเคส {{n}}', en: 'Open case {{n}}' },
  none: { th: 'ไม่มี', en: 'None' },
  opened: { th: 'เปิดเมื่อ', en: 'Opened' },
} satisfies Dict;

/** English phrases for a count of one ("1 case", not "1 cases"); Thai says both the same way. */
export const one: Partial<Record<keyof typeof w, string>> = {
  whyTop: 'Score {{score}} · strongest: {{part}} {{value}} · {{n}} case owned',
  whyBreachesNow: '{{n}} open case past SLA now',
  whyMissedSla: 'missed SLA on {{n}} of {{of}} decided case ({{within}} within)',
  riskFewCases: 'fewer than {{threshold}} case in the period, too few to rate',
};

export const statusWords: Dict = {
  new: { th: 'ใหม่', en: 'New' },
  investigating: { th: 'กำลังตรวจสอบ', en: 'Investigating' },
  waiting_customer: { th: 'รอลูกค้า', en: 'Waiting on customer' },
  waiting_provider: { th: 'รอผู้ให้บริการ', en: 'Waiting on provider' },
  fixing: { th: 'กำลังแก้ไข', en: 'Fixing' },
  resolved: { th: 'แก้ไขแล้ว', en: 'Resolved' },
  closed: { th: 'ปิดแล้ว', en: 'Closed' },
};

export const severityWords: Dict = {
  critical: { th: 'วิกฤต', en: 'Critical' },
  high: { th: 'สูง', en: 'High' },
  normal: { th: 'ปกติ', en: 'Normal' },
  low: { th: 'ต่ำ', en: 'Low' },
};

export const bucketWords: Dict = {
  queue: { th: 'รอคนรับ (ของเรา)', en: 'Queue (ours)' },
  active: { th: 'กำลังทำ (ของเรา)', en: 'Working (ours)' },
  waiting_customer: { th: 'รอลูกค้า', en: "Customer's wait" },
  waiting_provider: { th: 'รอผู้ให้บริการ', en: "Provider's wait" },
};

export const presetWords: Record<PeriodPreset, Words> = {
  today: { th: 'วันนี้', en: 'Today' },
  yesterday: { th: 'เมื่อวาน', en: 'Yesterday' },
  this_week: { th: 'สัปดาห์นี้', en: 'This week' },
  last_week: { th: 'สัปดาห์ที่แล้ว', en: 'Last week' },
  this_month: { th: 'เดือนนี้', en: 'This month' },
  last_month: { th: 'เดือนที่แล้ว', en: 'Last month' },
  last_7_days: { th: '7 วันล่าสุด', en: 'Last 7 days' },
  last_30_days: { th: '30 วันล่าสุด', en: 'Last 30 days' },
  last_90_days: { th: '90 วันล่าสุด', en: 'Last 90 days' },
};

export const channelWords: Dict = {
  line: { th: 'LINE', en: 'LINE' },
  whatsapp: { th: 'WhatsApp', en: 'WhatsApp' },
  web: { th: 'เว็บ', en: 'Web' },
  api: { th: 'API', en: 'API' },
  staff: { th: 'พนักงาน', en: 'Staff' },
  system: { th: 'ระบบ', en: 'System' },
};

export const granularityWords: Record<TrendGranularity, Words> = {
  day: { th: 'วัน', en: 'Day' },
  week: { th: 'สัปดาห์', en: 'Week' },
  month: { th: 'เดือน', en: 'Month' },
};

/** What each table of a report is, on its CSV button (the report's own key otherwise). */
export const csvTable: Record<string, Words> = {
  byStatus: { th: 'ตามสถานะ', en: 'by status' },
  summary: { th: 'สรุป', en: 'summary' },
  trend: { th: 'แนวโน้ม', en: 'trend' },
  trends: { th: 'แนวโน้ม', en: 'trends' },
  clocks: { th: 'นาฬิกา SLA', en: 'SLA clocks' },
  buckets: { th: 'เวลาไปไหน', en: 'where the time went' },
  cases: { th: 'เคส', en: 'cases' },
  items: { th: 'รายการ', en: 'items' },
  rootCauses: { th: 'สาเหตุ', en: 'root causes' },
  funnel: { th: 'ขั้นตอนการจอง', en: 'funnel' },
  attribution: { th: 'ที่มา', en: 'where bookings came from' },
  revenue: { th: 'รายได้', en: 'revenue' },
  topSystemDebt: { th: 'ปัญหาที่เกิดซ้ำ', en: 'system debt' },
  providersToFix: { th: 'ผู้ให้บริการที่ต้องแก้', en: 'providers to fix' },
};
