import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { databaseOutageReason } from '../errors/sqlstate.ts';
import type { Logger } from '../logger.ts';
import { dataDirSpaceProblem } from './data-dir-space.ts';
import { diskFullRefusalProblem, forgetDiskFullRefusals, watchDiskFullRefusals } from './disk-full-refusals.ts';
import { limitRequestWaits } from './request-wait.ts';
import { markPreparing, PreparingPgClient } from './prepared-statements.ts';

// Return BIGINT counts and ids as numbers where they fit (our ids stay far below 2^53), and keep
// NUMERIC (money) as strings so that no amount is rounded on its way through.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
// A DATE is a calendar day in the org's zone ("2026-12-05"), not an instant: keep the string
// rather than let the driver turn it into midnight in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  /** Sent as `application_name`, so that pg_stat_activity tells the roles apart. */
  applicationName?: string;
  /**
   * Where knex's own warnings go. Without it knex prints them with console.log, as plain text
   * ("Connection Error: Connection ended unexpectedly", once per pooled connection the server
   * terminated): outside the JSON log, and without a level (docs/reliability.md, "Every line a
   * JSON record").
   */
  logger?: Logger;
  /**
   * Statements prepared once per connection where the server is PostgreSQL (true unless set):
   * core/db/prepared-statements.ts. Off for a pooler in transaction mode that cannot keep them.
   */
  prepareStatements?: boolean;
  /** The directory the database's own files are in, when this process can see it (the embedded database's DATA_DIR). */
  filesIn?: string;
}

/** The directory each pool's database keeps its files in, where known (`filesIn`). */
const filesDirOf = new WeakMap<Knex, string>();

export function connectDatabase(opts: DatabaseOptions): Knex {
  const knex = knexFactory({
    connection: { connectionString: opts.url, application_name: opts.applicationName ?? 'opsdesk' },
    ...(opts.prepareStatements === false
      ? { client: 'pg', pool: { min: 0, max: opts.poolMax ?? 10 } }
      : { client: PreparingPgClient as unknown as typeof Knex.Client, pool: { min: 0, max: opts.poolMax ?? 10, afterCreate: markPreparing } }),
    acquireConnectionTimeout: 15_000,
    ...(opts.logger ? { log: knexLog(opts.logger) } : {}),
  });
  watchDiskFullRefusals(knex);
  limitRequestWaits(knex);
  if (opts.filesIn) filesDirOf.set(knex, opts.filesIn);
  return knex;
}

/**
 * knex's log as records. A connection the server ended is disposed of and replaced by the pool: a
 * warning, not an error (the query that needed it fails on its own, and says so where it is handled).
 */
function knexLog(logger: Logger) {
  const log = logger.child({ component: 'knex' });
  const text = (m: unknown) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m));
  return {
    warn: (m: unknown) => log.warn(text(m)),
    error: (m: unknown) => log.error(text(m)),
    deprecate: (m: unknown) => log.warn(text(m)),
    debug: (m: unknown) => log.debug(text(m)),
  };
}

export async function isDatabaseReachable(knex: Knex): Promise<boolean> {
  return (await databaseProblem(knex)) === undefined;
}

/**
 * Why the database cannot serve requests now, or undefined when it can: what /readyz reports, so
 * that an operator reads "no connection free (53300 too many connections)" rather than `false`.
 * A server whose disk is full still answers `select 1`: that one is known from the writes it
 * lately refused (core/db/disk-full-refusals.ts).
 */
export async function databaseProblem(knex: Knex): Promise<string | undefined> {
  try {
    await knex.raw('select 1');
    const refused = diskFullRefusalProblem(knex);
    // The embedded database's disk is DATA_DIR: space there again is the answer.
    const filesIn = filesDirOf.get(knex);
    if (refused && filesIn && (await dataDirSpaceProblem(filesIn)) === undefined) {
      forgetDiskFullRefusals(knex);
      return undefined;
    }
    return refused;
  } catch (err) {
    return databaseOutageReason(err) ?? (err instanceof Error ? err.message : String(err));
  }
}

/** The embedded database (PGlite) says so in its version string. */
export async function isEmbeddedDatabase(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: { version: string }[] }>('select version()');
  return /PGlite/i.test(rows[0].version);
}
