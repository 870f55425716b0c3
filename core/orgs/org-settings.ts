import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DEFAULT_ANALYTICS_RULES, DEFAULT_SCORE_WEIGHTS } from '../contracts/analytics.ts';
import { ALL_CUSTOMER_NOTICES_ON, ALL_STAFF_ALERTS_ON, DEFAULT_BALANCE_REMINDER_DAYS, DEFAULT_MEMBERSHIP, DEFAULT_PAYMENT_RULE, DEFAULT_PROVIDER_HEALTH, DEFAULT_RESPONSE_TIMES, DEFAULT_WAITLIST_OFFER_MINUTES, ORG_SETTING_KEYS, orgSettingFields, type OrgSettingsUpdate, type OrgSettingsView } from '../contracts/org-settings.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import { orderIdPatternProblem } from '../understanding/fields/order-ids.ts';
import { REOPEN_WINDOW_HOURS } from '../cases/case-status.ts';
import { INBOUND_EVENT_RETENTION_DAYS } from '../inbound/inbound-events.ts';
import { DEFAULT_CREDIT_WINDOW_MINUTES } from '../payments/payment-rules.ts';
import { DEFAULT_DIGEST_TIME } from '../staff/managers-digest.ts';
import { DEFAULT_ACT_WHEN_SURE } from '../understanding/act-when-sure.ts';
import { changingOrg, orgCachedShared, orgSettingsRow } from '../db/org-cache.ts';

/**
 * The org's settings: `orgs.settings` (jsonb, read by each feature where it acts) and
 * `orgs.time_zone`. The defaults are the readers' own, so what the API shows is what they use.
 * A write merges into the stored object: keys this module does not know (a feature's newer
 * setting, an operator's note) are kept.
 */

type Db = Knex | Knex.Transaction;
type Settings = Omit<OrgSettingsView, 'timeZone'>;

export const ORG_SETTING_DEFAULTS: Settings = {
  reopenWindowHours: REOPEN_WINDOW_HOURS,
  orderIdPatterns: [],
  rootCauses: [],
  topupCreditWindowMinutes: DEFAULT_CREDIT_WINDOW_MINUTES,
  actWhenSure: DEFAULT_ACT_WHEN_SURE,
  signStaffReplies: false,
  digestTime: DEFAULT_DIGEST_TIME,
  staffScoreWeights: { ...DEFAULT_SCORE_WEIGHTS },
  analyticsRules: DEFAULT_ANALYTICS_RULES,
  publicFormLimit: null,
  inboundEventRetentionDays: INBOUND_EVENT_RETENTION_DAYS,
  bookingFormOrigins: [],
  customerNotices: ALL_CUSTOMER_NOTICES_ON,
  staffAlerts: ALL_STAFF_ALERTS_ON,
  responseTimes: DEFAULT_RESPONSE_TIMES,
  learnFromStaff: true,
  waitlistOfferMinutes: DEFAULT_WAITLIST_OFFER_MINUTES,
  providerHealth: DEFAULT_PROVIDER_HEALTH,
  paymentRule: DEFAULT_PAYMENT_RULE,
  balanceReminderDays: DEFAULT_BALANCE_REMINDER_DAYS,
  membership: DEFAULT_MEMBERSHIP,
  documentSeller: null,
};

export interface OrgSettingsWriter {
  orgId: string;
  actor: { type: 'api_key' | 'staff' | 'system'; id?: string | null };
  requestId?: string;
}

/** Each setting as in effect: the stored value, or the default when it is unset or not a valid value (set by hand). */
function effective(stored: Record<string, unknown> | null, timeZone: string): OrgSettingsView {
  const out = { ...ORG_SETTING_DEFAULTS } as Record<string, unknown>;
  for (const key of ORG_SETTING_KEYS) {
    const parsed = orgSettingFields[key].safeParse(stored?.[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return { ...(out as Settings), timeZone };
}

/**
 * The org's settings as in effect. Kept as worked out, frozen, beside the row they come from
 * (core/db/org-cache.ts, dropped with it when the org changes): each setting's check is a parse,
 * and a customer's message reads the settings several times (#41: with the row's copy for each
 * reader, 4 % of the message path's processor time). A reader that tried to change them would
 * fail at once.
 */
export async function readOrgSettings(db: Db, orgId: string): Promise<OrgSettingsView> {
  const view = await orgCachedShared(db, 'settings-view', orgId, async (q) => {
    const org = await orgSettingsRow(q, orgId);
    return org ? effective(org.settings, org.time_zone) : undefined;
  });
  if (!view) throw notFound('Org', { orgId });
  return view as OrgSettingsView;
}

/** A pattern is accepted only when the order-id extractor would use it as it is. */
function refuseUnusablePatterns(patterns: readonly string[] | null | undefined): void {
  const problems = (patterns ?? []).flatMap((source, i) => {
    const problem = orderIdPatternProblem(source);
    return problem ? [{ path: `orderIdPatterns.${i}`, message: `order id pattern \`${source}\` ${problem}` }] : [];
  });
  if (problems.length) throw validationFailed('The request body is not valid', problems);
}

/**
 * Applies a validated change (null: back to the default, i.e. the key is removed) in one
 * transaction with its audit row, which names the keys whose value changed, before and after.
 * The row is locked so two concurrent changes both land.
 */
export async function updateOrgSettings(knex: Knex, w: OrgSettingsWriter, change: OrgSettingsUpdate): Promise<OrgSettingsView> {
  refuseUnusablePatterns(change.orderIdPatterns);
  // This process reads the change at once; the others when its notification comes (core/db/org-cache.ts).
  return changingOrg(knex, w.orgId, async (trx) => {
    const org = await trx('orgs').select('settings', 'time_zone').where({ id: w.orgId }).forUpdate().first();
    if (!org) throw notFound('Org', { orgId: w.orgId });
    const stored: Record<string, unknown> = { ...(org.settings ?? {}) };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};

    for (const key of ORG_SETTING_KEYS) {
      if (!(key in change)) continue;
      const value = change[key];
      if (JSON.stringify(stored[key] ?? null) === JSON.stringify(value ?? null)) continue;
      before[key] = stored[key] ?? null;
      after[key] = value ?? null;
      if (value === null || value === undefined) delete stored[key];
      else stored[key] = value;
    }
    const timeZone = change.timeZone ?? org.time_zone;
    if (timeZone !== org.time_zone) {
      before.timeZone = org.time_zone;
      after.timeZone = timeZone;
    }

    const changed = Object.keys(after);
    if (changed.length > 0) {
      await trx('orgs').where({ id: w.orgId }).update({ settings: JSON.stringify(stored), time_zone: timeZone });
      await recordAudit(trx, {
        orgId: w.orgId,
        actorType: w.actor.type,
        actorId: w.actor.id,
        action: 'org.settings_updated',
        subjectType: 'org',
        subjectId: w.orgId,
        details: { changed, before, after },
        requestId: w.requestId,
      });
    }
    return effective(stored, timeZone);
  });
}
