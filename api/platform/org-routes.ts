import type { Knex } from 'knex';
import { z } from 'zod';
import * as c from '../../core/contracts/tenants.ts';
import { listUnknownDestinations } from '../../core/channels/unknown-destinations.ts';
import { NO_LIMIT_DEFAULTS, orgUsage } from '../../core/orgs/org-limits.ts';
import { setupProgress } from '../../core/orgs/org-setup.ts';
import { scheduleOrgDeletion } from '../../core/orgs/org-deletion.ts';
import { acceptInvitation } from '../../core/orgs/org-invitations.ts';
import { applyKit, createOrg, getOrgRecord, listOrgs, resumeOrg, setOrgLimits, suspendOrg, type OrgRecord } from '../../core/orgs/tenants.ts';
import { iso } from '../../core/time/iso.ts';
import type { AppDeps } from '../deps.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/** Where the platform operator's API is served (DESIGN.md section 5). */
export const PLATFORM_API_PREFIX = '/platform/v1';

const orgView = (o: OrgRecord): z.infer<typeof c.orgView> => ({
  ...o,
  suspendedAt: iso(o.suspendedAt),
  deletionDueAt: iso(o.deletionDueAt),
  createdAt: iso(o.createdAt)!,
});

/**
 * The link the first admin opens: the settings app in LINE when it has a LIFF id (it signs them in
 * and accepts the invitation), else the same page on this desk's address.
 */
function invitationUrl(deps: AppDeps, token: string): string {
  const liffId = deps.liff?.liffIds.settings ?? deps.liff?.liffIds.staff;
  const q = `invitation=${encodeURIComponent(token)}`;
  return liffId ? `https://liff.line.me/${liffId}?${q}` : `${deps.publicBaseUrl ?? ''}/liff/settings?${q}`;
}

const P = PLATFORM_API_PREFIX;

/** `POST /platform/v1/orgs/:id/<verb>`: one change of the business's state. */
function statusRoute(verb: string, summary: string, change: (knex: Knex, id: string) => Promise<OrgRecord>) {
  return route({
    method: 'post',
    path: `${P}/orgs/:id/${verb}`,
    summary,
    tag: 'platform-orgs',
    access: 'platform',
    response: c.orgView,
    handle: async ({ params, deps }) => orgView(await change(deps.knex, params.id)),
  });
}

export const platformOrgRoutes = [
  route({
    method: 'post',
    path: `${P}/orgs`,
    summary: 'Create a business (org) with its time zone, languages and kind, optionally a starter kit; returns the one-time invitation link for its first admin (and, when asked, an admin API key, shown once)',
    tag: 'platform-orgs',
    access: 'platform',
    body: c.orgCreate,
    response: c.orgCreated,
    status: 201,
    handle: async ({ body, deps }) => {
      const made = await createOrg(deps.knex, deps.apiKeys, body, deps.orgStartingSet ?? { texts: [] });
      return {
        ...orgView(made.org),
        invitation: { url: invitationUrl(deps, made.invitation.token), expiresAt: made.invitation.expiresAt.toISOString() },
        ...(made.adminApiKey ? { adminApiKey: made.adminApiKey } : {}),
      };
    },
  }),

  route({
    method: 'get',
    path: `${P}/orgs`,
    summary: 'Every business on this deployment, with its state and the deliveries refused while it was suspended',
    tag: 'platform-orgs',
    access: 'platform',
    response: c.orgList,
    handle: async ({ deps }) => (await listOrgs(deps.knex)).map(orgView),
  }),

  route({
    method: 'get',
    path: `${P}/orgs/:id`,
    summary: 'One business',
    tag: 'platform-orgs',
    access: 'platform',
    response: c.orgView,
    handle: async ({ params, deps }) => orgView(await getOrgRecord(deps.knex, params.id)),
  }),

  statusRoute('suspend', "Suspend a business: its webhooks are answered and nothing is stored (counted in refusedDeliveries), its API keys and staff sign-ins are refused with reason org_suspended", suspendOrg),
  statusRoute('resume', 'Resume a suspended business', resumeOrg),

  route({
    method: 'put',
    path: `${P}/orgs/:id/limits`,
    summary: "Set a business's own limits over the deployment's defaults: `api` (all its API keys together, requests per seconds; over it 429 rate_limited), `botMessagesPerDay`, `storageMb`, `llmTokensPerDay`; null: none; a limit left out takes the default. An unknown business: 404",
    tag: 'platform-orgs',
    access: 'platform',
    body: c.orgLimits,
    response: c.orgView,
    handle: async ({ params, body, deps }) => orgView(await setOrgLimits(deps.knex, params.id, body)),
  }),

  route({
    method: 'get',
    path: `${P}/orgs/:id/usage`,
    summary: "What a business uses against its limits now: media kept, LLM tokens and messages the bot read today (its day, in its time zone), each with the limit in effect (its own, else the deployment's default; null: none)",
    tag: 'platform-orgs',
    access: 'platform',
    response: c.orgUsage,
    handle: async ({ params, deps }) => orgUsage(deps.knex, (await getOrgRecord(deps.knex, params.id)).id, new Date(), deps.orgLimitDefaults ?? NO_LIMIT_DEFAULTS),
  }),

  route({
    method: 'get',
    path: '/api/v1/org/usage',
    summary: "What the business uses against the limits the service's operator set it: media kept, LLM tokens and messages the bot read today (null limit: none)",
    tag: 'org-settings',
    access: 'org.settings.read',
    staffApp: inSettingsApp('/usage', 'What the business uses against its limits (as GET /api/v1/org/usage)'),
    response: c.orgUsage,
    handle: async ({ caller, deps }) => orgUsage(deps.knex, caller.orgId, new Date(), deps.orgLimitDefaults ?? NO_LIMIT_DEFAULTS),
  }),

  route({
    method: 'get',
    path: '/api/v1/org/setup',
    summary: "The business's set-up, step by step (LINE connected, WhatsApp and e-mail, business hours, staff added, starter kits applied): the checklist a new owner sees in Settings",
    tag: 'org-settings',
    access: 'org.settings.read',
    staffApp: inSettingsApp('/setup', "The business's set-up checklist (as GET /api/v1/org/setup)"),
    response: c.orgSetup,
    handle: async ({ caller, deps }) => setupProgress(deps.knex, caller.orgId),
  }),

  route({
    method: 'get',
    path: `${P}/unknown-destinations`,
    summary: "Deliveries to the shared LINE webhook (/webhooks/line) naming a bot (destination) that no business here has connected: answered 200, stored nowhere, counted here (at most 1,000 named, the rest as (other))",
    tag: 'platform-orgs',
    access: 'platform',
    response: c.unknownDestinations,
    handle: async ({ deps }) => (await listUnknownDestinations(deps.knex)).map((d) => ({ ...d, firstSeenAt: iso(d.firstSeenAt)!, lastSeenAt: iso(d.lastSeenAt)! })),
  }),

  route({
    method: 'delete',
    path: `${P}/orgs/:id`,
    summary: 'Delete a business: every row it owns is exported now (a JSON-lines file under DATA_DIR/exports), it stops serving anyone, and every row is removed after `afterHours` (default 72)',
    tag: 'platform-orgs',
    access: 'platform',
    query: z.object({ afterHours: z.coerce.number().int().min(0).max(24 * 90).default(72) }),
    response: c.orgDeletionScheduled,
    status: 202,
    handle: async ({ params, query, deps }) => {
      const r = await scheduleOrgDeletion(deps.knex, deps.dataDir, params.id, query.afterHours);
      return { ...orgView(r.org), exportFile: r.exportFile, exportedRows: r.exportedRows };
    },
  }),

  route({
    method: 'post',
    path: `${P}/orgs/:id/starter-kit`,
    summary: "Apply a starter kit to a business: what it already has under a kit entry's key is left as it is, so applying twice adds nothing",
    tag: 'platform-orgs',
    access: 'platform',
    body: c.kitApply,
    response: c.kitApplied,
    handle: async ({ params, body, deps }) => applyKit(deps.knex, (await getOrgRecord(deps.knex, params.id)).id, body.kit, { type: 'system', id: null }),
  }),

  route({
    method: 'post',
    path: '/api/v1/starter-kit',
    summary: "Apply a starter kit to the org: its kind of business's case types, services, partners and answers in Thai and English; what the org has under the same keys is left as it is",
    tag: 'org-settings',
    access: 'org.settings.manage',
    staffApp: inSettingsApp('/starter-kit', 'Apply a starter kit (as POST /api/v1/starter-kit)'),
    body: c.kitApply,
    response: c.kitApplied,
    handle: async ({ body, caller, deps }) => applyKit(deps.knex, caller.orgId, body.kit, caller.actor, caller.requestId),
  }),

  route({
    method: 'post',
    path: '/liff-api/v1/invitations/accept',
    summary: "Accept a business's invitation: the signed-in LINE user becomes its admin. A link used already or expired is refused (409, details.reason invitation_used or invitation_expired) and nothing changes",
    tag: 'liff',
    access: 'liff',
    body: z.object({ token: z.string().trim().min(10).max(200) }).meta({ id: 'InvitationAccept' }),
    response: c.invitationAccepted,
    status: 201,
    handle: async ({ body, liff, deps }) => acceptInvitation(deps.knex, { token: body.token, lineUserId: liff!.lineUserId, displayName: liff!.name, scope: liff!.scope }),
  }),
];
