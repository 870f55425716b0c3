import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';
import { redactPersonalData, withTimelineRedaction } from '../contacts/personal-data.ts';

/**
 * The conversation timeline: the one place that writes `conversation_events`. Who held the
 * conversation and when (handed to a person, taken, assigned, snoozed, resolved, back to the bot),
 * staff replies and private notes, append-only.
 *
 * Like the case timeline (core/cases/case-timeline.ts), other modules react to it through
 * subscribers registered in bin/system.ts, inside the transaction that records the event: the
 * staff desk's card when a customer waits for a person, the word to an assignee.
 */
export const CONVERSATION_EVENT_TYPES = [
  'waiting',
  'taken',
  'assigned',
  'replied',
  'note',
  'resolved',
  'snoozed',
  'woke',
  'returned_to_bot',
  // Someone who held it left the team (conversation-commands.ts releaseHeldBy); a message LINE refused for good (blocked).
  'released',
  'undeliverable',
  // The response clocks (core/conversations/response-clock.ts): one started, one close to its due time, one past it.
  'response_due',
  'response_warning',
  'response_breached',
] as const;
export type ConversationEventType = (typeof CONVERSATION_EVENT_TYPES)[number];

export type ConversationActorType = 'customer' | 'staff' | 'api_key' | 'system';

export interface ConversationEventInput {
  orgId: string;
  conversationId: string;
  type: ConversationEventType;
  actor: { type: ConversationActorType; id: string | null };
  data?: Record<string, unknown>;
}

export interface RecordedConversationEvent extends ConversationEventInput {
  id: string;
  /** The instant the change happened (a fixed clock in tests). */
  now: Date;
}

export type ConversationEventSubscriber = (trx: Knex.Transaction, event: RecordedConversationEvent) => Promise<void>;

const subscribers = new Subscribers<RecordedConversationEvent>();

/** Adds a reaction to conversation events, by name. */
export function subscribeToConversationEvents(name: string, subscriber: ConversationEventSubscriber): void {
  subscribers.subscribe(name, subscriber);
}

/** Appends one event to a conversation's timeline and runs every subscriber in the same transaction. */
export async function recordConversationEvent(trx: Knex.Transaction, e: ConversationEventInput, now = new Date()): Promise<RecordedConversationEvent> {
  const [row] = await trx('conversation_events')
    .insert({
      org_id: e.orgId,
      conversation_id: e.conversationId,
      type: e.type,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      data: JSON.stringify(e.data ?? {}),
      created_at: now,
    })
    .returning('id');
  const event: RecordedConversationEvent = { ...e, id: String(row.id), now };
  await subscribers.publish(trx, event);
  return event;
}

/**
 * A response clock's warning or breach, recorded at most once per conversation, kind and due time
 * (a unique index decides when workers race); null when it was already recorded.
 */
export async function recordResponseEventOnce(
  trx: Knex.Transaction,
  e: { orgId: string; conversationId: string; type: 'response_warning' | 'response_breached'; data: { clock: string; dueAt: string } & Record<string, unknown> },
  now: Date,
): Promise<RecordedConversationEvent | null> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `INSERT INTO conversation_events (org_id, conversation_id, type, actor_type, data, created_at)
     VALUES (?, ?, ?, 'system', ?::jsonb, ?)
     ON CONFLICT (conversation_id, type, (data->>'dueAt')) WHERE type IN ('response_warning', 'response_breached') DO NOTHING
     RETURNING id`,
    [e.orgId, e.conversationId, e.type, JSON.stringify(e.data), now],
  );
  if (rows.length === 0) return null;
  const event: RecordedConversationEvent = { ...e, actor: { type: 'system', id: null }, id: String(rows[0].id), now };
  await subscribers.publish(trx, event);
  return event;
}

/** A conversation's events, oldest first (`types` to keep some only). */
export async function conversationEvents(db: Knex | Knex.Transaction, conversationId: string, types?: ConversationEventType[]) {
  const rows: Record<string, any>[] = await db('conversation_events')
    .select('id', 'type', 'actor_type', 'actor_id', 'data', 'created_at')
    .where({ conversation_id: conversationId })
    .modify((q) => (types ? q.whereIn('type', types) : q))
    .orderBy('id');
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type as ConversationEventType,
    actorType: r.actor_type as ConversationActorType,
    actorId: (r.actor_id as string | null) ?? null,
    data: (r.data ?? {}) as Record<string, unknown>,
    at: new Date(r.created_at),
  }));
}

/** PDPA erasure: the events keep their type, actor and time, and lose their free text (notes). */
export async function redactConversationEvents(trx: Knex.Transaction, conversationIds: string[]): Promise<number> {
  if (!conversationIds.length) return 0;
  const rows = await trx('conversation_events').select('id', 'data').whereIn('conversation_id', conversationIds).where('type', 'note');
  return withTimelineRedaction(trx, async () => {
    for (const r of rows) await trx('conversation_events').where({ id: r.id }).update({ data: JSON.stringify(redactPersonalData(r.data ?? {})) });
    return rows.length;
  });
}
