import type { Knex } from 'knex';
import { createHash, randomBytes } from 'node:crypto';
import { whereOrgServed, type LiffOrgScope } from '../access/liff-org-scope.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError } from '../errors/index.ts';
import { addInvitedAdmin } from '../staff/staff-admin.ts';

/**
 * A new business's first admin joins through a one-time link the platform operator hands them:
 * opening it in LINE (a LIFF sign-in) makes that LINE account the org's admin. Only the token's
 * hash is stored; a token used, expired or unknown changes nothing and says which it is.
 */
export const INVITATION_TTL_DAYS = 7;
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function issueInvitation(trx: Knex.Transaction, orgId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = `inv_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  await trx('org_invitations').insert({ org_id: orgId, token_hash: hashOf(token), role: 'admin', expires_at: expiresAt });
  return { token, expiresAt };
}

export type InvitationRefusal = 'invitation_unknown' | 'invitation_used' | 'invitation_expired' | 'org_suspended' | 'wrong_app' | 'already_staff';

const REFUSALS: Record<InvitationRefusal, [DomainError['code'], string]> = {
  invitation_unknown: ['not_found', 'This invitation link is not valid: ask for a new one'],
  invitation_used: ['conflict', 'This invitation has been used already: ask the admin of the business to add you'],
  invitation_expired: ['conflict', 'This invitation has expired: ask the operator for a new one'],
  org_suspended: ['forbidden', 'This business is suspended on this service'],
  wrong_app: ['forbidden', "Open this invitation in the business's own LINE app"],
  already_staff: ['conflict', 'This LINE account is staff of this business already'],
};

const refuse = (reason: InvitationRefusal) => new DomainError(REFUSALS[reason][0], REFUSALS[reason][1], { reason });

/**
 * Accepts an invitation for the verified LINE user: they become the org's admin, the invitation is
 * spent, both in one transaction with the invitation row locked, so the same link opened twice at
 * once makes one admin.
 */
export async function acceptInvitation(
  knex: Knex,
  a: { token: string; lineUserId: string; displayName: string | null; scope: LiffOrgScope; now?: Date },
): Promise<{ org: { id: string; slug: string; name: string }; staff: { id: string; role: string; displayName: string } }> {
  const now = a.now ?? new Date();
  return knex.transaction(async (trx) => {
    const inv = await trx('org_invitations').where({ token_hash: hashOf(a.token) }).forUpdate().first();
    if (!inv) throw refuse('invitation_unknown');
    if (inv.accepted_at) throw refuse('invitation_used');
    if (new Date(inv.expires_at).getTime() <= now.getTime()) throw refuse('invitation_expired');
    // The LINE user id is the Login channel's provider's: only a sign-in that serves this org names the right person.
    const org = await whereOrgServed(trx('orgs as o').select('o.id', 'o.slug', 'o.name', 'o.status').where('o.id', inv.org_id), { ...a.scope, orgSlug: undefined }).first();
    if (!org) throw refuse('wrong_app');
    if (org.status !== 'active') throw refuse('org_suspended');
    if (await trx('staff').where({ org_id: org.id, line_user_id: a.lineUserId }).first('id')) throw refuse('already_staff');
    const staff = await addInvitedAdmin(trx, { orgId: org.id, lineUserId: a.lineUserId, displayName: a.displayName?.trim() || 'Admin', role: inv.role });
    await trx('org_invitations').where({ id: inv.id }).update({ accepted_at: now, accepted_by_staff_id: staff.id });
    await recordAudit(trx, { orgId: org.id, actorType: 'staff', actorId: staff.id, action: 'org.invitation_accepted', subjectType: 'staff', subjectId: staff.id, details: { role: inv.role } });
    return { org: { id: org.id, slug: org.slug, name: org.name }, staff: { id: staff.id, role: inv.role, displayName: staff.displayName } };
  });
}
