import { loadConfigOrExit } from './load-config-or-exit.ts';
import { connectDatabase } from '../core/db/connect.ts';
import { startEmbeddedPostgres } from '../core/db/embedded-postgres.ts';
import { migrateToLatest } from '../core/db/migrate.ts';

/** `npm run migrate`: apply pending migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
const config = loadConfigOrExit(1);
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir });
const knex = connectDatabase({ url: config.databaseUrl ?? embedded!.url, applicationName: 'opsdesk-migrate' });
try {
  const applied = await migrateToLatest(knex);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
} finally {
  await knex.destroy();
  await embedded?.stop();
}
