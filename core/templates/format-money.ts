import type { Language } from '../vocabulary.ts';

/**
 * An amount as staff read it: "1,500.00 THB". One way on every staff screen (cards, alerts,
 * handoffs, case summaries), so an amount reads the same wherever it is quoted. Something that is
 * not a number shows as it was given, or "-" when there is nothing.
 *
 * Given the customer's language, the amount is written for the customer, as people write prices in
 * a chat: no ".00" on a whole amount, and baht in Thai as "บาท" ("1,500 บาท", "1,500 THB",
 * "1,299.50 บาท"). A customer read "ราคา 1,500.00 THB ต่อท่าน" before.
 */
export function formatMoney(amount: unknown, currency: unknown = 'THB', language?: Language): string {
  if (amount === null || amount === undefined || amount === '') return '-';
  const n = Number(amount);
  const text = Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(amount);
  if (language && Number.isFinite(n)) return forCustomer(text, String(currency ?? 'THB'), language);
  return `${text} ${currency ?? ''}`.trim();
}

/**
 * An amount held in integer minor units (the orders API's `amountMinor`), read the same way:
 * 129900 THB is "1,299.00 THB", 1500 JPY "1,500 JPY"; for a customer in Thai, "1,299 บาท".
 */
export function formatMinorUnits(minor: number | bigint, currency: string, language?: Language): string {
  const text = minorUnitsAsDecimal(minor, currency);
  return language ? forCustomer(text, currency, language) : `${text} ${currency}`;
}

/** The customer's way: a zero fraction dropped, baht named in Thai. Other currencies keep their code. */
function forCustomer(decimalText: string, currency: string, language: Language): string {
  const text = decimalText.replace(/\.0+$/, '');
  return language === 'th' && currency === 'THB' ? `${text} บาท` : `${text} ${currency}`;
}

/**
 * The digits of an amount in minor units, grouped, with the currency's decimals and no currency:
 * 129900 THB is "1,299.00". Split by digits, not divided, so no float ever touches it; the
 * currency's own number of decimals (ISO 4217, from Intl) says where the point goes.
 */
export function minorUnitsAsDecimal(minor: number | bigint, currency: string): string {
  const decimals = decimalsOf(currency);
  const digits = BigInt(minor) < 0n ? (-BigInt(minor)).toString() : BigInt(minor).toString();
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals ? `.${padded.slice(padded.length - decimals)}` : '';
  return `${BigInt(minor) < 0n ? '-' : ''}${whole}${fraction}`;
}

const DECIMALS = new Map<string, number>();
function decimalsOf(currency: string): number {
  let d = DECIMALS.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    DECIMALS.set(currency, d);
  }
  return d;
}
