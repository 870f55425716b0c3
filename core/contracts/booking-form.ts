import { z } from 'zod';
import { weeklyHours } from './business-calendar.ts';

/**
 * What a bookable service asks on the booking form (liff/src/pages/book.tsx, the website's own
 * form): its fields, in order, each required or not, and its opening hours. The names are the
 * booking form's own (PublicBookingRequest): `start_date` is the date, `time` the time of day,
 * `travelers` the number of people. Name, phone, e-mail and notes are asked of every booking and
 * are not listed.
 */
export const BOOKING_FORM_FIELDS = ['start_date', 'time', 'end_date', 'travelers', 'destination', 'month', 'budget'] as const;
export type BookingFormFieldName = (typeof BOOKING_FORM_FIELDS)[number];

export const bookingFormField = z
  .object({
    field: z.enum(BOOKING_FORM_FIELDS),
    required: z.boolean().default(false),
  })
  .strict();

export const bookingFormFields = z
  .array(bookingFormField)
  .max(BOOKING_FORM_FIELDS.length)
  .refine((fs) => new Set(fs.map((f) => f.field)).size === fs.length, 'each field at most once')
  .refine((fs) => !fs.some((f) => f.field === 'time') || fs.some((f) => f.field === 'start_date'), 'a time needs a date: list start_date too')
  .meta({
    id: 'BookingFormFields',
    description: 'The booking form asks these, in this order (besides name, phone, e-mail and notes); null: derived from the service (a date; a time below a day; the number of people when places are limited)',
  });

export type BookingFormField = z.output<typeof bookingFormField>;

/** A service's opening hours: like the org's business hours; null means the org's. */
export const serviceHours = weeklyHours.nullable().meta({ description: "The service's opening hours; null: the org's business hours (GET /api/v1/org/business-calendar). The org's holidays close it too" });
