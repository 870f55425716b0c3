import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { connectDatabase } from '../../core/db/connect.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: a new database on the server named by
 * TEST_DATABASE_URL when set (CI), otherwise an in-memory embedded PostgreSQL.
 */
export interface TestDatabase {
  url: string;
  knex: Knex;
  embedded: boolean;
  destroy(): Promise<void>;
}

export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let dropDatabase: () => Promise<void>;
  if (serverUrl) {
    const name = `opsdesk_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const embedded = await startEmbeddedPostgres();
    url = embedded.url;
    dropDatabase = () => embedded.stop();
  }
  const knex = connectDatabase({ url, poolMax: 5, applicationName: 'opsdesk-test' });
  if (opts.migrate !== false) await migrateToLatest(knex);
  return {
    url,
    knex,
    embedded: !serverUrl,
    async destroy() {
      await knex.destroy();
      await dropDatabase();
    },
  };
}
