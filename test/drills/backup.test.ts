import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupHeader } from '../../bin/backup-format.ts';
import { startSystem, type RunningSystem } from '../../bin/system.ts';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi, type RunningFakeLineApi } from '../../dev/fakes/line-api.ts';
import { requestBooking } from '../../core/bookings/request-booking.ts';
import { loadConfig } from '../../core/config.ts';
import { connectDatabase } from '../../core/db/connect.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { createLogger } from '../../core/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { until } from '../support/test-system.ts';

/**
 * Backups of the embedded database: `npm run backup` while the product runs (a consistent
 * snapshot, read through the running process), `npm run restore` into a fresh data directory, and
 * every case, booking and timeline is there, row for row. And a backup taken while the product
 * writes without pause (customers' messages through the webhook and the workers, bookings, and a
 * writer whose every transaction marks two tables) holds the database of one instant: every
 * foreign key holds inside the file, every case and booking has its timeline, and the writer's
 * transactions are there whole and in order, up to one of them and none after.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
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
    // And every answer sent: a send finishing between the backup and the snapshot below would make
    // them differ (a loaded machine is slow to send the cases' acknowledgements).
    await until(async () => Number((await sys!.knex('messages').where({ direction: 'out', delivery_status: 'pending' }).count({ n: '*' }))[0].n) === 0, 60_000);

    // The backup is taken while the product runs: through its own database, not behind its back.
    const file = join(mkdtempSync(join(tmpdir(), 'opsdesk-backup-')), 'b.ndjson.gz');
    // A file left there before, readable by everyone, is taken over and closed up.
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    const backup = await run('bin/backup.ts', [file], env);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/running embedded database/);
    // Readable by its owner alone: it holds every customer's data.
    expect(statSync(file).mode & 0o777).toBe(0o600);
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

    // A file naming a table the schema does not have (in its header, or on a row) is refused whole.
    const lines = gunzipSync(readFileSync(file)).toString().split('\n');
    const header = JSON.parse(lines[0]) as BackupHeader;
    const forged = [
      [JSON.stringify({ ...header, tables: [...header.tables, { name: 'cases" (id) VALUES (1); --', rows: 0 }] }), ...lines.slice(1)],
      [lines[0], ...lines.slice(1, 3), `pg_authid\t{"rolname":"intruder"}`, ...lines.slice(3)],
    ];
    for (const [i, content] of forged.entries()) {
      const forgedFile = join(dirname(file), `forged-${i}.ndjson.gz`);
      writeFileSync(forgedFile, gzipSync(content.join('\n')));
      const empty = mkdtempSync(join(tmpdir(), 'opsdesk-backup-forged-'));
      const refused = await run('bin/restore.ts', [forgedFile], { ...env, DATA_DIR: empty });
      expect(refused.code, String(i)).toBe(1);
      expect(refused.err).toMatch(/not a table of this database/);
      const e = await startEmbeddedPostgres({ dataDir: empty });
      const k = connectDatabase({ url: e.url, applicationName: 'backup-test', poolMax: 1 });
      try {
        expect(Number((await k('orgs').count({ n: '*' }))[0].n)).toBe(0);
      } finally {
        await k.destroy();
        await e.stop();
      }
    }

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

/** The backup file: its header and its rows by table, parsed. */
function readBackup(file: string): { header: BackupHeader; rows: Map<string, Record<string, unknown>[]> } {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  const header = JSON.parse(lines[0]) as BackupHeader;
  const rows = new Map<string, Record<string, unknown>[]>(header.tables.map((t) => [t.name, []]));
  for (const line of lines.slice(1)) {
    const tab = line.indexOf('\t');
    rows.get(line.slice(0, tab))!.push(JSON.parse(line.slice(tab + 1)));
  }
  return { header, rows };
}

/** Every foreign key of the `public` schema, as column lists. */
async function foreignKeys(knex: Knex): Promise<{ name: string; table: string; cols: string[]; ref: string; refCols: string[] }[]> {
  const { rows } = await knex.raw(`
    SELECT c.conname AS name, cl.relname AS "table", rf.relname AS ref,
           (SELECT array_agg(a.attname::text ORDER BY x.n) FROM unnest(c.conkey) WITH ORDINALITY x(attnum, n)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = x.attnum) AS cols,
           (SELECT array_agg(a.attname::text ORDER BY x.n) FROM unnest(c.confkey) WITH ORDINALITY x(attnum, n)
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = x.attnum) AS "refCols"
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_class rf ON rf.oid = c.confrelid
     WHERE c.contype = 'f' AND n.nspname = 'public'`);
  return rows;
}

const WRITER_ACTION = 'backup.test.write';

/**
 * Writes without pause until stopped, one transaction at a time, each marking two tables far apart
 * in the backup's reading order (`audit_log`, then `inbound_events`) with its number and requesting
 * a booking (bookings, their events, the follow-up clock's outbox row): a snapshot holds a prefix
 * 0…k−1 of them, whole; a backup that read tables at different moments would not.
 */
function startWriter(knex: Knex, orgId: string, contactId: string) {
  let committed = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const k = committed;
      await knex.transaction(async (trx) => {
        await trx('audit_log').insert({ org_id: orgId, actor_type: 'system', action: WRITER_ACTION, subject_type: 'writer', subject_id: String(k), details: JSON.stringify({ k }) });
        await requestBooking(trx, {
          orgId,
          contactId,
          conversationId: null,
          serviceKey: 'thai_cooking_class',
          date: '2026-12-24',
          time: '10:00',
          partySize: 1 + (k % 6),
          language: 'en',
          source: 'api',
          details: { writer: k },
        });
        await trx('inbound_events').insert({ org_id: orgId, platform_event_id: `backup-writer-${k}`, event_type: 'backup-test', payload: JSON.stringify({ k }), processed_at: trx.fn.now() });
      });
      committed = k + 1;
    }
  })();
  return {
    get committed() {
      return committed;
    },
    async stop() {
      stopped = true;
      await loop;
      return committed;
    },
  };
}

/** Customers write to the LINE webhook, a few messages a second, until stopped. */
function startCustomers(url: string, line: RunningFakeLineApi) {
  let stopped = false;
  let sent = 0;
  const users = Array.from({ length: 12 }, () => lineId('U'));
  const loop = (async () => {
    while (!stopped) {
      const userId = users[sent % users.length];
      const body = JSON.stringify({
        destination: lineId('U'),
        events: [
          {
            type: 'message',
            mode: 'active',
            timestamp: Date.now(),
            source: { type: 'user', userId },
            webhookEventId: `01BKW${sent.toString(36).toUpperCase().padStart(6, '0')}${Date.now().toString(36).toUpperCase()}`.slice(0, 26),
            deliveryContext: { isRedelivery: false },
            replyToken: line.state.issueReplyToken({ source: userId }),
            message: { id: String(8e14 + sent), type: 'text', quoteToken: 'q', text: sent % 3 ? `My order ORD-${5000 + sent} has not arrived yet, it is 3 days late` : 'thank you' },
          },
        ],
      });
      const res = await fetch(`${url}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SECRET) }, body });
      expect(res.status).toBe(200);
      sent++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return sent;
    },
  };
}

const servers = process.env.TEST_DATABASE_URL ? (['embedded', 'server'] as const) : (['embedded'] as const);

describe.each(servers)('a backup taken while the product writes (%s database)', (where) => {
  let sys: RunningSystem | undefined;
  let line: RunningFakeLineApi | undefined;
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await sys?.stop();
    await line?.close();
    for (const db of dbs) await db.destroy();
  });

  it('holds the database of one instant: every key holds, every timeline is whole, the writes are a prefix', async () => {
    // On the embedded database the running process's other work waits while the snapshot is read
    // (one session); on a server the writer goes on meanwhile, and the snapshot is what it saw.
    line = await startFakeLineApi();
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-backup-busy-'));
    const source = where === 'server' ? await createTestDatabase({ migrate: false }) : undefined;
    if (source) dbs.push(source);
    const env = {
      DATABASE_URL: source?.url ?? '',
      // On a server, the queue in Redis when there is one (BullMQ's PostgreSQL backend would take
      // dozens of the server's connections); a key prefix of its own.
      REDIS_URL: where === 'server' ? (process.env.TEST_REDIS_URL ?? '') : '',
      DATA_DIR: dataDir,
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      DEV_SIMULATOR: 'off',
      CLASSIFIER: 'offline',
      LOG_LEVEL: 'silent',
      APP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    };
    const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
    sys = await startSystem({ config, logger: createLogger('silent'), roles: ['api', 'workers'], queuePrefix: `bk${randomBytes(4).toString('hex')}` });
    const knex = sys.knex;
    const orgId = sys.defaultOrgId;
    // Volume the backup takes a while to read, early in its order (audit_log comes before most
    // tables): writes land while it reads.
    await knex.raw(
      `INSERT INTO audit_log (org_id, actor_type, action, subject_type, subject_id, details)
       SELECT ?, 'system', 'backup.test.filler', 'filler', g::text, jsonb_build_object('n', g, 'pad', repeat('x', 200)) FROM generate_series(1, 60000) g`,
      [orgId],
    );
    const [contact] = await knex('contacts').insert({ org_id: orgId, display_name: 'Writer' }).returning('id');

    const customers = startCustomers(sys.url!, line);
    const writer = startWriter(knex, orgId, contact.id);
    await until(async () => writer.committed >= 20 && Number((await knex('cases').count({ n: '*' }))[0].n) >= 2, 60_000);

    const atStart = writer.committed;
    const file = join(mkdtempSync(join(tmpdir(), 'opsdesk-backup-')), 'busy.ndjson.gz');
    const backup = await run('bin/backup.ts', [file], env);
    const atEnd = writer.committed;
    // And a little more after it, so that the backup is in the middle of the stream.
    await until(async () => writer.committed >= atEnd + 5, 30_000);
    const written = await writer.stop();
    const sent = await customers.stop();
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    if (where === 'embedded') expect(backup.out).toMatch(/running embedded database/);

    const { header, rows } = readBackup(file);
    // The header's counts are the rows in the file, table by table.
    for (const t of header.tables) expect(rows.get(t.name)!.length, t.name).toBe(t.rows);

    // The writer's transactions: a prefix 0…k−1, each whole in all three tables, taken while it wrote.
    const marks = (xs: Record<string, unknown>[], pick: (r: Record<string, unknown>) => unknown) =>
      xs.map(pick).filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    const inAudit = marks(rows.get('audit_log')!, (r) => (r.action === WRITER_ACTION ? (r.details as { k: number }).k : undefined));
    const inEvents = marks(rows.get('inbound_events')!, (r) => (r.event_type === 'backup-test' ? (r.payload as { k: number }).k : undefined));
    const inBookings = marks(rows.get('bookings')!, (r) => (r.details as { writer?: number }).writer);
    const k = inAudit.length;
    expect(inAudit).toEqual(Array.from({ length: k }, (_, i) => i));
    expect(inEvents).toEqual(inAudit);
    expect(inBookings).toEqual(inAudit);
    expect(k).toBeGreaterThan(atStart);
    expect(k).toBeLessThan(written);
    console.log(`${where}: the writer committed ${atStart} before the backup started, ${atEnd} when it ended, ${written} in all; the backup holds ${k}. ${sent} customer messages sent.`);

    // Every foreign key holds inside the backup: no row points to one the snapshot does not hold.
    const fks = await foreignKeys(knex);
    expect(fks.length).toBeGreaterThan(20);
    const broken: string[] = [];
    for (const fk of fks) {
      const referenced = new Set(rows.get(fk.ref)?.map((r) => JSON.stringify(fk.refCols.map((c) => r[c]))) ?? []);
      for (const r of rows.get(fk.table) ?? []) {
        const values = fk.cols.map((c) => r[c]);
        if (values.some((v) => v === null || v === undefined)) continue;
        if (!referenced.has(JSON.stringify(values))) broken.push(`${fk.name}: ${fk.table}(${fk.cols}) = ${JSON.stringify(values)}`);
      }
    }
    expect(broken.slice(0, 10)).toEqual([]);

    // Every case and every booking has its timeline from its creation on.
    const cases = rows.get('cases')!;
    expect(cases.length).toBeGreaterThanOrEqual(2);
    const caseEvents = new Map<string, string[]>();
    for (const e of rows.get('case_events')!) caseEvents.set(e.case_id as string, [...(caseEvents.get(e.case_id as string) ?? []), e.type as string]);
    for (const c of cases) expect(caseEvents.get(c.id as string), `case ${c.number}`).toContain('created');
    const bookingEvents = new Set(rows.get('booking_events')!.filter((e) => e.type === 'created').map((e) => e.booking_id));
    for (const b of rows.get('bookings')!) expect(bookingEvents.has(b.id), `booking ${b.number}`).toBe(true);
    // Every acknowledged event of the snapshot has its work in the same snapshot: processed, or its outbox row.
    const inboundWork = new Set(rows.get('outbox')!.filter((o) => o.queue === 'inbound').map((o) => (o.payload as { inboundEventId?: number }).inboundEventId));
    for (const e of rows.get('inbound_events')!) {
      if (e.event_type === 'backup-test' || e.event_type === 'malformed') continue;
      expect(inboundWork.has(e.id as number) || e.processed_at !== null, `inbound event ${e.id}`).toBe(true);
    }

    // On a server it restores into an empty database (the embedded restore is the test above).
    await sys.stop();
    sys = undefined;
    if (where !== 'server') return;
    const target = await createTestDatabase({ migrate: false });
    dbs.push(target);
    const restore = await run('bin/restore.ts', [file], { ...env, DATABASE_URL: target.url });
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(Number((await target.knex('audit_log').where({ action: WRITER_ACTION }).count({ n: '*' }))[0].n)).toBe(k);
    expect(Number((await target.knex('cases').count({ n: '*' }))[0].n)).toBe(cases.length);
  }, 300_000);
});
