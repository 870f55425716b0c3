import type { Knex } from 'knex';

/**
 * Deliveries to the shared `/webhooks/line` that name a bot (`destination`) no channel here has:
 * answered 200 and stored nowhere, only counted here for the operator (`GET /platform/v1/unknown-destinations`),
 * who may see an Official Account pointed at this deployment before its business connected it.
 * Nothing proves such a delivery came from LINE (no channel here holds its secret), so the table
 * is bounded: past `MAX_NAMED` destinations, further new ones are counted together under `OTHER`.
 */
export const MAX_NAMED = 1000;
export const OTHER = '(other)';
const LINE_BOT_ID = /^U[0-9a-f]{32}$/;

export async function countUnknownDestination(db: Knex, destination: string): Promise<void> {
  const named = LINE_BOT_ID.test(destination) ? destination : OTHER;
  // One statement: a new name takes a row only while there is room, else the delivery counts as other.
  await db.raw(
    `INSERT INTO unknown_line_destinations (destination, deliveries)
       SELECT CASE WHEN EXISTS (SELECT 1 FROM unknown_line_destinations WHERE destination = ?)
                     OR (SELECT count(*) FROM unknown_line_destinations) < ? THEN ? ELSE ? END, 1
     ON CONFLICT (destination) DO UPDATE SET deliveries = unknown_line_destinations.deliveries + 1, last_seen_at = now()`,
    [named, MAX_NAMED, named, OTHER],
  );
}

export interface UnknownDestination {
  destination: string;
  deliveries: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export async function listUnknownDestinations(db: Knex): Promise<UnknownDestination[]> {
  const rows = await db('unknown_line_destinations').select('*').orderBy('last_seen_at', 'desc');
  return rows.map((r) => ({ destination: r.destination, deliveries: Number(r.deliveries), firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at }));
}
