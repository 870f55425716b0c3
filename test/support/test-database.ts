import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import pg from 'pg';
import { connectDatabase } from '../../core/db/connect.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { migrateToLatest, migrationSource } from '../../core/db/migrate.ts';

/**
 * A fresh database for one test file: a new database on the server named by TEST_DATABASE_URL when
 * set (CI), otherwise an in-memory embedded PostgreSQL. It starts migrated, copied from a template
 * migrated once per run (or, on PGlite, loaded from a migrated snapshot), so no test file pays for
 * the migrations; `{ migrate: false }` gives an empty one (the migrations' own tests, restores).
 */
export interface TestDatabase {
  url: string;
  knex: Knex;
  embedded: boolean;
  destroy(): Promise<void>;
}

export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrated = opts.migrate !== false;
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let dropDatabase: () => Promise<void>;
  if (serverUrl) {
    const name = `opsdesk_test_${randomBytes(6).toString('hex')}`;
    const template = migrated ? await migratedTemplate(serverUrl) : undefined;
    await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
    url = databaseUrl(serverUrl, name);
    dropDatabase = async () => void (await onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  } else {
    const embedded = await startEmbeddedPostgres({ from: migrated ? await migratedCluster() : await freshCluster() });
    url = embedded.url;
    dropDatabase = () => embedded.stop();
  }
  const knex = connectDatabase({ url, poolMax: 5, applicationName: 'opsdesk-test' });
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

/**
 * Builds, before any test file runs (the Vitest global set-up), the template or snapshot that this
 * run's test databases start from, so that the workers never race to build it.
 */
/**
 * A fresh database migrated up to just before `migration`: a migration's own test writes rows as
 * they were before it, then migrates.
 */
export async function createDatabaseBefore(migration: string): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  for (;;) {
    const [, pending] = (await db.knex.migrate.list({ migrationSource })) as [unknown[], string[]];
    if (pending[0] === migration || pending.length === 0) return db;
    await db.knex.migrate.up({ migrationSource });
  }
}

export async function prepareTestDatabases(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) await migratedTemplate(serverUrl);
  else await migratedCluster();
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = `${root}node_modules/.cache/opsdesk/`;
const pgliteVersion = (JSON.parse(readFileSync(`${root}node_modules/@electric-sql/pglite/package.json`, 'utf8')) as { version: string }).version;

/**
 * What a migrated database is made of: every migration, what they import from the rest of the tree
 * (core/vocabulary.ts, ...), and the code that runs them. A template or snapshot is named by this
 * hash, so a change to any of them makes a new one and an old one is never used.
 */
export function migrationsKey(): string {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    hash.update(file.slice(root.length)).update('\0').update(source).update('\0');
    for (const [, spec] of source.matchAll(/from '(\.\.?\/[^']+)'/g)) add(resolve(dirname(file), spec));
  };
  add(`${root}core/db/migrate.ts`);
  const dir = `${root}migrations/`;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) add(dir + f);
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

/**
 * A database on the server, migrated once and kept as the template that every test database is
 * copied from (`CREATE DATABASE ... TEMPLATE`, a file copy: milliseconds, against a second or more
 * to migrate). Built under a name of its own and renamed into place, so that two runs building it
 * at once leave one whole template; templates of other migrations are dropped a day after they were built.
 */
function migratedTemplate(serverUrl: string): Promise<string> {
  template ??= (async () => {
    const name = `opsdesk_template_${migrationsKey()}`;
    const exists = async () => (await onServer(serverUrl, (admin) => admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))).rowCount === 1;
    if (!(await exists())) {
      const building = `opsdesk_building_${randomBytes(6).toString('hex')}`;
      await onServer(serverUrl, async (admin) => {
        await admin.query(`CREATE DATABASE ${building}`);
        await admin.query(`COMMENT ON DATABASE ${building} IS 'built ${new Date().toISOString()}'`);
      });
      const knex = connectDatabase({ url: databaseUrl(serverUrl, building), poolMax: 2, applicationName: 'opsdesk-test-template' });
      try {
        await migrateToLatest(knex);
      } finally {
        await knex.destroy();
      }
      await onServer(serverUrl, async (admin) => {
        try {
          await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        } catch (err) {
          // Another run built it meanwhile: theirs is the same.
          if ((err as { code?: string }).code !== '42P04') throw err;
          await admin.query(`DROP DATABASE ${building}`);
        }
      });
    }
    await onServer(serverUrl, async (admin) => {
      // Templates of other migrations are dropped a day after they were built: another run (a
      // second checkout, a branch) may be copying one now, and dropping it under that run failed
      // its files with "template database ... does not exist".
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT d.datname FROM pg_database d
          WHERE d.datname LIKE 'opsdesk\\_template\\_%' AND d.datname <> $1
            AND coalesce(substring(shobj_description(d.oid, 'pg_database') FROM '^built (\\S+)$')::timestamptz, '-infinity') < now() - interval '1 day'`,
        [name],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
    });
    return name;
  })();
  return template;
}

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The embedded clusters test databases start from, as `snapshot()` tarballs in node_modules/.cache:
 * PGlite creates a cluster in 3 to 4 s (initdb, in WebAssembly) and migrates it in about one more,
 * and a test run starts over a hundred databases; loading a snapshot takes a third of a second.
 * Each is written once, renamed into place, so that two writers at once leave one whole file.
 * They hold nothing that could go stale: `startEmbeddedPostgres` runs its set-up again on every
 * start, and the migrated one is named by its migrations (`migrationsKey`).
 */
const snapshots = new Map<string, Promise<Blob>>();

function cachedSnapshot(file: string, make: () => Promise<Blob>): Promise<Blob> {
  let snapshot = snapshots.get(file);
  if (!snapshot) {
    snapshot = (async () => {
      const path = cacheDir + file;
      if (existsSync(path)) return new Blob([readFileSync(path)]);
      const tarball = await make();
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${path}.${process.pid}.partial`;
      writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      renameSync(partial, path);
      return tarball;
    })();
    snapshots.set(file, snapshot);
  }
  return snapshot;
}

function freshCluster(): Promise<Blob> {
  return cachedSnapshot(`pglite-${pgliteVersion}-fresh-cluster.tar`, async () => {
    const first = await startEmbeddedPostgres();
    const tarball = await first.snapshot();
    await first.stop();
    return tarball;
  });
}

function migratedCluster(): Promise<Blob> {
  return cachedSnapshot(`pglite-${pgliteVersion}-checkpointed-migrated-${migrationsKey()}.tar`, async () => {
    const db = await startEmbeddedPostgres({ from: await freshCluster() });
    const knex = connectDatabase({ url: db.url, poolMax: 2, applicationName: 'opsdesk-test-template' });
    try {
      await migrateToLatest(knex);
      // A snapshot is taken from a running database, so every load of it recovers from the last
      // checkpoint: without this one, each test database replayed the migrations' 4 MB of WAL
      // (0.5 s of processor to load, against 0.45 s).
      await knex.raw('CHECKPOINT');
    } finally {
      await knex.destroy();
    }
    const tarball = await db.snapshot();
    await db.stop();
    // Snapshots of older migrations are of no more use (44 MB each).
    for (const f of readdirSync(cacheDir).filter((f) => /-migrated-[0-9a-f]+\.tar$/.test(f))) rmSync(cacheDir + f, { force: true });
    return tarball;
  });
}
