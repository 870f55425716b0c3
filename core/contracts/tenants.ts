import { z } from 'zod';

/** The platform operator's API (`/platform/v1`): the businesses (orgs) one deployment serves. */

/** The starter kits: each a seed's own vocabulary (core/orgs/starter-kits.ts). */
export const STARTER_KITS = ['tour_operator', 'school', 'concierge', 'order_desk'] as const;
export const starterKit = z.enum(STARTER_KITS).meta({ id: 'StarterKit' });
export type StarterKit = z.infer<typeof starterKit>;

export const BUSINESS_TYPES = ['tour_operator', 'school', 'concierge', 'order_desk', 'other'] as const;
export const ORG_STATUSES = ['active', 'suspended', 'deleting'] as const;

const timeZone = z.string().trim().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. Asia/Bangkok');

export const orgCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Lower-case letters, digits and dashes; made from the name when left out. */
    slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63').optional(),
    timeZone: timeZone.default('Asia/Bangkok'),
    languages: z.array(z.enum(['th', 'en'])).min(1).max(2).default(['th', 'en']),
    businessType: z.enum(BUSINESS_TYPES),
    starterKit: starterKit.optional(),
    /** The org's own LINE Login channel, when its LIFF apps are its own (the `aud` of their ID tokens). */
    lineLoginChannelId: z.string().trim().regex(/^\d{6,20}$/, 'a LINE Login channel id (digits)').optional(),
    /** Also issue an admin API key for the business's own systems, shown once. */
    adminApiKey: z.boolean().default(false),
  })
  .meta({ id: 'OrgCreate' });

const limit = z.object({ points: z.number().int().min(1).max(1_000_000_000), seconds: z.number().int().min(1).max(86_400) }).strict();
/** The operator's limits for one org; a limit left out takes the deployment's default, null is none. */
export const orgLimits = z
  .object({
    api: limit.nullable().optional().meta({ description: "All of the org's API keys together (ORG_RATE_LIMIT_API by default)" }),
    botMessagesPerDay: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .nullable()
      .optional()
      .meta({ description: "Customer messages the bot reads (classifies) per day, in the org's time zone; past it, a customer's message goes to a person. Left out or null: no cap" }),
    storageMb: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .nullable()
      .optional()
      .meta({ description: "Media the business keeps (customers' files, staff uploads, e-mail attachments), in MiB (ORG_STORAGE_LIMIT_MB by default; null: none). Past it a new file is refused (409 storage_full for staff; noted on a customer's message, whose words still land)" }),
    llmTokensPerDay: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000_000)
      .nullable()
      .optional()
      .meta({ description: "LLM tokens the business's messages may use per day, in its time zone (ORG_LLM_TOKENS_PER_DAY by default; null: none). Past it the offline classifier reads its messages" }),
  })
  .strict()
  .meta({ id: 'OrgLimits' });

export const orgView = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    timeZone: z.string(),
    languages: z.array(z.enum(['th', 'en'])),
    businessType: z.string().nullable(),
    status: z.enum(ORG_STATUSES),
    isDefault: z.boolean(),
    starterKits: z.array(z.string()),
    lineLoginChannelId: z.string().nullable(),
    /** LINE, WhatsApp and SMS deliveries answered and not stored while the org was suspended or being deleted. */
    refusedDeliveries: z.number().int(),
    limits: orgLimits,
    suspendedAt: z.string().nullable(),
    deletionDueAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Org' });

export const orgCreated = orgView
  .extend({
    invitation: z.object({ url: z.string(), expiresAt: z.string() }),
    adminApiKey: z.string().optional(),
  })
  .meta({ id: 'OrgCreated' });

export const orgList = z.array(orgView).meta({ id: 'OrgList' });

/** The set-up checklist of a new business (core/orgs/org-setup.ts): each step, done or not. */
export const orgSetup = z
  .object({
    line: z.boolean(),
    whatsapp: z.boolean(),
    email: z.boolean(),
    hours: z.boolean(),
    staff: z.boolean(),
    starterKits: z.array(z.string()),
    businessType: z.string().nullable(),
  })
  .meta({ id: 'OrgSetup' });
export type OrgSetup = z.infer<typeof orgSetup>;

/** What a business uses against its limits now (null limit: none). */
export const orgUsage = z
  .object({
    storage: z.object({ usedBytes: z.number().int(), limitBytes: z.number().int().nullable() }),
    llmTokens: z.object({ today: z.number().int(), perDay: z.number().int().nullable() }),
    botMessages: z.object({ today: z.number().int(), perDay: z.number().int().nullable() }),
  })
  .meta({ id: 'OrgUsage' });
export type OrgUsage = z.infer<typeof orgUsage>;

/** Deliveries to the shared LINE webhook naming a bot no channel here has (counted, never stored). */
export const unknownDestinations = z
  .array(z.object({ destination: z.string(), deliveries: z.number().int(), firstSeenAt: z.string(), lastSeenAt: z.string() }))
  .meta({ id: 'UnknownLineDestinations' });

export const orgDeletion = z
  .object({
    /** How long the export is kept before every row of the org goes; 0: at once. */
    afterHours: z.number().int().min(0).max(24 * 90).default(72),
  })
  .meta({ id: 'OrgDeletion' });

export const orgDeletionScheduled = orgView.extend({ exportFile: z.string(), exportedRows: z.number().int() }).meta({ id: 'OrgDeletionScheduled' });

export const kitApply = z.object({ kit: starterKit }).meta({ id: 'StarterKitApply' });
export const kitApplied = z
  .object({
    kit: starterKit,
    /** What the kit added now; what the org already had under the same key is left as it is. */
    /** `texts`: starting texts worded for this kind of business (those no one had edited; language by language). */
    added: z.object({ caseTypes: z.number().int(), services: z.number().int(), providers: z.number().int(), faq: z.number().int(), bookingStages: z.boolean(), texts: z.number().int() }),
  })
  .meta({ id: 'StarterKitApplied' });

export const invitationAccepted = z
  .object({ org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }), staff: z.object({ id: z.uuid(), role: z.string(), displayName: z.string() }) })
  .meta({ id: 'InvitationAccepted' });
