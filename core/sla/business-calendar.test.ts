import { describe, expect, it } from 'vitest';
import { cpuMs } from '../../test/support/cpu-time.ts';
import {
  addBusinessMinutes, businessMinutesBetween, calendarOfOrg, isOpen, nextClosing, nextOpening, wallMinutesBetween,
  type BusinessCalendar,
} from './business-calendar.ts';

/** Local wall time in Bangkok (UTC+7, no DST). */
const bkk = (s: string) => new Date(`${s}:00+07:00`);
const iso = (d: Date) => d.toISOString();

const OFFICE = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
const office = (holidays: string[] = [], tz = 'Asia/Bangkok'): BusinessCalendar => calendarOfOrg({ time_zone: tz, business_hours: OFFICE, holidays });
const always = (holidays: string[] = []): BusinessCalendar => calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: null, holidays });

// 2026-01-05 is a Monday; 2026-01-09 a Friday.

describe('calendarOfOrg', () => {
  it('builds a calendar from an org row (defaults and JSON strings)', () => {
    expect(calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: [] })).toEqual({ timeZone: 'Asia/Bangkok', hours: null, holidays: [] });
    expect(calendarOfOrg({ time_zone: null, business_hours: null, holidays: null }).timeZone).toBe('Asia/Bangkok');
    const cal = calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: JSON.stringify({ mon: [['09:00', '12:00']] }), holidays: '["2026-01-02","2026-01-01","2026-01-01"]' });
    expect(cal.hours).toEqual({ mon: [['09:00', '12:00']] });
    expect(cal.holidays).toEqual(['2026-01-01', '2026-01-02']);
  });

  it.each([
    [{ time_zone: 'Mars/Olympus', business_hours: null, holidays: [] }, /unknown time zone/],
    [{ time_zone: '', business_hours: null, holidays: [] }, /time_zone/],
    [{ time_zone: 'Asia/Bangkok', business_hours: [], holidays: [] }, /business_hours: expected null/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { monday: [['09:00', '18:00']] }, holidays: [] }, /unknown day "monday"/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: ['09:00', '18:00'] }, holidays: [] }, /business_hours\.mon\[0\]: expected/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: [['9:00', '18:00']] }, holidays: [] }, /expected a time "HH:MM"/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: [['09:00', '25:00']] }, holidays: [] }, /HH:MM|not a time/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: [['24:00', '02:00']] }, holidays: [] }, /may only end a period/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: [['09:00', '09:00']] }, holidays: [] }, /no length/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: [] }, holidays: [] }, /no open period/],
    [{ time_zone: 'Asia/Bangkok', business_hours: { mon: 'all day' }, holidays: [] }, /business_hours\.mon/],
    [{ time_zone: 'Asia/Bangkok', business_hours: null, holidays: ['2026-02-30'] }, /holidays\[0\]/],
    [{ time_zone: 'Asia/Bangkok', business_hours: null, holidays: '2026-01-01' }, /not valid JSON|holidays/],
    [{ time_zone: 'Asia/Bangkok', business_hours: null, holidays: { a: 1 } }, /holidays: expected a list/],
    [{ time_zone: 'Asia/Bangkok', business_hours: '{nope', holidays: [] }, /business_hours: not valid JSON/],
  ])('rejects bad shapes with a clear error %#', (row, message) => {
    expect(() => calendarOfOrg(row)).toThrow(message);
    try { calendarOfOrg(row); } catch (e) { expect((e as { code?: string }).code).toBe('validation_failed'); }
  });

  it('validates hand-built calendars too', () => {
    expect(() => isOpen(new Date(), { timeZone: 'Nowhere/Land', hours: null, holidays: [] })).toThrow(/unknown time zone/);
    expect(() => addBusinessMinutes(new Date(), 1, { timeZone: 'UTC', hours: { mon: [['18:00', '17:00', 'x'] as never] }, holidays: [] })).toThrow(/expected \["HH:MM","HH:MM"\]/);
  });

  it('rejects fractional and negative minutes and invalid dates', () => {
    expect(() => addBusinessMinutes(bkk('2026-01-05T09:00'), 1.5, office())).toThrow(/whole number/);
    expect(() => addBusinessMinutes(bkk('2026-01-05T09:00'), -1, office())).toThrow(/whole number/);
    expect(() => addBusinessMinutes(new Date('nope'), 1, office())).toThrow(/invalid date/);
  });
});

describe('24/7', () => {
  const cal = always();
  it('adds wall-clock minutes', () => {
    expect(iso(addBusinessMinutes(bkk('2026-01-09T17:00'), 60 * 24 * 3, cal))).toBe(iso(bkk('2026-01-12T17:00')));
    expect(businessMinutesBetween(bkk('2026-01-09T17:00'), bkk('2026-01-12T17:00'), cal)).toBe(4320);
    expect(isOpen(bkk('2026-01-10T03:00'), cal)).toBe(true);
    expect(iso(nextOpening(bkk('2026-01-10T03:00'), cal))).toBe(iso(bkk('2026-01-10T03:00')));
    expect(nextClosing(bkk('2026-01-10T03:00'), cal)).toBeNull();
  });
  it('still closes on holidays (midnight to midnight in the zone)', () => {
    const h = always(['2026-01-10']);
    expect(isOpen(bkk('2026-01-10T12:00'), h)).toBe(false);
    expect(isOpen(bkk('2026-01-09T23:59'), h)).toBe(true);
    expect(iso(nextClosing(bkk('2026-01-09T12:00'), h)!)).toBe(iso(bkk('2026-01-10T00:00')));
    expect(iso(addBusinessMinutes(bkk('2026-01-09T23:00'), 120, h))).toBe(iso(bkk('2026-01-11T01:00')));
    expect(businessMinutesBetween(bkk('2026-01-09T00:00'), bkk('2026-01-12T00:00'), h)).toBe(2 * 1440);
  });
});

describe('09:00-18:00 Mon-Fri in Asia/Bangkok', () => {
  const cal = office();
  it('counts within a day', () => {
    expect(iso(addBusinessMinutes(bkk('2026-01-05T10:00'), 120, cal))).toBe(iso(bkk('2026-01-05T12:00')));
    expect(businessMinutesBetween(bkk('2026-01-05T10:00'), bkk('2026-01-05T12:00'), cal)).toBe(120);
  });
  it('crosses the weekend', () => {
    // Friday 17:00 + 2 h = Monday 10:00
    expect(iso(addBusinessMinutes(bkk('2026-01-09T17:00'), 120, cal))).toBe(iso(bkk('2026-01-12T10:00')));
    expect(businessMinutesBetween(bkk('2026-01-09T17:00'), bkk('2026-01-12T10:00'), cal)).toBe(120);
    expect(businessMinutesBetween(bkk('2026-01-10T10:00'), bkk('2026-01-11T23:00'), cal)).toBe(0);
  });
  it('a due time that lands on the closing stays at the closing', () => {
    expect(iso(addBusinessMinutes(bkk('2026-01-09T17:00'), 60, cal))).toBe(iso(bkk('2026-01-09T18:00')));
  });
  it('starting outside hours starts at the next opening', () => {
    expect(iso(addBusinessMinutes(bkk('2026-01-05T07:13'), 30, cal))).toBe(iso(bkk('2026-01-05T09:30')));
    expect(iso(addBusinessMinutes(bkk('2026-01-05T19:00'), 30, cal))).toBe(iso(bkk('2026-01-06T09:30')));
    expect(iso(addBusinessMinutes(bkk('2026-01-10T11:00'), 30, cal))).toBe(iso(bkk('2026-01-12T09:30')));
  });
  it('zero minutes: the next opening (or the start itself when open)', () => {
    expect(iso(addBusinessMinutes(bkk('2026-01-10T11:00'), 0, cal))).toBe(iso(bkk('2026-01-12T09:00')));
    expect(iso(addBusinessMinutes(bkk('2026-01-05T11:00'), 0, cal))).toBe(iso(bkk('2026-01-05T11:00')));
    expect(businessMinutesBetween(bkk('2026-01-05T11:00'), bkk('2026-01-05T11:00'), cal)).toBe(0);
  });
  it('isOpen / nextOpening / nextClosing', () => {
    expect(isOpen(bkk('2026-01-05T08:59'), cal)).toBe(false);
    expect(isOpen(bkk('2026-01-05T09:00'), cal)).toBe(true);
    expect(isOpen(bkk('2026-01-05T17:59'), cal)).toBe(true);
    expect(isOpen(bkk('2026-01-05T18:00'), cal)).toBe(false);
    expect(isOpen(bkk('2026-01-10T12:00'), cal)).toBe(false);
    expect(iso(nextOpening(bkk('2026-01-09T18:00'), cal))).toBe(iso(bkk('2026-01-12T09:00')));
    expect(iso(nextClosing(bkk('2026-01-09T10:00'), cal)!)).toBe(iso(bkk('2026-01-09T18:00')));
    expect(iso(nextClosing(bkk('2026-01-10T10:00'), cal)!)).toBe(iso(bkk('2026-01-10T10:00')));
  });
  it('a target longer than a week (10,000 business minutes) walks period by period', () => {
    // 10,000 min = 18 days of 540 min + 280 min; from Monday 09:00: 18 business days later is
    // Thursday of the 4th week (Jan 29), then 280 min: 13:40.
    const elapsed = cpuMs(() => {
      const due = addBusinessMinutes(bkk('2026-01-05T09:00'), 10_000, cal);
      expect(iso(due)).toBe(iso(bkk('2026-01-29T13:40')));
      expect(businessMinutesBetween(bkk('2026-01-05T09:00'), due, cal)).toBe(10_000);
      // A year of business minutes stays fast too.
      const far = addBusinessMinutes(bkk('2026-01-05T09:00'), 540 * 261, cal);
      expect(businessMinutesBetween(bkk('2026-01-05T09:00'), far, cal)).toBe(540 * 261);
    });
    expect(elapsed).toBeLessThan(1500);
  });
  it('truncates instants to the minute', () => {
    const start = new Date(bkk('2026-01-05T10:00').getTime() + 45_000);
    expect(iso(addBusinessMinutes(start, 10, cal))).toBe(iso(bkk('2026-01-05T10:10')));
    expect(businessMinutesBetween(start, new Date(bkk('2026-01-05T10:10').getTime() + 59_999), cal)).toBe(10);
    expect(wallMinutesBetween(start, new Date(bkk('2026-01-05T10:10').getTime() + 59_999))).toBe(10);
  });
  it('is antisymmetric', () => {
    expect(businessMinutesBetween(bkk('2026-01-12T10:00'), bkk('2026-01-09T17:00'), cal)).toBe(-120);
  });
});

describe('holidays', () => {
  it('closes the whole day', () => {
    const cal = office(['2026-01-12']); // Monday
    expect(isOpen(bkk('2026-01-12T10:00'), cal)).toBe(false);
    expect(iso(addBusinessMinutes(bkk('2026-01-09T17:00'), 120, cal))).toBe(iso(bkk('2026-01-13T10:00')));
    expect(businessMinutesBetween(bkk('2026-01-05T09:00'), bkk('2026-01-17T00:00'), cal)).toBe(9 * 540);
    expect(iso(nextOpening(bkk('2026-01-10T10:00'), cal))).toBe(iso(bkk('2026-01-13T09:00')));
  });
  it('several holidays in a row (Songkran)', () => {
    const cal = office(['2026-04-13', '2026-04-14', '2026-04-15']); // Mon-Wed
    expect(iso(addBusinessMinutes(bkk('2026-04-10T17:30'), 60, cal))).toBe(iso(bkk('2026-04-16T09:30')));
  });
});

describe('periods that cross midnight', () => {
  // Bar hours: Friday 18:00 to Saturday 02:00, Saturday 18:00 to Sunday 02:00.
  const bar = (holidays: string[] = []) => calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: { fri: [['18:00', '02:00']], sat: [['18:00', '02:00']] }, holidays });
  it('is open after midnight on the next day', () => {
    const cal = bar();
    expect(isOpen(bkk('2026-01-09T23:00'), cal)).toBe(true);
    expect(isOpen(bkk('2026-01-10T01:59'), cal)).toBe(true);
    expect(isOpen(bkk('2026-01-10T02:00'), cal)).toBe(false);
    expect(isOpen(bkk('2026-01-09T17:00'), cal)).toBe(false);
    expect(iso(nextClosing(bkk('2026-01-09T23:00'), cal)!)).toBe(iso(bkk('2026-01-10T02:00')));
  });
  it('adds across midnight and into the next period', () => {
    const cal = bar();
    expect(iso(addBusinessMinutes(bkk('2026-01-09T23:00'), 120, cal))).toBe(iso(bkk('2026-01-10T01:00')));
    expect(iso(addBusinessMinutes(bkk('2026-01-09T23:00'), 240, cal))).toBe(iso(bkk('2026-01-10T19:00')));
    expect(iso(addBusinessMinutes(bkk('2026-01-10T01:00'), 61, cal))).toBe(iso(bkk('2026-01-10T18:01')));
    // Whole weekend = 2 * 8 h, then next Friday.
    expect(businessMinutesBetween(bkk('2026-01-09T00:00'), bkk('2026-01-12T00:00'), cal)).toBe(960);
    expect(iso(addBusinessMinutes(bkk('2026-01-09T00:00'), 961, cal))).toBe(iso(bkk('2026-01-16T18:01')));
  });
  it('a holiday cuts the tail of the period that began the evening before', () => {
    const cal = bar(['2026-01-10']); // Saturday is a holiday
    expect(isOpen(bkk('2026-01-09T23:00'), cal)).toBe(true);
    expect(isOpen(bkk('2026-01-10T00:30'), cal)).toBe(false);
    expect(isOpen(bkk('2026-01-10T19:00'), cal)).toBe(false);
    // but Saturday's period reaches into Sunday, an ordinary day: open 00:00-02:00 Sunday
    expect(isOpen(bkk('2026-01-11T01:00'), cal)).toBe(true);
    expect(businessMinutesBetween(bkk('2026-01-09T00:00'), bkk('2026-01-12T00:00'), cal)).toBe(360 + 120);
    expect(iso(addBusinessMinutes(bkk('2026-01-09T23:00'), 90, cal))).toBe(iso(bkk('2026-01-11T00:30')));
  });
  it('overlapping periods are merged, never counted twice', () => {
    const cal = calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: { fri: [['18:00', '02:00']], sat: [['00:00', '03:00'], ['01:00', '02:30']] }, holidays: [] });
    expect(businessMinutesBetween(bkk('2026-01-09T00:00'), bkk('2026-01-11T00:00'), cal)).toBe(9 * 60);
  });
  it('several periods a day, days with no hours, "24:00"', () => {
    const cal = calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: { mon: [['13:00', '17:00'], ['08:00', '12:00']], tue: [], wed: [['20:00', '24:00']] }, holidays: [] });
    expect(businessMinutesBetween(bkk('2026-01-05T00:00'), bkk('2026-01-06T00:00'), cal)).toBe(480);
    expect(iso(addBusinessMinutes(bkk('2026-01-05T11:30'), 60, cal))).toBe(iso(bkk('2026-01-05T13:30')));
    expect(iso(addBusinessMinutes(bkk('2026-01-05T16:30'), 60, cal))).toBe(iso(bkk('2026-01-07T20:30')));
    expect(iso(addBusinessMinutes(bkk('2026-01-07T23:00'), 60, cal))).toBe(iso(bkk('2026-01-08T00:00')));
    expect(isOpen(bkk('2026-01-08T00:00'), cal)).toBe(false);
  });
});

describe('DST zones', () => {
  it('America/New_York spring forward: a 24/7 day has 23 hours', () => {
    const cal = calendarOfOrg({ time_zone: 'America/New_York', business_hours: { sun: [['00:00', '24:00']] }, holidays: [] });
    // 2026-03-08 is the Sunday of the change (02:00 EST -> 03:00 EDT).
    expect(businessMinutesBetween(new Date('2026-03-08T00:00:00-05:00'), new Date('2026-03-09T00:00:00-04:00'), cal)).toBe(23 * 60);
    expect(iso(addBusinessMinutes(new Date('2026-03-08T01:00:00-05:00'), 120, cal))).toBe(iso(new Date('2026-03-08T04:00:00-04:00')));
  });
  it('America/New_York: 09:00-18:00 is 9 real hours on either side of the change', () => {
    const cal = office([], 'America/New_York');
    // Friday 2026-03-06 17:00 EST + 120 min = Monday 2026-03-09 10:00 EDT
    const due = addBusinessMinutes(new Date('2026-03-06T17:00:00-05:00'), 120, cal);
    expect(iso(due)).toBe(iso(new Date('2026-03-09T10:00:00-04:00')));
    expect(isOpen(new Date('2026-03-09T13:00:00Z'), cal)).toBe(true); // 09:00 EDT
    expect(isOpen(new Date('2026-03-06T13:00:00Z'), cal)).toBe(false); // 08:00 EST
  });
  it('a period inside the skipped hour is empty; a period in the repeated hour lasts two hours', () => {
    const gap = calendarOfOrg({ time_zone: 'America/New_York', business_hours: { sun: [['02:00', '03:00'], ['02:30', '04:00']] }, holidays: [] });
    // Skipped wall times move later by the gap: 02:00 -> 03:00 EDT and 03:00 -> 03:00 EDT (empty);
    // 02:30 -> 03:30 EDT, so the second period is open 03:30-04:00 EDT.
    expect(businessMinutesBetween(new Date('2026-03-08T00:00:00-05:00'), new Date('2026-03-09T00:00:00-04:00'), gap)).toBe(30);
    expect(isOpen(new Date('2026-03-08T03:15:00-04:00'), gap)).toBe(false);
    expect(isOpen(new Date('2026-03-08T03:45:00-04:00'), gap)).toBe(true);
    const overlap = calendarOfOrg({ time_zone: 'America/New_York', business_hours: { sun: [['01:00', '02:00']] }, holidays: [] });
    // 2026-11-01: 01:00 EDT .. 02:00 EST is two real hours.
    expect(businessMinutesBetween(new Date('2026-11-01T00:00:00-04:00'), new Date('2026-11-02T00:00:00-05:00'), overlap)).toBe(120);
    expect(iso(addBusinessMinutes(new Date('2026-11-01T00:00:00-04:00'), 90, overlap))).toBe(iso(new Date('2026-11-01T01:30:00-05:00')));
  });
  it('Europe/London across both changes, 24/7 with a holiday and a bar calendar', () => {
    const bar = calendarOfOrg({ time_zone: 'Europe/London', business_hours: { sat: [['22:00', '03:00']] }, holidays: [] });
    // 2026-03-28 Sat 22:00 GMT .. Sun 03:00 BST: clocks jump 01:00 -> 02:00, so 4 real hours.
    expect(businessMinutesBetween(new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z'), bar)).toBe(240);
    // 2026-10-24 Sat 22:00 BST .. Sun 03:00 GMT: 01:00-02:00 happens twice, so 6 real hours.
    expect(businessMinutesBetween(new Date('2026-10-24T12:00:00Z'), new Date('2026-10-25T12:00:00Z'), bar)).toBe(360);
    const h = calendarOfOrg({ time_zone: 'Europe/London', business_hours: null, holidays: ['2026-10-25'] });
    expect(isOpen(new Date('2026-10-24T23:30:00Z'), h)).toBe(false); // 00:30 BST on the 25th
    expect(isOpen(new Date('2026-10-24T22:59:00Z'), h)).toBe(true); // 23:59 BST on the 24th
    expect(businessMinutesBetween(new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z'), h)).toBe(
      wallMinutesBetween(new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z')) - 25 * 60,
    );
  });
});

describe('properties', () => {
  /** Small seeded PRNG so failures reproduce. */
  function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
      a |= 0; a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const calendars: [string, BusinessCalendar][] = [
    ['24/7', always()],
    ['24/7 + holidays', always(['2026-03-08', '2026-03-09', '2026-11-01'])],
    ['office Bangkok', office(['2026-04-13', '2026-04-14', '2026-04-15', '2026-12-31'])],
    ['office New York', office(['2026-03-09', '2026-11-26'], 'America/New_York')],
    ['bar London', calendarOfOrg({ time_zone: 'Europe/London', business_hours: { fri: [['18:00', '02:00']], sat: [['11:00', '15:00'], ['18:00', '03:00']], sun: [['01:30', '02:30']] }, holidays: ['2026-03-29', '2026-10-24'] })],
    ['split shifts Bangkok', calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: { mon: [['08:00', '12:00'], ['13:00', '17:00']], wed: [['22:00', '06:00']], sat: [['00:00', '24:00']] }, holidays: ['2026-06-06'] })],
  ];
  const START = Date.UTC(2026, 0, 1);
  const SPAN = 365 * 86_400_000;

  it.each(calendars)('%s: businessMinutesBetween(start, addBusinessMinutes(start, m)) === m', (_name, cal) => {
    const rnd = mulberry32(42);
    for (let i = 0; i < 150; i++) {
      const start = new Date(START + Math.floor(rnd() * SPAN) + Math.floor(rnd() * 60_000));
      const m = rnd() < 0.1 ? 0 : Math.floor(rnd() ** 2 * 12_000);
      const due = addBusinessMinutes(start, m, cal);
      expect(businessMinutesBetween(start, due, cal), `${start.toISOString()} + ${m}`).toBe(m);
      expect(due.getTime() % 60_000).toBe(0);
      expect(due.getTime()).toBeGreaterThanOrEqual(Math.floor(start.getTime() / 60_000) * 60_000);
      // the due minute is the earliest one: one minute earlier falls short (when m > 0)
      if (m > 0) expect(businessMinutesBetween(start, new Date(due.getTime() - 60_000), cal)).toBe(m - 1);
      // and a due time (m > 0) is never at an instant the calendar just opened after a closure
      if (m > 0) expect(isOpen(new Date(due.getTime() - 60_000), cal)).toBe(true);
    }
  });

  it.each(calendars)('%s: between is additive and agrees with isOpen', (_name, cal) => {
    const rnd = mulberry32(7);
    for (let i = 0; i < 60; i++) {
      const a = new Date(START + Math.floor(rnd() * SPAN));
      const b = new Date(a.getTime() + Math.floor(rnd() * 20 * 86_400_000));
      const c = new Date(b.getTime() + Math.floor(rnd() * 20 * 86_400_000));
      expect(businessMinutesBetween(a, b, cal) + businessMinutesBetween(b, c, cal)).toBe(businessMinutesBetween(a, c, cal));
      expect(businessMinutesBetween(a, c, cal)).toBeLessThanOrEqual(wallMinutesBetween(a, c));
      const one = businessMinutesBetween(a, new Date(a.getTime() + 60_000), cal);
      expect(one).toBe(isOpen(a, cal) ? 1 : 0);
      const open = nextOpening(a, cal);
      expect(isOpen(open, cal)).toBe(true);
      expect(businessMinutesBetween(a, open, cal)).toBe(0);
    }
  });

  it('brute force agrees with the period walk over a month (minute by minute, DST month)', () => {
    for (const [, cal] of calendars) {
      const from = Date.UTC(2026, 9, 20);
      let count = 0;
      for (let t = from; t < from + 10 * 86_400_000; t += 60_000) if (isOpen(new Date(t), cal)) count++;
      expect(businessMinutesBetween(new Date(from), new Date(from + 10 * 86_400_000), cal)).toBe(count);
    }
  });
});
