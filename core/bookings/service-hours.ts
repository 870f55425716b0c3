import type { Knex } from 'knex';
import type { BookingFormField, BookingFormFieldName } from '../contracts/booking-form.ts';
import { hoursOn, minutesOf, openAt, openOn, openThrough, weekdayOf, type Weekday } from '../contracts/opening-hours.ts';
import { validationFailed } from '../errors/index.ts';
import { calendarOfOrg } from '../sla/business-calendar.ts';
import { localMoment } from '../time/org-time.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * What a bookable service asks on the booking form, and whether a booking falls in its opening
 * hours. The form shows the fields the service's catalog row lists (`services.form_fields`), or,
 * when it lists none, the ones its row implies; a booking's date and time must fall in the
 * service's hours (`services.hours`, else the org's business hours; the org's holidays close it).
 * The page applies the same rule as the customer types (core/contracts/opening-hours.ts); the
 * server has the last word, here, before anything is stored.
 */

const DAY_MINUTES = 24 * 60;

export interface ServiceFormRow {
  name_en: string;
  form_fields: unknown;
  hours: unknown;
  duration_minutes: number | null;
  capacity: number | null;
}

/** jsonb arrives parsed from PostgreSQL; the embedded database may hand back its text. */
const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The form's fields for a service: the declared list, or one derived from the row: a service of a
 * day or more asks a date range, a shorter one a date and a time; limited places ask how many
 * people. Derived fields are all optional, so a website that sends none keeps working.
 */
export function formFieldsOf(s: Pick<ServiceFormRow, 'form_fields' | 'duration_minutes' | 'capacity'>): BookingFormField[] {
  const declared = parsed(s.form_fields);
  if (Array.isArray(declared)) return declared.map((f: { field: BookingFormFieldName; required?: boolean }) => ({ field: f.field, required: f.required === true }));
  const optional = (field: BookingFormFieldName): BookingFormField => ({ field, required: false });
  const days = (s.duration_minutes ?? 0) >= DAY_MINUTES;
  return [...(days ? [optional('start_date'), optional('end_date')] : [optional('start_date'), optional('time')]), ...(s.capacity !== 1 ? [optional('travelers')] : [])];
}

/** The service's own hours, else the org's business hours; null: round the clock. */
export function hoursOf(s: Pick<ServiceFormRow, 'hours'>, org: { business_hours: unknown }): Partial<Record<Weekday, [string, string][]>> | null {
  return (parsed(s.hours) ?? parsed(org.business_hours) ?? null) as Partial<Record<Weekday, [string, string][]>> | null;
}

/** The org's holidays, from its calendar. */
export function holidaysOf(org: { time_zone: unknown; holidays: unknown }): string[] {
  return calendarOfOrg({ time_zone: org.time_zone, holidays: org.holidays }).holidays;
}

const WEEKDAY_NAMES = { sun: 'Sundays', mon: 'Mondays', tue: 'Tuesdays', wed: 'Wednesdays', thu: 'Thursdays', fri: 'Fridays', sat: 'Saturdays' } as const;

export interface ServiceFormProblem {
  path: BookingFormFieldName;
  message: string;
  /** For pages that say it in the customer's words: `required`, `closed` (the day), `outside_hours` (the time), `past`, `over_capacity`. */
  reason: 'required' | 'closed' | 'outside_hours' | 'past' | 'over_capacity';
  /** For the chat's words: the day's hours ("10:00-21:00") of an `outside_hours`, the places of an `over_capacity`. */
  open?: string;
  capacity?: number;
}

interface ServiceFormCheck {
  orgId: string;
  form: { service?: string; start_date?: string; time?: string; travelers?: number } & Partial<Record<BookingFormFieldName, unknown>>;
  now?: Date;
  /** The form books a session: its time is the one the business scheduled, not read against the hours. */
  session?: boolean;
}

/**
 * The booking form against its service: the fields it requires, the number of places, the day and
 * the time in its hours. Throws `validation_failed` (422) naming each field; nothing is read
 * when the form names no service (an unknown service is the intake's to refuse).
 */
export async function checkServiceForm(db: Knex, r: ServiceFormCheck): Promise<void> {
  const problems = await serviceFormProblems(db, r);
  if (problems.length) throw validationFailed('The booking form does not fit the service', problems.map(({ path, message, reason }) => ({ path, message, reason })));
}

/**
 * What `checkServiceForm` refuses, without throwing: the chat asks again for the detail at fault
 * (bot/conversation/booking-slots.ts), the same rule as the form's. Reads only.
 */
export async function serviceFormProblems(db: Knex, r: ServiceFormCheck): Promise<ServiceFormProblem[]> {
  const f = r.form;
  if (!f.service) return [];
  const service: ServiceFormRow | undefined = await db('services').select('name_en', 'form_fields', 'hours', 'duration_minutes', 'capacity').where({ org_id: r.orgId, key: f.service, is_active: true }).first();
  if (!service) return [];
  const org = (await orgSettingsRow(db, r.orgId))!;
  const problems: ServiceFormProblem[] = [];
  for (const field of formFieldsOf(service)) {
    const v = f[field.field];
    if (field.required && (v === undefined || v === null || v === '')) problems.push({ path: field.field, reason: 'required', message: `${service.name_en} asks for this` });
  }
  if (f.time && !f.start_date && !problems.some((p) => p.path === 'start_date')) problems.push({ path: 'start_date', reason: 'required', message: 'A time needs a date' });
  if (f.travelers !== undefined && service.capacity !== null && f.travelers > service.capacity) {
    problems.push({ path: 'travelers', reason: 'over_capacity', message: `${service.name_en} takes at most ${service.capacity} people`, capacity: service.capacity });
  }
  if (f.start_date && !r.session) {
    const hours = hoursOf(service, org);
    const holidays = holidaysOf(org);
    const day = weekdayOf(f.start_date);
    const open = hoursOn(f.start_date, hours).map(([a, b]) => `${a}-${b}`).join(', ');
    if (!openOn(f.start_date, hours, holidays)) {
      problems.push({ path: 'start_date', reason: 'closed', message: `${service.name_en} is closed on ${f.start_date} (${holidays.includes(f.start_date) ? 'a holiday' : `closed on ${WEEKDAY_NAMES[day]}`})` });
    } else if (f.time && !openAt(f.start_date, f.time, hours, holidays)) {
      problems.push({ path: 'time', reason: 'outside_hours', message: `${service.name_en} is open ${open || 'only after midnight'} on ${WEEKDAY_NAMES[day]}: ${f.time} is outside its hours`, open });
    } else if (f.time) {
      const here = localMoment(org.time_zone, r.now);
      if (f.start_date === here.date && f.time < here.time) problems.push({ path: 'time', reason: 'past', message: `The time has passed (it is ${here.time} now)` });
    }
  }
  return problems;
}

/**
 * Of the start times the chat offers as buttons, those that suit this service on a date: inside its
 * hours for the whole of its length, and over the same day. The demo's classes (open 09:00-18:00)
 * were offered 18:00, which the booking then refused as outside their hours, and a new tour
 * operator's eight-hour day trip an 18:00 start. None fitting, the day's opening times are offered.
 * Typed times are checked by `serviceFormProblems` alone: a button is a suggestion, not the rule.
 */
export async function startTimesOn(db: Knex, r: { orgId: string; serviceKey: string; date: string; times: readonly string[] }): Promise<string[]> {
  const service: Pick<ServiceFormRow, 'hours' | 'duration_minutes'> | undefined = await db('services').select('hours', 'duration_minutes').where({ org_id: r.orgId, key: r.serviceKey, is_active: true }).first();
  if (!service) return [...r.times];
  const org = (await orgSettingsRow(db, r.orgId))!;
  const hours = hoursOf(service, org);
  const holidays = holidaysOf(org);
  const minutes = service.duration_minutes ?? 0;
  const suits = (time: string) => openAt(r.date, time, hours, holidays) && (minutes <= 0 || (openThrough(r.date, time, minutes, hours, holidays) && minutesOf(time) + minutes <= DAY_MINUTES));
  const fitting = r.times.filter(suits);
  return fitting.length ? fitting : hoursOn(r.date, hours).map(([from]) => from).filter((time) => openAt(r.date, time, hours, holidays));
}

/**
 * The next `count` days a service is open, from `today` (left out once its hours for the day are
 * over at `time`), within the next 60: the days the chat offers a customer who asks which are free
 * (bot/conversation/booking-slots.ts). By the hours and holidays alone; a day whose slots are all
 * taken is found so when the customer picks it, as a typed day is.
 */
export async function openDaysFrom(db: Knex, r: { orgId: string; serviceKey: string; today: string; time: string; count: number }): Promise<string[]> {
  const calendar = await serviceCalendar(db, r);
  if (!calendar) return [];
  const { hours, holidays } = calendar;
  const days: string[] = [];
  for (let i = 0; i < 60 && days.length < r.count; i++) {
    const date = new Date(Date.parse(`${r.today}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    if (!openOn(date, hours, holidays)) continue;
    if (i === 0 && hours !== null && !hoursOn(date, hours).some(([from, to]) => endOf(from, to) > minutesOf(r.time))) continue;
    days.push(date);
  }
  return days;
}

/** A period's end in minutes from its day's midnight: one that ends after midnight ("18:00"-"02:00") ends past 1440. */
const endOf = (from: string, to: string) => minutesOf(to) + (minutesOf(to) <= minutesOf(from) ? DAY_MINUTES : 0);

/**
 * Whether the days and times a service opens are known: its own hours, or the org's business hours.
 * Neither set, it takes bookings round the clock, and "which days are free?" has no answer the bot
 * could give (a person's, or the team's with the request).
 */
export async function hoursKnown(db: Knex, r: { orgId: string; serviceKey: string }): Promise<boolean> {
  return ((await serviceCalendar(db, r))?.hours ?? null) !== null;
}

/** An active service's hours (its own, else the org's; null: round the clock) and the org's holidays; none for a service not offered. */
async function serviceCalendar(db: Knex, r: { orgId: string; serviceKey: string }): Promise<{ hours: ReturnType<typeof hoursOf>; holidays: string[] } | undefined> {
  const service: Pick<ServiceFormRow, 'hours'> | undefined = await db('services').select('hours').where({ org_id: r.orgId, key: r.serviceKey, is_active: true }).first();
  if (!service) return undefined;
  const org = (await orgSettingsRow(db, r.orgId))!;
  return { hours: hoursOf(service, org), holidays: holidaysOf(org) };
}
