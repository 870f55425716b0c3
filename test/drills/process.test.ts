import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

/**
 * `npm start` as a user runs it: a real process on the embedded default, stopped with SIGTERM and
 * started again on the same data; and refusing to start on a wrong environment.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/start.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function waitReady(port: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return res.json();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not ready in time');
}

describe('refusing a wrong environment', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ APP_ENCRYPTION_KEY: 'too-short' }, 'APP_ENCRYPTION_KEY'],
  ])('exits 1 and names the variable: %o', async (env, variable) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-proc-'));
    dirs.push(dataDir);
    const p = run([], { DATA_DIR: dataDir, ...env });
    expect(await p.exit).toBe(1);
    expect(p.err()).toContain(variable);
    expect(p.out()).toBe('');
  });

  it('will not run the api alone on the embedded database, and says why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-proc-'));
    dirs.push(dataDir);
    const p = run(['--role=api'], { DATA_DIR: dataDir });
    expect(await p.exit).toBe(1);
    expect(p.err()).toMatch(/DATABASE_URL is required/);
  });
});

describe('a stop while the start cannot finish', () => {
  it('exits within about ten seconds when Redis refuses every connection, saying why, as JSON', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-proc-'));
    dirs.push(dataDir);
    const closed = await freePort();
    const p = run([], { DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${closed}`, PORT: String(await freePort()), LOG_LEVEL: 'info' });
    // Past the database (it says so), then a second more: it is waiting on Redis.
    const deadline = Date.now() + 30_000;
    while (!p.out().includes('embedded PostgreSQL started') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    expect(p.child.exitCode).toBeNull();
    const asked = Date.now();
    p.child.kill('SIGTERM');
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
    const code = await p.exit;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(Date.now() - asked).toBeLessThan(15_000);
    const said = (p.out() + p.err()).split('\n').filter((l) => l.includes('the start did not finish'));
    expect(said).toHaveLength(1);
    expect(JSON.parse(said[0])).toMatchObject({ level: 40, signal: 'SIGTERM' });
  });
});

describe('npm start on the embedded default', () => {
  it('starts, seeds once, stops cleanly on SIGTERM and keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-proc-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_KEY: 'process-test-admin-key-123' };

    const first = run([], env);
    expect(await waitReady(port)).toMatchObject({ status: 'ready', queueBackend: 'postgres' });
    expect(first.out()).toContain(`http://127.0.0.1:${port}/api/v1`);
    expect(first.out()).toContain('/healthz');
    const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { authorization: 'Bearer process-test-admin-key-123' } });
    const orgId = (await me.json()).org.id;
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    const second = run([], env);
    await waitReady(port);
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { authorization: 'Bearer process-test-admin-key-123' } });
    expect((await again.json()).org.id).toBe(orgId);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(second.err()).not.toMatch(/"level":(50|60)/);
  }, 90_000);
});

// Separate processes need a database server they can all reach: the embedded one lives inside a
// single process, so on the embedded defaults this part does not run.
describe.runIf(process.env.TEST_DATABASE_URL)('api and workers as separate processes on one database', () => {
  it('runs both roles side by side, and several workers at once', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `opsdesk_proc_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const port = await freePort();
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.TEST_REDIS_URL ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'opsdesk-proc-')),
    };
    const procs = [run(['--role=workers'], env), run(['--role=workers'], env), run(['--role=api'], env)];
    try {
      expect(await waitReady(port)).toMatchObject({ status: 'ready' });
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM orgs WHERE is_default`);
      expect(rows[0].n).toBe(1);
      await db.end();
    } finally {
      procs.forEach((p) => p.child.kill('SIGTERM'));
      const codes = await Promise.all(procs.map((p) => p.exit));
      expect(codes, procs.map((p) => p.err() + p.out()).join('\n---\n')).toEqual([0, 0, 0]);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 90_000);
});
