import { z } from 'zod';
import { CASE_STATUSES } from '../vocabulary.ts';
import { bookingDetail, bookingSummary } from './bookings.ts';

/**
 * What the staff desk (the LIFF app at /liff/desk, `/liff-api/v1/desk/*`) shows of cases: the
 * REST API's facts (contracts/cases.ts) plus the names and choices a person needs on a phone.
 * Its actions take the REST API's own bodies (caseTake, caseAssignee, caseMessage, caseTransition).
 */
const at = z.iso.datetime({ offset: true });
const words = z.object({ th: z.string(), en: z.string() });

/** Active staff who work cases, conversations and bookings (support, managers, admins), by name: whom something may be handed to. */
const staffWhoWork = z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() }));

export const deskCaseRow = z
  .object({
    number: z.string(),
    type: words,
    status: z.enum(CASE_STATUSES),
    severity: z.string(),
    version: z.number().int(),
    ownerStaffId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    customerName: z.string().nullable(),
    openedAt: at,
    firstResponseDueAt: at.nullable(),
    resolutionDueAt: at.nullable(),
    breached: z.boolean(),
    breach: z
      .enum(['first_response', 'resolution'])
      .nullable()
      .meta({ description: 'Which clock it missed: the first response (none yet, past its due time), or the resolution; null while within both' }),
  })
  .meta({ id: 'DeskCaseRow' });

export const deskQueueQuery = z
  .object({ view: z.enum(['mine', 'open', 'unassigned']).default('open').meta({ description: 'mine: my open cases; open: every open case; unassigned: open cases nobody has' }) })
  .strict();

export const deskQueue = z.object({ view: z.enum(['mine', 'open', 'unassigned']), cases: z.array(deskCaseRow) }).meta({ id: 'DeskQueue' });

export const deskTimelineEntry = z.object({
  at,
  type: z.string(),
  public: z.boolean(),
  actor: z.object({ type: z.string(), name: z.string().nullable() }),
  text: z.string().nullable(),
  /** A status change: where from and to. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  rootCause: z.string().nullable(),
  /** A file on a message or a note: a signed link to our copy; a note's file with its name. */
  attachments: z.array(z.object({ kind: z.string(), url: z.string(), name: z.string().optional() })),
  /** A note that was sent to the customer too (the replies that carried it are not listed apart). */
  sentToCustomer: z.boolean().optional(),
});

const CASE_ACTIONS = ['take', 'reassign', 'move', 'resolve', 'reply'] as const;

export const deskCase = deskCaseRow
  .extend({
    summary: z.string().nullable(),
    sop: z.string().nullable().meta({ description: "The case type's standard way to handle it (its SOP), whole; null when it has none" }),
    rootCause: z.string().nullable(),
    orderIds: z.array(z.string()),
    fields: z.record(z.string(), z.unknown()),
    customer: z
      .object({ id: z.uuid(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), channel: z.string().nullable(), vip: z.boolean() })
      .nullable(),
    provider: z.object({ key: z.string(), name: z.string() }).nullable(),
    clocks: z.object({
      firstResponseDueAt: at.nullable(),
      firstRespondedAt: at.nullable(),
      resolution: z.object({ state: z.enum(['running', 'paused', 'stopped']), dueAt: at.nullable(), remainingMinutes: z.number().nullable(), breached: z.boolean() }),
    }),
    canWriteToCustomer: z.boolean().meta({ description: 'The case has a customer chat and is not closed' }),
    timeline: z.array(deskTimelineEntry),
    /** What the viewer's role allows on this case now (the LINE buttons' rules); the server checks again. */
    allowed: z.array(z.enum(CASE_ACTIONS)),
    /** Why an action is not allowed, when it is the role or the owner (for the screen to say it). */
    refusals: z.record(z.string(), z.object({ reason: z.enum(['role_forbids', 'owner']), ownerName: z.string().nullable() })),
    nextStatuses: z.array(z.enum(CASE_STATUSES)),
    rootCauses: z.array(z.string()),
    providers: z.array(z.object({ key: z.string(), name: z.string() })),
    assignees: staffWhoWork,
  })
  .meta({ id: 'DeskCase' });

/** The bookings pipeline as a board: a column per stage, in the org's order. */
export const deskBookingBoard = z
  .object({
    stages: z.array(
      z.object({
        key: z.string(),
        label: words,
        closed: z.boolean(),
        bookings: z.array(bookingSummary.extend({ serviceName: words.nullable().meta({ description: "The service's Thai and English names, when one was chosen" }) })),
        more: z.boolean().meta({ description: 'More bookings in this stage than shown (the REST list pages through them)' }),
      }),
    ),
  })
  .meta({ id: 'DeskBookingBoard' });

/** One booking as GET /api/v1/bookings/:number gives it, with the org's words for its stages. */
export const deskBooking = bookingDetail
  .extend({
    stageLabels: z.record(z.string(), words),
    assignees: staffWhoWork.meta({ description: 'Who it may be handed to (active staff who work bookings)' }),
  })
  .meta({ id: 'DeskBooking' });

/** Whom the Inbox may hand a conversation to, and whose names its thread shows (staff who work conversations). */
export const deskStaff = staffWhoWork.meta({ id: 'DeskStaff' });
