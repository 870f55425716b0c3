import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/**
 * How long a request waits for a pooled connection (docs/reliability.md, "A pool busy with our own
 * queries"). knex has one acquire timeout for the whole pool (15 s): right for the workers, whose
 * jobs wait out a busy database anyway, but a request that cannot get a connection in a few
 * seconds is better answered 503 with Retry-After than held for 15 s, past the patience of the
 * person or system that sent it. So the api runs each request inside `withDatabaseWait`, and an
 * acquire made inside it gives up after that many milliseconds; elsewhere knex's timeout holds.
 */
const budget = new AsyncLocalStorage<number>();

/**
 * Runs `fn` with acquires inside it (and in everything it awaits) waiting at most `ms`. A knex
 * query runs when it is awaited: await it inside `fn`, not after.
 */
export function withDatabaseWait<T>(ms: number, fn: () => T): T {
  return budget.run(ms, fn);
}

/** No pooled connection became free within the request's wait: the process's own queries hold them all. */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';
  readonly waitedMs: number;
  constructor(waitedMs: number) {
    super(`no pooled connection free within ${waitedMs >= 1000 ? `${Math.round(waitedMs / 100) / 10} s` : `${waitedMs} ms`} (this process's own queries hold them all)`);
    this.waitedMs = waitedMs;
  }
}

interface PendingAcquire {
  promise: Promise<unknown>;
  reject(err: Error): void;
}

interface TarnLikePool {
  acquire(): PendingAcquire;
  acquireTimeoutMillis: number;
}

/**
 * Gives the pool's acquires a shorter deadline inside `withDatabaseWait`. The pending acquire is
 * rejected as tarn rejects one that timed out, so it leaves the pool's queue and no query runs
 * later for a request already answered; a connection handed over first wins the race and is used.
 */
export function limitRequestWaits(knex: Knex): void {
  const pool = (knex.client as { pool?: TarnLikePool }).pool;
  if (!pool || typeof pool.acquire !== 'function') return;
  const acquire = pool.acquire.bind(pool);
  pool.acquire = () => {
    const pending = acquire();
    const ms = budget.getStore();
    if (ms !== undefined && ms > 0 && ms < pool.acquireTimeoutMillis) {
      const timer = setTimeout(() => pending.reject(new PoolBusyError(ms)), ms);
      const done = () => clearTimeout(timer);
      pending.promise.then(done, done);
    }
    return pending;
  };
}
