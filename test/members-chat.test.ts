import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { sweepMembers } from '../core/members/member-expiry.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * A member in the chat (docs/members.md): "ยอดคงเหลือ" answers with the figures of the card, a
 * non-member is told politely; the sweep tells a member days before their credits run out, once,
 * and closes the package when they have, the ledger balanced.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);

beforeAll(async () => {
  h = await startLineCustomerHarness();
  const s = await api('POST', '/api/v1/services', { key: 'thai_cooking', name: { th: 'คลาสทำอาหารไทย', en: 'Thai cooking class' }, durationMinutes: 180, capacity: 12, price: '900' });
  expect(s.status, JSON.stringify(s.json)).toBe(201);
  const p = await api('POST', '/api/v1/member-packages', { key: 'five', nameTh: 'แพ็กเกจ 5 คลาส', nameEn: '5-class package', credits: 5, services: ['thai_cooking'], priceMinor: 400_000, validityDays: 30 });
  expect(p.status, JSON.stringify(p.json)).toBe(201);
}, 60_000);
afterAll(() => h?.close());

/** A LINE customer who wrote once, made a member with a package and some wallet money. */
async function aLineMember() {
  const user = lineId('U');
  await h.tell(user, 'สวัสดีค่ะ');
  const identity = (await until(() => h.sys.knex('contact_identities').where({ external_id: user }).first('contact_id'))) as { contact_id: string };
  const m = (await api('POST', '/api/v1/members', { contactId: identity.contact_id })).json;
  const sale = (await api('POST', `/api/v1/members/${m.id}/packages`, { packageKey: 'five', paidWith: 'transfer' })).json;
  expect((await api('POST', `/api/v1/members/${m.id}/adjustments`, { target: 'wallet', amount: 125_050, reason: 'Top-up at the counter' })).status).toBe(201);
  return { user, member: m, sale };
}

describe('my balance in the chat', () => {
  it('"ยอดคงเหลือ" answers with the member number, wallet, points and credits by package with expiry, politely, with no ISO date', async () => {
    const { user, member } = await aLineMember();
    const answer = await h.ask(user, { text: 'ขอดูยอดคงเหลือหน่อยค่ะ' });
    expect(answer.text).toContain(member.number);
    expect(answer.text).toContain('กระเป๋าเงิน: 1,250.50 บาท');
    expect(answer.text).toContain('4,000 คะแนน');
    expect(answer.text).toMatch(/แพ็กเกจ 5 คลาส: เหลือ 5 ครั้ง \(ใช้ได้ถึง .+ \d{4}\)/);
    expect(answer.text).toContain('/liff/card');
    expect(answer.text).toMatch(/ค่ะ/);
    expect(answer.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('someone who is not a member is told so, politely', async () => {
    const user = lineId('U');
    await h.tell(user, 'hello');
    await untilSettled(h.sys.knex);
    const answer = await h.ask(user, { text: 'my balance please' });
    expect(answer.text).toMatch(/ไม่พบข้อมูลสมาชิก|could not find a membership/);
  });
});

describe('credits running out', () => {
  it('tells the member once, days before, then closes the package when it has run out: credits gone, the unearned money earned, the ledger balanced', async () => {
    const { user, member, sale } = await aLineMember();
    const expires = new Date(sale.expiresAt);
    const soon = new Date(expires.getTime() - 3 * 86_400_000);
    expect((await sweepMembers(h.sys.knex, soon)).told).toBeGreaterThanOrEqual(1);
    expect((await sweepMembers(h.sys.knex, soon)).told).toBe(0);
    await untilSettled(h.sys.knex);
    const told = (await until(() => h.sys.knex('messages as m').join('conversations as c', 'c.id', 'm.conversation_id').join('contact_identities as ci', 'ci.contact_id', 'c.contact_id').where('ci.external_id', user).andWhere('m.text', 'like', '%หมดอายุ%').first('m.text'))) as { text: string };
    expect(told.text).toMatch(/แพ็กเกจ 5 คลาส ของคุณยังเหลือ 5 ครั้ง และจะหมดอายุวันที่ .+ \d{4} ค่ะ/);

    const after = new Date(expires.getTime() + 60_000);
    expect((await sweepMembers(h.sys.knex, after)).expired).toBeGreaterThanOrEqual(1);
    const card = (await api('GET', `/api/v1/members/${member.id}`)).json;
    expect(card.packages[0]).toMatchObject({ id: sale.id, status: 'expired', creditsLeft: 0 });
    // Booking with an expired package: refused, nothing booked.
    expect((await sweepMembers(h.sys.knex, after)).expired).toBe(0);
    expect((await trialBalance(h.sys.knex, h.sys.defaultOrgId)).balanced).toBe(true);
    expect(await rebuildBalances(h.sys.knex)).toBe(0);
  });
});
