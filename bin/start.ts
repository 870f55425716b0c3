import { loadConfigOrExit } from './load-config-or-exit.ts';
import { createLogger } from '../core/logger.ts';
import { dataDirSpaceProblem } from '../core/db/data-dir-space.ts';
import { startSystem, StartupError, type Role } from './system.ts';
import { isPublicHttps } from '../bot/line/line-connection.ts';

/**
 * `npm start` runs everything in one process; `--role=api` or `--role=workers` runs one role
 * (several worker processes may share one database and Redis).
 */
const roleArg = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
const roles: Role[] = roleArg === 'api' ? ['api'] : roleArg === 'workers' ? ['workers'] : ['api', 'workers'];

const config = loadConfigOrExit(1, 'The process did not start. See README.md, "Configuration".\n');

const logger = createLogger(config.logLevel, { role: roles.join('+') });
const startedAt = performance.now();

// Listen for signals before starting: a stop that arrives while we migrate or wait for the
// migration lock must still end in a clean shutdown, not in Node's default kill.
let stopping = false;
/**
 * How long a stop waits for a start still under way. A start can wait for ever (a Redis that
 * refuses every connection: BullMQ retries without end), and a stop must not: after this, the
 * process exits without the clean stop. Nothing is lost: the api listens only once the start is
 * done, so no webhook was accepted, and a migration is a transaction.
 */
const STOP_WAITS_FOR_START_MS = 10_000;
const starting = startSystem({ config, logger, roles });
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'stopping: draining workers and closing connections');
  const running = await Promise.race([starting.catch(() => undefined), new Promise<'still starting'>((r) => setTimeout(r, STOP_WAITS_FOR_START_MS, 'still starting').unref())]);
  if (running === 'still starting') {
    logger.warn({ signal, waitedMs: STOP_WAITS_FOR_START_MS }, 'the start did not finish (is the database or Redis reachable?); exiting without a clean stop: nothing was accepted yet');
    process.exit(1);
  }
  await running?.stop();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

let system;
try {
  system = await starting;
} catch (err) {
  if (err instanceof StartupError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  // PGlite on a full disk fails to open with "RuntimeError: Aborted()", which says nothing of why.
  const disk = await dataDirSpaceProblem(config.dataDir);
  logger.fatal({ err, ...(disk ? { reason: `${disk}; free space there and start again` } : {}) }, 'could not start');
  process.exit(1);
}

if (stopping) await new Promise(() => {}); // shutdown() is under way and will exit
const ms = Math.round(performance.now() - startedAt);
logger.info({ ms, queueBackend: system.queues.kind, embedded: !config.databaseUrl }, 'started');

const lines = [`Opsdesk is running (${roles.join(' + ')}, ${config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`}, BullMQ on ${system.queues.kind === 'redis' ? 'Redis' : 'PostgreSQL'}).`];
if (system.url) {
  const pub = config.http.publicBaseUrl ?? system.url;
  lines.push(
    `  API          ${system.url}/api/v1  (OpenAPI: ${system.url}/api/v1/openapi.json)`,
    `  Health       ${system.url}/healthz   Ready: ${system.url}/readyz`,
    `  Webhooks     LINE ${pub}/webhooks/line   WhatsApp ${pub}/webhooks/whatsapp`,
  );
  if (!isPublicHttps(pub)) lines.push("               (LINE and Twilio call only a public https address: set PUBLIC_BASE_URL, e.g. a tunnel's; README, \"Exposing a development machine to LINE\")");
  lines.push(`  Pages        ${system.url}/liff/book  (the customer's booking form; tracking and quote links open /liff/track and /liff/quote)`);
  lines.push(`  Staff apps   ${system.url}/liff/dashboard   ${system.url}/liff/desk   ${system.url}/liff/settings  (signed in with LINE; without LINE, open them from the simulator's "Staff apps")`);
  if (system.simulatorUrl) lines.push(`  Try it       ${system.simulatorUrl}  (chat simulator: play a customer on LINE or WhatsApp, or staff in a group)`);
  if (!config.adminApiKey) lines.push('  Admin key    set ADMIN_API_KEY to get an admin API key for the demo org');
}
// Text for a person at a terminal; anywhere else (a service manager, a container, a pipe into a log
// collector) one JSON record like every other line, so that the log stays machine-readable.
if (process.stdout.isTTY) process.stdout.write(lines.join('\n') + '\n');
// Whatever LOG_LEVEL says: it is what the person who started it asked for, as the text is.
else logger.child({}, { level: 'info' }).info({ open: lines.slice(1).map((l) => l.trim()) }, lines[0]);
