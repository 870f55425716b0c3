import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The flood of bench/rate-limits.ts, in a thread of its own so that its work does not delay the
 * measured client: `connections` keep-alive connections from one address, each sending the next
 * request as soon as the last is answered, until told to stop; then the count of each status.
 */
const { url, localAddress, connections } = workerData as { url: string; localAddress: string; connections: number };
const agent = new Agent({ keepAlive: true, localAddress, maxSockets: connections });
const statuses: Record<number, number> = {};
let running = true;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', () => {
      statuses[0] = (statuses[0] ?? 0) + 1;
      resolve();
    });
    req.end();
  });
}

async function loop() {
  while (running) await once();
}

parentPort!.on('message', (m) => {
  if (m === 'stop') running = false;
});
const started = performance.now();
await Promise.all(Array.from({ length: connections }, loop));
agent.destroy();
parentPort!.postMessage({ statuses, seconds: (performance.now() - started) / 1000 });
