import { z } from 'zod';
import { validateNetworks } from './http/safe-fetch.ts';

/**
 * The one place that reads the environment (DESIGN.md section 5). Everything else receives a
 * `Config`. Empty strings count as "not set" so that `FOO=` in a shell or .env behaves like
 * an absent variable.
 */

const optionalString = z.string().trim().min(1).optional();
const optionalUrl = z.url().optional();

const encryptionKey = z
  .string()
  .trim()
  .refine((v) => decodeKey(v) !== null, {
    message: 'must be 32 bytes, written as 64 hex characters or base64',
  })
  .optional();

const commaList = z
  .string()
  .trim()
  .transform((v) => v.split(/[\s,]+/).filter(Boolean));

/** `<requests>/<seconds>` (e.g. `120/60`), or `off`. */
const rateLimit = z
  .string()
  .trim()
  .regex(/^(off|[1-9]\d{0,8}\/[1-9]\d{0,6})$/, 'must be <requests>/<seconds> (e.g. 120/60) or off')
  .transform((v): RateLimit | null => {
    if (v === 'off') return null;
    const [points, seconds] = v.split('/').map(Number);
    return { points, seconds };
  });

/** A whole number up to `max`, or `off` (the default): null. */
const offOrWhole = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^(off|\d{1,13})$/, 'must be a whole number or off')
    .refine((v) => v === 'off' || Number(v) <= max, `must be at most ${max}`)
    .transform((v): number | null => (v === 'off' ? null : Number(v)))
    .prefault('off');

/** At most `points` requests in `seconds`; null: no limit. */
export interface RateLimit {
  points: number;
  seconds: number;
}

/** Values the README and docs show as examples: never a real secret in production. */
export const SAMPLE_SECRET = /^(change-?me|changeme|example|sample|secret|test|password|xxx)/i;
/** Shortest admin key and inbound webhook secret accepted in production. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: optionalUrl,
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  APP_ENCRYPTION_KEY: encryptionKey,
  ADMIN_API_KEY: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  PLATFORM_API_KEY: z.string().trim().min(24, 'must be at least 24 characters').optional(),
  DEMO_SEED: z.enum(['auto', 'off']).default('auto'),
  DEV_SIMULATOR: z.enum(['auto', 'off']).default('auto'),
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_API_BASE_URL: z.url().default('https://api.line.me'),
  LINE_DATA_API_BASE_URL: z.url().default('https://api-data.line.me'),
  LINE_LOGIN_CHANNEL_ID: optionalString,
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_WHATSAPP_FROM: optionalString,
  TWILIO_API_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  GEMINI_API_KEY: optionalString,
  GEMINI_BASE_URL: optionalUrl,
  GEMINI_MODEL: z.string().default('gemini-2.5-flash'),
  CLASSIFIER: z.enum(['auto', 'llm', 'offline']).default('auto'),
  PAYMENTS_WEBHOOK_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  ORDERS_API_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_BASE_URL: optionalUrl,
  // How often the reconciliation reads Stripe's recent events (docs/money.md).
  STRIPE_RECONCILE_EVERY_MS: z.coerce.number().int().min(1_000).max(24 * 3600_000).default(10 * 60_000),
  OUTBOUND_ALLOW_NETWORKS: commaList.optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  RATE_LIMIT_PUBLIC: rateLimit.prefault('120/60'),
  RATE_LIMIT_WEBHOOK_FAILURES: rateLimit.prefault('20/60'),
  RATE_LIMIT_AUTH_FAILURES: rateLimit.prefault('20/600'),
  RATE_LIMIT_API: rateLimit.prefault('1200/60'),
  // Every request of one org's API keys together, unless the platform operator set the org its own (docs/tenants.md).
  ORG_RATE_LIMIT_API: rateLimit.prefault('off'),
  // Each business's storage and LLM budget, unless the platform operator set it its own (docs/tenants.md).
  ORG_STORAGE_LIMIT_MB: offOrWhole(1_000_000_000),
  ORG_LLM_TOKENS_PER_DAY: offOrWhole(1_000_000_000_000),
  PUBLIC_FORM_LIMIT: rateLimit.prefault('30/600'),
  WEBHOOK_BODY_LIMIT: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(4 * 1024 * 1024),
  GROUP_PUSH_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(50).max(60_000).default(15_000),
  DATABASE_REQUEST_WAIT_MS: z.coerce.number().int().min(0).max(15_000).default(3_000),
  // Customers' e-mail replies arrive by SMTP on a port of the product's own (docs/channels.md); unset: not listening.
  EMAIL_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  EMAIL_INBOUND_HOST: z.string().optional(),
  EMAIL_INBOUND_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(30 * 1024 * 1024),
  // STARTTLS on that port: offered (the default), required before MAIL FROM, or off (behind a relay that does it).
  EMAIL_INBOUND_TLS: z.enum(['offered', 'required', 'off']).default('offered'),
  // PEM files of the deployment's certificate; unset: a self-signed one made in DATA_DIR at first start.
  EMAIL_INBOUND_TLS_CERT: z.string().optional(),
  EMAIL_INBOUND_TLS_KEY: z.string().optional(),
  // The name the self-signed certificate is made for (the host the MX or the forwarding points at).
  EMAIL_INBOUND_HOSTNAME: z.string().default('localhost'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  http: { port: number; host: string; publicBaseUrl: string | undefined };
  /** Undefined: run the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  /** Statements prepared once per connection on a PostgreSQL server (core/db/prepared-statements.ts); off behind a pooler that cannot keep them. */
  preparedStatements: boolean;
  dataDir: string;
  /** Undefined: BullMQ runs on the PostgreSQL backend. */
  redisUrl: string | undefined;
  /** Undefined outside production: the runtime keeps a generated key under `dataDir`. */
  encryptionKey: Buffer | undefined;
  adminApiKey: string | undefined;
  /** The platform operator's key (`/platform/v1`); unset: that API answers 503. */
  platformApiKey: string | undefined;
  loadDemoSeed: boolean;
  /** The /dev/chat simulator and its fake platforms: on outside production unless DEV_SIMULATOR=off. */
  devSimulator: boolean;
  /** The simulator's own listener, on loopback only; 0: a free port chosen at start. */
  simulatorPort: number;
  line: {
    channelSecret: string | undefined;
    channelAccessToken: string | undefined;
    apiBaseUrl: string;
    dataApiBaseUrl: string;
    loginChannelId: string | undefined;
    liffIds: Record<string, string>;
  };
  twilio: {
    accountSid: string | undefined;
    authToken: string | undefined;
    whatsappFrom: string | undefined;
    apiBaseUrl: string | undefined;
  };
  classifier: Env['CLASSIFIER'];
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  gemini: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  paymentsWebhookSecret: string | undefined;
  /** The HMAC secret the main system signs the orders API's bodies with; unset, that API answers 503. */
  ordersApiSecret: string | undefined;
  /** Card and PromptPay payments through Stripe (core/checkout/); no secret key: payment links answer 503. */
  stripe: { secretKey: string | undefined; webhookSecret: string | undefined; apiBaseUrl: string | undefined; reconcileEveryMs: number };
  /**
   * Outbound HTTP to addresses others choose (webhooks, media; core/http/safe-fetch.ts): https in
   * production, and only public addresses unless OUTBOUND_ALLOW_NETWORKS names ranges.
   */
  outbound: { requireHttps: boolean; allowNetworks: string[] };
  /** TRUST_PROXY: believe X-Forwarded-* (only behind a proxy that sets them). */
  trustProxy: boolean;
  /** ORG_RATE_LIMIT_API: an org's API keys together, where the operator set the org none of its own; null: none. */
  orgApiLimit: RateLimit | null;
  /** ORG_STORAGE_LIMIT_MB, ORG_LLM_TOKENS_PER_DAY: each business's, where the operator set it none of its own; null: none. */
  orgLimitDefaults: { storageMb: number | null; llmTokensPerDay: number | null };
  /** Rate limits (core/limits/rate-limits.ts); null: that limit is off. */
  limits: {
    /** /public/v1/* and /media, per client address. */
    public: RateLimit | null;
    /** Each channel's correctly signed webhooks (the payments webhook is one channel). */
    /** Wrongly signed webhooks, per client address and channel. */
    webhookFailures: RateLimit | null;
    /** Requests with a wrong API key, per client address. */
    authFailures: RateLimit | null;
    /** Authenticated API requests, per API key. */
    api: RateLimit | null;
  };
  /** Largest webhook body read, in bytes (the rest of the API: 1 MiB). */
  webhookBodyLimitBytes: number;
  /** The SMTP listener for customers' e-mail replies (bot/email/inbound-smtp.ts); undefined: off. */
  emailInbound:
    | {
        port: number;
        host: string;
        maxBytes: number;
        tls: { mode: 'offered' | 'required' | 'off'; certFile?: string; keyFile?: string; hostname: string };
      }
    | undefined;
  /** Each org's limit on its public booking form, per client address, unless the org set its own (`publicFormLimit`). */
  publicFormLimit: RateLimit | null;
  /**
   * How long a push to a LINE staff group waits to take along the cards and alerts that follow it
   * (LINE counts pushes per recipient); 0: each goes at once (core/conversations/outgoing.ts).
   */
  groupPushWindowMs: number;
  /** How often an open live stream is sent a keep-alive and its caller checked again (api/admin/analytics-routes.ts). */
  liveHeartbeatMs: number;
  /**
   * How long an API request waits for a pooled database connection before its 503 (core/db/request-wait.ts);
   * 0: knex's own 15 s. Webhooks and the workers always wait the 15 s.
   */
  databaseRequestWaitMs: number;
}

export class ConfigError extends Error {
  readonly problems: { variable: string; message: string }[];
  constructor(problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) {
    if (v !== undefined && v.trim() !== '') raw[k] = v;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (e.NODE_ENV === 'production' && !e.APP_ENCRYPTION_KEY) {
    problems.push({ variable: 'APP_ENCRYPTION_KEY', message: 'is required in production' });
  } else if (e.NODE_ENV === 'production' && entropyBits(decodeKey(e.APP_ENCRYPTION_KEY!)!) < MIN_KEY_BITS) {
    problems.push({ variable: 'APP_ENCRYPTION_KEY', message: 'is not random (all zeros, a repeated byte...); generate one (openssl rand -base64 32)' });
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_BASE_URL) {
    problems.push({ variable: 'PUBLIC_BASE_URL', message: 'is required in production (links sent to customers are built on it)' });
  }
  if (e.NODE_ENV === 'production') {
    for (const variable of ['ADMIN_API_KEY', 'PAYMENTS_WEBHOOK_SECRET', 'ORDERS_API_SECRET'] as const) {
      const value = e[variable];
      if (value === undefined) continue;
      if (value.length < MIN_PRODUCTION_SECRET_LENGTH) {
        problems.push({ variable, message: `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production` });
      } else if (SAMPLE_SECRET.test(value)) {
        problems.push({ variable, message: 'is a sample value from the documentation; generate one (openssl rand -base64 32)' });
      } else if (entropyBits(value) < MIN_SECRET_BITS) {
        problems.push({ variable, message: 'is too easy to guess (too few different characters); generate one (openssl rand -base64 32)' });
      }
    }
  }
  const badNetwork = e.OUTBOUND_ALLOW_NETWORKS ? validateNetworks(e.OUTBOUND_ALLOW_NETWORKS) : null;
  if (badNetwork) problems.push({ variable: 'OUTBOUND_ALLOW_NETWORKS', message: badNetwork });
  if (Boolean(e.LINE_CHANNEL_SECRET) !== Boolean(e.LINE_CHANNEL_ACCESS_TOKEN)) {
    const missing = e.LINE_CHANNEL_SECRET ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    problems.push({ variable: missing, message: 'must be set together with its LINE pair' });
  }
  if (problems.length) throw new ConfigError(problems);

  const liffIds: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('LIFF_ID_')) liffIds[k.slice('LIFF_ID_'.length).toLowerCase()] = v;
  }

  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { port: e.PORT, host: e.HOST, publicBaseUrl: e.PUBLIC_BASE_URL },
    databaseUrl: e.DATABASE_URL,
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'on',
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    encryptionKey: e.APP_ENCRYPTION_KEY ? (decodeKey(e.APP_ENCRYPTION_KEY) ?? undefined) : undefined,
    adminApiKey: e.ADMIN_API_KEY,
    platformApiKey: e.PLATFORM_API_KEY,
    loadDemoSeed: e.DEMO_SEED === 'auto',
    devSimulator: e.DEV_SIMULATOR === 'auto' && e.NODE_ENV !== 'production',
    simulatorPort: e.SIMULATOR_PORT,
    line: {
      channelSecret: e.LINE_CHANNEL_SECRET,
      channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
      apiBaseUrl: e.LINE_API_BASE_URL,
      dataApiBaseUrl: e.LINE_DATA_API_BASE_URL,
      loginChannelId: e.LINE_LOGIN_CHANNEL_ID,
      liffIds,
    },
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      whatsappFrom: e.TWILIO_WHATSAPP_FROM,
      apiBaseUrl: e.TWILIO_API_BASE_URL,
    },
    classifier: e.CLASSIFIER,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    gemini: { apiKey: e.GEMINI_API_KEY, baseUrl: e.GEMINI_BASE_URL, model: e.GEMINI_MODEL },
    paymentsWebhookSecret: e.PAYMENTS_WEBHOOK_SECRET,
    ordersApiSecret: e.ORDERS_API_SECRET,
    stripe: { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBaseUrl: e.STRIPE_API_BASE_URL, reconcileEveryMs: e.STRIPE_RECONCILE_EVERY_MS },
    outbound: { requireHttps: e.NODE_ENV === 'production', allowNetworks: e.OUTBOUND_ALLOW_NETWORKS ?? [] },
    trustProxy: e.TRUST_PROXY === 'true',
    orgApiLimit: e.ORG_RATE_LIMIT_API,
    orgLimitDefaults: { storageMb: e.ORG_STORAGE_LIMIT_MB, llmTokensPerDay: e.ORG_LLM_TOKENS_PER_DAY },
    limits: { public: e.RATE_LIMIT_PUBLIC, webhookFailures: e.RATE_LIMIT_WEBHOOK_FAILURES, authFailures: e.RATE_LIMIT_AUTH_FAILURES, api: e.RATE_LIMIT_API },
    webhookBodyLimitBytes: e.WEBHOOK_BODY_LIMIT,
    emailInbound: e.EMAIL_INBOUND_PORT === undefined ? undefined : {
            port: e.EMAIL_INBOUND_PORT,
            host: e.EMAIL_INBOUND_HOST ?? e.HOST,
            maxBytes: e.EMAIL_INBOUND_MAX_BYTES,
            tls: { mode: e.EMAIL_INBOUND_TLS, certFile: e.EMAIL_INBOUND_TLS_CERT, keyFile: e.EMAIL_INBOUND_TLS_KEY, hostname: e.EMAIL_INBOUND_HOSTNAME },
          },
    publicFormLimit: e.PUBLIC_FORM_LIMIT,
    groupPushWindowMs: e.GROUP_PUSH_WINDOW_MS,
    liveHeartbeatMs: e.LIVE_HEARTBEAT_MS,
    databaseRequestWaitMs: e.DATABASE_REQUEST_WAIT_MS,
  };
}

/**
 * Secrets a person typed rather than generated: the Shannon entropy of the value's own characters
 * (or bytes), times its length. A generated secret scores far above the floors: 32 random bytes
 * about 150 bits, 32 random hex characters about 118 (never under 88 in a million tries); 32 times
 * `a`, or 32 zero bytes, score 0.
 */
const MIN_SECRET_BITS = 80;
const MIN_KEY_BITS = 128;
function entropyBits(value: string | Buffer): number {
  const symbols = typeof value === 'string' ? [...value] : [...value];
  const counts = new Map<string | number, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  let perSymbol = 0;
  for (const n of counts.values()) perSymbol -= (n / symbols.length) * Math.log2(n / symbols.length);
  return perSymbol * symbols.length;
}

function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
    const b = Buffer.from(v, 'base64');
    if (b.length === 32) return b;
  }
  return null;
}
