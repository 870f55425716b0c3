import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

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
}

export function connectDatabase(opts: DatabaseOptions): Knex {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: opts.url, application_name: opts.applicationName ?? 'opsdesk' },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    acquireConnectionTimeout: 15_000,
  });
  return knex;
}

export async function isDatabaseReachable(knex: Knex): Promise<boolean> {
  try {
    await knex.raw('select 1');
    return true;
  } catch {
    return false;
  }
}

/** The embedded database (PGlite) says so in its version string. */
export async function isEmbeddedDatabase(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: { version: string }[] }>('select version()');
  return /PGlite/i.test(rows[0].version);
}
