import { createWriteStream, fchmodSync, openSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { BACKUP_FORMAT, NOT_BACKED_UP, type BackupHeader } from './backup-format.ts';
import { openDatabase } from './open-database.ts';

/**
 * `npm run backup [-- file]`: a consistent snapshot of the database, taken while the product runs.
 * Every table is read inside one REPEATABLE READ, READ ONLY transaction, so the file holds the
 * database as it was at one instant. On the embedded database the running process's other work
 * waits while the snapshot is read (PGlite has one session); on a PostgreSQL server nothing waits.
 * Default file: backups/opsdesk-<time>.ndjson.gz.
 */
const config = loadConfigOrExit(1);
const file = process.argv[2] ?? `backups/opsdesk-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson.gz`;
await import('node:fs').then((fs) => fs.mkdirSync(new URL('.', `file://${process.cwd()}/${file}`).pathname, { recursive: true, mode: 0o700 }));

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, application: 'opsdesk-backup' });
const gzip = createGzip();
// Every customer's data is in it: readable by its owner alone (an existing file too).
const fd = openSync(file, 'w', 0o600);
fchmodSync(fd, 0o600);
const out = createWriteStream(file, { fd });
gzip.pipe(out);
const write = async (line: string) => {
  if (!gzip.write(line)) await once(gzip, 'drain');
};
try {
  const header = await db.knex.transaction(
    async (trx) => {
      const tables: string[] = (
        await trx.raw<{ rows: { name: string }[] }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
      ).rows
        .map((r) => r.name)
        .filter((t) => !NOT_BACKED_UP.has(t));
      const migrations = (await trx('knex_migrations').select('name').orderBy('id')).map((r: { name: string }) => r.name);
      const counts: BackupHeader['tables'] = [];
      // The header goes first, with the row counts known only at the end: they are read up front,
      // in the same snapshot.
      for (const name of tables) {
        const [{ n }] = await trx(name).count({ n: '*' });
        counts.push({ name, rows: Number(n) });
      }
      const h: BackupHeader = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations, tables: counts };
      await write(JSON.stringify(h) + '\n');
      for (const name of tables) {
        await trx.raw(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${name}" t`);
        for (;;) {
          const { rows } = await trx.raw<{ rows: { j: string }[] }>('FETCH 2000 FROM backup_rows');
          if (rows.length === 0) break;
          await write(rows.map((r) => `${name}\t${r.j}\n`).join(''));
        }
        await trx.raw('CLOSE backup_rows');
      }
      return h;
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
  gzip.end();
  await once(out, 'finish');
  const rows = header.tables.reduce((a, t) => a + t.rows, 0);
  process.stdout.write(`Backed up ${db.where}: ${header.tables.length} tables, ${rows} rows, to ${file}\n`);
} finally {
  await db.close();
}
process.exit(0);
