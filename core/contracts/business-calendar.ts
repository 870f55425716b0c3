import { z } from 'zod';

/**
 * The org's business hours and holidays as the admin API shows and accepts them. SLA clocks count
 * only open time (core/sla/business-calendar.ts, which also refuses what it cannot count: a period
 * of no length, a week with no open period).
 */
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM, 00:00 to 24:00');
const period = z.tuple([hhmm, hhmm]).meta({ description: 'From and to, local time; "to" before "from" crosses midnight; "24:00" ends a day' });

const isoDate = z.iso.date().meta({ example: '2026-12-31' });

export const weeklyHours = z
  .partialRecord(z.enum(WEEKDAY_KEYS), z.array(period).max(6))
  .meta({ description: 'Open periods per weekday (sun to sat); a day left out or with no periods is closed' });

export const businessCalendar = z
  .object({
    timeZone: z.string().meta({ description: "The org's time zone (PATCH /api/v1/org/settings changes it)" }),
    hours: weeklyHours.nullable().meta({ description: 'null: open round the clock' }),
    holidays: z.array(isoDate).meta({ description: 'Days closed all day, in the time zone, sorted' }),
  })
  .meta({ id: 'BusinessCalendar' });

export const businessCalendarUpdate = z
  .object({
    hours: weeklyHours.nullable().optional(),
    holidays: z.array(isoDate).max(400).optional(),
  })
  .strict()
  .refine((b) => b.hours !== undefined || b.holidays !== undefined, 'nothing to change')
  .meta({ id: 'BusinessCalendarUpdate', description: 'Only what is given changes. Cases opened from then on count their SLA in the new hours' });

export type BusinessCalendarView = z.infer<typeof businessCalendar>;
export type BusinessCalendarUpdate = z.infer<typeof businessCalendarUpdate>;
