import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

/**
 * Lists migrations/*.ts and imports them ourselves, so the same code runs under Node's type
 * stripping and inside Vitest, with no TypeScript loader for knex to guess.
 */
export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    const files = await readdir(migrationsDir);
    return files.filter((f) => /^\d+_[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts')).sort();
  },
  getMigrationName(file) {
    return file;
  },
  async getMigration(file) {
    const mod = (await import(pathToFileURL(migrationsDir + file).href)) as MigrationModule;
    return { up: mod.up, down: mod.down ?? (async () => {}) };
  },
};

/**
 * Several processes may start at once (api and workers, or many workers); knex's migration lock
 * lets one migrate while the others wait for it here. Before that lock exists, two processes can
 * both try to create knex's own bookkeeping tables: the loser sees a duplicate and tries again.
 */
export async function migrateToLatest(knex: Knex, waitForLockMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + waitForLockMs;
  for (;;) {
    try {
      const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
      return applied;
    } catch (err) {
      const code = (err as { code?: string }).code;
      const locked = (err as Error).name === 'MigrationLocked' || /already locked/i.test((err as Error).message);
      const racedOnSetup = code === '23505' || code === '42P07';
      if (!(locked || racedOnSetup) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
