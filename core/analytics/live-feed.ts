import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../logger.ts';

/**
 * The live stream of case changes (`GET /api/v1/analytics/live`): one feed per api process reads
 * new events from the case timeline (`case_events`) and hands each to the subscribers of its org.
 * PostgreSQL wakes it (LISTEN case_events, notified by a trigger at commit); a slow poll covers a
 * lost notification, and on the embedded database, which does not deliver notifications over its
 * socket, the poll is fast. One read per wake-up whatever the number of subscribers.
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
  /** The last event it was given (or the one it resumes after): nothing at or before it is sent again. */
  lastSent: bigint;
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
  private lastId = 0n;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly enders = new Set<() => void>();

  private readonly knex: Knex;
  private readonly opts: { databaseUrl: string; embedded: boolean; logger: Logger; pollMs?: number };

  constructor(knex: Knex, opts: { databaseUrl: string; embedded: boolean; logger: Logger; pollMs?: number }) {
    this.knex = knex;
    this.opts = opts;
  }

  /** The newest event id now. */
  async latestId(): Promise<bigint> {
    const { rows } = await this.knex.raw<{ rows: { id: string | null }[] }>('SELECT max(id)::text AS id FROM case_events');
    return BigInt(rows[0].id ?? 0);
  }

  async start(): Promise<void> {
    this.lastId = await this.latestId();
    if (!this.opts.embedded) await this.listen();
    const every = this.opts.pollMs ?? (this.opts.embedded ? 100 : 2000);
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
    for (;;) {
      const events = await this.eventsAfter(this.lastId, [...this.subscribers.keys()], 500);
      if (events.length === 0) return;
      for (const { orgId, event } of events) {
        this.lastId = BigInt(event.id);
        const id = BigInt(event.id);
        for (const s of this.subscribers.get(orgId) ?? []) {
          if (id <= s.lastSent) continue;
          s.lastSent = id;
          s.fn(event);
        }
      }
      if (events.length < 500) return;
    }
  }

  /** Events of these orgs after `afterId`, oldest first (also for a client resuming with Last-Event-ID). */
  async eventsAfter(afterId: bigint, orgIds: string[], limit: number): Promise<{ orgId: string; event: LiveEvent }[]> {
    if (orgIds.length === 0) return [];
    const { rows } = await this.knex.raw<{ rows: Record<string, any>[] }>(
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
   * back; the others are not sent anything twice.
   */
  subscribe(orgId: string, fromId: bigint, fn: (e: LiveEvent) => void, end: () => void): () => void {
    if (this.subscribers.size === 0 || fromId < this.lastId) this.lastId = fromId;
    const sub: Subscriber = { fn, lastSent: fromId };
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
