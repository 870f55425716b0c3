import { loadConfigOrExit } from './load-config-or-exit.ts';
import { openDatabase } from './open-database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';

/** `npm run migrate`: apply pending migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
const config = loadConfigOrExit(1);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, application: 'opsdesk-migrate' });
const knex = db.knex;
try {
  const applied = await migrateToLatest(knex);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
} finally {
  await db.close();
}
