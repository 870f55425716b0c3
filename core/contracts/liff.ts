import { z } from 'zod';

/** What the LIFF API (`/liff-api/v1`) answers to a customer signed in with LINE. */

const instant = z.iso.datetime({ offset: true });
const words = z.object({ th: z.string(), en: z.string() });

export const myBooking = z
  .object({
    number: z.string().meta({ example: 'B-000045' }),
    service: words.nullable(),
    destination: z.string().nullable(),
    stage: z.string(),
    stageLabel: words,
    open: z.boolean(),
    date: z.iso.date().nullable(),
    time: z.string().nullable(),
    partySize: z.number().int().nullable(),
    createdAt: instant,
    quotePath: z.string().nullable().meta({ description: 'The quote page, while a quote waits for an answer' }),
    payUrl: z.string().nullable().meta({ description: 'A payment link (Stripe Checkout) waiting to be paid on this booking' }),
  })
  .meta({ id: 'MyBooking' });

export const myCase = z
  .object({
    number: z.string().meta({ example: 'C-000123' }),
    type: words,
    status: z.string(),
    statusLabel: words,
    open: z.boolean(),
    openedAt: instant,
    expectedBy: instant.nullable(),
    trackingPath: z.string().nullable().meta({ description: "The case's tracking page; null once its link has stopped working" }),
  })
  .meta({ id: 'MyCase' });

export const myBookingsAndCases = z
  .object({
    known: z.boolean().meta({ description: 'false: this LINE user has not written to the business yet (both lists are empty)' }),
    name: z.string().nullable(),
    bookings: z.array(myBooking),
    cases: z.array(myCase),
  })
  .meta({ id: 'MyBookingsAndCases' });

/**
 * The booking form sent from inside LINE: the fields of PublicBookingRequest; `line_id` is taken
 * from the verified ID token, and one the page sends is ignored.
 */
export const liffBookingRequest = z.record(z.string(), z.unknown()).meta({ id: 'LiffBookingRequest', description: 'The fields of PublicBookingRequest; line_id comes from the ID token' });
