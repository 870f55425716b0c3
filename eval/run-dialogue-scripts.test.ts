import { describe, expect, it } from 'vitest';
import { expectedDay } from './run-dialogue-scripts.ts';

describe("a script's day, whatever day the scripts run", () => {
  it('is the next occurrence of a day and month, the day itself included', () => {
    expect(expectedDay({ month: 12, day: 5 }, '2026-11-28')).toBe('2026-12-05');
    expect(expectedDay({ month: 12, day: 5 }, '2026-12-05')).toBe('2026-12-05');
    expect(expectedDay({ month: 12, day: 5 }, '2026-12-06')).toBe('2027-12-05');
  });

  it('is the next such day of a month for a day alone', () => {
    expect(expectedDay({ day: 12 }, '2026-11-28')).toBe('2026-12-12');
    expect(expectedDay({ day: 12 }, '2026-12-13')).toBe('2027-01-12');
    expect(expectedDay({ day: 31 }, '2027-02-01')).toBe('2027-03-31');
  });

  it('counts tomorrow over a month and a year, and keeps a calendar date', () => {
    expect(expectedDay('tomorrow', '2026-12-31')).toBe('2027-01-01');
    expect(expectedDay('2026-12-14', '2027-06-01')).toBe('2026-12-14');
    expect(expectedDay(undefined, '2026-11-28')).toBeUndefined();
  });
});
