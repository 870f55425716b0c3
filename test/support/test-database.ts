import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
    const embedded = await startEmbeddedPostgres({ from: await freshCluster() });
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

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/opsdesk/', import.meta.url));
const pgliteVersion = (JSON.parse(readFileSync(fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)), 'utf8')) as { version: string }).version;

/**
 * A fresh embedded cluster's data directory, which every embedded test database starts from: PGlite
 * creates a cluster in 3 to 4 s (initdb, in WebAssembly), and a test run creates over a hundred.
 * Written once per PGlite version, by whichever test file needs it first (renamed into place, so
 * that two writing at once leave one whole file). It holds nothing of ours that could go stale:
 * `startEmbeddedPostgres` runs its set-up again on every start, and the migrations run after.
 */
async function freshCluster(): Promise<Blob> {
  const file = `${cacheDir}pglite-${pgliteVersion}-fresh-cluster.tar`;
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const first = await startEmbeddedPostgres();
  const tarball = await first.snapshot();
  await first.stop();
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, file);
  return tarball;
}
