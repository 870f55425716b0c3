import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SecretBox } from '../crypto/secret-box.ts';
import { notFound } from '../errors/index.ts';

/**
 * Where an org's own system hears about its cases. The signing secret is generated here, shown
 * once (in the answer to create) and stored sealed; it is never shown again.
 */
export const CASE_EVENT_TYPES = ['case.created', 'case.status_changed'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: CaseEventType[];
  description: string | null;
  isActive: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toEndpoint(r: Record<string, any>): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    description: r.description ?? null,
    isActive: r.is_active,
    createdAt: iso(r.created_at)!,
    deactivatedAt: iso(r.deactivated_at),
  };
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export async function createWebhookEndpoint(
  db: Knex | Knex.Transaction,
  secrets: SecretBox,
  e: { orgId: string; url: string; events: CaseEventType[]; description?: string | null },
): Promise<WebhookEndpoint & { secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = await db('webhook_endpoints')
    .insert({
      org_id: e.orgId,
      url: e.url,
      secret_sealed: secrets.seal(secret),
      events: [...new Set(e.events)],
      description: e.description ?? null,
    })
    .returning('*');
  return { ...toEndpoint(row), secret };
}

export async function listWebhookEndpoints(db: Knex | Knex.Transaction, orgId: string): Promise<WebhookEndpoint[]> {
  const rows = await db('webhook_endpoints').where({ org_id: orgId }).orderBy('created_at');
  return rows.map(toEndpoint);
}

/** Stops new events at once; deliveries already queued are cancelled when their job runs. */
export async function deactivateWebhookEndpoint(db: Knex | Knex.Transaction, orgId: string, id: string): Promise<WebhookEndpoint> {
  const [row] = await db('webhook_endpoints')
    .where({ org_id: orgId, id })
    .update({ is_active: false, deactivated_at: db.raw('coalesce(deactivated_at, now())') })
    .returning('*');
  if (!row) throw notFound('Webhook endpoint');
  return toEndpoint(row);
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: CaseEventType;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: Record<string, unknown>;
}

/** The delivery log of one endpoint, newest first. Retries exhausted show as failed (from the outbox). */
export async function listWebhookDeliveries(
  db: Knex | Knex.Transaction,
  orgId: string,
  endpointId: string,
  limit = 100,
): Promise<WebhookDeliveryView[]> {
  const endpoint = await db('webhook_endpoints').select('id').where({ org_id: orgId, id: endpointId }).first();
  if (!endpoint) throw notFound('Webhook endpoint');
  const rows = await db('webhook_deliveries as d')
    .leftJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select('d.*', 'o.status as outbox_status')
    .where({ 'd.org_id': orgId, 'd.endpoint_id': endpointId })
    .orderBy([
      { column: 'd.created_at', order: 'desc' },
      { column: 'd.id', order: 'desc' },
    ])
    .limit(limit);
  return rows.map((r: Record<string, any>) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status === 'pending' && r.outbox_status === 'failed' ? 'failed' : r.status,
    attempts: r.attempt_count,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
    createdAt: iso(r.created_at)!,
    payload: r.payload,
  }));
}
