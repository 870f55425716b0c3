import type { Knex } from 'knex';
import { membershipOf } from '../contracts/org-settings.ts';
import type { MemberCard } from '../contracts/members.ts';
import { accountMovements } from '../ledger/ledger.ts';
import { POINTS, pointsOf, walletOf, WALLET_CURRENCY } from './member-ledger.ts';
import type { Member } from './members.ts';
import { memberSales } from './package-sales.ts';
import { orgSettingsRow } from '../db/org-cache.ts';
import { tierFor, tierPoints } from './member-tiers.ts';

/**
 * What a member holds and did, read from the ledger and the sales: the member card (LIFF), the
 * customer's 360 on the desk, the REST answer and the chat's "my balance" all read this one.
 */
type Db = Knex | Knex.Transaction;

export async function memberCard(db: Db, member: Member): Promise<MemberCard> {
  const { orgId } = member;
  const contact = await db('contacts').where({ id: member.contactId }).first('display_name');
  const org = await orgSettingsRow(db, orgId);
  const rules = membershipOf(org?.settings);
  const earned = await tierPoints(db, member, rules);
  const { tier, next } = tierFor(rules.tiers, earned);
  const usage = await db('member_booking_payments as p')
    .join('bookings as b', 'b.id', 'p.booking_id')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .leftJoin('service_sessions as ss', 'ss.id', 'b.session_id')
    .where('p.member_id', member.id)
    .orderBy('p.paid_at', 'desc')
    .limit(50)
    .select('b.number', 's.name_th', 's.name_en', 'p.paid_with', 'p.credits', 'p.amount_minor', 'p.paid_at', 'p.returned_at', db.raw('coalesce(ss.starts_at, b.slot_starts_at) AS booked_for'));
  const movements = async (kind: 'member_wallet' | 'member_points', currency: string) =>
    (await accountMovements(db, orgId, kind, currency, member.id, 20)).map((m) => ({ kind: m.kind, at: m.at.toISOString(), amount: m.amount, memo: m.memo }));
  return {
    id: member.id,
    number: member.number,
    contactId: member.contactId,
    name: contact?.display_name ?? null,
    joinedAt: member.joinedAt.toISOString(),
    tier: tier && { key: tier.key, nameTh: tier.nameTh, nameEn: tier.nameEn },
    pointsEarned: earned,
    nextTier: next && { key: next.key, nameTh: next.nameTh, nameEn: next.nameEn, pointsToGo: next.minPoints - earned },
    wallet: { balanceMinor: await walletOf(db, orgId, member.id), currency: WALLET_CURRENCY },
    points: await pointsOf(db, orgId, member.id),
    packages: await memberSales(db, orgId, member.id),
    usage: usage.map((u) => ({
      bookingNumber: u.number,
      service: { th: u.name_th ?? null, en: u.name_en ?? null },
      paidWith: u.paid_with,
      credits: u.credits,
      amountMinor: u.paid_with === 'wallet' ? Number(u.amount_minor) : 0,
      at: new Date(u.paid_at).toISOString(),
      bookedFor: u.booked_for ? new Date(u.booked_for).toISOString() : null,
      returned: Boolean(u.returned_at),
    })),
    walletMovements: await movements('member_wallet', WALLET_CURRENCY),
    pointMovements: await movements('member_points', POINTS),
  };
}
