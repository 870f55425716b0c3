import type { Language } from '../vocabulary.ts';
import { formatBookingDate } from './booking-desk.ts';

/**
 * What a booking's details are called where staff read them (the staff group's card): the keys the
 * booking form, the chat and the API store (core/contracts/booking-form.ts, bot/conversation
 * booking-slots.ts) are the product's, not words a Thai team reads ("destination:", "notes:" were
 * shown as they are stored). A key the product does not know (a business's own, through the API)
 * is shown as it was sent.
 */
const DETAIL_WORDS: Record<string, Record<Language, string>> = {
  destination: { th: 'จุดหมาย', en: 'Destination' },
  notes: { th: 'หมายเหตุ', en: 'Notes' },
  style: { th: 'สไตล์ทริป', en: 'Trip style' },
  month: { th: 'เดือน', en: 'Month' },
  start_date: { th: 'วันที่เริ่ม', en: 'Start date' },
  end_date: { th: 'ถึงวันที่', en: 'End date' },
  duration_days: { th: 'จำนวนวัน', en: 'Days' },
  travelers: { th: 'จำนวนคน', en: 'People' },
  budget: { th: 'งบประมาณ', en: 'Budget' },
};

/** Details stored as a day (YYYY-MM-DD): shown the way people write dates, as the card's own date is. */
const DAYS = new Set(['start_date', 'end_date']);

/** A month stored as YYYY-MM (the booking form's "which month?"): "เม.ย. 2570", "Apr 2027". */
function formatMonth(month: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(new Date(`${month}-01T00:00:00Z`));
}

function valueOf(key: string, v: unknown, language: Language): string {
  if (DAYS.has(key) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatBookingDate(v, language);
  if (key === 'month' && typeof v === 'string' && /^\d{4}-(?:0[1-9]|1[0-2])$/.test(v)) return formatMonth(v, language);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The booking's details as lines "word: value", in the reader's language; empty values left out. */
export function bookingDetailLines(details: Record<string, unknown>, language: Language): string[] {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key, v]) => {
      const word = DETAIL_WORDS[key]?.[language] ?? key.replaceAll('_', ' ');
      return `${word}: ${valueOf(key, v, language)}`;
    });
}
