import type { Knex } from 'knex';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The operator's cap on how many customer messages the bot reads for one business in a day
 * (`orgs.limits.botMessagesPerDay`, set with `PUT /platform/v1/orgs/:id/limits`). A message the
 * bot reads is one the classifier (the LLM, or the offline reader when the LLM fails) is asked
 * about, and every such reading is already kept in `classifications`, indexed by org and time: the
 * day's count is one indexed query, with no counter of its own to drift from what was read.
 * Messages the bot answers without reading (a booking form being filled in, a tap on a button)
 * cost no LLM call and are not counted.
 *
 * The cap is soft by the few messages read at the same moment as the last one under it: each
 * reading counts what was recorded before it.
 */
export async function botDailyLimitReached(db: Knex, o: { orgId: string; timeZone: string; now: Date }): Promise<boolean> {
  const org = await orgSettingsRow(db, o.orgId);
  const cap = (org?.limits as { botMessagesPerDay?: number | null } | undefined)?.botMessagesPerDay;
  if (cap === undefined || cap === null) return false;
  // The business's day: from its midnight, in its time zone.
  const [{ n }] = await db('classifications')
    .where({ org_id: o.orgId })
    .where('created_at', '>=', db.raw(`date_trunc('day', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ?`, [o.now.toISOString(), o.timeZone, o.timeZone]))
    .count({ n: '*' });
  return Number(n) >= cap;
}

/** Thrown by the bot's reading when the business has used its day's messages: the message goes to a person. */
export class BotDailyLimitReached extends Error {
  constructor() {
    super("The business's bot messages for today are used up");
  }
}
