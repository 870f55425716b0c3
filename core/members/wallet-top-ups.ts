import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { requireStripe, stripeUnavailable, type StripeClient } from '../checkout/stripe-client.ts';
import { DomainError } from '../errors/index.ts';
import { post } from '../ledger/ledger.ts';
import { WALLET_CURRENCY } from './member-ledger.ts';
import { memberMoved } from './member-events.ts';
import { memberById, type Member } from './members.ts';
import { sellPackage } from './package-sales.ts';
import { packageByKey } from './packages.ts';

/**
 * A member tops up their wallet through a Stripe Checkout link, as a booking is paid (docs/money.md):
 * Stripe is asked first, outside any transaction (unreachable: 503, nothing written); the link is
 * then kept here. When Stripe tells the session is paid (core/checkout/stripe-events.ts hands a
 * session that is not a booking's to `applyTopUpSession`), the wallet is credited, once: Dr
 * `stripe_clearing` / Cr `member_wallet`. An amount that is not what was asked is kept apart
 * (`flagged`), posted as money held, not put in the wallet. The one writer of `member_top_ups`.
 *
 * A package bought online is a top-up of its price that, once paid, buys the package from the
 * wallet in the same transaction (`package`): one way for money to come in from Stripe, paid once
 * however many events tell of it, flagged the same way. A package changed (its version) or no
 * longer sold by then: the money stays in the wallet, nothing is sold on terms the member did not see.
 */
export async function createTopUp(knex: Knex, stripeClient: StripeClient | undefined, r: { member: Member; amountMinor: number; baseUrl: string; package?: { id: string; version: number; nameEn: string } }) {
  const stripe = requireStripe(stripeClient);
  const id = randomUUID();
  const metadata = { top_up_id: id, org_id: r.member.orgId, member_number: r.member.number };
  const name = r.package ? `${r.package.nameEn} ${r.member.number}` : `Wallet top-up ${r.member.number}`;
  let session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        allowed_payment_method_types: ['card', 'promptpay'],
        line_items: [{ quantity: 1, price_data: { currency: WALLET_CURRENCY.toLowerCase(), unit_amount: r.amountMinor, product_data: { name } } }],
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
  await knex('member_top_ups').insert({
    id,
    org_id: r.member.orgId,
    member_id: r.member.id,
    amount_minor: r.amountMinor,
    currency: WALLET_CURRENCY,
    stripe_session_id: session.id,
    checkout_url: url,
    package_id: r.package?.id ?? null,
    package_version: r.package?.version ?? null,
  });
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
  const member = await memberById(trx, t.org_id, t.member_id);
  await memberMoved(trx, { member, kind: 'credited', what: 'wallet', amount: paid, unit: t.currency, cause: 'top_up', sourceId: t.id });
  if (!t.package_id) return { outcome: 'wallet_topped_up' };
  const p = await trx('member_packages').where({ id: t.package_id }).first('key', 'version', 'is_active');
  if (!p?.is_active || p.version !== t.package_version) return { outcome: 'package_changed_kept_in_wallet' };
  const sale = await sellPackage(trx, { member, packageKey: p.key, paidWith: 'wallet', actor: { type: 'system', id: null } });
  await trx('member_top_ups').where({ id: t.id }).update({ sale_id: sale.id });
  return { outcome: 'package_bought' };
}

/** A Stripe link for the package as it is sold now: its price, then the package bought with it once paid. */
export async function buyPackageOnline(knex: Knex, stripeClient: StripeClient | undefined, r: { member: Member; packageKey: string; baseUrl: string }) {
  const p = await packageByKey(knex, r.member.orgId, r.packageKey);
  if (!p.isActive || p.priceMinor <= 0) throw new DomainError('conflict', `The package ${p.key} is not sold online`, { reason: p.isActive ? 'free' : 'package_inactive' });
  if (p.currency !== WALLET_CURRENCY) throw new DomainError('conflict', `The package is priced in ${p.currency}`, { reason: 'currency' });
  return createTopUp(knex, stripeClient, { member: r.member, amountMinor: p.priceMinor, baseUrl: r.baseUrl, package: { id: p.id, version: p.version, nameEn: p.nameEn } });
}
