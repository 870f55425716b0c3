import { ROUTE_MESSAGE_JOB } from '../bot/inbound-handler.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from '../api/app.ts';
import type { Config } from '../core/config.ts';
import { ApiKeyHasher, ensureBootstrapAdminKey } from '../core/api-keys/api-key-service.ts';
import { bootstrapChannels } from '../core/channels/bootstrap-channels.ts';
import { ChannelDirectory, deactivateChannelsOfOrigin, resealLegacyChannelCredentials } from '../core/channels/channel-directory.ts';
import { resealLegacyWebhookSecrets } from '../core/integrations/webhook-endpoints.ts';
import { RateLimits } from '../core/limits/rate-limits.ts';
import { InboundBatcher } from '../core/inbound/inbound-batcher.ts';
import { DoorPressure } from '../core/inbound/door-pressure.ts';
import { INBOUND_QUEUE, PROCESS_EVENT_JOB } from '../core/inbound/inbound-events.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { SecretBox } from '../core/crypto/secret-box.ts';
import { connectDatabase, isEmbeddedDatabase } from '../core/db/connect.ts';
import { LiveFeed } from '../core/analytics/live-feed.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../core/db/embedded-postgres.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import type { OutboundPolicy } from '../core/http/safe-fetch.ts';
import type { Logger } from '../core/logger.ts';
import { ensureDefaultOrg } from '../core/orgs/default-org.ts';
import { demoTemplates, loadDemoSeed } from '../seeds/demo.ts';
import { JobRunner, type ProcessorTable } from '../workers/job-runner.ts';
import { OutboxRelay, type OutboxRelayOptions } from '../workers/outbox-relay.ts';
import { listenForOutbox } from '../workers/outbox-wakeup.ts';
import { listenForOrgChanges } from '../core/db/org-cache.ts';
import { createQueueBackend, isQueueReachable, type QueueBackend } from '../workers/queue-backend.ts';
import { LocalDiskMediaStore } from '../core/media/media-store.ts';
import { OrgStorageQuota } from '../core/orgs/org-storage.ts';
import { startInboundSmtp } from '../bot/email/inbound-smtp.ts';
import { inboundTlsCertificate } from '../bot/email/inbound-tls.ts';
import { EMAIL_SEND_QUEUE, OUTBOUND_QUEUE, SEND_JOB, setGroupPushWindow, subscribeToFailedSends } from '../core/conversations/outgoing.ts';
import { EmailDrain, type EmailDrainOptions } from '../workers/email-drain.ts';
import { jobPolicyFor } from '../workers/job-policy.ts';
import { inboundProcessors } from '../workers/processors/inbound.ts';
import { staffMenuProcessors } from '../workers/processors/staff-menu.ts';
import { createClassifier } from '../core/understanding/create-classifier.ts';
import { preloadWordVectors } from '../core/understanding/offline/word-vectors.ts';
import { OrgTaxonomies } from '../core/understanding/org-taxonomy.ts';
import { mediaProcessors } from '../workers/processors/media.ts';
import { PROFILE_JOBS, profileProcessors } from '../workers/processors/profiles.ts';
import { outboundProcessors } from '../workers/processors/outbound.ts';
import { paymentProcessors } from '../workers/processors/payments.ts';
import { checkoutProcessors, scheduleStripeReconciliation } from '../workers/processors/checkout.ts';
import { memberProcessors, scheduleMemberSweep } from '../workers/processors/members.ts';
import { createStripeClient } from '../core/checkout/stripe-client.ts';
import { recognizeRevenue } from '../core/checkout/revenue.ts';
import { issueReceipts } from '../core/checkout/receipts.ts';
import { scheduleSlaSweep, slaProcessors } from '../workers/processors/sla.ts';
import { bookingFollowUpProcessors, scheduleBookingFollowUpSweep } from '../workers/processors/booking-follow-up.ts';
import { inboxTimerProcessors, scheduleInboxSweep } from '../workers/processors/inbox-timers.ts';
import { bookingIntakeProcessors, scheduleBookingIntakeSweep } from '../workers/processors/booking-intake.ts';
import { INTAKE_QUEUE } from '../core/bookings/intake-ledger.ts';
import { ANALYTICS_ROLLUP_QUEUE, systemProcessors, scheduleSystemJobs } from '../workers/processors/system.ts';
import { webhookProcessors } from '../workers/processors/webhooks.ts';
import { staffProcessors, scheduleStaffJobs } from '../workers/processors/staff.ts';
import { deriveActionKey, deriveKey } from '../core/staff/action-tokens.ts';
import { subscribeToCaseEvents } from '../core/cases/case-timeline.ts';
import { subscribeToProviderEvents } from '../core/providers/provider-timeline.ts';
import { tellManagersOfFailingOrders } from '../core/staff/provider-health-notice.ts';
import { customerNotices } from '../core/cases/case-notifications.ts';
import { satisfactionSurvey } from '../core/cases/case-satisfaction.ts';
import { inboxReplyOnOpenCases } from '../core/cases/inbox-replies.ts';
import { learnFromCorrection, learnFromHandover } from '../core/cases/case-learning.ts';
import { learnFromFaqAnswer, learnFromHandedOverBooking } from '../core/understanding/handover-learning.ts';
import { markCaseChanged } from '../core/analytics/case-rollup.ts';
import { subscribeToBookingEvents } from '../core/bookings/booking-timeline.ts';
import { remindDayBefore } from '../core/bookings/booking-reminders.ts';
import { remindBalanceDue } from '../core/checkout/balance-reminders.ts';
import { bookingCustomerNotices } from '../core/bookings/booking-notifications.ts';
import { subscribeToFreedSeats } from '../core/bookings/service-sessions.ts';
import { cancelSessionsOnHolidays } from '../core/bookings/session-commands.ts';
import { subscribeToHolidaysAdded } from '../core/orgs/business-hours.ts';
import { moveWaitlistToContact, offerFreedSeats, subscribeToWaitlist } from '../core/bookings/session-waitlist.ts';
import { waitlistCustomerNotices } from '../core/bookings/waitlist-notices.ts';
import { offerReplies } from '../bot/conversation/waitlist-replies.ts';
import { waitlistProcessors } from '../workers/processors/session-waitlist.ts';
import { proposalReplies } from '../bot/conversation/proposal-replies.ts';
import { subscribeToConversationEvents } from '../core/conversations/conversation-timeline.ts';
import { conversationNotices } from '../core/staff/conversation-announcements.ts';
import { holderNews } from '../core/staff/conversation-relay.ts';
import { customerUnreachable } from '../core/conversations/conversation-commands.ts';
import { reactToBookingEvent, reactToCaseEvent } from '../core/staff/timeline-reactions.ts';
import { STAFF_JOBS } from '../core/staff/staff-jobs.ts';
import { proposalAnswerNews } from '../core/staff/booking-announcements.ts';
import type { StaffDeps } from '../core/staff/staff-desk.ts';
import { tellNewOwner } from '../core/staff/case-handover-notice.ts';
import { sendCaseWebhooks } from '../core/integrations/case-events-out.ts';
import { sendConversationWebhooks } from '../core/integrations/conversation-events-out.ts';
import { sendPaymentWebhooks } from '../core/integrations/payment-events-out.ts';
import { sendMemberWebhooks } from '../core/integrations/member-events-out.ts';
import { keepCreditOnMove, payNewBooking, returnOnCancel, spendCreditOnAttendance } from '../core/members/booking-credits.ts';
import { subscribeToMemberMovements } from '../core/members/member-events.ts';
import { tellCreditSpent } from '../core/members/member-notices.ts';
import { applyTopUpSession } from '../core/members/wallet-top-ups.ts';
import { applyOtherCheckoutSessions } from '../core/checkout/stripe-events.ts';
import { subscribeToContactMerges } from '../core/contacts/merge-contacts.ts';
import { subscribeToContactErasure } from '../core/contacts/contact-erasure.ts';
import { moveConsents } from '../core/contacts/consent.ts';
import { eraseContactLearnedExamples } from '../core/understanding/learned-examples.ts';
import { eraseContactCases, moveCasesToContact } from '../core/cases/case-assignment.ts';
import { eraseContactBookings, moveBookingsToContact } from '../core/bookings/booking-desk.ts';
import { eraseContactConversations, moveConversationsToContact, resetFailedMessages } from '../core/conversations/conversation-log.ts';
import { subscribeToRequeuedRows } from '../core/outbox/outbox-retry.ts';
import { moveGroupsToContact } from '../core/staff/staff-groups.ts';
import { alertSendFailed } from '../core/staff/send-failure-alert.ts';
import { closeSmtpPools } from '../bot/email/smtp-pool.ts';

/**
 * The composition root: one function that starts the api, the workers or both on the configured
 * database and queue store, and one `stop` that takes it all down in the right order.
 */
export type Role = 'api' | 'workers';

/** The purpose the media-link key is derived for (core/staff/action-tokens.ts deriveKey). */
export const MEDIA_LINK_KEY_PURPOSE = 'opsdesk media links v1';

export interface SystemOptions {
  config: Config;
  logger: Logger;
  roles: Role[];
  /** Extra job handlers (benchmarks, tests); merged over the product's own. */
  processors?: ProcessorTable;
  relay?: Partial<Omit<OutboxRelayOptions, 'knex' | 'backend' | 'logger'>>;
  /** Tests: the e-mail drain's batch size and lease (workers/email-drain.ts). */
  emailDrain?: Partial<Pick<EmailDrainOptions, 'batchSize' | 'leaseMs' | 'pollIntervalMs' | 'lanes'>>;
  /** Redis key prefix, so that test runs sharing one Redis do not see each other's jobs. */
  queuePrefix?: string;
  /** Tests: a hosts-style resolver for outbound requests (core/http/safe-fetch.ts). */
  outboundResolve?: OutboundPolicy['resolve'];
  /** Tests: the door's thresholds (core/inbound/door-pressure.ts); used where the api and the workers run here. */
  door?: DoorPressure;
}

export interface RunningSystem {
  /** Where the api listens, when it runs here. */
  url: string | undefined;
  /** The development chat simulator, when it runs. */
  simulatorUrl: string | undefined;
  /** Where customers' e-mail replies are taken by SMTP, when EMAIL_INBOUND_PORT is set and the api runs here. */
  emailInboundPort: number | undefined;
  databaseUrl: string;
  knex: Knex;
  /** The workers' pool for case numbers drawn while a message's transaction is open (RouterDeps `numbers`); none on the embedded database. */
  numbers: Knex | undefined;
  queues: QueueBackend;
  relay: OutboxRelay | undefined;
  /** Where the api and the workers run in this one process: told of the signed deliveries being stored, which its workers give way to in a flood. */
  door: DoorPressure | undefined;
  /** Stored events whose jobs this process's webhooks run here now (core/inbound/inbound-batcher.ts): work the outbox does not show as due. */
  workingHere(): number;
  secrets: SecretBox;
  channels: ChannelDirectory;
  /** The live stream's feed, when the api runs here. */
  live: LiveFeed | undefined;
  defaultOrgId: string;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

/**
 * Who reacts to cases and bookings (the staff desk, the business's webhooks, the customer's
 * notices), who moves what a contact has when two contacts merge, and who resets a failed send's
 * messages when it is sent again. Each runs inside the
 * transaction of its cause (core/cases/case-timeline.ts, core/contacts/merge-contacts.ts).
 */
function subscribeToTimelines(o: StaffDeps & { liffIds?: Record<string, string> }): void {
  subscribeToCaseEvents('staff-desk', reactToCaseEvent);
  subscribeToCaseEvents('webhooks', sendCaseWebhooks);
  subscribeToCaseEvents('customer-notices', customerNotices({ trackingBaseUrl: o.publicBaseUrl }));
  // After the resolved notice: the satisfaction question, when the case type asks it.
  subscribeToCaseEvents('satisfaction', satisfactionSurvey());
  // The analytics' per-case facts: this case is recomputed (core/analytics/case-rollup.ts).
  subscribeToCaseEvents('analytics-rollup', markCaseChanged);
  // A case handed to someone: they hear it 1:1 in LINE (core/staff/case-handover-notice.ts).
  subscribeToCaseEvents('new-owner-notice', tellNewOwner({ actionKey: o.actionKey }));
  // A type corrected by staff: the customer's message becomes an example of it (core/cases/case-learning.ts).
  subscribeToCaseEvents('learn-from-staff', learnFromCorrection);
  subscribeToCaseEvents('learn-from-handover', learnFromHandover);
  // First: a member's booking paid with a credit or the wallet, in the booking's transaction (a
  // refusal rolls it back before anything reacts to it), and given back on cancelling (core/members/booking-credits.ts).
  subscribeToBookingEvents('member-payment', payNewBooking);
  subscribeToBookingEvents('member-payment-back', returnOnCancel);
  subscribeToBookingEvents('member-credit-attended', spendCreditOnAttendance);
  // A booking moved to another session keeps its credit only if the credit still pays for it there.
  subscribeToBookingEvents('member-credit-moved', keepCreditOnMove);
  subscribeToBookingEvents('learn-from-handover', learnFromHandedOverBooking);
  // A handed-over message a person answered with a FAQ entry's answer: one more way of asking it.
  subscribeToConversationEvents('learn-from-handover', learnFromFaqAnswer);
  subscribeToBookingEvents('staff-desk', reactToBookingEvent);
  // Before the customer's notices: the payment's receipt, whose link the notice carries (core/checkout/receipts.ts).
  subscribeToBookingEvents('receipts', issueReceipts({ publicBaseUrl: o.publicBaseUrl }));
  subscribeToBookingEvents('customer-notices', bookingCustomerNotices({ proposalReplies }));
  // payment.succeeded / payment.refunded for the business's system (core/integrations/payment-events-out.ts).
  subscribeToBookingEvents('webhooks', sendPaymentWebhooks);
  subscribeToMemberMovements('webhooks', sendMemberWebhooks);
  subscribeToMemberMovements('credit-spent-notice', tellCreditSpent);
  // A paid Checkout Session that is a member's wallet top-up (core/members/wallet-top-ups.ts).
  applyOtherCheckoutSessions('member-top-ups', applyTopUpSession);
  // A completed booking's money becomes revenue in the ledger (core/checkout/revenue.ts).
  subscribeToBookingEvents('revenue', recognizeRevenue);
  // A confirmed booking's reminder the day before (core/bookings/booking-reminders.ts).
  subscribeToBookingEvents('day-before-reminder', remindDayBefore);
  // A deposit paid and a balance owed: the customer's reminder before it falls due (core/checkout/balance-reminders.ts).
  subscribeToBookingEvents('balance-reminder', remindBalanceDue);
  // The customer answered a proposed time: the booking's groups hear it (core/staff/booking-announcements.ts).
  subscribeToBookingEvents('proposal-answer-news', proposalAnswerNews(o));
  // Seats freed on a session go to its waitlist first, held for the first in line (core/bookings/session-waitlist.ts).
  subscribeToFreedSeats('waitlist', (trx, e) => offerFreedSeats(trx, e.orgId, e.sessionId).then(() => undefined));
  subscribeToWaitlist('customer-notices', waitlistCustomerNotices({ offerReplies }));
  // A holiday added later cancels the sessions scheduled on it, as an admin would (core/bookings/session-commands.ts).
  subscribeToHolidaysAdded('sessions', async (trx, e) => {
    await cancelSessionsOnHolidays(trx, { ...e.writer, actor: { type: e.writer.actor.type, id: e.writer.actor.id ?? null }, dates: e.dates });
  });
  // The inbox: a customer waiting for a person is announced to the support groups (docs/inbox.md).
  subscribeToConversationEvents('staff-desk', conversationNotices({ actionKey: o.actionKey, publicBaseUrl: o.publicBaseUrl, liffIds: o.liffIds }));
  // The groups that got a conversation's card hear who holds it now (core/staff/conversation-relay.ts).
  subscribeToConversationEvents('group-holder-news', holderNews);
  subscribeToConversationEvents('webhooks', sendConversationWebhooks);
  // A staff reply in the inbox on a conversation with an open case: on the case, its first response the first time.
  subscribeToConversationEvents('open-cases', inboxReplyOnOpenCases);
  subscribeToContactMerges('conversations', moveConversationsToContact);
  subscribeToContactMerges('cases', moveCasesToContact);
  subscribeToContactMerges('bookings', moveBookingsToContact);
  subscribeToContactMerges('staffGroups', moveGroupsToContact);
  // core/contacts' own, subscribed like the others: consent.ts writes the contact's timeline through merge-contacts.ts.
  subscribeToContactMerges('consents', moveConsents);
  subscribeToContactMerges('waitlist', moveWaitlistToContact);
  subscribeToContactErasure('conversations', eraseContactConversations);
  subscribeToContactErasure('cases', eraseContactCases);
  subscribeToContactErasure('bookings', eraseContactBookings);
  subscribeToContactErasure('learned examples', eraseContactLearnedExamples);
  subscribeToRequeuedRows(OUTBOUND_QUEUE, resetFailedMessages);
  subscribeToRequeuedRows(EMAIL_SEND_QUEUE, resetFailedMessages);
  // A send that failed for good: the managers' groups are told (core/conversations/outgoing.ts).
  subscribeToFailedSends('managers-alert', alertSendFailed);
  subscribeToFailedSends('customer-unreachable', customerUnreachable);
  // A provider's orders failing past the org's threshold: the managers hear it (core/providers/provider-health.ts).
  subscribeToProviderEvents('managers-alert', tellManagersOfFailingOrders);
}

export async function startSystem(opts: SystemOptions): Promise<RunningSystem> {
  const { config, logger } = opts;
  setGroupPushWindow(config.groupPushWindowMs);
  const outbound: OutboundPolicy = { ...config.outbound, ...(opts.outboundResolve ? { resolve: opts.outboundResolve } : {}) };
  const runsApi = opts.roles.includes('api');
  const runsWorkers = opts.roles.includes('workers');
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        logger.warn({ err }, 'shutdown step failed');
      }
    }
    cleanups.length = 0;
  };

  try {
    let databaseUrl = config.databaseUrl;
    let embedded: EmbeddedPostgres | undefined;
    if (!databaseUrl) {
      if (!(runsApi && runsWorkers)) {
        throw new StartupError(
          'DATABASE_URL is required to run the api and the workers as separate processes; ' +
            'the embedded database lives inside one process (use `npm start` for that).',
        );
      }
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
      databaseUrl = embedded.url;
      cleanups.push(() => embedded!.stop());
      logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
    }

    // Webhooks under load and the workers' transactions both want connections at once.
    const knex = connectDatabase({ url: databaseUrl, applicationName: `opsdesk-${opts.roles.join('+')}`, poolMax: 20, logger, filesIn: embedded ? config.dataDir : undefined, prepareStatements: config.preparedStatements });
    cleanups.push(() => knex.destroy());
    const applied = await migrateToLatest(knex);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    // The orgs' settings, read on every message, kept in memory while PostgreSQL tells us of changes.
    cleanups.push(await listenForOrgChanges(knex, databaseUrl, logger));

    const appKey = config.encryptionKey ?? loadOrCreateKeyFile(config.dataDir);
    const secrets = new SecretBox(appKey);
    // Secrets sealed before they were bound to their row are rewritten once (docs/security.md).
    const resealed = (await resealLegacyChannelCredentials(knex, secrets)) + (await resealLegacyWebhookSecrets(knex, secrets));
    if (resealed) logger.info({ resealed }, 'secrets at rest re-sealed to v2');

    const org = await ensureDefaultOrg(knex);
    if (org.created && config.loadDemoSeed) {
      await loadDemoSeed(knex, org.id);
      logger.info({ orgId: org.id }, 'demo seed loaded');
    }
    const apiKeys = new ApiKeyHasher(appKey);
    if (config.adminApiKey) await ensureBootstrapAdminKey(knex, apiKeys, org.id, config.adminApiKey);
    await bootstrapChannels(knex, secrets, org.id, config);
    const channels = new ChannelDirectory(knex, secrets);
    // Each business's media counted against its storage limit (docs/tenants.md). The raw copy of an
    // inbound e-mail (inbound SMTP) is not: it is the message itself, which is never refused.
    const storageQuota = new OrgStorageQuota(knex, config.orgLimitDefaults);

    const queues = createQueueBackend({
      redisUrl: config.redisUrl,
      databaseUrl,
      prefix: opts.queuePrefix,
      logger,
    });
    cleanups.push(() => queues.close());

    // Known once the api listens; the workers' tracking links use it when PUBLIC_BASE_URL is unset.
    let url: string | undefined;
    let emailInboundPort: number | undefined;
    let relay: OutboxRelay | undefined;
    const publicBaseUrl = () => config.http.publicBaseUrl ?? url ?? `http://localhost:${config.http.port}`;
    const staffDeps = {
      knex,
      actionKey: deriveActionKey(appKey),
      mediaLinkKey: deriveKey(appKey, MEDIA_LINK_KEY_PURPOSE),
      publicBaseUrl,
      // The booking form's link in the bot's answers opens the LIFF app (bot/conversation/booking-slots.ts).
      liffIds: config.line.liffIds,
    };
    subscribeToTimelines(staffDeps);
    const stripe = createStripeClient(config.stripe);
    // In a process that takes webhooks in and works on them, a flood of deliveries is stored first
    // and worked on after (core/inbound/door-pressure.ts). Apart, each has its own cores.
    const door = runsApi && runsWorkers ? (opts.door ?? new DoorPressure()) : undefined;
    if (door) cleanups.push(async () => door.stop());
    let runner: JobRunner | undefined;
    let numbers: Knex | undefined;
    if (runsWorkers) {
      // Case numbers drawn while a message's transaction is open (RouterDeps `numbers`): a pool of
      // its own never waits on the connections the workers hold. The embedded database is one
      // session: a message is stored and routed in two transactions there, as with an LLM.
      // Asked of the database: the tests' embedded database is started apart and named by its URL.
      const embeddedDb = await isEmbeddedDatabase(knex);
      numbers = embeddedDb ? undefined : connectDatabase({ url: databaseUrl, applicationName: 'opsdesk-numbers', poolMax: 2, logger, prepareStatements: config.preparedStatements });
      if (numbers) cleanups.push(() => numbers!.destroy());
      const processors = {
        ...systemProcessors({ knex }),
        ...inboundProcessors({
          knex,
          channels,
          outbound,
          media: new LocalDiskMediaStore(config.dataDir, storageQuota),
          router: { ...staffDeps, classifier: createClassifier(config), taxonomies: new OrgTaxonomies(knex), orgLimitDefaults: config.orgLimitDefaults, numbers },
        }),
        ...outboundProcessors({
          knex,
          channels,
          lineApiBaseUrl: config.line.apiBaseUrl,
          twilioApiBaseUrl: config.twilio.apiBaseUrl,
          publicBaseUrl: config.http.publicBaseUrl,
        }),
        ...mediaProcessors({ knex, channels, store: new LocalDiskMediaStore(config.dataDir, storageQuota), lineDataApiBaseUrl: config.line.dataApiBaseUrl, outbound }),
        ...profileProcessors({ knex, channels, lineApiBaseUrl: config.line.apiBaseUrl }),
        ...slaProcessors({ knex }),
        ...bookingFollowUpProcessors({ knex, publicBaseUrl }),
        ...inboxTimerProcessors({ knex }),
        ...bookingIntakeProcessors({ knex }),
        ...waitlistProcessors({ knex }),
        ...paymentProcessors({ knex }),
        ...checkoutProcessors({ knex, stripe, publicBaseUrl }),
        ...memberProcessors({ knex }),
        ...webhookProcessors({ knex, secrets, outbound }),
        ...staffProcessors(staffDeps),
        ...staffMenuProcessors({ knex, channels, lineApiBaseUrl: config.line.apiBaseUrl, lineDataApiBaseUrl: config.line.dataApiBaseUrl, pagesBaseUrl: publicBaseUrl, liffIds: config.line.liffIds }),
        ...opts.processors,
      };
      // The e-mail channels' pooled SMTP connections end with the workers (bot/email/smtp-pool.ts).
      cleanups.push(async () => closeSmtpPools());
      runner = new JobRunner({
        knex,
        backend: queues,
        logger,
        processors,
        // LINE allows 2,000 pushes a second per channel; stay well inside it across all workers.
        tuning: {
          [OUTBOUND_QUEUE]: { limiter: { max: 1000, duration: 1000 } },
          // Website forms are answered before they are booked: one booking job at a time per process
          // leaves the cores to the api (and PostgreSQL) while a burst of forms arrives.
          [INTAKE_QUEUE]: { concurrency: 1 },
          // The rollup is scheduled every 5 s whether the last run has ended or not: a pass longer
          // than that (orgs rebuilt) ran beside the next ones, up to the default ten at once, each
          // rebuilding the same orgs (seen on a deployment of a thousand businesses).
          [ANALYTICS_ROLLUP_QUEUE]: { concurrency: 1 },
        },
        ...(door ? { yieldTo: { door, queues: [INBOUND_QUEUE] } } : {}),
      });
      await runner.start();
      // Registered after queues.close so that it runs before it: workers drain first.
      cleanups.push(() => runner!.stop());
      // The offline classifier's English word vectors, read now rather than on the first message.
      void preloadWordVectors().then((wordVectors) => logger.info({ wordVectors }, 'offline classifier ready'));
      await scheduleSystemJobs(queues);
      await scheduleSlaSweep(queues);
      await scheduleBookingFollowUpSweep(queues);
      await scheduleInboxSweep(queues);
      await scheduleBookingIntakeSweep(queues);
      await scheduleStaffJobs(queues);
      await scheduleMemberSweep(queues);
      if (stripe) await scheduleStripeReconciliation(queues, config.stripe.reconcileEveryMs);
      // PostgreSQL wakes the relay when rows commit (the embedded one too: core/db/pglite-notifications.ts);
      // the poll only bounds how long a lost notification costs.
      relay = new OutboxRelay({
        knex,
        backend: queues,
        logger,
        pollIntervalMs: 250,
        holdDelayedRows: embeddedDb && queues.kind === 'postgres',
        // Fallbacks of work the storing job does itself (core/outbox `doneHere`: the answer, the
        // profile, a new case's card); a group's combined push, also a send with a later time, then
        // waits here too rather than as a delayed job.
        holdUntilDue: [PROCESS_EVENT_JOB, ROUTE_MESSAGE_JOB, SEND_JOB, PROFILE_JOBS.contactProfile, STAFF_JOBS.announceCase],
        // E-mails go in batches by their own drain, not a BullMQ job each (workers/email-drain.ts).
        drainedQueues: [EMAIL_SEND_QUEUE],
        ...(door ? { yieldTo: { door, queues: [INBOUND_QUEUE] } } : {}),
        ...opts.relay,
      });
      relay.start();
      cleanups.push(() => relay!.stop());
      const emailDrain = new EmailDrain({
        knex,
        channels,
        logger,
        publicBaseUrl: config.http.publicBaseUrl,
        // The same retries as every other send (73 minutes of backoff), tests' faster policy included.
        policy: jobPolicyFor(OUTBOUND_QUEUE, opts.relay?.policies),
        ...opts.emailDrain,
      });
      emailDrain.start();
      // Stops before the SMTP pools close (cleanups run last first): its batch in flight finishes.
      cleanups.push(() => emailDrain.stop());
      const stopListening = await listenForOutbox(
        databaseUrl,
        // Each wakes only for rows it would take now (the notification names them).
        (committed) => {
          relay!.nudge(committed);
          emailDrain.nudge(committed);
        },
        logger,
      );
      cleanups.push(stopListening);
    }

    let simulatorUrl: string | undefined;
    let live: LiveFeed | undefined;
    let inbound: InboundBatcher | undefined;
    // The simulator's check of the ID tokens it hands the staff apps (dev/simulator/simulator-staff.ts): only while it runs, never in production.
    let localVerifier: ((idToken: string) => { sub: string; name?: string } | undefined) | undefined;
    if (runsApi) {
      // The simulator's fake platforms and its channels' jobs run in this process: it needs the api
      // and the workers here. Its code (dev/) is loaded only then, so production, where the
      // simulator is always off, never loads a fake platform. Whenever it is off, its channels are
      // inactive: nothing is accepted on them and nothing is sent over them.
      const simulator = config.devSimulator && runsWorkers ? await loadSimulator() : undefined;
      if (!simulator && (await deactivateChannelsOfOrigin(knex, 'simulator'))) channels.forget();
      // Counters shared by every api process: in Redis when there is one, else in PostgreSQL.
      const limits = await RateLimits.create({ limits: config.limits, knex, redisUrl: config.redisUrl, prefix: opts.queuePrefix });
      cleanups.push(() => limits.close());
      if (simulator) {
        const simulatorChannels = await simulator.prepareSimulatorChannels(knex, secrets, org.id);
        cleanups.push(async () => {
          await deactivateChannelsOfOrigin(knex, 'simulator');
          channels.forget();
        });
        let simulatorOrigin: string | undefined;
        const sim = simulator.createSimulatorServer({
          selfUrl: () => url!,
          fakesUrl: () => simulatorOrigin!,
          publicBaseUrl: () => config.http.publicBaseUrl,
          line: simulatorChannels.line,
          whatsapp: simulatorChannels.whatsapp,
          staff: { knex, orgId: org.id },
          connectBusinessLine: (orgId, line) => simulatorChannels.connectBusinessLine(orgId, line, sim.dev.lineApiBaseUrl()),
        });
        if (config.env !== 'production') localVerifier = sim.dev.verifyLiffIdToken;
        const simServer = createServer(sim.app.callback());
        await listen(simServer, config.simulatorPort, simulator.SIMULATOR_HOST);
        simulatorOrigin = `http://${simulator.SIMULATOR_HOST}:${(simServer.address() as AddressInfo).port}`;
        cleanups.push(() => closeServer(simServer));
        await simulatorChannels.pointAt({ lineApiBaseUrl: sim.dev.lineApiBaseUrl(), twilioApiBaseUrl: sim.dev.twilioApiBaseUrl() });
        channels.forget();
        // Its webhooks go to the api's url, known once the api listens (below), before anyone can use the page.
        simulatorUrl = `${simulatorOrigin}/dev/chat?token=${sim.token}`;
      }

      // Where the workers are in this process, a stored event's job runs here at once (not in a flood).
      inbound = new InboundBatcher(knex, { door, workHere: door && runner ? { run: (work) => runner!.runHere(work) } : undefined });
      live = new LiveFeed(knex, { databaseUrl, logger, heartbeatMs: config.liveHeartbeatMs });
      await live.start();
      const app = createApp({
        live,
        knex,
        logger,
        channels,
        secrets,
        apiKeys,
        mediaLinkKey: deriveKey(appKey, MEDIA_LINK_KEY_PURPOSE),
        dataDir: config.dataDir,
        inbound,
        publicBaseUrl: config.http.publicBaseUrl,
        paymentsWebhookSecret: config.paymentsWebhookSecret,
        platformApiKey: config.platformApiKey,
        orgApiLimit: config.orgApiLimit,
        orgLimitDefaults: config.orgLimitDefaults,
        storageQuota,
        orgStartingSet: { texts: demoTemplates },
        ordersApiSecret: config.ordersApiSecret,
        stripeWebhookSecret: config.stripe.webhookSecret,
        stripe,
        outbound,
        trustProxy: config.trustProxy,
        limits,
        webhookBodyLimitBytes: config.webhookBodyLimitBytes,
        databaseRequestWaitMs: config.databaseRequestWaitMs,
        publicFormLimit: config.publicFormLimit && { requests: config.publicFormLimit.points, seconds: config.publicFormLimit.seconds },
        liff: { lineApiBaseUrl: config.line.apiBaseUrl, lineDataApiBaseUrl: config.line.dataApiBaseUrl, loginChannelId: config.line.loginChannelId, liffIds: config.line.liffIds, localVerifier },
        queueStore: { kind: queues.kind, isReachable: () => isQueueReachable(queues) },
      });
      const server = createServer(app.callback());
      await listen(server, config.http.port, config.http.host);
      const { port } = server.address() as AddressInfo;
      url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
      cleanups.push(() => closeServer(server));
      if (config.emailInbound) {
        // Customers' e-mail replies, by SMTP on a port of their own (bot/email/inbound-smtp.ts).
        const { tls, ...listen } = config.emailInbound;
        const certificate = tls.mode === 'off' ? undefined : await inboundTlsCertificate({ dataDir: config.dataDir, ...tls });
        if (certificate) logger.info({ tls: tls.mode, certificate: certificate.source }, 'inbound mail: STARTTLS on');
        const mail = await startInboundSmtp({
          knex,
          store: new LocalDiskMediaStore(config.dataDir),
          logger,
          ...listen,
          ...(certificate ? { tls: { ...certificate, required: tls.mode === 'required' } } : {}),
        });
        emailInboundPort = mail.port;
        cleanups.push(() => mail.close());
      }
      // Runs before the server closes (cleanups run last first): open streams end, so it can.
      const feed = live;
      cleanups.push(() => feed.stop());
    }

    return {
      url,
      emailInboundPort,
      simulatorUrl,
      databaseUrl,
      knex,
      numbers,
      queues,
      relay,
      door,
      workingHere: () => inbound?.workingHere ?? 0,
      secrets,
      channels,
      live,
      defaultOrgId: org.id,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The chat simulator and its fake platforms, from dev/: imported on demand, never at start-up. */
async function loadSimulator() {
  const [{ createSimulatorServer, SIMULATOR_HOST }, { prepareSimulatorChannels }] = await Promise.all([
    import('../dev/simulator/simulator-server.ts'),
    import('../dev/simulator/simulator-channels.ts'),
  ]);
  return { createSimulatorServer, SIMULATOR_HOST, prepareSimulatorChannels };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, lets requests in flight finish (up to 10 s), then closes what is left. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
