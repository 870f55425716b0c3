/**
 * Business-calendar arithmetic: the one place that knows what "open time" is (DESIGN decision 6).
 *
 * Pure: no database and no clock. Every function takes UTC instants (`Date`) and a calendar.
 *
 * Decisions (tested in business-calendar.test.ts):
 * - **Minute precision.** Every instant is truncated to its whole UTC minute (seconds and
 *   milliseconds dropped) before anything is counted, so counts are integers, due times fall on a
 *   whole minute, and `businessMinutesBetween(a, b) + businessMinutesBetween(b, c) ===
 *   businessMinutesBetween(a, c)`. A case opened at 09:00:45 counts from 09:00. Minute counts
 *   passed in must be non-negative integers (callers round; sla-clock floors the warning point).
 * - **Periods** are `[from, to]` in "HH:MM" local time of the org's zone; `to` may be "24:00";
 *   `to <= from` means the period crosses midnight (fri `[["18:00","02:00"]]` is open Friday 18:00 to
 *   Saturday 02:00). Periods may overlap (they are merged, never counted twice). A period of zero
 *   length ("09:00"-"09:00") is rejected: write "00:00"-"24:00" for a whole day.
 * - **Holidays close their whole calendar day, midnight to midnight in the org's zone**, whatever
 *   period the time belongs to: the tail after midnight of a period that began the evening before a
 *   holiday is closed; the evening part of a period that begins on a holiday is closed but its tail
 *   after midnight (on an ordinary day) is open.
 * - **`hours: null` is 24/7**, but holidays still close their days (listing a holiday is an explicit
 *   statement that the desk is closed; a round-the-clock org simply lists none).
 * - **DST:** local times are resolved like Temporal's "compatible" disambiguation: a wall time that
 *   does not exist (spring-forward gap) moves later by the gap; a wall time that happens twice
 *   (fall-back) takes the earlier instant. A period therefore lasts the real time between its two
 *   resolved ends (09:00-18:00 is 9 h on any day; 00:00-24:00 is 23 h or 25 h on a transition day).
 * - **Zero minutes:** `addBusinessMinutes(t, 0)` is `nextOpening(t)` (the clock starts at the next
 *   opening). A due time that lands exactly on a closing is that closing (Friday 18:00, not
 *   Monday 09:00).
 * - Calendars are treated as immutable; the compiled form is cached per calendar object.
 */
import { validationFailed } from '../errors/index.ts';
import { DEFAULT_TIME_ZONE } from '../time/org-time.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** ["09:00", "18:00"]: local wall times in the calendar's zone. */
export type OpenPeriod = readonly [string, string];
/** Days not listed (or listed with []) are closed. */
export type WeeklyHours = Partial<Record<Weekday, readonly OpenPeriod[]>>;

export interface BusinessCalendar {
  /** IANA zone, e.g. "Asia/Bangkok". */
  timeZone: string;
  /** null: open 24/7 (holidays still close). */
  hours: WeeklyHours | null;
  /** ISO dates ("2026-12-31") in the zone on which the calendar is closed all day. */
  holidays: string[];
}


const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseHhmm(value: unknown, where: string, allow24: boolean): number {
  const m = typeof value === 'string' ? HHMM.exec(value) : null;
  if (!m) throw validationFailed(`${where}: expected a time "HH:MM", got ${JSON.stringify(value)}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 1440 || (minutes === 1440 && !allow24)) {
    throw validationFailed(`${where}: ${JSON.stringify(value)} is not a time of day${allow24 ? '' : ' ("24:00" may only end a period)'}`);
  }
  return minutes;
}

/** Zones already checked: building an Intl.DateTimeFormat to check one costs more than the SLA arithmetic it guards. */
const knownZones = new Set<string>();

function assertTimeZone(value: unknown): string {
  if (typeof value === 'string' && knownZones.has(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationFailed(`time_zone: expected an IANA time zone such as "Asia/Bangkok", got ${JSON.stringify(value)}`);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw validationFailed(`time_zone: unknown time zone ${JSON.stringify(value)}`);
  }
  knownZones.add(value);
  return value;
}

function assertIsoDate(value: unknown, where: string): string {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.toISOString().slice(0, 10) === value) return value;
  }
  throw validationFailed(`${where}: expected an ISO date "YYYY-MM-DD", got ${JSON.stringify(value)}`);
}

interface CompiledPeriod { start: number; end: number } // minutes from local midnight; end may exceed 1440

function compilePeriods(value: unknown, day: string): CompiledPeriod[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationFailed(`business_hours.${day}: expected a list of ["HH:MM","HH:MM"] periods`);
  const out: CompiledPeriod[] = [];
  value.forEach((p: unknown, i: number) => {
    const where = `business_hours.${day}[${i}]`;
    if (!Array.isArray(p) || p.length !== 2) throw validationFailed(`${where}: expected ["HH:MM","HH:MM"], got ${JSON.stringify(p)}`);
    const start = parseHhmm(p[0], `${where}[0]`, false);
    let end = parseHhmm(p[1], `${where}[1]`, true);
    if (end === start) throw validationFailed(`${where}: the period ${JSON.stringify(p)} has no length (use ["00:00","24:00"] for a whole day)`);
    if (end < start) end += 1440; // crosses midnight
    out.push({ start, end });
  });
  return out.sort((a, b) => a.start - b.start);
}

function validateHours(value: unknown): (readonly CompiledPeriod[])[] | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw validationFailed(`business_hours: expected null (24/7) or an object like {"mon": [["09:00","18:00"]]}, got ${JSON.stringify(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw validationFailed(`business_hours: unknown day ${JSON.stringify(key)} (expected one of ${WEEKDAYS.join(', ')})`);
    }
  }
  const rec = value as Record<string, unknown>;
  const days = WEEKDAYS.map((d) => compilePeriods(rec[d], d));
  if (days.every((d) => d.length === 0)) {
    throw validationFailed('business_hours: no open period in the whole week (use null for 24/7)');
  }
  return days;
}

function validateHolidays(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw validationFailed(`holidays: expected a list of ISO dates, got ${JSON.stringify(value)}`);
  return [...new Set(value.map((v: unknown, i: number) => assertIsoDate(v, `holidays[${i}]`)))].sort();
}

function parseJsonish(value: unknown, where: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw validationFailed(`${where}: not valid JSON`);
  }
}

/** Builds (and validates) an org's calendar from its row; bad shapes throw `validation_failed`. */
export function calendarOfOrg(row: { time_zone?: unknown; business_hours?: unknown; holidays?: unknown }): BusinessCalendar {
  const timeZone = assertTimeZone(row.time_zone ?? DEFAULT_TIME_ZONE);
  const rawHours = parseJsonish(row.business_hours, 'business_hours');
  validateHours(rawHours);
  const holidays = validateHolidays(parseJsonish(row.holidays, 'holidays'));
  let hours: WeeklyHours | null = null;
  if (rawHours !== null && rawHours !== undefined) {
    const rec = rawHours as Record<string, unknown>;
    const copy: Partial<Record<Weekday, readonly OpenPeriod[]>> = {};
    for (const d of WEEKDAYS) {
      const periods = rec[d];
      if (Array.isArray(periods)) copy[d] = Object.freeze(periods.map((p: [string, string]) => Object.freeze([p[0], p[1]] as const)));
    }
    hours = Object.freeze(copy);
  }
  return Object.freeze({ timeZone, hours, holidays: Object.freeze(holidays) as string[] });
}

// ---------------------------------------------------------------------------------------------
// Zone arithmetic
// ---------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of the zone at instant t, in ms (local = utc + offset). */
function offsetAt(tz: string, t: number): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of formatter(tz).formatToParts(new Date(t))) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(t / 1000) * 1000;
}

/** The instant of a local wall time ("local ms" = the wall time read as if it were UTC). */
function localToUtc(tz: string, localMs: number): number {
  const before = offsetAt(tz, localMs - DAY);
  const after = offsetAt(tz, localMs + DAY);
  if (before === after) return localMs - before;
  const a = localMs - before;
  const b = localMs - after;
  const aOk = offsetAt(tz, a) === before;
  const bOk = offsetAt(tz, b) === after;
  if (aOk && bOk) return Math.min(a, b); // repeated wall time: the earlier instant
  if (aOk) return a;
  if (bOk) return b;
  return a; // skipped wall time: pushed later by the gap
}

/** Local day number (days since 1970-01-01 in the zone) of an instant. */
function localDayOf(tz: string, t: number): number {
  return Math.floor((t + offsetAt(tz, t)) / DAY);
}

function isoOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Open intervals
// ---------------------------------------------------------------------------------------------

interface Compiled {
  tz: string;
  /** Index = JS weekday (0 = Sunday). null = 24/7. */
  days: (readonly CompiledPeriod[])[] | null;
  holidays: ReadonlySet<string>;
  holidayCount: number;
  dayCache: Map<number, readonly (readonly [number, number])[]>;
}

const compiledCache = new WeakMap<BusinessCalendar, Compiled>();
const WHOLE_DAY: readonly CompiledPeriod[] = [{ start: 0, end: 1440 }];

function compile(cal: BusinessCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (!c) {
    const holidays = validateHolidays(cal.holidays);
    c = {
      tz: assertTimeZone(cal.timeZone),
      days: validateHours(cal.hours),
      holidays: new Set(holidays),
      holidayCount: holidays.length,
      dayCache: new Map(),
    };
    compiledCache.set(cal, c);
  }
  return c;
}

/**
 * UTC intervals [start, end) contributed by the periods that begin on local day `day`, with
 * holiday days cut out, sorted and merged.
 */
function intervalsOfDay(c: Compiled, day: number): readonly (readonly [number, number])[] {
  const cached = c.dayCache.get(day);
  if (cached) return cached;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const periods = c.days ? c.days[weekday] : WHOLE_DAY;
  const closedToday = c.holidays.has(isoOfDay(day));
  const closedTomorrow = c.holidays.has(isoOfDay(day + 1));
  const raw: [number, number][] = [];
  const push = (fromMin: number, toMin: number) => {
    if (toMin <= fromMin) return;
    const s = localToUtc(c.tz, day * DAY + fromMin * MINUTE);
    const e = localToUtc(c.tz, day * DAY + toMin * MINUTE);
    if (e > s) raw.push([s, e]);
  };
  for (const p of periods) {
    if (!closedToday) push(p.start, Math.min(p.end, 1440));
    if (!closedTomorrow && p.end > 1440) push(1440, p.end);
  }
  raw.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of raw) {
    const last = merged[merged.length - 1];
    if (last && iv[0] < last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  if (c.dayCache.size > 4000) c.dayCache.clear();
  c.dayCache.set(day, merged);
  return merged;
}

/**
 * Open intervals [start, end) from instant t onwards (the first one clipped to start at t), in
 * order, never overlapping. Adjacent intervals (e.g. across midnight) may come separately.
 */
function* openIntervalsFrom(c: Compiled, t: number): Generator<readonly [number, number]> {
  // Start a day early: a period that began yesterday evening may still be running.
  let day = localDayOf(c.tz, t) - 1;
  let cursor = t; // everything before this has been yielded (or lies before t)
  let emptyDays = 0;
  const maxEmptyDays = 7 * (c.holidayCount + 2) + 2;
  for (;;) {
    const ivs = intervalsOfDay(c, day);
    let yielded = false;
    for (const [s0, e] of ivs) {
      const s = Math.max(s0, cursor);
      if (e <= s) continue;
      yield [s, e];
      cursor = e;
      yielded = true;
    }
    emptyDays = yielded ? 0 : emptyDays + 1;
    if (emptyDays > maxEmptyDays) throw new Error('business calendar: no open time found (calendar closed for good?)');
    day += 1;
  }
}

const truncate = (d: Date): number => {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw validationFailed('business calendar: invalid date');
  return Math.floor(t / MINUTE) * MINUTE;
};

function assertMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw validationFailed(`business calendar: minutes must be a non-negative whole number, got ${minutes}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Public arithmetic
// ---------------------------------------------------------------------------------------------

/** Is the calendar open at this instant (its minute)? Open intervals are [opening, closing). */
export function isOpen(at: Date, cal: BusinessCalendar): boolean {
  const t = truncate(at);
  const c = compile(cal);
  if (c.days === null && c.holidayCount === 0) return true;
  const first = openIntervalsFrom(c, t).next().value;
  return first !== undefined && first[0] === t;
}

/** `at` (truncated to the minute) if open then, else the next opening. */
export function nextOpening(at: Date, cal: BusinessCalendar): Date {
  const t = truncate(at);
  const c = compile(cal);
  if (c.days === null && c.holidayCount === 0) return new Date(t);
  const first = openIntervalsFrom(c, t).next().value!;
  return new Date(first[0]);
}

/**
 * The end of the open stretch that `at` is in (touching intervals, e.g. across midnight, count as
 * one stretch); `at` itself (truncated) when closed then. null when the calendar does not close
 * within a year (24/7 with no holiday ahead).
 */
export function nextClosing(at: Date, cal: BusinessCalendar): Date | null {
  const t = truncate(at);
  const c = compile(cal);
  if (c.days === null && c.holidayCount === 0) return null;
  let end = t;
  for (const [s, e] of openIntervalsFrom(c, t)) {
    if (s > end) break;
    end = e;
    if (end - t > 366 * DAY) return null;
  }
  return new Date(end);
}

/**
 * The instant at which `minutes` of open time have passed since `start` (the due time). Starting
 * outside hours starts at the next opening; 0 minutes gives `nextOpening(start)`. Walks period by
 * period, never minute by minute.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  assertMinutes(minutes);
  const t = truncate(start);
  const c = compile(cal);
  if (c.days === null && c.holidayCount === 0) return new Date(t + minutes * MINUTE);
  if (minutes === 0) return nextOpening(start, cal);
  let remaining = minutes * MINUTE;
  for (const [s, e] of openIntervalsFrom(c, t)) {
    if (remaining <= e - s) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw new Error('unreachable');
}

/** Whole open minutes in [a, b) (both truncated to the minute); negative when b is before a. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const ta = truncate(a);
  const tb = truncate(b);
  if (tb < ta) return -businessMinutesBetween(b, a, cal);
  if (tb === ta) return 0;
  const c = compile(cal);
  if (c.days === null && c.holidayCount === 0) return (tb - ta) / MINUTE;
  let total = 0;
  for (const [s, e] of openIntervalsFrom(c, ta)) {
    if (s >= tb) break;
    total += Math.min(e, tb) - s;
  }
  return Math.floor(total / MINUTE);
}

/** Whole wall-clock minutes in [a, b), with the same minute truncation as the business count. */
export function wallMinutesBetween(a: Date, b: Date): number {
  return (truncate(b) - truncate(a)) / MINUTE;
}

/** Counted minutes at which to warn: floor(target * ratio), robust to float noise (0.29 * 100). */
export function warnMinutes(targetMinutes: number, warnRatio: number): number {
  return Math.floor(targetMinutes * warnRatio + 1e-9);
}
