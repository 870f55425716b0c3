/**
 * "Now" and "today" where the business is: an org keeps its own IANA time zone (`orgs.time_zone`),
 * and a form's date, a quote's validity, a digest's hour or a customer's "tomorrow" are read in it.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Bangkok';

/** The org's local calendar date (YYYY-MM-DD) and time of day (HH:MM, 00:00 to 23:59). */
export interface LocalMoment {
  date: string;
  time: string;
}

/** One formatter per zone: building one costs more than reading a date with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Gregorian dates in Latin digits whatever the zone's country writes.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    if (formatters.size >= 256) formatters.clear();
    formatters.set(zone, f);
  }
  return f;
}

/** The date and time of day an instant is in `zone`. Throws a RangeError for a zone this server does not know. */
export function localMoment(zone: string, at: Date = new Date()): LocalMoment {
  let year = '', month = '', day = '', hour = '', minute = '';
  for (const p of formatterOf(zone).formatToParts(at)) {
    if (p.type === 'year') year = p.value;
    else if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = p.value;
    else if (p.type === 'hour') hour = p.value;
    else if (p.type === 'minute') minute = p.value;
  }
  return { date: `${year}-${month}-${day}`, time: `${hour}:${minute}` };
}

/** "2026-11-25 21:05:09": an instant as a clock in `zone` shows it, to the second (a spreadsheet reads it as a date and time). */
export function localDateTime(zone: string, at: Date): string {
  const parts = Object.fromEntries(formatterOf(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Today's date (YYYY-MM-DD) in `zone`: the date a form's "not in the past" and a quote's validity are read against. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return localMoment(zone, now).date;
}

const zoneKnown = new Map<string, boolean>();

/** `zone` when this server knows it, else the default (Asia/Bangkok): for text whose zone may be missing or mistyped. */
export function knownTimeZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_TIME_ZONE;
  let known = zoneKnown.get(zone);
  if (known === undefined) {
    try {
      formatterOf(zone);
      known = true;
    } catch {
      known = false;
    }
    if (zoneKnown.size >= 256) zoneKnown.clear();
    zoneKnown.set(zone, known);
  }
  return known ? zone : DEFAULT_TIME_ZONE;
}
