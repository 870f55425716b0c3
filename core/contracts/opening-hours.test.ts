import { describe, expect, it } from 'vitest';
import { hoursOn, openAt, openOn, weekdayOf } from './opening-hours.ts';

/** The opening-hours rule the booking form and the server share. 2027-02-13 is a Saturday. */
const hours = { mon: [['09:00', '18:00']], sat: [['10:00', '14:00'], ['18:00', '02:00']] } as const;

describe('opening hours', () => {
  it('knows the weekday of a date', () => {
    expect(['2027-02-13', '2027-02-14', '2027-02-15'].map(weekdayOf)).toEqual(['sat', 'sun', 'mon']);
  });

  it('is open from the start of a period up to, not including, its end', () => {
    expect(openAt('2027-02-15', '09:00', hours)).toBe(true);
    expect(openAt('2027-02-15', '17:59', hours)).toBe(true);
    expect(openAt('2027-02-15', '18:00', hours)).toBe(false);
    expect(openAt('2027-02-15', '08:59', hours)).toBe(false);
    // Between two periods of one day.
    expect(openAt('2027-02-13', '15:00', hours)).toBe(false);
    expect(openAt('2027-02-13', '13:59', hours)).toBe(true);
  });

  it('a period that crosses midnight is open on the next morning until its end', () => {
    expect(openAt('2027-02-13', '23:30', hours)).toBe(true);
    expect(openAt('2027-02-14', '01:59', hours)).toBe(true);
    expect(openAt('2027-02-14', '02:00', hours)).toBe(false);
    // Sunday has no period of its own, but the night from Saturday runs into it.
    expect(openOn('2027-02-14', hours)).toBe(true);
    expect(openOn('2027-02-16', hours)).toBe(false);
  });

  it('a holiday closes its whole day, the tail of the night before included; null hours are round the clock', () => {
    expect(openOn('2027-02-15', hours, ['2027-02-15'])).toBe(false);
    expect(openAt('2027-02-15', '10:00', hours, ['2027-02-15'])).toBe(false);
    expect(openAt('2027-02-14', '01:00', hours, ['2027-02-14'])).toBe(false);
    expect(openAt('2027-02-16', '03:00', null)).toBe(true);
    expect(openAt('2027-02-16', '03:00', null, ['2027-02-16'])).toBe(false);
  });

  it("tells a day's periods as written", () => {
    expect(hoursOn('2027-02-13', hours)).toEqual([['10:00', '14:00'], ['18:00', '02:00']]);
    expect(hoursOn('2027-02-16', hours)).toEqual([]);
    expect(hoursOn('2027-02-16', null)).toEqual([]);
  });
});
