import { DEMO_BUSINESS_HOURS } from '../../seeds/demo.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem, type Role, type RunningSystem, type SystemOptions } from '../../bin/system.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * The whole system, in this process, on a fresh test database and (when TEST_REDIS_URL is set)
 * the real Redis under a key prefix of its own. Nothing of ours is replaced.
 */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestSystem extends RunningSystem {
  db: TestDatabase;
  dataDir: string;
  stopAll(): Promise<void>;
}

/**
 * A system of a test file's own (the chat simulator off), its default org in `timeZone`: what the
 * tests of sessions, seats and members start with, whose dates are the business's local days.
 */
/**
 * What each running system's webhooks have in hand: the stored events whose jobs they run at once,
 * whose rows wait in the outbox as their fallback rather than due (bin/system.ts `workingHere`).
 */
const workingHere = new WeakMap<RunningSystem['knex'], () => number>();

export async function startTestSystemIn(timeZone: string): Promise<TestSystem> {
  const sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: timeZone });
  return sys;
}

export async function startTestSystem(
  opts: {
    roles?: Role[];
    env?: Record<string, string>;
    processors?: SystemOptions['processors'];
    relay?: SystemOptions['relay'];
    emailDrain?: SystemOptions['emailDrain'];
    db?: TestDatabase;
    queuePrefix?: string;
    outboundResolve?: SystemOptions['outboundResolve'];
    door?: SystemOptions['door'];
  } = {},
): Promise<TestSystem> {
  const db = opts.db ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? '',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'opsdesk-test-')),
    // Tests' receivers and fake platforms listen on loopback; a test that is about refusing it sets ''.
    OUTBOUND_ALLOW_NETWORKS: '127.0.0.0/8,::1/128',
    // Staff-group pushes wait 2 s for more to combine with; the tests of that set it back
    // (test/staff-group-pushes.test.ts), the others need not wait for every card.
    GROUP_PUSH_WINDOW_MS: '200',
    // Tests send many forms from one address; the tests of the default limit set it back.
    PUBLIC_FORM_LIMIT: 'off',
    ...opts.env,
  });
  const dataDir = config.dataDir;
  const system = await startSystem({
    config,
    logger: createLogger(config.logLevel),
    roles: opts.roles ?? ['api', 'workers'],
    processors: opts.processors,
    // The relay's poll as in production (250 ms): committed rows wake it at once (LISTEN/NOTIFY, the
    // embedded database too), and each poll is a statement that an idle system of the embedded
    // database pays about 2 ms of processor for; at 25 ms that was a tenth of a core per system.
    relay: opts.relay,
    emailDrain: opts.emailDrain,
    queuePrefix: opts.queuePrefix ?? `t${randomBytes(4).toString('hex')}`,
    outboundResolve: opts.outboundResolve,
    door: opts.door,
  });
  // The demo seed opens 09:00-18:00, as its FAQ says; tests count SLA minutes round the clock
  // unless they set hours of their own (only the seed's own hours, untouched, are cleared).
  await system.knex('orgs').where({ id: system.defaultOrgId }).whereRaw('business_hours = ?::jsonb', [JSON.stringify(DEMO_BUSINESS_HOURS)]).update({ business_hours: null });
  workingHere.set(system.knex, system.workingHere);
  return {
    ...system,
    db,
    dataDir,
    async stopAll() {
      await system.stop();
      if (!opts.db) await db.destroy();
    },
  };
}

export async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The booking a website form was answered with, once a worker has made it: the form is stored and
 * answered first, and booked a moment later (core/bookings/booking-intake.ts).
 */
export function formBooked(knex: RunningSystem['knex'], number: string, orgId?: string): Promise<Record<string, any>> {
  return until(() => knex('bookings').where({ number, ...(orgId ? { org_id: orgId } : {}) }).first());
}

/**
 * Until the system has nothing left to do now: no stored event's job running where its webhook
 * stored it, no outbox row that is due and not finished. Before a
 * check that something did *not* happen (a second alert, a reply to a refused tap), instead of a
 * fixed sleep: a job that finishes commits the rows of what it causes, so once none is left due,
 * everything that came of the events before has been done, however loaded the machine.
 */
export async function untilSettled(knex: RunningSystem['knex'], timeoutMs = 15_000, everyMs = 25): Promise<void> {
  await until(
    async () => !workingHere.get(knex)?.() && !(await knex('outbox').whereIn('status', ['pending', 'enqueued']).where('available_at', '<=', knex.fn.now()).first('id')),
    timeoutMs,
    everyMs,
  );
}
