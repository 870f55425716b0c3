import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { StaffRole } from '../vocabulary.ts';
import { allowedCaseActions, checkMove, move, reassign, staffActor, take, type StaffActor } from './case-commands.ts';
import { openCase } from './open-case.ts';
import { transitionCase } from './transition.ts';

/**
 * The case commands on a real database: every refusal, with the facts a door needs to say it, and
 * nothing written when refused; taking over someone else's case as a reassignment, per role.
 */
let db: TestDatabase;
let orgId: string;
const staff: Record<string, StaffActor> = {};
const now = new Date('2026-11-25T03:00:00Z');

async function addStaff(name: string, role: StaffRole, o: { active?: boolean; org?: string } = {}): Promise<StaffActor> {
  const [row] = await db.knex('staff').insert({ org_id: o.org ?? orgId, display_name: name, role, is_active: o.active ?? true }).returning('id');
  return staffActor({ id: row.id, role });
}

beforeAll(async () => {
  db = await createTestDatabase();
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: `cmd-${randomUUID().slice(0, 8)}`, name: 'Commands', time_zone: 'Asia/Bangkok' }).returning('id');
  await db.knex('case_types').insert({ org_id: orgId, key: 'late', name_th: 'ส่งช้า', name_en: 'Late', category: 'other', first_response_minutes: 30, resolution_minutes: 600 });
  staff.somchai = await addStaff('Somchai', 'support');
  staff.nok = await addStaff('Nok', 'support');
  staff.mali = await addStaff('Mali', 'manager');
  staff.ada = await addStaff('Ada', 'admin');
  staff.boss = await addStaff('Boss', 'ceo');
  staff.leaver = await addStaff('Leaver', 'support', { active: false });
}, 120_000);
afterAll(() => db?.destroy());

const inTrx = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => db.knex.transaction(fn);

async function newCase(owner?: StaffActor): Promise<{ id: string; number: string }> {
  const c = await inTrx((trx) => openCase(trx, { orgId, caseTypeKey: 'late', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'late', language: 'en', fields: {}, now }));
  if (owner) expect(await inTrx((trx) => take(trx, owner, { orgId, caseId: c.id, now }))).toMatchObject({ ok: true, changed: true });
  return c;
}

/** What a refusal must leave as it was. */
const snapshot = async (caseId: string) => {
  const c = await db.knex('cases').where({ id: caseId }).first();
  const [{ n }] = await db.knex('case_events').where({ case_id: caseId }).count<{ n: string }[]>('* as n');
  return { status: c.status, owner: c.owner_staff_id, version: c.version, events: Number(n) };
};

describe('allowedCaseActions', () => {
  it('support: anything on an unowned or own case, nothing but reading on someone else’s; never reassign', () => {
    expect(allowedCaseActions(staff.somchai, { ownerStaffId: null })).toEqual({ allowed: ['take', 'move', 'resolve', 'reply'], refusals: { reassign: { reason: 'role_forbids', ownerName: null } } });
    expect(allowedCaseActions(staff.somchai, { ownerStaffId: staff.somchai.staffId }).allowed).toEqual(['take', 'move', 'resolve', 'reply']);
    expect(allowedCaseActions(staff.somchai, { ownerStaffId: staff.nok.staffId, ownerName: 'Nok' })).toEqual({
      allowed: [],
      refusals: {
        take: { reason: 'owner', ownerName: 'Nok' },
        reassign: { reason: 'role_forbids', ownerName: null },
        move: { reason: 'owner', ownerName: 'Nok' },
        resolve: { reason: 'owner', ownerName: 'Nok' },
        reply: { reason: 'owner', ownerName: 'Nok' },
      },
    });
  });

  it('managers and admins: everything, someone else’s case included (taking it over is a reassignment); the CEO nothing', () => {
    for (const who of [staff.mali, staff.ada]) {
      expect(allowedCaseActions(who, { ownerStaffId: staff.nok.staffId, ownerName: 'Nok' })).toEqual({ allowed: ['take', 'reassign', 'move', 'resolve', 'reply'], refusals: {} });
    }
    const ceo = allowedCaseActions(staff.boss, { ownerStaffId: null });
    expect(ceo.allowed).toEqual([]);
    expect(Object.values(ceo.refusals).every((r) => r.reason === 'role_forbids')).toBe(true);
  });
});

describe('take', () => {
  it('takes a new case and starts its work; the same person again is unchanged', async () => {
    const c = await newCase();
    const r = await inTrx((trx) => take(trx, staff.somchai, { orgId, number: c.number, expectedVersion: 1, now }));
    expect(r).toMatchObject({ ok: true, changed: true, before: { ownerStaffId: null, status: 'new' }, case: { status: 'investigating', ownerStaffId: staff.somchai.staffId } });
    const row = await db.knex('cases').where({ id: c.id }).first();
    expect(r.ok && r.case.version).toBe(row.version);
    expect(row.first_responded_at).not.toBeNull();
    const before = await snapshot(c.id);
    expect(await inTrx((trx) => take(trx, staff.somchai, { orgId, caseId: c.id, now }))).toMatchObject({ ok: true, changed: false });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('taking over someone else’s case: support is refused with the owner, a manager and an admin take it over', async () => {
    const c = await newCase(staff.somchai);
    const before = await snapshot(c.id);
    const refused = await inTrx((trx) => take(trx, staff.nok, { orgId, caseId: c.id, now }));
    expect(refused).toMatchObject({ ok: false, refusal: 'owned_by', action: 'case.take', case: { ownerStaffId: staff.somchai.staffId, ownerName: 'Somchai', number: c.number } });
    expect(await snapshot(c.id)).toEqual(before);
    for (const who of [staff.mali, staff.ada]) {
      const r = await inTrx((trx) => take(trx, who, { orgId, caseId: c.id, now }));
      expect(r).toMatchObject({ ok: true, changed: true, case: { ownerStaffId: who.staffId } });
    }
    const changes = await db.knex('case_events').where({ case_id: c.id, type: 'owner_changed' }).orderBy('id');
    expect(changes.map((e) => e.data)).toEqual([
      { from: null, to: staff.somchai.staffId },
      { from: staff.somchai.staffId, to: staff.mali.staffId },
      { from: staff.mali.staffId, to: staff.ada.staffId },
    ]);
  });

  it('refuses no such case, a role that only reads, a stale version and a case no longer open, changing nothing', async () => {
    expect(await inTrx((trx) => take(trx, staff.somchai, { orgId, number: 'C-NOPE', now }))).toEqual({ ok: false, refusal: 'no_such_case' });
    expect(await inTrx((trx) => take(trx, staff.somchai, { orgId: randomUUID(), caseId: randomUUID(), now }))).toEqual({ ok: false, refusal: 'no_such_case' });

    const c = await newCase();
    const before = await snapshot(c.id);
    expect(await inTrx((trx) => take(trx, staff.boss, { orgId, caseId: c.id, now }))).toMatchObject({ ok: false, refusal: 'role_forbids', action: 'case.take', role: 'ceo' });
    expect(await inTrx((trx) => take(trx, staff.somchai, { orgId, caseId: c.id, expectedVersion: before.version + 5, now }))).toMatchObject({
      ok: false,
      refusal: 'stale_version',
      case: { version: before.version, status: 'new' },
    });
    expect(await snapshot(c.id)).toEqual(before);

    await inTrx((trx) => transitionCase(trx, { orgId, caseId: c.id, to: 'resolved', actor: { type: 'system', id: null }, now }));
    expect(await inTrx((trx) => take(trx, staff.mali, { orgId, caseId: c.id, now }))).toMatchObject({ ok: false, refusal: 'not_open', action: 'case.take', case: { status: 'resolved' } });
  });

  it("withdraws when the caller's last check says no, after every rule passed: nothing changes", async () => {
    const c = await newCase();
    const before = await snapshot(c.id);
    const seen: string[] = [];
    const r = await inTrx((trx) => take(trx, staff.somchai, { orgId, caseId: c.id, now, beforeChange: async (locked) => (seen.push(locked.number), false) }));
    expect(r).toMatchObject({ ok: false, refusal: 'withdrawn', case: { number: c.number } });
    expect(seen).toEqual([c.number]);
    expect(await snapshot(c.id)).toEqual(before);
    // A rule that refuses first never asks.
    await inTrx((trx) => take(trx, staff.boss, { orgId, caseId: c.id, now, beforeChange: async () => (seen.push('asked'), true) }));
    expect(seen).toEqual([c.number]);
  });
});

describe('reassign', () => {
  it('gives an open case to someone who works cases, with the door on the timeline event’s context; the owner again is unchanged', async () => {
    const c = await newCase(staff.somchai);
    const v = (await snapshot(c.id)).version;
    const r = await inTrx((trx) => reassign(trx, staff.mali, { orgId, number: c.number, assigneeId: staff.nok.staffId, expectedVersion: v, now, via: 'desk' }));
    expect(r).toMatchObject({ ok: true, changed: true, assignee: { id: staff.nok.staffId, displayName: 'Nok' }, case: { ownerStaffId: staff.nok.staffId, version: v + 1 } });
    expect(await db.knex('case_events').where({ case_id: c.id, type: 'owner_changed' }).orderBy('id', 'desc').first()).toMatchObject({
      actor_id: staff.mali.staffId,
      data: { from: staff.somchai.staffId, to: staff.nok.staffId },
    });
    const before = await snapshot(c.id);
    expect(await inTrx((trx) => reassign(trx, staff.ada, { orgId, caseId: c.id, assigneeId: staff.nok.staffId, now, via: 'line' }))).toMatchObject({ ok: true, changed: false, assignee: { displayName: 'Nok' } });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('refuses support, a stale version, someone who cannot work cases, and a closed case, changing nothing', async () => {
    const c = await newCase(staff.somchai);
    const before = await snapshot(c.id);
    const give = (who: StaffActor, assigneeId: string | null, expectedVersion?: number) =>
      inTrx((trx) => reassign(trx, who, { orgId, caseId: c.id, assigneeId, expectedVersion, now, via: 'desk' }));
    expect(await give(staff.somchai, staff.nok.staffId)).toMatchObject({ ok: false, refusal: 'role_forbids', action: 'case.reassign', role: 'support' });
    expect(await give(staff.mali, staff.nok.staffId, before.version - 1)).toMatchObject({ ok: false, refusal: 'stale_version' });
    const otherOrg = (await db.knex('orgs').insert({ slug: `o-${randomUUID().slice(0, 8)}`, name: 'Other' }).returning('id'))[0].id;
    const stranger = await addStaff('Stranger', 'support', { org: otherOrg });
    for (const assignee of [staff.boss.staffId, staff.leaver.staffId, stranger.staffId, randomUUID(), null]) {
      expect(await give(staff.mali, assignee)).toMatchObject({ ok: false, refusal: 'no_such_assignee', case: { number: c.number } });
    }
    expect(await snapshot(c.id)).toEqual(before);

    await inTrx((trx) => transitionCase(trx, { orgId, caseId: c.id, to: 'resolved', actor: { type: 'system', id: null }, now }));
    expect(await give(staff.mali, staff.nok.staffId)).toMatchObject({ ok: false, refusal: 'not_open', action: 'case.reassign' });
  });
});

describe('move', () => {
  it('moves along the state machine and resolves with a root cause; the owner or a manager, not other support', async () => {
    const c = await newCase(staff.somchai);
    const v = (await snapshot(c.id)).version;
    expect(await inTrx((trx) => move(trx, staff.nok, { orgId, caseId: c.id, to: 'fixing', now }))).toMatchObject({ ok: false, refusal: 'owned_by', action: 'case.set_status', case: { ownerName: 'Somchai' } });
    expect(await inTrx((trx) => move(trx, staff.nok, { orgId, caseId: c.id, to: 'resolved', rootCause: 'user_error', now }))).toMatchObject({ ok: false, refusal: 'owned_by', action: 'case.resolve' });
    const moved = await inTrx((trx) => move(trx, staff.somchai, { orgId, number: c.number, to: 'fixing', expectedVersion: v, now }));
    expect(moved).toMatchObject({ ok: true, from: 'investigating', to: 'fixing', version: v + 1, reopened: false });
    expect(await inTrx((trx) => move(trx, staff.mali, { orgId, caseId: c.id, to: 'resolved', rootCause: 'user_error', now }))).toMatchObject({ ok: true, to: 'resolved' });
    // Reopening a resolved case is a move too.
    expect(await inTrx((trx) => move(trx, staff.somchai, { orgId, caseId: c.id, to: 'investigating', now }))).toMatchObject({ ok: true, reopened: true });
  });

  it('refuses a read-only role, a stale version, a move the state machine has no edge for, and what the status change itself refuses', async () => {
    const c = await newCase(staff.somchai);
    const before = await snapshot(c.id);
    expect(await inTrx((trx) => move(trx, staff.boss, { orgId, caseId: c.id, to: 'fixing', now }))).toMatchObject({ ok: false, refusal: 'role_forbids', action: 'case.set_status', role: 'ceo' });
    expect(await inTrx((trx) => move(trx, staff.somchai, { orgId, caseId: c.id, to: 'fixing', expectedVersion: before.version + 1, now }))).toMatchObject({ ok: false, refusal: 'stale_version' });
    expect(await inTrx((trx) => move(trx, staff.somchai, { orgId, caseId: c.id, to: 'investigating', now }))).toMatchObject({
      ok: false,
      refusal: 'cannot_move',
      to: 'investigating',
      case: { status: 'investigating' },
    });
    const rejected = await inTrx((trx) => move(trx, staff.somchai, { orgId, caseId: c.id, to: 'closed', now }));
    expect(rejected).toMatchObject({ ok: false, refusal: 'rejected', case: { status: 'investigating' } });
    expect(!rejected.ok && rejected.refusal === 'rejected' && rejected.error.code).toBe('validation_failed');
    expect(await snapshot(c.id)).toEqual(before);

    await inTrx((trx) => move(trx, staff.somchai, { orgId, caseId: c.id, to: 'closed', rootCause: 'user_error', now }));
    const closed = await inTrx((trx) => checkMove(trx, staff.mali, { orgId, caseId: c.id, to: 'investigating' }));
    expect(closed).toMatchObject({ ok: false, refusal: 'cannot_move', allowed: [] });
  });

  it("an integration moves anyone's case, held to the version it saw and the state machine", async () => {
    const c = await newCase(staff.somchai);
    const v = (await snapshot(c.id)).version;
    const integration = { type: 'integration' as const, apiKeyId: randomUUID() };
    expect(await inTrx((trx) => move(trx, integration, { orgId, number: c.number, to: 'fixing', expectedVersion: v - 1, now }))).toMatchObject({ ok: false, refusal: 'stale_version' });
    expect(await inTrx((trx) => move(trx, integration, { orgId, number: c.number, to: 'fixing', expectedVersion: v, now }))).toMatchObject({ ok: true, to: 'fixing' });
    expect(await db.knex('case_events').where({ case_id: c.id, type: 'status_changed' }).orderBy('id', 'desc').first()).toMatchObject({ actor_type: 'api_key', actor_id: integration.apiKeyId });
  });
});
