import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { iso } from '../time/iso.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { isLegacySealed, type SecretBox } from '../crypto/secret-box.ts';
import { notFound } from '../errors/index.ts';
import { changingOrg, orgCachedShared } from '../db/org-cache.ts';

/**
 * Where an org's own system hears about its cases and its inbox. The signing secret is generated
 * here, shown once (in the answer to create) and stored sealed; it is never shown again.
 */
export const CASE_EVENT_TYPES = ['case.created', 'case.status_changed'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
/** The inbox's changes (docs/inbox.md): an endpoint hears them only when it asks for them. */
export const CONVERSATION_EVENT_TYPES_OUT = ['conversation.waiting', 'conversation.assigned', 'conversation.resolved'] as const;
export type ConversationEventTypeOut = (typeof CONVERSATION_EVENT_TYPES_OUT)[number];
/** Customers' payments on bookings (core/checkout/, docs/money.md). */
export const PAYMENT_EVENT_TYPES_OUT = ['payment.succeeded', 'payment.refunded'] as const;
/** A document issued (docs/documents.md): for the business's accounting system. */
export const DOCUMENT_EVENT_TYPES_OUT = ['document.issued'] as const;
/** A member's wallet, points or credits moved (docs/members.md). */
export const MEMBER_EVENT_TYPES_OUT = ['member.credited', 'member.debited'] as const;
export const WEBHOOK_EVENT_TYPES = [...CASE_EVENT_TYPES, ...CONVERSATION_EVENT_TYPES_OUT, ...PAYMENT_EVENT_TYPES_OUT, ...DOCUMENT_EVENT_TYPES_OUT, ...MEMBER_EVENT_TYPES_OUT] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  isActive: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}


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

/** The associated data's purpose for `webhook_endpoints.secret_sealed` (core/crypto/secret-box.ts). */
export const WEBHOOK_SECRET_PURPOSE = 'webhook_endpoint.secret';
export const webhookSecretContext = (endpointId: string) => ({ purpose: WEBHOOK_SECRET_PURPOSE, rowId: endpointId });

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Who registers or ends an endpoint: an admin's API key, written to the audit log. */
export interface EndpointChange {
  orgId: string;
  actor: { type: 'api_key'; id: string };
  requestId?: string;
}

/** Registers an endpoint, audited; the answer carries its signing secret, the only time it is shown. */
export async function createWebhookEndpoint(
  db: Knex,
  secrets: SecretBox,
  e: EndpointChange & { url: string; events: WebhookEventType[]; description?: string | null },
): Promise<WebhookEndpoint & { secret: string }> {
  return changingOrg(db, e.orgId, async (trx) => {
    const secret = generateWebhookSecret();
    const id = randomUUID();
    const [row] = await trx('webhook_endpoints')
      .insert({
        id,
        org_id: e.orgId,
        url: e.url,
        secret_sealed: secrets.seal(secret, webhookSecretContext(id)),
        events: [...new Set(e.events)],
        description: e.description ?? null,
      })
      .returning('*');
    const created = { ...toEndpoint(row), secret };
    await recordAudit(trx, {
      orgId: e.orgId,
      actorType: e.actor.type,
      actorId: e.actor.id,
      action: 'webhook_endpoint.created',
      subjectType: 'webhook_endpoint',
      subjectId: created.id,
      details: { url: created.url, events: created.events },
      requestId: e.requestId,
    });
    return created;
  });
}

/**
 * The org's active endpoints and the events each asked for, oldest first, as every change that may
 * be told to the business's system reads them: kept in memory with the org's settings (migration
 * 20261204230000 tells every process of a change). An endpoint registered here is heard from its
 * commit on in this process, and in the others once the change's notification reaches them.
 */
export async function activeWebhookEndpoints(db: Knex | Knex.Transaction, orgId: string): Promise<readonly { id: string; events: readonly string[] }[]> {
  const kept = await orgCachedShared(db, 'webhook-endpoints', orgId, (q) =>
    q('webhook_endpoints').select('id', 'events').where({ org_id: orgId, is_active: true }).orderBy('created_at') as Promise<{ id: string; events: string[] }[]>,
  );
  return kept ?? [];
}

export async function listWebhookEndpoints(db: Knex | Knex.Transaction, orgId: string): Promise<WebhookEndpoint[]> {
  const rows = await db('webhook_endpoints').where({ org_id: orgId }).orderBy('created_at');
  return rows.map(toEndpoint);
}

/** Stops new events at once, audited; deliveries already queued are cancelled when their job runs. */
export async function deactivateWebhookEndpoint(db: Knex, d: EndpointChange & { id: string }): Promise<WebhookEndpoint> {
  return changingOrg(db, d.orgId, async (trx) => {
    const [row] = await trx('webhook_endpoints')
      .where({ org_id: d.orgId, id: d.id })
      .update({ is_active: false, deactivated_at: trx.raw('coalesce(deactivated_at, now())') })
      .returning('*');
    if (!row) throw notFound('Webhook endpoint');
    const ended = toEndpoint(row);
    await recordAudit(trx, {
      orgId: d.orgId,
      actorType: d.actor.type,
      actorId: d.actor.id,
      action: 'webhook_endpoint.deactivated',
      subjectType: 'webhook_endpoint',
      subjectId: ended.id,
      requestId: d.requestId,
    });
    return ended;
  });
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
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

/** Rewrites signing secrets sealed before ciphertexts were bound to their row (`v1`) as `v2`. */
export async function resealLegacyWebhookSecrets(db: Knex, secrets: SecretBox): Promise<number> {
  const rows: { id: string; secret_sealed: string }[] = await db('webhook_endpoints').select('id', 'secret_sealed').where('secret_sealed', 'like', 'v1.%');
  let n = 0;
  for (const r of rows) {
    if (!isLegacySealed(r.secret_sealed)) continue;
    const plain = secrets.openLegacy(r.secret_sealed);
    n += await db('webhook_endpoints')
      .where({ id: r.id, secret_sealed: r.secret_sealed })
      .update({ secret_sealed: secrets.seal(plain, webhookSecretContext(r.id)) });
  }
  return n;
}

/** A delivery to send: the event, and where and how to sign it. */
export async function deliveryToSend(db: Knex, deliveryId: string) {
  return db('webhook_deliveries as d')
    .join('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select('d.*', 'e.url', 'e.secret_sealed', 'e.is_active')
    .where('d.id', deliveryId)
    .first();
}

/** The endpoint was deactivated before the delivery went: it never will. */
export async function cancelDelivery(db: Knex, deliveryId: string, reason: string): Promise<void> {
  await db('webhook_deliveries').where({ id: deliveryId }).update({ status: 'cancelled', last_error: reason });
}

/** One attempt's outcome on the delivery log: delivered, failed for good, or still to retry. */
export async function recordDeliveryAttempt(
  db: Knex,
  a: { deliveryId: string; statusCode: number | null; error: string | null; outcome: 'delivered' | 'failed' | 'retry' },
): Promise<void> {
  await db('webhook_deliveries')
    .where({ id: a.deliveryId })
    .update({
      attempt_count: db.raw('attempt_count + 1'),
      last_status_code: a.statusCode,
      last_error: a.error?.slice(0, 1000) ?? null,
      last_attempt_at: db.fn.now(),
      ...(a.outcome === 'delivered' ? { status: 'delivered', delivered_at: db.fn.now() } : {}),
      ...(a.outcome === 'failed' ? { status: 'failed' } : {}),
    });
}
