import { startServerProcess, stopServerProcess } from './server-process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { signLineBody } from '../bot/line/line-signature.ts';
import { freePort } from '../test/support/free-port.ts';
import { lineTextWebhook } from './line-text-webhook.ts';
import { fmt, median, table } from './stats.ts';

/**
 * Webhook ingestion on real PostgreSQL: signed LINE webhooks with one event each, from this
 * process (autocannon) to the server in another, at 50 connections; beside a plain Koa route that
 * answers 200, in the same run. Then the processing lag: from the ack (the event's received_at)
 * to the inbound job done (processed_at), read from the database.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-line-channel-secret';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STEADY_RATE = 200;

/** Waits until the workers have processed everything, then the lag of the events since `since`. */
async function lagSince(db: pg.Client, since: number) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const { rows: left } = await db.query('SELECT count(*)::int AS n FROM inbound_events WHERE processed_at IS NULL');
    if (left[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { rows } = await db.query(
    `SELECT count(*)::int AS stored,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at) * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at) * 1000) AS p99
       FROM inbound_events WHERE received_at >= to_timestamp($1)`,
    [since / 1000],
  );
  return rows;
}

/**
 * Signed LINE webhooks of one event each (500 customers, Thai text), from this process at
 * CONNECTIONS connections for `seconds`, or at `rate` a second; unsigned when `signed` is false
 * (the baseline route does not check).
 */
export function loadSignedWebhooks(url: string, secret: string, o: { seconds: number; rate?: number; signed?: boolean }): Promise<autocannon.Result> {
  const signed = o.signed ?? true;
  const rate = o.rate;
  let n = 0;
  const runId = randomBytes(3).toString('hex');
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: o.seconds,
        ...(rate ? { overallRate: rate } : {}),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              const i = n++;
              const body = lineTextWebhook({
                webhookEventId: `B${runId}${i.toString(36).padStart(19, '0')}`.slice(0, 26),
                userId: 'U' + (i % 500).toString(16).padStart(32, '0'),
                replyToken: randomBytes(16).toString('hex'),
                messageId: String(1e15 + i),
                text: `สวัสดีค่ะ ข้อความที่ ${i}`,
              });
              return { ...req, body, headers: { 'content-type': 'application/json', ...(signed ? { 'x-line-signature': signLineBody(body, secret) } : {}) } };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export async function benchWebhookIngestion(runs = 3): Promise<string> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch {
    return '### Webhook ingestion\n\nSkipped: no PostgreSQL at TEST_DATABASE_URL (this figure is about a real server).';
  }
  const rows: (string | number)[][] = [];
  const samples = { baseRps: [] as number[], baseP50: [] as number[], baseP99: [] as number[], rps: [] as number[], p50: [] as number[], p99: [] as number[], stored: [] as number[], lag50: [] as number[], lag99: [] as number[], non2xx: [] as number[], steady50: [] as number[], steady99: [] as number[] };
  for (let r = 0; r < runs; r++) {
    const name = `opsdesk_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = `/${name}`;
    try {
      const basePort = await freePort();
      const plain = await startServerProcess(['bench/plain-koa-server.ts'], {}, basePort);
      const base = await loadSignedWebhooks(`http://127.0.0.1:${basePort}/webhooks/line`, SECRET, { seconds: SECONDS, signed: false });
      await stopServerProcess(plain);

      const port = await freePort();
      const env = {
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: redisUrl,
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: 'bench-token',
        LINE_API_BASE_URL: 'http://127.0.0.1:9',
        DEV_SIMULATOR: 'off',
        DEMO_SEED: 'off',
        LOG_LEVEL: 'warn',
        DATA_DIR: `/tmp/${name}`,
      };
      // One process (npm start), or the api and a worker process side by side (BENCH_SPLIT=1).
      const split = process.env.BENCH_SPLIT === '1';
      const worker = split ? await startWorkers(env) : undefined;
      const server = await startServerProcess(split ? ['bin/start.ts', '--role=api'] : ['bin/start.ts'], env, port);
      const started = Date.now();
      const res = await loadSignedWebhooks(`http://127.0.0.1:${port}/webhooks/line`, SECRET, { seconds: SECONDS });
      const db = new pg.Client({ connectionString: dbUrl.toString() });
      await db.connect();
      const stats = await lagSince(db, started);
      // The same server at a steady rate well inside its capacity: the lag without a backlog.
      const steadyStart = Date.now();
      await loadSignedWebhooks(`http://127.0.0.1:${port}/webhooks/line`, SECRET, { seconds: SECONDS, rate: STEADY_RATE });
      const steady = await lagSince(db, steadyStart);
      await db.end();
      await stopServerProcess(server);
      if (worker) await stopServerProcess(worker);
      samples.baseRps.push(base.requests.average);
      samples.baseP50.push(base.latency.p50);
      samples.baseP99.push(base.latency.p99);
      samples.rps.push(stats[0].stored / SECONDS);
      samples.p50.push(res.latency.p50);
      samples.p99.push(res.latency.p99);
      samples.stored.push(stats[0].stored);
      samples.lag50.push(Number(stats[0].p50));
      samples.lag99.push(Number(stats[0].p99));
      samples.non2xx.push(res.non2xx + res.errors);
      samples.steady50.push(Number(steady[0].p50));
      samples.steady99.push(Number(steady[0].p99));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  await admin.end();
  const b = median(samples.baseRps);
  rows.push(['baseline: plain Koa route answering 200', fmt(b), fmt(median(samples.baseP50), 1), fmt(median(samples.baseP99), 1), '1.00', '', '', '']);
  rows.push([
    'POST /webhooks/line: signature, parse, insert event + outbox row',
    fmt(median(samples.rps)),
    fmt(median(samples.p50), 1),
    fmt(median(samples.p99), 1),
    fmt(median(samples.rps) / b, 2),
    `${fmt(median(samples.lag50))} / ${fmt(median(samples.lag99))}`,
    `${fmt(median(samples.steady50))} / ${fmt(median(samples.steady99))}`,
    String(Math.max(...samples.non2xx)),
  ]);
  return (
    `### Webhook ingestion (PostgreSQL server + Redis, ${CONNECTIONS} connections, ${SECONDS} s, ${runs} runs, medians)\n\n` +
    table(
      ['what', 'events/s durably stored (baseline: req/s)', 'ack p50 ms', 'ack p99 ms', 'x baseline', `ack -> processed p50 / p99 ms, at full load`, `ack -> processed p50 / p99 ms, at ${STEADY_RATE}/s`, 'non-2xx'],
      rows,
    ) +
    '\n\nEvents/s counts rows in inbound_events, not requests answered. The load generator (autocannon) runs in the bench process, the server (api and workers, `npm start`) in its own. ' +
    `At full load the workers fall behind the webhooks, so the lag there is mostly the backlog; the ${STEADY_RATE}/s run shows the lag without one.`
  );
}


/** A worker process of the product (`bin/start.ts --role=workers`, after `nodeArgs`), once it says it runs. */
export function startWorkers(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, 'bin/start.ts', '--role=workers'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => String(c).includes('Opsdesk is running') && resolve(child));
    child.once('exit', (code) => reject(new Error(`workers exited ${code}`)));
  });
}
