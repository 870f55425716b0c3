/**
 * An amount as staff and customers read it: "1,500.00 THB". One way everywhere (cards, alerts,
 * handoffs, case summaries), so an amount reads the same wherever it is quoted. Something that is
 * not a number shows as it was given, or "-" when there is nothing.
 */
export function formatMoney(amount: unknown, currency: unknown = 'THB'): string {
  if (amount === null || amount === undefined || amount === '') return '-';
  const n = Number(amount);
  const text = Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(amount);
  return `${text} ${currency ?? ''}`.trim();
}

/**
 * An amount held in integer minor units (the orders API's `amountMinor`), read the same way:
 * 129900 THB is "1,299.00 THB", 1500 JPY "1,500 JPY".
 */
export function formatMinorUnits(minor: number | bigint, currency: string): string {
  return `${minorUnitsAsDecimal(minor, currency)} ${currency}`;
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
