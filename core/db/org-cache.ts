import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import type { Logger } from '../logger.ts';

/**
 * The org's settings as every module reads them (time zone, business hours, holidays, limits,
 * status, `settings`): one reader, `orgSettingsRow`, kept in memory per process because a message
 * used to read the same row about seven times (case clocks, response clocks, the bot's context, the
 * daily limit, the job gate, the delivery gate).
 *
 * Kept correct by PostgreSQL itself: a trigger on `orgs` (migration 20261202300000) sends
 * `NOTIFY org_changed, '<org id>'` when a cached column changes or the org is deleted, whoever
 * changed it (the API, the operator, a hand in psql), and each process LISTENs on a connection of
 * its own. Chosen over a version read per message (still one statement per message) and over
 * Redis pub/sub (the embedded default has no Redis; the notification is sent at commit, so a
 * reader never sees it before the change is visible). While that connection is down, nothing is
 * cached and every read goes to the database: a lost notification cannot leave a stale value.
 * A read that was under way when a notification came is not kept (the generation check), and an
 * entry is dropped after `ORG_CACHE_TTL_MS` anyway, a bound on any mistake of ours.
 *
 * Readers that lock the row to change it (`forUpdate`) read it themselves; so does anything inside
 * the transaction that changes the org (its own write is not yet committed, nor notified).
 */

export interface OrgSettingsRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  default_language: 'th' | 'en';
  is_default: boolean;
  status: 'active' | 'suspended' | 'deleting';
  settings: Record<string, unknown> | null;
  limits: Record<string, unknown> | null;
  business_hours: unknown;
  holidays: unknown;
  business_type: string | null;
  languages: unknown;
  starter_kits: unknown;
}

/** The columns kept: those the trigger watches (keep the two lists the same). */
const COLUMNS = ['id', 'slug', 'name', 'time_zone', 'default_language', 'is_default', 'status', 'settings', 'limits', 'business_hours', 'holidays', 'business_type', 'languages', 'starter_kits'] as const;

export const ORG_CACHE_TTL_MS = 5 * 60_000;
export const ORG_CHANGED_CHANNEL = 'org_changed';

type Db = Knex | Knex.Transaction;

class OrgCache {
  /**
   * Per org, what is kept of it by kind: its settings row, its templates (core/templates/render-template.ts),
   * its taxonomy's version (core/understanding/org-taxonomy.ts) and its privacy notice (core/contacts/privacy-notices.ts).
   */
  readonly #orgs = new LRUCache<string, Map<string, unknown>>({ max: 10_000, ttl: ORG_CACHE_TTL_MS });
  /** Bumped by every notification and by the listener's loss: a read begun before is not kept. */
  #generation = 0;
  /** True only while the LISTEN connection is up: otherwise nothing is kept. */
  #live = false;

  setLive(live: boolean): void {
    this.#live = live;
    this.forget();
  }

  forget(orgId?: string): void {
    this.#generation++;
    if (orgId === undefined) this.#orgs.clear();
    else this.#orgs.delete(orgId);
  }

  /**
   * A copy each time: a caller that changes what it was given cannot change what the next one reads.
   * A `shared` kind is frozen instead and handed out as it is: copying an org's templates (a few
   * hundred strings) for each of the dozen renders of an answer was 5 % of the message path's
   * processor time (docs/benchmarks.md, "Where a customer's processor time goes").
   * A miss is read with the caller's own connection (its transaction, when it is in one): taking a
   * second connection from the pool while holding one could wait on a pool its peers hold too.
   */
  async read<T>(db: Db, kind: string, orgId: string, load: (db: Db) => Promise<T | undefined>, shared = false): Promise<T | undefined> {
    if (!this.#live) return load(db);
    const kept = this.#orgs.get(orgId);
    if (kept?.has(kind)) return shared ? (kept.get(kind) as T) : structuredClone(kept.get(kind) as T);
    const generation = this.#generation;
    const value = await load(db);
    // What does not exist is not remembered: an id anyone can name must not fill the heap.
    if (value !== undefined && this.#live && generation === this.#generation) {
      const entry = this.#orgs.get(orgId) ?? new Map<string, unknown>();
      entry.set(kind, shared ? deepFreeze(value) : structuredClone(value));
      this.#orgs.set(orgId, entry);
    }
    return value;
  }
}

/** Frozen through and through: a reader of a shared value that tries to change it fails at once. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Statements that change what is kept: the org's row, and the tables whose triggers notify org_changed. */
const WRITES_ORGS = /^\s*(update\s+"?(orgs|templates|case_types|services|faq_entries|privacy_notices)"?|delete\s+from\s+"?(orgs|templates|case_types|services|faq_entries|privacy_notices)"?|insert\s+into\s+"?(templates|case_types|services|faq_entries|privacy_notices)"?)[\s;(]/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function readRow(db: Db, orgId: string): Promise<OrgSettingsRow | undefined> {
  if (!UUID.test(orgId)) return undefined;
  return db('orgs').select(...COLUMNS).where({ id: orgId }).first();
}

/**
 * One cache per database (a process may hold several in tests), found from a transaction too:
 * knex's transaction clients share their pool's config object.
 */
const caches = new WeakMap<object, OrgCache>();
const keyOf = (db: Db): object => db.client.config;

/**
 * The org's settings row, from memory when this process listens for changes (`listenForOrgChanges`),
 * otherwise read now. Given a transaction, the cached row is what was committed: a transaction that
 * changes the org reads its own write with `readOrgRowNow`.
 */
export async function orgSettingsRow(db: Db, orgId: string): Promise<OrgSettingsRow | undefined> {
  return orgCached(db, 'settings', orgId, (q) => readRow(q, orgId));
}

/**
 * The org's status alone, for the gates every delivery and job passes (core/orgs/org-gates.ts):
 * handed out as kept, not copied as the row is for each reader (#41).
 */
export async function orgStatus(db: Db, orgId: string): Promise<OrgSettingsRow['status'] | undefined> {
  const kept = await orgCachedShared(db, 'status', orgId, async (q) => {
    const row = await orgSettingsRow(q, orgId);
    return row ? { status: row.status } : undefined;
  });
  return kept?.status;
}

/**
 * Something of an org read on every message and changed only by its admins, kept the same way as
 * its settings: `load` reads it (its owner's query); `kind` names it. Its table's trigger must send
 * `org_changed` with the org's id (as `orgs` and `templates` do, migration 20261202300000).
 */
export async function orgCached<T>(db: Db, kind: string, orgId: string, load: (db: Db) => Promise<T | undefined>): Promise<T | undefined> {
  const cache = caches.get(keyOf(db));
  return cache ? cache.read(db, kind, orgId, load) : load(db);
}

/**
 * As `orgCached`, for something big that its readers only read: kept frozen and handed to every
 * reader as it is, not copied for each (the org's templates).
 */
export async function orgCachedShared<T>(db: Db, kind: string, orgId: string, load: (db: Db) => Promise<T | undefined>): Promise<Readonly<T> | undefined> {
  const cache = caches.get(keyOf(db));
  return cache ? cache.read(db, kind, orgId, load, true) : load(db);
}

/** The row read now, bypassing the cache (in the transaction that changes it). */
export const readOrgRowNow = readRow;

/**
 * Drops this process's copy of an org at once, for a writer that goes on to read it (the change's
 * notification follows at commit; other processes rely on that).
 */
export function forgetOrgSettings(db: Db, orgId?: string): void {
  caches.get(keyOf(db))?.forget(orgId);
}

/**
 * A transaction that changes an org: when it has committed (or failed), this process's copy is
 * dropped before the caller goes on, so the admin who saved reads what they saved.
 */
export async function changingOrg<T>(knex: Knex, orgId: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await knex.transaction(work);
  } finally {
    forgetOrgSettings(knex, orgId);
  }
}

/**
 * Starts keeping orgs' settings in memory for this pool, on a LISTEN connection of its own. If the
 * connection drops, the cache empties and stays off until it is back (every read meanwhile goes to
 * the database). Returns the stop function.
 */
export async function listenForOrgChanges(knex: Knex, databaseUrl: string, logger: Logger): Promise<() => Promise<void>> {
  const cache = new OrgCache();
  caches.set(keyOf(knex), cache);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'opsdesk-org-listen' });
    c.on('notification', (n) => {
      if (n.channel === ORG_CHANGED_CHANNEL) cache.forget(n.payload || undefined);
    });
    let lost = false;
    const lose = (err?: unknown) => {
      if (lost || stopped) return;
      lost = true;
      cache.setLive(false);
      logger.warn({ err }, 'org settings LISTEN connection lost; reading them from the database until it is back');
      c.end().catch(() => {});
      if (client === c) client = undefined;
      retry = setTimeout(() => void connect(), 1000);
    };
    c.on('error', lose);
    // Ended by the server without an error (a restart, pg_terminate_backend): lost all the same.
    c.on('end', () => lose());
    try {
      await c.connect();
      await c.query(`LISTEN ${ORG_CHANGED_CHANNEL}`);
      if (stopped) {
        await c.end().catch(() => {});
        return;
      }
      client = c;
      // Whatever changed while no one listened is read afresh.
      cache.setLive(true);
    } catch (err) {
      if (lost) return;
      lost = true;
      cache.setLive(false);
      logger.warn({ err }, 'could not LISTEN for org changes; reading org settings from the database');
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), 5000);
    }
  };
  // A statement of this process that changes an org outside a transaction is seen at once, without
  // waiting for its notification (a test's or a script's direct UPDATE, then a read).
  const ownWrite = (_response: unknown, q: { sql?: string; __knexTxId?: string }) => {
    if (!q.__knexTxId && q.sql && WRITES_ORGS.test(q.sql)) cache.forget();
  };
  knex.on('query-response', ownWrite);
  await connect();
  return async () => {
    stopped = true;
    knex.removeListener('query-response', ownWrite);
    clearTimeout(retry);
    cache.setLive(false);
    if (caches.get(keyOf(knex)) === cache) caches.delete(keyOf(knex));
    await client?.end().catch(() => {});
  };
}
