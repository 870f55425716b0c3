import type { Knex } from 'knex';
import { orgSettingsRow } from '../db/org-cache.ts';
import { notFound } from '../errors/index.ts';
import { iso } from '../time/iso.ts';
import { CASE_STATUS, isCaseStatus, OPEN_CASE_STATUSES } from './case-status.ts';
import { trackingLinkLive } from './tracking-link.ts';
import type { CaseStatus } from '../vocabulary.ts';

/**
 * How cases are read and shown: one query for a case with its type and orders, and the shapes
 * the API, the business's webhooks and the customer's tracking page show it in.
 */
type Db = Knex | Knex.Transaction;

/** Cases joined to their case types: the one way to read a case with its type (add selects, joins and filters). */
export function casesJoinedToTypes(db: Db) {
  return db('cases').join('case_types', 'case_types.id', 'cases.case_type_id');
}

/** Cases of an org, each with its type's key and names and its order ids. */
export function casesWithType(db: Db, orgId: string) {
  return casesJoinedToTypes(db)
    .select(
      'cases.*',
      'case_types.key as type_key',
      'case_types.name_th as type_name_th',
      'case_types.name_en as type_name_en',
      db.raw(`coalesce((SELECT array_agg(order_id ORDER BY created_at) FROM case_orders o WHERE o.case_id = cases.id), '{}') AS order_ids`),
    )
    .where('cases.org_id', orgId);
}

type CaseRow = Record<string, any>;

/** A case as the REST API lists it (core/contracts/cases.ts caseSummary). */
export function caseSummary(r: CaseRow) {
  return {
    id: r.id as string,
    number: r.number as string,
    type: r.type_key as string,
    status: r.status as CaseStatus,
    severity: r.severity as string,
    version: r.version as number,
    ownerStaffId: r.owner_staff_id as string | null,
    orderIds: (r.order_ids ?? []) as string[],
    openedAt: iso(r.created_at as Date),
    firstResponseDueAt: iso(r.first_response_due_at),
    resolutionDueAt: iso(r.resolution_due_at),
    resolvedAt: iso(r.resolved_at),
  };
}

/** A case as the business's webhooks carry it: the summary's facts and what moved. */
export function caseSnapshot(r: CaseRow) {
  const { id, number, type, status, severity, version, orderIds, openedAt, firstResponseDueAt, resolutionDueAt, resolvedAt } = caseSummary(r);
  return {
    id,
    number,
    type,
    status,
    severity,
    source: r.source as string,
    summary: (r.summary ?? null) as string | null,
    language: r.language as string,
    orderIds,
    version,
    rootCause: (r.root_cause ?? null) as string | null,
    openedAt,
    firstResponseDueAt,
    resolutionDueAt,
    firstRespondedAt: iso(r.first_responded_at),
    resolvedAt,
    closedAt: iso(r.closed_at),
  };
}
export type CaseSnapshot = ReturnType<typeof caseSnapshot>;

/** Open cases, the most urgent first (by resolution due time). */
export async function activeCases(db: Db, orgId: string) {
  const rows = await casesWithType(db, orgId).whereIn('cases.status', OPEN_CASE_STATUSES).orderByRaw('cases.resolution_due_at NULLS LAST').limit(500);
  return rows.map(caseSummary);
}

/** The cases linked to one of the business's order ids, newest first. */
export async function casesByOrder(db: Db, orgId: string, orderId: string) {
  const rows = await casesWithType(db, orgId)
    .whereExists(db('case_orders').whereRaw('case_orders.case_id = cases.id').andWhere('case_orders.order_id', orderId))
    .orderBy('cases.created_at', 'desc');
  return rows.map(caseSummary);
}

/** One case with its whole timeline, by number; not found when it is not this org's. */
export async function caseDetail(db: Db, orgId: string, number: string) {
  const row = await casesWithType(db, orgId).where('cases.number', number).first();
  if (!row) throw notFound('Case', { number });
  const events = await db('case_events').where({ case_id: row.id }).orderBy('id');
  return {
    ...caseSummary(row),
    rootCause: row.root_cause as string | null,
    fields: (row.fields ?? {}) as Record<string, unknown>,
    orders: await ordersOfCase(db, orgId, row.id),
    timeline: events.map((e) => ({ at: iso(e.created_at as Date), type: e.type as string, actorType: e.actor_type as string, data: e.data, public: e.is_public as boolean })),
  };
}

/** The orders a case names, in the order they were linked, each with what the main system reports of it (core/orders/). */
async function ordersOfCase(db: Db, orgId: string, caseId: string) {
  const rows = await db('case_orders as co')
    .leftJoin('orders as o', (j) => j.on('o.org_id', 'co.org_id').andOn('o.number', 'co.order_id'))
    .leftJoin('providers as p', 'p.id', 'o.provider_id')
    .select('co.order_id', 'co.amount', 'o.id', 'o.amount_minor', 'o.currency', 'o.status', 'p.key as provider', 'o.refund_status', 'o.refund_amount_minor', 'o.source_updated_at')
    .where({ 'co.case_id': caseId, 'co.org_id': orgId })
    .orderBy('co.created_at');
  const n = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    number: r.order_id as string,
    customerAmount: (r.amount ?? null) as string | null,
    synced: r.id
      ? {
          amountMinor: n(r.amount_minor),
          currency: r.currency as string,
          status: r.status,
          provider: (r.provider ?? null) as string | null,
          refundStatus: r.refund_status,
          refundAmountMinor: n(r.refund_amount_minor),
          updatedAt: iso(r.source_updated_at as Date),
        }
      : null,
  }));
}

/** The snapshot of one case, for a webhook about it. */
export async function loadCaseSnapshot(db: Db, orgId: string, caseId: string): Promise<CaseSnapshot> {
  const row = await casesWithType(db, orgId).where('cases.id', caseId).first();
  if (!row) throw new Error(`case ${caseId} not found for its event`);
  return caseSnapshot(row);
}

/** A case's id by its number; undefined when it is not this org's. */
export async function caseIdOfNumber(db: Db, orgId: string, number: string): Promise<string | undefined> {
  const row = await db('cases').select('id').where({ org_id: orgId, number }).first();
  return row?.id;
}

/** A case's id by its number; not found when it is not this org's. */
export async function caseIdByNumber(db: Db, orgId: string, number: string): Promise<string> {
  const id = await caseIdOfNumber(db, orgId, number);
  if (!id) throw notFound('Case', { number });
  return id;
}

/**
 * The customer of a case, by its number, for a new case opened for them (the staff's `/case
 * C-000123 ...`, bot/staff/new-case-command.ts): undefined when the org has no such case.
 */
export async function customerOfCaseNumber(db: Db, orgId: string, number: string): Promise<{ contactId: string | null; erased: boolean } | undefined> {
  const row = await db('cases')
    .leftJoin('contacts', 'contacts.id', 'cases.contact_id')
    .select('cases.contact_id', 'contacts.erased_at')
    .where({ 'cases.org_id': orgId, 'cases.number': number })
    .first();
  return row ? { contactId: row.contact_id, erased: row.erased_at != null } : undefined;
}

/** The case an `Idempotency-Key` opened (core/cases/case-requests.ts), with its type's names. */
export async function caseOfIdempotencyKey(db: Db, orgId: string, key: string): Promise<{ id: string; number: string; typeName: { th: string; en: string } } | undefined> {
  const row = await casesJoinedToTypes(db)
    .select('cases.id', 'cases.number', 'case_types.name_th', 'case_types.name_en')
    .where({ 'cases.org_id': orgId, 'cases.idempotency_key': key })
    .first();
  return row ? { id: row.id, number: row.number, typeName: { th: row.name_th, en: row.name_en } } : undefined;
}

/** Locks the case until the transaction ends, so that jobs about it take turns; false when it is gone. */
export async function lockCase(trx: Knex.Transaction, caseId: string): Promise<boolean> {
  return Boolean(await trx('cases').select('id').where({ id: caseId }).forUpdate().first());
}

/** The conversation a case's customer wrote from (where staff replies go), or null. */
export async function caseConversationId(db: Db, orgId: string, caseId: string): Promise<string | null | undefined> {
  const row = await db('cases').select('conversation_id').where({ id: caseId, org_id: orgId }).first();
  return row ? row.conversation_id : undefined;
}

/** The chat a case's customer is written on, with its channel's kind (`line`, `whatsapp`); undefined when the case has none. */
export async function caseCustomerChat(db: Db, orgId: string, caseId: string): Promise<{ conversationId: string; channel: string } | undefined> {
  const row = await db('cases')
    .join('conversations', 'conversations.id', 'cases.conversation_id')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .select('cases.conversation_id', 'channels.kind')
    .where({ 'cases.id': caseId, 'cases.org_id': orgId })
    .first();
  return row ? { conversationId: row.conversation_id as string, channel: row.kind as string } : undefined;
}

/** A case a staff member answers, by id or by number: its status, owner and customer conversation. */
export async function caseToAnswer(db: Db, orgId: string, target: { caseId: string } | { number: string }) {
  const row = await db('cases')
    .select('id', 'number', 'status', 'owner_staff_id', 'conversation_id')
    .where({ org_id: orgId, ...('caseId' in target ? { id: target.caseId } : { number: target.number }) })
    .first();
  return row as { id: string; number: string; status: CaseStatus; owner_staff_id: string | null; conversation_id: string | null } | undefined;
}

const TRACKING_TOKEN = /^[0-9a-f]{32}$/i;

/** What the customer's tracking link shows: status, expected time and the public timeline; not found for an unknown token. */
export async function caseTracking(db: Db, token: string) {
  if (!TRACKING_TOKEN.test(token)) throw notFound('Case');
  const row = await casesJoinedToTypes(db)
    .select('cases.*', 'case_types.name_th', 'case_types.name_en')
    .where({ tracking_token: token })
    .first();
  // A link stops working some time after its case ended: the same answer as a token that never was.
  if (!row || !isCaseStatus(row.status) || !trackingLinkLive(row, new Date())) throw notFound('Case');
  const status: CaseStatus = row.status;
  const events = await db('case_events').select('type', 'created_at', 'data').where({ case_id: row.id, is_public: true }).orderBy('id');
  return {
    business: ((await orgSettingsRow(db, row.org_id as string))?.name ?? '') as string,
    case: row.number as string,
    type: { th: row.name_th as string, en: row.name_en as string },
    status,
    statusLabel: CASE_STATUS[status].label,
    openedAt: iso(row.created_at as Date),
    expectedBy: iso(row.resolution_due_at),
    resolvedAt: iso(row.resolved_at),
    // A status change says which status it came to, so the page can say it in plain words.
    timeline: events.map((e) => {
      const to = (e.data as { to?: unknown } | null)?.to;
      return { at: iso(e.created_at as Date), event: e.type as string, ...(isCaseStatus(to) ? { status: to, statusLabel: CASE_STATUS[to].label } : {}) };
    }),
  };
}

export { trackingUrl } from './tracking-link.ts';

/** A case as a staff action sees it, locked until the action's transaction ends (taps on one case take turns). */
export async function lockCaseForAction(trx: Knex.Transaction, orgId: string, caseId: string) {
  const row = await trx('cases')
    .select('id', 'org_id', 'number', 'status', 'version', 'owner_staff_id', 'provider_id')
    .where({ id: caseId, org_id: orgId })
    .forUpdate()
    .first();
  if (!row) return undefined;
  // Read after the lock, on its own: a join locked with the case would show the owner as it was
  // before the tap this one waited for.
  const owner = row.owner_staff_id ? await trx('staff').select('display_name').where({ id: row.owner_staff_id }).first() : undefined;
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    number: row.number as string,
    status: row.status as CaseStatus,
    version: row.version as number,
    ownerStaffId: row.owner_staff_id as string | null,
    ownerName: (owner?.display_name ?? null) as string | null,
    providerId: row.provider_id as string | null,
  };
}
export type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCaseForAction>>>;

/** Status, number and owner of a case, as they are now. */
export async function caseState(db: Db, caseId: string): Promise<{ orgId: string; number: string; status: CaseStatus; ownerStaffId: string | null; resolutionDueAt: Date | null } | undefined> {
  const row = await db('cases').select('org_id', 'number', 'status', 'owner_staff_id', 'resolution_due_at').where({ id: caseId }).first();
  return row && { orgId: row.org_id, number: row.number, status: row.status, ownerStaffId: row.owner_staff_id, resolutionDueAt: row.resolution_due_at ? new Date(row.resolution_due_at) : null };
}

/** A case of the customer's in this conversation, with its type. */
export interface CaseInConversation {
  id: string;
  number: string;
  caseType: string;
}

/** The contact and conversation as values, or as references to an outer statement's row (`casesInConversationQuery`). */
type Named = string | Knex.Ref<string, Record<string, string>>;

const inConversation = (db: Db, c: { contactId: Named; conversationId: Named }) =>
  casesJoinedToTypes(db)
    .select('cases.id', 'cases.number', 'case_types.key as caseType')
    .where('cases.contact_id', c.contactId)
    .andWhere('cases.conversation_id', c.conversationId);

/** The bounds of what a customer's next message is about (`casesInConversation`). */
export interface CasesInConversationBounds {
  touchedSince: Date;
  resolvedSince: Date;
}

/**
 * The customer's newest open case in this conversation touched since `touchedSince` (what their next
 * message is about), and their case here resolved since `resolvedSince` (one a reply from them
 * reopens): each its own `LIMIT 1` branch of a `UNION ALL`, as every customer message asks both.
 * As a query: the contact and the conversation may name an outer statement's columns, so that the
 * statement that stores and reads a customer's message reads these with it (#41,
 * core/conversations `IncomingReadRules.cases`); `casesOf` reads its rows.
 */
export function casesInConversationQuery(db: Db, c: { contactId: Named; conversationId: Named } & CasesInConversationBounds): Knex.QueryBuilder {
  const open = inConversation(db, c).select(db.raw("'open' AS which")).whereIn('cases.status', OPEN_CASE_STATUSES).andWhere('cases.updated_at', '>', c.touchedSince).orderBy('cases.created_at', 'desc').limit(1);
  const resolved = inConversation(db, c).select(db.raw("'resolved' AS which")).where('cases.status', 'resolved').andWhere('cases.resolved_at', '>', c.resolvedSince).orderBy('cases.resolved_at', 'desc').limit(1);
  return db.unionAll([open, resolved], true);
}

/** The open and the resolved case among the rows of `casesInConversationQuery`. */
export function casesOf(rows: Record<string, unknown>[]): { open?: CaseInConversation; resolved?: CaseInConversation } {
  const pick = (which: string) => {
    const row = rows.find((r) => r.which === which);
    return row && { id: row.id as string, number: row.number as string, caseType: row.caseType as string };
  };
  return { open: pick('open'), resolved: pick('resolved') };
}

/** `casesInConversationQuery` for one contact and conversation: one statement. */
export async function casesInConversation(
  db: Db,
  c: { contactId: string; conversationId: string } & CasesInConversationBounds,
): Promise<{ open?: CaseInConversation; resolved?: CaseInConversation }> {
  return casesOf(await casesInConversationQuery(db, c));
}

const SEVERITY_RANK = `CASE cases.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

/** A staff member's open cases, most urgent first (resolution due time, then severity, then age): the first `limit`, and how many there are. */
export async function staffQueue(db: Db, c: { orgId: string; staffId: string; limit: number }) {
  const theirs = (q: Knex.QueryBuilder) => q.where({ 'cases.org_id': c.orgId, 'cases.owner_staff_id': c.staffId }).whereIn('cases.status', OPEN_CASE_STATUSES);
  const rows: CaseRow[] = await casesJoinedToTypes(db)
    .select('cases.id', 'cases.number', 'cases.status', 'cases.resolution_due_at', 'case_types.name_th', 'case_types.name_en')
    .modify(theirs)
    .orderByRaw(`cases.resolution_due_at ASC NULLS LAST, ${SEVERITY_RANK}, cases.created_at`)
    .limit(c.limit + 1);
  const total = rows.length > c.limit ? Number((await db('cases').modify(theirs).count({ n: '*' }))[0].n) : rows.length;
  return {
    total,
    cases: rows.slice(0, c.limit).map((r) => ({
      id: r.id as string,
      number: r.number as string,
      status: r.status as CaseStatus,
      resolutionDueAt: r.resolution_due_at ? new Date(r.resolution_due_at) : null,
      typeName: { th: r.name_th as string, en: r.name_en as string },
    })),
  };
}
