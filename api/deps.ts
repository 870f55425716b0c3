import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import type { ChannelDirectory } from '../core/channels/channel-directory.ts';
import type { InboundBatcher } from '../core/inbound/inbound-batcher.ts';
import type { SecretBox } from '../core/crypto/secret-box.ts';
import type { Logger } from '../core/logger.ts';

/**
 * What the api needs from the running system, passed in as one object. The api never talks to
 * BullMQ: it writes outbox rows; for readiness it is handed a probe of the queue store.
 */
export interface AppDeps {
  knex: Knex;
  queueStore: { kind: 'redis' | 'postgres'; isReachable(): Promise<boolean> };
  logger: Logger;
  channels: ChannelDirectory;
  /** Seals channel credentials written through the admin API. */
  secrets: SecretBox;
  /** Where webhooks land their events (group commit). */
  inbound: InboundBatcher;
  /** PUBLIC_BASE_URL: the address platforms call, which Twilio's signature covers. */
  publicBaseUrl?: string;
  bodyLimitBytes?: number;
  /** PAYMENTS_WEBHOOK_SECRET; unset: POST /webhooks/payments answers 503. */
  paymentsWebhookSecret?: string;
  /** Signs and checks the links to stored media (core/staff/staff-desk.ts StaffDeps.mediaLinkKey). */
  mediaLinkKey: Buffer;
  /** DATA_DIR: stored media lives under DATA_DIR/media. */
  dataDir: string;
  /** Development only: the chat simulator and the fake platforms it talks through. */
  devMiddleware?: Middleware;
}
