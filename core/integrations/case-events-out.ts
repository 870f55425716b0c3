import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
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

export interface CaseSnapshot {
  id: string;
  number: string;
  type: string;
  status: string;
  severity: string;
  source: string;
  summary: string | null;
  language: string;
  orderIds: string[];
  version: number;
  rootCause: string | null;
  openedAt: string;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null || d === undefined ? null : new Date(d).toISOString());

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
    data: { ...e.data, case: await caseSnapshot(trx, e.orgId, e.caseId) },
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

async function caseSnapshot(trx: Knex | Knex.Transaction, orgId: string, caseId: string): Promise<CaseSnapshot> {
  const r = await trx('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .select(
      'cases.*',
      'case_types.key as type_key',
      trx.raw(`coalesce((SELECT array_agg(order_id ORDER BY created_at) FROM case_orders o WHERE o.case_id = cases.id), '{}') AS order_ids`),
    )
    .where({ 'cases.id': caseId, 'cases.org_id': orgId })
    .first();
  if (!r) throw new Error(`case ${caseId} not found for its event`);
  return {
    id: r.id,
    number: r.number,
    type: r.type_key,
    status: r.status,
    severity: r.severity,
    source: r.source,
    summary: r.summary ?? null,
    language: r.language,
    orderIds: r.order_ids ?? [],
    version: r.version,
    rootCause: r.root_cause ?? null,
    openedAt: iso(r.created_at)!,
    firstResponseDueAt: iso(r.first_response_due_at),
    resolutionDueAt: iso(r.resolution_due_at),
    firstRespondedAt: iso(r.first_responded_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
  };
}
