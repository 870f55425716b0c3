import type { Names } from './names.ts';

/**
 * The built-in root causes (core/vocabulary.ts), as the desk and the dashboard name them; an org's
 * own are shown as written. A file of its own so the Settings app, which never shows one, does not
 * load them with the kit's names.
 */
export const rootCauseNames: Names = {
  provider_issue: { th: 'ผู้ให้บริการขัดข้อง', en: 'Provider issue' },
  payment_gateway: { th: 'ระบบชำระเงิน', en: 'Payment gateway' },
  system_bug: { th: 'ระบบผิดพลาด', en: 'System bug' },
  user_error: { th: 'ผู้ใช้ทำผิดขั้นตอน', en: 'User error' },
  process_error: { th: 'ขั้นตอนงานผิดพลาด', en: 'Process error' },
};

