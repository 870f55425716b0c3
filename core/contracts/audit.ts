import { z } from 'zod';

/** Request and response shapes of the audit log's reading (`GET /api/v1/audit`, docs/security.md). */

const dateOrInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/, 'must be a date (YYYY-MM-DD, in the org time zone) or an ISO 8601 instant with its offset');

export const AUDIT_ACTOR_TYPES = ['api_key', 'staff', 'system', 'customer'] as const;

export const auditQuery = z
  .object({
    actorType: z.enum(AUDIT_ACTOR_TYPES).optional().meta({ description: 'Who acted: an API key, a staff member, the system or a customer' }),
    actorId: z.string().min(1).max(200).optional().meta({ description: "The actor's id (with `actorType`)" }),
    entity: z.string().min(1).max(64).optional().meta({ description: 'What was changed: `case`, `booking`, `staff`, `org`, ...' }),
    entityId: z.string().min(1).max(200).optional().meta({ description: "The changed thing's id (with `entity`)" }),
    action: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9_.]+\*?$/, 'letters, digits, dots and underscores, with an optional * at the end')
      .optional()
      .meta({ description: 'An action (`case.type_changed`), or all actions that start so (`case.*`)' }),
    from: dateOrInstant.optional().meta({ description: 'From, inclusive: a date in the org time zone (its midnight) or an instant' }),
    to: dateOrInstant.optional().meta({ description: 'To: a date is inclusive (the whole day, org time zone); an instant is exclusive' }),
    limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: '1 to 500, default 100' }),
    cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page' }),
    format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: every matching entry as CSV, newest first (the same as `Accept: text/csv`)' }),
  })
  .strict()
  .refine((q) => !q.actorId || q.actorType, { path: ['actorId'], message: 'give actorType with actorId' })
  .refine((q) => !q.entityId || q.entity, { path: ['entityId'], message: 'give entity with entityId' })
  .meta({ id: 'AuditQuery' });

export const auditEntry = z
  .object({
    id: z.string(),
    at: z.iso.datetime({ offset: true }),
    actorType: z.enum(AUDIT_ACTOR_TYPES),
    actorId: z.string().nullable(),
    actorName: z.string().nullable().meta({ description: "The staff member's or the API key's name; null for the system, or one since deleted" }),
    action: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    entityName: z
      .object({ th: z.string(), en: z.string() })
      .nullable()
      .meta({ description: "What the entry is about, as the business calls it: a case's or booking's number, a case type's or service's names, a channel's, provider's, staff member's or key's name (the same in both languages where it has one); null where it has none" }),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = z
  .object({
    items: z.array(auditEntry),
    timeZone: z.string().meta({ description: "The org's time zone: the one `from` and `to` dates are read in" }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'AuditPage' });

export type AuditQuery = z.infer<typeof auditQuery>;
export type AuditEntry = z.infer<typeof auditEntry>;
