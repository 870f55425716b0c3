import { describe, expect, it } from 'vitest';
import { decimalToMinor, nextPayment, type AmountDue } from './amount-due.ts';

describe('amounts due, in minor units', () => {
  it('reads a numeric price by its digits, never through a float', () => {
    expect(decimalToMinor('2500.00')).toBe(250_000);
    expect(decimalToMinor('0.1')).toBe(10);
    expect(decimalToMinor('19.99')).toBe(1_999);
    // 1.005 * 100 is 100.49999999999999 as a float; as digits it is refused (two decimals at most).
    expect(() => decimalToMinor('1.005')).toThrow(/at most two decimals/);
    expect(decimalToMinor('9999999999.99')).toBe(999_999_999_999);
  });

  const due = (o: Partial<AmountDue> = {}): AmountDue => ({ currency: 'THB', totalMinor: 500_000, paidMinor: 0, dueMinor: 500_000, quoteId: null, basis: 'service_price', ...o });

  it("asks for what the org's rule says first, then the balance", () => {
    expect(nextPayment(due(), { kind: 'full' })).toEqual({ part: 'full', amountMinor: 500_000 });
    expect(nextPayment(due(), { kind: 'deposit_percent', percent: 30 })).toEqual({ part: 'deposit', amountMinor: 150_000 });
    // A third of 100.00 is 33.33: rounded to the satang.
    expect(nextPayment(due({ totalMinor: 10_000, dueMinor: 10_000 }), { kind: 'deposit_percent', percent: 33 })).toEqual({ part: 'deposit', amountMinor: 3_300 });
    expect(nextPayment(due(), { kind: 'deposit_fixed', amountMinor: 100_000 })).toEqual({ part: 'deposit', amountMinor: 100_000 });
    // A fixed deposit larger than the booking is the whole amount.
    expect(nextPayment(due({ totalMinor: 50_000, dueMinor: 50_000 }), { kind: 'deposit_fixed', amountMinor: 100_000 })).toEqual({ part: 'full', amountMinor: 50_000 });
    expect(nextPayment(due({ paidMinor: 150_000, dueMinor: 350_000 }), { kind: 'deposit_percent', percent: 30 })).toEqual({ part: 'balance', amountMinor: 350_000 });
    // The caller may ask for the whole amount despite the rule.
    expect(nextPayment(due(), { kind: 'deposit_percent', percent: 30 }, 'full')).toEqual({ part: 'full', amountMinor: 500_000 });
  });
});
