import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
import { loadCaseSnapshot, type CaseSnapshot } from '../cases/case-queries.ts';
import type { RecordedCaseEvent } from '../cases/case-timeline.ts';
import { activeWebhookEndpoints, type CaseEventType, type WebhookEventType } from './webhook-endpoints.ts';

/**
 * Events for the business's own system: its cases here, its inbox in conversation-events-out.ts.
 * Called in the transaction that records the change: for each active endpoint of the org
 * subscribed to the type, one delivery-log row and one outbox row (queue `webhooks`, job
 * `deliver`) commit with the change, or not at all. The event id is
 * chosen here, once, so every attempt (and every endpoint) carries the same one.
 */
export const WEBHOOKS_QUEUE = 'webhooks';
export const DELIVER_JOB = 'deliver';

export interface DeliverJobPayload {
  deliveryId: string;
}

export interface CaseEventInput {
  orgId: string;
  type: CaseEventType;
  caseId: string;
  /** Event details beside the case snapshot: `{ from, to }` for a status change. */
  data?: Record<string, unknown>;
  now?: Date;
}

export interface WebhookEventPayload<T extends WebhookEventType = WebhookEventType, D = Record<string, unknown>> {
  id: string;
  type: T;
  createdAt: string;
  data: D;
}

export type CaseEventPayload = WebhookEventPayload<CaseEventType, { case: CaseSnapshot; from?: string; to?: string; [k: string]: unknown }>;

/**
 * One event to every active endpoint of the org subscribed to its type; `caseId` files the
 * deliveries under the case they are about. Null when no endpoint wants it.
 */
export async function emitWebhookEvent(
  trx: Knex | Knex.Transaction,
  e: { orgId: string; type: WebhookEventType; caseId?: string; data: () => Promise<Record<string, unknown>>; now?: Date },
): Promise<{ eventId: string; deliveries: number } | null> {
  const endpoints = (await activeWebhookEndpoints(trx, e.orgId)).filter((endpoint) => endpoint.events.includes(e.type));
  if (endpoints.length === 0) return null;

  const payload: WebhookEventPayload = { id: randomUUID(), type: e.type, createdAt: (e.now ?? new Date()).toISOString(), data: await e.data() };
  const rows = endpoints.map((endpoint) => ({ id: randomUUID(), outboxId: randomUUID(), endpointId: endpoint.id }));
  await trx('webhook_deliveries').insert(
    rows.map((r) => ({
      id: r.id,
      org_id: e.orgId,
      endpoint_id: r.endpointId,
      event_type: e.type,
      event_id: payload.id,
      case_id: e.caseId ?? null,
      payload: JSON.stringify(payload),
      outbox_id: r.outboxId,
    })),
  );
  await addToOutbox(
    trx,
    rows.map((r) => ({
      id: r.outboxId,
      orgId: e.orgId,
      queue: WEBHOOKS_QUEUE,
      jobName: DELIVER_JOB,
      payload: { deliveryId: r.id } satisfies DeliverJobPayload,
    })),
  );
  return { eventId: payload.id, deliveries: rows.length };
}

export async function emitCaseEvent(trx: Knex | Knex.Transaction, e: CaseEventInput): Promise<{ eventId: string; deliveries: number } | null> {
  return emitWebhookEvent(trx, {
    orgId: e.orgId,
    type: e.type,
    caseId: e.caseId,
    data: async () => ({ ...e.data, case: await loadCaseSnapshot(trx, e.orgId, e.caseId) }),
    now: e.now,
  });
}

/** The timeline's events the business's system subscribes to: a new case, and every move of one. */
export async function sendCaseWebhooks(trx: Knex.Transaction, e: RecordedCaseEvent): Promise<void> {
  if (e.type === 'created') await emitCaseEvent(trx, { orgId: e.orgId, type: 'case.created', caseId: e.caseId, now: e.context.now });
  if (e.type === 'status_changed' || e.type === 'reopened') {
    const { from, to } = e.data as { from: string; to: string };
    await emitCaseEvent(trx, { orgId: e.orgId, type: 'case.status_changed', caseId: e.caseId, data: { from, to }, now: e.context.now });
  }
}
