import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, table } from './stats.ts';
import { freePort } from '../test/support/free-port.ts';
import pg from 'pg';
import { EMBEDDED_ADDRESS_FILE } from '../core/db/embedded-postgres.ts';

/**
 * `npm start` to /readyz = 200 on the embedded default, as a user would start it: a new process,
 * a fresh data directory (cold: initdb, migrations, demo seed) or the one left by the previous run
 * (warm), or the one a process was SIGKILLed on after a busy spell (after a crash: 100 MB of WAL
 * written since its start, as a day of webhooks writes it). Baseline: the same Node binary
 * starting an empty script, in the same run.
 */
const root = fileURLToPath(new URL('..', import.meta.url));


function startProcess(dataDir: string, port: number) {
  return spawn(process.execPath, ['bin/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function timeToReady(dataDir: string, stop: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', beforeStop?: () => Promise<void>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = startProcess(dataDir, port);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ms = NaN;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!Number.isNaN(ms) && beforeStop) await beforeStop();
  child.kill(stop);
  const code = await exited;
  if (Number.isNaN(ms)) throw new Error('the server did not become ready within 60 s');
  if (stop === 'SIGTERM' && code !== 0) throw new Error(`the server exited with ${code} after SIGTERM`);
  return ms;
}

/** About 100 MB of WAL through the running process's own database, the last row committed just before the kill. */
async function busySpell(dataDir: string): Promise<void> {
  const { url } = JSON.parse(readFileSync(join(dataDir, EMBEDDED_ADDRESS_FILE), 'utf8'));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('CREATE TABLE IF NOT EXISTS bench_activity (id serial PRIMARY KEY, body text)');
    for (let i = 0; i < 6; i++) await c.query("INSERT INTO bench_activity (body) SELECT repeat('x', 200) FROM generate_series(1, 50000)");
    await c.query("INSERT INTO bench_activity (body) VALUES ('committed before the kill')");
  } finally {
    await c.end().catch(() => {});
  }
}

async function emptyNode(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', resolve));
  return performance.now() - started;
}

export async function benchColdStart(runs = 5): Promise<string> {
  const cold: number[] = [];
  const warm: number[] = [];
  const afterKill: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-'));
    try {
      base.push(await emptyNode());
      cold.push(await timeToReady(dir));
      warm.push(await timeToReady(dir));
      await timeToReady(dir, 'SIGKILL', () => busySpell(dir));
      afterKill.push(await timeToReady(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const b = median(base);
  const rows = [
    ['baseline: `node -e ""`', fmt(b), fmt(Math.min(...base)), fmt(Math.max(...base)), '1.0'],
    ['cold start, empty DATA_DIR (initdb, migrations, demo seed) to /readyz 200', fmt(median(cold)), fmt(Math.min(...cold)), fmt(Math.max(...cold)), fmt(median(cold) / b, 1)],
    ['warm start, existing DATA_DIR to /readyz 200', fmt(median(warm)), fmt(Math.min(...warm)), fmt(Math.max(...warm)), fmt(median(warm) / b, 1)],
    ['start after a SIGKILL (100 MB of WAL written since the last start) to /readyz 200', fmt(median(afterKill)), fmt(Math.min(...afterKill)), fmt(Math.max(...afterKill)), fmt(median(afterKill) / b, 1)],
  ];
  return `### Start to ready, embedded default (${runs} runs each; the process that npm start runs, node bin/start.ts, timed from spawn)\n\n` + table(['what', 'median ms', 'min ms', 'max ms', 'x baseline'], rows);
}
