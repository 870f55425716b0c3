import Koa from 'koa';

/** The baseline for webhook ingestion: a Koa server whose only route answers 200 at once. */
const app = new Koa();
app.use((ctx) => {
  // Answers /readyz too, so that the bench waits for it the same way as for the real server.
  ctx.status = 200;
  ctx.body = {};
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
