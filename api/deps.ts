import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import type { ApiKeyHasher } from '../core/api-keys/api-key-service.ts';
import type { ChannelDirectory } from '../core/channels/channel-directory.ts';
import type { InboundBatcher } from '../core/inbound/inbound-batcher.ts';
import type { SecretBox } from '../core/crypto/secret-box.ts';
import type { OutboundPolicy } from '../core/http/safe-fetch.ts';
import type { RateLimits } from '../core/limits/rate-limits.ts';
import type { LiveFeed } from '../core/analytics/live-feed.ts';
import type { Logger } from '../core/logger.ts';
import type { OrgStartingSet } from '../core/orgs/tenants.ts';

/** What the LIFF API needs to know its callers (DESIGN.md decision 11). */
export interface LiffSettings {
  /** LINE_API_BASE_URL: the verify endpoint is reached through it, so the fake LINE server answers it in tests. */
  lineApiBaseUrl: string;
  /** LINE_DATA_API_BASE_URL: where the rich menu's image is uploaded. */
  lineDataApiBaseUrl: string;
  /** LINE_LOGIN_CHANNEL_ID: the audience the token must be issued for; unset, no LIFF caller is known. */
  loginChannelId?: string;
  /** LIFF_ID_<PAGE> (lower-cased page name, `customer` for every customer page, `staff` for every staff app). */
  liffIds: Record<string, string>;
  /**
   * Development only: the chat simulator's own check of the ID tokens its LIFF Mock hands the
   * staff apps (dev/simulator/), tried before LINE. bin/system.ts sets it only while the simulator
   * runs and NODE_ENV is not production; in production there is none, so such a token goes to
   * LINE, which refuses it (401).
   */
  localVerifier?: (idToken: string) => { sub: string; name?: string } | undefined;
}

/**
 * What the api needs from the running system, passed in as one object. The api never talks to
 * BullMQ: it writes outbox rows; for readiness it is handed a probe of the queue store.
 */
export interface AppDeps {
  knex: Knex;
  queueStore: { kind: 'redis' | 'postgres'; isReachable(): Promise<boolean> };
  logger: Logger;
  channels: ChannelDirectory;
  /** Hashes API keys with the server's secret (core/api-keys/api-key-service.ts). */
  apiKeys: ApiKeyHasher;
  /** Seals channel credentials written through the admin API. */
  secrets: SecretBox;
  /** Where webhooks land their events (group commit). */
  inbound: InboundBatcher;
  /** PUBLIC_BASE_URL: the address platforms call, which Twilio's signature covers. */
  publicBaseUrl?: string;
  /** Largest body read on the API's own routes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Largest webhook body read (default 4 MiB: api/middleware/rate-limit.ts). */
  webhookBodyLimitBytes?: number;
  /** PUBLIC_FORM_LIMIT: an org's limit on its booking form when it set none of its own. */
  publicFormLimit?: { requests: number; seconds: number } | null;
  /** ORG_RATE_LIMIT_API: all of one org's API keys together, unless the operator set the org its own limit. */
  orgApiLimit?: { points: number; seconds: number } | null;
  /** ORG_STORAGE_LIMIT_MB, ORG_LLM_TOKENS_PER_DAY: each business's limits unless the operator set it its own. */
  orgLimitDefaults?: import('../core/orgs/org-limits.ts').OrgLimitDefaults;
  /** Counts each business's media against its storage limit (core/orgs/org-storage.ts); absent: not counted. */
  storageQuota?: import('../core/media/media-store.ts').MediaQuota;
  /** Rate limits (core/limits/rate-limits.ts); none when absent. */
  limits?: RateLimits;
  /** PLATFORM_API_KEY: the platform operator's key for `/platform/v1`; unset, that API answers 503. */
  platformApiKey?: string;
  /** What a business created through `/platform/v1` starts with (its customer-facing texts): bin/system.ts gives the demo seed's. */
  orgStartingSet?: OrgStartingSet;
  /** PAYMENTS_WEBHOOK_SECRET; unset: POST /webhooks/payments answers 503. */
  paymentsWebhookSecret?: string;
  /** STRIPE_WEBHOOK_SECRET; unset: POST /webhooks/stripe answers 503. */
  stripeWebhookSecret?: string;
  /** The Stripe client (core/checkout/stripe-client.ts); absent: payment links and card refunds answer 503. */
  stripe?: import('../core/checkout/stripe-client.ts').StripeClient;
  /** ORDERS_API_SECRET: signs the orders API's bodies; unset, that API's writes answer 503. */
  ordersApiSecret?: string;
  /** Signs and checks the links to stored media (core/staff/staff-desk.ts StaffDeps.mediaLinkKey). */
  mediaLinkKey: Buffer;
  /** DATA_DIR: stored media lives under DATA_DIR/media. */
  dataDir: string;
  /** Which outbound URLs may be registered (webhook receivers): core/http/safe-fetch.ts; public addresses only unless given. */
  outbound?: OutboundPolicy;
  /** TRUST_PROXY: believe X-Forwarded-* headers (ctx.ip, ctx.host, ctx.protocol). */
  trustProxy?: boolean;
  /** The live stream of case changes (GET /api/v1/analytics/live); absent: that route answers 503. */
  live?: LiveFeed;
  /** The LIFF pages and their API (api/liff/); absent: the pages are served without a LIFF id and `/liff-api/v1` answers 401. */
  liff?: LiffSettings & {
    /** The built pages (`liff/dist`); absent: the default next to this repository's liff/. */
    distDir?: string;
  };
  /**
   * DATABASE_REQUEST_WAIT_MS: how long a request (not a webhook) waits for a pooled connection
   * before its 503 (core/db/request-wait.ts); absent or 0: knex's 15 s.
   */
  databaseRequestWaitMs?: number;
  /** Development only: the chat simulator and the fake platforms it talks through. */
  devMiddleware?: Middleware;
}
