import { z } from 'zod';
import { CASE_STATUSES, CORRECTION_REASON_MAX, SEVERITIES } from '../vocabulary.ts';

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

export const caseDetail = caseSummary
  .extend({
    rootCause: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()),
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
