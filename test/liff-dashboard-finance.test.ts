import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { bangkokToday, startFinanceWorld, type FinanceWorld } from './support/finance-world.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * The dashboard's finance read (`/liff-api/v1/dashboard/finance`, docs/money.md): `GET
 * /api/v1/finance` declared once and served to staff signed in with LINE, with the same
 * permission (finance.read: accountant, admin, manager, CEO), figures and CSV tables.
 */
let world: FinanceWorld;
let accountant: EnrolledStaff;
let manager: EnrolledStaff;
let support: EnrolledStaff;
beforeAll(async () => {
  world = await startFinanceWorld();
  accountant = await enrolStaff(world.h, { displayName: 'Anong Accountant', role: 'accountant' });
  manager = await enrolStaff(world.h, { displayName: 'Mali Manager', role: 'manager' });
  support = await enrolStaff(world.h, { displayName: 'Sam Support', role: 'support' });
}, 120_000);
afterAll(() => world?.close());

const as = (who: EnrolledStaff, path: string, headers: Record<string, string> = {}) =>
  world.h.pub('GET', path, { headers: { authorization: `Bearer ${world.h.idToken(who.lineUserId)}`, ...headers } });
const period = () => `from=${bangkokToday()}&to=${bangkokToday()}`;

describe('the finance read on the dashboard', () => {
  it("gives the accountant the same view as GET /api/v1/finance: cash in by method, the refund, what is owed, the payout's mismatch and the margin", async () => {
    const res = await as(accountant, `/liff-api/v1/dashboard/finance?${period()}`);
    expect(res.status).toBe(200);
    const v = res.json;
    // One query behind both: the API key's answer is the same, figure for figure.
    expect((await apiClient(world.h.sys)('GET', `/api/v1/finance?${period()}`)).json).toEqual(v);

    const paidRows = await world.h.sys.knex('booking_payments').where({ org_id: world.h.sys.defaultOrgId, status: 'paid' });
    const card = paidRows.filter((p) => p.method_detail === 'card').reduce((s, p) => s + Number(p.amount_minor), 0);
    expect(card).toBe(1_500_000);
    expect(v.cashIn.filter((r: any) => r.method === 'card' && !r.flagged).reduce((s: number, r: any) => s + r.amountMinor, 0)).toBe(card);
    expect(v.cashIn).toContainEqual({ day: bangkokToday(), method: 'transfer', currency: 'THB', flagged: false, payments: 1, amountMinor: 150_000 });
    expect(v.refunds.reduce((s: number, r: any) => s + r.amountMinor, 0)).toBe(100_000);
    expect(v.outstanding).toContainEqual({ bookingNumber: world.deposit, currency: 'THB', totalMinor: 500_000, paidMinor: 150_000, dueMinor: 350_000 });
    expect(v.outstanding.map((o: any) => o.bookingNumber)).not.toContain(world.paid);
    expect(v.payoutMismatches).toContainEqual(expect.objectContaining({ kind: 'amount_differs', bookingNumber: world.differs, expectedMinor: 500_000, paidOutMinor: 490_000 }));
    expect(v.margins).toContainEqual(expect.objectContaining({ bookingNumber: world.paid, paidMinor: 500_000, refundedMinor: 0, costMinor: 320_000, costFrom: 'booking', marginMinor: 180_000 }));
  });

  it('answers each table as CSV, as the REST route does', async () => {
    const res = await fetch(`${world.h.sys.url}/liff-api/v1/dashboard/finance?${period()}&format=csv&table=outstanding`, { headers: { authorization: `Bearer ${world.h.idToken(accountant.lineUserId)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text.split('\n')[0]).toMatch(/bookingNumber.*currency.*totalMinor.*paidMinor.*dueMinor/);
    expect(text).toContain(`${world.deposit},THB,500000,150000,350000`);
  });

  it('is for the roles that read finance: a manager reads it; a support member is refused (403 role_forbids) and told nothing', async () => {
    expect((await as(manager, `/liff-api/v1/dashboard/finance?${period()}`)).status).toBe(200);
    const refused = await as(support, `/liff-api/v1/dashboard/finance?${period()}`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).toContain('role_forbids');
    expect(refused.json.outstanding).toBeUndefined();
    const csv = await fetch(`${world.h.sys.url}/liff-api/v1/dashboard/finance?${period()}&format=csv&table=cash_in`, { headers: { authorization: `Bearer ${world.h.idToken(support.lineUserId)}` } });
    expect(csv.status).toBe(403);
    // What the app decides its screens by: the accountant may read finance and no analytics; support the reverse.
    const perms = async (who: EnrolledStaff) => (await as(who, '/liff-api/v1/staff/me')).json.permissions as string[];
    expect(await perms(accountant)).toEqual(expect.arrayContaining(['finance.read']));
    expect(await perms(accountant)).not.toContain('analytics.read');
    expect(await perms(support)).not.toContain('finance.read');
  });

  it('refuses a period that ends before it starts, or a table it does not have (422), and nothing is changed', async () => {
    const before = await world.h.sys.knex('booking_payments').orderBy('id');
    const backwards = await as(accountant, `/liff-api/v1/dashboard/finance?from=${bangkokToday()}&to=2020-01-01`);
    expect(backwards).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
    const noTable = await as(accountant, `/liff-api/v1/dashboard/finance?${period()}&format=csv&table=salaries`);
    expect(noTable.status).toBe(422);
    expect(await world.h.sys.knex('booking_payments').orderBy('id')).toEqual(before);
  });
});
