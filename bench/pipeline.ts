import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { signLineBody } from '../bot/line/line-signature.ts';
import { EMBEDDED_ADDRESS_FILE } from '../core/db/embedded-postgres.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, startFakeLineApi, type LineDelivery, type RunningFakeLineApi } from '../dev/fakes/line-api.ts';
import { freePort } from '../test/support/free-port.ts';
import { startServerProcess, stopServerProcess } from './server-process.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, serverReachable, table } from './stats.ts';
import { lineTextWebhook } from './line-text-webhook.ts';
import { loadSignedWebhooks, startWorkers } from './webhook-ingestion.ts';

/**
 * The message path against its floor (`npm run bench -- pipeline`), as the issue measured it:
 * 1. ingestion: signed LINE webhooks of one event each, 50 connections, for BENCH_SECONDS;
 *    events durably stored per second;
 * 2. answered: BURST customers each send one text (greetings, questions, problems, Thai and
 *    English), 20 in flight, until every one has an answer at the fake LINE server;
 * 3. steady: RATE messages a second for STEADY_SECONDS, each timed from the webhook's send to its
 *    answer at the fake LINE server.
 * The floor (bench/pipeline-floor-server.ts) runs on the same PostgreSQL server in the same run,
 * so each ratio compares like with like on a noisy machine. The product runs as `npm start` does:
 * one process, the offline classifier, the demo seed; on PostgreSQL + Redis, then on the embedded
 * default (no floor there: PGlite is one session in the product's own process).
 */
export const SECRET = 'bench-line-channel-secret';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 1500);
const IN_FLIGHT = 20;
/** Parts of a run, to look at one closely (a profile, Redis's command counts): BENCH_PHASES=answered, BENCH_BACKENDS=server. */
const PHASES = (process.env.BENCH_PHASES ?? 'answered,steady,ingested').split(',');
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'server,embedded').split(',');
/** BENCH_TABLES=1: each server database's rows written, by table (inserted, updated, of those HOT, deleted), and its outbox rows by job and status, printed as it is dropped. */
const TABLES = Boolean(process.env.BENCH_TABLES);
/**
 * The product's Redis: a database of the bench's own, emptied before each run. A run stopped with
 * work still queued (the webhook phase stores faster than it answers) left its jobs and SLA timers
 * there, and the next run's workers spent the burst on them: 460 Redis commands and 33 transactions
 * a customer instead of 75 and 17.
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/6';
async function emptyBenchRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
/** With BENCH_PROFILE_DIR, each product process writes a CPU profile there when it stops (open it in Chrome's devtools). */
const NODE_ARGS = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
/**
 * On PostgreSQL + Redis, BENCH_WORKERS=N runs the product as an api process and N worker processes
 * (`--role=api`, `--role=workers`) instead of `npm start`'s one: the scale-out picture.
 */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 60);

/** What customers write: a greeting, a question the FAQ answers, a problem that opens a case, in both languages. */
export const TEXTS = [
  'สวัสดีค่ะ',
  'Hello',
  'ร้านเปิดกี่โมงคะ',
  'What time do you open?',
  'สั่งของไปสามวันแล้วยังไม่ได้รับเลยค่ะ',
  'My order has not arrived yet, it has been a week',
  'เติมเงินไปแล้วแต่ยอดไม่เข้าครับ',
  'I was charged twice for one order',
];

/** Answers as they reach the fake LINE server, matched to the message they answer (its reply token, or a push to its customer). */
export class Answers {
  private readonly waiting = new Map<string, () => void>();
  private readonly heard = (d: LineDelivery) => {
    for (const key of [d.replyToken, d.to]) {
      const done = key && this.waiting.get(key);
      if (done) done();
    }
  };
  private readonly line: RunningFakeLineApi;
  constructor(line: RunningFakeLineApi) {
    this.line = line;
    line.state.on('delivery', this.heard);
  }
  /** Stops listening: each measured server has its own. */
  close(): void {
    this.line.state.off('delivery', this.heard);
  }
  /** Resolves when the customer (or their reply token) gets its first answer. */
  awaited(userId: string, replyToken: string): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiting.delete(userId);
        this.waiting.delete(replyToken);
        resolve();
      };
      this.waiting.set(userId, done);
      this.waiting.set(replyToken, done);
    });
  }
}

/** One customer's first message, signed as LINE signs it; resolves with the time until its answer. */
export async function converse(url: string, line: RunningFakeLineApi, answers: Answers, i: number): Promise<number> {
  const userId = 'U' + randomBytes(16).toString('hex');
  line.state.addProfile({ userId, displayName: `Customer ${i}`, language: i % 2 ? 'en' : 'th' });
  const replyToken = line.state.issueReplyToken({ source: userId });
  const body = lineTextWebhook({
    webhookEventId: ('P' + randomBytes(16).toString('hex').toUpperCase()).slice(0, 26),
    userId,
    replyToken,
    messageId: String(2e15 + i),
    text: TEXTS[i % TEXTS.length],
  });
  const answered = answers.awaited(userId, replyToken);
  const sent = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SECRET) }, body });
  if (res.status !== 200) throw new Error(`the webhook answered ${res.status}`);
  await answered;
  return performance.now() - sent;
}

/** BURST customers, IN_FLIGHT at a time: answers a second until the last one. */
async function burst(url: string, line: RunningFakeLineApi, answers: Answers): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < BURST) await converse(url, line, answers, next++);
    }),
  );
  return BURST / ((performance.now() - started) / 1000);
}

/** RATE new customers a second for STEADY_SECONDS, sent on schedule whatever the answers do: each one's time to its answer. */
async function steady(url: string, line: RunningFakeLineApi, answers: Answers): Promise<number[]> {
  const total = RATE * STEADY_SECONDS;
  const started = performance.now();
  const all: Promise<number>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    all.push(converse(url, line, answers, 100_000 + i));
  }
  return Promise.all(all);
}

/** Where a long run is, on stderr (the tables go to stdout). */
const progress = (what: string) => process.stderr.write(`pipeline: ${what}\n`);

interface Figures {
  ingested: number;
  answered: number;
  latencies: number[];
  /** Work per customer answered in the burst: PostgreSQL transactions and rows written, Redis commands. */
  perAnswer?: Record<string, number>;
}

/** Counters of the servers' work, read before and after the burst; `pids` are the measured processes. */
type Counters = (pids: number[]) => Promise<Record<string, number>>;

/** Processor time (user + system, ms) of the processes whose command name passes `which`, from /proc (Linux). */
function cpuMs(which: (name: string, pid: number) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!which(name, Number(entry))) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

type Phase = 'answered' | 'steady' | 'ingested';

/** A process answering LINE webhooks on `port`, measured in these phases, stopped afterwards even when it lingers over a backlog. */
/** The product (or the floor) as processes, the first one answering on `port`. */
type Start = (port: number) => Promise<ChildProcess[]>;
const oneProcess = (args: string[], env: Record<string, string>, timeoutMs?: number): Start => async (port) => [await startServerProcess(args, env, port, timeoutMs)];

/** `npm start`'s one process, or (BENCH_WORKERS) an api process and its worker processes. */
const product = (env: Record<string, string>, timeoutMs?: number): Start =>
  WORKERS > 0
    ? async (port) => {
        const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorkers(env, NODE_ARGS)));
        return [await startServerProcess([...NODE_ARGS, 'bin/start.ts', '--role=api'], env, port, timeoutMs), ...workers];
      }
    : oneProcess([...NODE_ARGS, 'bin/start.ts'], env, timeoutMs);

async function measure(start: Start, line: RunningFakeLineApi, phases: Phase[], countStored?: () => Promise<number>, counters?: Counters): Promise<Figures> {
  const answers = new Answers(line);
  const port = await freePort();
  const processes = await start(port);
  const pids = processes.map((p) => p.pid!);
  const url = `http://127.0.0.1:${port}/webhooks/line`;
  const f: Figures = { ingested: NaN, answered: NaN, latencies: [] };
  phases = phases.filter((p) => PHASES.includes(p));
  try {
    // Answers first, on a quiet server; the ingestion flood last, as its backlog would slow the rest.
    if (phases.includes('answered')) {
      const before = await counters?.(pids);
      f.answered = await burst(url, line, answers);
      progress(`answered ${fmt(f.answered)}/s`);
      if (before) {
        // A PostgreSQL session reports its statistics at most once a second while busy, and within
        // ten seconds once idle (PostgreSQL 15's pgstat): wait for the pool's last idle sessions.
        await new Promise((r) => setTimeout(r, 11_000));
        const after = await counters!(pids);
        f.perAnswer = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, (v - before[k]) / BURST]));
      }
    }
    if (phases.includes('steady')) {
      f.latencies = await steady(url, line, answers);
      progress(`steady p95 ${fmt(percentile(f.latencies, 95))} ms`);
    }
    if (phases.includes('ingested') && countStored) {
      const before = await countStored();
      await loadSignedWebhooks(url, SECRET, { seconds: SECONDS });
      f.ingested = ((await countStored()) - before) / SECONDS;
      progress(`stored ${fmt(f.ingested)}/s`);
    }
    return f;
  } finally {
    answers.close();
    await Promise.all(
      processes.map(async (p) => {
        const forced = setTimeout(() => p.kill('SIGKILL'), 15_000);
        await stopServerProcess(p);
        clearTimeout(forced);
      }),
    );
  }
}

function productEnv(line: RunningFakeLineApi, extra: Record<string, string>): Record<string, string> {
  return {
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    DEV_SIMULATOR: 'off',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

async function onServerDatabase<T>(work: (dbUrl: string, count: (table: string) => Promise<number>, counters: Counters) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  const name = `opsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(BENCH_SERVER_URL);
  dbUrl.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const counters: Counters = async (pids) => {
    const cpu = {
      'processor ms: the measured processes': cpuMs((_, p) => pids.includes(p)),
      'processor ms: PostgreSQL server': cpuMs((n) => n === 'postgres'),
      'processor ms: Redis server': cpuMs((n) => n.startsWith('redis-server')),
    };
    const { rows } = await db.query('SELECT xact_commit::int AS x, (tup_inserted + tup_updated + tup_deleted)::int AS w FROM pg_stat_database WHERE datname = current_database()');
    const commands = Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1]);
    // Outbox rows (the product's; the floor has none) are its durable hops: one per job.
    const outbox = await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'outbox'");
    // Of those, the ones handed to the queue store as jobs; the rest were done by the job that committed them (core/outbox `doneHere`).
    const hops = outbox.rows[0].n
      ? (await db.query('SELECT count(*)::int AS n, (count(*) FILTER (WHERE enqueue_count > 0))::int AS jobs FROM outbox')).rows[0]
      : { n: 0, jobs: 0 };
    return {
      ...cpu,
      'PostgreSQL transactions': rows[0].x,
      'PostgreSQL rows written': rows[0].w,
      'Redis commands (Lua scripts\' inner commands included)': commands,
      'outbox rows': hops.n,
      'BullMQ jobs': hops.jobs,
    };
  };
  try {
    return await work(dbUrl.toString(), async (t) => (await db.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n, counters);
  } finally {
    if (TABLES) {
      // The statistics reach the view about a second after the transactions that wrote them.
      await new Promise((r) => setTimeout(r, 1500));
      const t = await db.query('SELECT relname AS "table", n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_hot_upd AS hot, n_tup_del AS deleted FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC');
      console.table(t.rows);
      const outbox = await db.query('SELECT queue, job_name, status, count(*)::int AS rows, sum(enqueue_count)::int AS handed_to_bullmq FROM outbox GROUP BY 1, 2, 3 ORDER BY 4 DESC').catch(() => null);
      if (outbox?.rows.length) console.table(outbox.rows);
    }
    redis.disconnect();
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchPipeline(): Promise<string> {
  const line = await startFakeLineApi();
  const floor: Figures[] = [];
  const server: Figures[] = [];
  const embedded: Figures[] = [];
  const onServer = BACKENDS.includes('server') && (await serverReachable());
  try {
    for (let r = 0; r < RUNS; r++) {
      if (onServer) {
        const ingest = await onServerDatabase((dbUrl, count) =>
          measure(oneProcess(['bench/pipeline-floor-server.ts'], { ...productEnv(line, { DATABASE_URL: dbUrl }), FLOOR: 'ingest' }), line, ['ingested'], () => count('floor_events')),
        );
        const answer = await onServerDatabase((dbUrl, _count, counters) =>
          measure(oneProcess(['bench/pipeline-floor-server.ts'], { ...productEnv(line, { DATABASE_URL: dbUrl }), FLOOR: 'answer' }), line, ['answered'], undefined, counters),
        );
        floor.push({ ...ingest, answered: answer.answered, perAnswer: answer.perAnswer });
        await emptyBenchRedis();
        server.push(
          await onServerDatabase((dbUrl, count, counters) =>
            measure(
              product(productEnv(line, { DATABASE_URL: dbUrl, REDIS_URL, DATA_DIR: `/tmp/${randomBytes(4).toString('hex')}` })),
              line,
              ['answered', 'steady', 'ingested'],
              () => count('inbound_events'),
              counters,
            ),
          ),
        );
      }
      if (!BACKENDS.includes('embedded')) continue;
      const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-'));
      try {
        const env = productEnv(line, { DATA_DIR: dataDir });
        embedded.push(await measure(oneProcess([...NODE_ARGS, 'bin/start.ts'], env, 180_000), line, ['answered', 'steady', 'ingested'], () => embeddedCount(dataDir, 'inbound_events')));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await line.close();
  }
  return report(floor, server, embedded);
}

/** Rows in the embedded database, through the address (and password) it writes to DATA_DIR for its owner. */
async function embeddedCount(dataDir: string, t: string): Promise<number> {
  const { url } = JSON.parse(readFileSync(join(dataDir, EMBEDDED_ADDRESS_FILE), 'utf8')) as { url: string };
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  } finally {
    await db.end();
  }
}

function report(floor: Figures[], server: Figures[], embedded: Figures[]): string {
  const m = (xs: Figures[], f: (x: Figures) => number) => median(xs.map(f));
  const lat = (xs: Figures[], p: number) => median(xs.map((x) => percentile(x.latencies, p)));
  const rows: (string | number)[][] = [];
  if (floor.length) {
    rows.push([
      'webhook: signed events durably stored per second, 50 connections',
      fmt(m(floor, (x) => x.ingested)),
      fmt(m(server, (x) => x.ingested)),
      fmt(m(server, (x) => x.ingested) / m(floor, (x) => x.ingested), 2),
      fmt(m(embedded, (x) => x.ingested)),
    ]);
    rows.push([
      `customers answered per second: ${BURST} customers, one text each, ${IN_FLIGHT} in flight`,
      fmt(m(floor, (x) => x.answered)),
      fmt(m(server, (x) => x.answered)),
      fmt(m(server, (x) => x.answered) / m(floor, (x) => x.answered), 2),
      fmt(m(embedded, (x) => x.answered)),
    ]);
  } else {
    rows.push(['webhook: signed events durably stored per second, 50 connections', 'no server', '', '', fmt(m(embedded, (x) => x.ingested))]);
    rows.push([`customers answered per second: ${BURST} customers, ${IN_FLIGHT} in flight`, 'no server', '', '', fmt(m(embedded, (x) => x.answered))]);
  }
  const work = (xs: Figures[], k: string) => fmt(median(xs.map((x) => x.perAnswer![k])), 1);
  if (server[0]?.perAnswer) for (const k of Object.keys(server[0].perAnswer)) rows.push([`${k} per customer answered (burst)`, work(floor, k), work(server, k), '', '']);
  const steadyRow = (p: number) => [`at ${RATE}/s for ${STEADY_SECONDS} s: received -> answered p${p}, ms`, '', server.length ? fmt(lat(server, p)) : '', '', fmt(lat(embedded, p))];
  rows.push(steadyRow(50), steadyRow(95), steadyRow(99));
  return (
    `### The message path against its floor (${RUNS} runs, medians; floor and product in the same run)\n\n` +
    table(['path', 'floor (PostgreSQL)', 'us, PostgreSQL + Redis', 'ratio', 'us, embedded'], rows) +
    '\n\nFloor: bench/pipeline-floor-server.ts (Koa, the signature, one INSERT per event; for answers one transaction of event, contact, message in and out, then the reply). ' +
    (WORKERS > 0
      ? `Us on PostgreSQL + Redis: an api process and ${WORKERS} worker process(es) (\`bin/start.ts --role=api\`, \`--role=workers\`); embedded: \`npm start\`'s one process. `
      : 'Us: `bin/start.ts` as `npm start` runs it (api and workers in one process). ') +
    'The offline classifier, the demo seed, a fake LINE server in the bench process.'
  );
}
