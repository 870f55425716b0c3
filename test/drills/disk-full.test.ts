import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { freePort } from '../support/free-port.ts';

/**
 * The disk under DATA_DIR full, on the embedded default (docs/reliability.md, "The disk of DATA_DIR
 * full"): `npm start` keeps PGlite's files there. A small tmpfs is the disk; it needs root (mount),
 * so elsewhere this drill does not run.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const mountPoint = mkdtempSync(join(tmpdir(), 'opsdesk-full-'));
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200m', 'tmpfs', mountPoint]).status === 0;
afterAll(() => {
  if (canMount) spawnSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secret = 'disk-full-line-secret';

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DEV_SIMULATOR: 'off', LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: 'disk-full-token', LINE_API_BASE_URL: 'http://127.0.0.1:9', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function readyz(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json() };
}

async function untilReady(port: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await readyz(port).catch(() => undefined);
    if (r?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`not ready in time: ${JSON.stringify(r)}`);
    await sleep(100);
  }
}

async function post(port: number, id: string) {
  const body = JSON.stringify({
    destination: 'U' + '0'.repeat(32),
    events: [{ type: 'message', mode: 'active', timestamp: Date.now(), webhookEventId: id, source: { type: 'user', userId: 'U' + id.slice(-1).repeat(32) }, deliveryContext: { isRedelivery: false }, replyToken: `r-${id}`, message: { id: id.slice(-10), type: 'text', text: `message ${id} ${'x'.repeat(2_000)}` } }],
  });
  const t0 = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body, signal: AbortSignal.timeout(30_000) });
  return { id, status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - t0, body: await res.text() };
}

/** Writes zeros until the file system refuses (ENOSPC). */
function fill(path: string) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

async function storedEvents(dataDir: string) {
  const { url } = JSON.parse(readFileSync(join(dataDir, 'embedded-postgres.json'), 'utf8'));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; processed: boolean }>(`SELECT platform_event_id AS id, processed_at IS NOT NULL AS processed FROM inbound_events ORDER BY 1`);
    return rows;
  } finally {
    await db.end();
  }
}

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `01DISKFULL${String(from + i).padStart(16, '0')}`);

describe.runIf(canMount)('the disk of DATA_DIR full, on the embedded default', () => {
  it('refuses with 503 and Retry-After, says why in /readyz, loses nothing, and works again when space returns', async () => {
    const dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir);
    const filler = join(mountPoint, 'filler');
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    let p = run(env);
    try {
      await untilReady(port);
      const before = await Promise.all(ids(0, 5).map((id) => post(port, id)));
      expect(before.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

      fill(filler);
      const logLinesAtFull = p.out().split('\n').length;
      const during = [];
      for (const id of ids(100, 20)) during.push(await post(port, id));
      const ready = await readyz(port);
      await sleep(3_000);
      const workerErrors = p.out().split('\n').slice(logLinesAtFull).filter((l) => l.includes('"worker error"')).length;
      console.log('full', JSON.stringify({ statuses: during.map((r) => r.status), slowestMs: Math.max(...during.map((r) => r.ms)), sample: during.find((r) => r.status !== 200), ready, workerErrors }));

      // Never a 500, never a hang: what the database took is acknowledged, the rest refused with a reason.
      expect(during.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      expect(during.filter((r) => r.status === 503).length).toBeGreaterThan(0);
      for (const r of during.filter((r) => r.status === 503)) {
        expect(r.retryAfter).toBe('5');
        expect(JSON.parse(r.body).error.message).toMatch(/disk is full/);
      }
      expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(10_000);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.disk).toBe(false);
      expect(ready.body.reasons.disk).toMatch(/DATA_DIR .* KiB free/);
      // One record per queue per 10 s, not one per retry of BullMQ's fetch.
      expect(workerErrors).toBeLessThan(40);

      // Space again: ready without a restart; LINE redelivers what was refused.
      rmSync(filler);
      const freedAt = Date.now();
      await untilReady(port, 30_000);
      const recoveryMs = Date.now() - freedAt;
      const refused = during.filter((r) => r.status === 503).map((r) => r.id);
      const again = await Promise.all(refused.map((id) => post(port, id)));
      expect(again.every((r) => r.status === 200)).toBe(true);
      const all = [...ids(0, 5), ...ids(100, 20)].sort();
      const deadline = Date.now() + 60_000;
      let rows = await storedEvents(dataDir);
      while (!(rows.length === all.length && rows.every((r) => r.processed)) && Date.now() < deadline) {
        await sleep(250);
        rows = await storedEvents(dataDir);
      }
      console.log('recovered', JSON.stringify({ recoveryMs, refused: refused.length, stored: rows.length, processed: rows.filter((r) => r.processed).length }));
      expect(rows.map((r) => r.id)).toEqual(all);
      expect(rows.every((r) => r.processed)).toBe(true);
      expect(p.child.exitCode).toBeNull();

      // Stopped while the disk is full again, then started on a full disk: it says why and stops.
      fill(filler);
      p.child.kill('SIGTERM');
      expect(await p.exit).toBe(0);
      p = run(env);
      expect(await p.exit).toBe(1);
      expect(p.out() + p.err()).toMatch(/DATA_DIR .* KiB free.*free space there and start again/);

      // Space again: it starts, with everything it had acknowledged.
      rmSync(filler);
      p = run(env);
      await untilReady(port);
      expect((await storedEvents(dataDir)).map((r) => r.id)).toEqual(all);
    } finally {
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
      await p.exit;
      clearTimeout(timer);
    }
  }, 240_000);
});
