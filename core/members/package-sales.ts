import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { membershipOf } from '../contracts/org-settings.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { holderBalances, lockedBalances, post } from '../ledger/ledger.ts';
import { CREDITS, earnPoints, pointsFor, pointsOf, postMemberMovement, walletOf } from './member-ledger.ts';
import { memberMoved } from './member-events.ts';
import type { Member } from './members.ts';
import { packageByKey, serviceKeys } from './packages.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Packages sold to members: the one writer of `member_package_sales`. A sale copies the
 * package's terms (credits, services, price, validity), so a package changed later leaves the
 * packages sold on the old terms as they were. Its credits and the money not yet earned are
 * ledger accounts held by the sale (member-ledger.ts).
 *
 * The ledger, for a package of n credits at price P (docs/members.md):
 * - sold: Dr bank (or the member's wallet) / Cr packages_unearned[sale] P; Dr credits_issued /
 *   Cr member_credits[sale] n; points for P by the org's rate;
 * - a credit spent (booking-credits.ts): the credit back to credits_issued, and its share of what
 *   is unearned (unearned / credits left, the last credit takes the rest) to revenue;
 * - refunded: the unused credits taken back, and all that is still unearned paid back;
 * - expired: the credits left taken back, and what is unearned earned.
 */
type Db = Knex | Knex.Transaction;
type Actor = { type: 'api_key' | 'staff' | 'system'; id: string | null };

export interface SaleRow {
  id: string;
  org_id: string;
  member_id: string;
  package_id: string;
  name_th: string;
  name_en: string;
  credits: number;
  service_ids: string[];
  price_minor: string;
  currency: string;
  paid_with: string;
  sold_at: Date;
  expires_at: Date;
  status: 'active' | 'expired' | 'refunded';
  refunded_minor: string;
}

export async function saleView(db: Db, orgId: string, r: SaleRow, creditsLeft: number) {
  return {
    id: r.id,
    packageKey: (await db('member_packages').where({ id: r.package_id }).first('key'))?.key ?? '',
    nameTh: r.name_th,
    nameEn: r.name_en,
    credits: r.credits,
    creditsLeft,
    services: await serviceKeys(db, orgId, r.service_ids),
    priceMinor: Number(r.price_minor),
    currency: r.currency,
    paidWith: r.paid_with,
    soldAt: new Date(r.sold_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    status: r.status,
    refundedMinor: Number(r.refunded_minor),
  };
}

/** The member's packages sold, soonest to run out first, each with its credits left (a ledger balance). */
export async function memberSales(db: Db, orgId: string, memberId: string) {
  const rows: SaleRow[] = await db('member_package_sales').where({ org_id: orgId, member_id: memberId }).orderByRaw(`status = 'active' DESC, expires_at`);
  const left = await holderBalances(db, orgId, 'member_credits', CREDITS, rows.map((r) => r.id));
  return Promise.all(rows.map((r) => saleView(db, orgId, r, left.get(r.id) ?? 0)));
}

export async function saleOfMember(db: Db, orgId: string, memberId: string, saleId: string): Promise<SaleRow> {
  const r = /^[0-9a-f-]{36}$/i.test(saleId) ? await db('member_package_sales').where({ org_id: orgId, member_id: memberId, id: saleId }).first() : undefined;
  if (!r) throw notFound('Package sold', { id: saleId });
  return r;
}

/**
 * Sells the package to the member, on its terms as they are now. With `idempotency` (the desk's
 * form sends one per sale), the same key and body again answer the sale made the first time
 * (`replayed`), nothing sold twice; the key with another body is refused. Requests with one key
 * take turns on an advisory lock, so a double tap's second waits and finds the first's sale.
 */
export async function sellPackageOnce(trx: Knex.Transaction, s: Parameters<typeof sellPackage>[1] & { idempotency?: { key: string; hash: string } }) {
  const { idempotency, ...sale } = s;
  if (!idempotency) return { sale: await sellPackage(trx, sale), replayed: false };
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`package-sale:${s.member.orgId}:${idempotency.key}`]);
  const earlier: (SaleRow & { idempotency_hash: string }) | undefined = await trx('member_package_sales').where({ org_id: s.member.orgId, idempotency_key: idempotency.key }).first();
  if (earlier) {
    if (earlier.idempotency_hash !== idempotency.hash || earlier.member_id !== s.member.id) throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for another sale');
    const left = await holderBalances(trx, s.member.orgId, 'member_credits', CREDITS, [earlier.id]);
    return { sale: await saleView(trx, s.member.orgId, earlier, left.get(earlier.id) ?? 0), replayed: true };
  }
  return { sale: await sellPackage(trx, { ...sale, idempotency }), replayed: false };
}

/** Sells the package to the member, on its terms as they are now. */
export async function sellPackage(
  trx: Knex.Transaction,
  /** `expiresBy`: the package ends then at the latest (a corporate seat's, with its client). */
  s: { member: Member; packageKey: string; paidWith: 'wallet' | 'transfer' | 'cash' | 'free'; actor: Actor; now?: Date; expiresBy?: Date; idempotency?: { key: string; hash: string } },
) {
  const { member } = s;
  const p = await packageByKey(trx, member.orgId, s.packageKey);
  if (!p.isActive) throw new DomainError('conflict', `The package ${p.key} is not sold any more`, { reason: 'package_inactive' });
  const now = s.now ?? new Date();
  const [sale]: SaleRow[] = await trx('member_package_sales')
    .insert({
      org_id: member.orgId,
      member_id: member.id,
      package_id: p.id,
      package_version: p.version,
      name_th: p.nameTh,
      name_en: p.nameEn,
      credits: p.credits,
      service_ids: p.serviceIds,
      price_minor: p.priceMinor,
      currency: p.currency,
      validity_days: p.validityDays,
      paid_with: s.paidWith,
      sold_at: now,
      expires_at: new Date(Math.min(now.getTime() + p.validityDays * 86_400_000, s.expiresBy?.getTime() ?? Infinity)),
      idempotency_key: s.idempotency?.key ?? null,
      idempotency_hash: s.idempotency?.hash ?? null,
    })
    .returning('*');
  const price = p.priceMinor;
  if (price > 0 && s.paidWith !== 'free') {
    const from = s.paidWith === 'wallet' ? { account: 'member_wallet' as const, holder: member.id } : { account: 'bank' as const };
    await postMemberMovement(
      trx,
      { orgId: member.orgId, currency: p.currency, kind: 'package_sale', sourceId: sale.id, memo: p.key, lines: [{ ...from, amountMinor: price }, { account: 'packages_unearned', holder: sale.id, amountMinor: -price }] },
      async () => new DomainError('insufficient_balance', `The wallet holds less than the package's price`, { reason: 'wallet', balanceMinor: await walletOf(trx, member.orgId, member.id), priceMinor: price, currency: p.currency }),
    );
    if (s.paidWith === 'wallet') await memberMoved(trx, { member, kind: 'debited', what: 'wallet', amount: price, unit: p.currency, cause: 'package_sale', sourceId: sale.id });
    const org = await orgSettingsRow(trx, member.orgId);
    await earnPoints(trx, member, pointsFor(price, membershipOf(org?.settings).pointsPerBaht), `sale:${sale.id}`, p.key);
  }
  await post(trx, {
    orgId: member.orgId,
    currency: CREDITS,
    kind: 'package_credits',
    sourceId: sale.id,
    memo: p.key,
    lines: [{ account: 'credits_issued', amountMinor: p.credits }, { account: 'member_credits', holder: sale.id, amountMinor: -p.credits }],
  });
  await memberMoved(trx, { member, kind: 'credited', what: 'credits', amount: p.credits, unit: CREDITS, cause: 'package_sale', sourceId: sale.id });
  await recordAudit(trx, { orgId: member.orgId, actorType: s.actor.type, actorId: s.actor.id, action: 'member_package.sold', subjectType: 'member', subjectId: member.id, details: { saleId: sale.id, package: p.key, version: p.version, paidWith: s.paidWith } });
  return saleView(trx, member.orgId, sale, p.credits);
}

/**
 * What refunding a package sold gives back now, by the org's rule (docs/money.md, "A package
 * refunded"): its credits left are taken back and all that is still unearned of its price is paid
 * back (each credit used earned its share, so a member who used 2 of 5 gets 3/5 of the price back,
 * the rounding of each share in the member's favour), with the points that part earned, as far as
 * the member still holds them. The refund and its preview both read it, so the desk shows the
 * figures the refund will post. `lock`: the sale's row and balances are locked (the refund's own
 * reading). Refused (409 `conflict`, `details.reason`): `expired` (its unearned money was earned
 * when it ran out), `refunded`, and `used_up` (no credit and no money left) unless `usedUp: 'close'`.
 */
export async function refundTerms(db: Db, r: { member: Member; saleId: string; lock?: boolean; usedUp?: 'refuse' | 'close' }) {
  const { member } = r;
  await saleOfMember(db, member.orgId, member.id, r.saleId);
  const q = db('member_package_sales').where({ id: r.saleId });
  const sale: SaleRow = await (r.lock ? q.forUpdate() : q).first();
  if (sale.status !== 'active') throw new DomainError('conflict', `This package is ${sale.status}: nothing is left to refund`, { reason: sale.status, saleId: sale.id });
  const read = r.lock ? lockedBalances : holderBalances;
  const credits = (await read(db as Knex.Transaction, member.orgId, 'member_credits', CREDITS, [sale.id])).get(sale.id) ?? 0;
  const unearned = (await read(db as Knex.Transaction, member.orgId, 'packages_unearned', sale.currency, [sale.id])).get(sale.id) ?? 0;
  if (credits === 0 && unearned === 0 && r.usedUp !== 'close') throw new DomainError('conflict', 'Every credit of this package was used: nothing is left to refund', { reason: 'used_up', saleId: sale.id });
  const price = Number(sale.price_minor);
  const earned = unearned > 0 && price > 0 ? Math.floor((pointsFor(price, membershipOf((await orgSettingsRow(db, member.orgId))?.settings).pointsPerBaht) * unearned) / price) : 0;
  return {
    sale,
    saleId: sale.id,
    creditsLeft: credits,
    refundMinor: unearned,
    currency: sale.currency,
    pointsTakenBack: earned > 0 ? Math.min(earned, await pointsOf(db, member.orgId, member.id)) : 0,
    priceMinor: price,
    credits: sale.credits,
    paidWith: sale.paid_with,
    to: (sale.paid_with === 'wallet' ? 'wallet' : 'transfer') as 'wallet' | 'transfer',
  };
}

/** Refunds a package sold by `refundTerms`: the figures it reads are posted, in one transaction. */
export async function refundSale(trx: Knex.Transaction, r: { member: Member; saleId: string; reason: string; to?: 'wallet' | 'transfer'; actor: Actor; usedUp?: 'refuse' | 'close' }) {
  const { member } = r;
  const t = await refundTerms(trx, { member, saleId: r.saleId, lock: true, usedUp: r.usedUp });
  const { sale, creditsLeft: credits, refundMinor: unearned, pointsTakenBack: takeBack } = t;
  const to = r.to ?? t.to;
  if (credits > 0) {
    await post(trx, { orgId: member.orgId, currency: CREDITS, kind: 'package_refund_credits', sourceId: sale.id, memo: r.reason, lines: [{ account: 'member_credits', holder: sale.id, amountMinor: credits }, { account: 'credits_issued', amountMinor: -credits }] });
    await memberMoved(trx, { member, kind: 'debited', what: 'credits', amount: credits, unit: CREDITS, cause: 'package_refund', sourceId: sale.id });
  }
  if (unearned > 0) {
    const back = to === 'wallet' ? { account: 'member_wallet' as const, holder: member.id } : { account: 'bank' as const };
    await postMemberMovement(
      trx,
      { orgId: member.orgId, currency: sale.currency, kind: 'package_refund', sourceId: sale.id, memo: r.reason, lines: [{ account: 'packages_unearned', holder: sale.id, amountMinor: unearned }, { ...back, amountMinor: -unearned }] },
      async () => new DomainError('conflict', 'The bank account holds less than the refund: record the money received first', { reason: 'bank' }),
    );
    if (to === 'wallet') await memberMoved(trx, { member, kind: 'credited', what: 'wallet', amount: unearned, unit: sale.currency, cause: 'package_refund', sourceId: sale.id });
  }
  // The points the refunded part earned go too, as far as the member still has them.
  if (takeBack > 0) {
    await post(trx, { orgId: member.orgId, currency: 'PTS', kind: 'points_refunded', sourceId: sale.id, memo: r.reason, lines: [{ account: 'member_points', holder: member.id, amountMinor: takeBack }, { account: 'points_issued', amountMinor: -takeBack }] });
    await memberMoved(trx, { member, kind: 'debited', what: 'points', amount: takeBack, unit: 'PTS', cause: 'package_refund', sourceId: sale.id });
  }
  await trx('member_package_sales').where({ id: sale.id }).update({ status: 'refunded', refunded_minor: unearned, closed_at: trx.fn.now() });
  await recordAudit(trx, { orgId: member.orgId, actorType: r.actor.type, actorId: r.actor.id, action: 'member_package.refunded', subjectType: 'member', subjectId: member.id, details: { saleId: sale.id, creditsTakenBack: credits, refundedMinor: unearned, to, reason: r.reason } });
  return { saleId: sale.id, creditsTakenBack: credits, refundedMinor: unearned, currency: sale.currency, to };
}

/** Packages sold whose time ran out and that are still open: the expiry worker's list. */
export async function salesRunOut(db: Db, now: Date, limit = 200): Promise<{ id: string; org_id: string; member_id: string }[]> {
  return db('member_package_sales').where('status', 'active').andWhere('expires_at', '<=', now).orderBy('expires_at').limit(limit).select('id', 'org_id', 'member_id');
}

/** Packages that run out within `days` and whose member was not told yet: the notice worker's list. */
export async function salesRunningOut(db: Db, now: Date, limit = 200): Promise<SaleRow[]> {
  return db('member_package_sales as s')
    .join('orgs as o', 'o.id', 's.org_id')
    .where('s.status', 'active')
    .whereNull('s.expiry_notice_at')
    .andWhere('s.expires_at', '>', now)
    .andWhereRaw(`s.expires_at <= ?::timestamptz + make_interval(days => coalesce((o.settings->'membership'->>'expiryNoticeDays')::int, 7))`, [now])
    .orderBy('s.expires_at')
    .limit(limit)
    .select('s.*');
}

/** Marks the member told of the sale's coming expiry; false when another worker told them first. */
export async function markExpiryNoticed(trx: Knex.Transaction, saleId: string): Promise<boolean> {
  return (await trx('member_package_sales').where({ id: saleId }).whereNull('expiry_notice_at').update({ expiry_notice_at: trx.fn.now() })) > 0;
}

/** A sale whose time ran out: its credits left are taken back and what is unearned is earned. Once. */
export async function expireSale(trx: Knex.Transaction, member: Member, saleId: string, now: Date = new Date()): Promise<{ creditsExpired: number } | null> {
  const sale: SaleRow | undefined = await trx('member_package_sales').where({ id: saleId, status: 'active' }).andWhere('expires_at', '<=', now).forUpdate().first();
  if (!sale) return null;
  const credits = (await lockedBalances(trx, sale.org_id, 'member_credits', CREDITS, [sale.id])).get(sale.id) ?? 0;
  const unearned = (await lockedBalances(trx, sale.org_id, 'packages_unearned', sale.currency, [sale.id])).get(sale.id) ?? 0;
  if (credits > 0) {
    await post(trx, { orgId: sale.org_id, currency: CREDITS, kind: 'credits_expired', sourceId: sale.id, lines: [{ account: 'member_credits', holder: sale.id, amountMinor: credits }, { account: 'credits_issued', amountMinor: -credits }] });
    await memberMoved(trx, { member, kind: 'debited', what: 'credits', amount: credits, unit: CREDITS, cause: 'expired', sourceId: sale.id });
  }
  if (unearned > 0) {
    await post(trx, { orgId: sale.org_id, currency: sale.currency, kind: 'package_breakage', sourceId: sale.id, lines: [{ account: 'packages_unearned', holder: sale.id, amountMinor: unearned }, { account: 'revenue', amountMinor: -unearned }] });
  }
  await trx('member_package_sales').where({ id: sale.id }).update({ status: 'expired', closed_at: trx.fn.now() });
  return { creditsExpired: credits };
}

