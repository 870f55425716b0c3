import { z } from 'zod';
import { LANGUAGES } from '../vocabulary.ts';
import { bookingFormFields } from './bookings.ts';

/**
 * The waitlist of a full session (docs/bookings.md, "The waitlist"): joining it from the website
 * or the form inside LINE, the customer's place and the seat offered to them, and staff's view.
 */

const seats = z.number().int().min(1).max(500).optional().meta({ description: 'Seats wanted (the party); 1 when absent' });

/** The website's: who to answer, as on its booking form (an e-mail or a phone). */
export const publicWaitlistJoin = z
  .object({
    name: bookingFormFields.name,
    email: bookingFormFields.email,
    phone: bookingFormFields.phone,
    language: bookingFormFields.language,
    travelers: seats,
  })
  .strict()
  .refine((b) => Boolean(b.email || b.phone), { path: ['email'], message: 'An e-mail or a phone number is needed to tell you of a seat' })
  .meta({ id: 'PublicWaitlistJoin' });

/** From inside LINE: the customer is the LINE user the ID token names. */
export const lineWaitlistJoin = z
  .object({ session_id: z.uuid(), travelers: seats, language: z.enum(LANGUAGES).default('th') })
  .strict()
  .meta({ id: 'LineWaitlistJoin' });

export const waitlistPlace = z
  .object({
    status: z.enum(['waiting', 'offered', 'booked', 'declined', 'expired', 'left', 'closed']),
    sessionId: z.uuid(),
    service: z.string(),
    date: z.iso.date().meta({ description: "The session's local date" }),
    time: z.string().meta({ description: "The session's local start" }),
    seats: z.number().int(),
    position: z.number().int().nullable().meta({ description: 'Place in line while waiting (1: next to be offered); null otherwise' }),
    offerExpiresAt: z.iso.datetime({ offset: true }).nullable().meta({ description: 'While offered: the seats are held until then' }),
    bookingNumber: z.string().nullable().meta({ description: 'Once accepted: the booking made' }),
    token: z.string().optional().meta({ description: 'The place\'s link for the website (GET /public/v1/waitlist/{token}, accept, decline, leave); given once, when joining from the website' }),
    message: z.string().nullable().meta({ description: "What to tell the customer, in their language, from the org's templates" }),
  })
  .meta({ id: 'WaitlistPlace' });

export const sessionWaitlist = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid().meta({ description: 'The place: staff take it off the line with POST …/waitlist/{placeId}/leave' }),
        customer: z.string().nullable(),
        status: z.string(),
        seats: z.number().int(),
        source: z.string(),
        joinedAt: z.iso.datetime({ offset: true }),
        offerExpiresAt: z.iso.datetime({ offset: true }).nullable(),
        bookingNumber: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SessionWaitlist', description: 'Everyone who asked, in the order they asked, and what became of it' });
