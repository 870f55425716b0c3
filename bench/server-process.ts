import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A server the benchmarks measure, as its own process (as in production): started with its own
 * environment, ready when its `/readyz` answers 200, stopped with SIGTERM like an operator would.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

export function startServerProcess(args: string[], env: Record<string, string>, port: number, timeoutMs = 90_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), timeoutMs);
    const probe = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) {
          clearTimeout(deadline);
          return resolve(child);
        }
      } catch {
        // not listening yet
      }
      setTimeout(probe, 100);
    };
    void probe();
  });
}

export async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
