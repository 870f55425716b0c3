import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.variable);
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.http.port).toBe(3000);
    expect(c.dataDir).toBe('./data');
    expect(c.preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'off' }).preparedStatements).toBe(false);
    expect(c.line.apiBaseUrl).toBe('https://api.line.me');
    expect(c.classifier).toBe('auto');
    // Every org's booking form has a limit per client address unless it sets its own.
    expect(c.publicFormLimit).toEqual({ points: 30, seconds: 600 });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ DATABASE_PREPARED_STATEMENTS: 'no' }, 'DATABASE_PREPARED_STATEMENTS'],
    [{ APP_ENCRYPTION_KEY: 'short' }, 'APP_ENCRYPTION_KEY'],
    [{ ADMIN_API_KEY: 'abc' }, 'ADMIN_API_KEY'],
    [{ CLASSIFIER: 'magic' }, 'CLASSIFIER'],
    [{ LINE_API_BASE_URL: 'not a url' }, 'LINE_API_BASE_URL'],
    [{ LINE_CHANNEL_SECRET: 'only-the-secret' }, 'LINE_CHANNEL_ACCESS_TOKEN'],
    [{ NODE_ENV: 'production' }, 'APP_ENCRYPTION_KEY'],
  ])('names the wrong variable: %o', (env, variable) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it('reports every wrong variable at once, in the message too', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'x', REDIS_URL: 'nope' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/REDIS_URL/);
  });

  it('accepts a 32-byte key as hex or base64', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ APP_ENCRYPTION_KEY: hex }).encryptionKey?.toString('hex')).toBe(hex);
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ APP_ENCRYPTION_KEY: b64 }).encryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  describe('in production', () => {
    // A key as `openssl rand -hex 32` makes one (fixed, so that the test reads the same every run).
    const prod = { NODE_ENV: 'production', APP_ENCRYPTION_KEY: createHash('sha256').update('opsdesk config test').digest('hex'), PUBLIC_BASE_URL: 'https://desk.example.com' };
    const strong = 'k9G2vQ7xL0pR4sT8wY1zB5nM3cF6hJ0d';

    it('starts with strong values', () => {
      const c = loadConfig({ ...prod, ADMIN_API_KEY: strong, PAYMENTS_WEBHOOK_SECRET: strong });
      // Generated keys of every usual shape pass: 32 random hex characters, 32 random bytes in base64.
      for (let i = 0; i < 50; i++) {
        const hex = randomBytes(16).toString('hex');
        const key = randomBytes(32).toString('base64');
        expect(problemsOf({ ...prod, ADMIN_API_KEY: hex, APP_ENCRYPTION_KEY: key }), hex).toEqual([]);
      }
      expect(c.outbound).toEqual({ requireHttps: true, allowNetworks: [] });
      expect(c.trustProxy).toBe(false);
    });

    it.each([
      [{ ADMIN_API_KEY: 'change-me-admin-key-123' }, 'ADMIN_API_KEY'],
      [{ ADMIN_API_KEY: 'change-me-admin-key-123-but-long-enough-now' }, 'ADMIN_API_KEY'],
      [{ ADMIN_API_KEY: 'a-key-of-twenty-five-chars' }, 'ADMIN_API_KEY'],
      [{ PAYMENTS_WEBHOOK_SECRET: 'payments-secret-short' }, 'PAYMENTS_WEBHOOK_SECRET'],
      [{ PAYMENTS_WEBHOOK_SECRET: 'secret-secret-secret-secret-secret' }, 'PAYMENTS_WEBHOOK_SECRET'],
      [{ PUBLIC_BASE_URL: '' }, 'PUBLIC_BASE_URL'],
      [{ ADMIN_API_KEY: 'a'.repeat(32) }, 'ADMIN_API_KEY'],
      [{ ADMIN_API_KEY: 'abababababababababababababababab' }, 'ADMIN_API_KEY'],
      [{ PAYMENTS_WEBHOOK_SECRET: '0'.repeat(48) }, 'PAYMENTS_WEBHOOK_SECRET'],
      [{ ORDERS_API_SECRET: 'orders-secret-short' }, 'ORDERS_API_SECRET'],
      [{ ORDERS_API_SECRET: '0'.repeat(48) }, 'ORDERS_API_SECRET'],
      [{ APP_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }, 'APP_ENCRYPTION_KEY'],
      [{ APP_ENCRYPTION_KEY: '00'.repeat(32) }, 'APP_ENCRYPTION_KEY'],
      [{ APP_ENCRYPTION_KEY: 'ab'.repeat(32) }, 'APP_ENCRYPTION_KEY'],
    ])('refuses a sample, short, guessable or missing value: %o', (env, variable) => {
      expect(problemsOf({ ...prod, ...env })).toEqual([variable]);
    });

    it('allows the sample values outside production, for trying the product', () => {
      expect(problemsOf({ ADMIN_API_KEY: 'change-me-admin-key-123', PAYMENTS_WEBHOOK_SECRET: 'payments-secret-x' })).toEqual([]);
    });
  });

  it('reads OUTBOUND_ALLOW_NETWORKS as CIDR ranges and TRUST_PROXY as a switch', () => {
    const c = loadConfig({ OUTBOUND_ALLOW_NETWORKS: '127.0.0.0/8, 10.1.2.0/24 ::1/128', TRUST_PROXY: 'true' });
    expect(c.outbound).toEqual({ requireHttps: false, allowNetworks: ['127.0.0.0/8', '10.1.2.0/24', '::1/128'] });
    expect(c.trustProxy).toBe(true);
    expect(problemsOf({ OUTBOUND_ALLOW_NETWORKS: '10.0.0.0/33' })).toEqual(['OUTBOUND_ALLOW_NETWORKS']);
    expect(problemsOf({ TRUST_PROXY: 'yes' })).toEqual(['TRUST_PROXY']);
  });

  it('reads rate limits as <requests>/<seconds> or off, with defaults, and the simulator port', () => {
    const d = loadConfig({});
    expect(d.limits).toEqual({
      public: { points: 120, seconds: 60 },
      webhookFailures: { points: 20, seconds: 60 },
      authFailures: { points: 20, seconds: 600 },
      api: { points: 1200, seconds: 60 },
    });
    expect(d.webhookBodyLimitBytes).toBe(4 * 1024 * 1024);
    expect(d.simulatorPort).toBe(0);
    const c = loadConfig({ RATE_LIMIT_PUBLIC: '30/10', RATE_LIMIT_API: 'off', SIMULATOR_PORT: '3001' });
    expect(c.limits.public).toEqual({ points: 30, seconds: 10 });
    expect(c.limits.api).toBeNull();
    expect(c.simulatorPort).toBe(3001);
    expect(problemsOf({ RATE_LIMIT_PUBLIC: '30', RATE_LIMIT_WEBHOOK_FAILURES: '0/10', RATE_LIMIT_API: 'none', SIMULATOR_PORT: 'x' }).sort()).toEqual([
      'RATE_LIMIT_API',
      'RATE_LIMIT_PUBLIC',
      'RATE_LIMIT_WEBHOOK_FAILURES',
      'SIMULATOR_PORT',
    ]);
  });

  it('collects LIFF ids by app name', () => {
    expect(loadConfig({ LIFF_ID_DASHBOARD: '123-abc' }).line.liffIds).toEqual({ dashboard: '123-abc' });
  });
});
