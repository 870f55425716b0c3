import { z } from 'zod';
import * as c from '../../core/contracts/members.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { adjustMember, adjustmentsForApproval, decideAdjustment, mayApprove } from '../../core/members/adjustments.ts';
import { memberCard } from '../../core/members/member-card.ts';
import { enrolMember, listMembers, memberById, memberByNumber, memberOfContact } from '../../core/members/members.ts';
import { refundSale, refundTerms, sellPackageOnce } from '../../core/members/package-sales.ts';
import { changePackage, createPackage, listPackages, packageByKey } from '../../core/members/packages.ts';
import { createTopUp } from '../../core/members/wallet-top-ups.ts';
import { notFound } from '../../core/errors/index.ts';
import { bodyHash, checkIdempotencyKey } from '../../core/http/idempotency-key.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * Members, their packages, credits, wallet and points (docs/members.md). Balances are read from
 * the ledger; every change is a posting made in the same transaction as the row it belongs to.
 */
const actorOf = (caller: { actor: { type: 'api_key' | 'staff'; id: string }; role: string }) => ({ ...caller.actor, role: caller.role });

export const memberRoutes = [
  route({
    method: 'get',
    path: '/api/v1/members',
    summary: 'Members, newest first',
    tag: 'members',
    access: 'members.read',
    query: z.object({ before: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
    response: c.memberList,
    handle: async ({ caller, deps, query }) => (await listMembers(deps.knex, caller.orgId, query)).map((m) => ({ id: m.id, number: m.number, contactId: m.contactId, name: m.name, joinedAt: m.joinedAt.toISOString() })),
  }),

  route({
    method: 'post',
    path: '/api/v1/members',
    summary: 'A contact becomes a member and gets a member number; a contact who is one already is answered with their card (200)',
    tag: 'members',
    access: 'members.sell',
    staffApp: onDesk('/members', "Make the customer a member from the desk's member panel (as POST /api/v1/members)"),
    body: c.memberEnrolment,
    response: c.memberCard,
    status: 201,
    handle: async ({ caller, deps, body }) => {
      const { member, joined } = await deps.knex.transaction((trx) => enrolMember(trx, caller.orgId, body.contactId));
      return { status: joined ? 201 : 200, body: await memberCard(deps.knex, member) };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/members/lookup',
    summary: 'A member by a typed or scanned number (MEM-YYYY-XXXX, any letter case, spaces or dashes); not a member\'s number: 404, the same for any such number',
    tag: 'members',
    access: 'members.read',
    staffApp: onDesk('/members/lookup', 'Find a member by a typed or scanned number on the desk (as GET /api/v1/members/lookup)'),
    query: z.object({ number: z.string().min(1).max(40) }).strict(),
    response: c.memberCard,
    handle: async ({ caller, deps, query }) => memberCard(deps.knex, await memberByNumber(deps.knex, caller.orgId, query.number)),
  }),

  route({
    method: 'get',
    path: '/api/v1/members/:id',
    summary: "A member's card: number, tier, wallet, points, credits by package with expiry, usage",
    tag: 'members',
    access: 'members.read',
    staffApp: onDesk('/members/:id', "The member panel's figures (as GET /api/v1/members/:id)"),
    response: c.memberCard,
    handle: async ({ caller, deps, params }) => memberCard(deps.knex, await memberById(deps.knex, caller.orgId, params.id)),
  }),

  route({
    method: 'get',
    path: '/api/v1/contacts/:id/member',
    summary: "The contact's member card (as GET /api/v1/members/:id); a contact who is not a member: 404",
    tag: 'members',
    access: 'members.read',
    staffApp: onDesk('/contacts/:id/member', "The member panel beside a customer's conversation or 360 (as GET /api/v1/contacts/:id/member)"),
    response: c.memberCard,
    handle: async ({ caller, deps, params }) => {
      const member = /^[0-9a-f-]{36}$/i.test(params.id) ? await memberOfContact(deps.knex, caller.orgId, params.id) : null;
      if (!member) throw notFound('Member', { contactId: params.id });
      return memberCard(deps.knex, member);
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/members/:id/packages',
    summary:
      'Sell a package to the member on its terms as they are now; from the wallet: 409 `insufficient_balance` when it holds less. With an `Idempotency-Key` header (optional; the desk sends one per form), the same key and body again answer 200 with the first sale (header `Idempotent-Replayed: true`), nothing sold twice; the key with another body: 422 `idempotency_key_reused`',
    tag: 'members',
    access: 'members.sell',
    staffApp: onDesk('/members/:id/packages', 'Sell a package from the member panel (as POST /api/v1/members/:id/packages; one Idempotency-Key per form, so a double tap sells one)'),
    body: c.packageSaleInput,
    response: c.packageSale,
    status: 201,
    handle: async ({ caller, deps, params, body, ctx }) => {
      const header = ctx.get('idempotency-key') || undefined;
      const idempotency = header ? { key: checkIdempotencyKey(header, 'package sale'), hash: bodyHash(body) } : undefined;
      const { sale, replayed } = await transactionRetried(deps.knex, async (trx) =>
        sellPackageOnce(trx, { member: await memberById(trx, caller.orgId, params.id), packageKey: body.packageKey, paidWith: body.paidWith, actor: caller.actor, idempotency }),
      );
      if (!replayed) return sale;
      ctx.set('Idempotent-Replayed', 'true');
      return { status: 200, body: sale };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/members/:id/packages/:saleId/refund',
    summary:
      "What refunding the package sold would give back now, by the org's rule (docs/money.md): its credits left, the money still unearned and where it goes unless told, the points taken back. Computed as the refund computes it; nothing written. Expired, refunded or every credit used: 409 with `details.reason` (`expired`, `refunded`, `used_up`)",
    tag: 'members',
    access: 'payments.refund',
    staffApp: onDesk('/members/:id/packages/:saleId/refund', "What a package's refund gives back, shown on the member panel before staff confirm (as GET /api/v1/members/:id/packages/:saleId/refund)"),
    response: c.packageRefundPreview,
    handle: async ({ caller, deps, params }) => {
      const { sale: _row, ...figures } = await refundTerms(deps.knex, { member: await memberById(deps.knex, caller.orgId, params.id), saleId: params.saleId });
      return figures;
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/members/:id/packages/:saleId/refund',
    summary:
      'Refund a package sold: its unused credits are taken back and what of its price is not earned paid back (docs/money.md), to the wallet or as money out (`to`; by default the way it was paid). Expired, refunded or every credit used: 409 with `details.reason` (`expired`, `refunded`, `used_up`), nothing written',
    tag: 'members',
    access: 'payments.refund',
    staffApp: onDesk('/members/:id/packages/:saleId/refund', 'Refund a package from the member panel, with a reason (as POST /api/v1/members/:id/packages/:saleId/refund)'),
    body: c.packageRefundInput,
    response: c.packageRefund,
    handle: async ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => refundSale(trx, { member: await memberById(trx, caller.orgId, params.id), saleId: params.saleId, reason: body.reason, to: body.to, actor: caller.actor })),
  }),

  route({
    method: 'post',
    path: '/api/v1/members/:id/top-ups',
    summary: "A Stripe Checkout link that tops up the member's wallet by the amount; once paid, the wallet is credited (member.credited). Stripe unreachable: 503, nothing written",
    tag: 'members',
    access: 'members.sell',
    body: c.topUpInput,
    response: c.topUp,
    status: 201,
    handle: async ({ caller, deps, params, body, ctx }) =>
      createTopUp(deps.knex, deps.stripe, { member: await memberById(deps.knex, caller.orgId, params.id), amountMinor: body.amountMinor, baseUrl: deps.publicBaseUrl ?? ctx.origin }),
  }),

  route({
    method: 'post',
    path: '/api/v1/members/:id/adjustments',
    summary: "Give or take back credits, wallet money or points by hand, with a reason; above the org's amount it waits for a manager (status awaiting_approval)",
    tag: 'members',
    access: 'members.adjust',
    staffApp: onDesk('/members/:id/adjustments', 'Give or take back from the member panel (as POST /api/v1/members/:id/adjustments)'),
    body: c.adjustmentInput,
    response: c.adjustment,
    status: 201,
    handle: async ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => adjustMember(trx, { member: await memberById(trx, caller.orgId, params.id), ...body, actor: actorOf(caller) })),
  }),

  route({
    method: 'get',
    path: '/api/v1/member-adjustments',
    summary:
      "Adjustments that went past the org's amount, newest first: who asked, the member, the amount, the reason, when, and who decided and why. A caller who may not approve (support) sees only their own requests; a manager or an admin sees all, or theirs with `mine=true`",
    tag: 'members',
    access: 'members.adjust',
    staffApp: onDesk('/member-adjustments', "The adjustments waiting for a manager on the desk, or a staff member's own requests and what became of them (as GET /api/v1/member-adjustments)"),
    query: c.adjustmentRequestQuery,
    response: c.adjustmentRequestList,
    handle: ({ caller, deps, query }) =>
      adjustmentsForApproval(deps.knex, { orgId: caller.orgId, status: query.status, limit: query.limit, askedBy: query.mine === 'true' || !mayApprove(caller.role) ? caller.actor : undefined }),
  }),

  route({
    method: 'post',
    path: '/api/v1/member-adjustments/:id/decision',
    summary:
      'Approve (posted now) or refuse (with a `reason`) an adjustment waiting for a manager. Decided already (a double tap, two managers at once): 409 with `details.reason` its status, posted once',
    tag: 'members',
    access: 'members.approve',
    staffApp: onDesk('/member-adjustments/:id/decision', "A manager's decision on the desk (as POST /api/v1/member-adjustments/:id/decision)"),
    body: c.adjustmentDecision,
    response: c.adjustment,
    handle: async ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, (trx) => decideAdjustment(trx, { orgId: caller.orgId, adjustmentId: params.id, approve: body.approve, reason: body.reason, actor: actorOf(caller) })),
  }),

  route({
    method: 'get',
    path: '/api/v1/member-packages',
    summary: 'The packages the business sells',
    tag: 'members',
    access: 'members.read',
    staffApp: onDesk('/member-packages', "The packages to sell, for the member panel (as GET /api/v1/member-packages)"),
    response: c.memberPackageList,
    handle: ({ caller, deps }) => listPackages(deps.knex, caller.orgId).then((ps) => ps.map(({ serviceIds: _ids, ...p }) => p)),
  }),

  route({
    method: 'post',
    path: '/api/v1/member-packages',
    summary: 'A package to sell: n credits of some services, a price in minor units, days of validity',
    tag: 'members',
    access: 'members.packages.manage',
    body: c.packageInput,
    response: c.memberPackage,
    status: 201,
    handle: async ({ caller, deps, body }) => {
      const { serviceIds: _ids, ...p } = await deps.knex.transaction((trx) => createPackage(trx, { orgId: caller.orgId, actor: caller.actor }, body));
      return p;
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/member-packages/:key',
    summary: 'One package',
    tag: 'members',
    access: 'members.read',
    response: c.memberPackage,
    handle: async ({ caller, deps, params }) => {
      const { serviceIds: _ids, ...p } = await packageByKey(deps.knex, caller.orgId, params.key);
      return p;
    },
  }),

  route({
    method: 'patch',
    path: '/api/v1/member-packages/:key',
    summary: 'Change a package for what is sold from now on; packages sold keep the terms they were sold on',
    tag: 'members',
    access: 'members.packages.manage',
    body: c.packageChange,
    response: c.memberPackage,
    handle: async ({ caller, deps, params, body }) => {
      const { serviceIds: _ids, ...p } = await deps.knex.transaction((trx) => changePackage(trx, { orgId: caller.orgId, actor: caller.actor }, params.key, body));
      return p;
    },
  }),
];
