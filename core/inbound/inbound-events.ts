import type { Knex } from 'knex';

/**
 * The durable landing of platform events (DESIGN.md section 2, step 1): each event is inserted
 * with its outbox row in one statement, de-duplicated on (channel, platform event id). A
 * redelivery, or the same delivery twice at once, stores nothing new and queues nothing new.
 */
export interface ArrivingEvent {
  platformEventId: string;
  eventType: string;
  occurredAt: Date | null;
  /** The platform's event exactly as received; parsed later, in the worker. */
  payload: unknown;
}

export const INBOUND_QUEUE = 'inbound';
export const PROCESS_EVENT_JOB = 'process-event';

interface ChannelRef {
  id: string;
  orgId: string;
}

/** Stores one channel's events, or (with `channel` omitted) events that each name their channel. */
export async function storeInboundEvents(db: Knex, channel: ChannelRef, events: ArrivingEvent[]): Promise<{ stored: number; duplicates: number }>;
export async function storeInboundEvents(db: Knex, events: (ArrivingEvent & { channel: ChannelRef })[]): Promise<{ stored: number; duplicates: number }>;
export async function storeInboundEvents(
  db: Knex,
  channelOrEvents: ChannelRef | (ArrivingEvent & { channel: ChannelRef })[],
  maybeEvents?: ArrivingEvent[],
): Promise<{ stored: number; duplicates: number }> {
  const events = Array.isArray(channelOrEvents) ? channelOrEvents : maybeEvents!.map((e) => ({ ...e, channel: channelOrEvents }));
  if (events.length === 0) return { stored: 0, duplicates: 0 };
  const values = events.map(() => '(?::uuid, ?::uuid, ?, ?, ?::jsonb, ?::timestamptz)').join(', ');
  const bindings = events.flatMap((e) => [
    e.channel.orgId,
    e.channel.id,
    e.platformEventId,
    e.eventType,
    JSON.stringify(e.payload),
    e.occurredAt ? e.occurredAt.toISOString() : null,
  ]);
  const { rows } = await db.raw<{ rows: { stored: number }[] }>(
    `WITH arrived AS (
       INSERT INTO inbound_events (org_id, channel_id, platform_event_id, event_type, payload, occurred_at)
       VALUES ${values}
       ON CONFLICT (channel_id, platform_event_id) DO NOTHING
       RETURNING id, org_id
     ), queued AS (
       INSERT INTO outbox (org_id, queue, job_name, payload)
       SELECT org_id, '${INBOUND_QUEUE}', '${PROCESS_EVENT_JOB}', jsonb_build_object('inboundEventId', id) FROM arrived
       RETURNING 1
     )
     SELECT count(*)::int AS stored FROM queued`,
    bindings,
  );
  const stored = rows[0].stored;
  return { stored, duplicates: events.length - stored };
}
