import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { migrateToLatest } from '../core/db/migrate.ts';
import { requeueAllEnqueued } from '../core/outbox/outbox.ts';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { BACKUP_FORMAT, NOT_BACKED_UP, type BackupHeader } from './backup-format.ts';
import { openDatabase } from './open-database.ts';

/**
 * `npm run restore -- file`: loads a backup (bin/backup.ts) into an empty database: a fresh
 * DATA_DIR for the embedded database, or an empty database at DATABASE_URL. The schema is made by
 * the migrations, which must be the same ones the backup was taken at; then every row goes back in
 * one transaction (triggers and foreign keys held off while it loads, as pg_restore does), the
 * sequences move past the restored ids, and unfinished outbox rows go back to pending so that the
 * relay hands them to the (new, empty) queue store. Refuses a database that already holds data.
 */
const config = loadConfigOrExit(1);
const file = process.argv[2];
if (!file) {
  process.stderr.write('Usage: npm run restore -- <backup file>  (into an empty DATA_DIR or DATABASE_URL)\n');
  process.exit(2);
}

const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
const iterator = lines[Symbol.asyncIterator]();
const first = await iterator.next();
const header = JSON.parse(String(first.value ?? '{}')) as BackupHeader;
if (header.format !== BACKUP_FORMAT) {
  process.stderr.write(`${file} is not an Opsdesk backup (${BACKUP_FORMAT}).\n`);
  process.exit(1);
}

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, application: 'opsdesk-restore' });
let exitCode = 0;
try {
  if (await db.knex.schema.hasTable('orgs')) {
    const [{ n }] = await db.knex('orgs').count({ n: '*' });
    if (Number(n) > 0) throw new Error(`${db.where} already holds data; restore into an empty one`);
  }
  await migrateToLatest(db.knex);
  const migrations = (await db.knex('knex_migrations').select('name').orderBy('id')).map((r: { name: string }) => r.name);
  if (migrations.join() !== header.migrations.join()) {
    throw new Error(
      `the backup was taken at ${header.migrations.length} migrations (last ${header.migrations.at(-1)}), this code has ` +
        `${migrations.length} (last ${migrations.at(-1)}): restore with the version that took it, then upgrade`,
    );
  }
  // Table names go into SQL as identifiers: only the tables this schema has (it was just migrated)
  // are accepted, so a file naming another (a system catalog, a name with a quote in it) restores nothing.
  const known = new Set<string>(
    (await db.knex.raw<{ rows: { name: string }[] }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.name).filter((t) => !NOT_BACKED_UP.has(t)),
  );
  const checkTable = (name: string) => {
    if (!known.has(name)) throw new Error(`the backup names ${JSON.stringify(name)}, which is not a table of this database: nothing was restored`);
  };
  header.tables.forEach((t) => checkTable(t.name));
  const restored = await db.knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL session_replication_role = replica`);
    const tables = header.tables.map((t) => t.name).filter((t) => !NOT_BACKED_UP.has(t));
    if (tables.length) await trx.raw(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`);
    const counts = new Map<string, number>();
    let table = '';
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await trx.raw(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", ?::json)`, [`[${batch.join(',')}]`]);
      counts.set(table, (counts.get(table) ?? 0) + batch.length);
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = String(next.value);
      if (!line) continue;
      const tab = line.indexOf('\t');
      const name = line.slice(0, tab);
      if (name !== table || batch.length >= 1000) {
        checkTable(name);
        await flush();
        table = name;
      }
      batch.push(line.slice(tab + 1));
    }
    await flush();
    // Sequences (bigIncrements ids, outbox.seq) continue after the restored values.
    const { rows: seqs } = await trx.raw<{ rows: { tbl: string; col: string; seq: string }[] }>(
      `SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`,
    );
    for (const s of seqs) {
      await trx.raw(`SELECT setval(?, coalesce((SELECT max("${s.col}") FROM "${s.tbl}"), 0) + 1, false)`, [s.seq]);
    }
    // The queue store knows nothing of this database: unfinished rows are relayed again.
    await requeueAllEnqueued(trx);
    return counts;
  });
  for (const t of header.tables) {
    if ((restored.get(t.name) ?? 0) !== t.rows) throw new Error(`${t.name}: ${restored.get(t.name) ?? 0} rows restored, the backup has ${t.rows}`);
  }
  const rows = [...restored.values()].reduce((a, n) => a + n, 0);
  process.stdout.write(`Restored ${file} (taken ${header.createdAt}) into ${db.where}: ${restored.size} tables, ${rows} rows\n`);
} catch (err) {
  process.stderr.write(`Restore failed: ${(err as Error).message}\n`);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
