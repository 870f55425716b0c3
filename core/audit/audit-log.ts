import type { Knex } from 'knex';
import { validationFailed } from '../errors/index.ts';
import { withNames, type Name } from './audit-names.ts';

/** An append-only record of who changed what; the table itself refuses updates and deletes. */
export interface AuditRecord {
  orgId: string;
  actorType: 'api_key' | 'staff' | 'system' | 'customer';
  actorId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** One entry, or many in one statement (an orders sync records one per order it changed). */
export async function recordAudit(db: Knex | Knex.Transaction, r: AuditRecord | AuditRecord[]): Promise<void> {
  const records = Array.isArray(r) ? r : [r];
  if (records.length === 0) return;
  await db('audit_log').insert(
    records.map((a) => ({
      org_id: a.orgId,
      actor_type: a.actorType,
      actor_id: a.actorId ?? null,
      action: a.action,
      subject_type: a.subjectType ?? null,
      subject_id: a.subjectId ?? null,
      details: JSON.stringify(a.details ?? {}),
      request_id: a.requestId ?? null,
    })),
  );
}

/**
 * Reading the log (`GET /api/v1/audit`): newest first, by who acted, what they changed, the action
 * and the period, a page at a time. The order is (created_at, id), the same as the indexes of
 * migration 20261126095000, so a page of one actor's month reads only that page's rows, however
 * long the log has grown (bench/audit-log.ts).
 */
export interface AuditFilter {
  actorType?: AuditRecord['actorType'];
  actorId?: string;
  entity?: string;
  entityId?: string;
  /** An action, or a prefix of actions ending in `*` (`case.*`). */
  action?: string;
  /** Already instants: the route resolves dates in the org's time zone (`periodBound`). */
  from?: Date;
  to?: Date;
}

interface AuditRow {
  id: string;
  created_at: Date;
  actor_type: AuditRecord['actorType'];
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  /** created_at to the microsecond, for the cursor (a Date keeps milliseconds only). */
  at_exact: string;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorType: AuditRecord['actorType'];
  actorId: string | null;
  /** The staff member's or API key's name (audit-names.ts). */
  actorName: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  /** What the entry is about, by the name or number the business knows it by. */
  entityName: Name | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

const entryOf = (r: AuditRow): Omit<AuditEntryView, 'actorName' | 'entityName'> => ({
  id: String(r.id),
  at: new Date(r.created_at).toISOString(),
  actorType: r.actor_type,
  actorId: r.actor_id,
  action: r.action,
  entity: r.subject_type,
  entityId: r.subject_id,
  details: r.details,
  requestId: r.request_id,
});

/** Where a page ends: its last entry's moment and id. Opaque to callers. */
interface AuditCursor {
  at: string;
  id: string;
}

const encodeCursor = (c: AuditCursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

function decodeCursor(cursor: string): AuditCursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof c?.at === 'string' && !Number.isNaN(Date.parse(c.at)) && typeof c?.id === 'string' && /^\d{1,19}$/.test(c.id)) return c;
  } catch {
    // falls through
  }
  throw validationFailed('The cursor is not one this API gave', [{ path: 'cursor', message: 'Unknown cursor' }]);
}

function matching(db: Knex, orgId: string, f: AuditFilter, after?: AuditCursor) {
  const q = db('audit_log')
    .select('*', db.raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_exact`))
    .where({ org_id: orgId });
  if (f.actorType) q.where('actor_type', f.actorType);
  if (f.actorId) q.where('actor_id', f.actorId);
  if (f.entity) q.where('subject_type', f.entity);
  if (f.entityId) q.where('subject_id', f.entityId);
  if (f.action?.endsWith('*')) q.whereLike('action', `${f.action.slice(0, -1).replace(/_/g, '\\_')}%`);
  else if (f.action) q.where('action', f.action);
  if (f.from) q.where('created_at', '>=', f.from);
  if (f.to) q.where('created_at', '<', f.to);
  if (after) q.whereRaw('(created_at, id) < (?::timestamptz, ?::bigint)', [after.at, after.id]);
  return q.orderBy([
    { column: 'created_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
}

export async function auditPage(db: Knex, orgId: string, f: AuditFilter & { limit?: number; cursor?: string }): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const limit = f.limit ?? 100;
  const rows: AuditRow[] = await matching(db, orgId, f, f.cursor ? decodeCursor(f.cursor) : undefined).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await withNames(db, orgId, page.map(entryOf)),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at_exact, id: String(last.id) }) : null,
  };
}

/** Every matching entry, newest first, `batch` at a time: for the CSV, which never holds more than a batch. */
export async function* auditEntries(db: Knex, orgId: string, f: AuditFilter, batch = 1000): AsyncGenerator<AuditEntryView[]> {
  let after: AuditCursor | undefined;
  for (;;) {
    const rows: AuditRow[] = await matching(db, orgId, f, after).limit(batch);
    if (rows.length) yield await withNames(db, orgId, rows.map(entryOf));
    if (rows.length < batch) return;
    const last = rows.at(-1)!;
    after = { at: last.at_exact, id: String(last.id) };
  }
}
