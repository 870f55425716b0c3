import { benchBookingIntake } from './booking-intake.ts';
import { benchBookingList } from './booking-list.ts';
import { benchAnalytics } from './analytics.ts';
import { benchCaseLifecycle } from './case-lifecycle.ts';
import { benchCaseOpening } from './case-opening.ts';
import { benchCaseSla } from './case-sla.ts';
import { benchColdStart } from './cold-start.ts';
import { benchOfflineClassifierLatency } from './offline-classifier-latency.ts';
import { benchOutboxThroughput } from './outbox-throughput.ts';
import { benchRateLimits } from './rate-limits.ts';
import { benchStaffTaps } from './staff-taps.ts';
import { benchWebhookIngestion } from './webhook-ingestion.ts';
import { benchKillTest } from './kill-test.ts';
import { benchWebhookFuzz } from './webhook-fuzz.ts';
import { benchLiffPages } from './liff-pages.ts';
import { benchLiffDashboard } from './liff-dashboard.ts';
import { benchInbox } from './inbox.ts';
import { benchAuditLog } from './audit-log.ts';
import { benchPipeline } from './pipeline.ts';
import { benchMessagePathProfile } from './message-path-profile.ts';
import { benchSeats } from './seats.ts';
import { benchOrders } from './orders.ts';
import { benchLineOutage } from './line-outage.ts';
import { benchEmail } from './email.ts';
import { benchLedger } from './ledger.ts';
import { benchTenants } from './tenants.ts';
import { benchTenantsAtScale } from './tenants-at-scale.ts';
import { benchDocuments } from './documents.ts';
import { benchMembers } from './members.ts';
import { benchMemberTold } from './member-told.ts';
import { benchCorporateSeats } from './corporate-seats.ts';

/**
 * `npm run bench`: every benchmark, printed as Markdown tables. `npm run bench -- start`,
 * `-- outbox`, `-- webhooks`, `-- classifier`, `-- sla`, `-- lifecycle`, `-- taps`, `-- limits`, `-- intake`,
 * `-- booking-list`, `-- analytics`, `-- liff` (the customer pages in Chromium on a slow phone), `-- dashboard` (the Dashboard app's first screen, volume org), `-- inbox` (the inbox's four figures; `-- inbox handover`, `replies`, `volume` or `desk` for one), `-- audit` (the audit log at ten million entries), `-- pipeline` (the message path against its floor: webhooks stored, customers answered, answer latency at a steady rate), `-- seats` (200 bookings at once for one session against the same without the seat check; a month's availability read by the booking form), `-- line-outage` (customers writing through a 30-minute LINE outage, LINE_OUTAGE_MINUTES to change it), `-- orders` (order updates through the orders API against plain inserts of the same rows; a steady 1,000 a second), `-- kill` (the kill test) `-- email` (quote to e-mail, 1,000 e-mails drained against plain nodemailer, a reply to its conversation) `-- fuzz` (20,000 signed mutated webhooks), `-- ledger` (ledger postings against plain inserts, a balance read at a million entries, Stripe webhook to the customer told) `-- members` (50 members booking one class with credits at once, against the same bookings without), `-- member-told` (a credit spent on booking -> the member told on LINE, against the same booking without credits) `-- corporate-seats` (50 people joining a client of 40 seats by code at once, against making them members) or `-- documents` (a receipt PDF rendered, Thai and English, against a bare PDFKit document) runs one. Set TEST_DATABASE_URL / TEST_REDIS_URL to measure on
 * servers (the webhook figure always wants a PostgreSQL server).
 * `-- message-cpu`: where a customer's processor time goes on the message path (a CPU profile, #41).
 * `-- case-opening`: POST /api/v1/cases to the card in the staff group (#42), one at a time and 10 in flight.
 * `-- tenants`: a new business through POST /platform/v1/orgs with each starter kit, against none, then
 * 1,000 businesses of 100 cases beside one of 100,000, each one's dashboard and inbox against the
 * business alone (#43); `-- tenants-scale` the second alone.
 */
const only = process.argv[2];
const benches: Record<string, () => Promise<string>> = {
  start: () => benchColdStart(),
  outbox: () => benchOutboxThroughput(),
  webhooks: () => benchWebhookIngestion(),
  classifier: () => benchOfflineClassifierLatency(),
  sla: () => benchCaseSla(),
  lifecycle: () => benchCaseLifecycle(),
  'case-opening': () => benchCaseOpening(),
  taps: () => benchStaffTaps(),
  kill: () => benchKillTest(),
  fuzz: () => benchWebhookFuzz(),
  limits: () => benchRateLimits(),
  intake: () => benchBookingIntake(),
  'booking-list': () => benchBookingList(),
  analytics: () => benchAnalytics(),
  liff: () => benchLiffPages(),
  dashboard: () => benchLiffDashboard(),
  inbox: () => benchInbox(process.argv[3]),
  audit: () => benchAuditLog(),
  pipeline: () => benchPipeline(),
  'message-cpu': () => benchMessagePathProfile(),
  seats: () => benchSeats(),
  members: () => benchMembers(),
  'member-told': () => benchMemberTold(),
  'corporate-seats': () => benchCorporateSeats(),
  orders: () => benchOrders(),
  'line-outage': () => benchLineOutage(),
  email: () => benchEmail(),
  ledger: () => benchLedger(),
  tenants: async () => `${await benchTenants()}\n\n${await benchTenantsAtScale()}`,
  'tenants-scale': () => benchTenantsAtScale(),
  documents: () => benchDocuments(),
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  process.stdout.write((await run()) + '\n\n');
}
process.exit(0);
