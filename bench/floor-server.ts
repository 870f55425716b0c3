import Koa from 'koa';

/**
 * A floor server's skeleton (bench/intake-floor-server.ts, bench/pipeline-floor-server.ts): Koa on
 * PORT, `/readyz` answered so that the bench waits for it as for the product, every other request
 * handed its raw body, and stopped by SIGTERM after `close`.
 */
export function serveFloor(handle: (ctx: Koa.Context, raw: Buffer) => Promise<void>, close: () => Promise<void>): void {
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.path === '/readyz') {
      ctx.body = {};
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of ctx.req) chunks.push(c as Buffer);
    await handle(ctx, Buffer.concat(chunks));
  });
  const server = app.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => void close().then(() => process.exit(0))));
}
