import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi, type RunningFakeStripeApi } from '../dev/fakes/stripe-api.ts';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';

/**
 * A member's wallet topped up through a Stripe Checkout link (docs/members.md): the link, the
 * payment credits the wallet once however often Stripe tells it, `member.credited` reaches the
 * business's webhook; an amount not asked for is held, not put in the wallet. Stripe is the fake
 * that speaks its wire format (dev/fakes/stripe-api.ts).
 */
let sys: TestSystem;
let stripe: RunningFakeStripeApi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver<{ type: string; data: any }>>>;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

beforeAll(async () => {
  stripe = await startFakeStripeApi();
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off', STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url } });
  stripe.state.webhookUrl = `${sys.url}/webhooks/stripe`;
  receiver = await startWebhookReceiver<{ type: string; data: any }>('/members');
  const ep = await api('POST', '/api/v1/webhook-endpoints', { url: receiver.url, events: ['member.credited', 'member.debited'] });
  expect(ep.status, JSON.stringify(ep.json)).toBe(201);
}, 60_000);
afterAll(async () => {
  await sys?.stopAll();
  await stripe?.close();
  receiver?.close();
});

async function aMember() {
  const [c] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Top-up member', language: 'th' }).returning('id');
  return (await api('POST', '/api/v1/members', { contactId: c.id })).json as { id: string; number: string };
}
const sessionOf = (topUpId: string) => [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).top_up_id === topUpId)!;
const walletOf = async (id: string) => (await api('GET', `/api/v1/members/${id}`)).json.wallet.balanceMinor as number;

describe('a wallet top-up through Stripe', () => {
  it('gives a Stripe link; its payment credits the wallet once, even told twice, and the business hears member.credited', async () => {
    const member = await aMember();
    const r = await api('POST', `/api/v1/members/${member.id}/top-ups`, { amountMinor: 150_000 });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ amountMinor: 150_000, currency: 'THB', status: 'pending' });
    expect(r.json.url).toContain('checkout');
    expect(await walletOf(member.id)).toBe(0);
    const [completed] = await stripe.state.completeSession(sessionOf(r.json.id).id as string);
    await until(async () => (await walletOf(member.id)) === 150_000);
    // Stripe tells of the same session again in another event: nothing more.
    const again = await stripe.state.emit('checkout.session.async_payment_succeeded', completed.data.object);
    await until(async () => (await sys.knex('stripe_events').where({ id: again.id }).first())?.outcome === 'already_applied');
    expect(await walletOf(member.id)).toBe(150_000);
    await until(async () => receiver.received.some((e) => e.type === 'member.credited' && e.data.member.number === member.number && e.data.movement.cause === 'top_up'));
    expect((await trialBalance(sys.knex, sys.defaultOrgId)).balanced).toBe(true);
    expect(await rebuildBalances(sys.knex)).toBe(0);
  });

  it('an amount that is not what was asked is held apart, not put in the wallet', async () => {
    const member = await aMember();
    const r = await api('POST', `/api/v1/members/${member.id}/top-ups`, { amountMinor: 50_000 });
    await stripe.state.completeSession(sessionOf(r.json.id).id as string, { amountTotal: 100 });
    await until(async () => (await sys.knex('member_top_ups').where({ id: r.json.id }).first()).status !== 'pending');
    expect((await sys.knex('member_top_ups').where({ id: r.json.id }).first()).status).toBe('flagged');
    expect(await walletOf(member.id)).toBe(0);
    expect((await trialBalance(sys.knex, sys.defaultOrgId)).balanced).toBe(true);
  });

  it('too small an amount is refused (422) and nothing is asked of Stripe', async () => {
    const member = await aMember();
    const before = stripe.state.sessions.size;
    const r = await api('POST', `/api/v1/members/${member.id}/top-ups`, { amountMinor: 500 });
    expect(r.status).toBe(422);
    expect(stripe.state.sessions.size).toBe(before);
    expect(await sys.knex('member_top_ups').where({ member_id: member.id }).first()).toBeUndefined();
  });
});
