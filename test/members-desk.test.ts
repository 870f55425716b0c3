import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystemIn, TEST_ADMIN_KEY, type TestSystem } from './support/test-system.ts';

/**
 * What the desk's member panel does (docs/members.md, "On the desk"), through the REST routes it
 * shares: a member found by a mistyped number (no enumeration), a package sold twice by a double
 * tap (one sale), and a credit marked used when a class is attended or missed (once). Each bad
 * input shows the answer and that nothing was lost. Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const ZONE = 'Asia/Bangkok';

beforeAll(async () => {
  sys = await startTestSystemIn(ZONE);
});
afterAll(() => sys?.stopAll());

let n = 0;
// Tomorrow: a session made now is never already past, whatever the hour the test runs.
const tomorrow = () => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

async function aService(): Promise<string> {
  const key = `desk_cook_${++n}`;
  const r = await api('POST', '/api/v1/services', { key, name: { th: `คลาส ${n}`, en: `Class ${n}` }, durationMinutes: 60, capacity: 12, price: '800' });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return key;
}
let minute = 0;
async function aSessionToday(service: string, daysAfterTomorrow = 0): Promise<string> {
  const time = `10:${String(10 + (minute++ % 40)).padStart(2, '0')}`;
  const date = new Date(new Date(`${tomorrow()}T00:00:00Z`).getTime() + daysAfterTomorrow * 86_400_000).toISOString().slice(0, 10);
  const r = await api('POST', `/api/v1/services/${service}/sessions`, { date, time, capacity: 12 });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.items[0].id;
}
async function aPackage(services: string[], o: { credits?: number; priceMinor?: number; validityDays?: number } = {}): Promise<string> {
  const key = `desk_five_${++n}`;
  const r = await api('POST', '/api/v1/member-packages', { key, nameTh: `5 คลาส ${n}`, nameEn: `5 classes ${n}`, credits: 5, services, priceMinor: 500_000, validityDays: 90, ...o });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return key;
}
async function aMember(): Promise<{ id: string; number: string; contactId: string }> {
  const [c] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: `Desk member ${++n}`, language: 'th' }).returning('id');
  const r = await api('POST', '/api/v1/members', { contactId: c.id });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json;
}
const creditsOf = async (memberId: string) =>
  (await api('GET', `/api/v1/members/${memberId}`)).json.packages.reduce((s: number, p: { status: string; creditsLeft: number }) => s + (p.status === 'active' ? p.creditsLeft : 0), 0);
const salesOf = async (memberId: string) => Number((await sys.knex('member_package_sales').where({ member_id: memberId }).count('* as n'))[0].n);

async function sell(memberId: string, body: unknown, key: string) {
  const res = await fetch(`${sys.url}/api/v1/members/${memberId}/packages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), replayed: res.headers.get('idempotent-replayed') };
}

async function ledgerSound() {
  expect((await trialBalance(sys.knex, sys.defaultOrgId)).balanced).toBe(true);
  expect(await rebuildBalances(sys.knex)).toBe(0);
}

describe('finding a member', () => {
  it("a contact's member card for the panel; a contact who is not a member, and a mistyped number, are the same plain 404 naming no other number", async () => {
    const m = await aMember();
    const shown = await api('GET', `/api/v1/contacts/${m.contactId}/member`);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ id: m.id, number: m.number, wallet: { balanceMinor: 0 }, points: 0, packages: [] });
    const typedLoosely = await api('GET', `/api/v1/members/lookup?number=${encodeURIComponent(m.number.toLowerCase().replaceAll('-', ' '))}`);
    expect(typedLoosely.json.id).toBe(m.id);

    const [stranger] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Not a member', language: 'en' }).returning('id');
    const notMember = await api('GET', `/api/v1/contacts/${stranger.id}/member`);
    expect(notMember.status).toBe(404);
    expect(notMember.json.error).toMatchObject({ code: 'not_found' });

    // One character off, and made up: the same answer, with nothing of the real number in it.
    const last = m.number.at(-1)!;
    const typo = m.number.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
    const answers = await Promise.all([typo, 'MEM-1999-ZZZZ', 'hello'].map((t) => api('GET', `/api/v1/members/lookup?number=${encodeURIComponent(t)}`)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.json.error.code).toBe('not_found');
      expect(a.json.error.message).toBe(answers[0].json.error.message);
      expect(JSON.stringify(a.json)).not.toContain(m.number);
    }
  });
});

describe('selling a package from the desk', () => {
  it('a double tap (the same Idempotency-Key, at once and again) sells one package; the key reused for another sale is refused, nothing sold', async () => {
    const pkg = await aPackage([await aService()]);
    const m = await aMember();
    const body = { packageKey: pkg, paidWith: 'cash' };
    const [a, b] = await Promise.all([sell(m.id, body, 'desk-sale-0001'), sell(m.id, body, 'desk-sale-0001')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json.id).toBe(b.json.id);
    expect([a.replayed, b.replayed]).toContain('true');
    const again = await sell(m.id, body, 'desk-sale-0001');
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: a.json.id, creditsLeft: 5 });
    expect(await salesOf(m.id)).toBe(1);
    expect(await creditsOf(m.id)).toBe(5);

    const other = await sell(m.id, { packageKey: pkg, paidWith: 'free' }, 'desk-sale-0001');
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_key_reused');
    expect(await salesOf(m.id)).toBe(1);
    // Another member with the same key: refused too, never answered with the first member's sale.
    const m2 = await aMember();
    expect((await sell(m2.id, body, 'desk-sale-0001')).status).toBe(422);
    expect(await salesOf(m2.id)).toBe(0);
    // A key that is not one: 422, nothing sold.
    expect((await sell(m.id, body, 'short')).status).toBe(422);
    expect(await salesOf(m.id)).toBe(1);
    await ledgerSound();
  });
});

describe('a credit marked used when a class is attended', () => {
  it('attended: one credit used; recorded again, or changed to no-show: still one; a no-show of another class uses one too', async () => {
    const service = await aService();
    const pkg = await aPackage([service]);
    const m = await aMember();
    expect((await sell(m.id, { packageKey: pkg, paidWith: 'transfer' }, `desk-sale-${m.id}`)).status).toBe(201);
    const booked = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, language: 'th' });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    expect(await creditsOf(m.id)).toBe(5);

    const came = await api('POST', `/api/v1/bookings/${booked.json.number}/attendance`, { attendance: 'attended' });
    expect(came.status, JSON.stringify(came.json)).toBe(200);
    expect(await creditsOf(m.id)).toBe(4);
    const card = (await api('GET', `/api/v1/members/${m.id}`)).json;
    expect(card.usage).toEqual([expect.objectContaining({ bookingNumber: booked.json.number, paidWith: 'credits', credits: 1, returned: false })]);

    expect((await api('POST', `/api/v1/bookings/${booked.json.number}/attendance`, { attendance: 'attended' })).status).toBe(200);
    expect((await api('POST', `/api/v1/bookings/${booked.json.number}/attendance`, { attendance: 'no_show' })).status).toBe(200);
    expect(await creditsOf(m.id)).toBe(4);

    const missed = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, language: 'th' });
    expect((await api('POST', `/api/v1/bookings/${missed.json.number}/attendance`, { attendance: 'no_show' })).status).toBe(200);
    expect(await creditsOf(m.id)).toBe(3);
    await ledgerSound();
  });

  it('a booking paid with a credit when booked is not charged again; a member with no credit for the class: attendance recorded, nothing taken', async () => {
    const service = await aService();
    const pkg = await aPackage([service]);
    const m = await aMember();
    expect((await sell(m.id, { packageKey: pkg, paidWith: 'cash' }, `desk-sale-${m.id}`)).status).toBe(201);
    const paid = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, pay_with: 'credits', language: 'th' });
    expect(paid.status, JSON.stringify(paid.json)).toBe(201);
    expect(await creditsOf(m.id)).toBe(4);
    expect((await api('POST', `/api/v1/bookings/${paid.json.number}/attendance`, { attendance: 'attended' })).status).toBe(200);
    expect(await creditsOf(m.id)).toBe(4);

    const other = await aService();
    const booked = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(other), member_number: m.number, language: 'th' });
    const r = await api('POST', `/api/v1/bookings/${booked.json.number}/attendance`, { attendance: 'attended' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ number: booked.json.number, attendance: 'attended' });
    expect(await creditsOf(m.id)).toBe(4);
    expect(await sys.knex('member_booking_payments').where({ booking_id: (await sys.knex('bookings').where({ number: booked.json.number }).first('id')).id }).first()).toBeUndefined();
    await ledgerSound();
  });
});

describe('a booking paid from the wallet or with a credit owes nothing', () => {
  it('a payment link for it is refused as paid in full, and no booking payment is made up; a booking the member did not pay still asks its price', async () => {
    const service = await aService();
    const m = await aMember();
    expect((await api('POST', `/api/v1/members/${m.id}/adjustments`, { target: 'wallet', amount: 100_000, reason: 'Cash at the counter' })).status).toBe(201);
    const fromWallet = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, pay_with: 'wallet', language: 'th' });
    expect(fromWallet.status, JSON.stringify(fromWallet.json)).toBe(201);
    const link = await api('POST', `/api/v1/bookings/${fromWallet.json.number}/payment-links`, {});
    expect(link.status).toBe(409);
    expect(link.json.error.details).toMatchObject({ reason: 'paid', paidMinor: 80_000 });
    expect(await sys.knex('booking_payments').where({ booking_id: (await sys.knex('bookings').where({ number: fromWallet.json.number }).first('id')).id }).first()).toBeUndefined();

    const pkg = await aPackage([service]);
    expect((await sell(m.id, { packageKey: pkg, paidWith: 'cash' }, `desk-sale-${m.id}`)).status).toBe(201);
    const withCredit = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, pay_with: 'credits', language: 'th' });
    expect((await api('POST', `/api/v1/bookings/${withCredit.json.number}/payment-links`, {})).json.error.details).toMatchObject({ reason: 'paid', paidMinor: 80_000 });

    // Not paid by the member: the link is asked for (no Stripe here: 503, the price was owed).
    const unpaid = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, language: 'th' });
    const asked = await api('POST', `/api/v1/bookings/${unpaid.json.number}/payment-links`, {});
    expect(asked.status).toBe(503);
    expect(asked.json.error?.details?.reason).not.toBe('paid');
    await ledgerSound();
  });
});

/** What the org's rule leaves unearned after `used` credits: each takes unearned / credits left, rounded down (docs/money.md). */
function unearnedAfter(priceMinor: number, credits: number, used: number): number {
  let unearned = priceMinor;
  for (let left = credits; left > credits - used; left--) unearned -= left === 1 ? unearned : Math.floor(unearned / left);
  return unearned;
}
const staffKey = async (role: string, name: string) => {
  const r = await api('POST', '/api/v1/api-keys', { name, role });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.key as string;
};
const postings = async () => Number((await sys.knex('ledger_postings').where({ org_id: sys.defaultOrgId }).count('* as n'))[0].n);
const walletOf = async (memberId: string) => (await api('GET', `/api/v1/members/${memberId}`)).json.wallet.balanceMinor as number;

describe('refunding a package from the desk', () => {
  it("shows what the org's rule gives back, then refunds exactly that: credits left, the unearned money, the points; the ledger balanced", async () => {
    const service = await aService();
    const price = 500_001;
    const pkg = await aPackage([service], { priceMinor: price });
    const m = await aMember();
    const sale = await sell(m.id, { packageKey: pkg, paidWith: 'cash' }, `desk-sale-${m.id}`);
    expect(sale.status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, pay_with: 'credits', language: 'th' })).status).toBe(201);
    const points = (await api('GET', `/api/v1/members/${m.id}`)).json.points as number;
    expect(points).toBe(Math.floor(price / 100));

    const back = unearnedAfter(price, 5, 2);
    expect(back).toBe(300_001);
    const preview = await api('GET', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`);
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json).toEqual({
      saleId: sale.json.id,
      creditsLeft: 3,
      refundMinor: back,
      currency: 'THB',
      pointsTakenBack: Math.floor((points * back) / price),
      priceMinor: price,
      credits: 5,
      paidWith: 'cash',
      to: 'transfer',
    });
    // Looking changes nothing.
    expect(await creditsOf(m.id)).toBe(3);

    const before = await walletOf(m.id);
    const refund = await api('POST', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`, { reason: 'Moving abroad', to: 'wallet' });
    expect(refund.status, JSON.stringify(refund.json)).toBe(200);
    expect(refund.json).toEqual({ saleId: sale.json.id, creditsTakenBack: 3, refundedMinor: back, currency: 'THB', to: 'wallet' });
    const card = (await api('GET', `/api/v1/members/${m.id}`)).json;
    expect(card.wallet.balanceMinor).toBe(before + back);
    expect(card.points).toBe(points - preview.json.pointsTakenBack);
    expect(card.packages[0]).toMatchObject({ id: sale.json.id, status: 'refunded', refundedMinor: back, creditsLeft: 0 });
    await ledgerSound();

    // Again: already refunded, said so, nothing written.
    const written = await postings();
    for (const again of [await api('GET', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`), await api('POST', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`, { reason: 'twice' })]) {
      expect(again.status).toBe(409);
      expect(again.json.error.details).toMatchObject({ reason: 'refunded' });
    }
    expect(await postings()).toBe(written);
    expect(await walletOf(m.id)).toBe(before + back);
  });

  it('a package fully used, a support member, and bad input are refused in words, nothing written', async () => {
    const service = await aService();
    const pkg = await aPackage([service], { credits: 1, priceMinor: 90_000 });
    const m = await aMember();
    const sale = await sell(m.id, { packageKey: pkg, paidWith: 'cash' }, `desk-sale-${m.id}`);
    const support = await staffKey('support', 'Counter');
    // Support may not refund, nor see what a refund gives.
    for (const r of [await api('GET', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`, undefined, support), await api('POST', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`, { reason: 'x' }, support)]) {
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('forbidden');
    }
    const written = await postings();
    for (const body of [{ reason: '' }, { reason: 'x', to: 'cash' }, {}, { reason: 'x', extra: 1 }]) {
      const r = await api('POST', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
    }
    // A sale of another member, or no sale at all: not found.
    const other = await aMember();
    expect((await api('GET', `/api/v1/members/${other.id}/packages/${sale.json.id}/refund`)).status).toBe(404);
    expect((await api('POST', `/api/v1/members/${m.id}/packages/not-a-sale/refund`, { reason: 'x' })).status).toBe(404);
    expect(await postings()).toBe(written);
    expect(await creditsOf(m.id)).toBe(1);

    // Its one credit used: nothing is left to give back.
    expect((await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, pay_with: 'credits', language: 'th' })).status).toBe(201);
    const used = await postings();
    for (const r of [await api('GET', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`), await api('POST', `/api/v1/members/${m.id}/packages/${sale.json.id}/refund`, { reason: 'all used' })]) {
      expect(r.status).toBe(409);
      expect(r.json.error.details).toMatchObject({ reason: 'used_up' });
    }
    expect(await postings()).toBe(used);
    expect((await sys.knex('member_package_sales').where({ id: sale.json.id }).first('status')).status).toBe('active');
    await ledgerSound();
  });
});

describe('adjustments waiting for a manager', () => {
  it('a manager lists them with who asked; support sees only their own; a refusal needs a reason; two approvals at once post once', async () => {
    const m = await aMember();
    const ann = await staffKey('support', 'Ann at the counter');
    const bo = await staffKey('support', 'Bo at the counter');
    const asked = await api('POST', `/api/v1/members/${m.id}/adjustments`, { target: 'points', amount: 5000, reason: 'Launch gift' }, ann);
    expect(asked.json.status).toBe('awaiting_approval');
    const wallet = await api('POST', `/api/v1/members/${m.id}/adjustments`, { target: 'wallet', amount: -150_000, reason: 'Counted twice' }, bo);
    expect(wallet.json.status).toBe('awaiting_approval');
    // Under the amount: posted at once, and not a request for anyone's approval.
    expect((await api('POST', `/api/v1/members/${m.id}/adjustments`, { target: 'points', amount: 10, reason: 'Small thanks' }, ann)).json.status).toBe('applied');

    const waiting = await api('GET', '/api/v1/member-adjustments?status=awaiting_approval');
    expect(waiting.status, JSON.stringify(waiting.json)).toBe(200);
    const mine = waiting.json.filter((a: { member: { id: string } }) => a.member.id === m.id);
    expect(mine).toEqual([
      expect.objectContaining({ id: wallet.json.id, target: 'wallet', amount: -150_000, reason: 'Counted twice', status: 'awaiting_approval', member: { id: m.id, number: m.number, name: expect.any(String) }, requestedBy: expect.objectContaining({ type: 'api_key', role: 'support', name: 'Bo at the counter' }), decidedBy: null }),
      expect.objectContaining({ id: asked.json.id, target: 'points', amount: 5000, requestedBy: expect.objectContaining({ name: 'Ann at the counter' }) }),
    ]);
    // Ann sees hers only, whatever she asks for.
    const annSees = await api('GET', '/api/v1/member-adjustments', undefined, ann);
    expect(annSees.json.map((a: { id: string }) => a.id)).toEqual([asked.json.id]);
    expect((await api('GET', '/api/v1/member-adjustments?mine=false', undefined, ann)).json.map((a: { id: string }) => a.id)).toEqual([asked.json.id]);
    expect((await api('GET', '/api/v1/member-adjustments?status=waiting')).status).toBe(422);

    // Support cannot decide; a refusal without a reason is not one. Nothing changed.
    expect((await api('POST', `/api/v1/member-adjustments/${asked.json.id}/decision`, { approve: true }, ann)).status).toBe(403);
    const noReason = await api('POST', `/api/v1/member-adjustments/${asked.json.id}/decision`, { approve: false });
    expect(noReason.status).toBe(422);
    expect(noReason.json.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'reason' })]));
    expect((await sys.knex('member_adjustments').where({ id: asked.json.id }).first('status')).status).toBe('awaiting_approval');
    expect((await api('GET', `/api/v1/members/${m.id}`)).json.points).toBe(10);

    // Two managers (or a double tap) at once: one approval, posted once.
    const written = await postings();
    const both = await Promise.all([0, 1].map(() => api('POST', `/api/v1/member-adjustments/${asked.json.id}/decision`, { approve: true })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.json.error.details).toEqual({ reason: 'applied' });
    expect((await api('GET', `/api/v1/members/${m.id}`)).json.points).toBe(5010);
    expect(await postings()).toBe(written + 1);

    const refused = await api('POST', `/api/v1/member-adjustments/${wallet.json.id}/decision`, { approve: false, reason: 'The receipt shows it once' });
    expect(refused.json).toMatchObject({ status: 'rejected', decisionReason: 'The receipt shows it once' });
    expect(await postings()).toBe(written + 1);
    const boSees = (await api('GET', '/api/v1/member-adjustments', undefined, bo)).json;
    expect(boSees).toEqual([expect.objectContaining({ id: wallet.json.id, status: 'rejected', decisionReason: 'The receipt shows it once', decidedBy: expect.objectContaining({ role: 'admin' }), decidedAt: expect.any(String) })]);
    expect((await api('GET', '/api/v1/member-adjustments', undefined, ann)).json).toEqual([expect.objectContaining({ id: asked.json.id, status: 'applied', decisionReason: null })]);
    // Deciding one already refused: said, nothing posted.
    const late = await api('POST', `/api/v1/member-adjustments/${wallet.json.id}/decision`, { approve: true });
    expect(late.status).toBe(409);
    expect(late.json.error.details).toEqual({ reason: 'rejected' });
    expect(await postings()).toBe(written + 1);
    await ledgerSound();
  });
});

describe('a booking paid with a credit moved to another session', () => {
  const seatsOf = async (sessionId: string) => (await sys.knex('service_sessions').where({ id: sessionId }).first('seats_taken')).seats_taken as number;

  it('keeps its credit when the package is still valid at the new session; refused, nothing changed, when it runs out before', async () => {
    const service = await aService();
    // Valid three days: tomorrow and the day after are inside it, five days on is not.
    const pkg = await aPackage([service], { validityDays: 3 });
    const m = await aMember();
    expect((await sell(m.id, { packageKey: pkg, paidWith: 'cash' }, `desk-sale-${m.id}`)).status).toBe(201);
    const first = await aSessionToday(service);
    const booked = await api('POST', '/api/v1/bookings', { session_id: first, member_number: m.number, pay_with: 'credits', language: 'th' });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    expect(await creditsOf(m.id)).toBe(4);
    const paidBefore = await sys.knex('member_booking_payments').where({ booking_id: (await sys.knex('bookings').where({ number: booked.json.number }).first('id')).id }).first();

    const inTime = await aSessionToday(service, 1);
    const moved = await api('POST', `/api/v1/bookings/${booked.json.number}/session`, { sessionId: inTime });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(await creditsOf(m.id)).toBe(4);
    expect([await seatsOf(first), await seatsOf(inTime)]).toEqual([0, 1]);
    const paidAfter = await sys.knex('member_booking_payments').where({ booking_id: paidBefore.booking_id }).first();
    expect(paidAfter).toEqual(paidBefore);
    await ledgerSound();

    const tooLate = await aSessionToday(service, 5);
    const written = await postings();
    const refused = await api('POST', `/api/v1/bookings/${booked.json.number}/session`, { sessionId: tooLate });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('no_credit');
    expect(refused.json.error.details).toMatchObject({ reason: 'expired', sessionId: tooLate, saleId: paidBefore.sale_id });
    expect(refused.json.error.message).toContain('stays where it is');
    expect((await sys.knex('bookings').where({ number: booked.json.number }).first('session_id')).session_id).toBe(inTime);
    expect([await seatsOf(inTime), await seatsOf(tooLate)]).toEqual([1, 0]);
    expect(await creditsOf(m.id)).toBe(4);
    expect(await postings()).toBe(written);
    expect(Number((await sys.knex('booking_events').where({ booking_id: paidBefore.booking_id, type: 'session_changed' }).count('* as n'))[0].n)).toBe(1);

    // A booking not paid with a credit moves as before, however far.
    const plain = await api('POST', '/api/v1/bookings', { session_id: await aSessionToday(service), member_number: m.number, language: 'th' });
    expect((await api('POST', `/api/v1/bookings/${plain.json.number}/session`, { sessionId: tooLate })).status).toBe(200);
    await ledgerSound();
  });
});
