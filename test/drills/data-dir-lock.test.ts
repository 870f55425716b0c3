import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../core/db/connect.ts';
import pg from 'pg';
import { DataDirInUse, EMBEDDED_ADDRESS_FILE, EMBEDDED_LOCK_FILE, startEmbeddedPostgres, type EmbeddedPostgres } from '../../core/db/embedded-postgres.ts';

/**
 * The embedded database in DATA_DIR is opened by one process at a time. `npm run seed:volume`
 * opened it beside a running `npm start`, and the two wrote over each other's pages: the result
 * broke its own foreign keys. Now a second opener is refused, saying who holds it; the commands
 * that may run beside `npm start` go through the running process; a lock left by a killed process
 * does not keep the database shut.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
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

  it("is taken over from a killed process that had this process's id (a container's process 1 at every start)", async () => {
    writeFileSync(join(dir, EMBEDDED_LOCK_FILE), `${process.pid}\n`);
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

describe('the embedded database is private to the user running it', () => {
  it('asks every connection for a password made at start; DATA_DIR and its files are theirs alone, closed up if they were not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsdesk-private-'));
    // As an earlier version left it: open to every user of the machine.
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'media', 'photo.jpg'), 'x', { mode: 0o666 });
    chmodSync(join(dir, 'media'), 0o777);
    chmodSync(dir, 0o777);
    const e = await start(dir);

    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, EMBEDDED_ADDRESS_FILE))).toBe(0o600);
    expect(mode(join(dir, EMBEDDED_LOCK_FILE))).toBe(0o600);
    const openToOthers: string[] = [];
    const walk = (p: string) => {
      if (mode(p) & 0o077) openToOthers.push(p);
      if (statSync(p).isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    };
    walk(dir);
    expect(openToOthers).toEqual([]);
    const dirs: string[] = [];
    const walkDirs = (p: string) => {
      if (!statSync(p).isDirectory()) return;
      if (mode(p) !== 0o700) dirs.push(p);
      for (const name of readdirSync(p)) walkDirs(join(p, name));
    };

    const url = new URL(e.url);
    expect(url.password.length).toBeGreaterThanOrEqual(24);
    expect(JSON.parse(readFileSync(join(dir, EMBEDDED_ADDRESS_FILE), 'utf8')).url).toBe(e.url);
    const rightful = new pg.Client({ connectionString: e.url });
    await rightful.connect();
    await rightful.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1), (2)');
    // Without the password, or with another, nothing is answered but PostgreSQL's refusal.
    // The near miss changes the last character (a password that ended in "x" made "…x" the right one, 1 start in 64).
    const nearMiss = `${url.password.slice(0, -1)}${url.password.endsWith('x') ? 'y' : 'x'}`;
    for (const password of ['', 'postgres', nearMiss]) {
      const other = new URL(e.url);
      other.password = password;
      const intruder = new pg.Client({ connectionString: other.toString() });
      const refused = await intruder.connect().then(() => undefined, (err: { code?: string }) => err);
      expect(refused?.code, password).toBe('28P01');
      await intruder.end().catch(() => {});
    }
    expect((await rightful.query('SELECT n FROM kept ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
    await rightful.end();
    // The files PGlite makes while running are behind directories nobody else may enter.
    walkDirs(dir);
    expect(dirs).toEqual([]);
  }, 60_000);
});
