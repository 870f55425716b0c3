import type { Knex } from 'knex';
import { iso } from '../time/iso.ts';
import { CASE_STATUS, isCaseStatus, OPEN_CASE_STATUSES } from './case-status.ts';
import { casesJoinedToTypes } from './case-queries.ts';
import { trackingLinkLive, trackingPath } from './tracking-link.ts';

/**
 * A customer's own cases, newest first, as their "my bookings and cases" page lists them: what
 * the tracking page shows, and the path of that page while the case's link still works.
 */
export async function casesOfCustomer(db: Knex, c: { orgId: string; contactId: string; now?: Date; limit?: number }) {
  const rows = await casesJoinedToTypes(db)
    .select('cases.number', 'cases.status', 'cases.tracking_token', 'cases.created_at', 'cases.resolution_due_at', 'cases.resolved_at', 'cases.closed_at', 'case_types.name_th', 'case_types.name_en')
    .where({ 'cases.org_id': c.orgId, 'cases.contact_id': c.contactId })
    .orderBy('cases.created_at', 'desc')
    .limit(c.limit ?? 50);
  const now = c.now ?? new Date();
  return rows.filter((r) => isCaseStatus(r.status)).map((r) => ({
    number: r.number as string,
    type: { th: r.name_th as string, en: r.name_en as string },
    status: r.status as string,
    statusLabel: CASE_STATUS[r.status as keyof typeof CASE_STATUS].label,
    open: r.status !== 'resolved' && r.status !== 'closed',
    openedAt: iso(r.created_at as Date),
    expectedBy: iso(r.resolution_due_at),
    trackingPath: trackingLinkLive(r, now) ? trackingPath(r.tracking_token as string) : null,
  }));
}

/** A customer's cases, newest first, as staff see them in the customer's 360 view (api/admin/contact-routes.ts). */
export async function casesOfContact(db: Knex | Knex.Transaction, orgId: string, contactId: string) {
  const rows = await casesJoinedToTypes(db)
    .select('cases.id', 'cases.number', 'cases.status', 'cases.severity', 'cases.created_at', 'cases.resolved_at', 'case_types.key as type', 'case_types.name_th', 'case_types.name_en')
    .where({ 'cases.contact_id': contactId, 'cases.org_id': orgId })
    .orderBy('cases.created_at', 'desc');
  return rows.map((k) => ({
    id: k.id as string,
    number: k.number as string,
    type: k.type as string,
    typeName: { th: k.name_th as string, en: k.name_en as string },
    status: k.status as string,
    severity: k.severity as string,
    openedAt: iso(k.created_at as Date),
    resolvedAt: iso(k.resolved_at),
  }));
}

/**
 * The number of a customer's latest open case, or null: `{{case_id}}` in a saved reply
 * (core/conversations/saved-replies.ts takes this read from its callers; it may not import this folder).
 */
export async function latestOpenCaseNumber(db: Knex | Knex.Transaction, orgId: string, contactId: string): Promise<string | null> {
  const row = await db('cases')
    .select('number')
    .where({ org_id: orgId, contact_id: contactId })
    .whereIn('status', OPEN_CASE_STATUSES)
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first();
  return (row?.number as string | undefined) ?? null;
}

/** What happened to a customer's cases, as the conversation's thread shows it among the messages. */
export const CASE_EVENTS_IN_THREAD = ['created', 'status_changed', 'reopened'] as const;

/**
 * A customer's case events (opened, status changes, reopened) between two times, oldest first, for
 * the conversation's thread (api/admin/conversation-routes.ts): at most `limit`, the latest.
 */
export async function caseEventsOfContact(db: Knex | Knex.Transaction, orgId: string, contactId: string, o: { since?: string | null; until?: string | null; limit: number }) {
  const rows = await casesJoinedToTypes(db)
    .join('case_events as e', 'e.case_id', 'cases.id')
    .select('e.id', 'e.type', 'e.data', 'e.created_at', 'cases.number', 'case_types.name_th', 'case_types.name_en')
    .where({ 'cases.org_id': orgId, 'cases.contact_id': contactId })
    .whereIn('e.type', CASE_EVENTS_IN_THREAD)
    .modify((q) => (o.since ? q.where('e.created_at', '>=', o.since) : q))
    .modify((q) => (o.until ? q.where('e.created_at', '<', o.until) : q))
    .orderBy('e.id', 'desc')
    .limit(o.limit);
  return rows.reverse().map((e: Record<string, any>) => ({
    id: `case-${e.id}`,
    at: iso(e.created_at as Date)!,
    subject: 'case' as const,
    number: e.number as string,
    type: e.type as string,
    to: (e.data?.to as string | undefined) ?? null,
    what: { th: e.name_th as string, en: e.name_en as string },
  }));
}
