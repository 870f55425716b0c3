import type { Knex } from 'knex';
import { counterValue } from '../org-counters.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The limits per business that the platform operator sets (docs/tenants.md, "Limits per
 * business"): a deployment default from the environment, and an org's own in `orgs.limits`, set
 * with `PUT /platform/v1/orgs/:id/limits`. A key present in the org's limits is its own (null: no
 * limit for it); a key left out takes the default.
 */
export interface OrgLimitDefaults {
  /** ORG_STORAGE_LIMIT_MB: the media a business may keep (customers' files, staff uploads, mail). */
  storageMb: number | null;
  /** ORG_LLM_TOKENS_PER_DAY: the LLM tokens a business's messages may use in its day. */
  llmTokensPerDay: number | null;
}

export const NO_LIMIT_DEFAULTS: OrgLimitDefaults = { storageMb: null, llmTokensPerDay: null };

/** The `org_counters` name of the bytes of media a business keeps. */
export const MEDIA_BYTES = 'media_bytes';
export const MB = 1024 * 1024;

type Db = Knex | Knex.Transaction;

export async function limitsOf(db: Db, orgId: string): Promise<Record<string, unknown>> {
  return (await orgSettingsRow(db, orgId))?.limits ?? {};
}

/** The limit in effect: the org's own when it has one (null: none), else the default. */
export function effectiveLimit(own: Record<string, unknown>, key: keyof OrgLimitDefaults, defaults: OrgLimitDefaults): number | null {
  return key in own ? ((own[key] as number | null) ?? null) : defaults[key];
}

/** The start of the business's day now, as SQL: its midnight in its time zone. */
export const startOfOrgDay = (db: Db, now: Date, timeZone: string) =>
  db.raw(`date_trunc('day', ?::timestamptz AT TIME ZONE ?) AT TIME ZONE ?`, [now.toISOString(), timeZone, timeZone]);

/**
 * The LLM tokens a business's readings used today, as the providers reported them (stored with
 * each reading in `classifications.llm_tokens`, indexed by org and time): no counter of its own.
 */
export async function llmTokensToday(db: Db, o: { orgId: string; timeZone: string; now: Date }): Promise<number> {
  const [{ n }] = await db('classifications').where({ org_id: o.orgId }).where('created_at', '>=', startOfOrgDay(db, o.now, o.timeZone)).sum({ n: 'llm_tokens' });
  return Number(n ?? 0);
}

/**
 * Whether the business may ask the LLM now: under its day's token budget. Soft by the readings
 * under way at the same moment: each counts what was recorded before it.
 */
export async function llmBudgetLeft(db: Db, o: { orgId: string; timeZone: string; now: Date }, defaults: OrgLimitDefaults): Promise<boolean> {
  const budget = effectiveLimit(await limitsOf(db, o.orgId), 'llmTokensPerDay', defaults);
  if (budget === null) return true;
  return (await llmTokensToday(db, o)) < budget;
}

/** What a business uses against its limits, for its Settings and for the operator. */
export interface OrgUsage {
  storage: { usedBytes: number; limitBytes: number | null };
  llmTokens: { today: number; perDay: number | null };
  botMessages: { today: number; perDay: number | null };
}

export async function orgUsage(db: Db, orgId: string, now: Date, defaults: OrgLimitDefaults): Promise<OrgUsage> {
  const org = await orgSettingsRow(db, orgId);
  const own = (org?.limits as Record<string, unknown> | undefined) ?? {};
  const day = { orgId, timeZone: org?.time_zone ?? 'Asia/Bangkok', now };
  const [{ n: read }] = await db('classifications').where({ org_id: orgId }).where('created_at', '>=', startOfOrgDay(db, now, day.timeZone)).count({ n: '*' });
  const storageMb = effectiveLimit(own, 'storageMb', defaults);
  return {
    storage: { usedBytes: await counterValue(db, orgId, MEDIA_BYTES), limitBytes: storageMb === null ? null : storageMb * MB },
    llmTokens: { today: await llmTokensToday(db, day), perDay: effectiveLimit(own, 'llmTokensPerDay', defaults) },
    botMessages: { today: Number(read), perDay: (own.botMessagesPerDay as number | null | undefined) ?? null },
  };
}
