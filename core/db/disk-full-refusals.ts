import type { Knex } from 'knex';

/**
 * Whether the PostgreSQL server lately refused a write because its disk is full (SQLSTATE 53100),
 * for /readyz. `select 1` needs no disk, so readiness cannot ask the server directly, and a write
 * probe would not be honest either: a tiny table's row is rewritten in a page that has room, and
 * succeeds while the tables that grow (events, messages) cannot; and it would write on every poll.
 * So the process remembers what its own queries were told: each 53100 refusal, by statement kind and table, for
 * REFUSAL_MEMORY_MS. The same kind of write to that table succeeding later shows the space is back and
 * clears it at once; a refusal that is not repeated is forgotten after REFUSAL_MEMORY_MS (nothing
 * tried since, nothing known). Cheap: a map look-up per query, and a regular expression only while
 * a refusal is remembered.
 */
export const REFUSAL_MEMORY_MS = 60_000;

const WRITE_TARGET = /\b(insert\s+into|update|delete\s+from)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/i;
/** A refusal whose statement names no table we can read is cleared by any write that succeeds. */
const ANY_TABLE = '*';

interface Refusal {
  at: number;
}

interface Tracker {
  refused: Map<string, Refusal>;
  now: () => number;
}

const trackers = new WeakMap<Knex, Tracker>();

/**
 * The statement's first write, as "insert into inbound_events": a refused insert is cleared by an
 * insert into the same table that succeeds, not by an update there that fit in a page with room.
 */
function targetOf(sql: unknown): string | undefined {
  const m = typeof sql === 'string' ? WRITE_TARGET.exec(sql) : null;
  return m ? `${m[1].toLowerCase().replace(/\s+/g, ' ')} ${m[2].toLowerCase()}` : undefined;
}

/** Listens to every query of `knex` (transactions included): called once, where the pool is made. */
export function watchDiskFullRefusals(knex: Knex, now: () => number = () => performance.now()): void {
  const tracker: Tracker = { refused: new Map(), now };
  trackers.set(knex, tracker);
  knex.on('query-error', (err: { code?: unknown } | null, query: { sql?: unknown }) => {
    if (err?.code !== '53100') return;
    tracker.refused.set(targetOf(query?.sql) ?? ANY_TABLE, { at: tracker.now() });
  });
  knex.on('query-response', (_response: unknown, query: { sql?: unknown }) => {
    if (tracker.refused.size === 0) return;
    const table = targetOf(query?.sql);
    if (!table) return;
    tracker.refused.delete(table);
    tracker.refused.delete(ANY_TABLE);
  });
}

/**
 * Forgets every refusal: for a database whose files are in a directory this process can look at
 * (the embedded one, in DATA_DIR), space seen there again is the answer, not a write that
 * readiness itself would keep away (a load balancer sends nothing to a process that is not ready).
 */
export function forgetDiskFullRefusals(knex: Knex): void {
  trackers.get(knex)?.refused.clear();
}

/** Why the database's disk looks full from here, or undefined: what /readyz reports. */
export function diskFullRefusalProblem(knex: Knex): string | undefined {
  const tracker = trackers.get(knex);
  if (!tracker) return undefined;
  const now = tracker.now();
  let latest: { table: string; at: number } | undefined;
  for (const [table, r] of tracker.refused) {
    if (now - r.at > REFUSAL_MEMORY_MS) tracker.refused.delete(table);
    else if (!latest || r.at > latest.at) latest = { table, at: r.at };
  }
  if (!latest) return undefined;
  const ago = Math.max(0, Math.round((now - latest.at) / 1000));
  const what = latest.table === ANY_TABLE ? 'a write' : `"${latest.table}"`;
  return `its disk is full (53100): ${what} was refused ${ago} s ago; ready again once such a write succeeds, or ${REFUSAL_MEMORY_MS / 1000} s after the last refusal`;
}
