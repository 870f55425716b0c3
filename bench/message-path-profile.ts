import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, startFakeLineApi } from '../dev/fakes/line-api.ts';
import { startTestSystem, untilSettled } from '../test/support/test-system.ts';
import { profileTables, summariseProfile, type CpuProfile } from './cpu-profile-summary.ts';
import { Answers, converse, SECRET } from './pipeline.ts';
import { fmt, median, table } from './stats.ts';

/**
 * Where a customer's processor time goes on the message path (#41): the product (api and workers,
 * as the harness of test/support/line-customer.ts runs them) on this thread, and the customers and
 * the fake LINE server on a worker thread of their own, so that this thread's processor time
 * (`process.threadCpuUsage()`) and its CPU profile are the product's alone. Customers are new LINE
 * users who each write one of pipeline.ts's texts (greetings, FAQ questions, problems; Thai and
 * English), IN_FLIGHT at a time; a run ends when each has its answer and the outbox has settled.
 *
 * `npm run bench -- message-cpu`. PROFILE_CUSTOMERS (200) per run, PROFILE_RUNS (5) unprofiled runs
 * for the processor time, then one run under the profiler whose tables are printed and whose
 * .cpuprofile is saved in PROFILE_DIR (the system's temporary folder). PROFILE_IN_FLIGHT (20).
 * TEST_DATABASE_URL / TEST_REDIS_URL as for the tests (the embedded database and queue otherwise).
 */
const CUSTOMERS = Number(process.env.PROFILE_CUSTOMERS ?? 200);
const RUNS = Number(process.env.PROFILE_RUNS ?? 5);
const IN_FLIGHT = Number(process.env.PROFILE_IN_FLIGHT ?? 20);
const WARMUP = 60;
const DRIVER = 'messagePathDriver';

type Call = { op: 'start' } | { op: 'customers'; url: string; from: number; count: number };

/** The customers' side, on the worker thread: the fake LINE server and the signed webhooks. */
async function drive(): Promise<void> {
  const line = await startFakeLineApi();
  const answers = new Answers(line);
  parentPort!.on('message', async ({ id, call }: { id: number; call: Call }) => {
    if (call.op === 'start') return parentPort!.postMessage({ id, result: line.url });
    const cpu = process.threadCpuUsage();
    let next = call.from;
    const end = call.from + call.count;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < end) await converse(call.url, line, answers, next++);
      }),
    );
    const used = process.threadCpuUsage(cpu);
    parentPort!.postMessage({ id, result: (used.user + used.system) / 1000 });
  });
}

if (!isMainThread && workerData?.[DRIVER]) await drive();

export async function benchMessagePathProfile(): Promise<string> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { [DRIVER]: true } });
  let calls = 0;
  const call = <T>(c: Call) =>
    new Promise<T>((resolve, reject) => {
      const id = ++calls;
      const heard = (m: { id: number; result: T }) => {
        if (m.id !== id) return;
        worker.off('message', heard);
        resolve(m.result);
      };
      worker.on('message', heard);
      worker.once('error', reject);
      worker.postMessage({ id, call: c });
    });

  const lineUrl = await call<string>({ op: 'start' });
  const sys = await startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: lineUrl,
      LINE_DATA_API_BASE_URL: lineUrl,
      CLASSIFIER: 'offline',
      DEV_SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      // As in production (the test system shortens it): a staff group's cards wait to be combined.
      GROUP_PUSH_WINDOW_MS: '2000',
    },
  });
  const url = `${sys.url}/webhooks/line`;
  let from = 0;
  /** One run: the product thread's and the whole process's processor ms per customer, and answers a second. */
  const run = async (count: number) => {
    // Every statement of the product's pool while the run lasts, the relay's polls among them: each
    // is a round trip on a socket, and writing to it was the biggest single cost in the profile.
    let statements = 0;
    const counted = () => void statements++;
    sys.knex.on('query', counted);
    const thread = process.threadCpuUsage();
    const whole = process.cpuUsage();
    const started = performance.now();
    const driverMs = await call<number>({ op: 'customers', url, from, count });
    const answeredPerSecond = count / ((performance.now() - started) / 1000);
    // What the answers left (the case's card, its timer) is the customers' work too; polled slowly,
    // as each poll is a statement on this thread.
    await untilSettled(sys.knex, 60_000, 100);
    from += count;
    const t = process.threadCpuUsage(thread);
    const w = process.cpuUsage(whole);
    sys.knex.off('query', counted);
    return {
      statements: statements / count,
      productThread: (t.user + t.system) / 1000 / count,
      productProcess: ((w.user + w.system) / 1000 - driverMs) / count,
      answeredPerSecond,
    };
  };
  try {
    await run(WARMUP);
    const runs: Awaited<ReturnType<typeof run>>[] = [];
    for (let r = 0; r < RUNS; r++) {
      runs.push(await run(CUSTOMERS));
      process.stderr.write(`message-cpu: run ${r + 1}: ${fmt(runs[r].productThread, 2)} ms per customer on the product's thread, ${fmt(runs[r].statements, 1)} statements\n`);
    }
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const profiled = await run(CUSTOMERS);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = join(process.env.PROFILE_DIR ?? tmpdir(), `message-path-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const m = (k: keyof (typeof runs)[number]) => runs.map((r) => r[k]);
    return [
      `### The message path's processor time per customer (${CUSTOMERS} customers a run, ${IN_FLIGHT} in flight, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL + Redis' : 'embedded'})`,
      '',
      table(
        ['', `median of ${RUNS}`, 'runs'],
        [
          ["processor ms per customer: the product's thread", fmt(median(m('productThread')), 2), m('productThread').map((v) => fmt(v, 2)).join(', ')],
          ["processor ms per customer: the product's process (all threads, the customers' thread left out)", fmt(median(m('productProcess')), 2), m('productProcess').map((v) => fmt(v, 2)).join(', ')],
          ["statements per customer (the product's pool, polls included)", fmt(median(m('statements')), 1), m('statements').map((v) => fmt(v, 1)).join(', ')],
          ['customers answered per second', fmt(median(m('answeredPerSecond')), 1), m('answeredPerSecond').map((v) => fmt(v, 1)).join(', ')],
        ],
      ),
      '',
      `The profiled run (${fmt(profiled.productThread, 2)} ms per customer on the thread under the profiler; ${file}):`,
      '',
      profileTables(summariseProfile(profile as CpuProfile, 20), profiled.productThread),
    ].join('\n');
  } finally {
    await sys.stopAll();
    await worker.terminate();
  }
}

if (isMainThread && import.meta.main) {
  process.stdout.write((await benchMessagePathProfile()) + '\n');
  process.exit(0);
}
