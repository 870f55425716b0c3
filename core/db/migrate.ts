import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

/**
 * Lists migrations/*.ts and imports them ourselves, so the same code runs under Node's type
 * stripping and inside Vitest, with no TypeScript loader for knex to guess.
 */
export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    const files = await readdir(migrationsDir);
    return files.filter((f) => /^\d+_[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts')).sort();
  },
  getMigrationName(file) {
    return file;
  },
  async getMigration(file) {
    const mod = (await import(pathToFileURL(migrationsDir + file).href)) as MigrationModule;
    return { up: mod.up, down: mod.down ?? (async () => {}) };
  },
};

/** Any fixed number: the key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Several processes may start at once (api and workers, or many workers). One migrates while the
 * others wait, under a PostgreSQL advisory lock held by this session: unlike knex's lock row, it
 * goes away with a process that dies half-way, so a crash never leaves the next start waiting on
 * a lock nobody holds. With ours held nobody else can be migrating, so a lock row left set by such
 * a crash is cleared before knex looks at it.
 *
 * The embedded database serves every connection from one backend session, where an advisory lock
 * excludes nobody; it lives inside one process, so a queue in this process does the same there.
 */
let migrationsInThisProcess: Promise<unknown> = Promise.resolve();

export function migrateToLatest(knex: Knex, waitForLockMs = 120_000): Promise<string[]> {
  const run = migrationsInThisProcess.then(() => migrateUnderLock(knex, waitForLockMs));
  migrationsInThisProcess = run.catch(() => undefined);
  return run;
}

async function migrateUnderLock(knex: Knex, waitForLockMs: number): Promise<string[]> {
  const connection = await knex.client.acquireConnection();
  const onSession = (sql: string) => knex.raw(sql, [MIGRATION_LOCK_KEY]).connection(connection);
  try {
    const deadline = Date.now() + waitForLockMs;
    for (;;) {
      const { rows } = await onSession('SELECT pg_try_advisory_lock(?) AS ok');
      if (rows[0].ok) break;
      if (Date.now() > deadline) throw new Error(`Another process has been migrating for over ${waitForLockMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      await knex.migrate.forceFreeMigrationsLock({ migrationSource });
      const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
      return applied;
    } finally {
      await onSession('SELECT pg_advisory_unlock(?)');
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
