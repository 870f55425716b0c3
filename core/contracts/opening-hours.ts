/**
 * Is a service open on a day, at a time of day? The one rule the booking form applies as the
 * customer types (liff/src/pages/book.tsx) and the server applies before it stores a booking
 * (core/bookings/service-hours.ts). Plain functions with no imports, so the page carries a few
 * hundred bytes, not a validation library.
 *
 * Hours are shaped like the org's business hours (core/sla/business-calendar.ts, which validates
 * them): `{ mon: [["09:00", "18:00"]], ... }`, local wall times of the business; a period whose end
 * is not after its start crosses midnight; `null` is round the clock. Holidays close their whole
 * day, the tail of the evening before's period after midnight included, as the business calendar
 * counts them. Wall times are compared as written (no daylight-saving shift: a business's hours
 * are read on its clock).
 */
export type OpeningHours = Partial<Record<Weekday, readonly (readonly [string, string])[]>> | null;
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;

/** `HH:MM` to minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The weekday of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

function dayBefore(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 10);
}

/** A day's periods as minutes after its midnight; the end of one that crosses midnight is past 1440. */
function periods(hours: Exclude<OpeningHours, null>, day: Weekday): [number, number][] {
  return (hours[day] ?? []).map(([from, to]) => {
    const a = minutesOf(from);
    let b = minutesOf(to);
    if (b <= a) b += 1440;
    return [a, b];
  });
}

/** Open at some time on this date: not a holiday, and a period starts on it or runs into it from the night before. */
export function openOn(date: string, hours: OpeningHours, holidays: readonly string[] = []): boolean {
  if (holidays.includes(date)) return false;
  if (!hours) return true;
  return periods(hours, weekdayOf(date)).length > 0 || periods(hours, weekdayOf(dayBefore(date))).some(([, b]) => b > 1440);
}

/** Open at this time (`HH:MM`) on this date. A period is open from its start up to, not including, its end. */
export function openAt(date: string, time: string, hours: OpeningHours, holidays: readonly string[] = []): boolean {
  if (holidays.includes(date)) return false;
  if (!hours) return true;
  const m = minutesOf(time);
  return periods(hours, weekdayOf(date)).some(([a, b]) => m >= a && m < b) || periods(hours, weekdayOf(dayBefore(date))).some(([, b]) => b > 1440 && m < b - 1440);
}

/**
 * Open for the whole of `minutes` from this time: one period holds it from its start to its end (a
 * slot that would run past closing is not open, even when it starts inside the hours).
 */
export function openThrough(date: string, time: string, minutes: number, hours: OpeningHours, holidays: readonly string[] = []): boolean {
  if (holidays.includes(date)) return false;
  if (!hours) return true;
  const m = minutesOf(time);
  return periods(hours, weekdayOf(date)).some(([a, b]) => m >= a && m + minutes <= b) || periods(hours, weekdayOf(dayBefore(date))).some(([, b]) => b > 1440 && m + minutes <= b - 1440);
}

/** The periods that start on this date's weekday, as written (`["10:00", "20:00"]`), for telling the customer. */
export function hoursOn(date: string, hours: OpeningHours): readonly (readonly [string, string])[] {
  return hours ? (hours[weekdayOf(date)] ?? []) : [];
}
