import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, knownTimeZone, localMoment, todayIn } from './org-time.ts';

describe('the org time', () => {
  it('reads today in the org zone, not in UTC, on both sides of midnight UTC', () => {
    // 17:30 UTC is 00:30 the next day in Bangkok (UTC+7) and still the same day in New York.
    const lateUtc = new Date('2026-03-31T17:30:00Z');
    expect(todayIn('Asia/Bangkok', lateUtc)).toBe('2026-04-01');
    expect(todayIn('UTC', lateUtc)).toBe('2026-03-31');
    expect(todayIn('America/New_York', lateUtc)).toBe('2026-03-31');
    // 02:00 UTC is still the day before in Los Angeles, already that day in Bangkok.
    const earlyUtc = new Date('2026-01-01T02:00:00Z');
    expect(todayIn('America/Los_Angeles', earlyUtc)).toBe('2025-12-31');
    expect(todayIn('Asia/Bangkok', earlyUtc)).toBe('2026-01-01');
    // A zone ahead of UTC by more than half a day.
    expect(todayIn('Pacific/Kiritimati', new Date('2026-06-30T10:00:00Z'))).toBe('2026-07-01');
  });

  it('gives the date and time of day where the org is, midnight as 00:00', () => {
    expect(localMoment('Asia/Bangkok', new Date('2026-05-04T17:00:00Z'))).toEqual({ date: '2026-05-05', time: '00:00' });
    expect(localMoment('Asia/Bangkok', new Date('2026-05-04T16:59:00Z'))).toEqual({ date: '2026-05-04', time: '23:59' });
    expect(localMoment('Asia/Kolkata', new Date('2026-05-04T18:45:00Z'))).toEqual({ date: '2026-05-05', time: '00:15' });
  });

  it('reads as the old en-CA formatters did, for every hour of a year in a few zones', () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' });
    const plain = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' });
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney'].map(
      (zone) => [zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })] as const,
    );
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 * 7 + 60_000 * 13) {
      const at = new Date(t);
      expect(todayIn('Asia/Bangkok', at)).toBe(day.format(at));
      expect(todayIn('Asia/Bangkok', at)).toBe(plain.format(at));
      for (const [zone, moment] of zones) {
        const parts = Object.fromEntries(moment.formatToParts(at).map((p) => [p.type, p.value]));
        expect(localMoment(zone, at)).toEqual({ date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` });
      }
    }
  });

  it('takes now when no instant is given', () => {
    const before = todayIn('Asia/Bangkok', new Date());
    const got = todayIn('Asia/Bangkok');
    expect([before, todayIn('Asia/Bangkok', new Date())]).toContain(got);
  });

  it('counts a missing or unknown zone as Asia/Bangkok, and refuses it where a zone is required', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Bangkok');
    expect(knownTimeZone(undefined)).toBe('Asia/Bangkok');
    expect(knownTimeZone('')).toBe('Asia/Bangkok');
    expect(knownTimeZone('Mars/Olympus_Mons')).toBe('Asia/Bangkok');
    expect(knownTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(() => todayIn('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
