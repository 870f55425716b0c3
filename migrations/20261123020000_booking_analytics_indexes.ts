import type { Knex } from 'knex';

/**
 * What the bookings figures read (core/analytics/bookings.ts), by index, so that a period's
 * bookings are joined to their own rows instead of a scan of every event and quote the org ever
 * had:
 *
 * - `booking_events_analytics`: the timeline events the figures are made of (created, moves,
 *   quotes sent, accepted and declined, calls logged), by booking, with what the figures read of
 *   each (time, type, actor, data: a move's stages) in the index. The predicate is the one the
 *   query repeats (`TIMELINE_READ`). Where the table's visibility map is current (autovacuum), the
 *   events are read from the index alone.
 * - `booking_quotes_sent`: the sent quotes of the period's confirmed and completed bookings (their
 *   amounts), by booking, with what picks the amount (version, status) and the amount (currency,
 *   total).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX booking_events_analytics ON booking_events (booking_id) INCLUDE (created_at, type, actor_type, data)
      WHERE type IN ('created', 'stage_changed', 'quote_sent', 'quote_accepted', 'quote_declined') OR (type = 'note' AND data->>'kind' = 'call');
    CREATE INDEX booking_quotes_sent ON booking_quotes (booking_id) INCLUDE (version, status, currency, total_minor) WHERE sent_at IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS booking_events_analytics; DROP INDEX IF EXISTS booking_quotes_sent');
}
