import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { canStaff } from '../access/roles.ts';
import { consumeNonce, deriveActionKey, POSTBACK_DATA_LIMIT, signAction, verifyAction } from './action-tokens.ts';

/** Signed postback data for staff actions: not forgeable, not replayable, short enough for LINE. */
const key = deriveActionKey(randomBytes(32));
const now = new Date('2026-11-21T10:00:00Z');
const inAnHour = new Date(now.getTime() + 3_600_000);
const orgId = randomUUID();
const caseId = randomUUID();

describe('signAction / verifyAction', () => {
  it('round-trips the payload, well within 300 characters', () => {
    const token = signAction({ orgId, action: 'case.take', subjectId: caseId, expiresAt: inAnHour }, key);
    expect(token.length).toBeLessThan(POSTBACK_DATA_LIMIT);
    expect(token.length).toBeLessThan(120);
    const v = verifyAction(token, key, now);
    expect(v).toMatchObject({ ok: true, payload: { orgId, action: 'case.take', subjectId: caseId, expiresAt: inAnHour } });
    if (v.ok) expect(v.payload.nonce).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('keeps a given nonce, a non-UUID subject, and the longest action under the limit', () => {
    const nonce = randomBytes(12).toString('base64url');
    const token = signAction({ orgId, action: 'x'.repeat(64), subjectId: 'C-000123'.padEnd(64, '9'), nonce, expiresAt: inAnHour }, key);
    expect(token.length).toBeLessThanOrEqual(POSTBACK_DATA_LIMIT);
    expect(verifyAction(token, key, now)).toMatchObject({ ok: true, payload: { nonce, subjectId: 'C-000123'.padEnd(64, '9') } });
    // Two tokens for the same action are different (their nonces are).
    const a = signAction({ orgId, action: 'case.take', subjectId: caseId, expiresAt: inAnHour }, key);
    const b = signAction({ orgId, action: 'case.take', subjectId: caseId, expiresAt: inAnHour }, key);
    expect(a).not.toBe(b);
  });

  it('refuses any changed character as tampered (or malformed), never as valid', () => {
    const token = signAction({ orgId, action: 'case.resolve', subjectId: caseId, expiresAt: inAnHour }, key);
    for (let i = 4; i < token.length; i++) {
      if (token[i] === '.') continue;
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      const v = verifyAction(flipped, key, now);
      expect(v.ok, `position ${i}`).toBe(false);
      if (!v.ok) expect(['tampered', 'malformed']).toContain(v.reason);
    }
    // A payload re-signed for another case without the key is refused.
    const other = signAction({ orgId, action: 'case.resolve', subjectId: randomUUID(), expiresAt: inAnHour }, key);
    const forged = other.split('.').slice(0, 2).join('.') + '.' + token.split('.')[2];
    expect(verifyAction(forged, key, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses an expired token', () => {
    const token = signAction({ orgId, action: 'case.take', subjectId: caseId, expiresAt: new Date(now.getTime() - 1000) }, key);
    expect(verifyAction(token, key, now)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another key', () => {
    const token = signAction({ orgId, action: 'case.take', subjectId: caseId, expiresAt: inAnHour }, deriveActionKey(randomBytes(32)));
    expect(verifyAction(token, key, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses what is not a token', () => {
    for (const data of ['', 'act=time&v=10:00', 'sa1.', 'sa1..', 'sa1.abc', 'sa1.abc.def', 'sa1.' + 'A'.repeat(400)]) {
      expect(verifyAction(data, key, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('consumeNonce', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.destroy());

  it('spends a verified token once; a replay is refused', async () => {
    const [org] = await db.knex('orgs').insert({ slug: 'tokens', name: 'Tokens' }).returning('id');
    const token = signAction({ orgId: org.id, action: 'case.take', subjectId: caseId, expiresAt: inAnHour }, key);
    const spend = async () =>
      db.knex.transaction(async (trx) => {
        const v = verifyAction(token, key, now);
        if (!v.ok) return v.reason;
        return (await consumeNonce(trx, v.payload.nonce, { orgId: v.payload.orgId, expiresAt: v.payload.expiresAt })) ? 'acted' : 'replayed';
      });
    expect(await spend()).toBe('acted');
    expect(await spend()).toBe('replayed');
    // Two at once: exactly one wins.
    const other = signAction({ orgId: org.id, action: 'case.take', subjectId: caseId, expiresAt: inAnHour }, key);
    const v = verifyAction(other, key, now);
    if (!v.ok) throw new Error(v.reason);
    const both = await Promise.all([0, 1].map(() => db.knex.transaction((trx) => consumeNonce(trx, v.payload.nonce))));
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(Number((await db.knex('staff_action_nonces').count({ n: '*' }))[0].n)).toBe(2);
  });
});

describe('canStaff', () => {
  const me = randomUUID();
  const someoneElse = randomUUID();
  it('lets support act on unowned or own cases only', () => {
    expect(canStaff('support', 'case.take', { ownerStaffId: null, actorStaffId: me })).toBe(true);
    expect(canStaff('support', 'case.resolve', { ownerStaffId: me, actorStaffId: me })).toBe(true);
    expect(canStaff('support', 'case.resolve', { ownerStaffId: someoneElse, actorStaffId: me })).toBe(false);
    expect(canStaff('support', 'case.reassign')).toBe(false);
    expect(canStaff('support', 'case.override')).toBe(false);
  });
  it('lets managers (and admins) reassign and override', () => {
    for (const role of ['manager', 'admin'] as const) {
      expect(canStaff(role, 'case.reassign')).toBe(true);
      expect(canStaff(role, 'case.override')).toBe(true);
      expect(canStaff(role, 'case.resolve', { ownerStaffId: someoneElse, actorStaffId: me })).toBe(true);
    }
  });
  it('lets the CEO read only', () => {
    expect(canStaff('ceo', 'case.view')).toBe(true);
    expect(canStaff('ceo', 'queue.view')).toBe(true);
    for (const action of ['case.take', 'case.set_status', 'case.resolve', 'case.reply', 'case.reassign', 'case.override', 'booking.take', 'booking.decide', 'group.setup'] as const) {
      expect(canStaff('ceo', action, { ownerStaffId: null, actorStaffId: me }), action).toBe(false);
    }
  });
});
