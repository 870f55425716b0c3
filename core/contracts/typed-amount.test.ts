import { describe, expect, it } from 'vitest';
import { readTypedAmount } from './typed-amount.ts';

describe('an amount as people type it', () => {
  it('reads grouped thousands, decimals, the baht sign and Thai digits', () => {
    expect(readTypedAmount('1500')).toBe(1500);
    expect(readTypedAmount('1,500')).toBe(1500);
    expect(readTypedAmount(' 1 500 ')).toBe(1500);
    expect(readTypedAmount('1500.00')).toBe(1500);
    expect(readTypedAmount('12,345.5')).toBe(12345.5);
    expect(readTypedAmount('฿1,500')).toBe(1500);
    expect(readTypedAmount('1,500 บาท')).toBe(1500);
    expect(readTypedAmount('THB 250')).toBe(250);
    expect(readTypedAmount('๑,๕๐๐')).toBe(1500);
    expect(readTypedAmount('0')).toBe(0);
  });

  it('refuses what is not a plain amount, rather than reading it as something else', () => {
    for (const text of ['', 'abc', '1,50', '15,00.00', '1.234', '-100', '1e3', '1,500,', '1..5', '1,5000']) {
      expect(readTypedAmount(text), text).toBeUndefined();
    }
  });
});
