import { z } from 'zod';
import { formConsent } from './privacy.ts';
import { evenWithOtherIssues } from './all-issues.ts';
import { bookingFormField, serviceHours } from './booking-form.ts';
import { publicLine, publicText } from './public-text.ts';
import { sessionWithRoom } from './sessions.ts';
import { BOOKING_SOURCES, BOOKING_STAGES, LANGUAGES } from '../vocabulary.ts';

/** Bookings as the REST API shows them to staff and integrations, and the website's booking form. */

const instant = z.iso.datetime({ offset: true });

/** A stage: a built-in one (BOOKING_STAGES) or one the org added (lower-case key). */
export const stageKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'A stage key: lower-case letters, digits and _').meta({ description: `A stage: ${BOOKING_STAGES.join(', ')}, or one the org added` });
const date = z.iso.date();

export const bookingSummary = z
  .object({
    id: z.uuid(),
    number: z.string().meta({ example: 'B-000045' }),
    stage: stageKey,
    version: z.number().int(),
    source: z.enum(BOOKING_SOURCES),
    service: z.string().nullable().meta({ description: 'The bookable service key, when one was chosen' }),
    destination: z.string().nullable().meta({ description: 'What the website form named, when it was not a service of the catalog' }),
    assigneeStaffId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    contact: z.object({ id: z.uuid(), name: z.string().nullable() }),
    requestedDate: date.nullable(),
    requestedTime: z.string().nullable(),
    partySize: z.number().int().nullable(),
    language: z.enum(LANGUAGES),
    createdAt: instant,
    updatedAt: instant,
    firstResponseDueAt: instant.nullable(),
  })
  .meta({ id: 'BookingSummary' });

export const bookingPage = z
  .object({
    items: z.array(bookingSummary),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'BookingPage' });

const stageList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(stageKey).min(1));

export const bookingListQuery = z
  .object({
    stage: stageList.optional().meta({ description: 'One stage or several, comma-separated' }),
    assignee: z.union([z.uuid(), z.literal('none')]).optional().meta({ description: 'A staff id, or `none` for unassigned bookings' }),
    service: z.string().max(64).optional().meta({ description: 'A service key' }),
    source: z.enum(BOOKING_SOURCES).optional(),
    createdFrom: z.union([instant, date]).optional(),
    createdTo: z.union([instant, date]).optional(),
    dateFrom: date.optional().meta({ description: 'Requested date on or after' }),
    dateTo: date.optional().meta({ description: 'Requested date on or before' }),
    search: z.string().min(1).max(200).optional().meta({ description: "A booking number, or text in the customer's name, e-mail, phone, the notes or the campaign" }),
    sort: z.enum(['-created_at', 'created_at', '-updated_at', 'updated_at']).optional().meta({ description: 'Default `-created_at` (newest first)' }),
    limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: '1 to 100, default 25' }),
    cursor: z.string().max(500).optional(),
  })
  .strict()
  .meta({ id: 'BookingListQuery' });

export const bookingTimelineEvent = z.object({
  id: z.string(),
  at: instant,
  type: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  public: z.boolean(),
});

export const bookingDetail = bookingSummary
  .extend({
    contact: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), language: z.enum(LANGUAGES) }),
    serviceName: z.object({ th: z.string(), en: z.string() }).nullable(),
    proposedDate: date.nullable(),
    proposedTime: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    notes: z.string().nullable().meta({ description: "What the customer asked for in their own words (a female therapist, an allergy): the booking's notes, or its details' notes" }),
    utm: z.record(z.string(), z.unknown()),
    declineReason: z.string().nullable(),
    lostReason: z.string().nullable(),
    confirmedAt: instant.nullable(),
    allowedMoves: z.array(stageKey).meta({ description: "The stages this booking may move to now, by the org's pipeline" }),
    followUp: z
      .object({ clock: z.enum(['first_contact', 'quote']), warnAt: instant, dueAt: instant })
      .nullable()
      .meta({ description: 'The follow-up clock running now, if any' }),
    quotes: z.array(z.lazy(() => quote)),
    messages: z
      .array(z.object({ id: z.string(), at: instant, direction: z.enum(['in', 'out']), senderType: z.string(), kind: z.string(), text: z.string().nullable(), deliveryStatus: z.string().nullable() }))
      .meta({ description: 'Messages with the customer about this booking, oldest first' }),
    timeline: z.array(bookingTimelineEvent),
  })
  .meta({ id: 'BookingDetail' });

export const bookingStageMove = z
  .object({
    to: stageKey,
    expectedVersion: z.number().int().positive().meta({ description: 'The version you saw; a different current version answers 409' }),
    reason: z.string().min(1).max(500).optional().meta({ description: 'Required when moving to `lost` or `declined`' }),
    note: z.string().max(4000).optional(),
  })
  .strict()
  .meta({ id: 'BookingStageMove' });

export const bookingStageMoveResult = z
  .object({ number: z.string(), from: stageKey, to: stageKey, version: z.number().int(), customerTold: z.boolean() })
  .meta({ id: 'BookingStageMoveResult' });

export const bookingAssignment = z
  .object({
    staffId: z.uuid().nullable().meta({ description: 'The staff member to hand it to; null: unassigned' }),
    expectedVersion: z.number().int().positive(),
  })
  .strict()
  .meta({ id: 'BookingAssignment' });

export const bookingAssignmentResult = z
  .object({ number: z.string(), assigneeStaffId: z.uuid().nullable(), version: z.number().int() })
  .meta({ id: 'BookingAssignmentResult' });

export const bookingNote = z
  .object({
    kind: z.enum(['note', 'task', 'call']).default('note').meta({ description: 'A note, a task (with `dueAt`) or a call log (with `minutes`)' }),
    text: z.string().trim().min(1).max(4000),
    dueAt: instant.optional(),
    minutes: z.number().int().min(0).max(24 * 60).optional(),
  })
  .strict()
  .meta({ id: 'BookingNote' });

export const bookingNoteResult = z.object({ id: z.string(), number: z.string() }).meta({ id: 'BookingNoteResult' });

// ---------------------------------------------------------------- the website's booking form

export const NOTES_MAX = 2000;

/**
 * The booking form of a business's website (seed 002, section 6.1), posted with an
 * `Idempotency-Key`. Unknown fields are refused, so a typo in a field name is found at once.
 * `website` is a honeypot: people leave it empty, form-filling robots do not.
 */
/** The booking form's fields (also who to answer on the waitlist's join: contracts/waitlist.ts). */
export const bookingFormFields = {
  service: z.string().regex(/^[a-z][a-z0-9_.]*$/).max(64).optional().meta({ description: 'A bookable service key (GET /api/v1/services)' }),
  session_id: z
    .uuid()
    .optional()
    .meta({ description: "A session of the service (GET /public/v1/services/{key}/availability): it fixes the service, date and time, and holds `travelers` seats (1 when absent); a full session is a 409 `session_full`" }),
  destination: publicLine().trim().min(1).max(200).optional(),
  style: publicLine().trim().max(100).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM').optional().meta({ description: 'Travel month when the dates are open' }),
  start_date: date.optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM')
    .optional()
    .meta({ description: "Time of day, the business's local time; with start_date. Refused (422) outside the service's opening hours" }),
  end_date: date.optional(),
  travelers: z.number().int().min(1).max(500).optional(),
  duration_days: z.number().int().min(1).max(365).optional(),
  budget: publicLine().trim().max(100).optional().meta({ example: '60,000-80,000 THB' }),
  name: publicLine().trim().min(1).max(200),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{6,22}$/, 'Expected a phone number (digits, optionally starting with +)')
    .optional()
    .meta({ description: 'Phone or WhatsApp number; a Thai number starting with 0 is read as +66' }),
  language: z.enum(LANGUAGES).default('en'),
  notes: publicText().max(NOTES_MAX).optional(),
  utm_source: publicLine().max(200).optional(),
  utm_medium: publicLine().max(200).optional(),
  utm_campaign: publicLine().max(200).optional(),
  page_url: publicLine(z.url({ protocol: /^https?$/, error: 'Expected an http or https address' })).max(2000).optional(),
  referrer: publicLine().max(2000).optional(),
  website: publicLine().max(2000).optional().meta({ description: 'Honeypot: leave empty' }),
  consent: formConsent.optional(),
};

type FormFields = { service?: string; session_id?: string; destination?: string; start_date?: string; end_date?: string; email?: string; phone?: string };
const checkForm = (needsContact: boolean) => (b: FormFields, ctx: z.RefinementCtx) => {
  if (needsContact && !b.email && !b.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'An e-mail or a phone number is needed to answer' });
  if (!b.service && !b.destination && !b.session_id) ctx.addIssue({ code: 'custom', path: ['destination'], message: 'Name a destination or a service' });
  if (b.start_date && b.end_date && b.end_date < b.start_date) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'The end date is before the start date' });
};

/**
 * The website's form. A LINE identity is never taken from it (DESIGN 4.11: an id a page sends is not
 * trusted): `line_id` is refused with a 422 naming it, and the customer is answered by e-mail or phone.
 */
export const publicBookingRequest = z
  .object({
    ...bookingFormFields,
    line_id: z
      .never({ error: 'Not accepted here: a LINE identity comes only from LINE sign-in (the booking form inside LINE)' })
      .optional()
      .meta({ description: 'Refused (422): a LINE identity is taken only from a LIFF ID token' }),
  })
  .strict()
  .superRefine(checkForm(true), evenWithOtherIssues)
  .meta({ id: 'PublicBookingRequest' });

/** The same form sent from inside LINE: the customer is the LINE user the ID token names, so an e-mail or phone is optional. */
export const lineBookingForm = z.object(bookingFormFields).strict().superRefine(checkForm(false), evenWithOtherIssues);
export type PublicBookingRequest = z.infer<typeof publicBookingRequest>;
/** A booking form's fields, from the website or from inside LINE. */
export type BookingForm = z.infer<typeof lineBookingForm>;

export const publicBookingAnswer = z
  .object({
    booking_id: z.string().nullable().meta({ example: 'B-000045' }),
    status: z.string().meta({ example: 'new' }),
    next_step_message: z.string().nullable().meta({ description: "What happens next, in the customer's language, from the org's templates" }),
  })
  .meta({ id: 'PublicBookingAnswer' });

/** A booking a staff member (a concierge) records on a customer's behalf: the form's fields, and the source. */
export const staffBookingRequest = z
  .object({
    service: z.string().regex(/^[a-z][a-z0-9_.]*$/).max(64).optional(),
    session_id: z.uuid().optional().meta({ description: 'A session of the service: it fixes the service, date and time and holds `travelers` seats (1 when absent); full: 409 `session_full`' }),
    destination: z.string().trim().min(1).max(200).optional(),
    start_date: date.optional(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM').optional(),
    travelers: z.number().int().min(1).max(500).optional(),
    name: z.string().trim().min(1).max(200).optional().meta({ description: 'Needed unless `member_number` names the customer' }),
    email: z.email().max(254).optional(),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{6,22}$/).optional(),
    member_number: z.string().trim().min(1).max(40).optional().meta({ description: 'The customer is this member (MEM-YYYY-XXXX); no name, e-mail or phone is then needed. Not a member: 404' }),
    pay_with: z.enum(['credits', 'wallet']).optional().meta({
      description:
        "A member's booking paid in its own transaction: `credits` takes one credit a seat from the package covering the service that runs out first (none: 409 `no_credit`, `details.reason` none_left, not_covered, expired, too_few or not_member); `wallet` takes the price (too little: 409 `insufficient_balance`). Refused: nothing is booked",
    }),
    language: z.enum(LANGUAGES).default('th'),
    notes: z.string().max(NOTES_MAX).optional(),
    source: z.enum(['staff', 'api']).default('staff'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.member_number && !b.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'A name is needed (or a member_number)' });
    if (!b.member_number && !b.email && !b.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'An e-mail or a phone number is needed (or a member_number)' });
    if (!b.service && !b.destination && !b.session_id) ctx.addIssue({ code: 'custom', path: ['destination'], message: 'Name a destination or a service' });
  }, evenWithOtherIssues)
  .meta({ id: 'StaffBookingRequest' });
export type StaffBookingRequest = z.infer<typeof staffBookingRequest>;

export const staffBookingResult = z.object({ id: z.uuid(), number: z.string() }).meta({ id: 'StaffBookingResult' });

// ---------------------------------------------------------------- assignment rules and follow-up targets

const ruleFields = {
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(10_000),
  isActive: z.boolean().meta({ description: 'false: the rule is kept but not used' }),
  services: z.array(z.string().regex(/^[a-z][a-z0-9_.]*$/).max(64)).max(100).meta({ description: 'Service keys; empty: any' }),
  destinations: z.array(z.string().trim().min(1).max(100)).max(100).meta({ description: 'Words found in the destination the customer wrote (any letter case); empty: any' }),
  languages: z.array(z.enum(LANGUAGES)).max(2).meta({ description: "The booking's language; empty: any" }),
  staffIds: z.array(z.uuid()).max(200).meta({ description: 'Who may get the bookings; empty: every active support, manager and admin' }),
  strategy: z.enum(['round_robin', 'least_loaded']).meta({ description: '`least_loaded`: fewest open bookings, ties in round-robin order' }),
};

export const assignmentRuleInput = z
  .object({ ...ruleFields, position: ruleFields.position.optional(), isActive: ruleFields.isActive.optional(), services: ruleFields.services.optional(), destinations: ruleFields.destinations.optional(), languages: ruleFields.languages.optional(), staffIds: ruleFields.staffIds.optional(), strategy: ruleFields.strategy.optional() })
  .strict()
  .meta({ id: 'BookingAssignmentRuleInput' });

export const assignmentRuleChange = z.object(ruleFields).partial().strict().meta({ id: 'BookingAssignmentRuleChange' });

export const assignmentRule = z
  .object({ id: z.uuid(), ...ruleFields, lastAssignedStaffId: z.uuid().nullable(), updatedAt: instant })
  .meta({ id: 'BookingAssignmentRule' });

export const assignmentRuleList = z.array(assignmentRule).meta({ id: 'BookingAssignmentRuleList' });

export const followUpTargets = z
  .object({
    firstContactMinutes: z.number().int().min(1).max(60 * 24 * 30).meta({ description: 'Business minutes from arrival to the first contact' }),
    quoteMinutes: z.number().int().min(1).max(60 * 24 * 30).meta({ description: 'Business minutes from the first contact (stage contacted) to the quote' }),
    warnAtRatio: z.number().gt(0).lt(1).meta({ description: 'The warning comes at this share of the target' }),
  })
  .meta({ id: 'BookingFollowUpTargets' });

export const followUpTargetsChange = followUpTargets.partial().strict().meta({ id: 'BookingFollowUpTargetsChange' });

// ---------------------------------------------------------------- quotes

const money = z.number().min(0).max(1_000_000_000).refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), 'At most two decimals');

export const quoteInput = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code, e.g. THB').default('THB'),
    lines: z
      .array(
        z
          .object({
            description: z.string().trim().min(1).max(500),
            quantity: z.number().gt(0).max(100_000),
            unitPrice: money,
          })
          .strict(),
      )
      .min(1)
      .max(100),
    discount: z
      .discriminatedUnion('kind', [z.object({ kind: z.literal('amount'), value: money }).strict(), z.object({ kind: z.literal('percent'), value: z.number().min(0).max(100) }).strict()])
      .optional(),
    validUntil: date.meta({ description: 'The last day it may be accepted, where the business is' }),
    note: z.string().max(4000).optional(),
  })
  .strict()
  .meta({ id: 'QuoteInput' });

export const quote = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    status: z.enum(['draft', 'sent', 'accepted', 'declined', 'superseded']),
    currency: z.string(),
    lines: z.array(z.object({ description: z.string(), quantity: z.number(), unitPrice: z.number(), amount: z.number() })),
    discount: z.object({ kind: z.enum(['amount', 'percent']), value: z.number() }).nullable(),
    subtotal: z.number(),
    discountAmount: z.number(),
    total: z.number(),
    validUntil: date,
    note: z.string().nullable(),
    sentAt: instant.nullable(),
    viewedAt: instant.nullable(),
    answeredAt: instant.nullable(),
    declineReason: z.string().nullable(),
    remindedAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'Quote' });

export const quoteList = z.array(quote).meta({ id: 'QuoteList' });

export const quoteSent = z
  .object({
    quote,
    url: z.url().meta({ description: "The customer's link" }),
    message: z.string().nullable().meta({ description: "The message in the customer's language (quote_sent template), for an e-mail when the booking has no chat" }),
    customerTold: z.boolean().meta({ description: "Sent on the booking's conversation" }),
  })
  .meta({ id: 'QuoteSent' });

export const publicQuote = z
  .object({
    business: z.string().meta({ description: "The business's name, for the page's header" }),
    payUrl: z.string().nullable().meta({ description: 'A payment link (Stripe Checkout) for this version, while it waits to be paid' }),
    booking: z.string(),
    service: z.object({ th: z.string(), en: z.string() }).nullable(),
    destination: z.string().nullable(),
    customerName: z.string().nullable(),
    language: z.enum(LANGUAGES),
    version: z.number().int(),
    latestVersion: z.number().int(),
    status: z.enum(['open', 'accepted', 'declined', 'superseded', 'expired']),
    canAnswer: z.boolean(),
    currency: z.string(),
    lines: z.array(z.object({ description: z.string(), quantity: z.number(), unitPrice: z.number(), amount: z.number() })),
    discount: z.number(),
    subtotal: z.number(),
    total: z.number(),
    validUntil: date,
    note: z.string().nullable(),
    sentAt: instant.nullable(),
    answeredAt: instant.nullable(),
  })
  .meta({ id: 'PublicQuote' });

export const quoteDecline = z.object({ reason: publicText().trim().min(1).max(1000) }).strict().meta({ id: 'QuoteDecline' });

export const quoteAnswer = z
  .object({ booking: z.string(), status: z.enum(['accepted', 'declined']), bookingStage: z.enum(BOOKING_STAGES) })
  .meta({ id: 'QuoteAnswer' });

// ---------------------------------------------------------------- the public catalog feed

export const serviceFeedQuery = z
  .object({
    org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional(),
    search: z.string().trim().min(1).max(100).optional(),
    maxPrice: z.coerce.number().min(0).optional(),
    maxDurationMinutes: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    offset: z.coerce.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .meta({ id: 'ServiceFeedQuery' });

export const serviceFeed = z
  .object({
    items: z.array(
      z.object({
        key: z.string(),
        name: z.object({ th: z.string(), en: z.string() }),
        description: z.string().nullable(),
        durationMinutes: z.number().nullable(),
        capacity: z.number().nullable(),
        price: z.number().nullable(),
        currency: z.string(),
        fields: z.array(bookingFormField).meta({ description: "What the booking form asks for this service, in order (besides name, phone, e-mail and notes): the service's own list, or one derived from it" }),
        hours: serviceHours,
        bookedBySession: z
          .boolean()
          .meta({ description: 'It has a scheduled session from now on, with room or not: a form offers its sessions (`session_id`) instead of a free date and time' }),
        nextSessions: z
          .array(sessionWithRoom)
          .max(5)
          .meta({ description: 'Its next sessions that still have a seat, earliest first, at most 5 (the rest: GET /public/v1/services/{key}/availability, which is never cached)' }),
      }),
    ),
    total: z.number().int(),
    business: z.string().meta({ description: "The business's name, for the form's header" }),
    timeZone: z.string().meta({ description: "The business's time zone: dates and times of the form are its local ones" }),
    closedDays: z.array(date).meta({ description: 'Days the business is closed, from today on (its holidays)' }),
  })
  .meta({ id: 'ServiceFeed' });

const stageLabel = z.object({ th: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) });

export const bookingStageInput = z
  .object({
    key: z.string().meta({ description: 'A built-in stage, or a new lower-case key (letters, digits, _)' }),
    label: stageLabel.optional().meta({ description: 'What staff see; the built-in label (or the key) when absent' }),
    hidden: z.boolean().optional().meta({ description: 'No move may lead here; bookings already here may still move on' }),
    moves: z.array(z.string()).max(40).meta({ description: 'The stages a booking here may move to' }),
  })
  .strict();

export const bookingStagesInput = z
  .object({
    stages: z.array(bookingStageInput).min(1).max(40).meta({ description: 'Every stage, in the order staff see them; the built-in ones cannot be left out' }),
    expectedVersion: z.number().int().min(0).optional().meta({ description: 'The version you saw (0: never configured); a different one answers 409' }),
  })
  .strict()
  .meta({ id: 'BookingStagesInput' });

export const bookingStages = z
  .object({
    custom: z.boolean().meta({ description: 'False while the org uses the built-in pipeline' }),
    version: z.number().int(),
    stages: z.array(
      z.object({ key: z.string(), label: z.object({ th: z.string(), en: z.string() }), hidden: z.boolean(), closed: z.boolean(), builtIn: z.boolean(), moves: z.array(z.string()) }),
    ),
  })
  .meta({ id: 'BookingStages' });
