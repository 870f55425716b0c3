import { RATE_LIMIT_TABLE } from '../core/limits/rate-limits.ts';

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


