import Koa from 'koa';
import pg from 'pg';

/**
 * The durable floor for website intake: a bare Koa route that reads the JSON body and does one
 * INSERT ... ON CONFLICT (the idempotency key) per request, on the same PostgreSQL server and pool
 * size as the product. Nothing the product does can be cheaper than this and still be durable.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query('CREATE TABLE IF NOT EXISTS intake_floor (key text PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path === '/readyz') {
    ctx.body = {};
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of ctx.req) chunks.push(c as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const key = ctx.get('idempotency-key');
  await pool.query('INSERT INTO intake_floor (key, body) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, body]);
  ctx.status = 201;
  ctx.body = { booking_id: key, status: 'new' };
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
