import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A business's webhook endpoint on loopback: keeps every delivery's JSON body, in order. Register
 * `url` with `POST /api/v1/webhook-endpoints`; `close` when done.
 */
export async function startWebhookReceiver<T = unknown>(path = '/hooks'): Promise<{ url: string; received: T[]; close: () => Promise<void> }> {
  const received: T[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body) as T);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections(); // the product's keep-alive connections would hold it open
      server.close(() => r());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, received, close };
}
