import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { freePort } from '../support/free-port.ts';
import { hasRedisServer, startRedis, stopRedis } from '../support/private-redis.ts';

/**
 * PostgreSQL has no connection left for us (docs/reliability.md, "PostgreSQL at max_connections"):
 * something else holds every connection the server allows, and the process's own were ended, so
 * each new one is refused with SQLSTATE 53300. The server is shared with other tests, so the limit
 * is a role's CONNECTION LIMIT (the same refusal, same code) rather than the server's.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/start.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DEV_SIMULATOR: 'off', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('not in time');
    await sleep(100);
  }
}

function lineMessage(id: string, text: string) {
  return JSON.stringify({
    destination: 'U' + '0'.repeat(32),
    events: [{ type: 'message', mode: 'active', timestamp: Date.now(), webhookEventId: id, source: { type: 'user', userId: 'U' + '1'.repeat(32) }, deliveryContext: { isRedelivery: false }, replyToken: `r-${id}`, message: { id: id.slice(-8), type: 'text', text } }],
  });
}

describe.runIf(process.env.TEST_DATABASE_URL && hasRedisServer)('PostgreSQL has no connection left for us', () => {
  it('webhooks are answered 503 with Retry-After, /readyz says why, nothing is lost, and it recovers without a restart', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const stamp = Date.now();
    const name = `opsdesk_connfull_${stamp}`;
    const role = `opsdesk_connfull_${stamp}`;
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${role}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    url.username = role;
    const port = await freePort();
    const redisPort = await freePort();
    const redis = await startRedis(redisPort);
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-connfull-'));
    dirs.push(dataDir);
    const secret = 'connections-full-line-secret';
    const p = run({
      DATABASE_URL: url.toString(),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LINE_CHANNEL_SECRET: secret,
      LINE_CHANNEL_ACCESS_TOKEN: 'connections-full-line-token',
      LINE_API_BASE_URL: 'http://127.0.0.1:9', // nothing listens: replies fail and are retried, which is not what this drill is about
    });
    const holders: pg.Client[] = [];
    const base = `http://127.0.0.1:${port}`;
    const post = async (id: string, text: string) => {
      const body = lineMessage(id, text);
      const t0 = Date.now();
      const res = await fetch(`${base}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body, signal: AbortSignal.timeout(60_000) });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - t0, body: await res.text() };
    };
    try {
      await until(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000);
      expect((await post('01CONNFULL00000000000000001', 'before')).status).toBe(200);

      // Something else holds every connection the role may open (five of them, the limit lowered to
      // that), and the process's own are ended (a restart of its pool, idle ones reaped, a failover):
      // each new connection is refused with 53300, as at the server's max_connections.
      for (let i = 0; i < 5; i++) {
        const c = new pg.Client({ connectionString: url.toString(), application_name: 'hog' });
        await c.connect();
        holders.push(c);
      }
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT 5`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name <> 'hog'`, [name]);
      const refused = await new pg.Client({ connectionString: url.toString() }).connect().then(
        () => 'connected',
        (err: { code?: string }) => err.code,
      );
      expect(refused).toBe('53300');
      await sleep(500);

      const during = await post('01CONNFULL00000000000000002', 'during');
      const readyT0 = Date.now();
      const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(60_000) });
      const readyBody = await ready.json();
      const readyMs = Date.now() - readyT0;
      console.log('during', JSON.stringify({ held: holders.length, during, ready: { status: ready.status, readyBody, readyMs } }));

      expect(during.status).toBe(503);
      expect(Number(during.retryAfter)).toBeGreaterThan(0);
      expect(during.ms).toBeLessThan(10_000);
      expect(JSON.parse(during.body).error.code).toBe('unavailable');
      expect(ready.status).toBe(503);
      expect(readyBody.checks.database).toBe(false);
      expect(readyBody.reasons.database).toMatch(/too many connections|53300/);
      expect(readyMs).toBeLessThan(10_000);

      // The connections come back: ready again, no restart.
      const freedAt = Date.now();
      await Promise.all(holders.splice(0).map((c) => c.end()));
      await until(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 30_000);
      const recoveredMs = Date.now() - freedAt;
      // LINE delivers the refused event again: stored once, and worked on.
      expect((await post('01CONNFULL00000000000000002', 'during')).status).toBe(200);
      const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL!.replace(/\/[^/]*$/, `/${name}`) });
      await db.connect();
      const rows = await until(async () => {
        const { rows } = await db.query<{ platform_event_id: string; processed: boolean }>(`SELECT platform_event_id, processed_at IS NOT NULL AS processed FROM inbound_events ORDER BY platform_event_id`);
        return rows.length === 2 && rows.every((r) => r.processed) ? rows : undefined;
      }, 30_000).catch(async () => (await db.query(`SELECT platform_event_id, processed_at IS NOT NULL AS processed FROM inbound_events ORDER BY platform_event_id`)).rows);
      await db.end();
      console.log('after', JSON.stringify({ recoveredMs, rows }));
      expect(rows.map((r) => r.platform_event_id)).toEqual(['01CONNFULL00000000000000001', '01CONNFULL00000000000000002']);
      expect(rows.every((r) => r.processed)).toBe(true);
      expect(p.child.exitCode).toBeNull();
    } finally {
      await Promise.all(holders.map((c) => c.end().catch(() => {})));
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
      await p.exit;
      clearTimeout(timer);
      await stopRedis(redis);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  }, 180_000);
});
