import { describe, expect, it } from 'vitest';
import { divideHalfUp, documentTotals } from './document-totals.ts';

describe('document totals', () => {
  it('rounds half up, and only at the half', () => {
    expect(divideHalfUp(5, 10)).toBe(1);
    expect(divideHalfUp(4, 10)).toBe(0);
    expect(divideHalfUp(15, 10)).toBe(2);
    expect(divideHalfUp(149, 100)).toBe(1);
    expect(() => divideHalfUp(-1, 10)).toThrow(RangeError);
  });

  it('takes VAT out of prices that include it, once per document', () => {
    // 1,500.00 + 2 x 99.99 = 1,699.98 THB; VAT = 169998 x 7 / 107 = 11121.36... -> 11121 satang.
    const t = documentTotals({ lines: [{ description: 'Tour', quantity: 1, unitPriceMinor: 150_000 }, { description: 'Water', quantity: 2, unitPriceMinor: 9_999 }], pricesIncludeVat: true, vatRateBasisPoints: 700 });
    expect(t.lines.map((l) => l.amountMinor)).toEqual([150_000, 19_998]);
    expect(t).toMatchObject({ totalMinor: 169_998, vatMinor: 11_121, subtotalMinor: 158_877 });
    // Per line it would have been 9813 + 1308 = 11121 here, but not in general: 3 x 0.01 THB.
    const small = documentTotals({ lines: [1, 2, 3].map(() => ({ description: 'x', quantity: 1, unitPriceMinor: 8 })), pricesIncludeVat: true, vatRateBasisPoints: 700 });
    expect(small).toMatchObject({ totalMinor: 24, vatMinor: 2, subtotalMinor: 22 }); // 24 x 7 / 107 = 1.57 -> 2 (per line: 3 x 1 = 3)
  });

  it('adds VAT to prices that exclude it, half-up at the half satang', () => {
    // 150 satang x 7 % = 10.5 -> 11.
    expect(documentTotals({ lines: [{ description: 'x', quantity: 1, unitPriceMinor: 150 }], pricesIncludeVat: false, vatRateBasisPoints: 700 })).toMatchObject({ subtotalMinor: 150, vatMinor: 11, totalMinor: 161 });
    // 107 satang x 7 % = 7.49 -> 7.
    expect(documentTotals({ lines: [{ description: 'x', quantity: 1, unitPriceMinor: 107 }], pricesIncludeVat: false, vatRateBasisPoints: 700 })).toMatchObject({ vatMinor: 7, totalMinor: 114 });
  });

  it('charges no VAT at a rate of zero', () => {
    expect(documentTotals({ lines: [{ description: 'x', quantity: 3, unitPriceMinor: 1000 }], pricesIncludeVat: true, vatRateBasisPoints: 0 })).toMatchObject({ subtotalMinor: 3000, vatMinor: 0, totalMinor: 3000 });
  });
});
