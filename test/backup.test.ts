import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../bin/system.ts';
import { signLineBody } from '../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi, type RunningFakeLineApi } from '../dev/fakes/line-api.ts';
import { requestBooking } from '../core/bookings/request-booking.ts';
import { loadConfig } from '../core/config.ts';
import { connectDatabase } from '../core/db/connect.ts';
import { startEmbeddedPostgres } from '../core/db/embedded-postgres.ts';
import { createLogger } from '../core/logger.ts';
import { until } from './support/test-system.ts';

/**
 * Backups of the embedded database: `npm run backup` while the product runs (a consistent
 * snapshot, read through the running process), `npm run restore` into a fresh data directory, and
 * every case, booking and timeline is there, row for row.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'backup-line-secret';

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const TABLES = ['cases', 'case_events', 'bookings', 'booking_events', 'contacts', 'messages', 'inbound_events', 'outbox'];

async function snapshot(knex: ReturnType<typeof connectDatabase>) {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) {
    const { rows } = await knex.raw<{ rows: { j: string }[] }>(`SELECT row_to_json(t)::text AS j FROM "${t}" t`);
    out[t] = rows.map((r) => r.j).sort();
  }
  return out;
}

describe('backup and restore of the embedded database', () => {
  let sys: RunningSystem | undefined;
  let line: RunningFakeLineApi | undefined;
  afterAll(async () => {
    await sys?.stop();
    await line?.close();
  });

  it('restores into a fresh data directory with every case, booking and timeline', async () => {
    line = await startFakeLineApi();
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-backup-src-'));
    const env = {
      DATABASE_URL: '',
      REDIS_URL: '',
      DATA_DIR: dataDir,
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      DEV_SIMULATOR: 'off',
      CLASSIFIER: 'offline',
      LOG_LEVEL: 'silent',
      APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
    sys = await startSystem({ config, logger: createLogger('silent'), roles: ['api', 'workers'] });

    // Cases from customers' complaints (through the webhook and the workers), bookings, timelines.
    const users = Array.from({ length: 6 }, () => lineId('U'));
    for (const [i, userId] of users.entries()) {
      const body = JSON.stringify({
        destination: lineId('U'),
        events: [
          {
            type: 'message',
            mode: 'active',
            timestamp: Date.now(),
            source: { type: 'user', userId },
            webhookEventId: `01BACKUP${i}${Date.now().toString(36).toUpperCase()}`.slice(0, 26),
            deliveryContext: { isRedelivery: false },
            replyToken: line.state.issueReplyToken({ source: userId }),
            message: { id: String(9e14 + i), type: 'text', quoteToken: 'q', text: `My order ORD-${4000 + i} has not arrived yet, it is 3 days late` },
          },
        ],
      });
      const res = await fetch(`${sys.url}/webhooks/line`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SECRET) },
        body,
      });
      expect(res.status).toBe(200);
    }
    await until(async () => Number((await sys!.knex('cases').count({ n: '*' }))[0].n) === users.length, 60_000);
    const contacts = await sys.knex('contacts').whereNotNull('id').select('id').limit(3);
    await sys.knex.transaction(async (trx) => {
      for (const c of contacts) {
        await requestBooking(trx, {
          orgId: sys!.defaultOrgId,
          contactId: c.id,
          conversationId: null,
          serviceKey: 'thai_cooking_class',
          date: '2026-12-24',
          time: '10:00',
          partySize: 2,
          language: 'en',
          source: 'api',
        });
      }
    });
    await until(async () => Number((await sys!.knex('case_events').count({ n: '*' }))[0].n) >= users.length);

    // The backup is taken while the product runs: through its own database, not behind its back.
    const file = join(mkdtempSync(join(tmpdir(), 'opsdesk-backup-')), 'b.ndjson.gz');
    const backup = await run('bin/backup.ts', [file], env);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/running embedded database/);
    const before = await snapshot(sys.knex);
    // What the backup saw is what was there; nothing may change it from here on (workers are idle).
    await sys.stop();
    sys = undefined;

    const fresh = mkdtempSync(join(tmpdir(), 'opsdesk-backup-dst-'));
    const restore = await run('bin/restore.ts', [file], { ...env, DATA_DIR: fresh });
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    // A second restore into the same, no longer empty, directory is refused.
    const again = await run('bin/restore.ts', [file], { ...env, DATA_DIR: fresh });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds data/);

    const embedded = await startEmbeddedPostgres({ dataDir: fresh });
    const knex = connectDatabase({ url: embedded.url, applicationName: 'backup-test', poolMax: 1 });
    try {
      const after = await snapshot(knex);
      expect(after.cases.length).toBe(users.length);
      expect(after.bookings.length).toBe(contacts.length);
      expect(after.case_events.length).toBeGreaterThanOrEqual(users.length);
      for (const t of TABLES) {
        if (t === 'outbox') continue; // unfinished rows go back to pending on restore
        expect(after[t], t).toEqual(before[t]);
      }
      expect(after.outbox.length).toBe(before.outbox.length);
      // The restored database takes new rows: its sequences continue after the restored ids.
      const [{ max }] = await knex('inbound_events').max({ max: 'id' });
      const [row] = await knex('inbound_events')
        .insert({ org_id: (await knex('orgs').first('id')).id, platform_event_id: 'after-restore', event_type: 'test', payload: '{}' })
        .returning('id');
      expect(Number(row.id)).toBeGreaterThan(Number(max));
    } finally {
      await knex.destroy();
      await embedded.stop();
    }
  }, 180_000);
});
