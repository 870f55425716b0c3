import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase } from '../core/db/connect.ts';
import { DataDirInUse, EMBEDDED_LOCK_FILE, startEmbeddedPostgres, type EmbeddedPostgres } from '../core/db/embedded-postgres.ts';

/**
 * The embedded database in DATA_DIR is opened by one process at a time. `npm run seed:volume`
 * opened it beside a running `npm start`, and the two wrote over each other's pages: the result
 * broke its own foreign keys. Now a second opener is refused, saying who holds it; the commands
 * that may run beside `npm start` go through the running process; a lock left by a killed process
 * does not keep the database shut.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
let open: EmbeddedPostgres[] = [];
afterEach(async () => {
  await Promise.all(open.map((e) => e.stop()));
  open = [];
});
const start = async (dataDir: string) => {
  const e = await startEmbeddedPostgres({ dataDir });
  open.push(e);
  return e;
};

describe('the embedded data directory', () => {
  // One directory for the three: a new cluster takes seconds to make, opening one far less.
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-lock-'));

  it('is refused to a second opener while it is open, naming the process; free again once stopped', async () => {
    const first = await start(dir);
    expect(readFileSync(join(dir, EMBEDDED_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    const second = await startEmbeddedPostgres({ dataDir: dir }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(second).toBeInstanceOf(DataDirInUse);
    expect((second as DataDirInUse).message).toContain(`process ${process.pid}`);
    // The first is untouched by the refused attempt.
    const knex = connectDatabase({ url: first.url, applicationName: 'lock-test', poolMax: 1 });
    try {
      expect((await knex.raw('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await knex.destroy();
    }
    await first.stop();
    open = [];
    await start(dir);
  });

  it('is taken over from a process that was killed while holding it', async () => {
    // A process id that no process has: one that ended (as after a SIGKILL).
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.once('exit', () => resolve(child.pid!));
    });
    writeFileSync(join(dir, EMBEDDED_LOCK_FILE), `${gone}\n`);
    await start(dir);
    expect(readFileSync(join(dir, EMBEDDED_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
  });

  it('`npm run migrate` beside a running process goes through it instead of opening the directory', async () => {
    const running = await start(dir);
    const { code, out, err } = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'bin/migrate.ts')], { cwd: root, env: { PATH: process.env.PATH ?? '', DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.once('exit', (c) => resolve({ code: c ?? -1, out, err }));
    });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^Applied: /);
    // Applied to the database the running process serves.
    const knex = connectDatabase({ url: running.url, applicationName: 'lock-test', poolMax: 1 });
    try {
      expect(Number((await knex('knex_migrations').count({ n: '*' }).first())!.n)).toBeGreaterThan(10);
    } finally {
      await knex.destroy();
    }
  }, 60_000);
});
