// For knex's CLI and editors. The application migrates itself on start (core/db/migrate.ts);
// `npm run migrate` does the same against DATABASE_URL.
import { loadConfig } from './core/config.ts';
import { migrationSource } from './core/db/migrate.ts';

const config = loadConfig();

export default {
  client: 'pg',
  connection: config.databaseUrl,
  migrations: { migrationSource },
};
