import { z } from 'zod';
import { CASE_CATEGORIES, CASE_SOURCES, CASE_STATUSES, SEVERITIES } from '../vocabulary.ts';

/**
 * Analytics as the API shows them (`/api/v1/analytics/*`). Every endpoint takes the same query:
 * a period (from/to or a preset, in the org's time zone) and the same filters. Unknown query keys
 * are refused (422), so a misspelt filter never silently answers for the whole org.
 */

export const PERIOD_PRESETS = ['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month', 'last_7_days', 'last_30_days', 'last_90_days'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The longest period one request may cover. */
export const MAX_PERIOD_DAYS = 366;

export const TREND_GRANULARITIES = ['day', 'week', 'month'] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];

const dateOrInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/, 'must be a date (YYYY-MM-DD, in the org time zone) or an ISO 8601 instant with its offset');

/** Query keys every analytics endpoint accepts. */
export const analyticsFilterFields = {
  from: dateOrInstant.optional().meta({ description: 'Start of the period, inclusive: a date in the org time zone (its midnight) or an instant' }),
  to: dateOrInstant.optional().meta({ description: 'End of the period: a date is inclusive (the whole day, org time zone); an instant is exclusive' }),
  preset: z.enum(PERIOD_PRESETS).optional().meta({ description: 'A named period in the org time zone (weeks start on Monday); last_30_days unless from/to is given' }),
  team: z.uuid().optional().meta({ description: "A staff group's id: the cases its routing takes (case types, categories, severities, languages, providers, VIP)" }),
  caseType: z.string().min(1).max(64).optional().meta({ description: 'A case type key' }),
  category: z.enum(CASE_CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  channel: z.enum(CASE_SOURCES).optional().meta({ description: 'Where the case came from (line, whatsapp, web, api, staff, system, manual, ticket)' }),
  provider: z.string().min(1).max(64).optional().meta({ description: 'A provider key: the cases that depend on it' }),
  owner: z.uuid().optional().meta({ description: "A staff member's id: the cases they own now (a support member signed in to the LIFF dashboard reads only their own)" }),
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: the table as CSV (the same as `Accept: text/csv`)' }),
  table: z.string().min(1).max(40).optional().meta({ description: "With CSV: which of the endpoint's tables (each endpoint names them; its first one unless given)" }),
  granularity: z.enum(TREND_GRANULARITIES).optional().meta({ description: 'Trend buckets: day, week (Monday) or month, in the org time zone; day unless given' }),
};

export const analyticsQuery = z.object(analyticsFilterFields).strict().meta({ id: 'AnalyticsQuery' });
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/** The drill-down: the cases behind one figure. */
export const DRILL_FIGURES = [
  'cases',
  'taken',
  'first_response.met',
  'first_response.missed',
  'first_response.pending',
  'resolution.met',
  'resolution.missed',
  'resolution.pending',
  'open_breaches',
  'resolved',
  'waiting_customer',
  'waiting_provider',
  'reopened',
  'critical',
  'refunded',
  'cancelled',
  'provider_issue',
  'csat.asked',
  'csat.answered',
  'csat.satisfied',
  'csat.unsatisfied',
  'csat.commented',
  'open',
  'unassigned',
  'breaching_soon',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export const drillQuery = z
  .object({
    ...analyticsFilterFields,
    figure: z.enum(DRILL_FIGURES).default('cases').meta({ description: 'Which figure: the cases it counts' }),
    rootCause: z.string().min(1).max(64).optional().meta({ description: 'Only the cases closed with this root cause' }),
    contact: z.uuid().optional().meta({ description: 'Only the cases of this customer (abuse evidence)' }),
    staff: z.uuid().optional().meta({ description: 'Only the cases this staff member owns now (with figure=taken: the cases they took)' }),
    limit: z.coerce.number().int().min(1).max(1000).default(500).meta({ description: 'At most this many cases in a JSON page (the CSV has them all)' }),
    after: z.string().min(1).max(32).optional().meta({ description: 'The page after this case number (the previous page’s `next`)' }),
    bucket: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be the first day of a trend bucket, YYYY-MM-DD').optional().meta({ description: 'Only the cases opened in this trend bucket (with granularity)' }),
    status: z.enum(CASE_STATUSES).optional().meta({ description: 'Only the cases in this status now (the live queue)' }),
  })
  .strict()
  .meta({ id: 'AnalyticsDrillQuery' });
export type DrillQuery = z.infer<typeof drillQuery>;

const minutesPair = z.object({ business: z.number().nullable(), calendar: z.number().nullable() });

const figure = z.object({ value: z.number().nullable(), drill: z.string().meta({ description: 'GET this path for the case numbers behind the figure' }) });

export const analyticsPeriod = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  timeZone: z.string(),
  filters: z.record(z.string(), z.string()),
});

export const caseTimeRow = z.object({
  number: z.string(),
  caseType: z.string(),
  status: z.string(),
  severity: z.string(),
  openedAt: z.iso.datetime({ offset: true }),
  firstResponse: minutesPair,
  queue: minutesPair,
  active: minutesPair,
  waitingCustomer: minutesPair,
  waitingProvider: minutesPair,
  resolution: minutesPair.meta({ description: 'From opening to resolution (null while open): all time the case was open' }),
});

export const timeTracking = z
  .object({
    period: analyticsPeriod,
    cases: figure,
    whereTheTimeWent: z.array(
      z.object({ bucket: z.string(), whose: z.string(), business: z.number(), calendar: z.number(), share: z.number().nullable(), cases: figure }),
    ),
    averages: z.record(z.string(), minutesPair),
    perCase: z.array(caseTimeRow),
    perCaseTruncated: z.boolean(),
  })
  .meta({ id: 'AnalyticsTimeTracking' });

const clockFigures = z.object({
  met: figure,
  missed: figure,
  pending: figure,
  complianceRate: z.number().nullable(),
  averageMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});

export const slaReport = z
  .object({
    period: analyticsPeriod,
    cases: figure,
    firstResponse: clockFigures,
    resolution: clockFigures,
    openBreachesNow: figure,
    trend: z.array(
      z.object({ bucket: z.string(), cases: figure, met: z.number(), missed: z.number(), complianceRate: z.number().nullable(), averageResponseMinutes: z.number().nullable(), averageResolutionMinutes: z.number().nullable() }),
    ),
  })
  .meta({ id: 'AnalyticsSla' });

const scorePart = z.object({ value: z.number().nullable(), weight: z.number(), points: z.number(), rule: z.string() });

export const SCORE_PARTS = ['sla', 'speed', 'load', 'customerImpact'] as const;

/** `reason` is an English sentence for API readers; the other fields are its parts, for pages that word it in their reader's language. */
export const topPerformer = z
  .object({
    staffId: z.uuid(),
    name: z.string(),
    score: z.number(),
    strongest: z.object({ part: z.enum(SCORE_PARTS), value: z.number() }).meta({ description: 'The part of the score that earned the most points, and its value (0-100)' }),
    casesOwned: z.number().int(),
    reason: z.string().meta({ description: 'In English: "score 87; strongest part: SLA compliance 95 (12 cases owned)"' }),
  })
  .meta({ id: 'AnalyticsTopPerformer' });

const bottleneckBase = { staffId: z.uuid(), name: z.string(), reason: z.string().meta({ description: 'In English, from kind and the numbers' }), drill: z.string() };
export const bottleneck = z
  .discriminatedUnion('kind', [
    z.object({ ...bottleneckBase, kind: z.literal('breachesNow'), count: z.number().int().meta({ description: 'Open cases they own past SLA now' }) }),
    z.object({
      ...bottleneckBase,
      kind: z.literal('missedSla'),
      count: z.number().int().meta({ description: 'Cases in the period whose SLA they missed' }),
      of: z.number().int().meta({ description: 'Cases in the period whose SLA was met or missed' }),
      withinRate: z.number().meta({ description: 'Share within SLA (0-1), under 0.8' }),
    }),
  ])
  .meta({ id: 'AnalyticsBottleneck' });

export const staffPerformance = z
  .object({
    period: analyticsPeriod,
    weights: z.object({ sla: z.number(), speed: z.number(), load: z.number(), customerImpact: z.number() }),
    staff: z.array(
      z.object({
        staffId: z.uuid(),
        name: z.string(),
        role: z.string(),
        casesTaken: figure,
        casesOwned: figure,
        withinSlaRate: z.number().nullable(),
        averageResponseMinutes: z.number().nullable(),
        averageResolutionMinutes: z.number().nullable(),
        criticalHandled: figure,
        score: z.number(),
        parts: z.object({ sla: scorePart, speed: scorePart, load: scorePart, customerImpact: scorePart }),
        previous: z.object({ score: z.number().nullable(), casesOwned: z.number(), withinSlaRate: z.number().nullable() }),
        change: z.object({ score: z.number().nullable(), casesOwned: z.number(), withinSlaRate: z.number().nullable() }),
      }),
    ),
    topPerformers: z.array(topPerformer),
    bottlenecks: z.array(bottleneck),
  })
  .meta({ id: 'AnalyticsStaffPerformance' });

const severityCounts = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, figure])) as Record<(typeof SEVERITIES)[number], typeof figure>);

export const queueReport = z
  .object({
    period: analyticsPeriod.meta({ description: 'The filters applied; the queue is every case open now, whenever it opened' }),
    at: z.iso.datetime({ offset: true }),
    open: figure,
    unassigned: figure.meta({ description: 'Open with nobody working on it' }),
    breachingSoon: figure.meta({ description: "Open, no clock missed yet, and a clock past its case type's warning share of the target" }),
    breached: figure.meta({ description: 'Open with a clock already missed (open_breaches)' }),
    bySeverity: severityCounts,
    byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), cases: figure, bySeverity: severityCounts })),
    oldestOpenMinutes: z.number().nullable().meta({ description: 'Calendar minutes since the oldest open case opened' }),
  })
  .meta({ id: 'AnalyticsQueue' });

export const drillResult = z
  .object({
    figure: z.string(),
    period: analyticsPeriod,
    count: z.number().meta({ description: 'All the cases behind the figure' }),
    cases: z.array(z.object({ number: z.string(), caseType: z.string(), status: z.string(), openedAt: z.string() })).meta({ description: 'One page, by case number' }),
    next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last' }),
  })
  .meta({ id: 'AnalyticsDrill' });

export const scoreWeights = z
  .object({
    sla: z.number().int().min(0).max(100),
    speed: z.number().int().min(0).max(100),
    load: z.number().int().min(0).max(100),
    customerImpact: z.number().int().min(0).max(100),
  })
  .strict()
  .refine((w) => w.sla + w.speed + w.load + w.customerImpact === 100, { message: 'the four weights must add up to 100' });

export const DEFAULT_SCORE_WEIGHTS = { sla: 40, speed: 30, load: 20, customerImpact: 10 } as const;

/** The rules behind the provider risk level, system debt and abuse flags: the org reads and tunes them (org settings `analyticsRules`). */
export const analyticsRules = z
  .object({
    provider: z
      .object({
        minCases: z.number().int().min(1).max(10_000).meta({ description: 'Fewer cases than this in the period: low risk, whatever the rates' }),
        highFaultShare: z.number().min(0).max(1).meta({ description: "High when at least this share of its cases closed as the provider's fault (root cause provider_issue)" }),
        mediumFaultShare: z.number().min(0).max(1),
        highMissedShare: z.number().min(0).max(1).meta({ description: 'High when at least this share of its decided cases missed the resolution SLA' }),
        mediumMissedShare: z.number().min(0).max(1),
        highRefundCancelShare: z.number().min(0).max(1).meta({ description: 'High when at least this share of its cases ended with the order refunded or cancelled' }),
        repeatThreshold: z.number().int().min(2).max(1000).meta({ description: 'Flagged when the same case type closes as its fault this many times in the period' }),
      })
      .strict(),
    systemDebt: z
      .object({
        threshold: z.number().int().min(2).max(10_000).meta({ description: 'A case type and root cause that repeats this often in the period becomes a system-debt item' }),
        quietDays: z.number().int().min(1).max(365).meta({ description: 'An item with no new case in its last this-many days of the period is closed' }),
      })
      .strict(),
    abuse: z
      .object({
        minCases: z.number().int().min(2).max(10_000).meta({ description: 'A customer is flagged only from this many cases in the period' }),
        sigmas: z.number().min(0).max(20).meta({ description: 'and only above the peers’ mean by this many standard deviations' }),
        refunds: z.number().int().min(1).max(10_000).meta({ description: 'This many refunded orders on their cases in the period is a risky refund pattern' }),
      })
      .strict(),
  })
  .strict();
export type AnalyticsRules = z.infer<typeof analyticsRules>;

export const DEFAULT_ANALYTICS_RULES: AnalyticsRules = {
  provider: { minCases: 5, highFaultShare: 0.5, mediumFaultShare: 0.25, highMissedShare: 0.5, mediumMissedShare: 0.2, highRefundCancelShare: 0.3, repeatThreshold: 3 },
  systemDebt: { threshold: 5, quietDays: 7 },
  abuse: { minCases: 3, sigmas: 3, refunds: 2 },
};

const loose = (id: string, description: string) => z.object({ period: analyticsPeriod }).loose().meta({ id, description });
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const PROVIDER_RISK_RULES = ['fewCases', 'faultShare', 'missedShare', 'refundCancelShare', 'repeats', 'failingOrders'] as const;

/** One part of a provider's risk level, for pages that word it in their reader's language; `riskReasons` says the same in English. */
export const providerRiskPart = z
  .object({
    rule: z.enum(PROVIDER_RISK_RULES).meta({
      description:
        "fewCases: fewer cases than minCases, low whatever the rates; faultShare, missedShare, refundCancelShare: the share at or above its threshold; repeats: the same case type closed as its fault this many times; failingOrders: its failed orders crossed the org's provider-health threshold in the period (orders_failing on its timeline), high whatever its cases",
    }),
    value: z.number().meta({ description: 'The cases (fewCases), the share 0-1 (the three shares), the times (repeats) or the most failed orders in one window (failingOrders)' }),
    threshold: z.number().meta({ description: "The rule it met: minCases, the share 0-1 for this level, repeatThreshold, or the org's failed-orders threshold" }),
    windowMinutes: z.number().int().optional().meta({ description: 'failingOrders: the window the orders failed within' }),
    level: z.enum(RISK_LEVELS).meta({ description: 'The level this part gives: low (fewCases), medium or high; repeats gives medium, failingOrders high' }),
  })
  .meta({ id: 'AnalyticsProviderRiskPart' });

const providerNamed = { provider: z.string(), name: z.string(), riskLevel: z.enum(RISK_LEVELS) };
export const providersReport = z
  .object({
    period: analyticsPeriod,
    providers: z.array(
      z
        .object({
          ...providerNamed,
          riskReasons: z.array(z.string()).meta({ description: 'In English: "67 % of its cases were its fault (high from 50 %)"' }),
          riskParts: z.array(providerRiskPart).meta({ description: 'The same reasons in parts, in the same order' }),
        })
        .loose(),
    ),
  })
  .loose()
  .meta({ id: 'AnalyticsProviders', description: 'rule: the risk rule in effect; providers: one row per provider, riskiest first' });
export const systemDebtReport = loose('AnalyticsSystemDebt', 'rule; items: the system-debt items; rootCauses: cases per case type and root cause; trend: the same per day, week or month (granularity)');
export const abuseReport = loose('AnalyticsAbuse', 'rule; peers: the customers with cases in the period; flagged: the customers flagged high risk with the evidence');
export const csatReport = loose(
  'AnalyticsCsat',
  'asked, answered, responseRate, averageScore, csatScore (share of answers 4 or 5), satisfied, unsatisfied, distribution; byStaff, byCaseType, trend (each asked, answered, responseRate, averageScore, csatScore, drill); comments (newest first, up to 500)',
);
export const ceoView = z
  .object({
    period: analyticsPeriod,
    // The providers report's rows above low risk, with their level the period before; `reasons` in English, `reasonParts` the same in parts.
    providersToFix: z.array(
      z
        .object({
          ...providerNamed,
          previousRiskLevel: z.enum(RISK_LEVELS),
          reasons: z.array(z.string()),
          reasonParts: z.array(providerRiskPart),
        })
        .loose(),
    ),
    // The staff performance report's top performers and bottlenecks, each performer with the score of the period before.
    team: z.object({
      topPerformers: z.array(topPerformer.extend({ previousScore: z.number().nullable(), change: z.number().nullable() })),
      bottlenecks: z.array(bottleneck),
    }),
  })
  .loose()
  .meta({ id: 'AnalyticsCeo', description: 'health, topSystemDebt, providersToFix, team (topPerformers, bottlenecks), thisWeek and thisMonth (now, previous, change)' });

// ------------------------------------------------------------------------------ bookings

export const BOOKING_SOURCES_FOR_ANALYTICS = ['line', 'whatsapp', 'web', 'api', 'liff', 'staff'] as const;
/** The sales path a funnel follows; a booking counts at a step when it reached it or any later one. */
export const BOOKING_FUNNEL_STEPS = ['new', 'contacted', 'quoted', 'confirmed', 'completed'] as const;
export const BOOKING_DRILL_FIGURES = [
  'bookings',
  'reached.new',
  'reached.contacted',
  'reached.quoted',
  'reached.confirmed',
  'reached.completed',
  'lost',
  'declined',
  'cancelled',
  'open',
  'first_contact.done',
  'first_contact.pending',
  'quote.sent',
  'quote.pending',
  'quote.accepted',
  'quote.declined',
  'revenue',
  'revenue.without_amount',
] as const;
export type BookingDrillFigure = (typeof BOOKING_DRILL_FIGURES)[number];

const utmValue = z.string().min(1).max(200);
/** Query keys of the bookings figures: the period, and the bookings' own filters (the case filters do not apply). */
export const bookingsFilterFields = {
  from: analyticsFilterFields.from,
  to: analyticsFilterFields.to,
  preset: analyticsFilterFields.preset,
  format: analyticsFilterFields.format,
  table: analyticsFilterFields.table,
  source: z.enum(BOOKING_SOURCES_FOR_ANALYTICS).optional().meta({ description: 'Where the booking came from (line, whatsapp, web, api, liff, staff)' }),
  service: z.string().min(1).max(64).optional().meta({ description: "A service's key" }),
  assignee: z.uuid().optional().meta({ description: 'A staff member: the bookings assigned to them now' }),
  utmSource: utmValue.optional().meta({ description: 'utm_source as the booking arrived with it; `(none)` for none' }),
  utmMedium: utmValue.optional().meta({ description: 'utm_medium; `(none)` for none' }),
  utmCampaign: utmValue.optional().meta({ description: 'utm_campaign; `(none)` for none' }),
};
export const bookingsQuery = z.object(bookingsFilterFields).strict().meta({ id: 'AnalyticsBookingsQuery' });
export type BookingsQuery = z.infer<typeof bookingsQuery>;

export const bookingsDrillQuery = z
  .object({ ...bookingsFilterFields, figure: z.enum(BOOKING_DRILL_FIGURES).default('bookings').meta({ description: 'Which figure: the bookings it counts' }), currency: z.string().regex(/^[A-Z]{3}$/).optional().meta({ description: 'With figure=revenue: only this currency' }) })
  .strict()
  .meta({ id: 'AnalyticsBookingsDrillQuery' });
export type BookingsDrillQuery = z.infer<typeof bookingsDrillQuery>;

const money = z.object({ currency: z.string(), amountMinor: z.number(), amount: z.number(), bookings: figure });
const timing = z.object({
  done: figure,
  pending: figure,
  averageBusinessMinutes: z.number().nullable(),
  averageCalendarMinutes: z.number().nullable(),
  p90BusinessMinutes: z.number().nullable(),
  p90CalendarMinutes: z.number().nullable(),
});
export const bookingsReport = z
  .object({
    period: analyticsPeriod,
    bookings: figure,
    funnel: z.array(z.object({ stage: z.string(), reached: figure, conversionFromPrevious: z.number().nullable(), conversionFromNew: z.number().nullable() })),
    conversionRate: z.number().nullable().meta({ description: 'Bookings that reached confirmed (or completed) / bookings that reached new' }),
    outcomes: z.object({ lost: figure, declined: figure, cancelled: figure, open: figure }),
    stagesNow: z.array(z.object({ stage: z.string(), bookings: z.number() })),
    timeToFirstContact: timing,
    timeToQuote: timing,
    quotes: z.object({ sent: figure, accepted: figure, declined: figure, acceptanceRate: z.number().nullable() }),
    revenue: z.object({ byCurrency: z.array(money), withoutAmount: figure }),
    attribution: z.array(
      z.object({ utmSource: z.string(), utmMedium: z.string(), utmCampaign: z.string(), bookings: figure, confirmed: figure, conversionRate: z.number().nullable(), revenue: z.array(z.object({ currency: z.string(), amountMinor: z.number(), amount: z.number() })) }),
    ),
  })
  .meta({ id: 'AnalyticsBookings' });

export const bookingsDrillResult = z
  .object({ figure: z.string(), period: analyticsPeriod, count: z.number(), bookings: z.array(z.object({ number: z.string(), stage: z.string(), source: z.string(), createdAt: z.string() })) })
  .meta({ id: 'AnalyticsBookingsDrill' });

// ------------------------------------------------------------------------------ inbox

/** The figures of the inbox whose conversations a drill-down lists. */
export const INBOX_DRILL_FIGURES = [
  'conversations',
  'bot_alone',
  'by_person',
  'waiting_now',
  'first_response.answered',
  'first_response.breached',
  'next_response.answered',
  'next_response.breached',
] as const;
export type InboxDrillFigure = (typeof INBOX_DRILL_FIGURES)[number];

/** Query keys of the inbox figures: the period (the case filters do not apply to conversations). */
export const inboxFilterFields = {
  from: analyticsFilterFields.from,
  to: analyticsFilterFields.to,
  preset: analyticsFilterFields.preset,
  format: analyticsFilterFields.format,
  table: analyticsFilterFields.table,
};
export const inboxQuery = z.object(inboxFilterFields).strict().meta({ id: 'AnalyticsInboxQuery' });
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxDrillQuery = z
  .object({
    ...inboxFilterFields,
    figure: z.enum(INBOX_DRILL_FIGURES).default('conversations').meta({ description: 'Which figure: the conversations it counts' }),
    staff: z.uuid().optional().meta({ description: 'With the response figures: only the answers given by (or the breaches held by) this staff member' }),
  })
  .strict()
  .meta({ id: 'AnalyticsInboxDrillQuery' });
export type InboxDrillQuery = z.infer<typeof inboxDrillQuery>;

const responseTimes = z.object({
  answered: figure,
  breached: figure,
  medianBusinessMinutes: z.number().nullable().meta({ description: 'Half the answers came within this many business minutes (the lower median of the answers)' }),
  p90BusinessMinutes: z.number().nullable().meta({ description: 'Nine answers in ten came within this many business minutes' }),
  metRate: z.number().nullable().meta({ description: 'Answers given by their due time / answers' }),
});

export const inboxReport = z
  .object({
    period: analyticsPeriod,
    conversations: figure.meta({ description: 'Conversations in which a customer wrote in the period' }),
    botAlone: figure.meta({ description: 'Of those, the ones no person was asked for or wrote in during the period' }),
    byPerson: figure.meta({ description: 'Of those, the ones a person was asked for (waiting) or wrote in' }),
    containmentRate: z.number().nullable().meta({ description: 'botAlone / conversations' }),
    waitingNow: figure.meta({ description: 'Conversations waiting for a person now, whatever the period' }),
    firstResponse: responseTimes,
    nextResponse: responseTimes,
    byStaff: z.array(
      z.object({
        staffId: z.string(),
        name: z.string(),
        firstResponse: responseTimes,
        nextResponse: responseTimes,
      }),
    ),
  })
  .meta({ id: 'AnalyticsInbox' });

export const inboxDrillResult = z
  .object({
    figure: z.string(),
    period: analyticsPeriod,
    count: z.number(),
    conversations: z.array(
      z.object({
        id: z.string(),
        customer: z.string().nullable(),
        channel: z.string(),
        status: z.string(),
        holder: z.string().nullable().meta({ description: 'Who holds it now (their name)' }),
        lastMessageAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AnalyticsInboxDrill' });

/** Sessions and seats (core/analytics/sessions.ts): fill, check-in and waitlist figures. */
const sessionFigures = {
  capacity: z.number().int(),
  seatsBooked: z.number().int(),
  fillRate: z.number().nullable().meta({ description: 'Seats the bookings hold over the capacity' }),
  attended: z.number().int(),
  noShow: z.number().int(),
  notCheckedIn: z.number().int().meta({ description: 'Bookings holding seats that were not checked in either way' }),
  noShowRate: z.number().nullable().meta({ description: 'No-shows over the bookings checked in (attended + no-show)' }),
  waitlist: z.object({
    joined: z.number().int(),
    offered: z.number().int(),
    booked: z.number().int(),
    declined: z.number().int(),
    expired: z.number().int(),
    conversionRate: z.number().nullable().meta({ description: 'Waitlist places that became bookings over the places asked for' }),
  }),
};

export const sessionsReport = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), filters: z.record(z.string(), z.string()) }),
    totals: z.object({ sessions: z.number().int(), ...sessionFigures }),
    services: z.array(z.object({ service: z.string(), sessions: z.number().int(), ...sessionFigures })),
    sessions: z.array(z.object({ sessionId: z.uuid(), service: z.string(), date: z.string(), time: z.string(), ...sessionFigures })),
  })
  .meta({ id: 'SessionsReport', description: 'The scheduled sessions that start in the period' });

