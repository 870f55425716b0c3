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
 * Every line a process writes is a JSON log record with a level, whatever goes wrong around it:
 * the log is read by machines (a collector parses each line), and a line that is not JSON is
 * either dropped or a record of its own without a level, so the trouble it reports is missed.
 * Before: knex printed "Connection Error: Connection ended unexpectedly" with console.log for every
 * pooled connection PostgreSQL had terminated, and Redis clients without an error listener printed
 * "[ioredis] Unhandled error event" stack traces on stderr.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/start.ts', ...args], {
    cwd: root,
    // Debug: the most lines, so that whatever writes anything is seen.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', DEV_SIMULATOR: 'off', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function waitReady(port: number, timeoutMs = 60_000, path = '/readyz') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not ready in time');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lines that are not a JSON record with a level (the start-up banner included: no terminal here). */
function notJsonLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => {
      try {
        const o = JSON.parse(l);
        return typeof o !== 'object' || o === null || typeof o.level !== 'number';
      } catch {
        return true;
      }
    });
}

describe.runIf(process.env.TEST_DATABASE_URL && hasRedisServer)('every line a process writes is a JSON log record', () => {
  it('while Redis is refused and while PostgreSQL terminates its connections', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `opsdesk_logs_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const port = await freePort();
    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-logs-'));
    dirs.push(dataDir);
    const p = run([], { DATABASE_URL: url.toString(), REDIS_URL: `redis://127.0.0.1:${redisPort}`, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      await waitReady(port);
      // Redis goes away: every client of it (BullMQ's queues and workers, the rate limits, the run-id probe) sees ECONNREFUSED.
      await stopRedis(redis);
      await sleep(4_000);
      redis = await startRedis(redisPort);
      await sleep(2_000);
      // PostgreSQL terminates every connection of the process, twice, while it works.
      for (let i = 0; i < 2; i++) {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
        await sleep(3_000);
      }
      await waitReady(port, 30_000);
    } finally {
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
      await p.exit;
      clearTimeout(timer);
      await stopRedis(redis);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    const out = p.out();
    const err = p.err();
    // It did report the trouble, as records.
    expect(out + err).toMatch(/ECONNREFUSED/);
    expect(out + err).toMatch(/terminat/i);
    expect(notJsonLines(out), out.slice(0, 2000)).toEqual([]);
    expect(notJsonLines(err), err.slice(0, 2000)).toEqual([]);
  }, 150_000);

  it('an api process whose Redis refuses every connection', async () => {
    // The api runs no worker, so nothing of it listened to its queues' connection errors (readiness
    // asks the queue store through one), and BullMQ printed them with console.error, a stack trace
    // each, on stderr.
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `opsdesk_logs_api_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const port = await freePort();
    const closed = await freePort(); // nothing listens there
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-logs-'));
    dirs.push(dataDir);
    const secret = 'log-lines-line-secret';
    const p = run(['--role=api'], {
      DATABASE_URL: url.toString(),
      REDIS_URL: `redis://127.0.0.1:${closed}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LINE_CHANNEL_SECRET: secret,
      LINE_CHANNEL_ACCESS_TOKEN: 'log-lines-line-token',
    });
    try {
      // Not ready without its queue store; alive all the same, and a LINE message is still stored
      // (the relay then tries to hand its row to the queue, and keeps failing to).
      await waitReady(port, 60_000, '/healthz');
      const body = JSON.stringify({
        destination: 'U' + '0'.repeat(32),
        events: [{ type: 'message', mode: 'active', timestamp: Date.now(), webhookEventId: '01LOGLINES0000000000000001', source: { type: 'user', userId: 'U' + '1'.repeat(32) }, deliveryContext: { isRedelivery: false }, replyToken: 'r', message: { id: '1', type: 'text', text: 'hello' } }],
      });
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body });
      expect(res.status).toBe(200);
      // Readiness asks the queue store, through a queue of its own: not ready.
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
      await sleep(8_000);
    } finally {
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
      await p.exit;
      clearTimeout(timer);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    expect(p.out() + p.err()).toMatch(/ECONNREFUSED/);
    expect(notJsonLines(p.out()), p.out().slice(0, 2000)).toEqual([]);
    expect(notJsonLines(p.err()), p.err().slice(0, 2000)).toEqual([]);
  }, 120_000);
});
