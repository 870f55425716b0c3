import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { until } from './test-system.ts';

/**
 * A redis-server of the test's own, on its own port, to kill and start again without disturbing
 * other tests. It keeps nothing on disk: a restart comes back empty.
 */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await until(async () => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG', 10_000);
  return child;
}

export async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
