import { z } from 'zod';

/**
 * Sessions of a service and their seats (docs/bookings.md, "Sessions and seats"): what an admin
 * schedules, what staff and the booking form read. Dates and times are the business's local ones,
 * in its time zone.
 */

const instant = z.iso.datetime({ offset: true });
const date = z.iso.date();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM');
const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);

export const sessionCreate = z
  .object({
    date: date.meta({ description: "The (first) session's date, where the business is" }),
    time: hhmm.meta({ description: 'Its start, local time' }),
    durationMinutes: z.number().int().min(1).max(14 * 24 * 60).optional().meta({ description: "Its length; the service's duration when absent" }),
    capacity: z.number().int().min(1).max(10_000).optional().meta({ description: "Seats; the service's capacity when absent" }),
    repeat: z
      .object({
        weekdays: z.array(weekday).min(1).max(7),
        until: date.meta({ description: 'The last date a session may fall on (included)' }),
      })
      .strict()
      .optional()
      .meta({ description: "Every one of these weekdays from `date` up to `until`; the org's holidays are left out (listed in `skipped`)" }),
  })
  .strict()
  .meta({ id: 'SessionCreate' });
export type SessionCreate = z.infer<typeof sessionCreate>;

export const sessionStatus = z.enum(['scheduled', 'cancelled']);

export const session = z
  .object({
    id: z.uuid(),
    service: z.string(),
    date: date.meta({ description: 'Its local date, where the business is' }),
    time: hhmm.meta({ description: 'Its local start' }),
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int(),
    seatsTaken: z.number().int(),
    seatsLeft: z.number().int(),
    status: sessionStatus,
    cancelledAt: instant.nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof session>;

export const sessionsCreated = z
  .object({
    items: z.array(session),
    skipped: z.array(z.object({ date, reason: z.enum(['holiday', 'past', 'exists']) })).meta({ description: 'Dates of the repeat left out, and why' }),
  })
  .meta({ id: 'SessionsCreated' });

export const sessionListQuery = z
  .object({
    from: date.optional().meta({ description: 'Local date, included; today when absent' }),
    to: date.optional().meta({ description: 'Local date, included; 31 days after `from` when absent' }),
    status: sessionStatus.optional(),
  })
  .strict()
  .meta({ id: 'SessionListQuery' });

export const sessionList = z.object({ timeZone: z.string(), items: z.array(session) }).meta({ id: 'SessionList' });

export const sessionChange = z
  .object({
    capacity: z.number().int().min(1).max(10_000).optional(),
    date: date.optional().meta({ description: 'Another local date for the session' }),
    time: hhmm.optional().meta({ description: 'Another local start' }),
    durationMinutes: z.number().int().min(1).max(14 * 24 * 60).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({
    id: 'SessionChange',
    description:
      'A capacity below the seats already taken, and a new date, time or length while bookings hold seats of it, would strand them: refused (409, naming the bookings), nothing changed',
  });

/** A weekly change: every session of the service at `time` on these weekdays over the dates, moved to `newTime` and/or given a new length. */
export const sessionReschedule = z
  .object({
    from: date.meta({ description: 'First local date (included)' }),
    until: date.meta({ description: 'Last local date (included)' }),
    weekdays: z.array(weekday).min(1).max(7).optional().meta({ description: 'Only these weekdays; every day when absent' }),
    time: hhmm.meta({ description: 'The sessions starting at this local time' }),
    newTime: hhmm.optional(),
    durationMinutes: z.number().int().min(1).max(14 * 24 * 60).optional(),
  })
  .strict()
  .refine((b) => b.newTime !== undefined || b.durationMinutes !== undefined, { message: 'Give newTime or durationMinutes', path: ['newTime'] })
  .meta({ id: 'SessionReschedule' });

export const sessionsRescheduled = z
  .object({ items: z.array(session), changed: z.number().int() })
  .meta({ id: 'SessionsRescheduled' });

export const sessionCancel = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .meta({ id: 'SessionCancel' });

export const sessionCancelled = z
  .object({ session, cancelledBookings: z.array(z.object({ number: z.string(), customerTold: z.boolean() })) })
  .meta({ id: 'SessionCancelled' });

export const availabilityQuery = z
  .object({
    org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().meta({ description: "The business's slug (public route); the default business when absent" }),
    from: date.optional().meta({ description: 'Local date, included; today when absent' }),
    to: date.optional().meta({ description: 'Local date, included; 31 days after `from` when absent (at most 92 days)' }),
  })
  .strict()
  .meta({ id: 'AvailabilityQuery' });

/** A session the form may book: one that has not started and still has a seat. */
export const sessionWithRoom = z
  .object({
    sessionId: z.uuid().meta({ description: '`session_id` in the booking form books it' }),
    date: date.meta({ description: 'Its local date, where the business is' }),
    time: hhmm.meta({ description: 'Its local start' }),
    startsAt: instant,
    endsAt: instant,
    seatsLeft: z.number().int(),
    fewLeft: z.boolean().meta({ description: 'Few seats remain (at most 3, or a fifth of the capacity): a page says how many' }),
  })
  .meta({ id: 'SessionWithRoom' });

export const availability = z
  .object({
    service: z.string(),
    timeZone: z.string().meta({ description: "The business's time zone: `date` and `time` are its local ones" }),
    items: z.array(sessionWithRoom),
  })
  .meta({ id: 'Availability', description: 'Sessions from now on that still have a seat, earliest first' });

/** The desk's day of sessions (docs/bookings.md, "The day at the desk"). */
export const daySheetQuery = z
  .object({ date: date.optional().meta({ description: "The business's local date; today when absent" }) })
  .strict()
  .meta({ id: 'DaySheetQuery' });

export const daySheet = z
  .object({
    date,
    timeZone: z.string(),
    sessions: z.array(
      z.object({
        id: z.uuid(),
        service: z.string(),
        serviceName: z.object({ th: z.string(), en: z.string() }),
        time: hhmm,
        endTime: hhmm,
        capacity: z.number().int(),
        seatsTaken: z.number().int(),
        seatsLeft: z.number().int(),
        overbooked: z.number().int().meta({ description: 'Seats a manager gave past the capacity' }),
        status: sessionStatus,
        bookings: z.array(
          z.object({
            number: z.string(),
            customer: z.string().nullable(),
            seats: z.number().int(),
            stage: z.string(),
            stageLabel: z.object({ th: z.string(), en: z.string() }),
            attendance: z.enum(['attended', 'no_show']).nullable(),
          }),
        ),
      }),
    ),
    moveChoices: z
      .record(z.string(), z.array(z.object({ id: z.uuid(), date, time: hhmm, seatsLeft: z.number().int() })))
      .meta({ description: "By service: its sessions of the coming month a booking may be moved to" }),
  })
  .meta({ id: 'DaySheet' });

export const attendanceChange = z
  .object({ attendance: z.enum(['attended', 'no_show']) })
  .strict()
  .meta({ id: 'AttendanceChange' });

export const attendanceRecorded = z.object({ number: z.string(), attendance: z.enum(['attended', 'no_show']) }).meta({ id: 'AttendanceRecorded' });

export const sessionMove = z
  .object({
    sessionId: z.uuid().meta({ description: 'Another session of the booking\'s service' }),
    overbookReason: z.string().trim().min(1).max(500).optional().meta({ description: 'Managers and admins: take the seats past the capacity when it is full, for this reason' }),
  })
  .strict()
  .meta({ id: 'SessionMove' });

export const sessionMoved = z
  .object({ number: z.string(), sessionId: z.uuid(), date, time: hhmm, seats: z.number().int(), overbooked: z.boolean() })
  .meta({ id: 'SessionMoved' });

/** A service booked in slots with parallel resources (docs/bookings.md, "Slots"). */
export const slotRuleSet = z
  .object({
    resources: z.number().int().min(1).max(1000).meta({ description: 'How many bookings run at once (three therapists: 3)' }),
    stepMinutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]).default(30).meta({ description: 'The grid of start times, from midnight' }),
  })
  .strict()
  .meta({ id: 'SlotRuleSet' });

export const slotRule = z
  .object({ service: z.string(), resources: z.number().int(), stepMinutes: z.number().int(), durationMinutes: z.number().int() })
  .meta({ id: 'SlotRule' });

export const slotRuleOfService = z
  .object({ rule: slotRule.nullable().meta({ description: 'null: the service is not booked in slots' }) })
  .meta({ id: 'SlotRuleOfService' });

export const slotsQuery = z
  .object({
    org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().meta({ description: "The business's slug (public route); the default business when absent" }),
    date: date.optional().meta({ description: 'Local date; today when absent' }),
  })
  .strict()
  .meta({ id: 'SlotsQuery' });

export const slotDay = z
  .object({
    service: z.string(),
    timeZone: z.string(),
    date,
    resources: z.number().int(),
    durationMinutes: z.number().int(),
    items: z.array(
      z.object({
        time: hhmm.meta({ description: 'Local start; book it with `start_date` and `time`' }),
        endTime: hhmm,
        startsAt: instant,
        free: z.number().int().meta({ description: 'Resources free over the whole slot: the resources minus the most bookings overlapping any part of it' }),
      }),
    ),
  })
  .meta({ id: 'SlotDay', description: "The day's start times whose whole duration is inside the opening hours, from now on" });
