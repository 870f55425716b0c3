import type { Knex } from 'knex';
import { DomainError } from '../errors/index.ts';
import { isCheckViolation } from '../errors/index.ts';
import { balance, post, type LedgerLine } from '../ledger/ledger.ts';
import { memberMoved } from './member-events.ts';
import type { Member } from './members.ts';
import { settleTier } from './member-tiers.ts';

/**
 * What members hold, as ledger accounts (docs/members.md, "Balances"): each member's wallet (in
 * the org's money) and points (`PTS`), and each package sold's credits (`CRD`) and the money paid
 * for it not yet earned. The ledger refuses any of them below zero, so a spend beyond what is
 * held fails in the database, whoever races it; this module turns that into the member's answer.
 */
import { CREDITS, POINTS, WALLET_CURRENCY } from './member-units.ts';

export { CREDITS, POINTS, WALLET_CURRENCY };

type Db = Knex | Knex.Transaction;

export const walletOf = (db: Db, orgId: string, memberId: string) => balance(db, orgId, 'member_wallet', WALLET_CURRENCY, memberId);
export const pointsOf = (db: Db, orgId: string, memberId: string) => balance(db, orgId, 'member_points', POINTS, memberId);
export const creditsLeft = (db: Db, orgId: string, saleId: string) => balance(db, orgId, 'member_credits', CREDITS, saleId);
export const unearnedOf = (db: Db, orgId: string, saleId: string) => balance(db, orgId, 'packages_unearned', WALLET_CURRENCY, saleId);

/**
 * Posts in a savepoint, so a refusal for going below zero (the ledger's CHECK) leaves the caller's
 * transaction usable; that refusal becomes `insufficient_balance` with what was asked.
 */
export async function postMemberMovement(
  trx: Knex.Transaction,
  p: { orgId: string; currency: string; kind: string; sourceId: string; memo?: string; lines: LedgerLine[] },
  refusal: () => Promise<DomainError>,
): Promise<string | null> {
  try {
    return await trx.transaction((sp) => post(sp, p));
  } catch (err) {
    if (isCheckViolation(err, 'ledger_accounts_not_negative')) throw await refusal();
    throw err;
  }
}

/** Points for money paid, by the org's rate (two decimals, whole points, rounded down). */
export function pointsFor(amountMinor: number, pointsPerBaht: number): number {
  return Math.floor((amountMinor * Math.round(pointsPerBaht * 100)) / 10_000);
}

/**
 * Gives a member points for money they paid (`sourceId` names the payment: given once), tells
 * those who follow members' movements (member.credited), and the member when it moves their tier.
 */
export async function earnPoints(trx: Knex.Transaction, member: Member, points: number, sourceId: string, memo: string): Promise<void> {
  if (points <= 0) return;
  const posted = await post(trx, {
    orgId: member.orgId,
    currency: POINTS,
    kind: 'points_earned',
    sourceId,
    memo,
    lines: [
      { account: 'points_issued', amountMinor: points },
      { account: 'member_points', holder: member.id, amountMinor: -points },
    ],
  });
  if (!posted) return;
  await memberMoved(trx, { member, kind: 'credited', what: 'points', amount: points, unit: POINTS, cause: 'points_earned', sourceId });
  await settleTier(trx, member);
}
