import { messagingApi, validateSignature } from '@line/bot-sdk';
import pg from 'pg';
import { serveFloor } from './floor-server.ts';

/**
 * The floor for the message path (bench/pipeline.ts): the least a durable LINE bot can do, on the
 * same PostgreSQL server and pool size as the product. A Koa route checks the signature and, per
 * event:
 * - `FLOOR=ingest`: one `INSERT ... ON CONFLICT` (the event's id) and 200;
 * - `FLOOR=answer`: one transaction (the event, the contact, the message in, the message out), 200,
 *   then the reply through the real SDK client to LINE_API_BASE_URL.
 * No routing, no queue, no retries: nothing the product does can be cheaper and still keep what a
 * customer said and what they were told.
 */
// Sessions kept while idle: the bench reads their processor time from the server's processes.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, idleTimeoutMillis: 0 });
const secret = process.env.LINE_CHANNEL_SECRET!;
const answering = process.env.FLOOR === 'answer';
const line = new messagingApi.MessagingApiClient({ channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN!, baseURL: process.env.LINE_API_BASE_URL });

await pool.query(`CREATE TABLE IF NOT EXISTS floor_events (id text PRIMARY KEY, payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS floor_contacts (id bigserial PRIMARY KEY, line_user_id text UNIQUE NOT NULL, last_seen_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS floor_messages (id bigserial PRIMARY KEY, contact_id bigint NOT NULL, direction text NOT NULL, text text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);

interface LineEvent {
  webhookEventId: string;
  replyToken?: string;
  source: { userId: string };
  message?: { text?: string };
}

async function store(e: LineEvent): Promise<boolean> {
  if (!answering) {
    await pool.query('INSERT INTO floor_events (id, payload) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [e.webhookEventId, e]);
    return false;
  }
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const fresh = await c.query('INSERT INTO floor_events (id, payload) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [e.webhookEventId, e]);
    if (fresh.rowCount === 0) {
      await c.query('ROLLBACK');
      return false;
    }
    const contact = await c.query(
      'INSERT INTO floor_contacts (line_user_id) VALUES ($1) ON CONFLICT (line_user_id) DO UPDATE SET last_seen_at = now() RETURNING id',
      [e.source.userId],
    );
    await c.query("INSERT INTO floor_messages (contact_id, direction, text) VALUES ($1, 'in', $2), ($1, 'out', 'Thank you, we will answer shortly')", [
      contact.rows[0].id,
      e.message?.text ?? '',
    ]);
    await c.query('COMMIT');
    return true;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

serveFloor(
  async (ctx, raw) => {
    if (!validateSignature(raw, secret, ctx.get('x-line-signature'))) {
      ctx.status = 401;
      return;
    }
    const events = (JSON.parse(raw.toString('utf8')) as { events: LineEvent[] }).events;
    const toAnswer = (await Promise.all(events.map(async (e) => ((await store(e)) ? e : undefined)))).filter((e) => e?.replyToken) as LineEvent[];
    ctx.status = 200;
    ctx.body = {};
    // After the 200, as a bot answers: the platform is not kept waiting for the reply.
    for (const e of toAnswer) void line.replyMessage({ replyToken: e.replyToken!, messages: [{ type: 'text', text: 'Thank you, we will answer shortly' }] }).catch(() => undefined);
  },
  () => pool.end(),
);
