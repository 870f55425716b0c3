import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { EMBEDDED_ADDRESS_FILE, EMBEDDED_LOCK_FILE } from '../../core/db/embedded-postgres.ts';
import { WAL_BEHIND_LIMIT } from '../../core/db/pglite-checkpoints.ts';
import { freePort } from '../support/free-port.ts';

/**
 * `npm start` on the embedded default, SIGKILLed after writing: the next start answers /readyz
 * soon and still has what was committed. PGlite has no checkpointer of its own, so a start after
 * a crash replayed all the WAL written since the last start (1 GB: 30 to 50 s); now the running
 * process checkpoints once 32 MB of WAL are behind (docs/reliability.md, "Restart after a crash").
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/start.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: 'ignore' });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exit };
}

async function waitReady(port: number, timeoutMs: number): Promise<number> {
  const began = Date.now();
  while (Date.now() - began < timeoutMs) {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) return Date.now() - began;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready in ${timeoutMs} ms`);
}

const walBehind = async (c: pg.Client) =>
  Number((await c.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint AS b FROM pg_control_checkpoint()')).rows[0].b);

describe('npm start after a SIGKILL, on the embedded default', () => {
  it('checkpoints while it runs, so the next start replays little WAL, answers soon and has every committed row', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-restart-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };

    const first = start(env);
    // A failed assertion before the kill must not leave the process running.
    onTestFinished(() => void first.child.kill('SIGKILL'));
    await waitReady(port, 90_000);
    const { url } = JSON.parse(readFileSync(join(dataDir, EMBEDDED_ADDRESS_FILE), 'utf8'));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // About three times the limit of WAL, as a busy day's webhooks write it.
    await c.query('CREATE TABLE drill_activity (id serial PRIMARY KEY, body text)');
    for (let i = 0; i < 6; i++) await c.query("INSERT INTO drill_activity (body) SELECT repeat('x', 200) FROM generate_series(1, 50000)");
    // The running process checkpoints within its next look (every 5 s).
    const deadline = Date.now() + 20_000;
    let behind = await walBehind(c);
    while (behind >= WAL_BEHIND_LIMIT && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      behind = await walBehind(c);
    }
    expect(behind).toBeLessThan(WAL_BEHIND_LIMIT);
    // Committed after the last checkpoint: only the WAL has it when the process is killed.
    await c.query("INSERT INTO drill_activity (body) VALUES ('committed before the kill')");
    await c.end().catch(() => {});

    first.child.kill('SIGKILL');
    await first.exit;
    const killedAt = Date.now();
    const second = start(env);
    try {
      // 4.5 s on a quiet machine (docs/reliability.md); the bound leaves room for a loaded one.
      await waitReady(port, 30_000);
      const restartMs = Date.now() - killedAt;
      expect(restartMs).toBeLessThan(30_000);
      // The killed process's lock was taken over at once.
      expect(readFileSync(join(dataDir, EMBEDDED_LOCK_FILE), 'utf8').trim()).toBe(String(second.child.pid));
      const { url: url2 } = JSON.parse(readFileSync(join(dataDir, EMBEDDED_ADDRESS_FILE), 'utf8'));
      const c2 = new pg.Client({ connectionString: url2 });
      await c2.connect();
      try {
        const { rows } = await c2.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE body = 'committed before the kill')::int AS kept FROM drill_activity");
        expect(rows[0]).toEqual({ n: 300_001, kept: 1 });
      } finally {
        await c2.end();
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
  }, 180_000);
});
