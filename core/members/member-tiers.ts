import type { Knex } from 'knex';
import { customerChatOf } from '../bookings/booking-desk.ts';
import { membershipOf, type Membership } from '../contracts/org-settings.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { postedInto } from '../ledger/ledger.ts';
import { orgSettingsRow } from '../db/org-cache.ts';
import { renderTemplate } from '../templates/render-template.ts';
import type { Language } from '../vocabulary.ts';
import { POINTS } from './member-units.ts';
import { memberById, moveTier, type Member } from './members.ts';

/**
 * Tiers (docs/members.md, "Tiers and points"): a member is of the highest tier whose `minPoints`
 * they reached in points earned: in all (the default: those never go down, so a tier only moves
 * up), or, when the org sets `membership.tierWindowMonths`, in that many last months, so a tier
 * moves down as points age. The tier last told is on the member (members.tier_key); a move is the
 * change of it, recorded (`member_tier_changes`) and told once (`member_tier_up` /
 * `member_tier_down`, through the outbox): when points are earned, and for moves down, by the
 * members' sweep.
 */
type Db = Knex | Knex.Transaction;
type Tier = Membership['tiers'][number];

const sorted = (tiers: Tier[]) => [...tiers].sort((a, b) => a.minPoints - b.minPoints);

export function tierFor(tiers: Tier[], earned: number): { tier: Tier | null; next: Tier | null } {
  const s = sorted(tiers);
  return { tier: s.filter((t) => t.minPoints <= earned).at(-1) ?? null, next: s.find((t) => t.minPoints > earned) ?? null };
}

const monthsBefore = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/** The points a member's tier is measured by, by the org's rule. */
export async function tierPoints(db: Db, member: Member, rules: Membership, now: Date = new Date()): Promise<number> {
  const since = rules.tierWindowMonths ? monthsBefore(now, rules.tierWindowMonths) : undefined;
  return postedInto(db, member.orgId, 'member_points', POINTS, member.id, 'points_earned', since);
}

/** Reads the member's tier now; a move from the tier last told is recorded and told, once. */
export async function settleTier(trx: Knex.Transaction, member: Member, now: Date = new Date()): Promise<'up' | 'down' | null> {
  const org = await orgSettingsRow(trx, member.orgId);
  const rules = membershipOf(org?.settings);
  const earned = await tierPoints(trx, member, rules, now);
  const to = tierFor(rules.tiers, earned).tier;
  const { moved, from } = await moveTier(trx, member.id, to?.key ?? null);
  if (!moved) return null;
  const rank = (key: string | null) => (key ? sorted(rules.tiers).findIndex((t) => t.key === key) : -1);
  const up = rank(to?.key ?? null) > rank(from);
  await trx('member_tier_changes').insert({ org_id: member.orgId, member_id: member.id, from_tier: from, to_tier: to?.key ?? null, points_earned: earned });
  // With points earned in all a tier falls only when the org raises its thresholds: kept, not told.
  if (!up && !rules.tierWindowMonths) return 'down';
  const contact = await trx('contacts').where({ id: member.contactId }).first('language');
  const language: Language = contact?.language === 'en' ? 'en' : 'th';
  const tierName = to ? (language === 'th' ? to.nameTh : to.nameEn) : language === 'th' ? 'สมาชิกทั่วไป' : 'a member with no tier';
  const text = await renderTemplate(trx, member.orgId, up ? 'member_tier_up' : 'member_tier_down', language, { tier: tierName, points: earned.toLocaleString('en-US'), months: rules.tierWindowMonths ?? '' });
  const conversationId = await customerChatOf(trx, { orgId: member.orgId, contactId: member.contactId, conversationId: null });
  if (text && conversationId) await queueMessages(trx, { orgId: member.orgId, conversationId, messages: [{ kind: 'text', text }], senderType: 'system' });
  return up ? 'up' : 'down';
}

/** The sweep's part for tiers measured in a window: members with a tier, whose points may have aged out of it. */
export async function sweepTiers(knex: Knex, now: Date): Promise<{ tiersMoved: number }> {
  const rows: { org_id: string; id: string }[] = await knex('members as m')
    .join('orgs as o', 'o.id', 'm.org_id')
    .whereNotNull('m.tier_key')
    .andWhereRaw(`(o.settings->'membership'->>'tierWindowMonths') IS NOT NULL`)
    .orderBy('m.id')
    .limit(1000)
    .select('m.org_id', 'm.id');
  let tiersMoved = 0;
  for (const r of rows) {
    if (await knex.transaction(async (trx) => settleTier(trx, await memberById(trx, r.org_id, r.id), now))) tiersMoved += 1;
  }
  return { tiersMoved };
}
