import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { connectDatabase } from '../core/db/connect.ts';
import { EMBEDDED_ADDRESS_FILE, isProcessAlive, startEmbeddedPostgres } from '../core/db/embedded-postgres.ts';

/**
 * The database to read or write: DATABASE_URL when set; else the embedded database of DATA_DIR, by
 * its address when a running process serves it, otherwise opened here (nothing else may open it
 * then: it is locked while open, core/db/embedded-postgres.ts). The commands that work on the
 * database while `npm start` may be running use it: backup, restore, migrate and seed:volume.
 */
export async function openDatabase(o: { databaseUrl?: string; dataDir: string; application: string }): Promise<{ knex: Knex; where: string; close(): Promise<void> }> {
  if (o.databaseUrl) {
    const knex = connectDatabase({ url: o.databaseUrl, applicationName: o.application, poolMax: 2 });
    return { knex, where: 'DATABASE_URL', close: () => knex.destroy() };
  }
  const addressFile = join(resolve(o.dataDir), EMBEDDED_ADDRESS_FILE);
  if (existsSync(addressFile)) {
    const { url, pid } = JSON.parse(readFileSync(addressFile, 'utf8')) as { url: string; pid: number };
    if (isProcessAlive(pid)) {
      // The migrator holds its lock on one connection while it works on another.
      const knex = connectDatabase({ url, applicationName: o.application, poolMax: 2 });
      return { knex, where: `the running embedded database (process ${pid})`, close: () => knex.destroy() };
    }
  }
  const embedded = await startEmbeddedPostgres({ dataDir: o.dataDir });
  // The migrator holds its lock on one connection while it works on another.
  const knex = connectDatabase({ url: embedded.url, applicationName: o.application, poolMax: 4 });
  return {
    knex,
    where: `the embedded database in ${resolve(o.dataDir)}`,
    async close() {
      await knex.destroy();
      await embedded.stop();
    },
  };
}
