import { z } from 'zod';
import { CASE_STATUSES, CORRECTION_REASON_MAX, ORDER_STATUSES, REFUND_STATUSES, SEVERITIES } from '../vocabulary.ts';

/** Cases as the REST API shows them to staff and integrations (the pull side of the sync). */
export const caseSummary = z
  .object({
    id: z.uuid(),
    number: z.string().meta({ example: 'C-000123' }),
    type: z.string(),
    status: z.enum(CASE_STATUSES),
    severity: z.string(),
    version: z.number().int(),
    ownerStaffId: z.uuid().nullable(),
    orderIds: z.array(z.string()),
    openedAt: z.iso.datetime({ offset: true }),
    firstResponseDueAt: z.iso.datetime({ offset: true }).nullable(),
    resolutionDueAt: z.iso.datetime({ offset: true }).nullable(),
    resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'CaseSummary' });

export const caseList = z.array(caseSummary).meta({ id: 'CaseList' });

/** An order a case names: what the customer said, and what the main system reports (null until the orders API sent it). */
export const caseOrder = z
  .object({
    number: z.string(),
    customerAmount: z.string().nullable().meta({ description: 'The amount the customer named, as they wrote it (decimal string), or null' }),
    synced: z
      .object({
        amountMinor: z.number().int().nullable(),
        currency: z.string(),
        status: z.enum(ORDER_STATUSES),
        provider: z.string().nullable(),
        refundStatus: z.enum(REFUND_STATUSES),
        refundAmountMinor: z.number().int().nullable(),
        updatedAt: z.iso.datetime({ offset: true }),
      })
      .nullable()
      .meta({ description: 'The order as the main system last reported it (GET /api/v1/orders/:number), amounts in minor units; null when it never did' }),
  })
  .meta({ id: 'CaseOrder' });

export const caseDetail = caseSummary
  .extend({
    rootCause: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()),
    orders: z.array(caseOrder),
    timeline: z.array(z.object({ at: z.iso.datetime({ offset: true }), type: z.string(), actorType: z.string(), data: z.unknown(), public: z.boolean() })),
  })
  .meta({ id: 'CaseDetail' });

export const caseTransition = z
  .object({
    to: z.enum(CASE_STATUSES),
    expectedVersion: z.number().int().positive().optional().meta({ description: 'The version you saw; a different current version answers 409' }),
    rootCause: z.string().min(1).optional().meta({ description: 'Required when closing' }),
    note: z.string().max(4000).optional(),
    providerKey: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "The provider the case depends on (a provider key); with `to: waiting_provider`, the provider's LINE group is told" }),
  })
  .strict()
  .meta({ id: 'CaseTransition' });

export const caseTransitionResult = z
  .object({ number: z.string(), from: z.enum(CASE_STATUSES), to: z.enum(CASE_STATUSES), version: z.number().int(), reopened: z.boolean() })
  .meta({ id: 'CaseTransitionResult' });

const minutes = z.object({
  queue: z.number(),
  active: z.number(),
  waiting_customer: z.number(),
  waiting_provider: z.number(),
  done: z.number(),
  open: z.number(),
  resolutionClock: z.number(),
});

export const caseTime = z
  .object({
    number: z.string(),
    business: minutes.meta({ description: 'Minutes on the org business calendar' }),
    wall: minutes.meta({ description: 'Clock minutes' }),
    resolutionClock: z.object({
      state: z.enum(['running', 'paused', 'stopped']),
      targetMinutes: z.number().nullable(),
      elapsedMinutes: z.number(),
      remainingMinutes: z.number().nullable(),
      dueAt: z.iso.datetime({ offset: true }).nullable(),
      breached: z.boolean(),
    }),
  })
  .meta({ id: 'CaseTime' });

const seenVersion = z.number().int().positive().meta({ description: 'The version you saw; a different current version answers 409 with the case as it is now' });

export const caseTake = z.object({ expectedVersion: seenVersion }).strict().meta({ id: 'CaseTake' });

export const caseAssignee = z
  .object({ staffId: z.uuid().meta({ description: 'The active staff member (support, manager or admin) who gets the case' }), expectedVersion: seenVersion })
  .strict()
  .meta({ id: 'CaseAssignee' });

export const caseOwnerResult = z
  .object({
    number: z.string(),
    status: z.enum(CASE_STATUSES),
    version: z.number().int(),
    ownerStaffId: z.uuid().nullable(),
    changed: z.boolean().meta({ description: 'false when the case was theirs already' }),
  })
  .meta({ id: 'CaseOwnerResult' });

export const caseMessage = z
  // LINE takes at most 5,000 characters in a text message.
  .object({ text: z.string().trim().min(1).max(5000), expectedVersion: seenVersion })
  .strict()
  .meta({ id: 'CaseMessage' });

export const caseMessageResult = z
  .object({ number: z.string(), version: z.number().int(), messageIds: z.array(z.uuid()).meta({ description: 'The outgoing messages queued (outbox)' }) })
  .meta({ id: 'CaseMessageResult' });

export const caseCorrection = z
  .object({
    caseType: z.string().trim().min(1).max(64).optional().meta({ description: "The right case type's key (support, managers, admins); its SLA targets replace the old ones, from the case's opening" }),
    severity: z.enum(SEVERITIES).optional().meta({ description: 'The right severity (managers and admins only)' }),
    reason: z.string().trim().min(1).max(CORRECTION_REASON_MAX).meta({ description: 'Why, for the timeline and the audit log' }),
    expectedVersion: seenVersion.optional(),
  })
  .strict()
  .refine((b) => b.caseType !== undefined || b.severity !== undefined, { message: 'Name a caseType or a severity to correct', path: ['caseType'] })
  .meta({ id: 'CaseCorrection' });

export const caseCorrectionResult = z
  .object({
    number: z.string(),
    status: z.enum(CASE_STATUSES),
    version: z.number().int(),
    caseType: z.string(),
    severity: z.enum(SEVERITIES),
    firstResponseDueAt: z.iso.datetime({ offset: true }).nullable(),
    resolutionDueAt: z.iso.datetime({ offset: true }).nullable(),
    breached: z.boolean().meta({ description: 'The resolution SLA is breached (a due time the correction put in the past is breached at once)' }),
    changed: z.boolean().meta({ description: 'false when the case had these already' }),
  })
  .meta({ id: 'CaseCorrectionResult' });

/** The ways a request names the case's customer: exactly one of them. */
export const CONTACT_SELECTORS = ['contactId', 'lineUserId', 'phone', 'email'] as const;

/**
 * A case opened from anywhere (`POST /api/v1/cases`, core/cases/case-requests.ts): the business's
 * system, a ticket, or staff by hand. The customer is named by exactly one selector; one not known
 * yet (LINE id, phone, e-mail) becomes a contact. Unknown fields are refused.
 */
export const caseCreate = z
  .object({
    source: z.enum(['api', 'manual', 'ticket']).meta({ description: "Where the case comes from: the business's system (`api`), staff by hand (`manual`), a ticket (`ticket`)" }),
    caseType: z.string().min(1).max(64).meta({ description: "One of the org's case types in use (GET /api/v1/case-types)" }),
    severity: z.enum(SEVERITIES).optional().meta({ description: "By default the case type's" }),
    summary: z.string().trim().min(1).max(1000),
    language: z.enum(['th', 'en']).optional().meta({ description: "What the customer is told in: by default the contact's, else the org's" }),
    fields: z
      .object({
        orderIds: z.array(z.string().trim().min(1).max(100)).max(20).optional().meta({ description: "The business's order ids, linked to the case (GET /api/v1/cases/by-order/:orderId)" }),
        amount: z.number().nonnegative().optional().meta({ description: 'Of the first order' }),
        currency: z.string().length(3).optional().meta({ description: 'THB unless said' }),
      })
      .strict()
      .optional()
      .meta({ description: "The case's details, as a chat case's are read from the customer's message" }),
    contactId: z.uuid().optional().meta({ description: "One of the org's contacts" }),
    lineUserId: z.string().regex(/^U[0-9a-f]{32}$/).optional().meta({ description: "A LINE user id on the org's LINE channel; a new one becomes a contact" }),
    phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/).optional().meta({ description: 'As people write it (`081-234-5678`) or E.164; kept in E.164; a new one becomes a contact' }),
    email: z.email().max(254).optional().meta({ description: 'A new one becomes a contact' }),
    contactName: z.string().trim().min(1).max(200).optional().meta({ description: 'The name of a contact made for this case' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    const given = CONTACT_SELECTORS.filter((k) => b[k] !== undefined);
    if (given.length === 1) return;
    const message = given.length ? `Name the customer by one of ${CONTACT_SELECTORS.join(', ')}, not ${given.join(' and ')}` : `Name the customer by one of ${CONTACT_SELECTORS.join(', ')}`;
    for (const path of given.length ? given : ['contactId']) ctx.addIssue({ code: 'custom', path: [path], message });
  })
  .meta({ id: 'CaseCreate' });

export const caseCreated = z
  .object({
    number: z.string().meta({ example: 'C-000123' }),
    status: z.enum(CASE_STATUSES),
    severity: z.string(),
    source: z.enum(['api', 'manual', 'ticket']),
    contactId: z.uuid(),
    contactCreated: z.boolean().meta({ description: 'A contact was made for this case (false on a replay)' }),
    customerNotified: z.boolean().meta({ description: 'The customer is told of the case on their chat (LINE, WhatsApp); false when they have none' }),
    firstResponseDueAt: z.iso.datetime({ offset: true }).nullable(),
    resolutionDueAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'CaseCreated' });
