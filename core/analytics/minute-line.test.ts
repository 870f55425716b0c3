import { describe, expect, it } from 'vitest';
import { businessMinutesBetween, calendarOfOrg } from '../sla/business-calendar.ts';
import { MinuteLine } from './minute-line.ts';

/** The minute line answers exactly as core/sla does, on random spans of several calendars. */
const calendars = {
  bangkokOffice: calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '12:00'], ['13:00', '18:00']], thu: [['09:00', '18:00']], fri: [['18:00', '02:00']] }, holidays: ['2026-04-13', '2026-04-14'] }),
  newYorkDst: calendarOfOrg({ time_zone: 'America/New_York', business_hours: { sun: [['00:00', '24:00']], mon: [['01:30', '03:30'], ['08:00', '20:00']], sat: [['22:00', '06:00']] }, holidays: ['2026-03-09'] }),
  aroundTheClockWithHolidays: calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: ['2026-03-04', '2026-11-01'] }),
  aroundTheClock: calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: [] }),
};

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

describe('minute line', () => {
  for (const [name, cal] of Object.entries(calendars)) {
    it(`counts as businessMinutesBetween does: ${name}`, () => {
      const from = new Date('2026-02-20T00:00:00Z');
      const to = new Date('2026-11-20T00:00:00Z');
      const line = new MinuteLine(cal, from, to);
      const span = to.getTime() - from.getTime();
      for (let i = 0; i < 1500; i++) {
        // Inside the span mostly, some outside it; seconds included (both truncate to the minute).
        const a = new Date(from.getTime() - 5 * 86_400_000 + random() * (span + 10 * 86_400_000));
        const b = new Date(a.getTime() + (random() < 0.1 ? -1 : 1) * random() * 20 * 86_400_000);
        expect([a.toISOString(), b.toISOString(), line.between(a, b)]).toEqual([a.toISOString(), b.toISOString(), businessMinutesBetween(a, b, cal)]);
      }
    });
  }
});
