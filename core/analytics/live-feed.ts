import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../logger.ts';

/**
 * The live stream of case changes (`GET /api/v1/analytics/live`): one feed per api process reads
 * new events from the case timeline (`case_events`) and hands each to the subscribers of its org.
 * PostgreSQL wakes it (LISTEN case_events, notified by a trigger at commit; the embedded database
 * too, core/db/pglite-notifications.ts); a slow poll covers a lost notification. One read per
 * wake-up whatever the number of subscribers.
 *
 * Events are numbered when written, not when committed: a transaction that took id 10 may commit
 * after one that took id 11. So the feed does not move a cursor past what it has seen; it keeps
 * re-reading above the last *settled* id and sends each event once (by id). A read notes the
 * newest id it could see and its snapshot's xmax; once a later read begins after every transaction
 * that was running then has ended (its snapshot's xmin reaches that xmax), that later read has seen
 * everything at or below that id (an event is written after its case's row, so its transaction has
 * its xid before its id), and the cursor settles there.
 */
export const LIVE_EVENT_TYPES = ['created', 'status_changed', 'reopened', 'owner_changed', 'provider_changed', 'sla_warning', 'sla_breach', 'escalated', 'payment_issue_detected', 'alert_requested'] as const;

export interface LiveEvent {
  id: string;
  type: string;
  at: string;
  case: { number: string; status: string; severity: string; caseType: string; ownerStaffId: string | null };
  data: Record<string, unknown>;
}

interface Subscriber {
  fn: (e: LiveEvent) => void;
  /** Nothing at or below it is sent (where it resumed, then the settled cursor). */
  floor: bigint;
  /** What it was sent above its floor. */
  sent: Set<bigint>;
  /** How many reads had begun when it subscribed. */
  joinedAt: number;
}

/** A read's note: every id up to `maxId` is final once transactions before `xmax` have all ended. */
interface Checkpoint {
  xmax: bigint;
  maxId: bigint;
}

/** What each event may show: the move, the owner, the clock; never notes, messages or amounts. */
function publicData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const pick = (...keys: string[]) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]]));
  switch (type) {
    case 'status_changed':
    case 'reopened': return pick('from', 'to', 'rootCause');
    case 'owner_changed': return pick('from', 'to');
    case 'provider_changed': return pick('key');
    case 'sla_warning':
    case 'sla_breach': return pick('clock', 'dueAt');
    case 'escalated': return pick('clock', 'severity');
    case 'created': return pick('caseType', 'severity', 'source');
    default: return pick('reason', 'kind');
  }
}

export class LiveFeed {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  /** Every event at or below it has been read (and sent to whoever was listening). */
  private settled = 0n;
  private pending: Checkpoint[] = [];
  /** A subscriber resuming from further back: the next read starts there. */
  private rewindTo: bigint | undefined;
  private reads = 0;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly enders = new Set<() => void>();

  private readonly knex: Knex;
  private readonly opts: { databaseUrl: string; logger: Logger; pollMs?: number; heartbeatMs?: number };
  /** Streams open, by who holds them (an API key, a staff member). */
  private readonly held = new Map<string, number>();

  constructor(knex: Knex, opts: { databaseUrl: string; logger: Logger; pollMs?: number; heartbeatMs?: number }) {
    this.knex = knex;
    this.opts = opts;
  }

  /** How often a stream is sent a keep-alive and its caller checked again. */
  get heartbeatMs(): number {
    return this.opts.heartbeatMs ?? 15_000;
  }

  /**
   * Counts a stream against its holder, at most `cap` at once in this process: false when they
   * hold that many already. The returned release is called once the stream ends.
   */
  hold(holder: string, cap: number): (() => void) | false {
    const n = this.held.get(holder) ?? 0;
    if (n >= cap) return false;
    this.held.set(holder, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(holder) ?? 1) - 1;
      if (left > 0) this.held.set(holder, left);
      else this.held.delete(holder);
    };
  }

  /** The newest event id now. */
  async latestId(): Promise<bigint> {
    const { rows } = await this.knex.raw<{ rows: { id: string | null }[] }>('SELECT max(id)::text AS id FROM case_events');
    return BigInt(rows[0].id ?? 0);
  }

  async start(): Promise<void> {
    this.settled = await this.latestId();
    await this.listen();
    const every = this.opts.pollMs ?? 2000;
    this.timer = setInterval(() => this.wake(), every);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const c = new pg.Client({ connectionString: this.opts.databaseUrl, application_name: 'opsdesk-live-listen' });
    c.on('notification', (n) => {
      if (n.payload && this.subscribers.has(n.payload)) this.wake();
    });
    c.on('error', (err) => {
      this.opts.logger.warn({ err }, 'live LISTEN connection lost; reconnecting');
      c.end().catch(() => {});
      if (this.client === c) this.client = undefined;
      setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await c.connect();
      await c.query('LISTEN case_events');
      this.client = c;
    } catch (err) {
      this.opts.logger.warn({ err }, 'could not LISTEN for case events; polling only');
      c.end().catch(() => {});
    }
  }

  /** Reads what is new, once at a time; a wake-up during a read reads again after it. */
  wake(): void {
    if (this.stopped || this.subscribers.size === 0) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read()
      .catch((err) => this.opts.logger.warn({ err }, 'live feed read failed'))
      .finally(() => {
        this.reading = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async read(): Promise<void> {
    const readNo = ++this.reads;
    if (this.rewindTo !== undefined) {
      if (this.rewindTo < this.settled) this.settled = this.rewindTo;
      this.rewindTo = undefined;
      this.pending = [];
    }
    // Page by page from the settled point; each page in its own snapshot, all after the first.
    let cursor = this.settled;
    let first: { xmin: bigint; xmax: bigint; maxId: bigint } | undefined;
    for (;;) {
      const page = await this.readAbove(cursor, [...this.subscribers.keys()], 500);
      first ??= page;
      for (const { orgId, event } of page.events) {
        const id = BigInt(event.id);
        for (const s of this.subscribers.get(orgId) ?? []) {
          if (id <= s.floor || s.sent.has(id)) continue;
          s.sent.add(id);
          s.fn(event);
        }
      }
      if (page.events.length < 500) break;
      cursor = BigInt(page.events.at(-1)!.event.id);
    }
    this.pending.push({ xmax: first.xmax, maxId: first.maxId });
    this.settle(first.xmin, readNo);
  }

  /**
   * Moves the settled cursor past the earlier reads whose running transactions had all ended when
   * this read began: this read saw everything they could not. Only subscribers that were listening
   * when this read began move with it (one that joined since may be resuming from further back).
   */
  private settle(xmin: bigint, readNo: number): void {
    const done = this.pending.filter((c) => c.xmax <= xmin);
    if (done.length === 0) return;
    this.pending = this.pending.filter((c) => c.xmax > xmin);
    const to = done.reduce((a, c) => (c.maxId > a ? c.maxId : a), this.settled);
    this.settled = to;
    for (const set of this.subscribers.values()) {
      for (const s of set) {
        if (s.joinedAt >= readNo || to <= s.floor) continue;
        s.floor = to;
        for (const id of s.sent) if (id <= to) s.sent.delete(id);
      }
    }
  }

  /** The events above `afterId` visible now, with the snapshot they were read in and the newest id in it. */
  private async readAbove(afterId: bigint, orgIds: string[], limit: number) {
    return this.knex.transaction(
      async (trx) => {
        const { rows } = await trx.raw<{ rows: { xmin: string; xmax: string; max_id: string | null }[] }>(
          'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax, (SELECT max(id) FROM case_events)::text AS max_id',
        );
        const events = await this.eventsAfter(afterId, orgIds, limit, trx);
        return { events, xmin: BigInt(rows[0].xmin), xmax: BigInt(rows[0].xmax), maxId: BigInt(rows[0].max_id ?? 0) };
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
  }

  /** Events of these orgs after `afterId`, oldest first (also for a client resuming with Last-Event-ID). */
  async eventsAfter(afterId: bigint, orgIds: string[], limit: number, db: Knex | Knex.Transaction = this.knex): Promise<{ orgId: string; event: LiveEvent }[]> {
    if (orgIds.length === 0) return [];
    const { rows } = await db.raw<{ rows: Record<string, any>[] }>(
      `SELECT e.id::text AS id, e.org_id, e.type, e.data, e.created_at, c.number, c.status, c.severity, c.owner_staff_id, ct.key AS case_type
         FROM case_events e JOIN cases c ON c.id = e.case_id JOIN case_types ct ON ct.id = c.case_type_id
        WHERE e.id > ? AND e.org_id = ANY(?::uuid[]) AND e.type = ANY(?::text[])
        ORDER BY e.id LIMIT ?`,
      [afterId.toString(), orgIds, [...LIVE_EVENT_TYPES], limit],
    );
    return rows.map((r) => ({
      orgId: r.org_id,
      event: {
        id: r.id,
        type: r.type,
        at: new Date(r.created_at).toISOString(),
        case: { number: r.number, status: r.status, severity: r.severity, caseType: r.case_type, ownerStaffId: r.owner_staff_id },
        data: publicData(r.type, r.data ?? {}),
      },
    }));
  }

  /**
   * Hands the org's events after `fromId` to `fn` until the returned function is called; `end` is
   * called when the feed stops. A subscriber that resumes from an older event moves the reading
   * back; nobody is sent anything twice.
   */
  subscribe(orgId: string, fromId: bigint, fn: (e: LiveEvent) => void, end: () => void): () => void {
    if (this.subscribers.size === 0) {
      // Nobody was listening: start here rather than read what nobody was there to hear.
      this.settled = fromId;
      this.pending = [];
      this.rewindTo = undefined;
    } else if (fromId < this.settled) this.rewindTo = this.rewindTo === undefined || fromId < this.rewindTo ? fromId : this.rewindTo;
    const sub: Subscriber = { fn, floor: fromId, sent: new Set(), joinedAt: this.reads };
    const set = this.subscribers.get(orgId) ?? this.subscribers.set(orgId, new Set()).get(orgId)!;
    set.add(sub);
    this.enders.add(end);
    return () => {
      set.delete(sub);
      this.enders.delete(end);
      if (set.size === 0) this.subscribers.delete(orgId);
    };
  }

  /** Reads at once (after a subscription, so a resuming client is caught up). */
  nudge(): void {
    this.wake();
  }

  subscriberCount(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const end of [...this.enders]) end();
    await this.reading;
    await this.client?.end().catch(() => {});
  }
}
