import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystemIn, type TestSystem } from './support/test-system.ts';

/**
 * Members (docs/members.md): the check (a member with a 5-class package books a class
 * through the API with credits, the count drops by one, a second booking racing for the last
 * credit is refused with a clear reason) and every bad input, each showing the answer and that
 * nothing was lost. Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const ZONE = 'Asia/Bangkok';

beforeAll(async () => {
  sys = await startTestSystemIn(ZONE);
});
afterAll(() => sys?.stopAll());

let n = 0;
const addDays = (date: string, d: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + d * 86_400_000).toISOString().slice(0, 10);
const inDays = (d: number) => addDays(localMoment(ZONE).date, d);

async function aService(price = '800'): Promise<string> {
  n += 1;
  const key = `cook_${n}`;
  const r = await api('POST', '/api/v1/services', { key, name: { th: `คลาสทำอาหาร ${n}`, en: `Cooking class ${n}` }, durationMinutes: 180, capacity: 12, price });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return key;
}

async function aSession(service: string, days: number, capacity = 12, time = '10:00'): Promise<string> {
  const r = await api('POST', `/api/v1/services/${service}/sessions`, { date: inDays(days), time, capacity });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.items[0].id;
}

async function aPackage(services: string[], over: Record<string, unknown> = {}): Promise<string> {
  n += 1;
  const key = `five_${n}`;
  const r = await api('POST', '/api/v1/member-packages', { key, nameTh: `แพ็กเกจ 5 คลาส ${n}`, nameEn: `5 classes ${n}`, credits: 5, services, priceMinor: 500_000, validityDays: 90, ...over });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return key;
}

async function aMember(name = 'Member'): Promise<{ id: string; number: string; contactId: string }> {
  const [c] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: `${name} ${++n}`, language: 'th' }).returning('id');
  const r = await api('POST', '/api/v1/members', { contactId: c.id });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  expect(r.json.number).toMatch(/^MEM-\d{4}-[0-9A-Z]{4}$/);
  return r.json;
}

const sell = (memberId: string, packageKey: string, paidWith = 'transfer') => api('POST', `/api/v1/members/${memberId}/packages`, { packageKey, paidWith });
const card = async (memberId: string) => (await api('GET', `/api/v1/members/${memberId}`)).json;
const creditsOf = async (memberId: string) => (await card(memberId)).packages.filter((p: { status: string }) => p.status === 'active').reduce((s: number, p: { creditsLeft: number }) => s + p.creditsLeft, 0);
const book = (member: { number: string }, sessionId: string, payWith = 'credits') => api('POST', '/api/v1/bookings', { session_id: sessionId, member_number: member.number, pay_with: payWith, language: 'th' });
const bookingsOf = async (contactId: string) => Number((await sys.knex('bookings').where({ contact_id: contactId }).count('* as n'))[0].n);
const seatsTaken = async (sessionId: string) => (await sys.knex('service_sessions').where({ id: sessionId }).first('seats_taken')).seats_taken as number;

async function ledgerSound() {
  expect((await trialBalance(sys.knex, sys.defaultOrgId)).balanced).toBe(true);
  expect(await rebuildBalances(sys.knex)).toBe(0);
}

describe("the issue's check", () => {
  it('a member with a 5-class package books a class through the API with credits, the count drops by one; a second booking racing for the last credit is refused with a clear reason, nothing half-booked', async () => {
    const service = await aService();
    const pkg = await aPackage([service]);
    const member = await aMember();
    const sold = await sell(member.id, pkg);
    expect(sold.status, JSON.stringify(sold.json)).toBe(201);
    expect(sold.json).toMatchObject({ credits: 5, creditsLeft: 5, services: [service], priceMinor: 500_000 });
    expect(await creditsOf(member.id)).toBe(5);

    const first = await book(member, await aSession(service, 3));
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(await creditsOf(member.id)).toBe(4);
    const c = await card(member.id);
    // The class's own time (10:00 in Bangkok), beside when the credit was spent.
    expect(c.usage).toEqual([expect.objectContaining({ bookingNumber: first.json.number, paidWith: 'credits', credits: 1, returned: false, bookedFor: `${inDays(3)}T03:00:00.000Z` })]);

    // Three more: one credit left. Then two bookings at once for two sessions race for it.
    for (let d = 4; d <= 6; d++) expect((await book(member, await aSession(service, d))).status).toBe(201);
    expect(await creditsOf(member.id)).toBe(1);
    const [a, b] = [await aSession(service, 8), await aSession(service, 9)];
    const before = await bookingsOf(member.contactId);
    const raced = await Promise.all([book(member, a), book(member, b)]);
    const won = raced.filter((r) => r.status === 201);
    const lost = raced.filter((r) => r.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].status).toBe(409);
    expect(lost[0].json.error).toMatchObject({ code: 'no_credit', details: { reason: 'none_left' } });
    expect(await creditsOf(member.id)).toBe(0);
    expect(await bookingsOf(member.contactId)).toBe(before + 1);
    // The loser's session kept its seat: only the winner's was taken.
    expect((await seatsTaken(a)) + (await seatsTaken(b))).toBe(1);
    expect(await sys.knex('member_booking_payments').where({ member_id: member.id }).count('* as n').first()).toMatchObject({ n: expect.anything() });
    expect(Number((await sys.knex('member_booking_payments').where({ member_id: member.id }).count('* as n'))[0].n)).toBe(5);
    await ledgerSound();
  });
});

describe('bad input', () => {
  it('spending more than the wallet holds: 409 insufficient_balance, no package sold, the wallet as it was', async () => {
    const service = await aService();
    const pkg = await aPackage([service]);
    const member = await aMember();
    const topUp = await api('POST', `/api/v1/members/${member.id}/adjustments`, { target: 'wallet', amount: 100_000, reason: 'Opening balance' });
    expect(topUp.status, JSON.stringify(topUp.json)).toBe(201);
    const r = await sell(member.id, pkg, 'wallet');
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'insufficient_balance', details: { balanceMinor: 100_000, priceMinor: 500_000 } });
    expect((await card(member.id)).wallet.balanceMinor).toBe(100_000);
    expect(await sys.knex('member_package_sales').where({ member_id: member.id }).first()).toBeUndefined();
    // A booking from the wallet beyond it: refused, nothing booked, the seat free.
    const dear = await aService('2000');
    const session = await aSession(dear, 3);
    const booked = await book(member, session, 'wallet');
    expect(booked.status).toBe(409);
    expect(booked.json.error.code).toBe('insufficient_balance');
    expect(await bookingsOf(member.contactId)).toBe(0);
    expect(await seatsTaken(session)).toBe(0);
    // Within it: paid, and the wallet shows it.
    const cheap = await aService('600');
    expect((await book(member, await aSession(cheap, 3), 'wallet')).status).toBe(201);
    expect((await card(member.id)).wallet.balanceMinor).toBe(40_000);
    await ledgerSound();
  });

  it('a credit for a service the package does not cover: 409 no_credit not_covered, nothing booked, credits as they were', async () => {
    const [covered, other] = [await aService(), await aService()];
    const member = await aMember();
    expect((await sell(member.id, await aPackage([covered]))).status).toBe(201);
    const session = await aSession(other, 3);
    const r = await book(member, session);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'no_credit', details: { reason: 'not_covered' } });
    expect(await creditsOf(member.id)).toBe(5);
    expect(await bookingsOf(member.contactId)).toBe(0);
    expect(await seatsTaken(session)).toBe(0);
  });

  it('an expired credit: a package that runs out before the session is refused (expired); one that ran out is closed by the worker and its credits go', async () => {
    const service = await aService();
    const member = await aMember();
    expect((await sell(member.id, await aPackage([service], { validityDays: 2 }))).status).toBe(201);
    const r = await book(member, await aSession(service, 10));
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'no_credit', details: { reason: 'expired' } });
    expect(await creditsOf(member.id)).toBe(5);
    expect(await bookingsOf(member.contactId)).toBe(0);
  });

  it('a package changed after it was sold: the sold one keeps its terms', async () => {
    const service = await aService();
    const pkg = await aPackage([service]);
    const member = await aMember();
    const sold = (await sell(member.id, pkg)).json;
    const changed = await api('PATCH', `/api/v1/member-packages/${pkg}`, { credits: 10, priceMinor: 900_000, validityDays: 30, services: [await aService()] });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json).toMatchObject({ credits: 10, version: 2 });
    const [kept] = (await card(member.id)).packages;
    expect(kept).toMatchObject({ id: sold.id, credits: 5, creditsLeft: 5, priceMinor: 500_000, services: [service], expiresAt: sold.expiresAt });
    expect((await book(member, await aSession(service, 3))).status).toBe(201);
    expect(await creditsOf(member.id)).toBe(4);
  });

  it('a member number mistyped: the same plain 404 for any number that is not a member, naming no other; a forgiving read of a real one', async () => {
    const member = await aMember();
    const typedLoosely = member.number.toLowerCase().replace(/-/g, ' ');
    const found = await api('GET', `/api/v1/members/lookup?number=${encodeURIComponent(typedLoosely)}`);
    expect(found.status).toBe(200);
    expect(found.json.id).toBe(member.id);
    const last = member.number.at(-1)!;
    const mistyped = member.number.slice(0, -1) + (last === 'Z' ? 'Y' : last === '9' ? '8' : '9');
    const answers = await Promise.all([mistyped, 'MEM-2026-ZZZZ', 'hello'].map((num) => api('GET', `/api/v1/members/lookup?number=${encodeURIComponent(num)}`)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.json.error.code).toBe('not_found');
      expect(a.json.error.message).toBe('Member not found');
      expect(JSON.stringify(a.json)).not.toContain(member.number);
    }
    // A booking for a number that is no member's: 404, nothing booked.
    expect((await book({ number: mistyped }, await aSession(await aService(), 3))).status).toBe(404);
  });

  it('a refund of a package partly used: the unused part of the price back (the rule in docs/money.md), credits taken back, the ledger balanced', async () => {
    const service = await aService();
    const member = await aMember();
    const sale = (await sell(member.id, await aPackage([service], { priceMinor: 500_001 }))).json;
    for (let d = 3; d <= 4; d++) expect((await book(member, await aSession(service, d))).status).toBe(201);
    const r = await api('POST', `/api/v1/members/${member.id}/packages/${sale.id}/refund`, { reason: 'Moving abroad', to: 'wallet' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    // 2 of 5 used: each earned floor(unearned / credits left); the member gets the rest.
    expect(r.json).toMatchObject({ creditsTakenBack: 3, refundedMinor: 500_001 - 100_000 - 100_000, to: 'wallet' });
    const c = await card(member.id);
    expect(c.wallet.balanceMinor).toBe(300_001);
    expect(c.packages[0]).toMatchObject({ status: 'refunded', creditsLeft: 0, refundedMinor: 300_001 });
    const again = await api('POST', `/api/v1/members/${member.id}/packages/${sale.id}/refund`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect((await card(member.id)).wallet.balanceMinor).toBe(300_001);
    await ledgerSound();
  });
});

describe('cancelling and adjusting', () => {
  it('a booking cancelled within the policy gets its credit back; one cancelled too late keeps it spent', async () => {
    const service = await aService();
    const member = await aMember();
    await sell(member.id, await aPackage([service]));
    const early = (await book(member, await aSession(service, 5))).json;
    const late = (await book(member, await aSession(service, 1, 12, '23:00'))).json;
    expect(await creditsOf(member.id)).toBe(3);
    await api('PATCH', '/api/v1/org/settings', { membership: { pointsPerBaht: 1, tiers: [], cancelCreditHours: 48, adjustmentApprovalAbove: { credits: 5, walletMinor: 100_000, points: 1000 }, expiryNoticeDays: 7 } });
    for (const b of [early, late]) {
      const v = (await api('GET', `/api/v1/bookings/${b.number}`)).json.version;
      const moved = await api('POST', `/api/v1/bookings/${b.number}/stage`, { to: 'cancelled', expectedVersion: v, reason: 'cannot come' });
      expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    }
    expect(await creditsOf(member.id)).toBe(4);
    const usage = (await card(member.id)).usage;
    expect(usage.find((u: { bookingNumber: string }) => u.bookingNumber === early.number).returned).toBe(true);
    expect(usage.find((u: { bookingNumber: string }) => u.bookingNumber === late.number).returned).toBe(false);
    await api('PATCH', '/api/v1/org/settings', { membership: null });
    await ledgerSound();
  });

  it('an adjustment above the org amount by support waits for a manager; approved, it is posted', async () => {
    const member = await aMember();
    const key = await api('POST', '/api/v1/api-keys', { name: 'front desk', role: 'support' });
    expect(key.status, JSON.stringify(key.json)).toBe(201);
    const support = key.json.key as string;
    const big = await api('POST', `/api/v1/members/${member.id}/adjustments`, { target: 'points', amount: 5000, reason: 'Launch gift' }, support);
    expect(big.status, JSON.stringify(big.json)).toBe(201);
    expect(big.json.status).toBe('awaiting_approval');
    expect((await card(member.id)).points).toBe(0);
    expect((await api('POST', `/api/v1/member-adjustments/${big.json.id}/decision`, { approve: true }, support)).status).toBe(403);
    const ok = await api('POST', `/api/v1/member-adjustments/${big.json.id}/decision`, { approve: true });
    expect(ok.json.status).toBe('applied');
    expect((await card(member.id)).points).toBe(5000);
    const takeTooMuch = await api('POST', `/api/v1/members/${member.id}/adjustments`, { target: 'points', amount: -6000, reason: 'Mistake' });
    expect(takeTooMuch.status).toBe(409);
    expect(takeTooMuch.json.error.code).toBe('insufficient_balance');
    expect((await card(member.id)).points).toBe(5000);
    expect(await sys.knex('member_adjustments').where({ member_id: member.id, amount: -6000 }).first()).toBeUndefined();
  });
});

describe('50 members booking the same class at once with credits', () => {
  it('every credit is spent once and the seats are never oversold', { timeout: 120_000 }, async () => {
    const service = await aService();
    const pkg = await aPackage([service], { credits: 1 });
    const members = [];
    for (let i = 0; i < 50; i++) {
      const m = await aMember('Crowd');
      expect((await sell(m.id, pkg)).status).toBe(201);
      members.push(m);
    }
    const session = await aSession(service, 4, 40);
    // Fifty at once on a busy machine: a request may be asked to try again (503 after waiting for a
    // database connection; 409 `conflict` when two transactions deadlocked, nothing kept). A client
    // tries again, as the answer says; what is checked is that no credit or seat is taken twice.
    const answered = async (m: Awaited<ReturnType<typeof aMember>>) => {
      for (let attempt = 1; ; attempt++) {
        const a = await book(m, session);
        const again = a.status === 503 || a.json?.error?.code === 'conflict';
        if (!again || attempt === 5) return a;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    };
    const answers = await Promise.all(members.map(answered));
    const won = answers.filter((a) => a.status === 201).length;
    expect(won, JSON.stringify(answers.filter((a) => a.status !== 201 && a.json.error.code !== 'session_full').map((a) => a.json))).toBe(40);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.json.error.code).toBe('session_full');
    expect(await seatsTaken(session)).toBe(40);
    const left = await Promise.all(members.map((m) => creditsOf(m.id)));
    expect(left.filter((c) => c === 0)).toHaveLength(40);
    expect(left.filter((c) => c === 1)).toHaveLength(10);
    expect(Number((await sys.knex('member_booking_payments as p').join('bookings as b', 'b.id', 'p.booking_id').where('b.session_id', session).count('* as n'))[0].n)).toBe(40);
    await ledgerSound();
  });
});
