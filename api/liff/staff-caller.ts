import type { Context } from 'koa';
import { can, permissions, type Permission } from '../../core/access/roles.ts';
import type { LiffOrgScope } from '../../core/access/liff-org-scope.ts';
import { forbidden } from '../../core/errors/index.ts';
import { staffSignIn, type SignedInStaff } from '../../core/staff/staff-sign-in.ts';
import type { AppDeps } from '../deps.ts';
import { requireLiffCaller } from './line-id-token.ts';

/**
 * The staff apps' sign-in (`access: { liffStaff: <permission> }`, api/route.ts): the LIFF ID
 * token is verified exactly as for customers (line-id-token.ts: LINE's verify endpoint, 401 when
 * LINE will not vouch for it), then its `sub` must be an active staff member's enrolled LINE
 * account (core/staff/staff-sign-in.ts) whose role has the route's permission, by the same table
 * as API keys (core/access/roles.ts). Each refusal is a 403 `forbidden` whose `details.reason` the
 * page shows in its own words (liff/src/kit/staff.ts); nothing is read or written before it.
 *
 *   not_staff       the LINE user is no staff member (a customer's token, say)
 *   staff_removed   they were, and have been deactivated (also while an app is open: every call checks)
 *   role_forbids    their role lacks the permission; `details.permission` and `details.roles` name what is needed
 *   choose_org      they are staff of several businesses this app serves: `details.orgs` lists them, and the
 *                   page names one with the `X-Opsdesk-Org` header (docs/tenants.md)
 *   org_suspended   their business is suspended by the platform operator
 */
export type LiffStaff = SignedInStaff & { lineUserId: string; tokenExpiresAt: number | null; scope: LiffOrgScope };

export type StaffRefusal = 'not_staff' | 'staff_removed' | 'role_forbids' | 'choose_org' | 'org_suspended';

const REFUSALS: Record<Exclude<StaffRefusal, 'role_forbids'>, string> = {
  not_staff: 'This LINE account is not enrolled as staff: ask an admin for an enrolment code and send it to the bot',
  staff_removed: 'Your staff access has been removed: ask an admin of your business if this is a mistake',
  choose_org: 'You are staff of more than one business here: choose the one you are working for',
  org_suspended: 'This business is suspended on this service: its owner can ask the operator to resume it',
};

export async function requireLiffStaff(ctx: Context, deps: AppDeps, permission: Permission): Promise<LiffStaff> {
  const caller = await requireLiffCaller(ctx, deps);
  const found = await staffSignIn(deps.knex, caller.lineUserId, caller.scope);
  if (!found.ok) throw forbidden(REFUSALS[found.reason], found.reason === 'choose_org' ? { reason: found.reason, orgs: found.orgs } : { reason: found.reason });
  const staff: LiffStaff = { ...found.staff, lineUserId: caller.lineUserId, tokenExpiresAt: caller.expiresAt, scope: caller.scope };
  if (!can(staff.role, permission)) {
    throw forbidden(`The ${staff.role} role may not open this (needs ${permission})`, {
      reason: 'role_forbids' satisfies StaffRefusal,
      role: staff.role,
      permission,
      roles: permissions[permission].filter((r) => r !== 'integration'),
    });
  }
  ctx.state.log = ctx.state.log.child({ orgId: staff.orgId, staffId: staff.id });
  return staff;
}
