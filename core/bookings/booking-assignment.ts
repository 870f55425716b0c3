import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { calendarOfOrg, isOpen, nextOpening } from '../sla/business-calendar.ts';
import { iso } from '../time/iso.ts';
import type { Language } from '../vocabulary.ts';
import { CLOSED_BOOKING_STAGES } from './booking-stage.ts';
import { recordBookingEvent } from './booking-timeline.ts';

/**
 * Who gets a new booking: the org's assignment rules, in order. The first active rule that
 * matches the booking (its service, the destination the customer wrote, its language) picks one of
 * its staff (or, with none named, any active support, manager or admin): round robin, or the one
 * with the fewest open bookings (ties in round-robin order), among those on shift when the booking
 * arrived (their working hours, `staff.working_hours`, in the org's time zone; none: always on).
 * With nobody on shift it goes to whoever's shift starts next, so that it is in someone's queue
 * when the day starts rather than in a pile for whoever looks first. No rule matches, or the
 * rule's staff are all inactive: the booking waits unassigned for someone to take it. A manager
 * turns a rule off without losing it.
 *
 * Assigning records `assignee_changed` on the timeline (actor `system`, with the rule), to which
 * the staff desk reacts by telling the assignee 1:1.
 */
type Db = Knex | Knex.Transaction;

export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export interface AssignmentRuleInput {
  name: string;
  position?: number;
  isActive?: boolean;
  services?: string[];
  destinations?: string[];
  languages?: Language[];
  staffIds?: string[];
  strategy?: AssignmentStrategy;
}

function ruleView(r: Record<string, any>) {
  return {
    id: r.id as string,
    name: r.name as string,
    position: r.position as number,
    isActive: r.is_active as boolean,
    services: r.services as string[],
    destinations: r.destinations as string[],
    languages: r.languages as Language[],
    staffIds: r.staff_ids as string[],
    strategy: r.strategy as AssignmentStrategy,
    lastAssignedStaffId: (r.last_assigned_staff_id ?? null) as string | null,
    updatedAt: iso(r.updated_at as Date),
  };
}
export type AssignmentRuleView = ReturnType<typeof ruleView>;

export async function listAssignmentRules(db: Db, orgId: string): Promise<AssignmentRuleView[]> {
  const rows = await db('booking_assignment_rules').where({ org_id: orgId }).orderBy([{ column: 'position' }, { column: 'created_at' }]);
  return rows.map(ruleView);
}

async function checkStaff(trx: Knex.Transaction, orgId: string, staffIds: string[] | undefined): Promise<void> {
  if (!staffIds?.length) return;
  const found = await trx('staff').whereIn('id', staffIds).andWhere({ org_id: orgId }).pluck('id');
  const missing = staffIds.filter((id) => !found.includes(id));
  if (missing.length) throw new DomainError('invalid_reference', 'Unknown staff members', [{ path: 'staffIds', message: `Not staff of this org: ${missing.join(', ')}` }]);
}

function columns(r: Partial<AssignmentRuleInput>): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (r.name !== undefined) c.name = r.name;
  if (r.position !== undefined) c.position = r.position;
  if (r.isActive !== undefined) c.is_active = r.isActive;
  if (r.services !== undefined) c.services = r.services;
  if (r.destinations !== undefined) c.destinations = r.destinations.map((d) => d.toLowerCase());
  if (r.languages !== undefined) c.languages = r.languages;
  if (r.staffIds !== undefined) c.staff_ids = r.staffIds;
  if (r.strategy !== undefined) c.strategy = r.strategy;
  return c;
}

type Actor = { type: 'api_key' | 'staff'; id: string };

export async function createAssignmentRule(knex: Knex, orgId: string, r: AssignmentRuleInput, actor: Actor): Promise<AssignmentRuleView> {
  return knex.transaction(async (trx) => {
    await checkStaff(trx, orgId, r.staffIds);
    const [row] = await trx('booking_assignment_rules').insert({ org_id: orgId, ...columns(r) }).returning('*');
    await recordAudit(trx, { orgId, actorType: actor.type, actorId: actor.id, action: 'booking_rule.created', subjectType: 'booking_assignment_rule', subjectId: row.id, details: columns(r) });
    return ruleView(row);
  });
}

/** Changes a rule (`isActive: false` turns it off); audited with what changed. */
export async function updateAssignmentRule(knex: Knex, orgId: string, id: string, r: Partial<AssignmentRuleInput>, actor: Actor): Promise<AssignmentRuleView> {
  return knex.transaction(async (trx) => {
    await checkStaff(trx, orgId, r.staffIds);
    const change = columns(r);
    // A change of nothing answers the rule as it is (an empty update is no statement at all).
    const [row] = Object.keys(change).length
      ? await trx('booking_assignment_rules').where({ id, org_id: orgId }).update(change).returning('*')
      : [await trx('booking_assignment_rules').where({ id, org_id: orgId }).first()];
    if (!row) throw notFound('Assignment rule', { id });
    await recordAudit(trx, { orgId, actorType: actor.type, actorId: actor.id, action: 'booking_rule.updated', subjectType: 'booking_assignment_rule', subjectId: id, details: columns(r) });
    return ruleView(row);
  });
}

interface BookingFacts {
  id: string;
  org_id: string;
  version: number;
  assignee_staff_id: string | null;
  language: string;
  service_key: string | null;
  details: Record<string, unknown>;
}

function matches(rule: Record<string, any>, b: BookingFacts): boolean {
  const services: string[] = rule.services ?? [];
  const destinations: string[] = rule.destinations ?? [];
  const languages: string[] = rule.languages ?? [];
  if (services.length && !(b.service_key && services.includes(b.service_key))) return false;
  if (destinations.length) {
    const wrote = String(b.details.destination ?? '').toLowerCase();
    if (!wrote || !destinations.some((d) => wrote.includes(d))) return false;
  }
  if (languages.length && !languages.includes(b.language)) return false;
  return true;
}

/** The candidates in their round-robin order, starting after the last one given a booking. */
function rotate(ids: string[], last: string | null): string[] {
  const i = last ? ids.indexOf(last) : -1;
  return i < 0 ? ids : [...ids.slice(i + 1), ...ids.slice(0, i + 1)];
}

/**
 * The rule's candidates (in round-robin order) who are on shift at `at`; with nobody on shift,
 * those whose shift starts soonest (ties keep the order), and when it starts. Holidays are not
 * counted: a shift is a person's week, and time off is not recorded.
 */
function onShift(order: string[], hours: Map<string, unknown>, timeZone: string, at: Date): { ids: string[]; startsAt: Date | null } {
  const calendar = (id: string) => calendarOfOrg({ time_zone: timeZone, business_hours: hours.get(id) });
  const on = order.filter((id) => hours.get(id) == null || isOpen(at, calendar(id)));
  if (on.length) return { ids: on, startsAt: null };
  const starts = new Map(order.map((id) => [id, nextOpening(at, calendar(id)).getTime()]));
  const soonest = Math.min(...starts.values());
  return { ids: order.filter((id) => starts.get(id) === soonest), startsAt: new Date(soonest) };
}

/**
 * Assigns a new, unassigned booking by the org's rules, in the transaction that created it.
 * Returns the staff id given it, or null when it waits for someone to take it.
 */
export async function assignByRules(trx: Knex.Transaction, bookingId: string): Promise<string | null> {
  // The booking and its org's active rules, in order, in one statement (this runs in every intake).
  const b: (BookingFacts & { created_at: Date; time_zone: string; rules: Record<string, any>[] }) | undefined = await trx('bookings as b')
    .join('orgs as o', 'o.id', 'b.org_id')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .select(
      'b.id', 'b.org_id', 'b.version', 'b.assignee_staff_id', 'b.language', 'b.details', 'b.created_at', 'o.time_zone', 's.key as service_key',
      trx.raw(`(SELECT coalesce(json_agg(r ORDER BY r.position, r.created_at), '[]'::json) FROM booking_assignment_rules r WHERE r.org_id = b.org_id AND r.is_active) AS rules`),
    )
    .where('b.id', bookingId)
    .first();
  if (!b || b.assignee_staff_id) return null;
  const rules = b.rules;
  const rule = rules.find((r) => matches(r, { ...b, details: b.details ?? {} }));
  if (!rule) return null;
  // Round robin needs the rule's last pick as it is now: bookings arriving together take turns here.
  const locked = await trx('booking_assignment_rules').select('last_assigned_staff_id', 'staff_ids').where({ id: rule.id }).forUpdate().first();
  const named: string[] = locked.staff_ids ?? [];
  const q = trx('staff').select('id', 'working_hours').where({ org_id: b.org_id, is_active: true });
  const staff: { id: string; working_hours: unknown }[] = await (named.length ? q.whereIn('id', named) : q.whereIn('role', ['support', 'manager', 'admin']).orderBy('id'));
  const hours = new Map(staff.map((s) => [s.id, s.working_hours]));
  // Named staff keep the order the manager gave; everyone else goes by id.
  const candidates = named.length ? named.filter((id) => hours.has(id)) : staff.map((s) => s.id);
  if (candidates.length === 0) return null;
  // Rotate the whole list before leaving out who is off shift, so the turn passes over them and
  // comes back in order when they are on again.
  const shift = onShift(rotate(candidates, locked.last_assigned_staff_id), hours, b.time_zone, new Date(b.created_at));
  let order = shift.ids;
  if (rule.strategy === 'least_loaded') {
    const loads: { assignee_staff_id: string; n: string | number }[] = await trx('bookings')
      .select('assignee_staff_id')
      .count({ n: '*' })
      .where({ org_id: b.org_id })
      .whereIn('assignee_staff_id', order)
      .whereNotIn('stage', CLOSED_BOOKING_STAGES)
      .groupBy('assignee_staff_id') as any;
    const load = new Map(loads.map((l) => [l.assignee_staff_id as string, Number(l.n)]));
    const fewest = Math.min(...order.map((id) => load.get(id) ?? 0));
    order = order.filter((id) => (load.get(id) ?? 0) === fewest);
  }
  const chosen = order[0];
  const changed = await trx('bookings').where({ id: b.id, version: b.version }).whereNull('assignee_staff_id').update({ assignee_staff_id: chosen, version: b.version + 1 });
  if (!changed) return null;
  await trx('booking_assignment_rules').where({ id: rule.id }).update({ last_assigned_staff_id: chosen });
  await recordBookingEvent(trx, {
    orgId: b.org_id,
    bookingId: b.id,
    type: 'assignee_changed',
    actor: { type: 'system', id: null },
    isPublic: false,
    data: { from: null, to: chosen, rule: { id: rule.id, name: rule.name, strategy: rule.strategy }, ...(shift.startsAt ? { shiftStartsAt: iso(shift.startsAt) } : {}) },
  });
  return chosen;
}
