import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ApiKeyHasher, issueApiKey } from '../core/api-keys/api-key-service.ts';
import { listConversations } from '../core/conversations/inbox-queries.ts';
import { connectDatabase } from '../core/db/connect.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { freePort } from '../test/support/free-port.ts';
import { migrationsKey } from '../test/support/test-database.ts';
import { startServerProcess, stopServerProcess } from './server-process.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, table } from './stats.ts';

/**
 * The inbox's lists at volume (`npm run bench -- inbox volume`): 100,000 conversations and
 * 5,000,000 messages over four orgs on a PostgreSQL server, asked through the REST API of a
 * running api process (`bin/start.ts --role=api`), one request at a time, the kinds interleaved so
 * that they see the same noise: `?status=waiting` and `?status=mine` with the keys of different
 * staff of different orgs, a thread's first page (`GET /api/v1/conversations/:id`) of different
 * conversations, and a baseline in the same run (a primary-key read over HTTP: one contact). The
 * volume is built once with set-based SQL and kept as `bench_inbox_volume_<migrations>`: a new
 * migration builds a new one (and drops the old).
 *
 * The spread per org (25,000 conversations): 60 % with the bot, 25 % resolved, 4 % waiting (1,000),
 * 10 % held by one of 10 support staff (250 each), 1 % snoozed (half of them run out); 10 to 90
 * messages each (50 on average), the waiting and held ones active in the last three days.
 */
const ORGS = 4;
const PER_ORG = Number(process.env.BENCH_INBOX_CONVERSATIONS ?? 100_000) / ORGS;
const SUPPORT = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const APP_KEY = 'b'.repeat(64);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef-inbox';

const dbUrl = (name: string) => {
  const u = new URL(BENCH_SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

async function fillOrg(db: pg.Client, n: number, log: (s: string) => void): Promise<void> {
  const { rows } = await db.query(`INSERT INTO orgs (slug, name, default_language) VALUES ($1, $2, 'th') RETURNING id`, [`bench-inbox-${n}`, `Bench inbox ${n}`]);
  const org = rows[0].id as string;
  await db.query(
    `INSERT INTO channels (org_id, kind, name, external_id) VALUES ($1, 'line', 'LINE', $2), ($1, 'whatsapp', 'WhatsApp', $3)`,
    [org, `Ubenchinbox${n}${randomBytes(8).toString('hex')}`, `whatsapp:+66200000${n}${randomBytes(2).toString('hex')}`],
  );
  await db.query(
    `INSERT INTO staff (org_id, display_name, role, language)
     SELECT $1, 'Staff ' || g, CASE WHEN g <= $2 THEN 'support' WHEN g = $2 + 1 THEN 'manager' ELSE 'admin' END, 'en'
       FROM generate_series(1, $2 + 2) g`,
    [org, SUPPORT],
  );
  await db.query(
    `INSERT INTO contacts (org_id, display_name, language, created_at)
     SELECT $1, 'Customer ' || $3 || '-' || g, CASE WHEN g % 3 = 0 THEN 'en' ELSE 'th' END, now() - interval '200 days' + g * interval '1 millisecond'
       FROM generate_series(1, $2::int) g`,
    [org, PER_ORG, n],
  );
  // Status by g % 100: 0-3 waiting, 4-13 held, 14 snoozed, 15-39 resolved, the rest with the bot.
  await db.query(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS g FROM contacts WHERE org_id = $1),
          ch AS (SELECT array_agg(id ORDER BY kind) AS ids FROM channels WHERE org_id = $1),
          st AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff WHERE org_id = $1 AND role = 'support'),
          s AS (SELECT c.id AS contact_id, c.g,
                       CASE WHEN c.g % 100 < 4 THEN 'waiting' WHEN c.g % 100 < 14 THEN 'assigned' WHEN c.g % 100 = 14 THEN 'snoozed'
                            WHEN c.g % 100 < 40 THEN 'resolved' ELSE 'bot' END AS status,
                       CASE WHEN c.g % 100 < 15 THEN now() - (c.g % 4320) * interval '1 minute'
                            ELSE now() - interval '3 days' - (c.g % 177) * interval '1 day' - (c.g % 1440) * interval '1 minute' END AS last_at
                  FROM c)
     INSERT INTO conversations (org_id, channel_id, contact_id, kind, external_id, last_message_at, last_inbound_at,
                                inbox_status, assignee_staff_id, waiting_since, snoozed_until, inbox_changed_at, staff_replied_at, created_at)
     SELECT $1, ch.ids[CASE WHEN s.g % 5 = 0 THEN 2 ELSE 1 END], s.contact_id, 'direct', 'Ubench' || md5($1 || '-' || s.g), s.last_at, s.last_at,
            s.status,
            CASE WHEN s.status IN ('assigned', 'snoozed') THEN st.ids[1 + (s.g / 100) % array_length(st.ids, 1)] END,
            CASE WHEN s.status IN ('waiting', 'assigned', 'snoozed') THEN s.last_at - interval '5 minutes' END,
            CASE WHEN s.status = 'snoozed' THEN now() + CASE WHEN s.g % 200 < 100 THEN interval '-1 hour' ELSE interval '1 day' END END,
            CASE WHEN s.status <> 'bot' THEN s.last_at END,
            CASE WHEN s.status IN ('assigned', 'snoozed', 'resolved') THEN s.last_at END,
            s.last_at - interval '1 day'
       FROM s, ch, st`,
    [org],
  );
  log(`  org ${n}: ${PER_ORG.toLocaleString('en')} conversations`);
  // 10 to 90 messages per conversation, two minutes apart, ending at its last message: the
  // customer, then the bot (or, on one a person holds, staff).
  await db.query(
    `INSERT INTO messages (org_id, conversation_id, direction, sender_type, staff_id, kind, text, sent_at, delivery_status, created_at, updated_at)
     SELECT cv.org_id, cv.id,
            CASE WHEN k % 2 = 1 THEN 'in' ELSE 'out' END,
            CASE WHEN k % 2 = 1 THEN 'customer' WHEN cv.assignee_staff_id IS NOT NULL AND k > n - 6 THEN 'staff' ELSE 'bot' END,
            CASE WHEN k % 2 = 0 AND cv.assignee_staff_id IS NOT NULL AND k > n - 6 THEN cv.assignee_staff_id END,
            'text',
            CASE WHEN k % 2 = 1 THEN 'Customer message ' || k || ': my order has not arrived yet, can you check?' ELSE 'Answer ' || k || ': thank you, we are checking it now.' END,
            cv.last_message_at - (n - k) * interval '2 minutes',
            CASE WHEN k % 2 = 1 THEN 'received' ELSE 'sent' END,
            cv.last_message_at - (n - k) * interval '2 minutes',
            cv.last_message_at - (n - k) * interval '2 minutes'
       FROM conversations cv
       CROSS JOIN LATERAL (SELECT 10 + abs(hashtext(cv.id::text)) % 81 AS n) m
       CROSS JOIN LATERAL generate_series(1, m.n) k
      WHERE cv.org_id = $1`,
    [org],
  );
  log(`  org ${n}: messages`);
}

/** The volume database, built once per set of migrations and kept. */
async function volumeDatabase(admin: pg.Client, log: (s: string) => void): Promise<{ name: string; builtS?: number }> {
  const name = `bench_inbox_volume_${migrationsKey()}${PER_ORG === 25_000 ? '' : `_${PER_ORG * ORGS}`}`;
  if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return { name };
  const started = performance.now();
  const building = `bench_inbox_building_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${building}`);
  try {
    const knex = connectDatabase({ url: dbUrl(building), poolMax: 2, applicationName: 'bench-inbox-volume' });
    try {
      await migrateToLatest(knex);
    } finally {
      await knex.destroy();
    }
    const db = new pg.Client({ connectionString: dbUrl(building) });
    await db.connect();
    try {
      log(`building ${name} (${(PER_ORG * ORGS).toLocaleString('en')} conversations, about 50 messages each)`);
      for (let n = 1; n <= ORGS; n++) await fillOrg(db, n, log);
      for (const t of ['conversations', 'messages', 'contacts', 'staff']) await db.query(`VACUUM ANALYZE ${t}`);
    } finally {
      await db.end();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  } catch (err) {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    throw err;
  }
  // Volumes of older migrations are large and never used again.
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_inbox\\_volume\\_%' AND datname <> $1`, [name]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  return { name, builtS: (performance.now() - started) / 1000 };
}

/** The plans of the lists' queries as the inbox runs them (captured from listConversations), for the report. */
async function plans(url: string, org: string, staffId: string): Promise<string[]> {
  const knex = connectDatabase({ url, poolMax: 1, applicationName: 'bench-inbox-explain' });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const out: string[] = [];
  try {
    for (const view of ['waiting', 'mine'] as const) {
      let sql: { sql: string; bindings: unknown[] } | undefined;
      const capture = (q: { sql: string; bindings: unknown[] }) => (sql ??= q);
      knex.on('query', capture);
      await listConversations(knex, org, { view, staffId, now: new Date() });
      knex.off('query', capture);
      // As the server sends it: the $n placeholders and their values.
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql!.sql}`, sql!.bindings);
      out.push(`${view}:\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await knex.destroy();
    await db.end();
  }
  return out;
}

export async function benchInboxVolume(log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<string> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  try {
    await admin.connect();
  } catch {
    return '### Inbox lists at volume\n\nSkipped: no PostgreSQL server at TEST_DATABASE_URL (this figure is about a real server).';
  }
  let server: ChildProcess | undefined;
  try {
    const { name, builtS } = await volumeDatabase(admin, log);
    const url = dbUrl(name);
    const port = await freePort();
    const env = {
      DATABASE_URL: url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/7',
      ADMIN_API_KEY: ADMIN_KEY,
      APP_ENCRYPTION_KEY: APP_KEY,
      DEV_SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      DATA_DIR: `/tmp/${name}`,
      RATE_LIMIT_API: 'off',
    };
    server = await startServerProcess(['bin/start.ts', '--role=api'], env, port);

    // A staff-bound key for every support member of the generated orgs (issued per run: a key is shown once).
    const knex = connectDatabase({ url, poolMax: 2, applicationName: 'bench-inbox-keys' });
    const hasher = new ApiKeyHasher(Buffer.from(APP_KEY, 'hex'));
    const staff: { org: string; staffId: string; key: string }[] = [];
    const conversations: { org: string; id: string; contactId: string }[] = [];
    let counted = { conversations: 0, messages: 0 };
    try {
      const rows = await knex('staff').join('orgs', 'orgs.id', 'staff.org_id').where('orgs.slug', 'like', 'bench-inbox-%').andWhere('staff.role', 'support').select('staff.id', 'staff.org_id');
      for (const r of rows) {
        const k = await issueApiKey(knex, hasher, { orgId: r.org_id, name: `bench ${r.id.slice(0, 8)}`, role: 'support', staffId: r.id });
        staff.push({ org: r.org_id, staffId: r.id, key: k.key });
      }
      // Threads of every kind, spread over the orgs (a sample by the conversations' own ids).
      const sample = await knex.raw(
        `SELECT c.org_id, c.id, c.contact_id FROM conversations c JOIN orgs o ON o.id = c.org_id
          WHERE o.slug LIKE 'bench-inbox-%' ORDER BY md5(c.id::text || ?) LIMIT ?`,
        [randomBytes(4).toString('hex'), REQUESTS],
      );
      for (const r of sample.rows) conversations.push({ org: r.org_id, id: r.id, contactId: r.contact_id });
      counted = (await knex.raw(`SELECT (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM messages)::int AS messages`)).rows[0];
    } finally {
      await knex.destroy();
    }
    const keyOf = (org: string) => staff.find((s) => s.org === org)!.key;
    const get = async (path: string, key: string) => {
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${key}` } });
      const body = await res.json();
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms, body };
    };

    const kinds = {
      baseline: [] as number[],
      waiting: [] as number[],
      mine: [] as number[],
      thread: [] as number[],
    };
    const sizes = { waiting: [] as number[], mine: [] as number[], thread: [] as number[] };
    for (let i = 0; i < REQUESTS + 5; i++) {
      const s = staff[i % staff.length];
      const c = conversations[i % conversations.length];
      const b = await get(`/api/v1/contacts/${c.contactId}`, keyOf(c.org));
      const w = await get('/api/v1/conversations?status=waiting', s.key);
      const m = await get('/api/v1/conversations?status=mine', s.key);
      const t = await get(`/api/v1/conversations/${c.id}`, keyOf(c.org));
      // The first few warm the caches and the plans.
      if (i < 5) continue;
      kinds.baseline.push(b.ms);
      kinds.waiting.push(w.ms);
      kinds.mine.push(m.ms);
      kinds.thread.push(t.ms);
      sizes.waiting.push(w.body.length);
      sizes.mine.push(m.body.length);
      sizes.thread.push(t.body.messages.length);
    }
    const explained = await plans(url, staff[0].org, staff[0].staffId);
    for (const p of explained) log(p);

    const base = median(kinds.baseline);
    const row = (what: string, v: number[], goal: number | undefined, items?: number[]) => [
      what,
      items ? fmt(median(items)) : '1',
      fmt(median(v), 1),
      fmt(percentile(v, 95), 1),
      fmt(median(v) / base, 1),
      fmt(percentile(v, 95) / percentile(kinds.baseline, 95), 1),
      goal ? `p95 < ${goal} ms` : '',
      goal ? (percentile(v, 95) < goal ? 'yes' : 'NO') : '',
    ];
    return [
      `### Inbox lists at volume (${counted.conversations.toLocaleString('en')} conversations, ${counted.messages.toLocaleString('en')} messages, ${ORGS} orgs; api process on PostgreSQL; ${REQUESTS} requests each, one at a time, interleaved, after 5 to warm up)`,
      '',
      builtS ? `The volume was built in ${fmt(builtS)} s (set-based SQL) and kept as \`${name}\`.` : `The volume \`${name}\` was already built.`,
      '',
      table(
        ['request', 'items (median)', 'p50 ms', 'p95 ms', 'p50 x baseline', 'p95 x baseline', 'goal', 'met'],
        [
          row('baseline: GET /api/v1/contacts/:id (a primary-key read)', kinds.baseline, undefined),
          row('GET /api/v1/conversations?status=waiting (10 staff x 4 orgs)', kinds.waiting, 200, sizes.waiting),
          row('GET /api/v1/conversations?status=mine (the same keys)', kinds.mine, 200, sizes.mine),
          row(`GET /api/v1/conversations/:id, first page (${REQUESTS} conversations)`, kinds.thread, 100, sizes.thread),
        ],
      ),
    ].join('\n');
  } finally {
    if (server) await stopServerProcess(server);
    await admin.end();
  }
}
