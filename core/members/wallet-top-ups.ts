import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { requireStripe, stripeUnavailable, type StripeClient } from '../checkout/stripe-client.ts';
import { post } from '../ledger/ledger.ts';
import { WALLET_CURRENCY } from './member-ledger.ts';
import { memberMoved } from './member-events.ts';
import { memberById, type Member } from './members.ts';

/**
 * A member tops up their wallet through a Stripe Checkout link, as a booking is paid (docs/money.md):
 * Stripe is asked first, outside any transaction (unreachable: 503, nothing written); the link is
 * then kept here. When Stripe tells the session is paid (core/checkout/stripe-events.ts hands a
 * session that is not a booking's to `applyTopUpSession`), the wallet is credited, once: Dr
 * `stripe_clearing` / Cr `member_wallet`. An amount that is not what was asked is kept apart
 * (`flagged`), posted as money held, not put in the wallet. The one writer of `member_top_ups`.
 */
export async function createTopUp(knex: Knex, stripeClient: StripeClient | undefined, r: { member: Member; amountMinor: number; baseUrl: string }) {
  const stripe = requireStripe(stripeClient);
  const id = randomUUID();
  const metadata = { top_up_id: id, org_id: r.member.orgId, member_number: r.member.number };
  let session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        allowed_payment_method_types: ['card', 'promptpay'],
        line_items: [{ quantity: 1, price_data: { currency: WALLET_CURRENCY.toLowerCase(), unit_amount: r.amountMinor, product_data: { name: `Wallet top-up ${r.member.number}` } } }],
        client_reference_id: id,
        metadata,
        payment_intent_data: { metadata },
        success_url: `${r.baseUrl}/liff/card?topped_up=1`,
        cancel_url: `${r.baseUrl}/liff/card`,
      },
      { idempotencyKey: `top-up-${id}` },
    );
  } catch (err) {
    throw stripeUnavailable(err, 'open a top-up link');
  }
  const url = session.url ?? '';
  await knex('member_top_ups').insert({ id, org_id: r.member.orgId, member_id: r.member.id, amount_minor: r.amountMinor, currency: WALLET_CURRENCY, stripe_session_id: session.id, checkout_url: url });
  return { id, amountMinor: r.amountMinor, currency: WALLET_CURRENCY, url, status: 'pending' as const };
}

/** A paid Checkout Session that may be a top-up; null when it is not one of ours. */
export async function applyTopUpSession(trx: Knex.Transaction, o: Record<string, any>): Promise<{ outcome: string } | null> {
  if (typeof o.id !== 'string') return null;
  const t = await trx('member_top_ups').where({ stripe_session_id: o.id }).forUpdate().first();
  if (!t) return null;
  if (t.status !== 'pending') return { outcome: 'already_applied' };
  const paid = Number(o.amount_total);
  const currency = String(o.currency ?? '').toUpperCase();
  const asked = paid === Number(t.amount_minor) && currency === t.currency;
  await trx('member_top_ups').where({ id: t.id }).update({ status: asked ? 'paid' : 'flagged', paid_minor: paid, paid_at: trx.fn.now() });
  if (!asked) {
    // In Stripe all the same: held, for staff to refund or apply.
    await post(trx, { orgId: t.org_id, currency: currency || t.currency, kind: 'top_up_flagged', sourceId: t.id, lines: [{ account: 'stripe_clearing', amountMinor: paid }, { account: 'deposits_held', amountMinor: -paid }] });
    return { outcome: 'amount_mismatch' };
  }
  await post(trx, { orgId: t.org_id, currency: t.currency, kind: 'wallet_top_up', sourceId: t.id, lines: [{ account: 'stripe_clearing', amountMinor: paid }, { account: 'member_wallet', holder: t.member_id, amountMinor: -paid }] });
  await memberMoved(trx, { member: await memberById(trx, t.org_id, t.member_id), kind: 'credited', what: 'wallet', amount: paid, unit: t.currency, cause: 'top_up', sourceId: t.id });
  return { outcome: 'wallet_topped_up' };
}
