import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

/** Serves a fake platform on loopback (port 0 unless given) and says where. */
export async function listenOnLoopback(app: Koa, opts: { port?: number; host?: string } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(app.callback());
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A fake platform started on loopback: where it listens, what it recorded, and how to stop it. */
export interface RunningFake<S> {
  url: string;
  state: S;
  app: Koa;
  close(): Promise<void>;
}

/** Starts a fake made by `create` (a Koa app and its recording state) on loopback. */
export async function startFake<S, O extends { port?: number; host?: string }>(create: (opts: O) => { app: Koa; state: S }, opts: O): Promise<RunningFake<S>> {
  const { app, state } = create(opts);
  const { url, close } = await listenOnLoopback(app, opts);
  return { url, state, app, close };
}
