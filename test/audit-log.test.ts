import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../core/audit/audit-log.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/** `GET /api/v1/audit`: the audit log read by admins and the CEO, by actor, entity, action and period (#42). */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
const keys: Record<string, { id: string; key: string }> = {};

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'] });
  api = apiClient(sys);
  for (const role of ['support', 'manager', 'ceo', 'admin'] as const) {
    const res = await api('POST', '/api/v1/api-keys', { name: `audit ${role}`, role });
    keys[role] = { id: res.json.id, key: res.json.key };
  }
});
afterAll(() => sys?.stopAll());

const auditRows = () => sys.knex('audit_log').count<{ count: string }[]>('* as count').first().then((r) => Number(r!.count));

describe('reading the audit log', () => {
  it('lists a real change newest first: who did it, what, and through which request', async () => {
    const revoke = await api('DELETE', `/api/v1/api-keys/${keys.manager.id}`);
    expect(revoke.status).toBeLessThan(300);
    const res = await api('GET', `/api/v1/audit?entity=api_key&entityId=${keys.manager.id}`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((e: { action: string }) => e.action)).toEqual(['api_key.revoked', 'api_key.issued']);
    expect(res.json.items[0]).toMatchObject({ actorType: 'api_key', entity: 'api_key', entityId: keys.manager.id, requestId: revoke.requestId });
    expect(res.json.nextCursor).toBeNull();
    // Names, not only ids: the key that acted, the key it was about; and the zone dates are read in.
    const admin = await sys.knex('api_keys').where({ id: res.json.items[0].actorId }).first();
    expect(res.json.items[0]).toMatchObject({ actorName: admin.name, entityName: { th: 'audit manager', en: 'audit manager' } });
    expect(res.json.timeZone).toBe('Asia/Bangkok');
  });

  it('filters by actor, action (exact or a prefix) and period, and pages without losing or repeating an entry', async () => {
    const orgId = sys.defaultOrgId;
    // 25 entries by one staff member across three days, 5 by another, 3 by the system.
    const staffA = 'staff-a';
    for (let i = 0; i < 25; i++) {
      await recordAudit(sys.knex, { orgId, actorType: 'staff', actorId: staffA, action: i % 2 ? 'case.type_changed' : 'case.severity_changed', subjectType: 'case', subjectId: `C-${i}` });
    }
    for (let i = 0; i < 5; i++) await recordAudit(sys.knex, { orgId, actorType: 'staff', actorId: 'staff-b', action: 'booking.updated', subjectType: 'booking', subjectId: `B-${i}` });
    for (let i = 0; i < 3; i++) await recordAudit(sys.knex, { orgId, actorType: 'system', action: 'case.type_changed', subjectType: 'case', subjectId: `S-${i}` });
    // Move staff A's first ten to two days ago (the table refuses updates: insert them as such).
    await sys.knex.raw(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    try {
      await sys.knex('audit_log').where({ actor_id: staffA }).whereIn('subject_id', [...Array(10).keys()].map((i) => `C-${i}`)).update({ created_at: sys.knex.raw(`now() - interval '2 days'`) });
    } finally {
      await sys.knex.raw(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api('GET', `/api/v1/audit?actorType=staff&actorId=${staffA}&limit=7${cursor ? `&cursor=${cursor}` : ''}`, undefined, keys.ceo.key);
      expect(res.status).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(7);
      for (const e of res.json.items) expect(e.actorId).toBe(staffA);
      seen.push(...res.json.items.map((e: { entityId: string }) => e.entityId));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    // Newest first: the ten moved back come last.
    expect(seen.slice(15).sort()).toEqual([...Array(10).keys()].map((i) => `C-${i}`).sort());

    const typeChanges = await api('GET', '/api/v1/audit?action=case.type_changed&limit=500');
    expect(typeChanges.json.items.map((e: { action: string }) => e.action)).toEqual(Array(12 + 3).fill('case.type_changed'));
    const caseActions = await api('GET', '/api/v1/audit?action=case.*&limit=500');
    expect(caseActions.json.items).toHaveLength(28);

    const at = (msFromNow: number) => encodeURIComponent(new Date(Date.now() + msFromNow).toISOString());
    const recent = await api('GET', `/api/v1/audit?actorType=staff&actorId=${staffA}&from=${at(-86_400_000)}&to=${at(3_600_000)}&limit=500`);
    expect(recent.json.items).toHaveLength(15);
    const older = await api('GET', `/api/v1/audit?actorType=staff&actorId=${staffA}&to=${at(-86_400_000)}&limit=500`);
    expect(older.json.items).toHaveLength(10);
  });

  it('answers every matching entry as CSV, newest first, details as JSON', async () => {
    const res = await fetch(`${sys.url}/api/v1/audit?actorType=staff&actorId=staff-b&format=csv`, { headers: { authorization: `Bearer ${keys.admin.key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    // The names came later: at the end, so the columns before them keep their places.
    expect(lines[0]).toBe('id,at (Asia/Bangkok),actorType,actorId,action,entity,entityId,details,requestId,actorName,entityName');
    expect(lines.slice(1).map((l) => l.split(',')[6])).toEqual(['B-4', 'B-3', 'B-2', 'B-1', 'B-0']);
    expect(lines[1]).toMatch(/,staff-b,booking\.updated,booking,B-4,\{\},,,$/);
  });

  it('an empty CSV is its header alone', async () => {
    const res = await fetch(`${sys.url}/api/v1/audit?action=nothing.ever`, { headers: { authorization: `Bearer ${keys.admin.key}`, accept: 'text/csv' } });
    expect((await res.text()).trimEnd().split('\r\n')).toHaveLength(1);
  });
});

describe('bad requests to the audit log', () => {
  it('a support key gets 403 and reads nothing', async () => {
    const res = await api('GET', '/api/v1/audit', undefined, keys.support.key);
    expect(res.status).toBe(403);
    expect(res.json.items).toBeUndefined();
  });

  it('a cursor it did not give, an actor id without its type, a bad period or limit: 422 naming the field, and the log unchanged', async () => {
    const before = await auditRows();
    for (const [query, field] of [
      ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
      ['actorId=staff-a', 'actorId'],
      ['entityId=C-1', 'entityId'],
      ['from=yesterday', 'from'],
      ['limit=501', 'limit'],
      ['action=case.*.x', 'action'],
      ['actor=staff-a', ''],
    ] as const) {
      const res = await api('GET', `/api/v1/audit?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      if (field) expect([query, JSON.stringify(res.json.error.details)]).toEqual([query, expect.stringContaining(field)]);
    }
    expect(await auditRows()).toBe(before);
  });
});
