import { z } from 'zod';
import { roles } from '../access/roles.ts';

/** Request and response shapes of the platform endpoints; the OpenAPI document is built from these. */

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'not_found' }),
      message: z.string(),
      details: z.unknown().nullable(),
    }),
  })
  .meta({ id: 'Error' });

export const health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({ database: z.boolean(), queue: z.boolean(), disk: z.boolean() }),
    /** Why a check failed, for the operator: e.g. "no connection free (53300 too many connections)". */
    reasons: z.object({ database: z.string().optional(), queue: z.string().optional(), disk: z.string().optional() }).optional(),
    queueBackend: z.enum(['redis', 'postgres']),
  })
  .meta({ id: 'Readiness' });

export const role = z.enum(roles).meta({ id: 'Role' });

export const me = z
  .object({
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), timeZone: z.string() }),
    apiKey: z.object({ id: z.uuid(), name: z.string(), role }),
  })
  .meta({ id: 'Me' });

export const apiKeyCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    role,
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'When the key stops working; never, unless given. Must be in the future.' }),
    staffId: z.uuid().optional().meta({ description: 'The staff member the key belongs to; a support key of a staff member sees and changes only their bookings and those nobody has' }),
  })
  .strict()
  .meta({ id: 'ApiKeyCreate' });

export const apiKeySummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role,
    keyPrefix: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApiKey' });

export const apiKeyList = z.array(apiKeySummary).meta({ id: 'ApiKeyList' });

export const apiKeyIssued = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role,
    keyPrefix: z.string(),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
    key: z.string().meta({ description: 'Shown once; only its hash is stored.' }),
  })
  .meta({ id: 'ApiKeyIssued' });

export const outboxQuery = z.object({
  status: z.enum(['pending', 'enqueued', 'done', 'failed']).default('failed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const outboxEntry = z
  .object({
    id: z.uuid(),
    queue: z.string(),
    jobName: z.string(),
    status: z.enum(['pending', 'enqueued', 'done', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    failedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'OutboxEntry' });

export const outboxList = z.array(outboxEntry).meta({ id: 'OutboxList' });
