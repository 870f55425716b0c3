import type { Knex } from 'knex';
import { minutesOf, openThrough, type OpeningHours } from '../contracts/opening-hours.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { localMoment, todayIn } from '../time/org-time.ts';
import { holidaysOf, hoursOf } from './service-hours.ts';

/**
 * Services booked in slots with parallel resources (a spa with three therapists): the one writer of
 * `service_slot_rules` and `service_slot_usage` (docs/bookings.md, "Slots").
 *
 * **How they are counted: a locked counter per cell of the service's grid.** A slot rule gives the
 * number of resources (N) and a grid step (30 minutes); a booking starts on the grid and holds its
 * party's resources over every cell its duration covers. Each cell is a row of
 * `service_slot_usage`, taken by one conditional upsert in the booking's own transaction,
 *
 * ```sql
 * INSERT INTO service_slot_usage (…, capacity, taken) VALUES (…, N, n)
 * ON CONFLICT (service_id, starts_at) DO UPDATE SET taken = taken + n WHERE taken + n <= capacity
 * ```
 *
 * in time order (so two bookings lock cells in one order and never wait on each other in a
 * circle), with `CHECK (taken <= capacity)` as the last word. A cell without room returns no row:
 * the booking is refused and its transaction rolls back whole. Chosen over an exclusion constraint
 * (a range per booking and resource) because resources here are interchangeable (any of the three
 * therapists): a count per cell says "N minus the bookings overlapping it" in one row read, where
 * an exclusion constraint would need a resource assigned to each booking and a retry over the N.
 */

type Db = Knex | Knex.Transaction;

export interface SlotRule {
  serviceId: string;
  resources: number;
  stepMinutes: number;
}

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

async function serviceRow(db: Db, orgId: string, key: string) {
  const s = await db('services as s')
    .join('orgs as o', 'o.id', 's.org_id')
    .leftJoin('service_slot_rules as r', 'r.service_id', 's.id')
    .select('s.id', 's.key', 's.name_en', 's.duration_minutes', 's.hours', 's.is_active', 'o.time_zone', 'o.business_hours', 'o.holidays', 'r.resources', 'r.step_minutes')
    .where({ 's.org_id': orgId, 's.key': key })
    .first();
  if (!s) throw notFound('Service', { key });
  return s;
}

/** Sets how many bookings of the service run at once and its grid; the service needs a duration. */
export async function setSlotRule(trx: Knex.Transaction, r: { orgId: string; serviceKey: string; resources: number; stepMinutes: number }) {
  const s = await serviceRow(trx, r.orgId, r.serviceKey);
  if (!s.duration_minutes) throw validationFailed('The service cannot be booked in slots', [{ path: 'durationMinutes', message: 'The service has no duration: give it one first' }]);
  const longest = longestOpening(hoursOf(s, s));
  if (longest < s.duration_minutes) {
    // Every slot would run past closing time: a rule that offers nothing is refused, not stored.
    throw validationFailed('The service cannot be booked in slots', [
      { path: 'durationMinutes', message: `A ${s.duration_minutes}-minute booking fits in none of the opening hours (the longest is ${longest} minutes): every slot would run past closing time`, reason: 'outside_hours' },
    ]);
  }
  await trx('service_slot_rules')
    .insert({ service_id: s.id, org_id: r.orgId, resources: r.resources, step_minutes: r.stepMinutes })
    .onConflict('service_id')
    .merge({ resources: r.resources, step_minutes: r.stepMinutes, updated_at: trx.fn.now() });
  // Cells from now on hold the new number; one below what it holds already is refused by the CHECK.
  const fewer = await trx('service_slot_usage').where({ service_id: s.id }).andWhere('starts_at', '>=', trx.fn.now()).andWhere('taken', '>', r.resources).first('starts_at', 'taken');
  if (fewer) throw new DomainError('conflict', `${fewer.taken} bookings overlap at one time already: the resources cannot go below that`, { reason: 'resources_taken', taken: fewer.taken });
  await trx('service_slot_usage').where({ service_id: s.id }).andWhere('starts_at', '>=', trx.fn.now()).update({ capacity: r.resources });
  return { service: s.key, resources: r.resources, stepMinutes: r.stepMinutes, durationMinutes: s.duration_minutes as number };
}

/** The longest opening period of a week, in minutes (round the clock: a day); a period crossing midnight counts whole. */
function longestOpening(hours: Partial<Record<string, [string, string][]>> | null): number {
  if (!hours) return 1440;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  let longest = 0;
  for (const periods of Object.values(hours)) for (const [from, to] of periods ?? []) longest = Math.max(longest, (minutes(to) - minutes(from) + 1440) % 1440 || 1440);
  return longest;
}

/** The service's slot rule as the API shows it: `rule` null for a service not booked in slots. */
export async function slotRuleView(db: Db, orgId: string, serviceKey: string) {
  const s = await serviceRow(db, orgId, serviceKey);
  return { rule: s.resources ? { service: s.key as string, resources: s.resources as number, stepMinutes: s.step_minutes as number, durationMinutes: s.duration_minutes as number } : null };
}

/** Whether the service is booked in slots (the chat offers the day's free starts then). */
export async function bookedInSlots(db: Db, orgId: string, serviceKey: string): Promise<boolean> {
  return Boolean(await db('services as s').join('service_slot_rules as r', 'r.service_id', 's.id').where({ 's.org_id': orgId, 's.key': serviceKey }).first('r.service_id'));
}

/** The service's slot rule, if it is booked in slots. */
export async function slotRuleOf(db: Db, serviceId: string): Promise<SlotRule | undefined> {
  const r = await db('service_slot_rules').where({ service_id: serviceId }).first();
  return r ? { serviceId, resources: r.resources, stepMinutes: r.step_minutes } : undefined;
}

const slotProblem = (message: string, reason: string, path = 'time') => validationFailed('The slot cannot be booked', [{ path, message, reason }]);

/**
 * Takes the slot of a booking of a service booked in slots, in the booking's transaction: `units`
 * resources over every grid cell from the start for the service's duration. Refused: a time off the
 * grid or outside the opening hours, or running past closing (422 naming `time`), a slot in the past,
 * and a slot with fewer resources free than asked (409 `slot_full`, with how many are free).
 * Returns what the booking keeps to give them back; undefined for a service not booked in slots.
 */
export async function holdSlot(
  trx: Knex.Transaction,
  h: { orgId: string; serviceId: string; date: string | null; time: string | null; units: number; now?: Date },
): Promise<{ startsAt: Date; endsAt: Date; units: number } | undefined> {
  const rule = await slotRuleOf(trx, h.serviceId);
  if (!rule || !h.date || !h.time) return undefined;
  const s = await trx('services as s').join('orgs as o', 'o.id', 's.org_id').where('s.id', h.serviceId).first('s.name_en', 's.duration_minutes', 's.hours', 'o.time_zone', 'o.business_hours', 'o.holidays');
  const minutes: number = s.duration_minutes;
  if (minutesOf(h.time) % rule.stepMinutes !== 0) throw slotProblem(`${s.name_en} starts every ${rule.stepMinutes} minutes: ${h.time} is not one of its start times`, 'off_grid');
  if (!openThrough(h.date, h.time, minutes, hoursOf(s, s) as OpeningHours, holidaysOf(s))) {
    throw slotProblem(`${s.name_en} takes ${minutes} minutes: from ${h.time} it would run past closing time, or is outside the opening hours`, 'outside_hours');
  }
  const { rows } = await trx.raw<{ rows: { at: Date }[] }>('SELECT ((?::date + ?::time) AT TIME ZONE ?) AS at', [h.date, h.time, s.time_zone]);
  const startsAt = new Date(rows[0].at);
  if (startsAt <= (h.now ?? new Date())) throw slotProblem('The slot has started or is over', 'past');
  const cells = Math.ceil(minutes / rule.stepMinutes);
  let fewest = rule.resources;
  for (let i = 0; i < cells; i++) {
    const at = addMinutes(startsAt, i * rule.stepMinutes);
    const taken = h.units <= rule.resources
      ? await trx.raw<{ rows: { taken: number }[] }>(
          `INSERT INTO service_slot_usage (service_id, org_id, starts_at, capacity, taken) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (service_id, starts_at) DO UPDATE SET taken = service_slot_usage.taken + EXCLUDED.taken
           WHERE service_slot_usage.taken + EXCLUDED.taken <= service_slot_usage.capacity
           RETURNING taken`,
          [h.serviceId, h.orgId, at, rule.resources, h.units],
        )
      : { rows: [] };
    if (!taken.rows[0]) {
      // Only to say how many are free: the statement above decided.
      const row = await trx('service_slot_usage').where({ service_id: h.serviceId, starts_at: at }).first('taken', 'capacity');
      const free = Math.min(fewest, Math.max(0, (row?.capacity ?? rule.resources) - (row?.taken ?? 0)));
      throw new DomainError('slot_full', free > 0 ? `The ${h.time} slot has ${free} free, fewer than the ${h.units} asked for` : `The ${h.time} slot is fully booked`, {
        date: h.date,
        time: h.time,
        resources: rule.resources,
        free,
        asked: h.units,
      });
    }
    fewest = Math.min(fewest, rule.resources - taken.rows[0].taken);
  }
  return { startsAt, endsAt: addMinutes(startsAt, minutes), units: h.units };
}

/** Gives a booking's slot back (cancelled, declined, lost). */
export async function releaseSlot(trx: Knex.Transaction, r: { serviceId: string; startsAt: Date; endsAt: Date; units: number }): Promise<void> {
  if (r.units <= 0) return;
  await trx('service_slot_usage')
    .where({ service_id: r.serviceId })
    .andWhere('starts_at', '>=', r.startsAt)
    .andWhere('starts_at', '<', r.endsAt)
    .decrement('taken', r.units);
}

/**
 * A local day's slots of a service booked in slots: every start on its grid whose whole duration is
 * inside one opening period, each with the resources free (N minus the most bookings overlapping
 * any of its cells). The day is the business's: a slot at 23:30 in Bangkok is on its own date.
 */
export async function slotsOn(db: Db, orgId: string, serviceKey: string, q: { date?: string }, now: Date = new Date()) {
  const s = await serviceRow(db, orgId, serviceKey);
  if (!s.resources) throw new DomainError('conflict', `${s.key} is not booked in slots`, { reason: 'no_slots' });
  const date = q.date ?? todayIn(s.time_zone, now);
  const minutes: number = s.duration_minutes;
  const step: number = s.step_minutes;
  const hours = hoursOf(s, s) as OpeningHours;
  const holidays = holidaysOf(s);
  const { rows } = await db.raw<{ rows: { at: Date }[] }>('SELECT ((?::date)::timestamp AT TIME ZONE ?) AS at', [date, s.time_zone]);
  const midnight = new Date(rows[0].at);
  const usage: { starts_at: Date; taken: number; capacity: number }[] = await db('service_slot_usage')
    .where({ service_id: s.id })
    .andWhere('starts_at', '>=', midnight)
    .andWhere('starts_at', '<', addMinutes(midnight, 2 * 1440))
    .select('starts_at', 'taken', 'capacity');
  const takenAt = new Map(usage.map((u) => [new Date(u.starts_at).getTime(), u.taken]));
  const items: { time: string; endTime: string; startsAt: string; free: number }[] = [];
  for (let m = 0; m < 1440; m += step) {
    const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    if (!openThrough(date, time, minutes, hours, holidays)) continue;
    const startsAt = addMinutes(midnight, m);
    if (startsAt <= now) continue;
    let busiest = 0;
    for (let c = 0; c < minutes; c += step) busiest = Math.max(busiest, takenAt.get(addMinutes(startsAt, c).getTime()) ?? 0);
    items.push({ time, endTime: localMoment(s.time_zone, addMinutes(startsAt, minutes)).time, startsAt: startsAt.toISOString(), free: Math.max(0, s.resources - busiest) });
  }
  return { service: s.key, timeZone: s.time_zone as string, date, resources: s.resources as number, durationMinutes: minutes, items };
}

/**
 * The website's form, before it is stored (booking-form-checks.ts): a slot that is not one of the
 * day's (off the grid, outside the hours, past closing, gone by) is a 422 naming `time`, and one
 * with too few resources free a 409 `slot_full`, as a booking made at once would be told. Reads
 * only; the slot is taken when the form is booked (a moment later).
 */
export async function checkSlotAsked(db: Db, a: { orgId: string; serviceKey?: string; date?: string; time?: string; units: number; now?: Date }): Promise<void> {
  if (!a.serviceKey || !a.date || !a.time) return;
  const rule = await db('services as s').join('service_slot_rules as r', 'r.service_id', 's.id').where({ 's.org_id': a.orgId, 's.key': a.serviceKey }).first('r.resources');
  if (!rule) return;
  const day = await slotsOn(db, a.orgId, a.serviceKey, { date: a.date }, a.now);
  const slot = day.items.find((i) => i.time === a.time);
  if (!slot) throw slotProblem(`${a.time} on ${a.date} is not one of the service's slots: it is off its grid, outside its hours, runs past closing or has started`, 'not_a_slot');
  if (slot.free < a.units) {
    throw new DomainError('slot_full', slot.free > 0 ? `The ${a.time} slot has ${slot.free} free, fewer than the ${a.units} asked for` : `The ${a.time} slot is fully booked`, {
      date: a.date,
      time: a.time,
      resources: day.resources,
      free: slot.free,
      asked: a.units,
    });
  }
}
