import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';
import { redactPersonalData, withTimelineRedaction } from '../contacts/personal-data.ts';
import type { ExtractedFields } from '../understanding/classification.ts';
import type { Language } from '../vocabulary.ts';

/**
 * The case timeline: the one place that writes `case_events`. Every change to a case, every
 * message on it and every alert about it is an event here, append-only (a trigger refuses edits).
 *
 * Other modules react to the timeline instead of being called by the code that changed the case:
 * the staff desk announces, relays and alerts, the business's webhooks hear of it, the customer
 * is told. They subscribe once, in the composition root (bin/system.ts), and run inside the
 * transaction that records the event, so a reaction commits with its cause or not at all.
 */
export const TIMELINE_EVENT_TYPES = [
  'created',
  'status_changed',
  'reopened',
  'note',
  'owner_changed',
  'provider_changed',
  // Staff corrected the case's type or severity, with a reason (core/cases/case-correction.ts).
  'corrected',
  'message_in',
  'message_out',
  'provider_message',
  'provider_notified',
  'sla_warning',
  'sla_breach',
  'escalated',
  'alert_requested',
  'payment_event',
  'payment_issue_detected',
  // The business's main system through the orders API (core/cases/case-orders.ts): an order linked
  // to the case, and a change to an order the case names (status, refund, amount, provider).
  'order_linked',
  'order_updated',
  'staff_alerted',
  // Customer satisfaction (core/cases/case-satisfaction.ts): asked on resolution, the score, the comment.
  'satisfaction_requested',
  'satisfaction_rated',
  'satisfaction_commented',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export type CaseActorType = 'customer' | 'staff' | 'api_key' | 'system';

export interface CaseEventInput {
  orgId: string;
  caseId: string;
  type: TimelineEventType;
  actor: { type: CaseActorType; id: string | null };
  /** Shown to the customer on the tracking page. */
  isPublic: boolean;
  data?: Record<string, unknown>;
}

/** What the event's cause knows and the timeline does not keep: for its subscribers only. */
export interface CaseEventContext {
  /** The inbound event a customer-facing answer may reply to (LINE reply token). */
  replyToEventId?: number;
  /** The instant the change happened (a fixed clock in tests). */
  now?: Date;
  /**
   * The door a hand-over came through (case-commands.ts `reassign`): a LINE chat or the desk (LIFF
   * and REST). The new owner's notice differs by door (core/staff/case-handover-notice.ts).
   */
  via?: 'line' | 'desk';
  /** `created` of a case opened for the customer elsewhere (the API): they are told as a chat case's customer is. */
  tellCustomer?: boolean;
  /** `created`: the case as its opener wrote it (core/cases/open-case.ts), so that its subscribers need not read it back. */
  opened?: OpenedCase;
}

/** What the customer's acknowledgement of a new case says of it. */
export interface OpenedCase {
  number: string;
  conversationId: string | null;
  language: Language;
  fields: ExtractedFields;
  resolutionDueAt: Date | null;
  trackingToken: string;
}

export interface RecordedCaseEvent extends CaseEventInput {
  id: string;
  context: CaseEventContext;
}

export type CaseEventSubscriber = (trx: Knex.Transaction, event: RecordedCaseEvent) => Promise<void>;

const subscribers = new Subscribers<RecordedCaseEvent>();

/** Adds a reaction to case events, by name. */
export function subscribeToCaseEvents(name: string, subscriber: CaseEventSubscriber): void {
  subscribers.subscribe(name, subscriber);
}

/** Appends one event to a case's timeline and runs every subscriber in the same transaction. */
export async function recordCaseEvent(trx: Knex.Transaction, e: CaseEventInput, context: CaseEventContext = {}): Promise<RecordedCaseEvent> {
  const [row] = await trx('case_events')
    .insert({
      org_id: e.orgId,
      case_id: e.caseId,
      type: e.type,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      is_public: e.isPublic,
      data: JSON.stringify(e.data ?? {}),
    })
    .returning('id');
  return publish(trx, { ...e, id: String(row.id), context });
}

/**
 * An SLA warning or breach, recorded at most once per case and clock (a unique index decides
 * when workers race); null when it was already recorded.
 */
export async function recordSlaEventOnce(
  trx: Knex.Transaction,
  e: { orgId: string; caseId: string; type: 'sla_warning' | 'sla_breach'; data: { clock: string; dueAt: string } },
): Promise<RecordedCaseEvent | null> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `INSERT INTO case_events (org_id, case_id, type, actor_type, data, is_public)
     VALUES (?, ?, ?, 'system', ?::jsonb, false)
     ON CONFLICT (case_id, type, (data->>'clock')) WHERE type IN ('sla_warning', 'sla_breach') DO NOTHING
     RETURNING id`,
    [e.orgId, e.caseId, e.type, JSON.stringify(e.data)],
  );
  if (rows.length === 0) return null;
  return publish(trx, { ...e, actor: { type: 'system', id: null }, isPublic: false, id: String(rows[0].id), context: {} });
}

async function publish(trx: Knex.Transaction, event: RecordedCaseEvent): Promise<RecordedCaseEvent> {
  await subscribers.publish(trx, event);
  return event;
}

/**
 * PDPA erasure: the events of these cases keep their type, actor, time and figures, and lose the
 * free text (messages, notes, names) through the timeline's one allowed rewrite (migration
 * 20261122003400). Returns how many events were redacted.
 */
export async function redactCaseEvents(trx: Knex.Transaction, caseIds: string[]): Promise<number> {
  if (!caseIds.length) return 0;
  const rows = await trx('case_events').select('id', 'data').whereIn('case_id', caseIds);
  return withTimelineRedaction(trx, async () => {
    for (const r of rows) await trx('case_events').where({ id: r.id }).update({ data: JSON.stringify(redactPersonalData(r.data ?? {})) });
    return rows.length;
  });
}
