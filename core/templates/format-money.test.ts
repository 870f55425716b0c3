import { describe, expect, it } from 'vitest';
import { formatMinorUnits } from './format-money.ts';

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
