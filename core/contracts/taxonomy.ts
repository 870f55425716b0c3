import { z } from 'zod';
import { CASE_CATEGORIES, SEVERITIES } from '../vocabulary.ts';
import { evenWithOtherIssues } from './all-issues.ts';
import { bookingFormFields, serviceHours } from './booking-form.ts';

/**
 * The business's own taxonomy as the admin API shows and accepts it: case types, bookable
 * services and FAQ entries. The classifier reads the same rows (core/understanding/org-taxonomy.ts),
 * so a write here is used from the next customer message on.
 *
 * Example phrases go in as one list (or as `{ th, en }`) and are stored and shown sorted by
 * script: a phrase with Thai letters is Thai, any other is English.
 */

// ---------------------------------------------------------------- building blocks

/** The database checks `^[a-z][a-z0-9_.]*$` on case types and services; new keys are plain lower snake case. */
export const taxonomyKey = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case: a letter a-z, then a-z, 0-9 or _')
  .meta({ example: 'lost_voucher' });

const line = (max: number) => z.string().trim().min(1).max(max);
/** Free text that may be cleared with null (an empty string is stored as null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null));

const localizedName = z.object({ th: line(100), en: line(100) }).strict();

const keywords = z
  .array(line(100))
  .max(100)
  .meta({ description: 'Words and short phrases that point at this entry, in Thai or English' });

/** The longest example phrase, in characters, and the most phrases a list takes (the learned examples keep to both too). */
export const EXAMPLE_MAX_CHARS = 500;
export const EXAMPLES_MAX = 200;
const phrase = line(EXAMPLE_MAX_CHARS);
const examplesIn = z
  .union([z.array(phrase).max(EXAMPLES_MAX), z.object({ th: z.array(phrase).max(EXAMPLES_MAX).optional(), en: z.array(phrase).max(EXAMPLES_MAX).optional() }).strict()])
  .meta({ description: 'Example customer messages; sorted into Thai and English by script (Thai letters: Thai)' });
const examplesOut = z.object({ th: z.array(z.string()), en: z.array(z.string()) });

const minutes = z.number().int().min(1).max(525_600);
const sortOrder = z.number().int().min(-1_000_000).max(1_000_000);

const notifyPatch = z
  .object({
    created: z.boolean(),
    workStarted: z.boolean(),
    waitingCustomer: z.boolean(),
    resolved: z.boolean(),
    satisfaction: z.boolean().meta({ description: 'Ask the customer to rate the case (1 to 5, then a comment) when it is resolved, once per case; off for a new case type' }),
  })
  .partial()
  .strict()
  .meta({ description: 'Customer notifications; switches left out keep their value (on for a new case type, but satisfaction: off)' });
const notifyOut = z.object({ created: z.boolean(), workStarted: z.boolean(), waitingCustomer: z.boolean(), resolved: z.boolean(), satisfaction: z.boolean() });

const escalationPatch = z
  .object({
    notifyManagers: z.boolean(),
    /** One step up (low -> normal -> high -> critical). */
    raiseSeverity: z.boolean(),
    reassignTo: z.uuid().nullable().meta({ description: 'A staff id of the org to hand the case to, or null to keep the owner' }),
  })
  .partial()
  .strict()
  .meta({ description: 'What happens when a case misses its SLA; fields left out keep their value' });
const escalationOut = z.object({ notifyManagers: z.boolean(), raiseSeverity: z.boolean(), reassignTo: z.string().nullable() });

/** NUMERIC(12,2): a number or a decimal string, never rounded; shown as a string ("1500.00"). */
const money = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = typeof v === 'number' ? String(v) : v.trim();
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'must be an amount of at least 0 with at most 2 decimals, e.g. 1500 or "1500.00"' });
    return z.NEVER;
  }
  return s;
});

const timestamp = z.iso.datetime({ offset: true });

export const listQuery = z.object({
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Also list deactivated entries' }),
});

// ---------------------------------------------------------------- case types

const caseTypeFields = {
  name: localizedName,
  category: z.enum(CASE_CATEGORIES),
  defaultSeverity: z.enum(SEVERITIES),
  firstResponseMinutes: minutes.meta({ description: 'SLA: minutes to the first answer from staff' }),
  resolutionMinutes: minutes.meta({ description: 'SLA: minutes to resolution; at least the first-response minutes' }),
  requiresProvider: z.boolean(),
  requiresOrderId: z.boolean(),
  notify: notifyPatch,
  escalation: escalationPatch,
  warnAtRatio: z.number().gt(0).lt(1).meta({ description: 'The SLA warning fires when this share of the time is used' }),
  keywords,
  examples: examplesIn,
  description: optionalText(2000),
  sop: optionalText(10_000).meta({ description: 'The standard way to handle it, shown to staff when a case opens' }),
  sortOrder,
};

const minutesInOrder = (v: { firstResponseMinutes?: number; resolutionMinutes?: number }, ctx: z.RefinementCtx) => {
  if (v.firstResponseMinutes !== undefined && v.resolutionMinutes !== undefined && v.resolutionMinutes < v.firstResponseMinutes) {
    ctx.addIssue({ code: 'custom', path: ['resolutionMinutes'], message: 'must be at least firstResponseMinutes' });
  }
};

export const caseTypeCreate = z
  .object({
    key: taxonomyKey,
    ...caseTypeFields,
    category: caseTypeFields.category.default('other'),
    defaultSeverity: caseTypeFields.defaultSeverity.default('normal'),
    requiresProvider: z.boolean().default(false),
    requiresOrderId: z.boolean().default(false),
    notify: caseTypeFields.notify.optional(),
    escalation: caseTypeFields.escalation.optional(),
    warnAtRatio: caseTypeFields.warnAtRatio.optional(),
    keywords: keywords.default([]),
    examples: examplesIn.default([]),
    description: caseTypeFields.description.optional(),
    sop: caseTypeFields.sop.optional(),
    sortOrder: sortOrder.optional(),
  })
  .strict()
  .superRefine(minutesInOrder)
  .meta({ id: 'CaseTypeCreate' });

export const caseTypeUpdate = z
  .object({ ...caseTypeFields, name: localizedName.partial(), isActive: z.boolean() })
  .partial()
  .strict()
  .superRefine(minutesInOrder)
  .meta({ id: 'CaseTypeUpdate', description: 'Only the fields given change; the key stays' });

export const caseType = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.object({ th: z.string(), en: z.string() }),
    category: z.enum(CASE_CATEGORIES),
    defaultSeverity: z.enum(SEVERITIES),
    firstResponseMinutes: z.number().int(),
    resolutionMinutes: z.number().int(),
    requiresProvider: z.boolean(),
    requiresOrderId: z.boolean(),
    notify: notifyOut,
    escalation: escalationOut,
    warnAtRatio: z.number(),
    keywords: z.array(z.string()),
    examples: examplesOut,
    description: z.string().nullable(),
    sop: z.string().nullable(),
    isActive: z.boolean(),
    sortOrder: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'CaseType' });

export const caseTypeList = z.array(caseType).meta({ id: 'CaseTypeList' });

// ---------------------------------------------------------------- bookable services

const serviceFields = {
  name: localizedName,
  description: optionalText(2000),
  durationMinutes: minutes.nullable(),
  capacity: z.number().int().min(1).max(100_000).nullable().meta({ description: 'Places per slot; null: not limited' }),
  price: money.nullable(),
  costMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().meta({ description: 'What one person of this service costs the business, in minor units of its currency (for the margin per booking in the finance view); null: not known' }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as THB'),
  keywords,
  examples: examplesIn,
  sortOrder,
  formFields: bookingFormFields.nullable(),
  hours: serviceHours,
};

export const serviceCreate = z
  .object({
    key: taxonomyKey,
    ...serviceFields,
    description: serviceFields.description.optional(),
    durationMinutes: serviceFields.durationMinutes.optional(),
    capacity: serviceFields.capacity.optional(),
    price: serviceFields.price.optional(),
    costMinor: serviceFields.costMinor.optional(),
    currency: serviceFields.currency.default('THB'),
    keywords: keywords.default([]),
    examples: examplesIn.default([]),
    sortOrder: sortOrder.optional(),
    formFields: serviceFields.formFields.optional(),
    hours: serviceFields.hours.optional(),
  })
  .strict()
  .meta({ id: 'BookableServiceCreate' });

export const serviceUpdate = z
  .object({ ...serviceFields, name: localizedName.partial(), isActive: z.boolean() })
  .partial()
  .strict()
  .meta({ id: 'BookableServiceUpdate', description: 'Only the fields given change; the key stays' });

export const service = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.object({ th: z.string(), en: z.string() }),
    description: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    capacity: z.number().int().nullable(),
    price: z.string().nullable().meta({ example: '1500.00' }),
    costMinor: z.number().int().nullable(),
    currency: z.string(),
    keywords: z.array(z.string()),
    examples: examplesOut,
    isActive: z.boolean(),
    sortOrder: z.number().int(),
    formFields: bookingFormFields.nullable(),
    hours: serviceHours,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'BookableService' });

export const serviceList = z.array(service).meta({ id: 'BookableServiceList' });

// ---------------------------------------------------------------- FAQ

const faqQuestion = z
  .object({ th: line(500).nullable(), en: line(500).nullable() })
  .partial()
  .strict()
  .meta({ description: 'The question in Thai, English or both (at least one); each may hold several ways of asking it, one per line (faq-phrasings.ts)' });

export const faqCreate = z
  .object({
    key: taxonomyKey,
    question: faqQuestion.refine((q) => Boolean(q.th || q.en), { message: 'needs th, en or both', ...evenWithOtherIssues }),
    answer: z.object({ th: line(2000), en: line(2000) }).strict(),
    keywords: keywords.default([]),
  })
  .strict()
  .meta({ id: 'FaqEntryCreate' });

export const faqUpdate = z
  .object({
    question: faqQuestion,
    answer: z.object({ th: line(2000), en: line(2000) }).partial().strict(),
    keywords,
    isActive: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'FaqEntryUpdate', description: 'Only the fields given change (per language for question and answer); the key stays' });

export const faqEntry = z
  .object({
    id: z.uuid(),
    key: z.string(),
    question: z.object({ th: z.string().nullable(), en: z.string().nullable() }),
    answer: z.object({ th: z.string(), en: z.string() }),
    keywords: z.array(z.string()),
    isActive: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'FaqEntry' });

export const faqList = z.array(faqEntry).meta({ id: 'FaqEntryList' });

// ---------------------------------------------------------------- how the classifier reads it

const entryKind = z.enum(['case', 'booking', 'question']).meta({ description: 'case: a case type; booking: a bookable service; question: a FAQ entry' });
const entryRef = z.object({ kind: entryKind, key: z.string() });

export const taxonomyCheck = z
  .object({
    classifier: z.string().meta({ description: 'The offline classifier that read the phrases (it also answers whenever an AI model cannot)', example: 'offline/ngram-knn-v13' }),
    phrases: z.number().int().meta({ description: 'Example phrases read, over all active entries' }),
    recognised: z.number().int().meta({ description: 'Of those, read as their own entry' }),
    enoughPhrases: z.number().int().meta({ description: 'Example phrases an entry should have at least: with fewer it is hard to recognise' }),
    entries: z.array(
      entryRef.extend({
        name: z.object({ th: z.string().optional(), en: z.string().optional() }).meta({ description: 'Its name; for a FAQ entry, its question' }),
        phrases: z.number().int(),
        recognised: z.number().int(),
        misread: z.array(
          z.object({
            text: z.string(),
            readAs: z.object({
              kind: z.enum(['booking', 'case', 'question', 'other']),
              key: z.string().optional().meta({ description: 'The entry it was taken for; left out when it was taken for small talk or something the business does not do' }),
            }),
          }),
        ),
      }),
    ),
    lookAlike: z
      .array(z.object({ a: entryRef, b: entryRef, phrases: z.number().int().meta({ description: 'Phrases of either read as the other' }) }))
      .meta({ description: 'Pairs of entries the classifier confuses, most confused first (at most 10)' }),
  })
  .meta({
    id: 'TaxonomyCheck',
    description:
      'Every example phrase of the active taxonomy read as if the classifier had never seen it (left out of its own entry): which are taken for another entry, and which entries look alike to it',
  });

export type TaxonomyCheck = z.infer<typeof taxonomyCheck>;

export type CaseTypeCreate = z.infer<typeof caseTypeCreate>;
export type CaseTypeUpdate = z.infer<typeof caseTypeUpdate>;
export type CaseTypeView = z.infer<typeof caseType>;
export type ServiceCreate = z.infer<typeof serviceCreate>;
export type ServiceUpdate = z.infer<typeof serviceUpdate>;
export type ServiceView = z.infer<typeof service>;
export type FaqCreate = z.infer<typeof faqCreate>;
export type FaqUpdate = z.infer<typeof faqUpdate>;
export type FaqView = z.infer<typeof faqEntry>;
export type ExamplesInput = z.infer<typeof examplesIn>;

export const actPreviewQuery = z.object({
  sure: z.coerce
    .number()
    .int()
    .min(50)
    .max(99)
    .meta({ description: 'The level to try, in percent (as the `actWhenSure` setting): the bot acts when it is at least this sure', example: 90 }),
});

export const actPreview = z
  .object({
    sure: z.number().int().meta({ description: 'The level tried, in percent' }),
    messages: z.number().int().meta({ description: "Last week's customer messages read as a booking, a problem or a question (small talk is greeted at any level)" }),
    acted: z.number().int().meta({ description: 'Of those, the bot would have acted on by itself at this level: a case opened with its type, a booking started, a FAQ answer' }),
    notActed: z.number().int().meta({ description: 'The rest: the customer is asked back, or a person answers' }),
    since: z.iso.datetime().meta({ description: 'Start of the week counted' }),
  })
  .meta({ id: 'ActPreview', description: "What a level of `actWhenSure` would have done with last week's messages" });
