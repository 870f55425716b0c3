import { z } from 'zod';

/**
 * What the bot learned from staff, as the admin API and the Settings app show it
 * (core/understanding/learned-examples.ts, docs/understanding.md "Learning from staff").
 *
 * - `added`: in the class's example phrases (by the org's switch, or accepted by an admin);
 * - `suggested`: the switch is off; waits for an admin;
 * - `conflict`: another class has the same phrase already; an admin decides;
 * - `over_limit`: the staff member had taught the bot its daily limit already;
 * - `refused`: cannot be an example (`reason` says why); kept so the correction is not lost.
 */
export const LEARNED_STATUSES = ['added', 'suggested', 'conflict', 'over_limit', 'refused'] as const;
export type LearnedStatus = (typeof LEARNED_STATUSES)[number];
export const LEARNED_REASONS = ['empty', 'too_long', 'already_an_example', 'class_full', 'class_gone'] as const;
export type LearnedReason = (typeof LEARNED_REASONS)[number];
/** How many phrases one staff member may add by their corrections per org and day (the org's time zone). */
export const LEARNED_DAILY_LIMIT = 20;

const localized = z.object({ th: z.string(), en: z.string() });
const learnedClass = z.object({
  kind: z.enum(['case_type', 'service', 'faq']).meta({ description: "faq: a FAQ entry (learned as one more way of asking it, or in conflictWith: asked with the same words)" }),
  key: z.string(),
  name: localized.nullable().meta({ description: 'As the business named it; null when the entry is gone' }),
});

export const learnedExample = z
  .object({
    id: z.uuid(),
    text: z.string().meta({ description: "The customer's message, as they wrote it (cut to 600 characters when longer)" }),
    class: learnedClass.meta({ description: 'The class staff put the message in' }),
    status: z.enum(LEARNED_STATUSES),
    reason: z.enum(LEARNED_REASONS).nullable(),
    conflictWith: learnedClass.nullable().meta({ description: 'conflict: the class whose example phrases have the same text' }),
    source: z.enum(['case_correction', 'handover_case', 'handover_booking', 'handover_faq']).meta({
      description: "case_correction: a case's type corrected; handover_case / handover_booking / handover_faq: a message the bot handed over, answered with a case, a booking or a FAQ entry's answer",
    }),
    correctedBy: z.object({ staffId: z.string(), name: z.string() }).nullable(),
    correctedAt: z.string(),
    decidedAt: z.string().nullable().meta({ description: 'When an admin accepted it' }),
  })
  .meta({ id: 'LearnedExample' });
export type LearnedExampleView = z.infer<typeof learnedExample>;

export const learnedExampleList = z
  .object({
    learnFromStaff: z.boolean().meta({ description: 'The org setting: corrections are added at once (true) or only suggested' }),
    dailyLimit: z.number().int(),
    today: z
      .array(z.object({ staffId: z.string(), name: z.string(), learned: z.number().int() }))
      .meta({ description: "Per staff member, the phrases their corrections added today (the org's day), against dailyLimit" }),
    items: z.array(learnedExample).meta({ description: 'Newest correction first; removed ones are not listed' }),
  })
  .meta({ id: 'LearnedExampleList' });
export type LearnedExampleList = z.infer<typeof learnedExampleList>;

export const learnedExampleRemoved = z.object({ id: z.uuid(), removed: z.literal(true) }).meta({ id: 'LearnedExampleRemoved' });
export const learnFromStaffSwitch = z.object({ learnFromStaff: z.boolean() }).strict().meta({ id: 'LearnFromStaffSwitch' });
