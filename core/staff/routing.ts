import type { Knex } from 'knex';
import { casesJoinedToTypes } from '../cases/case-queries.ts';
import { OPEN_CASE_STATUSES } from '../cases/case-status.ts';
import { toStaffGroup, type StaffGroupRef, type StaffGroupRouting } from './staff-desk.ts';

/**
 * Which groups hear about a case or a booking. A case can be announced to several groups:
 *
 * - `support` groups whose routing matches the case (case type, category, severity, language,
 *   provider, VIP or not; an absent rule matches everything);
 * - `managers` groups only when their routing names something explicitly (say, critical cases):
 *   otherwise they get escalations and the digest, not every case;
 * - never a `vip_customer` group: the customer is in it. Their cases' cards go to the support
 *   groups (a group's `vip: true` routing takes VIP customers' cases only), and the customer's
 *   updates go to their group because it is the case's conversation;
 * - `provider` groups get a case only when it waits on their provider (`groupsForProvider`).
 *
 * Bookings go to `sales` groups whose services match, and to support groups that take bookings.
 */
type Db = Knex | Knex.Transaction;

export interface CaseFacts {
  orgId: string;
  caseType: string;
  category: string;
  severity: string;
  language: string;
  providerKey: string | null;
  contactId: string | null;
  contactIsVip: boolean;
}

/** Cases with what routing looks at; `where` narrows them. */
const caseFactRows = (db: Db) =>
  casesJoinedToTypes(db)
    .leftJoin('providers', 'providers.id', 'cases.provider_id')
    .leftJoin('contacts', 'contacts.id', 'cases.contact_id')
    .select(
      'cases.id',
      'cases.org_id',
      'case_types.key as case_type',
      'case_types.category',
      'cases.severity',
      'cases.language',
      'providers.key as provider_key',
      'cases.contact_id',
      'contacts.is_vip',
    );

const toCaseFacts = (row: Record<string, any>): CaseFacts => ({
  orgId: row.org_id,
  caseType: row.case_type,
  category: row.category,
  severity: row.severity,
  language: row.language,
  providerKey: row.provider_key ?? null,
  contactId: row.contact_id,
  contactIsVip: Boolean(row.is_vip),
});

export async function caseFacts(db: Db, caseId: string): Promise<CaseFacts | undefined> {
  const row = await caseFactRows(db).where('cases.id', caseId).first();
  return row ? toCaseFacts(row) : undefined;
}

/** The org's open cases a group takes, oldest first (core/staff/group-catch-up.ts). */
export async function openCasesOfGroup(db: Db, g: StaffGroupRef): Promise<string[]> {
  if (!g.isActive || (g.purpose !== 'support' && g.purpose !== 'managers')) return [];
  const rows = await caseFactRows(db).where('cases.org_id', g.orgId).whereIn('cases.status', OPEN_CASE_STATUSES).orderBy('cases.created_at');
  return rows.filter((r) => groupTakesCase(g, toCaseFacts(r))).map((r) => r.id);
}

const allows = (list: readonly string[] | undefined, value: string | null) => !list || list.length === 0 || (value !== null && list.includes(value));

/** Whether a group's routing takes this case. */
export function routingMatchesCase(r: StaffGroupRouting, c: CaseFacts): boolean {
  return (
    allows(r.caseTypes, c.caseType) &&
    allows(r.categories, c.category) &&
    allows(r.severities, c.severity) &&
    allows(r.languages, c.language) &&
    allows(r.providers, c.providerKey) &&
    (r.vip === undefined || r.vip === c.contactIsVip)
  );
}

const namesSomething = (r: StaffGroupRouting) =>
  [r.caseTypes, r.categories, r.severities, r.providers].some((l) => Array.isArray(l) && l.length > 0) || r.vip !== undefined;

async function activeGroups(db: Db, orgId: string, purposes: string[]): Promise<StaffGroupRef[]> {
  const rows = await db('staff_groups').where({ org_id: orgId, is_active: true }).whereIn('purpose', purposes).orderBy('created_at');
  return rows.map(toStaffGroup);
}

/** The groups a case is announced to (its card), and where its customer's messages are relayed. */
export async function groupsForCase(db: Db, caseId: string): Promise<StaffGroupRef[]> {
  const c = await caseFacts(db, caseId);
  if (!c) return [];
  const groups = await activeGroups(db, c.orgId, ['support', 'managers']);
  return groups.filter((g) => groupTakesCase(g, c));
}

/** A support group takes the cases its routing matches; a managers' group only those its routing names. */
function groupTakesCase(g: StaffGroupRef, c: CaseFacts): boolean {
  if (g.purpose === 'managers') return namesSomething(g.routing) && routingMatchesCase(g.routing, c);
  return g.purpose === 'support' && routingMatchesCase(g.routing, c);
}

/** The groups of a provider, for a case that waits on it. */
export async function groupsForProvider(db: Db, orgId: string, providerId: string): Promise<StaffGroupRef[]> {
  return (await activeGroups(db, orgId, ['provider'])).filter((g) => g.providerId === providerId);
}

/** The managers' groups: escalations and the daily digest. */
export async function managersGroups(db: Db, orgId: string): Promise<StaffGroupRef[]> {
  return activeGroups(db, orgId, ['managers']);
}

/** The groups a booking request goes to. */
export async function groupsForBooking(db: Db, bookingId: string): Promise<StaffGroupRef[]> {
  const b = await db('bookings').leftJoin('services', 'services.id', 'bookings.service_id').select('bookings.org_id', 'services.key as service').where('bookings.id', bookingId).first();
  if (!b) return [];
  const groups = await activeGroups(db, b.org_id, ['sales', 'support']);
  return groups.filter((g) => (g.purpose === 'sales' || g.routing.bookings === true) && allows(g.routing.services, b.service ?? null));
}

/**
 * The groups told that a customer waits for a person (core/staff/conversation-announcements.ts):
 * support groups whose language and VIP rules take the customer. A conversation has no case type,
 * so the other rules do not apply.
 */
export async function groupsForConversation(db: Db, orgId: string, customer: { language: string; isVip: boolean }): Promise<StaffGroupRef[]> {
  return (await activeGroups(db, orgId, ['support'])).filter((g) => allows(g.routing.languages, customer.language) && (g.routing.vip === undefined || g.routing.vip === customer.isVip));
}
