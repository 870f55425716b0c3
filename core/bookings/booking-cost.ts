import type { Knex } from 'knex';
import { notFound } from '../errors/index.ts';

/**
 * What a booking cost the business (a guide's fee, the ingredients, a hotel's rate), when known:
 * the finance view's margin per booking is what was paid on it less refunds less this cost
 * (docs/money.md). Set on the booking, it wins over its service's cost per person. Integer minor
 * units in the booking's currency; null forgets it.
 */
export async function setBookingCost(knex: Knex, c: { orgId: string; number: string; costMinor: number | null }): Promise<{ number: string; costMinor: number | null }> {
  const [row] = await knex('bookings').where({ org_id: c.orgId, number: c.number }).update({ cost_minor: c.costMinor }).returning(['number', 'cost_minor']);
  if (!row) throw notFound('Booking', { number: c.number });
  return { number: row.number, costMinor: row.cost_minor === null ? null : Number(row.cost_minor) };
}
