import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from '../api/app.ts';
import type { Config } from '../core/config.ts';
import { ensureBootstrapAdminKey } from '../core/api-keys/api-key-service.ts';
import { bootstrapChannels } from '../core/channels/bootstrap-channels.ts';
import { ChannelDirectory } from '../core/channels/channel-directory.ts';
import { InboundBatcher } from '../core/inbound/inbound-batcher.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { SecretBox } from '../core/crypto/secret-box.ts';
import { connectDatabase, isEmbeddedDatabase } from '../core/db/connect.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../core/db/embedded-postgres.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import type { Logger } from '../core/logger.ts';
import { ensureDefaultOrg } from '../core/orgs/default-org.ts';
import { loadDemoSeed } from '../seeds/demo.ts';
import { JobRunner, type ProcessorTable } from '../workers/job-runner.ts';
import { OutboxRelay, type OutboxRelayOptions } from '../workers/outbox-relay.ts';
import { listenForOutbox } from '../workers/outbox-wakeup.ts';
import { createDevPlatforms } from '../bot/simulator/dev-platforms.ts';
import { prepareSimulatorChannels } from '../bot/simulator/simulator-channels.ts';
import { createQueueBackend, isQueueReachable, type QueueBackend } from '../workers/queue-backend.ts';
import { LocalDiskMediaStore } from '../core/media/media-store.ts';
import { OUTBOUND_QUEUE } from '../core/conversations/outgoing.ts';
import { inboundProcessors } from '../workers/processors/inbound.ts';
import { createClassifier } from '../core/understanding/create-classifier.ts';
import { OrgTaxonomies } from '../core/understanding/org-taxonomy.ts';
import { mediaProcessors } from '../workers/processors/media.ts';
import { profileProcessors } from '../workers/processors/profiles.ts';
import { outboundProcessors } from '../workers/processors/outbound.ts';
import { paymentProcessors } from '../workers/processors/payments.ts';
import { scheduleSlaSweep, slaProcessors } from '../workers/processors/sla.ts';
import { systemProcessors, scheduleSystemJobs } from '../workers/processors/system.ts';
import { webhookProcessors } from '../workers/processors/webhooks.ts';
import { staffProcessors, scheduleStaffJobs } from '../workers/processors/staff.ts';
import { deriveActionKey, deriveKey } from '../core/staff/action-tokens.ts';

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
  /** Redis key prefix, so that test runs sharing one Redis do not see each other's jobs. */
  queuePrefix?: string;
}

export interface RunningSystem {
  /** Where the api listens, when it runs here. */
  url: string | undefined;
  /** The development chat simulator, when it runs. */
  simulatorUrl: string | undefined;
  databaseUrl: string;
  knex: Knex;
  queues: QueueBackend;
  relay: OutboxRelay | undefined;
  secrets: SecretBox;
  channels: ChannelDirectory;
  defaultOrgId: string;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

export async function startSystem(opts: SystemOptions): Promise<RunningSystem> {
  const { config, logger } = opts;
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
    const knex = connectDatabase({ url: databaseUrl, applicationName: `opsdesk-${opts.roles.join('+')}`, poolMax: 20 });
    cleanups.push(() => knex.destroy());
    const applied = await migrateToLatest(knex);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');

    const appKey = config.encryptionKey ?? loadOrCreateKeyFile(config.dataDir);
    const secrets = new SecretBox(appKey);

    const org = await ensureDefaultOrg(knex);
    if (org.created && config.loadDemoSeed) {
      await loadDemoSeed(knex, org.id);
      logger.info({ orgId: org.id }, 'demo seed loaded');
    }
    if (config.adminApiKey) await ensureBootstrapAdminKey(knex, org.id, config.adminApiKey);
    await bootstrapChannels(knex, secrets, org.id, config);
    const channels = new ChannelDirectory(knex, secrets);

    const queues = createQueueBackend({
      redisUrl: config.redisUrl,
      databaseUrl,
      prefix: opts.queuePrefix,
      idlePollSeconds: (await isEmbeddedDatabase(knex)) ? 0.1 : undefined,
    });
    cleanups.push(() => queues.close());

    // Known once the api listens; the workers' tracking links use it when PUBLIC_BASE_URL is unset.
    let url: string | undefined;
    let relay: OutboxRelay | undefined;
    if (runsWorkers) {
      const staffDeps = {
        knex,
        actionKey: deriveActionKey(appKey),
        mediaLinkKey: deriveKey(appKey, MEDIA_LINK_KEY_PURPOSE),
        publicBaseUrl: () => config.http.publicBaseUrl ?? url ?? `http://localhost:${config.http.port}`,
      };
      const processors = {
        ...systemProcessors({ knex }),
        ...inboundProcessors({
          knex,
          channels,
          router: { ...staffDeps, classifier: createClassifier(config), taxonomies: new OrgTaxonomies(knex) },
        }),
        ...outboundProcessors({
          knex,
          channels,
          lineApiBaseUrl: config.line.apiBaseUrl,
          twilioApiBaseUrl: config.twilio.apiBaseUrl,
          publicBaseUrl: config.http.publicBaseUrl,
        }),
        ...mediaProcessors({ knex, channels, store: new LocalDiskMediaStore(config.dataDir), lineDataApiBaseUrl: config.line.dataApiBaseUrl }),
        ...profileProcessors({ knex, channels, lineApiBaseUrl: config.line.apiBaseUrl }),
        ...slaProcessors({ knex }),
        ...paymentProcessors({ knex }),
        ...webhookProcessors({ knex, secrets }),
        ...staffProcessors(staffDeps),
        ...opts.processors,
      };
      const runner = new JobRunner({
        knex,
        backend: queues,
        logger,
        processors,
        // LINE allows 2,000 pushes a second per channel; stay well inside it across all workers.
        tuning: { [OUTBOUND_QUEUE]: { limiter: { max: 1000, duration: 1000 } } },
      });
      await runner.start();
      // Registered after queues.close so that it runs before it: workers drain first.
      cleanups.push(() => runner.stop());
      await scheduleSystemJobs(queues);
      await scheduleSlaSweep(queues);
      await scheduleStaffJobs(queues);
      // PostgreSQL wakes the relay when rows commit; the embedded one cannot, so there it polls often.
      const embeddedDb = await isEmbeddedDatabase(knex);
      relay = new OutboxRelay({
        knex,
        backend: queues,
        logger,
        pollIntervalMs: embeddedDb ? 20 : 250,
        holdDelayedRows: embeddedDb && queues.kind === 'postgres',
        ...opts.relay,
      });
      relay.start();
      cleanups.push(() => relay!.stop());
      if (!embeddedDb) {
        const stopListening = await listenForOutbox(databaseUrl, () => relay!.nudge(), logger);
        cleanups.push(stopListening);
      }
    }

    let simulatorUrl: string | undefined;
    if (runsApi) {
      // The simulator's fake platforms live in the api, and its channels' jobs run in the workers:
      // it needs both in this process.
      const simulatorChannels =
        config.devSimulator && runsWorkers ? await prepareSimulatorChannels(knex, secrets, org.id) : undefined;
      const dev = simulatorChannels
        ? createDevPlatforms({
            selfUrl: () => url!,
            publicBaseUrl: () => config.http.publicBaseUrl,
            line: simulatorChannels.line,
            whatsapp: simulatorChannels.whatsapp,
          })
        : undefined;
      const app = createApp({
        devMiddleware: dev?.middleware,
        knex,
        logger,
        channels,
        secrets,
        mediaLinkKey: deriveKey(appKey, MEDIA_LINK_KEY_PURPOSE),
        dataDir: config.dataDir,
        inbound: new InboundBatcher(knex),
        publicBaseUrl: config.http.publicBaseUrl,
        paymentsWebhookSecret: config.paymentsWebhookSecret,
        queueStore: { kind: queues.kind, isReachable: () => isQueueReachable(queues) },
      });
      const server = createServer(app.callback());
      await listen(server, config.http.port, config.http.host);
      const { port } = server.address() as AddressInfo;
      url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
      cleanups.push(() => closeServer(server));
      if (simulatorChannels && dev) {
        await simulatorChannels.pointAt({ lineApiBaseUrl: dev.lineApiBaseUrl(), twilioApiBaseUrl: dev.twilioApiBaseUrl() });
        channels.forget();
        simulatorUrl = `${url}/dev/chat`;
      }
    }

    return {
      url,
      simulatorUrl,
      databaseUrl,
      knex,
      queues,
      relay,
      secrets,
      channels,
      defaultOrgId: org.id,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
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
