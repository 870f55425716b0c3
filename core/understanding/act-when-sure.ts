import type { Knex } from 'knex';

/**
 * "The bot acts when it is at least N % sure": the org's `actWhenSure` setting. The classifiers'
 * confidence is fitted per taxonomy to read as the chance that the reading is right (offline:
 * core/understanding/offline-classifier.ts, "what a score means, per taxonomy"), so the setting is
 * the threshold itself. What it does on real traffic, per set, is measured by `npm run eval`
 * (docs/understanding.md, "When the bot acts").
 */

/**
 * The bot's own level when the org has not set one: on the public sets, it acts on about three in
 * five in-scope messages and is wrong on a few percent of them in English (docs/understanding.md,
 * "When the bot acts"); at 50 % it was wrong one time in ten to five.
 */
export const DEFAULT_ACT_WHEN_SURE = 80;
/** An FAQ answer needs at least this, whatever the org's level (a weak match answers another question). */
export const FAQ_AT_LEAST = 55;

/** How many of last week's messages the bot would have acted on at a level, and how many it would have asked about or handed over. */
export interface ActPreview {
  sure: number;
  /** Messages read in the week: what the business is there for (bookings, problems, questions). */
  messages: number;
  acted: number;
  /** Asked back, or handed to a person. */
  notActed: number;
  since: string;
}

const PREVIEW_DAYS = 7;

/**
 * Last week's readings of customer messages (`classifications`, the latest per message), counted at
 * `sure` percent: those the bot would act on (a booking, a problem or a question it has an answer
 * for, at that confidence) and those it would not. Small talk is left out: it is greeted either way.
 */
export async function previewActWhenSure(db: Knex, orgId: string, sure: number, now = new Date()): Promise<ActPreview> {
  const since = new Date(now.getTime() - PREVIEW_DAYS * 86_400_000);
  const t = sure / 100;
  const faq = Math.max(sure, FAQ_AT_LEAST) / 100;
  const latest = db('classifications')
    .distinctOn('message_id')
    .select('message_id', 'kind', 'confidence', db.raw("result->>'faqKey' as faq_key"), db.raw("result->>'otherType' as other_type"))
    .where('org_id', orgId)
    .where('created_at', '>=', since)
    .whereNotNull('message_id')
    .orderBy([{ column: 'message_id' }, { column: 'id', order: 'desc' }])
    .as('latest');
  const row = await db
    .from(latest)
    .whereIn('kind', ['booking', 'case', 'question'])
    .select(
      db.raw('count(*)::int as messages'),
      db.raw(`count(*) filter (where (kind <> 'question' and confidence >= ?) or (kind = 'question' and faq_key is not null and confidence >= ?))::int as acted`, [t, faq]),
    )
    .first();
  const messages = Number(row?.messages ?? 0);
  const acted = Number(row?.acted ?? 0);
  return { sure, messages, acted, notActed: messages - acted, since: since.toISOString() };
}
