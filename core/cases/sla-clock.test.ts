import { describe, expect, it } from 'vitest';
import { CASE_STATUS } from './case-status.ts';
import { CASE_STATUSES, type CaseStatus } from '../vocabulary.ts';
import { addBusinessMinutes, businessMinutesBetween, calendarOfOrg, type BusinessCalendar } from '../sla/business-calendar.ts';
import {
  firstResponseDueAt, firstResponseWarningAt, resolutionClock, resolutionClockReachesAt, resolutionDueAt,
  resolutionElapsedMinutes, timeBuckets, warningAt, warnMinutes, type SlaTargets, type StatusPeriod,
} from './sla-clock.ts';

const bkk = (s: string) => new Date(`${s}:00+07:00`);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const always: BusinessCalendar = calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: [] });
const WEEKDAY = [['09:00', '18:00']];
const office: BusinessCalendar = calendarOfOrg({
  time_zone: 'Asia/Bangkok', business_hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY }, holidays: ['2026-01-13'],
});
const targets: SlaTargets = { firstResponseMinutes: 15, resolutionMinutes: 120, warnRatio: 0.75 };

/** ['new', '10:00'], ['investigating', '10:10'], ... on one day; the last stays open unless `end`. */
function history(day: string, steps: [CaseStatus, string][], end?: string): StatusPeriod[] {
  return steps.map(([status, at], i) => {
    const next = steps[i + 1];
    return { status, from: bkk(`${day}T${at}`), to: next ? bkk(`${day}T${next[1]}`) : end ? bkk(`${day}T${end}`) : null };
  });
}

// 2026-01-05 Monday, 2026-01-09 Friday, 2026-01-13 Tuesday is a holiday in `office`.

describe('first response', () => {
  it('24/7', () => {
    expect(iso(firstResponseDueAt(bkk('2026-01-10T03:00'), targets, always))).toBe(iso(bkk('2026-01-10T03:15')));
    expect(iso(firstResponseWarningAt(bkk('2026-01-10T03:00'), targets, always))).toBe(iso(bkk('2026-01-10T03:11'))); // floor(11.25)
  });
  it('business hours: across the weekend and from outside hours', () => {
    expect(iso(firstResponseDueAt(bkk('2026-01-09T17:50'), targets, office))).toBe(iso(bkk('2026-01-12T09:05')));
    expect(iso(firstResponseDueAt(bkk('2026-01-10T11:00'), targets, office))).toBe(iso(bkk('2026-01-12T09:15')));
    expect(iso(firstResponseDueAt(bkk('2026-01-12T17:55'), targets, office))).toBe(iso(bkk('2026-01-14T09:10'))); // over the holiday
  });
  it('no target, zero target', () => {
    expect(firstResponseDueAt(bkk('2026-01-10T11:00'), { ...targets, firstResponseMinutes: null }, office)).toBeNull();
    expect(iso(firstResponseDueAt(bkk('2026-01-10T11:00'), { ...targets, firstResponseMinutes: 0 }, office))).toBe(iso(bkk('2026-01-12T09:00')));
    expect(iso(firstResponseDueAt(bkk('2026-01-12T11:00'), { ...targets, firstResponseMinutes: 0 }, office))).toBe(iso(bkk('2026-01-12T11:00')));
  });
});

describe('resolution due time', () => {
  it('24/7, running', () => {
    const h = history('2026-01-10', [['new', '10:00'], ['investigating', '10:10'], ['fixing', '11:00']]);
    expect(iso(resolutionDueAt(h, targets, always))).toBe(iso(bkk('2026-01-10T12:00')));
    expect(iso(warningAt(h, targets, always))).toBe(iso(bkk('2026-01-10T11:30')));
  });

  it('business hours across a weekend (and the clock never runs at night)', () => {
    const h = history('2026-01-09', [['new', '17:00'], ['investigating', '17:30']]);
    expect(iso(resolutionDueAt(h, targets, office))).toBe(iso(bkk('2026-01-12T10:00')));
    expect(iso(warningAt(h, targets, office))).toBe(iso(bkk('2026-01-12T09:30')));
  });

  it('opened outside hours: counting starts at the next opening', () => {
    const h = history('2026-01-10', [['new', '22:00']]);
    expect(iso(resolutionDueAt(h, targets, office))).toBe(iso(bkk('2026-01-12T11:00')));
  });

  it('waiting_customer pauses; waiting_provider does not', () => {
    const paused = history('2026-01-10', [['new', '10:00'], ['investigating', '10:10'], ['waiting_customer', '10:40'], ['investigating', '12:40']]);
    // counted 40 before the pause; 80 more from 12:40
    expect(iso(resolutionDueAt(paused, targets, always))).toBe(iso(bkk('2026-01-10T14:00')));
    const provider = history('2026-01-10', [['new', '10:00'], ['investigating', '10:10'], ['waiting_provider', '10:40'], ['investigating', '12:40']]);
    expect(iso(resolutionDueAt(provider, targets, always))).toBe(iso(bkk('2026-01-10T12:00')));
  });

  it('while paused there is no due time; the clock says paused', () => {
    const h = history('2026-01-10', [['new', '10:00'], ['investigating', '10:10'], ['waiting_customer', '10:40']]);
    expect(resolutionDueAt(h, targets, always)).toBeNull();
    expect(iso(warningAt(h, targets, always))).toBeNull();
    const clock = resolutionClock(h, targets, always, bkk('2026-01-10T15:00'));
    expect(clock).toMatchObject({ state: 'paused', elapsedMinutes: 40, remainingMinutes: 80, dueAt: null, warned: false, breached: false });
  });

  it('several pauses', () => {
    const h = history('2026-01-10', [
      ['new', '08:00'], ['waiting_customer', '08:30'], ['investigating', '09:00'], ['waiting_customer', '09:20'],
      ['fixing', '11:00'], ['waiting_customer', '11:30'], ['fixing', '14:00'],
    ]);
    // counted: 30 + 20 + 30 = 80; 40 more from 14:00
    expect(iso(resolutionDueAt(h, targets, always))).toBe(iso(bkk('2026-01-10T14:40')));
    // warn at 90: 10 into the last stretch
    expect(iso(warningAt(h, targets, always))).toBe(iso(bkk('2026-01-10T14:10')));
    expect(resolutionElapsedMinutes(h, bkk('2026-01-10T14:20'), always)).toBe(100);
  });

  it('pauses with business hours: a pause over the weekend costs nothing extra', () => {
    const h: StatusPeriod[] = [
      { status: 'new', from: bkk('2026-01-09T16:00'), to: bkk('2026-01-09T17:00') },
      { status: 'waiting_customer', from: bkk('2026-01-09T17:00'), to: bkk('2026-01-12T10:00') },
      { status: 'investigating', from: bkk('2026-01-12T10:00'), to: null },
    ];
    expect(iso(resolutionDueAt(h, targets, office))).toBe(iso(bkk('2026-01-12T11:00')));
  });

  it('reopen resumes counting from where it stood; resolved time does not count', () => {
    const resolvedOnly = history('2026-01-10', [['new', '10:00'], ['investigating', '11:00'], ['resolved', '11:30']]);
    expect(resolutionDueAt(resolvedOnly, targets, always)).toBeNull();
    expect(resolutionClock(resolvedOnly, targets, always, bkk('2026-01-10T15:00'))).toMatchObject({ state: 'stopped', elapsedMinutes: 90, breached: false, warned: true });
    const reopened = history('2026-01-10', [['new', '10:00'], ['investigating', '11:00'], ['resolved', '11:30'], ['investigating', '15:00']]);
    expect(iso(resolutionDueAt(reopened, targets, always))).toBe(iso(bkk('2026-01-10T15:30')));
    expect(iso(warningAt(reopened, targets, always))).toBe(iso(bkk('2026-01-10T11:30'))); // reached before resolving
    const closed = history('2026-01-10', [['new', '10:00'], ['investigating', '11:00'], ['resolved', '11:30'], ['closed', '12:00']]);
    expect(resolutionClock(closed, targets, always, bkk('2026-01-10T15:00')).state).toBe('stopped');
  });

  it('a target changed after opening recomputes from the opening', () => {
    const h = history('2026-01-10', [['new', '10:00'], ['investigating', '10:10'], ['waiting_customer', '10:40'], ['investigating', '12:40']]);
    expect(iso(resolutionDueAt(h, { ...targets, resolutionMinutes: 240 }, always))).toBe(iso(bkk('2026-01-10T16:00')));
    // shortened to 30: reached at 10:30, before the pause; the case is breached as of then
    const shorter = { ...targets, resolutionMinutes: 30 };
    expect(iso(resolutionDueAt(h, shorter, always))).toBe(iso(bkk('2026-01-10T10:30')));
    expect(resolutionClock(h, shorter, always, bkk('2026-01-10T13:00'))).toMatchObject({ state: 'running', elapsedMinutes: 60, remainingMinutes: -30, breached: true });
    // shortened to 40 while paused: due exactly when the pause began
    expect(iso(resolutionDueAt(h.slice(0, 3).map((p, i) => (i === 2 ? { ...p, to: null } : p)), { ...targets, resolutionMinutes: 40 }, always))).toBe(iso(bkk('2026-01-10T10:40')));
  });

  it('breach and warning flags at the edges (75 %)', () => {
    const h = history('2026-01-10', [['new', '10:00']]);
    const at = (t: string) => resolutionClock(h, targets, always, bkk(`2026-01-10T${t}`));
    expect(at('11:29')).toMatchObject({ warned: false, breached: false, elapsedMinutes: 89 });
    expect(at('11:30')).toMatchObject({ warned: true, breached: false, elapsedMinutes: 90 });
    expect(at('12:00')).toMatchObject({ warned: true, breached: false, remainingMinutes: 0 });
    expect(at('12:01')).toMatchObject({ breached: true, remainingMinutes: -1 });
    expect(iso(at('12:01').warnAt)).toBe(iso(bkk('2026-01-10T11:30')));
    expect(iso(at('12:01').dueAt)).toBe(iso(bkk('2026-01-10T12:00')));
    // resolving within the due minute meets the SLA
    const met = history('2026-01-10', [['new', '10:00'], ['resolved', '12:00']]);
    expect(resolutionClock(met, targets, always, bkk('2026-01-11T00:00'))).toMatchObject({ breached: false, state: 'stopped' });
    expect(iso(resolutionDueAt(met, targets, always))).toBe(iso(bkk('2026-01-10T12:00')));
  });

  it('warning ratios are floored (and robust to float noise)', () => {
    expect(warnMinutes(120, 0.75)).toBe(90);
    expect(warnMinutes(15, 0.75)).toBe(11);
    expect(warnMinutes(100, 0.29)).toBe(29);
    expect(warnMinutes(10, 0.7)).toBe(7);
    expect(warnMinutes(10, 1)).toBe(10);
  });

  it('zero minutes and no target', () => {
    const h = history('2026-01-10', [['new', '22:00']]);
    expect(iso(resolutionDueAt(h, { ...targets, resolutionMinutes: 0 }, office))).toBe(iso(bkk('2026-01-12T09:00')));
    expect(resolutionDueAt(h, { ...targets, resolutionMinutes: null }, office)).toBeNull();
    expect(warningAt(h, { ...targets, resolutionMinutes: null }, office)).toBeNull();
    expect(resolutionClock(h, { ...targets, resolutionMinutes: null }, office, bkk('2026-01-12T10:00'))).toMatchObject({ state: 'running', elapsedMinutes: 60, dueAt: null, breached: false });
    expect(resolutionDueAt([], targets, office)).toBeNull();
  });

  it('a target longer than a week, with business hours and a holiday', () => {
    const h = history('2026-01-05', [['new', '09:00'], ['investigating', '09:05']]);
    const due = resolutionDueAt(h, { ...targets, resolutionMinutes: 10_000 }, office)!;
    // 10,000 = 18 days * 540 + 280; one extra day for the holiday on the 13th
    expect(iso(due)).toBe(iso(bkk('2026-01-30T13:40')));
  });

  it('counts by the status flags: every status behaves as its flags say', () => {
    for (const status of CASE_STATUSES) {
      const h: StatusPeriod[] = [{ status, from: bkk('2026-01-10T10:00'), to: null }];
      const counts = CASE_STATUS[status].isOpen && !CASE_STATUS[status].pausesResolutionClock;
      expect(resolutionElapsedMinutes(h, bkk('2026-01-10T11:00'), always), status).toBe(counts ? 60 : 0);
      const b = timeBuckets(h, bkk('2026-01-10T11:00'), always);
      expect(b.wall[CASE_STATUS[status].timeBucket], status).toBe(60);
    }
  });

  it('rejects bad histories and targets', () => {
    const t = (s: string) => bkk(`2026-01-10T${s}`);
    expect(() => resolutionDueAt([{ status: 'new', from: t('10:00'), to: null }, { status: 'fixing', from: t('11:00'), to: null }], targets, always)).toThrow(/only the last/);
    expect(() => resolutionDueAt([{ status: 'new', from: t('10:00'), to: t('12:00') }, { status: 'fixing', from: t('11:00'), to: null }], targets, always)).toThrow(/overlaps/);
    expect(() => resolutionDueAt([{ status: 'new', from: t('10:00'), to: t('09:00') }], targets, always)).toThrow(/ends before/);
    expect(() => resolutionDueAt([{ status: 'bogus' as CaseStatus, from: t('10:00'), to: null }], targets, always)).toThrow(/unknown status/);
    expect(() => resolutionDueAt([], { ...targets, warnRatio: 0 }, always)).toThrow(/warnRatio/);
    expect(() => resolutionDueAt([], { ...targets, warnRatio: 1.5 }, always)).toThrow(/warnRatio/);
    expect(() => resolutionDueAt([], { ...targets, resolutionMinutes: 1.5 }, always)).toThrow(/resolutionMinutes/);
    expect(() => firstResponseDueAt(t('10:00'), { ...targets, firstResponseMinutes: -5 }, always)).toThrow(/firstResponseMinutes/);
  });
});

describe('time buckets', () => {
  it('24/7: business equals wall', () => {
    const h = history('2026-01-10', [['new', '10:00'], ['investigating', '10:10'], ['waiting_customer', '10:40'], ['waiting_provider', '11:00'], ['fixing', '12:00'], ['resolved', '12:30']]);
    const b = timeBuckets(h, bkk('2026-01-10T13:00'), always);
    expect(b.wall).toEqual({ queue: 10, active: 60, waiting_customer: 20, waiting_provider: 60, done: 30, open: 150, resolutionClock: 130 });
    expect(b.business).toEqual(b.wall);
  });

  it('business hours across a weekend: business vs wall minutes; periods cut at now', () => {
    const h: StatusPeriod[] = [
      { status: 'new', from: bkk('2026-01-09T17:30'), to: bkk('2026-01-09T17:45') },
      { status: 'investigating', from: bkk('2026-01-09T17:45'), to: bkk('2026-01-12T09:30') },
      { status: 'waiting_customer', from: bkk('2026-01-12T09:30'), to: bkk('2026-01-12T10:00') },
      { status: 'fixing', from: bkk('2026-01-12T10:00'), to: null },
    ];
    const b = timeBuckets(h, bkk('2026-01-12T10:20'), office);
    expect(b.business).toEqual({ queue: 15, active: 15 + 30 + 20, waiting_customer: 30, waiting_provider: 0, done: 0, open: 110, resolutionClock: 80 });
    expect(b.wall.active).toBe((2 * 24 * 60 + 15 * 60 + 45) + 20);
    expect(b.wall.open).toBe(businessMinutesBetween(bkk('2026-01-09T17:30'), bkk('2026-01-12T10:20'), always));
    // periods after now are ignored
    expect(timeBuckets(h, bkk('2026-01-09T17:40'), office).business).toMatchObject({ queue: 10, active: 0, open: 10 });
  });

  it('properties: buckets add up and agree with the resolution clock', () => {
    let seed = 99;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (const cal of [always, office]) {
      for (let i = 0; i < 60; i++) {
        let t = Date.UTC(2026, 0, 1) + Math.floor(rnd() * 300 * 86_400_000);
        const h: StatusPeriod[] = [];
        const n = 1 + Math.floor(rnd() * 8);
        for (let k = 0; k < n; k++) {
          const status = k === 0 ? 'new' : CASE_STATUSES[1 + Math.floor(rnd() * (CASE_STATUSES.length - 2))];
          const from = new Date(t);
          t += Math.floor(rnd() * 3 * 86_400_000);
          h.push({ status, from, to: k === n - 1 ? null : new Date(t) });
        }
        const now = new Date(t + Math.floor(rnd() * 86_400_000));
        const b = timeBuckets(h, now, cal);
        for (const kind of [b.business, b.wall]) {
          expect(kind.queue + kind.active + kind.waiting_customer + kind.waiting_provider).toBe(kind.open);
        }
        expect(b.business.open + b.business.done).toBe(businessMinutesBetween(h[0].from, now, cal));
        expect(b.wall.open + b.wall.done).toBe(Math.floor(now.getTime() / 60_000) - Math.floor(h[0].from.getTime() / 60_000));
        expect(b.business.resolutionClock).toBe(resolutionElapsedMinutes(h, now, cal));
        // the due time for a target of m counted minutes is exactly when m minutes have counted
        const m = 1 + Math.floor(rnd() * 2000);
        const due = resolutionClockReachesAt(h, m, cal);
        if (due) {
          expect(resolutionElapsedMinutes(h, due, cal)).toBe(m);
          expect(resolutionElapsedMinutes(h, new Date(due.getTime() - 60_000), cal)).toBe(m - 1);
        } else {
          // not reached and not running: the last period does not count, so the count is final
          expect(CASE_STATUS[h[h.length - 1].status].isOpen && !CASE_STATUS[h[h.length - 1].status].pausesResolutionClock).toBe(false);
          expect(resolutionElapsedMinutes(h, new Date(h[h.length - 1].from.getTime() + 30 * 86_400_000), cal)).toBeLessThan(m);
        }
      }
    }
  });

  it('a running clock projects its due time with addBusinessMinutes', () => {
    const h: StatusPeriod[] = [{ status: 'investigating', from: bkk('2026-01-12T17:00'), to: null }];
    expect(iso(resolutionDueAt(h, targets, office))).toBe(iso(addBusinessMinutes(bkk('2026-01-12T17:00'), 120, office)));
    expect(iso(resolutionDueAt(h, targets, office))).toBe(iso(bkk('2026-01-14T10:00')));
  });
});
