import pg from 'pg';
import { serveFloor } from './floor-server.ts';

/**
 * The durable floor for website intake: a bare Koa route that reads the JSON body and does one
 * INSERT ... ON CONFLICT (the idempotency key) per request, on the same PostgreSQL server and pool
 * size as the product. Nothing the product does can be cheaper than this and still be durable.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query('CREATE TABLE IF NOT EXISTS intake_floor (key text PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
serveFloor(
  async (ctx, raw) => {
    const body = JSON.parse(raw.toString('utf8'));
    const key = ctx.get('idempotency-key');
    await pool.query('INSERT INTO intake_floor (key, body) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, body]);
    ctx.status = 201;
    ctx.body = { booking_id: key, status: 'new' };
  },
  () => pool.end(),
);
