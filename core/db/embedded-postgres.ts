import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { requirePassword } from './password-door.ts';
import { PgliteSessionQueue } from './pglite-session-queue.ts';
import { keepCheckpointing } from './pglite-checkpoints.ts';

/**
 * The embedded default (DESIGN.md decision 3): PGlite with its data under DATA_DIR, served on a
 * loopback port so that the ordinary `pg` driver (knex, BullMQ) talks to it as to any PostgreSQL.
 */
export interface EmbeddedPostgres {
  url: string;
  /** The whole data directory, as a tarball that `from` starts another database from. */
  snapshot(): Promise<Blob>;
  stop(): Promise<void>;
}

/** In DATA_DIR while the embedded database runs: `{ url, pid }`. */
export const EMBEDDED_ADDRESS_FILE = 'embedded-postgres.json';

/** In DATA_DIR while a process has the embedded database open: that process's id. */
export const EMBEDDED_LOCK_FILE = 'embedded-postgres.lock';

/** Another process has this DATA_DIR's database open. */
export class DataDirInUse extends Error {
  readonly dataDir: string;
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is open in process ${pid} (npm start?). Only one process may open it: ` +
        'stop that process first, or use a command that goes through it (npm run backup, seed:volume and migrate do when it is running).',
    );
    this.name = 'DataDirInUse';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** Whether a process is alive (one we may not signal is alive too). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes DATA_DIR for this process; the release function gives it back. PGlite has no lock of its
 * own: two processes that opened one data directory (`npm run seed:volume` beside `npm start`)
 * wrote over each other's pages, and the result broke its own foreign keys. A lock left by a
 * process that was killed is taken over (its process is gone).
 */
function lockDataDir(dir: string): () => void {
  const path = join(dir, EMBEDDED_LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      locked.add(path);
      return () => {
        locked.delete(path);
        if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      // Our own id in a lock we did not take: a killed process that had the same id (in a
      // container, `node` is often process 1 at every start), not this one.
      const ours = holder === process.pid && locked.has(path);
      if (ours || (holder > 0 && holder !== process.pid && isProcessAlive(holder))) throw new DataDirInUse(resolve(dir, '..'), holder);
      rmSync(path, { force: true });
    }
  }
}

/** The lock files this process holds. */
const locked = new Set<string>();

/**
 * DATA_DIR holds the database's files, the address file with its password, media and backups:
 * readable by this user only. New files are made so (the process's umask); a directory made by an
 * earlier version, with files open to every user of the machine, is closed up at start.
 */
function keepPrivate(dir: string): void {
  // Media, backups and the address file are made 0600 from the start.
  process.umask(0o077);
  mkdirSync(join(dir, 'pg'), { recursive: true, mode: 0o700 });
  const close = (path: string, isDir: boolean) => {
    chmodSync(path, isDir ? 0o700 : 0o600);
    if (isDir) for (const e of readdirSync(path, { withFileTypes: true })) if (!e.isSymbolicLink()) close(join(path, e.name), e.isDirectory());
  };
  close(dir, true);
}

export interface EmbeddedPostgresOptions {
  /** A directory for durable data, or undefined for an in-memory database (tests). */
  dataDir?: string;
  port?: number;
  /**
   * An in-memory database's data directory to start from (a `snapshot()`), instead of creating a
   * new cluster: PGlite's initdb takes 3 to 4 s, loading a snapshot about one (the tests start
   * each database from one fresh cluster's).
   */
  from?: Blob;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = resolve(join(opts.dataDir, 'pg'));
    keepPrivate(resolve(opts.dataDir));
  }
  const unlock = dataDir ? lockDataDir(join(dataDir, '..')) : () => {};
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? { dataDir } : opts.from ? { loadDataDir: opts.from } : {});
  } catch (err) {
    unlock();
    throw err;
  }
  // PGlite's files system gives the files it makes mode 0666 whatever the umask: closed up again
  // here; those it makes later are inside DATA_DIR, which nobody else may enter (0700).
  if (opts.dataDir) keepPrivate(resolve(opts.dataDir));
  // BullMQ's PostgreSQL backend calls its functions unqualified. The socket server ignores
  // per-connection startup options and every client shares PGlite's one session, so the
  // search_path is set on the database (for later starts) and on the live session.
  await db.exec(`
    ALTER DATABASE postgres SET search_path = "$user", public, bullmq;
    SET search_path = "$user", public, bullmq;
  `);
  // pglite-socket's handler speaks the protocol; our queue decides whose turn it is.
  const queue = new PgliteSessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  // A password made for this start: only this process, and whoever may read DATA_DIR's address file, knows it.
  const password = randomBytes(24).toString('base64url');
  const server: Server = createServer((socket: Socket) => {
    requirePassword(socket, password, () => {
      const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
      handlers.add(handler);
      socket.once('close', () => handlers.delete(handler));
      handler.attach(socket).catch(() => socket.destroy());
    });
  });
  // A bound, not a budget: over it Node closes a new socket at once, which a client sees as
  // "Connection terminated unexpectedly". Pools grow while PGlite's one session is busy, and two
  // systems in one process (the tests' worker pairs) went past 128 on a loaded machine.
  server.maxConnections = 512;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  // Where a running embedded database can be reached from outside the process (`npm run backup`).
  const addressFile = dataDir ? join(dataDir, '..', EMBEDDED_ADDRESS_FILE) : undefined;
  if (addressFile) writeFileSync(addressFile, JSON.stringify({ url, pid: process.pid }) + '\n', { mode: 0o600 });
  // Bounds the WAL that a start after a crash replays (core/db/pglite-checkpoints.ts).
  const checkpoints = dataDir ? keepCheckpointing(url) : undefined;
  let stopped = false;
  return {
    url,
    snapshot: () => db.dumpDataDir('none'),
    async stop() {
      if (stopped) return;
      stopped = true;
      await checkpoints?.stop();
      await Promise.allSettled([...handlers].map((h) => h.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      if (addressFile) rmSync(addressFile, { force: true });
      unlock();
    },
  };
}
