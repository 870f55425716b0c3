import { z } from 'zod';
import { ATTACHMENT_TYPES, INBOX_STATUSES, SEVERITIES } from '../vocabulary.ts';

/** The inbox as the REST API shows it to staff (api/admin/conversation-routes.ts, docs/inbox.md). */
const at = z.iso.datetime({ offset: true });

/** A file uploaded to a conversation, ready to be sent with `attachmentId`. */
export const conversationAttachment = z
  .object({
    id: z.uuid().meta({ description: 'Send it with POST …/messages { attachmentId }' }),
    name: z.string(),
    contentType: z.enum(ATTACHMENT_TYPES),
    size: z.number().int(),
  })
  .meta({ id: 'ConversationAttachment' });

export const attachmentUpload = z
  .object({ name: z.string().trim().min(1).max(200).optional().meta({ description: 'The file name the thread shows (default: "file")' }) })
  .meta({ id: 'AttachmentUploadQuery' });

export const conversationView = z
  .object({
    status: z
      .enum(['waiting', 'mine', 'open', 'resolved'])
      .default('waiting')
      .meta({ description: "waiting: nobody holds them yet; mine: held by the key's staff member; open: waiting, assigned or snoozed; resolved" }),
  })
  .meta({ id: 'ConversationListQuery' });

export const conversationSummary = z
  .object({
    id: z.uuid(),
    status: z.enum(INBOX_STATUSES),
    version: z.number().int(),
    channel: z.string().meta({ example: 'line' }),
    contact: z.object({ id: z.uuid(), name: z.string().nullable(), erased: z.boolean() }).nullable(),
    assignee: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    waitingSince: at.nullable(),
    snoozedUntil: at.nullable(),
    changedAt: at.nullable(),
    lastMessageAt: at.nullable(),
    lastFromCustomer: z
      .object({ text: z.string().nullable().meta({ description: 'null for a sticker, an image, a file' }), at: at })
      .nullable()
      .meta({ description: "The customer's latest message" }),
  })
  .meta({ id: 'ConversationSummary' });

export const conversationList = z.array(conversationSummary).meta({ id: 'ConversationList' });

export const conversationPage = z
  .object({
    before: z.uuid().optional().meta({ description: "A message id (the previous page's `olderBefore`): the page of messages before it" }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'ConversationPageQuery' });

export const conversationDetail = conversationSummary
  .extend({
    messages: z.array(
      z.object({
        id: z.uuid(),
        direction: z.enum(['in', 'out']),
        senderType: z.string(),
        staffId: z.uuid().nullable(),
        kind: z.string(),
        text: z.string().nullable(),
        at: at,
        deliveryStatus: z.string().nullable(),
        notDelivered: z
          .enum(['blocked', 'failed'])
          .nullable()
          .meta({ description: 'Why an outgoing message did not reach the customer: blocked (they blocked the account) or failed; null otherwise' }),
        caseId: z.uuid().nullable(),
        attachment: z
          .object({ url: z.string(), name: z.string(), contentType: z.string() })
          .nullable()
          .meta({ description: 'A file staff sent: a signed link to it' }),
        email: z
          .object({
            subject: z.string().nullable(),
            from: z.string().meta({ description: 'The address it came from' }),
            html: z.string().nullable().meta({ description: 'Its HTML, sanitised (no scripts, styles or images): safe to show' }),
            attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int() })),
            automatic: z.string().nullable().meta({ description: "Why it is a machine's mail (an auto-reply, a delivery report): recorded, never answered" }),
            fromMismatch: z
              .object({ conversationAddress: z.string() })
              .nullable()
              .meta({ description: "Sent from another address than the conversation's: its reply address put it here; the sender is not added to the contact" }),
          })
          .nullable()
          .optional()
          .meta({ description: "A customer's e-mail: subject, sanitised HTML, attachments, and whether it came from another address; null for other messages" }),
      }),
    ),
    replyWindow: z
      .object({ open: z.boolean(), closesAt: at.nullable() })
      .nullable()
      .meta({ description: "WhatsApp: whether the customer's last message still lets staff write freely (24 hours); null on LINE, which has no window" }),
    templates: z
      .array(z.object({ key: z.string(), text: z.string() }))
      .meta({ description: 'WhatsApp: the approved templates staff may send once the window has closed, in the customer\'s language' }),
    olderBefore: z.uuid().nullable().meta({ description: 'Pass as `before` for the older page; null when this is the oldest' }),
    notes: z.array(z.object({ id: z.string(), staffId: z.uuid().nullable(), text: z.string(), at: at })).meta({ description: 'Private notes: never sent to the customer' }),
    events: z
      .array(
        z.object({
          id: z.string(),
          at: at,
          subject: z.enum(['case', 'booking']),
          number: z.string().meta({ example: 'C-000123' }),
          type: z.string().meta({ description: 'A case: created, status_changed, reopened; a booking: created, stage_changed' }),
          to: z.string().nullable().meta({ description: 'The status or stage it moved to' }),
          what: z.object({ th: z.string(), en: z.string() }).nullable().meta({ description: "The case's type, the booking's service" }),
        }),
      )
      .meta({ description: "What happened to the customer's cases and bookings in the span of this page of messages (all of it since the first message shown when there are older pages), oldest first" }),
  })
  .meta({ id: 'ConversationDetail' });

const seenVersion = z.number().int().positive().meta({ description: 'The version you saw; a different current version answers 409 with the conversation as it is now' });

export const conversationTake = z.object({ expectedVersion: seenVersion }).strict().meta({ id: 'ConversationTake' });
export const conversationResolve = z.object({ expectedVersion: seenVersion }).strict().meta({ id: 'ConversationResolve' });

export const conversationAssign = z
  .object({ staffId: z.uuid().meta({ description: 'The active staff member (support, manager or admin) who gets the conversation' }), expectedVersion: seenVersion })
  .strict()
  .meta({ id: 'ConversationAssign' });

export const conversationSnooze = z
  .object({ until: at.meta({ description: 'Out of the waiting list until then; a message from the customer wakes it sooner' }), expectedVersion: seenVersion })
  .strict()
  .meta({ id: 'ConversationSnooze' });

export const conversationMessage = z
  // LINE takes at most 5,000 characters in a text message.
  .object({
    text: z.string().trim().min(1).max(5000).optional().meta({ description: 'The words; or `savedReply` instead' }),
    savedReply: z
      .string()
      .optional()
      .meta({ description: "A saved reply's shortcut instead of `text`: sent in the customer's language with their name filled in (GET /api/v1/saved-replies)" }),
    attachmentId: z.uuid().optional().meta({ description: 'A file uploaded with POST …/attachments; `text` then goes with it as its caption' }),
    template: z
      .string()
      .optional()
      .meta({ description: "WhatsApp: an approved template's key (the conversation's `templates`), the only thing WhatsApp lets a business send once the 24-hour window has closed" }),
    note: z.boolean().optional().meta({ description: 'true: a private note for staff, never sent to the customer' }),
    expectedVersion: seenVersion,
  })
  .strict()
  .refine((m) => [m.savedReply, m.attachmentId, m.template].filter((x) => x !== undefined).length <= 1, { message: 'Give one of savedReply, attachmentId and template', path: ['savedReply'] })
  .refine((m) => m.attachmentId !== undefined || (m.text === undefined) !== (m.savedReply === undefined && m.template === undefined), {
    message: 'Give either text, savedReply or template',
    path: ['text'],
  })
  .refine((m) => !(m.note && (m.attachmentId !== undefined || m.template !== undefined)), { message: 'A file or a template is for the customer, not a note', path: ['note'] })
  .refine((m) => !(m.note && m.savedReply !== undefined), { message: 'A saved reply is for the customer, not a note', path: ['savedReply'] })
  .meta({ id: 'ConversationMessage' });

export const conversationResult = z
  .object({
    id: z.uuid(),
    status: z.enum(INBOX_STATUSES),
    version: z.number().int(),
    assigneeStaffId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    changed: z.boolean().meta({ description: 'false when it was so already' }),
    messageIds: z.array(z.uuid()).optional().meta({ description: 'The outgoing message queued (outbox)' }),
    noteId: z.string().optional(),
  })
  .meta({ id: 'ConversationResult' });

/** The org's saved replies in use, each as this conversation's customer would read it, written by the caller. */
export const conversationSavedReplies = z
  .array(
    z.object({
      key: z.string(),
      title: z.string(),
      text: z.string().meta({ description: "In the customer's language, the variables filled as they would read it now" }),
      missing: z.array(z.string()).meta({ description: 'Variables it uses with no value for this customer (`case_id`: no open case): sending it is refused' }),
    }),
  )
  .meta({ id: 'ConversationSavedReplies' });

export const conversationCaseOpen = z
  .object({
    caseType: z.string().min(1).max(64).meta({ description: "One of the org's case types in use (GET /api/v1/case-types)" }),
    severity: z.enum(SEVERITIES).optional().meta({ description: "By default the case type's" }),
    summary: z.string().trim().min(1).max(1000),
  })
  .strict()
  .meta({ id: 'ConversationCaseOpen' });

export const conversationBookingOpen = z
  .object({
    service: z.string().regex(/^[a-z][a-z0-9_.]*$/).max(64).optional().meta({ description: 'A bookable service in use (GET /api/v1/services)' }),
    session_id: z.uuid().optional().meta({ description: 'A session of a service booked by its sessions (GET /api/v1/services/:key/availability): needed for such a service; it fixes the date and time' }),
    start_date: z.iso.date().optional(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM').optional().meta({ description: 'For a service booked in slots, one of the day\'s free starts (GET /api/v1/services/:key/slots)' }),
    travelers: z.number().int().min(1).max(500).optional(),
    notes: z.string().trim().min(1).max(2000).optional(),
    overbook_reason: z.string().trim().min(1).max(500).optional().meta({ description: "A manager's or an admin's reason to book a full session past its capacity (others: 403)" }),
  })
  .strict()
  .meta({ id: 'ConversationBookingOpen' });

export const conversationWaitlistJoin = z
  .object({
    session_id: z.uuid(),
    travelers: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'ConversationWaitlistJoin' });

export const conversationOpened = z.object({ number: z.string() }).meta({ id: 'ConversationOpened', description: 'The case or booking opened for the customer' });
