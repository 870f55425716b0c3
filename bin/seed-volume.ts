import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { openDatabase } from './open-database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { ensureDefaultOrg } from '../core/orgs/default-org.ts';
import { loadDemoSeed } from '../seeds/demo.ts';
import { generateVolume, VOLUME_DEFAULTS } from '../seeds/volume.ts';
import { rebuildCaseFacts } from '../core/analytics/case-rollup.ts';

/**
 * `npm run seed:volume`: fills the default org (or `--org <id>`) of DATABASE_URL (or the embedded
 * database in DATA_DIR) with a realistic org at volume (seeds/volume.ts), printing its progress.
 * Sizes: `--cases`, `--bookings`, `--staff`, `--providers` (in all), `--days`, `--bad-providers`,
 * `--abusers`, `--abuser-cases`, `--customers`, `--chunk`, `--seed` (0 to 1).
 * Example: `npm run seed:volume -- --cases 20000 --bookings 4000`.
 */
const USAGE = 'Usage: npm run seed:volume -- [--cases N] [--bookings N] [--staff N] [--providers N] [--days N] [--bad-providers N] [--abusers N] [--abuser-cases N] [--customers N] [--chunk N] [--seed 0..1] [--org UUID]\n';

let args;
try {
  args = parseArgs({
    options: Object.fromEntries(
      ['cases', 'bookings', 'staff', 'providers', 'days', 'bad-providers', 'abusers', 'abuser-cases', 'customers', 'chunk', 'seed', 'org'].map((k) => [k, { type: 'string' as const }]),
    ),
    strict: true,
  }).values as Record<string, string | undefined>;
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const whole = (name: string, fallback: number, min = 0, max = 100_000_000): number => {
  const v = args[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`--${name} must be a whole number from ${min} to ${max}, not ${v}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const seed = args.seed === undefined ? undefined : Number(args.seed);
if (seed !== undefined && !(seed >= 0 && seed <= 1)) {
  process.stderr.write(`--seed must be a number from 0 to 1\n${USAGE}`);
  process.exit(2);
}
if (args.org !== undefined && !/^[0-9a-f-]{36}$/i.test(args.org)) {
  process.stderr.write(`--org must be an org's id\n${USAGE}`);
  process.exit(2);
}
const sizes = {
  cases: whole('cases', VOLUME_DEFAULTS.cases),
  bookings: whole('bookings', VOLUME_DEFAULTS.bookings),
  staff: whole('staff', VOLUME_DEFAULTS.staff, 1, 100_000),
  providers: whole('providers', VOLUME_DEFAULTS.providers, 0, 10_000),
  days: whole('days', VOLUME_DEFAULTS.days, 30, 3660),
  badProviders: whole('bad-providers', VOLUME_DEFAULTS.badProviders, 0, 1000),
  abusers: whole('abusers', VOLUME_DEFAULTS.abusers, 0, 10_000),
  abuserCases: whole('abuser-cases', VOLUME_DEFAULTS.abuserCases, 0, 10_000),
  customers: args.customers === undefined ? undefined : whole('customers', 0, 50),
  chunk: whole('chunk', 100_000, 1_000, 1_000_000),
};

const config = loadConfigOrExit(1);
// Through the running process when `npm start` has the embedded database open (it may be opened by one process only).
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, application: 'opsdesk-seed-volume' });
const knex = db.knex;
process.stdout.write(`Into ${db.where}\n`);
try {
  await migrateToLatest(knex);
  let orgId = args.org;
  if (!orgId) {
    const org = await ensureDefaultOrg(knex);
    if (org.created) await loadDemoSeed(knex, org.id);
    orgId = org.id;
  } else if (!(await knex('orgs').where({ id: orgId }).first())) {
    process.stderr.write(`No org ${orgId}\n`);
    process.exit(1);
  }
  process.stdout.write(`Generating into org ${orgId}: ${sizes.cases.toLocaleString('en')} cases, ${sizes.bookings.toLocaleString('en')} bookings, ${sizes.staff} staff, ${sizes.providers} providers over ${sizes.days} days\n`);
  const result = await generateVolume(knex, { orgId, ...sizes, seed, log: (line) => process.stdout.write(`${line}\n`) });
  const t = performance.now();
  process.stdout.write('Rolling up the facts of every case (core/analytics/case-rollup.ts)\n');
  await rebuildCaseFacts(knex, orgId, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`  rolled up in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  process.stdout.write(
    `Done in ${result.seconds.toFixed(1)} s: ${result.cases.toLocaleString('en')} cases, ${result.bookings.toLocaleString('en')} bookings.\n` +
      `Planted bad providers: ${result.badProviders.join(', ') || 'none'}\n` +
      `Planted abusive customers: ${result.abusers.map((a) => `${a.name} (${a.contactId})`).join(', ') || 'none'}\n` +
      'See them in GET /api/v1/analytics/providers and /api/v1/analytics/abuse.\n',
  );
} finally {
  await db.close();
}
