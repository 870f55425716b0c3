import type { Language } from '../vocabulary.ts';
import type { DocumentType } from './document-types.ts';

/**
 * What a document says, in Thai and in English. A tax invoice and its credit note carry their Thai
 * names in either language (Revenue Code section 86/4 asks for the words "ใบกำกับภาษี"), the
 * English title beside it.
 */
const TITLES: Record<DocumentType, Record<Language, string>> = {
  receipt: { th: 'ใบเสร็จรับเงิน', en: 'Receipt' },
  invoice: { th: 'ใบแจ้งหนี้', en: 'Invoice' },
  tax_invoice: { th: 'ใบกำกับภาษี', en: 'ใบกำกับภาษี / Tax invoice' },
  // Section 86/6 asks for these words, as 86/4 asks for ใบกำกับภาษี.
  abbreviated_tax_invoice: { th: 'ใบกำกับภาษีอย่างย่อ', en: 'ใบกำกับภาษีอย่างย่อ / Abbreviated tax invoice' },
  credit_note: { th: 'ใบลดหนี้', en: 'Credit note' },
};

const WORDS = {
  number: { th: 'เลขที่', en: 'No.' },
  date: { th: 'วันที่', en: 'Date' },
  seller: { th: 'ผู้ขาย', en: 'Seller' },
  buyer: { th: 'ลูกค้า', en: 'Customer' },
  taxId: { th: 'เลขประจำตัวผู้เสียภาษี', en: 'Tax ID' },
  headOffice: { th: 'สำนักงานใหญ่', en: 'Head office (สำนักงานใหญ่)' },
  branch: { th: 'สาขาที่', en: 'Branch' },
  item: { th: 'ลำดับ', en: '#' },
  description: { th: 'รายการ', en: 'Description' },
  quantity: { th: 'จำนวน', en: 'Qty' },
  unitPrice: { th: 'ราคาต่อหน่วย', en: 'Unit price' },
  amount: { th: 'จำนวนเงิน', en: 'Amount' },
  subtotal: { th: 'มูลค่าสินค้า/บริการ (ก่อนภาษี)', en: 'Value before VAT' },
  vat: { th: 'ภาษีมูลค่าเพิ่ม', en: 'VAT' },
  total: { th: 'จำนวนเงินรวมทั้งสิ้น', en: 'Total' },
  noVat: { th: 'ผู้ขายไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม', en: 'The seller is not registered for VAT' },
  vatRuleIncluded: { th: 'ราคารวมภาษีมูลค่าเพิ่มแล้ว ภาษีคำนวณจากยอดรวมของเอกสาร ปัดเศษครึ่งสตางค์ขึ้น', en: 'Prices include VAT. VAT is computed on the document total, rounded half-up to the satang.' },
  vatRuleExcluded: { th: 'ราคายังไม่รวมภาษีมูลค่าเพิ่ม ภาษีคำนวณจากยอดรวมของเอกสาร ปัดเศษครึ่งสตางค์ขึ้น', en: 'Prices exclude VAT. VAT is computed on the document total, rounded half-up to the satang.' },
  booking: { th: 'การจอง', en: 'Booking' },
  payment: { th: 'อ้างอิงการชำระเงิน', en: 'Payment reference' },
  paidBy: { th: 'ชำระโดย', en: 'Paid by' },
  corrects: { th: 'อ้างถึงเอกสารเลขที่', en: 'Corrects document' },
  originalValue: { th: 'มูลค่าตามเอกสารเดิม', en: 'Original value' },
  correctValue: { th: 'มูลค่าที่ถูกต้อง', en: 'Correct value' },
  difference: { th: 'ผลต่าง', en: 'Difference' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  received: { th: 'ได้รับเงินเรียบร้อยแล้ว ขอบคุณที่ใช้บริการ', en: 'Payment received with thanks.' },
  paidOn: { th: 'เมื่อ', en: 'on' },
  issuedOn: { th: 'ออกเมื่อ', en: 'Issued' },
} as const satisfies Record<string, Record<Language, string>>;

export type DocumentWord = keyof typeof WORDS;

export function documentWords(language: Language) {
  return {
    title: (type: DocumentType) => TITLES[type][language],
    word: (w: DocumentWord) => WORDS[w][language],
  };
}

/** A day as people read it there: "26 พฤศจิกายน 2569" (Buddhist era) or "26 November 2026", in the org's time zone. */
export function documentDate(at: Date, language: Language, timeZone: string): string {
  const key = `${language} ${timeZone}`;
  let format = DATE_FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    DATE_FORMATS.set(key, format);
  }
  return format.format(at);
}
/** Making a date format costs a thousand times using one. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
