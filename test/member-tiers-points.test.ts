import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { sweepMembers } from '../core/members/member-expiry.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until, untilSettled } from './support/test-system.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';

/**
 * Tiers told and points that expire (docs/members.md, "Tiers and points", "Expiry"): points
 * earned move a member up a tier and they are told once per change, in their language, through
 * the outbox; a tier never moves down (points earned in all). With `pointsExpireMonths` set,
 * the sweep takes back points older than that by a ledger posting (oldest first, what was spent
 * counted), telling the member `expiryNoticeDays` before, once; unset, points never expire.
 * Every movement reaches the business's webhooks (member.credited / member.debited).
 */
let h: LineCustomerHarness;
type Delivery = { type: string; data: { member: { number: string }; movement: { what: string; amount: number; cause: string } } };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver<Delivery>>>;
let received: Delivery[] = [];
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const DAY = 86_400_000;
const MEMBERSHIP = {
  pointsPerBaht: 1,
  tiers: [
    { key: 'silver', nameTh: 'ซิลเวอร์', nameEn: 'Silver', minPoints: 1000 },
    { key: 'gold', nameTh: 'โกลด์', nameEn: 'Gold', minPoints: 5000 },
  ],
  cancelCreditHours: 24,
  adjustmentApprovalAbove: { credits: 5, walletMinor: 100_000, points: 100_000 },
  expiryNoticeDays: 7,
};

beforeAll(async () => {
  h = await startLineCustomerHarness();
  receiver = await startWebhookReceiver<Delivery>('/members');
  received = receiver.received;
  const ep = await api('POST', '/api/v1/webhook-endpoints', { url: receiver.url, events: ['member.credited', 'member.debited'] });
  expect(ep.status, JSON.stringify(ep.json)).toBe(201);
  expect((await api('POST', '/api/v1/services', { key: 'thai_cooking', name: { th: 'คลาสทำอาหารไทย', en: 'Thai cooking class' }, durationMinutes: 180, capacity: 12, price: '900' })).status).toBe(201);
  expect((await api('POST', '/api/v1/member-packages', { key: 'four', nameTh: 'แพ็กเกจ 4,000', nameEn: '4,000 package', credits: 5, services: ['thai_cooking'], priceMinor: 400_000, validityDays: 30 })).status).toBe(201);
  expect((await api('PATCH', '/api/v1/org/settings', { membership: MEMBERSHIP })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await h?.close();
  receiver?.close();
});

async function aLineMember(language: 'th' | 'en' = 'th') {
  const user = lineId('U');
  await h.tell(user, language === 'th' ? 'สวัสดีค่ะ' : 'hello there');
  const { contact_id } = (await until(() => h.sys.knex('contact_identities').where({ external_id: user }).first('contact_id'))) as { contact_id: string };
  await h.sys.knex('contacts').where({ id: contact_id }).update({ language });
  const m = (await api('POST', '/api/v1/members', { contactId: contact_id })).json as { id: string; number: string };
  return { user, member: m };
}
const buy = async (memberId: string) => expect((await api('POST', `/api/v1/members/${memberId}/packages`, { packageKey: 'four', paidWith: 'transfer' })).status).toBe(201);
const cardOf = async (memberId: string) => (await api('GET', `/api/v1/members/${memberId}`)).json;
async function messagesTo(user: string, like: string): Promise<string[]> {
  await untilSettled(h.sys.knex);
  const rows = await h.sys.knex('messages as m').join('conversations as c', 'c.id', 'm.conversation_id').join('contact_identities as ci', 'ci.contact_id', 'c.contact_id').where('ci.external_id', user).andWhere('m.text', 'like', `%${like}%`).select('m.text');
  return rows.map((r) => r.text as string);
}
async function ledgerSound() {
  expect((await trialBalance(h.sys.knex, h.sys.defaultOrgId)).balanced).toBe(true);
  expect(await rebuildBalances(h.sys.knex)).toBe(0);
}

describe('a tier reached is told', () => {
  it('once per change, in the member\'s language; the points reach the webhooks; taking points back keeps the tier and tells nothing', async () => {
    const { user, member } = await aLineMember('th');
    await buy(member.id); // 4,000 points: silver
    await until(async () => (await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ')).length === 1);
    expect((await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ'))[0]).toBe('ยินดีด้วยค่ะ! คุณได้เลื่อนเป็นสมาชิกระดับ ซิลเวอร์ แล้ว (คะแนนสะสมทั้งหมด 4,000 คะแนน) ขอบคุณที่ใช้บริการกับเรานะคะ');
    await buy(member.id); // 8,000 points: gold
    await until(async () => (await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ')).length === 2);
    expect((await messagesTo(user, 'ระดับ โกลด์'))).toHaveLength(1);
    await buy(member.id); // 12,000: still gold, nothing told
    expect(await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ')).toHaveLength(2);
    expect(await h.sys.knex('member_tier_changes').where({ member_id: member.id }).orderBy('points_earned').pluck('to_tier')).toEqual(['silver', 'gold']);

    const taken = await api('POST', `/api/v1/members/${member.id}/adjustments`, { target: 'points', amount: -11_000, reason: 'Redeemed for a dinner' });
    expect(taken.status, JSON.stringify(taken.json)).toBe(201);
    const card = await cardOf(member.id);
    expect(card).toMatchObject({ points: 1000, pointsEarned: 12_000, tier: { key: 'gold' } });
    expect(await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ')).toHaveLength(2);
    await until(async () => received.filter((e) => e.data.member.number === member.number && e.type === 'member.credited' && e.data.movement.what === 'points' && e.data.movement.cause === 'points_earned').length === 3);
    await ledgerSound();
  });

  it('an English member is told in English', async () => {
    const { user, member } = await aLineMember('en');
    await buy(member.id);
    const told = (await until(async () => (await messagesTo(user, 'You are now a')).at(0))) as string;
    expect(told).toBe('Congratulations! You are now a Silver member (4,000 points earned). Thank you for being with us!');
  });
});

describe('points that expire', () => {
  it('unset (the default), points never expire, however far the clock moves', async () => {
    const { member } = await aLineMember();
    await buy(member.id);
    const r = await sweepMembers(h.sys.knex, new Date(Date.now() + 5 * 365 * DAY));
    expect(r.pointsExpired).toBe(0);
    expect(r.pointsTold).toBe(0);
    // Tiers by points earned in all (the default): none moves down as time passes.
    expect(r.tiersMoved).toBe(0);
    expect(await cardOf(member.id)).toMatchObject({ points: 4000, tier: { key: 'silver' } });
  });

  it('set to 12 months: told 7 days before, once; then the oldest points go, less what was spent, by a ledger posting and member.debited; the tier stays', async () => {
    const { user, member } = await aLineMember('th');
    await buy(member.id); // 4,000 points
    expect((await api('POST', `/api/v1/members/${member.id}/adjustments`, { target: 'points', amount: -300, reason: 'Redeemed' })).status).toBe(201);
    expect((await api('PATCH', '/api/v1/org/settings', { membership: { ...MEMBERSHIP, pointsExpireMonths: 12 } })).status).toBe(200);

    const inAYear = new Date();
    inAYear.setUTCMonth(inAYear.getUTCMonth() + 12);
    // A month before: nothing said, nothing taken.
    expect(await sweepMembers(h.sys.knex, new Date(inAYear.getTime() - 30 * DAY))).toMatchObject({ pointsExpired: 0, pointsTold: 0 });
    // Three days before: told, once.
    const soon = new Date(inAYear.getTime() - 3 * DAY);
    expect((await sweepMembers(h.sys.knex, soon)).pointsTold).toBeGreaterThanOrEqual(1);
    expect((await sweepMembers(h.sys.knex, soon)).pointsTold).toBe(0);
    const told = await messagesTo(user, 'หมดอายุภายในวันที่');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^แจ้งเตือนค่ะ คะแนนสะสมของคุณ 3,700 คะแนนจะหมดอายุภายในวันที่ .+ \d{4} ค่ะ/);
    expect((await cardOf(member.id)).points).toBe(3700);

    // A day after: the 3,700 left of them expire; once.
    const after = new Date(inAYear.getTime() + DAY);
    expect((await sweepMembers(h.sys.knex, after)).pointsExpired).toBeGreaterThanOrEqual(3700);
    expect((await sweepMembers(h.sys.knex, after)).pointsExpired).toBe(0);
    const card = await cardOf(member.id);
    expect(card).toMatchObject({ points: 0, pointsEarned: 4000, tier: { key: 'silver' } });
    expect(card.pointMovements[0]).toMatchObject({ kind: 'points_expired', amount: -3700 });
    await until(async () => received.some((e) => e.type === 'member.debited' && e.data.member.number === member.number && e.data.movement.what === 'points' && e.data.movement.cause === 'expired' && e.data.movement.amount === 3700));
    expect(await messagesTo(user, 'หมดอายุภายในวันที่')).toHaveLength(1);
    await ledgerSound();
    expect((await api('PATCH', '/api/v1/org/settings', { membership: MEMBERSHIP })).status).toBe(200);
  });
});

describe('tiers measured in a window (membership.tierWindowMonths)', () => {
  it('a tier moves down as points earned leave the last 12 months, told once; earning again moves it up, told', async () => {
    expect((await api('PATCH', '/api/v1/org/settings', { membership: { ...MEMBERSHIP, tierWindowMonths: 12 } })).status).toBe(200);
    const { user, member } = await aLineMember('th');
    await buy(member.id); // 4,000 points in the window: silver
    await until(async () => (await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ ซิลเวอร์')).length === 1);

    const inMonths = (m: number) => {
      const d = new Date();
      d.setUTCMonth(d.getUTCMonth() + m);
      return d;
    };
    await sweepMembers(h.sys.knex, inMonths(6));
    expect((await h.sys.knex('members').where({ id: member.id }).first('tier_key')).tier_key).toBe('silver');
    expect((await sweepMembers(h.sys.knex, inMonths(13))).tiersMoved).toBeGreaterThanOrEqual(1);
    expect((await h.sys.knex('members').where({ id: member.id }).first('tier_key')).tier_key).toBeNull();
    await sweepMembers(h.sys.knex, inMonths(13));
    const down = await messagesTo(user, 'ระดับสมาชิกของคุณเปลี่ยนเป็น');
    expect(down).toEqual(['แจ้งให้ทราบค่ะ ระดับสมาชิกของคุณเปลี่ยนเป็น สมาชิกทั่วไป ตามคะแนนที่ได้รับใน 12 เดือนล่าสุด (0 คะแนน) สะสมคะแนนเพิ่มเพื่อกลับสู่ระดับเดิมได้นะคะ']);

    // Today both purchases are inside the window: gold, told as a move up from no tier.
    await buy(member.id);
    await until(async () => (await messagesTo(user, 'เลื่อนเป็นสมาชิกระดับ โกลด์')).length === 1);
    expect(await h.sys.knex('member_tier_changes').where({ member_id: member.id }).orderBy('changed_at').pluck('to_tier')).toEqual(['silver', null, 'gold']);
    expect((await cardOf(member.id)).tier).toMatchObject({ key: 'gold' });
    expect((await api('PATCH', '/api/v1/org/settings', { membership: MEMBERSHIP })).status).toBe(200);
  });
});
