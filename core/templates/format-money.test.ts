import { describe, expect, it } from 'vitest';
import { formatMinorUnits, formatMoney } from './format-money.ts';

describe('an amount in minor units', () => {
  it.each([
    [129_900, 'THB', '1,299.00 THB'],
    [5, 'THB', '0.05 THB'],
    [0, 'THB', '0.00 THB'],
    [1500, 'JPY', '1,500 JPY'],
    [1234, 'KWD', '1.234 KWD'],
    // Past what a float holds to the satang: 2^53 + 1 would round.
    [9_007_199_254_740_993n, 'THB', '90,071,992,547,409.93 THB'],
  ])('%s %s reads %s', (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });
});

describe('an amount written for a customer', () => {
  it.each([
    [150_000, 'THB', 'th', '1,500 บาท'],
    [150_000, 'THB', 'en', '1,500 THB'],
    [129_950, 'THB', 'th', '1,299.50 บาท'],
    [5, 'THB', 'th', '0.05 บาท'],
    [1500, 'JPY', 'th', '1,500 JPY'],
    [2_000, 'USD', 'en', '20 USD'],
  ] as const)('%s %s in %s reads %s', (minor, currency, language, text) => {
    expect(formatMinorUnits(minor, currency, language)).toBe(text);
  });

  it('a price kept in baht reads the same as its minor units', () => {
    expect(formatMoney('1500.00', 'THB', 'th')).toBe('1,500 บาท');
    expect(formatMoney(1500, 'THB', 'en')).toBe('1,500 THB');
    expect(formatMoney('1299.5', 'THB', 'th')).toBe('1,299.50 บาท');
  });

  it('staff keep the exact form, and what is not a number shows as given', () => {
    expect(formatMoney(1500, 'THB')).toBe('1,500.00 THB');
    expect(formatMoney('ask us', 'THB', 'th')).toBe('ask us THB');
    expect(formatMoney(null, 'THB', 'th')).toBe('-');
  });
});
