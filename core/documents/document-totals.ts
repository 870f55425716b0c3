/**
 * A document's money, in integer minor units (satang for THB), never a float.
 *
 * The rule, shown on every document that carries VAT: VAT is computed once per document, on its
 * total, rounded half-up to the minor unit (not per line, so lines never round twice).
 * - Prices include VAT (what a Thai shop's price tag says, and what a customer paid): the total is
 *   the sum of the lines, VAT = total x 7 / 107, and the subtotal is what is left.
 * - Prices exclude VAT (a business-to-business invoice): the subtotal is the sum of the lines,
 *   VAT = subtotal x 7 / 100, and the total is their sum.
 * A seller not registered for VAT charges none: VAT is 0 and the total is the sum of the lines.
 */
export const THAI_VAT_RATE_BASIS_POINTS = 700;

export interface DocumentLineInput {
  description: string;
  /** A whole number of units. */
  quantity: number;
  unitPriceMinor: number;
}

export interface DocumentLine extends DocumentLineInput {
  /** quantity x unit price. */
  amountMinor: number;
}

export interface DocumentTotals {
  lines: DocumentLine[];
  subtotalMinor: number;
  vatMinor: number;
  totalMinor: number;
  /** 700 = 7 %; 0 when the seller charges no VAT. */
  vatRateBasisPoints: number;
  pricesIncludeVat: boolean;
}

/** numerator / denominator rounded half-up, for non-negative integers, without leaving integers. */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError('divideHalfUp takes non-negative safe integers');
  }
  const whole = Math.floor(numerator / denominator);
  const rest = numerator - whole * denominator;
  return rest * 2 >= denominator ? whole + 1 : whole;
}

export function documentTotals(input: { lines: DocumentLineInput[]; pricesIncludeVat: boolean; vatRateBasisPoints: number }): DocumentTotals {
  const lines = input.lines.map((l) => ({ ...l, amountMinor: l.quantity * l.unitPriceMinor }));
  const sum = lines.reduce((s, l) => s + l.amountMinor, 0);
  if (!Number.isSafeInteger(sum)) throw new RangeError('amounts too large');
  const rate = input.vatRateBasisPoints;
  if (input.pricesIncludeVat) {
    const vat = divideHalfUp(sum * rate, 10_000 + rate);
    return { lines, subtotalMinor: sum - vat, vatMinor: vat, totalMinor: sum, vatRateBasisPoints: rate, pricesIncludeVat: true };
  }
  const vat = divideHalfUp(sum * rate, 10_000);
  return { lines, subtotalMinor: sum, vatMinor: vat, totalMinor: sum + vat, vatRateBasisPoints: rate, pricesIncludeVat: false };
}
