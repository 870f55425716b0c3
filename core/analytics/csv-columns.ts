/**
 * The columns of each analytics CSV that may have no rows (by its file name), so that an empty
 * report is still a header a spreadsheet can read: the same columns, in the same order, as the
 * table's rows give (test/analytics-csv.test.ts compares the two). Tables that always have rows
 * (a trend's buckets, the SLA clocks, the queue) need none.
 */
const figure = (name: string) => [`${name}.value`, `${name}.drill`];
const minutes = (name: string) => [`${name}.business`, `${name}.calendar`];
const csatFigures = ['asked', 'answered', 'responseRate', 'averageScore', 'csatScore', 'drill'];
const debtItem = ['caseType', 'rootCause', 'severity', ...figure('count'), 'costHours', 'customersAffected', 'lastSeen', 'status'];

export const CSV_COLUMNS: Record<string, readonly string[]> = {
  'time-tracking-cases': ['number', 'caseType', 'status', 'severity', 'openedAt', ...['firstResponse', 'queue', 'active', 'waitingCustomer', 'waitingProvider', 'resolution'].flatMap(minutes)],
  cases: ['number', 'caseType', 'status', 'openedAt'],
  'staff-performance': [
    'staffId', 'name', 'role', ...figure('casesTaken'), ...figure('casesOwned'), 'withinSlaRate', 'averageResponseMinutes', 'averageResolutionMinutes', ...figure('criticalHandled'), 'score',
    ...['sla', 'speed', 'load', 'customerImpact'].flatMap((p) => [`parts.${p}.value`, `parts.${p}.weight`, `parts.${p}.points`]),
    'previous.score', 'previous.casesOwned', 'previous.withinSlaRate', 'change.score', 'change.casesOwned', 'change.withinSlaRate',
  ],
  'providers-providers': [
    'provider', 'name', 'active', 'paused', 'pausedAt', ...figure('cases'), 'averageResolutionMinutes', 'averageWaitingProviderMinutes', ...figure('providerFault'), 'faultRate', 'resolutionMissedRate',
    ...figure('refunded'), ...figure('cancelled'), 'refundRate', 'cancelRate', 'riskLevel', 'flagged', 'riskReasons', 'repeatedCaseType',
  ],
  'system-debt-items': debtItem,
  'system-debt-rootCauses': ['caseType', 'rootCause', ...figure('cases')],
  'system-debt-trend': ['bucket', 'caseType', 'rootCause', ...figure('cases')],
  'abuse-flagged': ['contactId', 'name', 'risk', ...figure('cases'), ...figure('refunded'), 'evidence'],
  'csat-byStaff': ['staffId', 'name', ...csatFigures],
  'csat-byCaseType': ['caseType', ...csatFigures],
  'csat-comments': ['number', 'caseType', 'staffId', 'staffName', 'score', 'comment', 'ratedAt'],
  'ceo-topSystemDebt': [...debtItem, 'previousCount', 'change'],
  'ceo-providersToFix': ['provider', 'name', 'riskLevel', 'previousRiskLevel', 'reasons', ...figure('cases')],
  'bookings-attribution': ['utmSource', 'utmMedium', 'utmCampaign', ...figure('bookings'), ...figure('confirmed'), 'conversionRate', 'revenue'],
  'bookings-revenue': ['currency', 'amountMinor', 'amount', ...figure('bookings')],
  'bookings-stagesNow': ['stage', 'bookings'],
  'bookings-list': ['number', 'stage', 'source', 'createdAt'],
  'inbox-staff': ['name', ...['firstResponse', 'nextResponse'].flatMap((k) => ['answered', 'breached', 'medianBusinessMinutes', 'p90BusinessMinutes', 'metRate'].map((f) => `${k}.${f}`))],
  'inbox-conversations': ['id', 'customer', 'channel', 'status', 'holder', 'lastMessageAt'],
  'sessions-services': ['service', 'sessions', 'capacity', 'seatsBooked', 'fillRate', 'attended', 'noShow', 'noShowRate', 'waitlistJoined', 'waitlistBooked', 'waitlistConversionRate'],
  'sessions-sessions': ['service', 'date', 'time', 'capacity', 'seatsBooked', 'fillRate', 'attended', 'noShow', 'noShowRate', 'waitlistJoined', 'waitlistBooked'],
  'sessions-waitlist': ['service', 'joined', 'offered', 'booked', 'declined', 'expired', 'conversionRate'],
};
