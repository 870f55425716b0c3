import type { Knex } from 'knex';
import { customerChatOf, formatBookingDate } from '../bookings/booking-desk.ts';
import { membershipOf } from '../contracts/org-settings.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { inflowsBefore, lockedBalances, post } from '../ledger/ledger.ts';
import { orgSettingsRow } from '../db/org-cache.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { DEFAULT_TIME_ZONE, localMoment } from '../time/org-time.ts';
import type { Language } from '../vocabulary.ts';
import { POINTS } from './member-ledger.ts';
import { memberMoved } from './member-events.ts';
import { markPointsNoticed, memberById, type Member } from './members.ts';

/**
 * Points that expire (org setting `membership.pointsExpireMonths`, unset: they never do): points
 * expire that many months after they were earned, the oldest spent first (first in, first out),
 * so what expires at a time is what came in before `now - months` less all that went out since
 * (spent, taken back, expired). Taken back by a ledger posting (`points_expired`: Dr
 * member_points / Cr points_issued), so the balance stays a ledger balance, with
 * `member.debited`. The member is told `expiryNoticeDays` before, once for each batch of
 * points earned (members.points_noticed_through: how far they were told).
 * Tiers are measured by points earned in all, so expiry does not lower a tier.
 */
type Db = Knex | Knex.Transaction;

const monthsBefore = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};
const monthsAfter = (at: Date, months: number) => monthsBefore(at, -months);

/** Members holding points in orgs whose points expire: the sweep's list. */
export async function membersWithExpiringPoints(db: Db, limit = 500): Promise<{ org_id: string; member_id: string }[]> {
  return db('ledger_accounts as a')
    .join('orgs as o', 'o.id', 'a.org_id')
    .join('members as m', db.raw('m.id::text = a.holder'))
    .where({ 'a.kind': 'member_points', 'a.currency': POINTS })
    .andWhere('a.balance_minor', '<>', 0)
    .andWhereRaw(`(o.settings->'membership'->>'pointsExpireMonths') IS NOT NULL`)
    .orderBy('m.id')
    .limit(limit)
    .select('a.org_id', 'm.id as member_id');
}

/** Takes back the member's points older than the org's months; tells them of points expiring within the notice days. */
export async function expireMemberPoints(trx: Knex.Transaction, member: Member, now: Date): Promise<{ expired: number; told: boolean }> {
  const org = await orgSettingsRow(trx, member.orgId);
  const rules = membershipOf(org?.settings);
  const months = rules.pointsExpireMonths;
  if (!months) return { expired: 0, told: false };
  // Locked: a second sweep (or a spend) waits and reads what this one left.
  const held = (await lockedBalances(trx, member.orgId, 'member_points', POINTS, [member.id])).get(member.id) ?? 0;
  const cutoff = monthsBefore(now, months);
  const flows = await inflowsBefore(trx, member.orgId, 'member_points', POINTS, member.id, cutoff);
  const expired = Math.min(held, Math.max(0, flows.inBefore - flows.outInAll));
  if (expired > 0) {
    const sourceId = `${member.id}@${cutoff.toISOString()}`;
    await post(trx, { orgId: member.orgId, currency: POINTS, kind: 'points_expired', sourceId, memo: `earned before ${cutoff.toISOString().slice(0, 10)}`, lines: [{ account: 'member_points', holder: member.id, amountMinor: expired }, { account: 'points_issued', amountMinor: -expired }] });
    await memberMoved(trx, { member, kind: 'debited', what: 'points', amount: expired, unit: POINTS, cause: 'expired', sourceId });
  }
  // What runs out within the notice days (what expired just now is in `outInAll` already).
  const soon = await inflowsBefore(trx, member.orgId, 'member_points', POINTS, member.id, monthsBefore(new Date(now.getTime() + rules.expiryNoticeDays * 86_400_000), months));
  const expiring = Math.max(0, soon.inBefore - soon.outInAll);
  if (expiring <= 0 || !soon.lastInAt) return { expired, told: false };
  const row = await trx('members').where({ id: member.id }).first('points_noticed_through');
  if (row?.points_noticed_through && new Date(row.points_noticed_through) >= soon.lastInAt) return { expired, told: false };
  await markPointsNoticed(trx, member.id, soon.lastInAt);
  const contact = await trx('contacts').where({ id: member.contactId }).first('language');
  const language: Language = contact?.language === 'en' ? 'en' : 'th';
  const by = monthsAfter(soon.lastInAt, months);
  const text = await renderTemplate(trx, member.orgId, 'member_points_expiring', language, {
    points: expiring.toLocaleString('en-US'),
    date: formatBookingDate(localMoment(org?.time_zone ?? DEFAULT_TIME_ZONE, by).date, language),
  });
  const conversationId = await customerChatOf(trx, { orgId: member.orgId, contactId: member.contactId, conversationId: null });
  if (!text || !conversationId) return { expired, told: false };
  await queueMessages(trx, { orgId: member.orgId, conversationId, messages: [{ kind: 'text', text }], senderType: 'system' });
  return { expired, told: true };
}

/** The sweep's part for points: each member in their own transaction. */
export async function sweepPoints(knex: Knex, now: Date): Promise<{ pointsExpired: number; pointsTold: number }> {
  let pointsExpired = 0;
  let pointsTold = 0;
  for (const m of await membersWithExpiringPoints(knex)) {
    const r = await knex.transaction(async (trx) => expireMemberPoints(trx, await memberById(trx, m.org_id, m.member_id), now));
    pointsExpired += r.expired;
    if (r.told) pointsTold += 1;
  }
  return { pointsExpired, pointsTold };
}
