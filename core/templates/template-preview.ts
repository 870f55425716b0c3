import { fillEmailTemplate, sanitiseEmailHtml, type EmailTemplate } from './email-templates.ts';
import { fillTemplate } from './render-template.ts';
import { TEMPLATE_VARIABLES, unknownVariables } from './template-admin.ts';

type Variable = (typeof TEMPLATE_VARIABLES)[number];

/**
 * What an admin sees while writing a text: it filled with believable values, in Thai and English,
 * and the variables the product would leave blank. Nothing is stored; the same check refuses the
 * text when it is saved (template-admin.ts).
 */
export const SAMPLE_VALUES: Record<Variable, { th: string; en: string }> = {
  case_id: { th: 'C-000123', en: 'C-000123' },
  status: { th: 'กำลังตรวจสอบ', en: 'Investigating' },
  eta: { th: '23 พ.ย. 14:30', en: '23 Nov, 14:30' },
  order_id: { th: 'ORD-20261122-001', en: 'ORD-20261122-001' },
  amount: { th: '1,500 บาท', en: '1,500 THB' },
  provider: { th: 'SMM King', en: 'SMM King' },
  elapsed_time: { th: '25 นาที', en: '25 min' },
  tracking_url: { th: 'https://example.com/liff/track/abc123', en: 'https://example.com/liff/track/abc123' },
  booking_id: { th: 'B-000045', en: 'B-000045' },
  service: { th: 'คลาสทำอาหารไทย', en: 'Thai cooking class' },
  date: { th: '5 ธ.ค. 2569', en: '5 Dec 2026' },
  time: { th: '10:00', en: '10:00' },
  party_size: { th: '2', en: '2' },
  missing: { th: 'วันที่', en: 'the date' },
  name: { th: 'คุณสมชาย', en: 'Somchai' },
  role: { th: 'ผู้จัดการ', en: 'manager' },
  quote_url: { th: 'https://example.com/liff/quote/xyz789', en: 'https://example.com/liff/quote/xyz789' },
  valid_until: { th: '30 พ.ย. 2569', en: '30 Nov 2026' },
  booking_form_url: { th: 'https://example.com/liff/book', en: 'https://example.com/liff/book' },
  opens_at: { th: 'วันจันทร์ที่ 30 พ.ย. 09:00', en: 'Monday 30 Nov, 09:00' },
  seats_left: { th: '0', en: '0' },
  notice_version: { th: '2', en: '2' },
  position: { th: '2', en: '2' },
  seats: { th: '1', en: '1' },
  expires_at: { th: 'จ. 30 พ.ย. 12:00', en: 'Mon 30 Nov, 12:00' },
  payment_url: { th: 'https://checkout.stripe.com/c/pay/cs_abc123', en: 'https://checkout.stripe.com/c/pay/cs_abc123' },
  receipt_url: { th: 'https://example.com/public/v1/documents/rc_abc123.pdf', en: 'https://example.com/public/v1/documents/rc_abc123.pdf' },
  hours: { th: '10:00–21:00', en: '10:00–21:00' },
  capacity: { th: '10', en: '10' },
  documents: {
    th: '• ใบเสร็จรับเงิน RC-000123 · 1,500 บาท · 27 พฤศจิกายน 2569\nhttps://example.com/public/v1/documents/rc_abc123.pdf',
    en: '• Receipt RC-000123 · 1,500 THB · 27 November 2026\nhttps://example.com/public/v1/documents/rc_abc123.pdf',
  },
  member_number: { th: 'MEM-2026-7K3Q', en: 'MEM-2026-7K3Q' },
  wallet: { th: '1,250 บาท', en: '1,250 THB' },
  points: { th: '320', en: '320' },
  credits: { th: '• แพ็กเกจ 5 คลาส: เหลือ 3 ครั้ง (ใช้ได้ถึง 5 ธ.ค. 2569)', en: '• 5 classes: 3 left (until 5 Dec 2026)' },
  card_url: { th: 'https://example.com/liff/card', en: 'https://example.com/liff/card' },
  package: { th: 'แพ็กเกจ 5 คลาส', en: '5-class package' },
  left: { th: '3', en: '3' },
  client: { th: 'บริษัท เอบีซี จำกัด', en: 'ABC Co., Ltd.' },
  tier: { th: 'โกลด์', en: 'Gold' },
  months: { th: '12', en: '12' },
  question: { th: 'มีที่จอดรถไหมคะ', en: 'Is there parking?' },
  place: { th: 'สนามบินดอนเมือง', en: 'Don Mueang airport' },
  note: { th: 'ไฟลท์ TG 660 นะคะ', en: 'our flight is TG 660' },
  total: { th: '3,000 บาท', en: '3,000 THB' },
  duration: { th: '2 ชั่วโมง', en: '2 hours' },
};

interface PreviewOfOne {
  text: string;
  unknown: string[];
  /** The e-mail form filled with the same values, its HTML sanitised as it would be sent. */
  email?: EmailTemplate & { removed: string[] };
}

export interface TemplatePreview {
  th?: PreviewOfOne;
  en?: PreviewOfOne;
  /** Every variable used in any of the bodies that the product does not fill. */
  unknown: string[];
  known: string[];
}

export function previewTemplate(bodies: { th?: string; en?: string; email?: { th?: EmailTemplate; en?: EmailTemplate } }): TemplatePreview {
  const out: TemplatePreview = { unknown: [], known: [...TEMPLATE_VARIABLES] };
  for (const language of ['th', 'en'] as const) {
    const body = bodies[language];
    const email = bodies.email?.[language];
    if (body === undefined && email === undefined) continue;
    const vars = Object.fromEntries(Object.entries(SAMPLE_VALUES).map(([k, v]) => [k, v[language]]));
    const unknown = [...new Set([body, email?.subject, email?.html, email?.text].flatMap((b) => (b === undefined ? [] : unknownVariables(b))))];
    out[language] = {
      text: fillTemplate(body ?? '', vars),
      unknown,
      ...(email ? { email: { ...fillEmailTemplate(email, vars), removed: sanitiseEmailHtml(email.html).removed } } : {}),
    };
    out.unknown.push(...unknown.filter((u) => !out.unknown.includes(u)));
  }
  return out;
}
