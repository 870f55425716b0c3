import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../test/support/free-port.ts';
import { BENCH_SERVER_URL } from './stats.ts';

/**
 * A server the benchmarks measure, as its own process (as in production): started with its own
 * environment, ready when its `/readyz` answers 200, stopped with SIGTERM like an operator would.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

export function startServerProcess(args: string[], env: Record<string, string>, port: number, timeoutMs = 90_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), timeoutMs);
    const probe = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) {
          clearTimeout(deadline);
          return resolve(child);
        }
      } catch {
        // not listening yet
      }
      setTimeout(probe, 100);
    };
    void probe();
  });
}

export async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** What a benchmark on a database of its own gets: the server's port, and the database, its default org found. */
export interface BenchDatabaseServer {
  port: number;
  adminKey: string;
  /** A client on the benchmark's database, for filling it; closed when the benchmark ends. */
  db: pg.Client;
  orgId: string;
}

/**
 * A fresh database on the PostgreSQL server of TEST_DATABASE_URL, the product started on it as a
 * process (`bin/start.ts`, the demo seed, no simulator, no API rate limit), `work` run, then both
 * taken down. Undefined when there is no PostgreSQL server to measure on.
 */
export async function onBenchDatabaseServer<T>(work: (s: BenchDatabaseServer) => Promise<T>): Promise<T | undefined> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `opsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(BENCH_SERVER_URL);
  dbUrl.pathname = `/${name}`;
  const adminKey = 'bench-admin-key-0123456789abcdef-xyz';
  let server: ChildProcess | undefined;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  db.on('error', () => undefined);
  try {
    const port = await freePort();
    const env = { DATABASE_URL: dbUrl.toString(), REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/7', ADMIN_API_KEY: adminKey, DEV_SIMULATOR: 'off', LOG_LEVEL: 'warn', DATA_DIR: `/tmp/${name}`, RATE_LIMIT_API: 'off' };
    server = await startServerProcess(['bin/start.ts'], env, port);
    await db.connect();
    const { rows } = await db.query('SELECT id FROM orgs WHERE is_default');
    return await work({ port, adminKey, db, orgId: rows[0].id });
  } finally {
    await db.end().catch(() => undefined);
    if (server) await stopServerProcess(server);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
