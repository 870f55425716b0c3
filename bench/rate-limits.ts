import { startServerProcess, stopServerProcess } from './server-process.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { freePort } from '../test/support/free-port.ts';
import { fmt, percentile, table } from './stats.ts';

/**
 * `npm run bench -- limits`: what a flood from one address does to everyone else. The server runs
 * as `npm start` would (another process; the embedded database, or with TEST_DATABASE_URL a
 * database of its own on that server, dropped afterwards; counters and queue in PostgreSQL) with the
 * default public limit (120 requests a minute per address).
 * Other clients ask for a case by tracking token at a steady 50 requests a second, each from its
 * own loopback address (127.0.1.x, each well under its own limit); meanwhile a flood from
 * 127.0.0.2 on 32 connections asks as fast as it is answered. Measured, in the same run, with the
 * limits on and then off: the others alone (the plain baseline), and the others under the flood.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 50;
const FLOOD_CONNECTIONS = 32;
const PATH = `/public/v1/cases/${'x'.repeat(32)}`;

const startServer = (env: Record<string, string>, port: number) =>
  startServerProcess(['bin/start.ts'], { LOG_LEVEL: 'warn', DEV_SIMULATOR: 'off', HOST: '127.0.0.1', ...env }, port);

/** The other clients: RATE requests a second for `seconds`, open loop, rotating over 200 addresses. */
async function others(base: string, seconds: number): Promise<{ latencies: number[]; statuses: Record<number, number> }> {
  const agents = Array.from({ length: 200 }, (_, i) => new Agent({ keepAlive: true, localAddress: `127.0.1.${i + 1}` }));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const pending: Promise<void>[] = [];
  const total = seconds * RATE;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      new Promise<void>((resolve) => {
        const t0 = performance.now();
        const req = request(base + PATH, { agent: agents[i % agents.length] }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        });
        req.on('error', () => {
          statuses[0] = (statuses[0] ?? 0) + 1;
          resolve();
        });
        req.end();
      }),
    );
  }
  await Promise.all(pending);
  for (const a of agents) a.destroy();
  return { latencies, statuses };
}

async function flooded(base: string, seconds: number) {
  const worker = new Worker(new URL('./rate-limit-flood.ts', import.meta.url), {
    workerData: { url: base + PATH, localAddress: '127.0.0.2', connections: FLOOD_CONNECTIONS },
  });
  const done = new Promise<{ statuses: Record<number, number>; seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await new Promise((r) => setTimeout(r, 1000)); // the flood is under way before we measure
  const measured = await others(base, seconds);
  worker.postMessage('stop');
  const flood = await done;
  await worker.terminate();
  return { measured, flood };
}

const summary = (s: Record<number, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${v} × ${k === '0' ? 'error' : k}`)
    .join(', ');

export async function benchRateLimits(): Promise<string> {
  const server = process.env.TEST_DATABASE_URL;
  const store = server ? 'PostgreSQL server, counters and queue in it' : 'embedded PostgreSQL (PGlite)';
  const rows: (string | number)[][] = [];
  for (const limits of ['on', 'off'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-limits-'));
    const port = await freePort();
    const env: Record<string, string> = { DATA_DIR: dataDir, ...(limits === 'off' ? { RATE_LIMIT_PUBLIC: 'off' } : {}) };
    // On a server: a database of this run's own, never the one TEST_DATABASE_URL names.
    const admin = server ? new pg.Client({ connectionString: server }) : undefined;
    const dbName = `opsdesk_bench_limits_${randomBytes(4).toString('hex')}`;
    if (admin && server) {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      const dbUrl = new URL(server);
      dbUrl.pathname = `/${dbName}`;
      env.DATABASE_URL = dbUrl.toString();
    }
    const child = await startServer(env, port).catch(async (err) => {
      if (admin) {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      }
      throw err;
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await others(base, 2); // warm up
      {
        const alone = await others(base, SECONDS);
        rows.push(['others alone (baseline)', limits, fmt(percentile(alone.latencies, 50), 1), fmt(percentile(alone.latencies, 95), 1), fmt(percentile(alone.latencies, 99), 1), summary(alone.statuses), '']);
      }
      const { measured, flood } = await flooded(base, SECONDS);
      const floodTotal = Object.values(flood.statuses).reduce((a, b) => a + b, 0);
      rows.push([
        'others under a flood from 127.0.0.2',
        limits,
        fmt(percentile(measured.latencies, 50), 1),
        fmt(percentile(measured.latencies, 95), 1),
        fmt(percentile(measured.latencies, 99), 1),
        summary(measured.statuses),
        `${fmt(floodTotal / flood.seconds)}/s: ${summary(flood.statuses)}`,
      ]);
    } finally {
      await stopServerProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
      if (admin) {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      }
    }
  }
  return [
    `### Rate limits: other clients' latency under a flood (${store}, ${SECONDS} s per row, others at ${RATE} req/s)`,
    '',
    table(['run', 'limits', 'p50 ms', 'p95 ms', 'p99 ms', 'others answered', 'flood (32 connections)'], rows),
  ].join('\n');
}
