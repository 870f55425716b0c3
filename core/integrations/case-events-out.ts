import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
import { loadCaseSnapshot, type CaseSnapshot } from '../cases/case-queries.ts';
import type { RecordedCaseEvent } from '../cases/case-timeline.ts';
import type { CaseEventType } from './webhook-endpoints.ts';

/**
 * Case events for the business's own system. Called in the transaction that changes the case:
 * for each active endpoint of the org subscribed to the type, one delivery-log row and one outbox
 * row (queue `webhooks`, job `deliver`) commit with the change, or not at all. The event id is
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

export interface CaseEventPayload {
  id: string;
  type: CaseEventType;
  createdAt: string;
  data: { case: CaseSnapshot; from?: string; to?: string; [k: string]: unknown };
}


export async function emitCaseEvent(trx: Knex | Knex.Transaction, e: CaseEventInput): Promise<{ eventId: string; deliveries: number } | null> {
  const endpoints: { id: string }[] = await trx('webhook_endpoints')
    .select('id')
    .where({ org_id: e.orgId, is_active: true })
    .whereRaw('? = ANY(events)', [e.type])
    .orderBy('created_at');
  if (endpoints.length === 0) return null;

  const payload: CaseEventPayload = {
    id: randomUUID(),
    type: e.type,
    createdAt: (e.now ?? new Date()).toISOString(),
    data: { ...e.data, case: await loadCaseSnapshot(trx, e.orgId, e.caseId) },
  };
  const rows = endpoints.map((endpoint) => ({ id: randomUUID(), outboxId: randomUUID(), endpointId: endpoint.id }));
  await trx('webhook_deliveries').insert(
    rows.map((r) => ({
      id: r.id,
      org_id: e.orgId,
      endpoint_id: r.endpointId,
      event_type: e.type,
      event_id: payload.id,
      case_id: e.caseId,
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

/** The timeline's events the business's system subscribes to: a new case, and every move of one. */
export async function sendCaseWebhooks(trx: Knex.Transaction, e: RecordedCaseEvent): Promise<void> {
  if (e.type === 'created') await emitCaseEvent(trx, { orgId: e.orgId, type: 'case.created', caseId: e.caseId, now: e.context.now });
  if (e.type === 'status_changed' || e.type === 'reopened') {
    const { from, to } = e.data as { from: string; to: string };
    await emitCaseEvent(trx, { orgId: e.orgId, type: 'case.status_changed', caseId: e.caseId, data: { from, to }, now: e.context.now });
  }
}
