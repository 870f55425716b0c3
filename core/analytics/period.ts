import { validationFailed } from '../errors/index.ts';
import { MAX_PERIOD_DAYS, type AnalyticsQuery, type PeriodPreset, type TrendGranularity } from '../contracts/analytics.ts';
import { localMoment, todayIn } from '../time/org-time.ts';

/**
 * Periods and trend buckets in the org's time zone. A date (YYYY-MM-DD) is the org's local
 * midnight; `to` as a date takes the whole day. Weeks start on Monday (ISO). Pure: `now` is passed.
 */

const DAY = 86_400_000;

export interface Period {
  from: Date;
  to: Date;
  timeZone: string;
}

const fmt = new Map<string, Intl.DateTimeFormat>();
function parts(at: Date, tz: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  let f = fmt.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    fmt.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

function offsetAt(at: Date, tz: string): number {
  const p = parts(at, tz);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of local midnight of a calendar date in `tz` (the earlier one if midnight repeats; after a gap if it does not exist). */
export function localMidnight(y: number, m: number, d: number, tz: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetAt(new Date(guess), tz);
  t = guess - offsetAt(new Date(t), tz);
  return new Date(t);
}

function ymd(s: string): [number, number, number] {
  const [y, m, d] = s.split('-').map(Number);
  return [y, m, d];
}

function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  const [y, m, d] = ymd(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
}

const midnightOf = (date: string, tz: string) => localMidnight(...ymd(date), tz);

/** The first day of the bucket a local date falls in. */
export function bucketStart(date: string, g: TrendGranularity): string {
  if (g === 'day') return date;
  if (g === 'week') return addDays(date, -weekday(date));
  return date.slice(0, 8) + '01';
}

export function nextBucket(start: string, g: TrendGranularity): string {
  if (g === 'day') return addDays(start, 1);
  if (g === 'week') return addDays(start, 7);
  const [y, m] = ymd(start);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** Every bucket start from the period's first local day to its last. */
export function bucketsOf(p: Period, g: TrendGranularity): string[] {
  const out: string[] = [];
  const last = localMoment(p.timeZone, new Date(p.to.getTime() - 1)).date;
  for (let b = bucketStart(localMoment(p.timeZone, p.from).date, g); b <= last; b = nextBucket(b, g)) out.push(b);
  return out;
}

function presetRange(preset: PeriodPreset, today: string): [string, string] {
  const monday = addDays(today, -weekday(today));
  const firstOfMonth = today.slice(0, 8) + '01';
  switch (preset) {
    case 'today': return [today, addDays(today, 1)];
    case 'yesterday': return [addDays(today, -1), today];
    case 'this_week': return [monday, addDays(today, 1)];
    case 'last_week': return [addDays(monday, -7), monday];
    case 'this_month': return [firstOfMonth, addDays(today, 1)];
    case 'last_month': return [bucketStart(addDays(firstOfMonth, -1), 'month'), firstOfMonth];
    case 'last_7_days': return [addDays(today, -6), addDays(today, 1)];
    case 'last_30_days': return [addDays(today, -29), addDays(today, 1)];
    case 'last_90_days': return [addDays(today, -89), addDays(today, 1)];
  }
}

function instantOf(value: string, tz: string, endOfDay: boolean): Date {
  if (value.length === 10) {
    const [y, m, d] = ymd(value);
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw validationFailed(`${value} is not a date`);
    return midnightOf(endOfDay ? addDays(value, 1) : value, tz);
  }
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw validationFailed(`${value} is not an instant`);
  return t;
}

/** The period a query asks for; reversed, empty or too long periods are refused (422). */
export function resolvePeriod(q: Pick<AnalyticsQuery, 'from' | 'to' | 'preset'>, timeZone: string, now: Date): Period {
  if (q.preset && (q.from || q.to)) throw validationFailed('Give either a preset or from/to, not both');
  let from: Date;
  let to: Date;
  if (q.from || q.to) {
    if (!q.from || !q.to) throw validationFailed('A period needs both from and to');
    from = instantOf(q.from, timeZone, false);
    to = instantOf(q.to, timeZone, true);
  } else {
    const [a, b] = presetRange(q.preset ?? 'last_30_days', todayIn(timeZone, now));
    from = midnightOf(a, timeZone);
    to = midnightOf(b, timeZone);
  }
  if (to <= from) throw validationFailed('The period ends before it starts', { from: from.toISOString(), to: to.toISOString() });
  // An hour of slack for a daylight-saving change inside the period.
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY + 3_600_000) throw validationFailed(`A period may cover at most ${MAX_PERIOD_DAYS} days`);
  return { from, to, timeZone };
}

/** The period just before, of the same length (week-over-week for a week, and so on). */
export function previousPeriod(p: Period): Period {
  const len = p.to.getTime() - p.from.getTime();
  return { from: new Date(p.from.getTime() - len), to: p.from, timeZone: p.timeZone };
}
