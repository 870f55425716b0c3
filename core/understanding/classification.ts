import { z } from 'zod';
import type { Taxonomy } from './taxonomy.ts';

/**
 * What a classifier says about one customer message (issue: message understanding). Every
 * classifier, LLM or offline, answers in this shape, validated with zod at the edge.
 */
export const KINDS = ['booking', 'case', 'question', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * What an `other` message is, when the classifier can tell: a `greeting` ("hi", "สวัสดีค่ะ"),
 * `thanks` ("thank you", "ขอบคุณค่ะ"), other `small_talk` (ok, emoji, stickers, chatter), or
 * `out_of_scope`: unlike anything the business offers (and junk). Optional: older decisions leave
 * it out, and an LLM's answer may.
 */
export const OTHER_TYPES = ['greeting', 'thanks', 'small_talk', 'out_of_scope'] as const;
export type OtherType = (typeof OTHER_TYPES)[number];

export const extractedFieldsSchema = z
  .object({
    /** Order ids found by the org's patterns, in the order they appear. */
    orderIds: z.array(z.string()).optional(),
    /** An amount of money, in baht unless `currency` says otherwise. */
    amount: z.number().nonnegative().optional(),
    currency: z.string().length(3).optional(),
    /** A calendar date in the org's time zone, ISO `YYYY-MM-DD` (Buddhist-era years converted). */
    date: z.iso.date().optional(),
    /** A time of day, `HH:MM` (24 h). */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
    partySize: z.number().int().positive().optional(),
    /** E.164 where the country is known (+66 for Thai numbers). */
    phones: z.array(z.string()).optional(),
    emails: z.array(z.string()).optional(),
  })
  .strict();

export type ExtractedFields = z.infer<typeof extractedFieldsSchema>;

export const classificationSchema = z.object({
  kind: z.enum(KINDS),
  caseType: z.string().optional(),
  bookingType: z.string().optional(),
  /** The FAQ entry that answers a `question`, when one matches. */
  faqKey: z.string().optional(),
  /** With kind `other` only: what it is (see `OTHER_TYPES`). */
  otherType: z.enum(OTHER_TYPES).optional(),
  /**
   * The reading close behind this one, when there is one: another case type, service or FAQ entry
   * (`key`) of a kind. When unsure, the bot asks "did you mean this or that?" rather than guessing.
   */
  alternative: z.object({ kind: z.enum(['booking', 'case', 'question']), key: z.string() }).optional(),
  /** 0..1; what the router compares with its thresholds. */
  confidence: z.number().min(0).max(1),
  language: z.enum(['th', 'en']),
  fields: extractedFieldsSchema,
});

export type Classification = z.infer<typeof classificationSchema>;

export interface ClassifyInput {
  text: string;
  taxonomy: Taxonomy;
  /** For relative dates ("tomorrow", "พรุ่งนี้"): now, and the org's time zone. */
  now?: Date;
  timeZone?: string;
  /** The org's order-id patterns (regular expression sources); a default is used without them. */
  orderIdPatterns?: string[];
}

export interface Classifier {
  /** `offline`, `openai`, `gemini`: stored with every decision. */
  readonly provider: string;
  readonly model: string;
  classify(input: ClassifyInput): Promise<Classification>;
}
