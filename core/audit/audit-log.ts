import type { Knex } from 'knex';

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

export async function recordAudit(db: Knex | Knex.Transaction, r: AuditRecord): Promise<void> {
  await db('audit_log').insert({
    org_id: r.orgId,
    actor_type: r.actorType,
    actor_id: r.actorId ?? null,
    action: r.action,
    subject_type: r.subjectType ?? null,
    subject_id: r.subjectId ?? null,
    details: JSON.stringify(r.details ?? {}),
    request_id: r.requestId ?? null,
  });
}
