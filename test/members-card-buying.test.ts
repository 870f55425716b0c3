import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi, type RunningFakeStripeApi } from '../dev/fakes/stripe-api.ts';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until } from './support/test-system.ts';

/**
 * Buying from the member card (docs/members.md, "Buying from the card"): the signed-in member tops
 * up their wallet and buys a package through a Stripe Checkout link (the fake Stripe speaks its
 * wire format). Paid once however many events tell of it; an amount that differs is held, nothing
 * bought; amounts typed as people type them, and the bad ones refused with nothing asked of Stripe.
 */
let h: LiffHarness;
let stripe: RunningFakeStripeApi;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);

beforeAll(async () => {
  stripe = await startFakeStripeApi();
  h = await startLiffHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
  stripe.state.webhookUrl = `${h.sys.url}/webhooks/stripe`;
  expect((await api('POST', '/api/v1/services', { key: 'pad_thai', name: { th: 'คลาสผัดไทย', en: 'Pad thai class' }, durationMinutes: 120, capacity: 10, price: '900' })).status).toBe(201);
  expect((await api('POST', '/api/v1/member-packages', { key: 'ten', nameTh: 'แพ็กเกจ 10 คลาส', nameEn: '10 classes', credits: 10, services: ['pad_thai'], priceMinor: 800_000, validityDays: 180 })).status).toBe(201);
}, 90_000);
afterAll(async () => {
  await h?.close();
  await stripe?.close();
});

async function aLineMember() {
  const userId = lineId('U');
  await h.tell(userId, 'สวัสดีค่ะ');
  const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
  const member = (await api('POST', '/api/v1/members', { contactId: chat.contact_id })).json as { id: string; number: string };
  const as = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.sys.url}/liff-api/v1${path}`, { method, headers: { authorization: `Bearer ${h.idToken(userId)}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  };
  return { userId, member, as };
}
const sessionOf = (topUpId: string) => [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).top_up_id === topUpId)!;
const cardOf = async (id: string) => (await api('GET', `/api/v1/members/${id}`)).json;
const topUps = async (memberId: string) => Number((await h.sys.knex('member_top_ups').where({ member_id: memberId }).count('* as n'))[0].n);
async function ledgerSound() {
  expect((await trialBalance(h.sys.knex, h.sys.defaultOrgId)).balanced).toBe(true);
  expect(await rebuildBalances(h.sys.knex)).toBe(0);
}

describe('buying from the member card', () => {
  it('the card offers the packages with what they hold; one bought through Stripe is paid once, however many events, and its credits are on the card', async () => {
    const { member, as } = await aLineMember();
    const card = await as('GET', '/me/card');
    expect(card.json.offers).toEqual([{ key: 'ten', nameTh: 'แพ็กเกจ 10 คลาส', nameEn: '10 classes', credits: 10, services: [{ th: 'คลาสผัดไทย', en: 'Pad thai class' }], priceMinor: 800_000, currency: 'THB', validityDays: 180 }]);
    const bought = await as('POST', '/me/card/packages', { packageKey: 'ten' });
    expect(bought.status, JSON.stringify(bought.json)).toBe(201);
    expect(bought.json).toMatchObject({ amountMinor: 800_000, currency: 'THB', status: 'pending' });
    const session = sessionOf(bought.json.id);
    expect(session.success_url).toContain('/liff/card');
    const [completed] = await stripe.state.completeSession(session.id as string);
    await until(async () => (await cardOf(member.id)).packages.length === 1);
    const again = await stripe.state.emit('checkout.session.async_payment_succeeded', completed.data.object);
    await until(async () => (await h.sys.knex('stripe_events').where({ id: again.id }).first())?.outcome === 'already_applied');
    const after = await cardOf(member.id);
    expect(after.packages).toEqual([expect.objectContaining({ packageKey: 'ten', creditsLeft: 10, priceMinor: 800_000 })]);
    expect(after.wallet.balanceMinor).toBe(0);
    expect(await h.sys.knex('member_top_ups').where({ id: bought.json.id }).first('status', 'sale_id')).toEqual({ status: 'paid', sale_id: after.packages[0].id });
    await ledgerSound();
  });

  it('paid a different amount: held for staff, no package, the wallet as it was', async () => {
    const { member, as } = await aLineMember();
    const bought = await as('POST', '/me/card/packages', { packageKey: 'ten' });
    await stripe.state.completeSession(sessionOf(bought.json.id).id as string, { amountTotal: 100_000 });
    await until(async () => (await h.sys.knex('member_top_ups').where({ id: bought.json.id }).first()).status !== 'pending');
    expect((await h.sys.knex('member_top_ups').where({ id: bought.json.id }).first()).status).toBe('flagged');
    const card = await cardOf(member.id);
    expect(card.packages).toEqual([]);
    expect(card.wallet.balanceMinor).toBe(0);
    await ledgerSound();
  });

  it('a top-up typed "1,500" is 1,500 baht, paid into the wallet; 0, negative, text and too little are refused naming the amount, nothing asked of Stripe', async () => {
    const { member, as } = await aLineMember();
    const r = await as('POST', '/me/card/top-ups', { amount: '1,500' });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.amountMinor).toBe(150_000);
    await stripe.state.completeSession(sessionOf(r.json.id).id as string);
    await until(async () => (await cardOf(member.id)).wallet.balanceMinor === 150_000);

    const sessions = stripe.state.sessions.size;
    for (const amount of ['0', 0, '-500', -500, 'หนึ่งพัน', '1,50', '19.99', '']) {
      const bad = await as('POST', '/me/card/top-ups', { amount });
      expect(bad.status, String(amount)).toBe(422);
      expect(bad.json.error.details[0].path).toBe('amount');
    }
    expect(stripe.state.sessions.size).toBe(sessions);
    expect(await topUps(member.id)).toBe(1);
    expect((await cardOf(member.id)).wallet.balanceMinor).toBe(150_000);
  });

  it('someone who is not a member is told so (404), a package the business has not is a 404, and nothing is asked of Stripe', async () => {
    const stranger = lineId('U');
    await h.tell(stranger, 'hello');
    const token = h.idToken(stranger);
    const res = await fetch(`${h.sys.url}/liff-api/v1/me/card/top-ups`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ amount: '500' }) });
    expect(res.status).toBe(404);
    const { member, as } = await aLineMember();
    const sessions = stripe.state.sessions.size;
    expect((await as('POST', '/me/card/packages', { packageKey: 'nope' })).status).toBe(404);
    expect(await topUps(member.id)).toBe(0);
    expect(stripe.state.sessions.size).toBe(sessions);
  });
});

describe('a credit spent, told', () => {
  it('a member who books with a credit is told on LINE which package paid and what is left; a booking without credits tells nothing of credits', async () => {
    const { userId, member } = await aLineMember();
    expect((await api('POST', `/api/v1/members/${member.id}/packages`, { packageKey: 'ten', paidWith: 'cash' })).status).toBe(201);
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const session = (await api('POST', '/api/v1/services/pad_thai/sessions', { date: day, time: '11:00', capacity: 10 })).json.items[0].id;
    const booked = await api('POST', '/api/v1/bookings', { session_id: session, member_number: member.number, pay_with: 'credits', language: 'th' });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    const texts = () => h.line.state.deliveriesTo(userId).flatMap((d) => d.messages.map((m) => ('text' in m ? String(m.text) : '')));
    await until(async () => texts().some((t) => t.includes(booked.json.number)));
    expect(texts()).toContain(`ใช้ 1 เครดิตจาก แพ็กเกจ 10 คลาส สำหรับการจอง ${booked.json.number} แล้วค่ะ เหลืออีก 9 ครั้ง`);

    const plain = await api('POST', '/api/v1/bookings', { session_id: session, member_number: member.number, language: 'th' });
    expect(plain.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    expect(texts().filter((t) => t.includes(plain.json.number) && t.includes('เครดิต'))).toEqual([]);
  });
});
