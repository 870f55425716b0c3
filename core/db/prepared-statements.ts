import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Knex } from 'knex';

/**
 * Every statement knex sends to a PostgreSQL server is prepared once per connection and then run
 * by name. node-postgres sends a query with parameters as an unnamed statement, which the server
 * parses, analyses and plans afresh each time; on the message path that was about a third of the
 * server's processor time (a `perf` profile of the burst in `npm run bench -- pipeline`:
 * `GetCachedPlan`, `pg_plan_queries`, `parse_analyze`). Named, a statement is parsed once per
 * connection, and after five runs PostgreSQL keeps a generic plan when it costs no more than the
 * custom ones (`plan_cache_mode` auto): the server's processor time per customer answered fell
 * from 11.7 to 7.9 ms (docs/benchmarks.md, "Statements prepared once per connection").
 *
 * Bounds and exceptions:
 * - only data statements (select, insert, update, delete, with) of one statement each; transaction
 *   control, DDL and scripts of several statements go as before;
 * - a text is named the second time a pool sees it, and at most `MAX_NAMED` texts per pool (a
 *   list of ids of varying length makes a new text for each length); later ones go unnamed, so a
 *   server connection keeps at most that many;
 * - not on the embedded database: its socket server multiplexes every client onto PGlite's one
 *   session (core/db/pglite-session-queue.ts), where two clients preparing the same name collide.
 *   A connection is asked what it talks to once, when the pool opens it (`version()`);
 * - a table whose columns changed under a prepared `select *` makes the server refuse the
 *   statement ("cached plan must not change result type", 0A000): that text is not named again
 *   in this process, so the refusal happens once (a migration applied while the process runs).
 */
export const MAX_NAMED = 500;

const require = createRequire(import.meta.url);
// knex's own PostgreSQL client (the package exports no path to it): extended below.
const ClientPg = require('knex/lib/dialects/postgres/index.js') as new (config: Knex.Config) => KnexPgClient;

interface KnexPgClient extends Knex.Client {
  _query(connection: unknown, obj: QueryObject): Promise<unknown>;
}
interface QueryObject {
  sql: string;
  options?: Record<string, unknown>;
}

const DATA_STATEMENT = /^\s*\(?\s*(select|insert|update|delete|with)\b/i;
const SEVERAL_STATEMENTS = /;\s*\S/;
const PLAN_RESULT_CHANGED = '0A000';

/** Connections to a server that may hold named statements (not the embedded database's). */
const preparing = new WeakSet<object>();

/**
 * The names of one pool's statements. A text is named the second time it is seen, so that texts
 * run once (a list of ids of a length never seen again) take no room among the `MAX_NAMED`.
 */
class StatementNames {
  readonly #names = new Map<string, string>();
  readonly #seenOnce = new Set<string>();
  readonly #refused = new Set<string>();

  of(sql: string): string | undefined {
    const known = this.#names.get(sql);
    if (known) return known;
    if (this.#names.size >= MAX_NAMED || this.#refused.has(sql) || !DATA_STATEMENT.test(sql) || SEVERAL_STATEMENTS.test(sql)) return undefined;
    if (!this.#seenOnce.has(sql)) {
      if (this.#seenOnce.size >= 10 * MAX_NAMED) this.#seenOnce.clear();
      this.#seenOnce.add(sql);
      return undefined;
    }
    this.#seenOnce.delete(sql);
    const name = `q_${createHash('sha1').update(sql).digest('base64url').slice(0, 24)}`;
    this.#names.set(sql, name);
    return name;
  }

  refuse(sql: string): void {
    this.#names.delete(sql);
    this.#refused.add(sql);
  }
}

/** Per pool: knex's transaction clients share their pool's config object (as core/db/org-cache.ts finds its cache). */
const namesOfPool = new WeakMap<object, StatementNames>();
const namesOf = (client: Knex.Client): StatementNames => {
  let names = namesOfPool.get(client.config);
  if (!names) namesOfPool.set(client.config, (names = new StatementNames()));
  return names;
};

export class PreparingPgClient extends ClientPg {
  override async _query(connection: unknown, obj: QueryObject): Promise<unknown> {
    const names = namesOf(this);
    const name = preparing.has(connection as object) && obj.sql && !obj.options?.name ? names.of(obj.sql) : undefined;
    if (!name) return super._query(connection, obj);
    obj.options = { ...obj.options, name };
    try {
      return await super._query(connection, obj);
    } catch (err) {
      if ((err as { code?: string }).code === PLAN_RESULT_CHANGED) names.refuse(obj.sql);
      throw err;
    }
  }
}

/** The pool's `afterCreate`: a new connection may prepare statements unless it talks to PGlite. */
export function markPreparing(connection: { query(sql: string, cb: (err: Error | null, r?: { rows: { version: string }[] }) => void): void }, done: (err: Error | null, connection: unknown) => void): void {
  connection.query('select version()', (err, result) => {
    if (err) return done(err, connection);
    if (!/PGlite/i.test(result?.rows[0]?.version ?? '')) preparing.add(connection);
    done(null, connection);
  });
}
