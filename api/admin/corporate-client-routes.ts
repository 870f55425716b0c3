import type { Context } from 'koa';
import * as c from '../../core/contracts/corporate-clients.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { changeClient, clientSeats, clientView, createClient, joinByCode, listClients, makeUsageLink, releaseSeat, clientById, revokeUsageLink } from '../../core/members/corporate-clients.ts';
import type { AppDeps } from '../deps.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

type View = Awaited<ReturnType<typeof clientView>>;

/** A client as answered: its usage link whole, at this API's public address. */
const answered = (deps: AppDeps, ctx: Context) => (v: View) => {
  const { usageLink, ...rest } = v;
  return { ...rest, usageLink: usageLink && { url: `${deps.publicBaseUrl ?? ctx.origin}${usageLink.path}`, madeAt: usageLink.madeAt, worksUntil: usageLink.worksUntil } };
};

/** Corporate clients with seats (seed 000; docs/members.md "Corporate clients"). */
export const corporateClientRoutes = [
  route({
    method: 'get',
    path: '/api/v1/corporate-clients',
    staffApp: inSettingsApp('/corporate-clients', 'Corporate clients for the settings screen (as GET /api/v1/corporate-clients)'),
    summary: 'Corporate clients, by name, with their seats taken',
    tag: 'members',
    access: 'members.read',
    response: c.corporateClientList,
    handle: async ({ caller, deps, ctx }) => (await listClients(deps.knex, caller.orgId)).map(answered(deps, ctx)),
  }),

  route({
    method: 'post',
    path: '/api/v1/corporate-clients',
    staffApp: inSettingsApp('/corporate-clients', 'Set up a corporate client from the settings screen (as POST /api/v1/corporate-clients)'),
    summary: 'A corporate client: a number of seats its people take by its code, the package each seat carries, the time they may join',
    tag: 'members',
    access: 'corporate.manage',
    body: c.corporateClientInput,
    response: c.corporateClient,
    status: 201,
    handle: async ({ caller, deps, body, ctx }) => answered(deps, ctx)(await deps.knex.transaction((trx) => createClient(trx, { orgId: caller.orgId, actor: caller.actor }, body))),
  }),

  route({
    method: 'get',
    path: '/api/v1/corporate-clients/:id',
    summary: 'One corporate client',
    tag: 'members',
    access: 'members.read',
    response: c.corporateClient,
    handle: async ({ caller, deps, params, ctx }) => answered(deps, ctx)(await clientView(deps.knex, await clientById(deps.knex, caller.orgId, params.id))),
  }),

  route({
    method: 'patch',
    path: '/api/v1/corporate-clients/:id',
    staffApp: inSettingsApp('/corporate-clients/:id', 'Suspend, resume or change a corporate client from the settings screen (as PATCH /api/v1/corporate-clients/:id)'),
    summary: 'Change a corporate client (seats not below those taken: 409 `seats_taken`); suspended, it takes no one new',
    tag: 'members',
    access: 'corporate.manage',
    body: c.corporateClientChange,
    response: c.corporateClient,
    handle: async ({ caller, deps, params, body, ctx }) => answered(deps, ctx)(await deps.knex.transaction((trx) => changeClient(trx, { orgId: caller.orgId, actor: caller.actor }, params.id, body))),
  }),

  route({
    method: 'post',
    path: '/api/v1/corporate-clients/:id/usage-link',
    staffApp: inSettingsApp('/corporate-clients/:id/usage-link', "Make the client's usage link from the settings screen (as POST /api/v1/corporate-clients/:id/usage-link)"),
    summary:
      "Make the link the client's contact person opens to read the seats' usage, no sign-in (`usageLink.url`): seats taken, who holds each and what they used, seats released. One live link per client: a new one ends the one before. It works until revoked, and 30 days after the client ends at most",
    tag: 'members',
    access: 'corporate.manage',
    response: c.corporateClient,
    handle: async ({ caller, deps, params, ctx }) => answered(deps, ctx)(await deps.knex.transaction((trx) => makeUsageLink(trx, { orgId: caller.orgId, actor: caller.actor }, params.id))),
  }),

  route({
    method: 'delete',
    path: '/api/v1/corporate-clients/:id/usage-link',
    staffApp: inSettingsApp('/corporate-clients/:id/usage-link', "Revoke the client's usage link from the settings screen (as DELETE /api/v1/corporate-clients/:id/usage-link)"),
    summary: "Revoke the client's usage link: it answers the same 404 page as a link that never was, from now on (none live: nothing changes)",
    tag: 'members',
    access: 'corporate.manage',
    response: c.corporateClient,
    handle: async ({ caller, deps, params, ctx }) => answered(deps, ctx)(await deps.knex.transaction((trx) => revokeUsageLink(trx, { orgId: caller.orgId, actor: caller.actor }, params.id))),
  }),

  route({
    method: 'get',
    path: '/api/v1/corporate-clients/:id/seats',
    staffApp: inSettingsApp('/corporate-clients/:id/seats', "A client's seats' usage for the settings screen (as GET /api/v1/corporate-clients/:id/seats)"),
    summary: "The seats' usage: seats taken of all, who holds each (and who held them), and what each used of the seat's package",
    tag: 'members',
    access: 'members.read',
    response: c.corporateSeatUsage,
    handle: async ({ caller, deps, params, ctx }) => {
      const u = await clientSeats(deps.knex, caller.orgId, params.id);
      return { ...u, client: answered(deps, ctx)(u.client) };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/corporate-clients/:id/seats/:seatId/release',
    staffApp: inSettingsApp('/corporate-clients/:id/seats/:seatId/release', 'Release a seat from the settings screen (as POST /api/v1/corporate-clients/:id/seats/:seatId/release)'),
    summary: "A person left: the seat is free again and what is left of the seat's package is taken back",
    tag: 'members',
    access: 'corporate.manage',
    body: c.seatRelease,
    response: c.seatReleased,
    handle: ({ caller, deps, params, body }) => transactionRetried(deps.knex, (trx) => releaseSeat(trx, { orgId: caller.orgId, clientId: params.id, seatId: params.seatId, reason: body.reason, actor: caller.actor })),
  }),

  route({
    method: 'post',
    path: '/api/v1/corporate-clients/join',
    summary:
      "A contact joins a corporate client by its code (as typed in the chat) and takes a seat, made a member with the seat's package. Any code that is no client's: 404, the same for all. Refusals, 409 with `details.reason`: `seats_full`, `client_suspended`, `client_not_started`, `client_expired`, `seated_elsewhere`; nothing written",
    tag: 'members',
    access: 'members.sell',
    body: c.corporateJoinInput,
    response: c.corporateJoin,
    status: 201,
    handle: async ({ caller, deps, body }) => {
      const j = await transactionRetried(deps.knex, (trx) => joinByCode(trx, { orgId: caller.orgId, contactId: body.contactId, code: body.code, actor: caller.actor }));
      return { status: j.joined ? 201 : 200, body: { joined: j.joined, clientId: j.client.id, memberId: j.member.id, memberNumber: j.member.number, seatId: j.seatId, saleId: j.saleId } };
    },
  }),
];
