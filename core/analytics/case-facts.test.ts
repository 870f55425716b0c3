import { describe, expect, it } from 'vitest';
import { resolutionElapsedMinutes, timeBuckets, type StatusPeriod } from '../cases/sla-clock.ts';
import { calendarOfOrg } from '../sla/business-calendar.ts';
import { CASE_STATUSES } from '../vocabulary.ts';
import { bucketsOf } from './case-facts.ts';
import { MinuteLine } from './minute-line.ts';

/** Analytics count a case's time as the case page does (core/cases/sla-clock.ts), only faster. */
const cal = calendarOfOrg({
  time_zone: 'Europe/London',
  business_hours: { mon: [['09:00', '17:30']], tue: [['09:00', '17:30']], wed: [['09:00', '17:30']], thu: [['09:00', '17:30']], fri: [['09:00', '17:30']], sat: [['10:00', '14:00']] },
  holidays: ['2026-03-27', '2026-12-25'],
});
let seed = 11;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

describe('time buckets of many cases', () => {
  it('equal timeBuckets and resolutionElapsedMinutes on random histories, across a DST change', () => {
    const from = new Date('2026-03-01T00:00:00Z');
    const now = new Date('2026-04-30T12:00:00Z');
    const line = new MinuteLine(cal, new Date(from.getTime() - 86_400_000), new Date(now.getTime() + 86_400_000));
    for (let i = 0; i < 400; i++) {
      let t = from.getTime() + random() * 50 * 86_400_000;
      const history: StatusPeriod[] = [];
      const n = 1 + Math.floor(random() * 6);
      for (let k = 0; k < n; k++) {
        const status = k === 0 ? 'new' : CASE_STATUSES[1 + Math.floor(random() * 6)];
        const to = t + random() * 3 * 86_400_000 + random() * 1000;
        history.push({ status, from: new Date(t), to: k === n - 1 && random() < 0.5 ? null : new Date(to) });
        t = to;
      }
      const fast = bucketsOf(history, now, (a, b) => line.between(a, b));
      expect(fast).toEqual(timeBuckets(history, now, cal));
      expect(fast.business.resolutionClock).toBe(resolutionElapsedMinutes(history, now, cal));
    }
  });
});
