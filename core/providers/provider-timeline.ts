import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';

/**
 * The provider timeline: the one place that writes `provider_events` (append-only: a trigger
 * refuses edits). A pause, an unpause (who and why), each change of the provider's risk level or
 * repeat flag (core/providers/provider-risk.ts), and its orders failing past the org's threshold
 * (`orders_failing`, core/providers/provider-health.ts). Other modules react to it as to the case
 * timeline: subscribed in bin/system.ts, in the transaction that records the event.
 */
type Db = Knex | Knex.Transaction;

export const PROVIDER_EVENT_TYPES = ['paused', 'unpaused', 'risk_changed', 'orders_failing'] as const;
export type ProviderEventType = (typeof PROVIDER_EVENT_TYPES)[number];

export interface ProviderEventInput {
  orgId: string;
  providerId: string;
  type: ProviderEventType;
  actor: { type: 'staff' | 'api_key' | 'system'; id: string | null };
  data?: Record<string, unknown>;
  at?: Date;
}

export interface RecordedProviderEvent extends ProviderEventInput {
  id: string;
}

const subscribers = new Subscribers<RecordedProviderEvent>();

/** Adds a reaction to provider events, by name. */
export function subscribeToProviderEvents(name: string, subscriber: (trx: Knex.Transaction, e: RecordedProviderEvent) => Promise<void>): void {
  subscribers.subscribe(name, subscriber);
}

export async function recordProviderEvent(trx: Knex.Transaction, e: ProviderEventInput): Promise<string> {
  const [row] = await trx('provider_events')
    .insert({
      org_id: e.orgId,
      provider_id: e.providerId,
      type: e.type,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      data: JSON.stringify(e.data ?? {}),
      ...(e.at ? { created_at: e.at } : {}),
    })
    .returning('id');
  await subscribers.publish(trx, { ...e, id: String(row.id) });
  return String(row.id);
}

export interface ProviderEventView {
  id: string;
  at: string;
  type: ProviderEventType;
  actorType: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

/** A provider's timeline, oldest first. */
export async function providerTimeline(db: Db, providerId: string): Promise<ProviderEventView[]> {
  const rows = await db('provider_events').select('id', 'type', 'actor_type', 'actor_id', 'data', 'created_at').where({ provider_id: providerId }).orderBy('id');
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.created_at).toISOString(),
    type: r.type,
    actorType: r.actor_type,
    actorId: r.actor_id,
    data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
  }));
}

/** The latest `risk_changed` of each provider of an org (what the risk sweep compares with). */
export async function latestRiskOf(db: Db, orgId: string): Promise<Map<string, { level: string; flagged: boolean }>> {
  const { rows } = await db.raw<{ rows: { provider_id: string; data: Record<string, unknown> | string }[] }>(
    `SELECT DISTINCT ON (provider_id) provider_id, data FROM provider_events WHERE org_id = ? AND type = 'risk_changed' ORDER BY provider_id, id DESC`,
    [orgId],
  );
  return new Map(
    rows.map((r) => {
      const d = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { level?: string; flagged?: boolean };
      return [r.provider_id, { level: d.level ?? 'low', flagged: Boolean(d.flagged) }];
    }),
  );
}
