import { z } from 'zod';
import { BUILT_IN_ROOT_CAUSES } from '../vocabulary.ts';
import { analyticsRules, scoreWeights } from './analytics.ts';


/**
 * The org's settings as the admin API shows and accepts them. They live in `orgs.settings` (jsonb)
 * and `orgs.time_zone`; each is read where it acts (named in its description). A value is refused
 * here rather than ignored there: the readers fall back to the default on anything odd, which
 * would make a typo look like it was taken.
 */

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const builtIn = new Set<string>(BUILT_IN_ROOT_CAUSES);

/** A Thai tax id is 13 digits; a branch is the head office or a five-digit branch number (Revenue Code section 86/4). */
export const taxId = z.string().regex(/^\d{13}$/, 'must be a Thai tax id: 13 digits');
export const taxBranch = z.union([z.literal('head_office'), z.string().regex(/^\d{5}$/, "must be 'head_office' or a five-digit branch number")]);

const documentSeller = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ description: 'The registered name, as on the VAT registration' }),
    address: z.string().trim().min(1).max(500),
    taxId: taxId.nullable(),
    branch: taxBranch.nullable().meta({ description: "'head_office' (สำนักงานใหญ่) or the branch number, 00001" }),
    vatRegistered: z.boolean().meta({ description: 'Registered for VAT: documents charge 7 % and tax invoices may be issued' }),
    abbreviatedTaxInvoiceMaxMinor: z
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .nullable()
      .optional()
      .meta({ description: 'The largest total (minor units, VAT included) an abbreviated tax invoice may have; above it staff issue a full tax invoice naming the buyer. Unset: no limit' }),
  })
  .strict();

export const orgSettingFields = {
  reopenWindowHours: z
    .number()
    .int()
    .min(1)
    .max(720)
    .meta({ description: 'A customer reply this many hours after their case was resolved reopens it (bot/conversation-router.ts); 72 unless set' }),
  orderIdPatterns: z
    .array(
      z
        .string()
        .min(1)
        // Whether the extractor can use it is checked where it is stored (core/orgs/org-settings.ts).
        .max(200),
    )
    .max(20)
    .meta({
      description:
        "Regular expressions (sources, matched case-insensitively) for the business's order ids; the first capture group is the id when there is one. Empty: the built-in patterns",
    }),
  rootCauses: z
    .array(
      z
        .string()
        .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a key in lower snake case (2 to 40 characters)')
        .refine((k) => !builtIn.has(k), { message: `is a built-in root cause (${BUILT_IN_ROOT_CAUSES.join(', ')})` }),
    )
    .max(20)
    .refine((keys) => new Set(keys).size === keys.length, { message: 'has a root cause twice' })
    .meta({ description: `The org's own root causes for closing a case, besides the built-in ${BUILT_IN_ROOT_CAUSES.join(', ')}` }),
  topupCreditWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .meta({ description: 'How long a paid top-up may take to be credited before a case is opened (core/payments/payment-rules.ts); 10 unless set' }),
  actWhenSure: z
    .number()
    .int()
    .min(50)
    .max(99)
    .meta({
      description:
        'How sure the bot must be, in percent, to act on a message by itself (open a case of a type, start a booking, answer from the FAQ); below it the customer is asked back or a person answers (bot/conversation/decision.ts). 80 unless set',
    }),
  signStaffReplies: z.boolean().meta({ description: "Staff replies relayed to customers end with the staff member's display name; false unless set" }),
  digestTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 00:00 to 23:59')
    .meta({ description: "When the managers' daily digest is posted, in the org's time zone; 09:00 unless set" }),
  staffScoreWeights: scoreWeights.meta({
    description: 'Weights of the staff score in /api/v1/analytics/staff-performance (whole numbers adding up to 100); SLA 40, speed 30, load 20, customer impact 10 unless set',
  }),
  analyticsRules: analyticsRules.meta({
    description: 'The rules behind the provider risk level, system-debt items and abuse flags in /api/v1/analytics (docs/analytics.md); all three parts are given together',
  }),
  publicFormLimit: z
    .object({ requests: z.number().int().min(1).max(100_000), seconds: z.number().int().min(1).max(86_400) })
    .strict()
    .nullable()
    .meta({
      description:
        "The org's own limit on its public booking form (POST /public/v1/bookings), per client address: at most `requests` in `seconds`; over it, 429 with Retry-After. Applies on top of the deployment's RATE_LIMIT_PUBLIC; null (the default): the deployment's PUBLIC_FORM_LIMIT (30 in 600 s unless set)",
    }),
  bookingFormOrigins: z
    .array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'an origin: https://www.example.com, no path'))
    .max(20)
    .meta({
      description:
        "The business's own websites (origins) whose pages may show the booking form (/liff/book) in an iframe; no other site may frame it. Empty (the default): only this server's own pages",
    }),
  inboundEventRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .meta({
      description:
        "Days the raw events LINE and WhatsApp sent (message text, the customer's ids) are kept once processed; the workers delete older ones. The messages made from them stay. 30 unless set",
    }),
  // Per org, on top of each case type's own switches: a notice goes out only when both are on.
  customerNotices: z
    .object({
      workStarted: z.boolean().meta({ description: 'Tell the customer when staff start work on their case (and when it is reopened)' }),
      waitingCustomer: z.boolean().meta({ description: 'Tell the customer when their case waits for an answer from them' }),
      resolved: z.boolean().meta({ description: 'Tell the customer when their case is resolved' }),
      satisfaction: z.boolean().meta({ description: 'Ask the customer to rate a resolved case (where its case type asks)' }),
    })
    .strict()
    .meta({
      description:
        "Which customer notifications the org sends (core/cases/case-notifications.ts, case-satisfaction.ts); all on unless set. The acknowledgement of a new case always goes: it answers the customer's own message",
    }),
  responseTimes: z
    .object({
      firstResponseMinutes: z.number().int().min(1).max(10_080).meta({ description: 'Business minutes from a customer starting to wait for a person to the first staff reply' }),
      nextResponseMinutes: z.number().int().min(1).max(10_080).meta({ description: 'Business minutes from a customer writing again (while a person holds the conversation) to the next staff reply' }),
      warnAtRatio: z.number().gt(0).lt(1).meta({ description: 'Warn when this share of the time is used (0.75: at three quarters)' }),
    })
    .strict()
    .meta({
      description:
        "The inbox's response times on the org's business calendar (core/conversations/response-clock.ts, docs/inbox.md): the holder, or the support groups, are warned before and told at a breach; first response 15, next response 30, warning at 0.75 unless set",
    }),
  providerHealth: z
    .object({
      failedOrders: z.number().int().min(1).max(100_000).meta({ description: 'This many of a provider\'s orders failed within the window flags it at risk' }),
      windowMinutes: z.number().int().min(1).max(10_080).meta({ description: 'The window, in minutes up to now, by when each order failed in the main system' }),
      autoPause: z.boolean().meta({ description: 'Pause the provider at once when it is flagged (no new case goes to it until a manager unpauses it)' }),
    })
    .strict()
    .meta({
      description:
        "Provider health from the orders the main system reports (core/providers/provider-health.ts, docs/cases.md): a provider whose failed orders reach the threshold within the window is flagged at risk on its timeline and the managers are told; with autoPause it is paused too. 5 failed orders in 60 minutes, no automatic pause unless set",
    }),
  waitlistOfferMinutes: z.number().int().min(5).max(10_080).meta({
    description:
      "How long a seat freed on a full session is held for the first customer on its waitlist to accept (docs/bookings.md, \"The waitlist\"); then it goes to the next in line. 120 minutes unless set",
  }),
  paymentRule: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('full') }).strict(),
      z.object({ kind: z.literal('deposit_percent'), percent: z.number().int().min(1).max(99) }).strict(),
      z.object({ kind: z.literal('deposit_fixed'), amountMinor: z.number().int().min(1).max(1e12) }).strict(),
    ])
    .meta({
      description:
        "What a booking's first payment link asks for (core/checkout/amount-due.ts, docs/money.md): the whole amount, a deposit of a percentage, or a fixed deposit in minor units (satang); later links ask for the balance. The whole amount unless set",
    }),
  balanceReminderDays: z.number().int().min(1).max(60).meta({
    description:
      "How many days before a booking's date a customer who paid a deposit and still owes the balance is reminded, with a fresh payment link when Stripe is set up (core/checkout/balance-reminders.ts, docs/money.md). 3 days unless set",
  }),
  membership: z
    .object({
      pointsPerBaht: z.number().min(0).max(100).multipleOf(0.01).meta({ description: 'Points a member earns for each baht paid for a package or a booking from the wallet (two decimals: 0.1 is a point per 10 baht)' }),
      tiers: z
        .array(
          z
            .object({
              key: z.string().regex(/^[a-z][a-z0-9_]*$/).max(32),
              nameTh: z.string().trim().min(1).max(60),
              nameEn: z.string().trim().min(1).max(60),
              minPoints: z.number().int().min(0).max(1e9).meta({ description: 'Points earned in all (not the balance: spending or expiring keeps the tier) from which a member is of this tier' }),
            })
            .strict(),
        )
        .max(10)
        .meta({ description: 'Tiers, by the points a member earned in all; a member is of the highest tier they reach, none below the lowest' }),
      cancelCreditHours: z.number().int().min(0).max(24 * 30).meta({ description: 'A booking paid by a credit or the wallet and cancelled at least this many hours before its session gets its credit or money back; later, or a no-show, spends it' }),
      adjustmentApprovalAbove: z
        .object({
          credits: z.number().int().min(0).max(1000),
          walletMinor: z.number().int().min(0).max(1e12),
          points: z.number().int().min(0).max(1e9),
        })
        .strict()
        .meta({ description: 'A hand adjustment larger than this (either way) waits for a manager or an admin to approve it before it is posted' }),
      expiryNoticeDays: z.number().int().min(1).max(60).meta({ description: 'Days before a package sold runs out that its member is told what is left of it' }),
      pointsExpireMonths: z
        .number()
        .int()
        .min(1)
        .max(120)
        .nullable()
        .optional()
        .meta({ description: 'Points expire this many months after they were earned (the oldest are spent first); the member is told `expiryNoticeDays` before. Unset: points do not expire' }),
      tierWindowMonths: z
        .number()
        .int()
        .min(1)
        .max(60)
        .nullable()
        .optional()
        .meta({ description: 'Tiers are measured by the points earned in this many last months, so a tier may move down as points age (the member is told each move, up or down). Unset: by the points earned in all, and a tier never moves down' }),
    })
    .strict()
    .meta({
      description:
        'Members, their points, tiers and credits (core/members/, docs/members.md). Unless set: 1 point per baht, no tiers, credits back up to 24 hours before, manager approval above 5 credits, 1,000 baht or 1,000 points, notice 7 days before expiry, points that do not expire, tiers by points earned in all',
    }),
  learnFromStaff: z.boolean().meta({
    description:
      "When staff correct a case's type, or answer a message the bot handed over with a case or a booking, the customer's message is added to that class's example phrases at once (core/understanding/learned-examples.ts, GET /api/v1/taxonomy/learned); off: it is only suggested, for an admin to accept. On unless set",
  }),
  // Staff-side events of seed 004 section 4.7.3, each switched on or off by the org's admins (4.7.5).
  staffAlerts: z
    .object({
      slaWarning: z.boolean().meta({ description: "Warn the case's owner (or its groups) before the SLA is missed" }),
      escalated: z.boolean().meta({ description: "Tell the managers' groups when a missed SLA escalates a case" }),
      paymentAlert: z.boolean().meta({ description: 'Alert the case\'s groups when a payment or top-up goes wrong (e.g. paid but not credited)' }),
      providerOverdue: z
        .boolean()
        .optional()
        .meta({ description: "Tell the case's owner (or its groups) when its provider has not answered within the provider's time to answer; on unless set" }),
    })
    .strict()
    .meta({ description: 'Which staff alerts the org sends (core/staff/staff-alerts.ts); all on unless set. Case cards in the groups always go' }),
  documentSeller: documentSeller.nullable().meta({
    description:
      "The seller printed on the org's receipts, invoices, tax invoices and credit notes (core/documents/, docs/documents.md), copied onto each document when it is issued. A tax invoice needs it with a tax id and vatRegistered. Null (the default): documents name the org and charge no VAT",
  }),
};

export type CustomerNotices = z.infer<typeof orgSettingFields.customerNotices>;
export const ALL_CUSTOMER_NOTICES_ON: CustomerNotices = { workStarted: true, waitingCustomer: true, resolved: true, satisfaction: true };

/** The org's switches as stored (orgs.settings), or all on when unset or not valid. */
export function customerNoticesOf(settings: unknown): CustomerNotices {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).customerNotices : undefined;
  const parsed = orgSettingFields.customerNotices.safeParse(stored);
  return parsed.success ? parsed.data : ALL_CUSTOMER_NOTICES_ON;
}

export type StaffAlerts = z.infer<typeof orgSettingFields.staffAlerts>;
export const ALL_STAFF_ALERTS_ON: StaffAlerts = { slaWarning: true, escalated: true, paymentAlert: true, providerOverdue: true };

/** The org's staff-alert switches as stored (orgs.settings), or all on when unset or not valid. */
export function staffAlertsOf(settings: unknown): StaffAlerts {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).staffAlerts : undefined;
  const parsed = orgSettingFields.staffAlerts.safeParse(stored);
  return parsed.success ? parsed.data : ALL_STAFF_ALERTS_ON;
}

export type ResponseTimes = z.infer<typeof orgSettingFields.responseTimes>;
export const DEFAULT_RESPONSE_TIMES: ResponseTimes = { firstResponseMinutes: 15, nextResponseMinutes: 30, warnAtRatio: 0.75 };

/** The org's inbox response times as stored (orgs.settings), or the defaults when unset or not valid. */
export function responseTimesOf(settings: unknown): ResponseTimes {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).responseTimes : undefined;
  const parsed = orgSettingFields.responseTimes.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_RESPONSE_TIMES;
}

/** How long a waitlist offer holds its seats unless the org sets `waitlistOfferMinutes` (core/bookings/session-waitlist.ts). */
export const DEFAULT_WAITLIST_OFFER_MINUTES = 120;

/** The org's waitlist offer time as stored (orgs.settings), or the default. */
export function waitlistOfferMinutesOf(settings: unknown): number {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).waitlistOfferMinutes : undefined;
  const parsed = orgSettingFields.waitlistOfferMinutes.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_WAITLIST_OFFER_MINUTES;
}

/** Whether corrections by staff become example phrases at once (on unless set to false). */
export function learnFromStaffOf(settings: unknown): boolean {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).learnFromStaff : undefined;
  return typeof stored === 'boolean' ? stored : true;
}

export type PaymentRule = z.infer<typeof orgSettingFields.paymentRule>;
export const DEFAULT_PAYMENT_RULE: PaymentRule = { kind: 'full' };

/** The org's payment rule as stored (orgs.settings), or the whole amount when unset or not valid. */
export function paymentRuleOf(settings: unknown): PaymentRule {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).paymentRule : undefined;
  const parsed = orgSettingFields.paymentRule.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_PAYMENT_RULE;
}

/** Days before the booking's date the balance reminder goes, unless the org sets `balanceReminderDays`. */
export const DEFAULT_BALANCE_REMINDER_DAYS = 3;

/** The org's balance reminder lead time as stored (orgs.settings), or the default. */
export function balanceReminderDaysOf(settings: unknown): number {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).balanceReminderDays : undefined;
  const parsed = orgSettingFields.balanceReminderDays.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_BALANCE_REMINDER_DAYS;
}

export type ProviderHealth = z.infer<typeof orgSettingFields.providerHealth>;
export const DEFAULT_PROVIDER_HEALTH: ProviderHealth = { failedOrders: 5, windowMinutes: 60, autoPause: false };

/** The org's provider-health rule as stored (orgs.settings), or the default when unset or not valid. */
export function providerHealthOf(settings: unknown): ProviderHealth {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).providerHealth : undefined;
  const parsed = orgSettingFields.providerHealth.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_PROVIDER_HEALTH;
}

export type DocumentSeller = z.infer<typeof documentSeller>;

/** The org's seller details as stored (orgs.settings), or null when unset or not valid. */
export function documentSellerOf(settings: unknown): DocumentSeller | null {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).documentSeller : undefined;
  const parsed = documentSeller.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export type Membership = z.infer<typeof orgSettingFields.membership>;
export const DEFAULT_MEMBERSHIP: Membership = {
  pointsPerBaht: 1,
  tiers: [],
  cancelCreditHours: 24,
  adjustmentApprovalAbove: { credits: 5, walletMinor: 100_000, points: 1000 },
  expiryNoticeDays: 7,
};

/** The org's membership rules as stored (orgs.settings), or the defaults when unset or not valid. */
export function membershipOf(settings: unknown): Membership {
  const stored = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).membership : undefined;
  const parsed = orgSettingFields.membership.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_MEMBERSHIP;
}

export type OrgSettingKey = keyof typeof orgSettingFields;
export const ORG_SETTING_KEYS = Object.keys(orgSettingFields) as OrgSettingKey[];

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(validTimeZone, { message: 'is not a time zone this server knows (an IANA name like Asia/Bangkok)' })
  .meta({ description: 'IANA time zone of the business: due times, business hours and the digest time are read in it' });

const nullToDefault = <T extends z.ZodType>(s: T) => s.nullable().optional();

export const orgSettingsUpdate = z
  .object({
    reopenWindowHours: nullToDefault(orgSettingFields.reopenWindowHours),
    orderIdPatterns: nullToDefault(orgSettingFields.orderIdPatterns),
    rootCauses: nullToDefault(orgSettingFields.rootCauses),
    topupCreditWindowMinutes: nullToDefault(orgSettingFields.topupCreditWindowMinutes),
    actWhenSure: nullToDefault(orgSettingFields.actWhenSure),
    signStaffReplies: nullToDefault(orgSettingFields.signStaffReplies),
    digestTime: nullToDefault(orgSettingFields.digestTime),
    staffScoreWeights: nullToDefault(orgSettingFields.staffScoreWeights),
    analyticsRules: nullToDefault(orgSettingFields.analyticsRules),
    publicFormLimit: nullToDefault(orgSettingFields.publicFormLimit),
    inboundEventRetentionDays: nullToDefault(orgSettingFields.inboundEventRetentionDays),
    bookingFormOrigins: nullToDefault(orgSettingFields.bookingFormOrigins),
    customerNotices: nullToDefault(orgSettingFields.customerNotices),
    staffAlerts: nullToDefault(orgSettingFields.staffAlerts),
    responseTimes: nullToDefault(orgSettingFields.responseTimes),
    waitlistOfferMinutes: nullToDefault(orgSettingFields.waitlistOfferMinutes),
    learnFromStaff: nullToDefault(orgSettingFields.learnFromStaff),
    providerHealth: nullToDefault(orgSettingFields.providerHealth),
    paymentRule: nullToDefault(orgSettingFields.paymentRule),
    balanceReminderDays: nullToDefault(orgSettingFields.balanceReminderDays),
    membership: nullToDefault(orgSettingFields.membership),
    documentSeller: nullToDefault(orgSettingFields.documentSeller),
    timeZone: timeZone.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ id: 'OrgSettingsUpdate', description: 'Only the settings given change; null puts a setting back to its default. Other keys stored in the settings are kept' });

export type OrgSettingsUpdate = z.infer<typeof orgSettingsUpdate>;

export const orgSettings = z
  .object({ ...orgSettingFields, timeZone })
  .meta({ id: 'OrgSettings', description: 'Every setting with the value in effect (its default when the org has not set it)' });

export type OrgSettingsView = z.infer<typeof orgSettings>;
