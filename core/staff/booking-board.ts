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
  // A card names its service in the catalog's words, never by its key.
  const services = new Map((await db('services').select('key', 'name_th', 'name_en').where({ org_id: orgId })).map((r) => [r.key as string, { th: r.name_th as string, en: r.name_en as string }]));
  const stages = await Promise.all(
    pipeline.stages
      .filter((s) => !s.hidden)
      .map(async (s) => {
        const page = await listBookings(db, orgId, { stage: [s.key], ownOrUnassigned: scope, limit: s.closed ? CLOSED_COLUMN : OPEN_COLUMN });
        const bookings = page.items.map((b) => ({ ...b, serviceName: (b.service && services.get(b.service)) || null }));
        return { key: s.key, label: s.label, closed: s.closed, bookings, more: page.nextCursor !== null };
      }),
  );
  return { stages };
}
