import type { Knex } from 'knex';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimit } from '../config.ts';
import { DomainError } from '../errors/index.ts';

/**
 * The api's rate limits, with `rate-limiter-flexible`: counters in Redis when there is one
 * (REDIS_URL), else in PostgreSQL (the table `rate_limits`, created and pruned by the library), so
 * that every api process counts against the same numbers. This module owns that table.
 *
 * - `public`: /public/v1/* and /media, per client address;
 * - `authFailures`: wrong API keys, per client address; a blocked address is refused before its
 *   key is looked at, and valid keys never count;
 * - `webhookFailures`: webhooks whose signature is wrong, per client address and channel; once over,
 *   that address's requests to that channel are refused before their body is read. A correctly
 *   signed webhook is never refused for load (api/middleware/rate-limit.ts);
 * - `api`: authenticated requests, per API key.
 *
 * A key over its limit is then refused from memory, without a round trip, until its window ends
 * (`inMemoryBlockOnConsumed`); should the store fail, each process counts in memory meanwhile
 * (`insuranceLimiter`) rather than letting everything through or refusing everything.
 */
export const RATE_LIMIT_TABLE = 'rate_limits';

export type LimitName = 'public' | 'webhookFailures' | 'authFailures' | 'api';

export interface RateLimitsOptions {
  /** A limit left out, or null, is off. */
  limits: Partial<Record<LimitName, RateLimit | null>>;
  knex: Knex;
  /** With it, the counters live in Redis; without, in PostgreSQL. */
  redisUrl?: string;
  /** Key prefix, so that test runs sharing one Redis or database do not see each other's counters. */
  prefix?: string;
  /**
   * A client refused already that asks again before its Retry-After gets its 429 this much later
   * (at most until its window ends): a flood then costs its sender connections and time, and the
   * server a timer. Default 1000 ms; 0 answers at once.
   */
  tarpitMs?: number;
}

export class RateLimits {
  readonly #limiters: Partial<Record<LimitName, RateLimiterAbstract>>;
  readonly #close: () => Promise<void>;
  readonly #tarpitMs: number;
  readonly store: 'redis' | 'postgres';
  /** Makes a limiter in this store for a limit that is not the deployment's (an org's own: `consumeOwn`). */
  #make?: (keyPrefix: string, l: RateLimit) => Promise<RateLimiterAbstract>;
  readonly #own = new Map<string, Promise<RateLimiterAbstract>>();

  private constructor(limiters: Partial<Record<LimitName, RateLimiterAbstract>>, store: 'redis' | 'postgres', close: () => Promise<void>, tarpitMs = 1000) {
    this.#limiters = limiters;
    this.#tarpitMs = tarpitMs;
    this.store = store;
    this.#close = close;
  }

  static async create(o: RateLimitsOptions): Promise<RateLimits> {
    const prefix = o.prefix ? `${o.prefix}:` : '';
    const active = (Object.entries(o.limits) as [LimitName, RateLimit | null | undefined][]).filter((e): e is [LimitName, RateLimit] => !!e[1]);
    const common = (name: LimitName, l: RateLimit) => ({
      keyPrefix: `${prefix}${name}`,
      points: l.points,
      duration: l.seconds,
      // Failures block from the last one allowed: the next request is refused from memory before
      // anything of it is read (a key looked up, a body read), not after.
      inMemoryBlockOnConsumed: name === 'authFailures' || name === 'webhookFailures' ? l.points : l.points + 1,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}${name}`, points: l.points, duration: l.seconds }),
    });
    const limiters: Partial<Record<LimitName, RateLimiterAbstract>> = {};
    if (o.redisUrl) {
      const redis = new Redis(o.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
      redis.on('error', () => {}); // the insurance limiter counts meanwhile; BullMQ reports Redis trouble
      // Count in Redis from the first request on (before it is ready, requests go to the insurance limiter).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      for (const [name, l] of active) limiters[name] = new RateLimiterRedis({ ...common(name, l), storeClient: redis, rejectIfRedisNotReady: true });
      const made = new RateLimits(
        limiters,
        'redis',
        async () => {
          redis.disconnect();
        },
        o.tarpitMs,
      );
      made.#make = async (keyPrefix, l) => new RateLimiterRedis({ ...ownOptions(prefix + keyPrefix, l), storeClient: redis, rejectIfRedisNotReady: true });
      return made;
    }
    // Through the knex pool, without named prepared statements (the embedded database's socket
    // server shares one session among the pool's connections).
    const client = {
      async query(q: { text: string; values?: unknown[] }) {
        const conn = await o.knex.client.acquireConnection();
        try {
          return await conn.query({ text: q.text, values: q.values });
        } finally {
          await o.knex.client.releaseConnection(conn);
        }
      },
    };
    // The first limiter creates the table (CREATE TABLE IF NOT EXISTS) and prunes expired rows hourly.
    let first = true;
    for (const [name, l] of active) {
      const opts = { ...common(name, l), storeClient: client, storeType: 'client', tableName: RATE_LIMIT_TABLE, tableCreated: !first, clearExpiredByTimeout: first };
      limiters[name] = first
        ? await new Promise<RateLimiterAbstract>((resolve, reject) => {
            const made: { limiter?: RateLimiterPostgres } = {};
            made.limiter = new RateLimiterPostgres(opts, (err?: Error) => (err ? reject(err) : resolve(made.limiter!)));
          })
        : new RateLimiterPostgres(opts);
      if (first) await unlogged(client);
      first = false;
    }
    const made = new RateLimits(limiters, 'postgres', async () => {}, o.tarpitMs);
    let tableReady = !first;
    made.#make = async (keyPrefix, l) => {
      const opts = { ...ownOptions(prefix + keyPrefix, l), storeClient: client, storeType: 'client', tableName: RATE_LIMIT_TABLE, tableCreated: tableReady, clearExpiredByTimeout: false };
      if (tableReady) return new RateLimiterPostgres(opts);
      const limiter = await new Promise<RateLimiterAbstract>((resolve, reject) => {
        const m: { limiter?: RateLimiterPostgres } = {};
        m.limiter = new RateLimiterPostgres(opts, (err?: Error) => (err ? reject(err) : resolve(m.limiter!)));
      });
      tableReady = true;
      return limiter;
    };
    return made;
  }

  /**
   * Counts one request against a limit of someone's own (an org's limit on its public form), under
   * `name` for `key`, in the same store as the deployment's limits; over it: `rate_limited`.
   */
  async consumeOwn(name: string, limit: RateLimit, key: string): Promise<void> {
    if (!this.#make) return;
    const id = `own:${name}:${limit.points}/${limit.seconds}`;
    let pending = this.#own.get(id);
    if (!pending) {
      if (this.#own.size > 10_000) this.#own.clear();
      this.#own.set(id, (pending = this.#make(id, limit)));
    }
    const limiter = await pending;
    try {
      await limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited('public', err.msBeforeNext);
      throw err;
    }
  }

  /** Counts one request against `name` for `key`; over the limit: a `rate_limited` error with the seconds to wait. */
  async consume(name: LimitName, key: string): Promise<void> {
    const limiter = this.#limiters[name];
    if (!limiter) return;
    // Already refused and asking again (ignoring Retry-After): answered late, which holds a
    // flooding client's connection instead of the server's time (see RateLimitsOptions.tarpitMs).
    const alreadyBlocked = blockedMs(limiter, key) > 0;
    try {
      await limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        if (alreadyBlocked && this.#tarpitMs > 0) await new Promise((r) => setTimeout(r, Math.min(this.#tarpitMs, err.msBeforeNext)));
        throw rateLimited(name, err.msBeforeNext);
      }
      throw err;
    }
  }

  /** Refuses `key` at once, without a round trip, when this process knows it is over the limit of `name`. */
  refuseIfBlocked(name: LimitName, key: string): void {
    const limiter = this.#limiters[name];
    const blocked = limiter ? blockedMs(limiter, key) : 0;
    if (blocked > 0) throw rateLimited(name, blocked);
  }

  /** Refuses `key` when it is over the limit of `name` already, without counting this request. */
  async check(name: LimitName, key: string): Promise<void> {
    const limiter = this.#limiters[name];
    if (!limiter) return;
    const blocked = blockedMs(limiter, key);
    if (blocked > 0) throw rateLimited(name, blocked);
    const res = await limiter.get(key);
    if (res && res.consumedPoints >= limiter.points) throw rateLimited(name, res.msBeforeNext);
  }

  async close(): Promise<void> {
    await this.#close();
  }
}

/**
 * Counters need no crash safety (a restart at worst forgets who was near a limit), so the table
 * is unlogged: an increment then waits for no WAL flush. Done once, by whichever process finds it
 * still logged.
 */
async function unlogged(client: { query(q: { text: string; values?: unknown[] }): Promise<{ rows: { relpersistence: string }[] }> }) {
  const { rows } = await client.query({ text: `SELECT relpersistence FROM pg_class WHERE oid = to_regclass($1)`, values: [RATE_LIMIT_TABLE] });
  if (rows[0]?.relpersistence === 'p') await client.query({ text: `ALTER TABLE ${RATE_LIMIT_TABLE} SET UNLOGGED` });
}

function ownOptions(keyPrefix: string, l: RateLimit) {
  return {
    keyPrefix,
    points: l.points,
    duration: l.seconds,
    inMemoryBlockOnConsumed: l.points + 1,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: l.points, duration: l.seconds }),
  };
}

/** How long `key` stays refused from memory (0: not blocked here). */
function blockedMs(limiter: RateLimiterAbstract, key: string): number {
  return (limiter as RateLimiterAbstract & { getInMemoryBlockMsBeforeExpire?(k: string): number }).getInMemoryBlockMsBeforeExpire?.(limiter.getKey(key)) ?? 0;
}

function rateLimited(name: LimitName, msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError('rate_limited', `Too many requests; try again in ${retryAfterSeconds} s`, { limit: name, retryAfterSeconds });
}
