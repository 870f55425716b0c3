import { describe, expect, it } from 'vitest';
import { avg, round1 } from './reports.ts';

describe('round1: one decimal place, whatever order a sum was added up in', () => {
  // Three resolution times added up as the database does and as the timelines do: the last bits
  // differ (0.5499999999999999 against 0.55), and a plain rounding read them as 0.5 and 0.6.
  it.each([
    [0.01, 0.14, 1.5],
    [0.01, 0.14, 4.5],
    [0.01, 0.14, 4.8],
    [0.01, 0.24, 2.6],
  ])('the mean of %d, %d and %d', (a, b, c) => {
    const oneWay = (a + b + c) / 3;
    const other = (a + (b + c)) / 3;
    expect(oneWay).not.toBe(other);
    expect(round1(oneWay)).toBe(round1(other));
    expect(avg([a, b, c])).toBe(round1(other));
  });

  it('rounds as before everywhere else', () => {
    expect([round1(86.25), round1(86.24), round1(12.34), round1(1234.56), round1(0.04), round1(-1.26), round1(0)]).toEqual([86.3, 86.2, 12.3, 1234.6, 0, -1.3, 0]);
  });
});
