import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { RATE_LIMIT_TABLE } from '../core/limits/rate-limits.ts';
import { connectDatabase } from '../core/db/connect.ts';
import { EMBEDDED_ADDRESS_FILE, startEmbeddedPostgres } from '../core/db/embedded-postgres.ts';

/**
 * `npm run backup` / `npm run restore`: a logical backup of the `public` schema (every table, in one
 * REPEATABLE READ snapshot), gzip'd, one line per row: `table<TAB>row as JSON`, after a header line
 * naming the format, the time and the migrations it was taken at. The queue store is not backed up:
 * PostgreSQL is the only truth (DESIGN.md decision 1), and a restore hands every unfinished outbox
 * row to the relay again.
 */
export const BACKUP_FORMAT = 'opsdesk-backup-v1';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

/**
 * Tables that are not the business's data: the migrator's, and the rate limiter's counters (made
 * by its library when first needed, and worthless a minute later).
 */
export const NOT_BACKED_UP = new Set(['knex_migrations', 'knex_migrations_lock', RATE_LIMIT_TABLE]);

/**
 * The database to read or write: DATABASE_URL when set; else the embedded database of DATA_DIR, by
 * its address when a running process serves it, otherwise opened here (nothing else may use it then).
 */
export async function openDatabase(o: { databaseUrl?: string; dataDir: string; application: string }): Promise<{ knex: Knex; where: string; close(): Promise<void> }> {
  if (o.databaseUrl) {
    const knex = connectDatabase({ url: o.databaseUrl, applicationName: o.application, poolMax: 2 });
    return { knex, where: 'DATABASE_URL', close: () => knex.destroy() };
  }
  const addressFile = join(resolve(o.dataDir), EMBEDDED_ADDRESS_FILE);
  if (existsSync(addressFile)) {
    const { url, pid } = JSON.parse(readFileSync(addressFile, 'utf8')) as { url: string; pid: number };
    if (isAlive(pid)) {
      const knex = connectDatabase({ url, applicationName: o.application, poolMax: 1 });
      return { knex, where: `the running embedded database (process ${pid})`, close: () => knex.destroy() };
    }
  }
  const embedded = await startEmbeddedPostgres({ dataDir: o.dataDir });
  // The migrator holds its lock on one connection while it works on another.
  const knex = connectDatabase({ url: embedded.url, applicationName: o.application, poolMax: 4 });
  return {
    knex,
    where: `the embedded database in ${resolve(o.dataDir)}`,
    async close() {
      await knex.destroy();
      await embedded.stop();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
