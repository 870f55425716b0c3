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
    expect(c.line.apiBaseUrl).toBe('https://api.line.me');
    expect(c.classifier).toBe('auto');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
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

  it('collects LIFF ids by app name', () => {
    expect(loadConfig({ LIFF_ID_DASHBOARD: '123-abc' }).line.liffIds).toEqual({ dashboard: '123-abc' });
  });
});
