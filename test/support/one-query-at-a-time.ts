import { afterAll } from 'vitest';
import pg from 'pg';

/**
 * A set-up file (vitest.config.ts): a test file during which a connection was handed a query while
 * others still waited on it fails, with where it happened. node-postgres queues such a query today
 * and warns (once a process) that pg@9 will refuse it; inside a transaction it means statements
 * sent at once on one connection (`Promise.all` over `trx`), which gain nothing there. The managers'
 * digest did it until 2026-11-28. The check is pg's own (client.js, before its warning), made on
 * every query rather than once a process, so each file that does it is named.
 */
// Deep enough to reach the product's own frames below knex's and pg's.
Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 40);

let seen: Error | undefined;
type QueueingClient = pg.Client & { _queryQueue?: unknown[]; pipeline?: boolean };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: QueueingClient, ...args: unknown[]) {
  if ((this._queryQueue?.length ?? 0) > 0 && !this.pipeline) seen ??= new Error('a query was handed to a connection while others still waited on it');
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

afterAll(() => {
  const e = seen;
  seen = undefined;
  if (e) throw e;
});
