import type { ExtractedFields } from './classification.ts';
import { claimLinks, extractEmails, extractPhones } from './fields/contacts.ts';
import { extractDate, type Today, todayOf } from './fields/dates.ts';
import { extractAmountAfterMoneyWord, extractMarkedAmount } from './fields/money.ts';
import { extractOrderIds } from './fields/order-ids.ts';
import { extractPartySize } from './fields/party-size.ts';
import { Claims, MAX_SCAN_CHARS, normaliseText } from './fields/text.ts';
import { extractTime } from './fields/times.ts';

export { detectLanguage, type Language } from './fields/language.ts';

/**
 * Offline field extraction from one customer message (Thai, English or both; typos and emoji
 * welcome): order ids, an amount of money, a date, a time, a party size, phone numbers and e-mail
 * addresses. What each extractor reads and leaves alone is written at the top of its file in
 * `fields/`.
 *
 * The fields are read in a fixed order and each claims the characters it used, so one number is
 * never two fields: e-mail addresses, links, phone numbers, order ids, dates, amounts with a
 * currency marker, times, amounts after a money word ("โอน 500"), party sizes. Thai and full-width
 * digits are read as digits. Only the first `MAX_SCAN_CHARS` characters are read.
 */

export interface ExtractOptions {
  /** For relative dates; default: the current time. */
  now?: Date;
  /** The org's time zone (IANA); default Asia/Bangkok. An unknown zone counts as Asia/Bangkok. */
  timeZone?: string;
  /** The org's order-id patterns (regular-expression sources); without them a default is used. */
  orderIdPatterns?: string[];
}

/** The fields found in `text`: only the keys found. Never throws. */
export function extractFields(text: string, opts: ExtractOptions = {}): ExtractedFields {
  try {
    return extract(text, opts ?? {});
  } catch {
    return {};
  }
}

function extract(text: string, opts: ExtractOptions): ExtractedFields {
  if (typeof text !== 'string' || text.length === 0) return {};
  const s = normaliseText(text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text);
  const claims = new Claims(s.length);
  const fields: ExtractedFields = {};

  let today: Today | undefined;
  const getToday = (): Today => (today ??= todayOf(opts.now ?? new Date(), opts.timeZone));

  const emails = extractEmails(s, claims);
  claimLinks(s, claims);
  const phones = /\d/.test(s) ? extractPhones(s, claims) : [];
  const orderIds = extractOrderIds(s, claims, opts.orderIdPatterns);
  const date = extractDate(s, claims, getToday);
  const marked = extractMarkedAmount(s, claims);
  const time = extractTime(s, claims);
  const money = marked ?? extractAmountAfterMoneyWord(s, claims);
  const partySize = extractPartySize(s, claims);

  if (orderIds.length > 0) fields.orderIds = orderIds;
  if (money !== undefined) {
    fields.amount = money.amount;
    fields.currency = money.currency;
  }
  if (date !== undefined) fields.date = date;
  if (time !== undefined) fields.time = time;
  if (partySize !== undefined) fields.partySize = partySize;
  if (phones.length > 0) fields.phones = phones;
  if (emails.length > 0) fields.emails = emails;
  return fields;
}

/** Both ends of a transfer, in the customer's words (fields/route.ts): a booking's destination. */
export { changedRouteEnd, completeRoute, extractRoute, extractRouteEnd, withRouteEnd, type RouteEnd } from './fields/route.ts';
/** "One more person", "ลด 1 คน": a change to the number of people already given (fields/party-size.ts). */
export { extractPartyChange } from './fields/party-size.ts';
/** "an hour later", "เร็วขึ้นครึ่งชั่วโมง": a time moved by so much (fields/times.ts). */
export { extractTimeShift, shiftedTime } from './fields/times.ts';

/** A weekday said alone, and the day of it nearest a booking's: a booking's day corrected by its weekday. */
export { nearestWeekday, weekdayAloneIn } from './fields/dates.ts';
