import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, table } from './stats.ts';
import { freePort } from '../test/support/free-port.ts';

/**
 * `npm start` to /readyz = 200 on the embedded default, as a user would start it: a new process,
 * a fresh data directory (cold: initdb, migrations, demo seed) or the one left by the previous run
 * (warm). Baseline: the same Node binary starting an empty script, in the same run.
 */
const root = fileURLToPath(new URL('..', import.meta.url));


async function timeToReady(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
  child.kill('SIGTERM');
  const code = await exited;
  if (Number.isNaN(ms)) throw new Error('the server did not become ready within 60 s');
  if (code !== 0) throw new Error(`the server exited with ${code} after SIGTERM`);
  return ms;
}

async function emptyNode(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', resolve));
  return performance.now() - started;
}

export async function benchColdStart(runs = 5): Promise<string> {
  const cold: number[] = [];
  const warm: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-'));
    try {
      base.push(await emptyNode());
      cold.push(await timeToReady(dir));
      warm.push(await timeToReady(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const b = median(base);
  const rows = [
    ['baseline: `node -e ""`', fmt(b), fmt(Math.min(...base)), fmt(Math.max(...base)), '1.0'],
    ['cold start, empty DATA_DIR (initdb, migrations, demo seed) to /readyz 200', fmt(median(cold)), fmt(Math.min(...cold)), fmt(Math.max(...cold)), fmt(median(cold) / b, 1)],
    ['warm start, existing DATA_DIR to /readyz 200', fmt(median(warm)), fmt(Math.min(...warm)), fmt(Math.max(...warm)), fmt(median(warm) / b, 1)],
  ];
  return `### Start to ready, embedded default (${runs} runs each; the process that npm start runs, node bin/start.ts, timed from spawn)\n\n` + table(['what', 'median ms', 'min ms', 'max ms', 'x baseline'], rows);
}
