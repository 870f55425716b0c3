import type { Knex } from 'knex';
import { CREDITS } from './member-ledger.ts';
import { holderBalances } from '../ledger/ledger.ts';
import { tellCreditsExpiring } from './member-notices.ts';
import { memberById } from './members.ts';
import { sweepPoints } from './points-expiry.ts';
import { sweepTiers } from './member-tiers.ts';
import { expireSale, salesRunningOut, salesRunOut } from './package-sales.ts';

/**
 * The members' sweep (every 10 minutes, workers/processors/members.ts): packages whose time ran
 * out are closed (their credits taken back, their unearned money earned), and members whose
 * package runs out within the org's `expiryNoticeDays` are told once, while credits are left.
 * Each package in its own transaction, so one failing leaves the others done. Points older than
 * the org's `pointsExpireMonths` expire too (points-expiry.ts), and tiers measured in the org's
 * `tierWindowMonths` move down as points age out of it (member-tiers.ts).
 */
export const MEMBER_QUEUE = 'members';
export const MEMBER_SWEEP_JOB = 'member-sweep';

export async function sweepMembers(knex: Knex, now: Date = new Date()): Promise<{ expired: number; told: number; pointsExpired: number; pointsTold: number; tiersMoved: number }> {
  let expired = 0;
  let told = 0;
  for (const s of await salesRunOut(knex, now)) {
    const done = await knex.transaction(async (trx) => expireSale(trx, await memberById(trx, s.org_id, s.member_id), s.id, now));
    if (done) expired += 1;
  }
  for (const s of await salesRunningOut(knex, now)) {
    const left = (await holderBalances(knex, s.org_id, 'member_credits', CREDITS, [s.id])).get(s.id) ?? 0;
    if (await knex.transaction((trx) => tellCreditsExpiring(trx, s, left))) told += 1;
  }
  return { expired, told, ...(await sweepPoints(knex, now)), ...(await sweepTiers(knex, now)) };
}
