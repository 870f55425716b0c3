import type { Knex } from 'knex';
import { writingOutboxTogether, type WorkDoneHere } from '../outbox/outbox.ts';

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
  /**
   * Why the event cannot be used (signed by the platform, but not what it documents): it is
   * recorded with this error, marked processed, and queues nothing. Its payload is then a storable
   * description of it, not the event.
   */
  malformed?: string;
}

export const INBOUND_QUEUE = 'inbound';
export const PROCESS_EVENT_JOB = 'process-event';

interface ChannelRef {
  id: string;
  orgId: string;
}

/**
 * Holding the stored events' rows for the process that stored them (`hereForMs`): their jobs are
 * run in that process at once (core/inbound/inbound-batcher.ts `workHere`), and each row waits in
 * the outbox that long as the fallback, as the rows a job runs itself do (core/outbox
 * `collectWorkDoneHere`). `queued` then lists them, in the order the events arrived.
 */
export interface StoreOptions {
  hereForMs?: number;
}

/**
 * A stored event as its job reads it. The storing process hands its held rows' jobs the event as
 * it stored it (`queued`, `storedHere`), so that a job run there reads nothing before claiming it.
 */
export interface StoredEvent {
  id: number;
  org_id: string;
  channel_id: string | null;
  payload: unknown;
  received_at: Date;
  processed_at: Date | null;
}

/** The event a job run in the storing process was handed with its payload; undefined for a job from the queue, which reads it. */
export function storedHere(jobPayload: Record<string, unknown>): StoredEvent | undefined {
  return jobPayload.storedHere as StoredEvent | undefined;
}

export interface StoredEvents {
  stored: number;
  duplicates: number;
  /** The held rows (`hereForMs`), for the storing process to run; empty otherwise. */
  queued: WorkDoneHere[];
}

/** Stores one channel's events, or (with `channel` omitted) events that each name their channel. */
export async function storeInboundEvents(db: Knex, channel: ChannelRef, events: ArrivingEvent[], o?: StoreOptions): Promise<StoredEvents>;
export async function storeInboundEvents(db: Knex, events: (ArrivingEvent & { channel: ChannelRef })[], o?: StoreOptions): Promise<StoredEvents>;
export async function storeInboundEvents(
  db: Knex,
  channelOrEvents: ChannelRef | (ArrivingEvent & { channel: ChannelRef })[],
  eventsOrOptions?: ArrivingEvent[] | StoreOptions,
  options?: StoreOptions,
): Promise<StoredEvents> {
  const [events, o] = Array.isArray(channelOrEvents)
    ? [channelOrEvents, eventsOrOptions as StoreOptions | undefined]
    : [(eventsOrOptions as ArrivingEvent[]).map((e) => ({ ...e, channel: channelOrEvents })), options];
  if (events.length === 0) return { stored: 0, duplicates: 0, queued: [] };
  const values = events.map(() => '(?::uuid, ?::uuid, ?, ?, ?::jsonb, ?::timestamptz, ?::text, ?::timestamptz)').join(', ');
  const now = new Date().toISOString();
  const bindings = events.flatMap((e) => [
    e.channel.orgId,
    e.channel.id,
    e.platformEventId,
    e.eventType,
    JSON.stringify(e.payload),
    e.occurredAt ? e.occurredAt.toISOString() : null,
    e.malformed ?? null,
    e.malformed ? now : null,
  ]);
  // The process's clock, as `collectWorkDoneHere`'s rows: it is the one that compares.
  const heldUntil = o?.hereForMs ? Date.now() + o.hereForMs : undefined;
  type Queued = { id: string; org_id: string; event_id: number; channel_id: string; platform_event_id: string; received_at: string };
  const { rows } = await db.raw<{ rows: { stored: number; queued: Queued[] | null }[] }>(
    `WITH arrived AS (
       INSERT INTO inbound_events (org_id, channel_id, platform_event_id, event_type, payload, occurred_at, error, processed_at)
       VALUES ${values}
       ON CONFLICT (channel_id, platform_event_id) DO NOTHING
       RETURNING id, org_id, error${heldUntil ? ', channel_id, platform_event_id, received_at' : ''}
     ), queued AS (
       INSERT INTO outbox (org_id, queue, job_name, payload${heldUntil ? ', available_at' : ''})
       SELECT org_id, '${INBOUND_QUEUE}', '${PROCESS_EVENT_JOB}', jsonb_build_object('inboundEventId', id)${heldUntil ? ', ?::timestamptz' : ''} FROM arrived WHERE error IS NULL
       RETURNING ${heldUntil ? "id, org_id, (payload->>'inboundEventId')::bigint AS event_id" : '1'}
     )
     SELECT (SELECT count(*)::int FROM arrived) AS stored${
       heldUntil
         ? `, (SELECT json_agg(json_build_object('id', q.id, 'org_id', q.org_id, 'event_id', a.id, 'channel_id', a.channel_id,
                                                 'platform_event_id', a.platform_event_id, 'received_at', a.received_at) ORDER BY a.id)
                 FROM queued q JOIN arrived a ON a.id = q.event_id) AS queued`
         : ''
     }`,
    heldUntil ? [...bindings, new Date(heldUntil).toISOString()] : bindings,
  );
  const stored = rows[0].stored;
  // The payloads as they came, by channel and platform id: the held rows' jobs are handed them (`storedHere`).
  const payloadOf = new Map(events.map((e) => [`${e.channel.id} ${e.platformEventId}`, e.payload]));
  const queued = (rows[0].queued ?? []).map((r) => {
    const event: StoredEvent = { id: r.event_id, org_id: r.org_id, channel_id: r.channel_id, payload: payloadOf.get(`${r.channel_id} ${r.platform_event_id}`), received_at: new Date(r.received_at), processed_at: null };
    return { id: r.id, orgId: r.org_id, queue: INBOUND_QUEUE, jobName: PROCESS_EVENT_JOB, payload: { inboundEventId: r.event_id, storedHere: event }, heldUntil: heldUntil! };
  });
  return { stored, duplicates: events.length - stored, queued };
}

/**
 * Stores one event that comes through no channel (the business's payment events) for the org,
 * with its outbox row for `job`, in one statement; de-duplicated on the (org, event id) unique
 * index of channel-less events, so a redelivery stores and queues nothing.
 */
export async function storeChannelLessEvent(
  db: Knex,
  e: { orgId: string; platformEventId: string; eventType: string; payload: unknown; occurredAt: Date; job: { queue: string; name: string } },
): Promise<{ stored: boolean }> {
  const { rows } = await db.raw<{ rows: { stored: number }[] }>(
    `WITH arrived AS (
       INSERT INTO inbound_events (org_id, channel_id, platform_event_id, event_type, payload, occurred_at)
       VALUES (?::uuid, NULL, ?, ?, ?::jsonb, ?::timestamptz)
       ON CONFLICT (org_id, platform_event_id) WHERE channel_id IS NULL DO NOTHING
       RETURNING id, org_id
     ), queued AS (
       INSERT INTO outbox (org_id, queue, job_name, payload)
       SELECT org_id, ?, ?, jsonb_build_object('inboundEventId', id) FROM arrived
       RETURNING 1
     )
     SELECT count(*)::int AS stored FROM queued`,
    [e.orgId, e.platformEventId, e.eventType, JSON.stringify(e.payload), e.occurredAt.toISOString(), e.job.queue, e.job.name],
  );
  return { stored: rows[0].stored > 0 };
}

/** A stored event by id, with its payload; undefined when it is gone. */
export async function loadInboundEvent(db: Knex, id: number): Promise<StoredEvent | undefined> {
  return db('inbound_events').where({ id }).first('id', 'org_id', 'channel_id', 'payload', 'received_at', 'processed_at');
}

/**
 * Processes a stored event once, however often its job runs: the event is claimed and marked
 * processed in one statement, first (a concurrent run waits on the row's lock, then finds it
 * processed), and `process` runs in the same transaction: if it fails, the mark goes with it.
 * Undefined when another run already processed it.
 */
export async function processEventOnce<T>(knex: Knex, id: number, attempt: number, process: (trx: Knex.Transaction) => Promise<T>): Promise<{ result: T } | undefined> {
  return knex.transaction(async (trx) => {
    const claimed = await trx('inbound_events').where({ id }).whereNull('processed_at').update({ processed_at: trx.fn.now(), attempts: attempt, error: null });
    if (!claimed) return undefined;
    // What the event causes later (its message's routing, an answer's send) goes in with one insert.
    return { result: await writingOutboxTogether(trx, () => process(trx)) };
  });
}

/**
 * A stored event found unreadable when its job runs (stored before the webhook checked its fields
 * on arrival, or read differently since): recorded as malformed, as the webhook records one on
 * arrival (`event_type = 'malformed'`, the reason in `error`, processed), so that its job ends done
 * rather than failed. Its payload stays as it came.
 */
export async function recordMalformedEvent(db: Knex, id: number, reason: string): Promise<void> {
  await db('inbound_events').where({ id }).whereNull('processed_at').update({ event_type: 'malformed', error: reason.slice(0, 2000), processed_at: db.fn.now() });
}

/** Why an attempt at the event failed, kept on it while it is not processed (a success clears it). */
export async function recordEventError(db: Knex, id: number, reason: string, attempt: number): Promise<void> {
  await db('inbound_events').where({ id }).whereNull('processed_at').update({ error: reason.slice(0, 2000), attempts: attempt });
}

/** What an erased customer's events keep of their payload. */
const ERASED_PAYLOAD = JSON.stringify({ erased: true });

/**
 * PDPA erasure: the raw events a customer sent (their LINE user id or WhatsApp number, their
 * messages' text, their profile) lose their payload; the event's type, ids and times stay, so a
 * redelivery is still recognised. The events are those the customer's messages were made from and
 * any other of the org's naming one of their ids (a follow, a postback, a status callback). One
 * not yet processed is marked processed: there is nothing left in it to act on.
 */
export async function eraseInboundEvents(trx: Knex.Transaction, e: { orgId: string; eventIds: number[]; externalIds: string[] }): Promise<number> {
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return trx('inbound_events')
    .where('org_id', e.orgId)
    .andWhere((w) => {
      w.whereIn('id', e.eventIds.length ? e.eventIds : [-1]);
      for (const id of e.externalIds) w.orWhereRaw('payload::text LIKE ?', [like(id)]);
    })
    .update({ payload: ERASED_PAYLOAD, error: null, processed_at: trx.raw('coalesce(processed_at, now())') });
}

/** Days processed events are kept when the org has not set `inboundEventRetentionDays`. */
export const INBOUND_EVENT_RETENTION_DAYS = 30;

/**
 * Deletes processed events older than their org's retention period (org settings,
 * `inboundEventRetentionDays`), a batch at a time; events not processed yet are kept whatever
 * their age. Run by the workers (workers/processors/system.ts). Returns how many went.
 */
export async function pruneProcessedEvents(db: Knex, batch = 5_000): Promise<number> {
  let removed = 0;
  for (;;) {
    const { rowCount } = await db.raw<{ rowCount: number }>(
      `DELETE FROM inbound_events WHERE id IN (
         SELECT e.id FROM inbound_events e JOIN orgs o ON o.id = e.org_id
          WHERE e.processed_at IS NOT NULL
            AND e.processed_at < now() - make_interval(days => CASE WHEN jsonb_typeof(o.settings->'inboundEventRetentionDays') = 'number'
                                                                   THEN (o.settings->>'inboundEventRetentionDays')::int ELSE ? END)
          LIMIT ?)`,
      [INBOUND_EVENT_RETENTION_DAYS, batch],
    );
    removed += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) return removed;
  }
}
