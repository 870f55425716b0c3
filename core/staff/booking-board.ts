import type { Knex } from 'knex';
import { ownOrUnassigned, listBookings, type BookingViewer } from '../bookings/booking-queries.ts';
import { orgPipeline } from '../bookings/booking-stage-settings.ts';

/**
 * The bookings pipeline as the staff desk shows it: a column per stage of the org's pipeline, in
 * its order, with the newest bookings of each. Support sees their own and those nobody has yet,
 * as through the REST API (`ownOrUnassigned`). Closed stages show fewer: they are history.
 */
const OPEN_COLUMN = 20;
const CLOSED_COLUMN = 5;

export async function bookingBoard(db: Knex, orgId: string, viewer: BookingViewer) {
  const pipeline = await orgPipeline(db, orgId);
  const scope = ownOrUnassigned(viewer) ?? undefined;
  const stages = await Promise.all(
    pipeline.stages
      .filter((s) => !s.hidden)
      .map(async (s) => {
        const page = await listBookings(db, orgId, { stage: [s.key], ownOrUnassigned: scope, limit: s.closed ? CLOSED_COLUMN : OPEN_COLUMN });
        return { key: s.key, label: s.label, closed: s.closed, bookings: page.items, more: page.nextCursor !== null };
      }),
  );
  return { stages };
}
