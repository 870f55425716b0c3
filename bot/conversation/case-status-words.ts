import type { CaseStatus, Language } from '../../core/vocabulary.ts';

/**
 * A case's status as the customer is told it ({{status}} of `case_status_reply`): what is
 * happening for them, not the desk's word for it ("waiting for provider" says nothing to a
 * customer who does not know there is one).
 */
export const CUSTOMER_STATUS_WORDS: Record<CaseStatus, Record<Language, string>> = {
  new: { th: 'ได้รับเรื่องแล้ว รอเจ้าหน้าที่รับเรื่อง', en: 'received, waiting for a team member to pick it up' },
  investigating: { th: 'เจ้าหน้าที่กำลังตรวจสอบ', en: 'being looked into by our team' },
  waiting_customer: { th: 'รอข้อมูลเพิ่มเติมจากคุณ', en: 'waiting for a detail from you' },
  waiting_provider: { th: 'รอคำตอบจากผู้ให้บริการที่เกี่ยวข้อง', en: 'waiting for an answer from our partner' },
  fixing: { th: 'กำลังแก้ไข', en: 'being fixed' },
  resolved: { th: 'แก้ไขแล้ว', en: 'resolved' },
  closed: { th: 'ปิดแล้ว', en: 'closed' },
};
