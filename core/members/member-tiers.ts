import type { Knex } from 'knex';
import { customerChatOf } from '../bookings/booking-desk.ts';
import { membershipOf, type Membership } from '../contracts/org-settings.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { renderTemplate } from '../templates/render-template.ts';
import type { Language } from '../vocabulary.ts';
import type { Member } from './members.ts';

/**
 * Tiers (docs/members.md, "Tiers and points"): a member is of the highest tier whose `minPoints`
 * they reached in points earned in all. Those never go down (spending, expiry or a refund leave
 * them), so a tier only moves up, and each tier is reached once: the member is told then
 * (`member_tier_up`, through the outbox), once, whatever retries the posting has.
 */
type Tier = Membership['tiers'][number];

export function tierFor(tiers: Tier[], earned: number): { tier: Tier | null; next: Tier | null } {
  const sorted = [...tiers].sort((a, b) => a.minPoints - b.minPoints);
  return { tier: sorted.filter((t) => t.minPoints <= earned).at(-1) ?? null, next: sorted.find((t) => t.minPoints > earned) ?? null };
}

/** After points were earned (from `before` to `after` in all): a new tier is recorded and told once. */
export async function tierMovedUp(trx: Knex.Transaction, member: Member, before: number, after: number): Promise<boolean> {
  const org = await trx('orgs').where({ id: member.orgId }).first('settings');
  const tiers = membershipOf(org?.settings).tiers;
  const from = tierFor(tiers, before).tier;
  const to = tierFor(tiers, after).tier;
  if (!to || to.key === from?.key) return false;
  const { rows } = await trx.raw<{ rows: unknown[] }>(
    `INSERT INTO member_tier_changes (org_id, member_id, from_tier, to_tier, points_earned) VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, to_tier) DO NOTHING RETURNING id`,
    [member.orgId, member.id, from?.key ?? null, to.key, after],
  );
  if (rows.length === 0) return false;
  const contact = await trx('contacts').where({ id: member.contactId }).first('language');
  const language: Language = contact?.language === 'en' ? 'en' : 'th';
  const text = await renderTemplate(trx, member.orgId, 'member_tier_up', language, { tier: language === 'th' ? to.nameTh : to.nameEn, points: after.toLocaleString('en-US') });
  const conversationId = await customerChatOf(trx, { orgId: member.orgId, contactId: member.contactId, conversationId: null });
  if (text && conversationId) await queueMessages(trx, { orgId: member.orgId, conversationId, messages: [{ kind: 'text', text }], senderType: 'system' });
  return true;
}
