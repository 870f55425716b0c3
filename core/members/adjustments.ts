import type { Knex } from 'knex';
import { permissions } from '../access/roles.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { membershipOf } from '../contracts/org-settings.ts';
import { DomainError, forbidden, notFound } from '../errors/index.ts';
import type { LedgerAccountKind } from '../ledger/ledger.ts';
import { CREDITS, POINTS, postMemberMovement, WALLET_CURRENCY } from './member-ledger.ts';
import { memberMoved } from './member-events.ts';
import { memberById, type Member } from './members.ts';
import { saleOfMember } from './package-sales.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Credits, wallet money or points given or taken back by hand, always with a reason: the one
 * writer of `member_adjustments`. Up to the org's amount (`membership.adjustmentApprovalAbove`)
 * it is posted at once; above it, it waits for a manager or an admin, and is posted when they
 * approve. Taking back more than the member holds is refused (409 `insufficient_balance`).
 */
type Actor = { type: 'api_key' | 'staff'; id: string | null; role: string };
export type AdjustmentTarget = 'credits' | 'wallet' | 'points';

/** Whether this role decides adjustments above the org's amount: the roles table's `members.approve`. */
export const mayApprove = (role: string) => (permissions['members.approve'] as readonly string[]).includes(role);

interface AdjustmentRow {
  id: string;
  org_id: string;
  member_id: string;
  target: AdjustmentTarget;
  sale_id: string | null;
  amount: string;
  reason: string;
  status: 'applied' | 'awaiting_approval' | 'rejected';
  created_at: Date;
  decision_reason: string | null;
}

export const adjustmentView = (r: AdjustmentRow) => ({
  id: r.id,
  target: r.target,
  saleId: r.sale_id,
  amount: Number(r.amount),
  reason: r.reason,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  decisionReason: r.decision_reason ?? null,
});

const ACCOUNTS: Record<AdjustmentTarget, { mine: LedgerAccountKind; other: LedgerAccountKind; currency: string }> = {
  credits: { mine: 'member_credits', other: 'credits_issued', currency: CREDITS },
  wallet: { mine: 'member_wallet', other: 'revenue', currency: WALLET_CURRENCY },
  points: { mine: 'member_points', other: 'points_issued', currency: POINTS },
};

async function apply(trx: Knex.Transaction, member: Member, a: AdjustmentRow): Promise<void> {
  const acc = ACCOUNTS[a.target];
  const amount = Number(a.amount);
  const holder = a.target === 'credits' ? a.sale_id! : member.id;
  // A gift to the member is a credit of their account (it holds what is owed to them).
  await postMemberMovement(
    trx,
    { orgId: member.orgId, currency: acc.currency, kind: 'member_adjustment', sourceId: a.id, memo: a.reason, lines: [{ account: acc.mine, holder, amountMinor: -amount }, { account: acc.other, amountMinor: amount }] },
    async () => new DomainError('insufficient_balance', `The member holds less than the ${Math.abs(amount)} to take back`, { reason: a.target }),
  );
  await memberMoved(trx, { member, kind: amount > 0 ? 'credited' : 'debited', what: a.target, amount: Math.abs(amount), unit: acc.currency, cause: 'adjustment', sourceId: a.id });
}

export async function adjustMember(trx: Knex.Transaction, r: { member: Member; target: AdjustmentTarget; saleId?: string; amount: number; reason: string; actor: Actor }) {
  const { member } = r;
  if (r.saleId) await saleOfMember(trx, member.orgId, member.id, r.saleId);
  const org = await orgSettingsRow(trx, member.orgId);
  const limits = membershipOf(org?.settings).adjustmentApprovalAbove;
  const limit = { credits: limits.credits, wallet: limits.walletMinor, points: limits.points }[r.target];
  const needsApproval = Math.abs(r.amount) > limit && !mayApprove(r.actor.role);
  const [row]: AdjustmentRow[] = await trx('member_adjustments')
    .insert({
      org_id: member.orgId,
      member_id: member.id,
      target: r.target,
      sale_id: r.saleId ?? null,
      amount: r.amount,
      reason: r.reason,
      status: needsApproval ? 'awaiting_approval' : 'applied',
      needed_approval: needsApproval,
      requested_by: JSON.stringify({ type: r.actor.type, id: r.actor.id, role: r.actor.role }),
      ...(needsApproval ? {} : { decided_by: JSON.stringify({ type: r.actor.type, id: r.actor.id, role: r.actor.role }), decided_at: trx.fn.now() }),
    })
    .returning('*');
  if (!needsApproval) await apply(trx, member, row);
  await recordAudit(trx, { orgId: member.orgId, actorType: r.actor.type, actorId: r.actor.id, action: needsApproval ? 'member.adjustment_requested' : 'member.adjusted', subjectType: 'member', subjectId: member.id, details: adjustmentView(row) });
  return adjustmentView(row);
}

/**
 * A manager's or an admin's decision on an adjustment above the org's amount; a refusal says why.
 * The row is locked first, so a double tap, or two managers at once, decide it once: the second
 * finds it decided (409, `details.reason` the status it has).
 */
export async function decideAdjustment(trx: Knex.Transaction, r: { orgId: string; adjustmentId: string; approve: boolean; reason?: string; actor: Actor }) {
  if (!mayApprove(r.actor.role)) throw forbidden('Only a manager or an admin approves an adjustment');
  const a: AdjustmentRow | undefined = /^[0-9a-f-]{36}$/i.test(r.adjustmentId) ? await trx('member_adjustments').where({ org_id: r.orgId, id: r.adjustmentId }).forUpdate().first() : undefined;
  if (!a) throw notFound('Adjustment', { id: r.adjustmentId });
  if (a.status !== 'awaiting_approval') throw new DomainError('conflict', `This adjustment was ${a.status === 'applied' ? 'approved' : 'rejected'} already`, { reason: a.status });
  const member = await memberById(trx, r.orgId, a.member_id);
  const [row]: AdjustmentRow[] = await trx('member_adjustments')
    .where({ id: a.id })
    .update({ status: r.approve ? 'applied' : 'rejected', decided_by: JSON.stringify({ type: r.actor.type, id: r.actor.id, role: r.actor.role }), decided_at: trx.fn.now(), decision_reason: r.reason ?? null })
    .returning('*');
  if (r.approve) await apply(trx, member, row);
  await recordAudit(trx, { orgId: r.orgId, actorType: r.actor.type, actorId: r.actor.id, action: r.approve ? 'member.adjustment_approved' : 'member.adjustment_rejected', subjectType: 'member', subjectId: member.id, details: adjustmentView(row) });
  return adjustmentView(row);
}

/**
 * Adjustments that went past the org's amount, newest first, for the desk: the ones waiting (or
 * decided) with who asked, the member, the package, and who decided and why. Someone who may not
 * approve sees only what they asked for themselves (`mine`).
 */
export async function adjustmentsForApproval(db: Knex | Knex.Transaction, q: { orgId: string; status?: AdjustmentRow['status']; askedBy?: { type: string; id: string | null }; limit?: number }) {
  const rows = await db('member_adjustments as a')
    .join('members as m', 'm.id', 'a.member_id')
    .join('contacts as c', 'c.id', 'm.contact_id')
    .leftJoin('member_package_sales as s', 's.id', 'a.sale_id')
    .leftJoin('staff as rs', (j) => j.on(db.raw(`a.requested_by->>'type' = 'staff'`)).andOn(db.raw(`rs.id::text = a.requested_by->>'id'`)))
    .leftJoin('api_keys as rk', (j) => j.on(db.raw(`a.requested_by->>'type' = 'api_key'`)).andOn(db.raw(`rk.id::text = a.requested_by->>'id'`)))
    .leftJoin('staff as ds', (j) => j.on(db.raw(`a.decided_by->>'type' = 'staff'`)).andOn(db.raw(`ds.id::text = a.decided_by->>'id'`)))
    .leftJoin('api_keys as dk', (j) => j.on(db.raw(`a.decided_by->>'type' = 'api_key'`)).andOn(db.raw(`dk.id::text = a.decided_by->>'id'`)))
    .where({ 'a.org_id': q.orgId, 'a.needed_approval': true })
    .modify((b) => {
      if (q.status) b.andWhere('a.status', q.status);
      if (q.askedBy) b.andWhereRaw(`a.requested_by->>'type' = ? AND a.requested_by->>'id' = ?`, [q.askedBy.type, q.askedBy.id ?? '']);
    })
    .orderBy([{ column: 'a.created_at', order: 'desc' }, { column: 'a.id', order: 'desc' }])
    .limit(q.limit ?? 100)
    .select('a.*', 'm.number as member_number', 'c.display_name as member_name', 's.name_th', 's.name_en', 'rs.display_name as requested_staff', 'rk.name as requested_key', 'ds.display_name as decided_staff', 'dk.name as decided_key');
  const who = (by: { type: string; id: string | null; role?: string } | null, staffName: string | null, keyName: string | null) =>
    by ? { type: by.type, id: by.id, role: by.role ?? null, name: staffName ?? keyName ?? null } : null;
  return rows.map((r: AdjustmentRow & Record<string, any>) => ({
    ...adjustmentView(r),
    member: { id: r.member_id as string, number: r.member_number as string, name: (r.member_name ?? null) as string | null },
    package: r.sale_id ? { nameTh: r.name_th as string, nameEn: r.name_en as string } : null,
    requestedBy: who(r.requested_by, r.requested_staff, r.requested_key)!,
    decidedBy: r.status === 'awaiting_approval' ? null : who(r.decided_by, r.decided_staff, r.decided_key),
    decidedAt: r.decided_at && r.status !== 'awaiting_approval' ? new Date(r.decided_at).toISOString() : null,
  }));
}
