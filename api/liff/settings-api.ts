import { staffById } from '../../core/staff/staff-desk.ts';
import { managersReach } from '../../core/staff/managers-reach.ts';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Permission } from '../../core/access/roles.ts';
import { checkLineToken } from '../../bot/line/line-connection.ts';
import { checkLineChannel, testLineChannel } from '../../bot/line/line-test-message.ts';
import { addChannel } from '../../core/channels/channel-directory.ts';
import { smtpLoginProblem } from '../../bot/email/smtp-check.ts';
import * as ch from '../../core/contracts/channels.ts';
import * as org from '../../core/contracts/org-settings.ts';
import { learnFromStaffSwitch } from '../../core/contracts/learned-examples.ts';
import * as prov from '../../core/contracts/providers.ts';
import * as tax from '../../core/contracts/taxonomy.ts';
import { notFound, validationFailed } from '../../core/errors/index.ts';
import { readOrgSettings, updateOrgSettings } from '../../core/orgs/org-settings.ts';
import { setProviderPaused } from '../../core/providers/provider-pause.ts';
import { listProviderSettings, providerSettingsOf } from '../../core/providers/provider-settings.ts';
import * as taxonomy from '../../core/understanding/taxonomy-admin.ts';
import { previewActWhenSure } from '../../core/understanding/act-when-sure.ts';
import { channelsWithWebhooks, lineApiOf, webhookUrlOf } from '../admin/channel-routes.ts';
import { route, type Caller, type RouteInput } from '../route.ts';
import { SETTINGS_API_PREFIX } from './staff-apps.ts';

/**
 * The Settings app's API (`/liff/settings`), with the staff member signed in with LINE as the
 * actor (`access: { liffStaff }`, the permission the REST route asks of an API key). Every change
 * is in the audit log as theirs (`actor_type` staff).
 *
 * Most of what the app does is the admin REST routes themselves, served to the app too
 * (`staffApp` in api/admin/*: case types, FAQ, services, templates, channels, business hours,
 * staff, staff groups, providers, the bookings pipeline and its assignment rules). Here are only
 * the app's own: lists that always include the inactive entries, adding a LINE channel and
 * testing it to oneself, the two notification settings on their own, and a provider's pause
 * answered with its settings view.
 */
export { SETTINGS_API_PREFIX };
const P = SETTINGS_API_PREFIX;
const TAG = 'liff-settings';

type In = RouteInput<unknown, unknown, Caller>;
const channelsOf = (i: In) => channelsWithWebhooks(i.deps, i.ctx, i.caller.orgId);

const actWhenSureQuery = tax.actPreviewQuery.partial();
const actWhenSureView = z.object({ actWhenSure: org.orgSettingFields.actWhenSure, preview: tax.actPreview }).meta({ id: 'LiffActWhenSure' });
async function actWhenSureOf(knex: Knex, orgId: string, sure?: number): Promise<z.infer<typeof actWhenSureView>> {
  const { actWhenSure } = await readOrgSettings(knex, orgId);
  return { actWhenSure, preview: await previewActWhenSure(knex, orgId, sure ?? actWhenSure) };
}
const customerNotices = z.object({ customerNotices: org.orgSettingFields.customerNotices }).meta({ id: 'LiffCustomerNotices' });
const staffAlerts = z.object({ staffAlerts: org.orgSettingFields.staffAlerts }).meta({ id: 'LiffStaffAlerts' });
/** The switches, and where the managers' alerts go today: so the screen can say when they reach nobody. */
const staffAlertsAndReach = staffAlerts
  .extend({
    managersReach: z.object({
      via: z.enum(['groups', 'people', 'nowhere']).describe("groups: the managers' groups; people: no such group, so each manager and admin 1:1 in LINE; nowhere: neither"),
      groups: z.array(z.string()),
      people: z.array(z.string()),
    }),
  })
  .meta({ id: 'LiffStaffAlertsAndReach' });
const testMessage = z
  .object({ to: ch.lineUserId.optional().meta({ description: "Who gets it; left out: the signed-in staff member's own LINE account" }) })
  .strict()
  .meta({ id: 'LiffChannelTestMessage' });

/** One kind of the org's keyed entries as the app lists them: active and not, whatever the page asks. */
function everyEntry<List extends z.ZodType>(path: string, permission: Permission, summary: string, response: List, list: (knex: Knex, orgId: string) => Promise<z.infer<List>>) {
  return route({ method: 'get', path: `${P}/${path}`, summary, tag: TAG, access: { liffStaff: permission }, response, handle: async ({ deps, caller }) => list(deps.knex, caller.orgId) });
}

/** Pausing or unpausing a provider as POST /api/v1/providers/:key/(un)pause does, answered with the settings the app shows. */
function providerPauseRoute(paused: boolean, summary: string) {
  return route({
    method: 'post',
    path: `${P}/providers/:key/${paused ? 'pause' : 'unpause'}`,
    summary,
    tag: TAG,
    access: { liffStaff: 'providers.pause' },
    body: paused ? prov.providerPause : prov.providerUnpause,
    response: prov.providerSettings,
    handle: async ({ deps, caller, params, body }) => {
      await deps.knex.transaction((trx) => setProviderPaused(trx, { orgId: caller.orgId, key: params.key, paused, reason: body.reason, actor: caller.actor }));
      return providerSettingsOf(deps.knex, caller.orgId, params.key);
    },
  });
}

export const settingsRoutes = [
  everyEntry('case-types', 'taxonomy.read', 'Case types, active and not (as GET /api/v1/case-types?includeInactive=true)', tax.caseTypeList, (knex, orgId) =>
    taxonomy.listCaseTypes(knex, orgId, { includeInactive: true }),
  ),
  everyEntry('faq', 'taxonomy.read', 'FAQ entries, active and not (as GET /api/v1/faq?includeInactive=true)', tax.faqList, (knex, orgId) =>
    taxonomy.listFaqEntries(knex, orgId, { includeInactive: true }),
  ),
  everyEntry(
    'services',
    'taxonomy.read',
    'Bookable services, active and not, with their booking form fields and opening hours (as GET /api/v1/services?includeInactive=true)',
    tax.serviceList,
    (knex, orgId) => taxonomy.listServices(knex, orgId, { includeInactive: true }),
  ),

  // ---------------------------------------------------------------- LINE channels
  route({
    method: 'post',
    path: `${P}/channels`,
    summary:
      "Connect a LINE channel in one step: the token is checked with LINE first (a token LINE refuses is a 422 on credentials.channelAccessToken, nothing stored); then the channel is stored (credentials encrypted) and checked as POST /channels/:id/check does: webhook URL set at LINE and tested when this desk's address is public https, which checks the secret",
    tag: TAG,
    access: { liffStaff: 'channels.manage' },
    body: ch.lineChannelCreate,
    response: ch.channel,
    status: 201,
    handle: async (i) => {
      const lineApiBaseUrl = lineApiOf(i.deps);
      // A token LINE says it does not know is a typo: refused before anything is stored. LINE out
      // of reach is no reason to lose what was pasted: stored, and the check says what happened.
      const token = await checkLineToken({ channelAccessToken: i.body.credentials.channelAccessToken, apiBaseUrl: lineApiBaseUrl });
      if (!token.ok && token.problem === 'token_refused') {
        throw validationFailed('LINE does not know this channel access token', [{ path: 'credentials.channelAccessToken', message: `LINE refused this token (${token.status}): ${token.message}`, code: 'token_refused' }]);
      }
      // The bot's own id, as LINE names it: the same Official Account cannot serve two businesses.
      const externalId = token.ok ? token.botUserId : null;
      const id = await addChannel(i.deps.knex, i.deps.secrets, { orgId: i.caller.orgId, kind: 'line', name: i.body.name, externalId, credentials: i.body.credentials, actor: i.caller.actor, requestId: i.caller.requestId });
      await checkLineChannel({ knex: i.deps.knex, channels: i.deps.channels, lineApiBaseUrl }, { orgId: i.caller.orgId, channelId: id, webhookUrl: webhookUrlOf(i.deps, i.ctx, { kind: 'line', id }), token, actor: i.caller.actor, requestId: i.caller.requestId });
      return (await channelsOf(i)).find((c) => c.id === id)!;
    },
  }),
  route({
    method: 'post',
    path: `${P}/channels/email`,
    summary:
      "Connect the org's e-mail: its SMTP server and mailbox are tried first (connect and log in; a refusal is a 422 on the field to fix, nothing stored), then the channel is stored with the password encrypted (as POST /api/v1/channels with kind email)",
    tag: TAG,
    access: { liffStaff: 'channels.manage' },
    body: ch.emailChannelCreate,
    response: ch.channel,
    status: 201,
    handle: async (i) => {
      const b = i.body;
      const email = { ...b.smtp, fromAddress: b.from.address, fromName: b.from.name, inboundAddress: b.inboundAddress.toLowerCase() };
      const problem = await smtpLoginProblem({ id: '', orgId: i.caller.orgId, name: b.name, externalId: null, isActive: true, kind: 'email', credentials: b.credentials, settings: { email } });
      if (problem) throw validationFailed(`Nothing was stored: ${problem.message}`, [problem]);
      const id = await addChannel(i.deps.knex, i.deps.secrets, { orgId: i.caller.orgId, kind: 'email', name: b.name, externalId: b.from.address.toLowerCase(), credentials: b.credentials, email, actor: i.caller.actor, requestId: i.caller.requestId });
      return (await channelsOf(i)).find((c) => c.id === id)!;
    },
  }),
  route({
    method: 'post',
    path: `${P}/channels/:id/test-message`,
    summary: "Send a test message through a LINE channel, to yourself unless said; LINE's answer is reported and kept on the channel",
    tag: TAG,
    access: { liffStaff: 'channels.manage' },
    body: testMessage,
    response: ch.channelTestResult,
    handle: async ({ deps, caller, params, body }) => {
      // Signed in a moment ago; gone since only if removed in between.
      const me = await staffById(deps.knex, caller.orgId, caller.actor.id);
      if (!me) throw notFound('Staff member', { staffId: caller.actor.id });
      return testLineChannel(
        { knex: deps.knex, channels: deps.channels, lineApiBaseUrl: lineApiOf(deps) },
        { orgId: caller.orgId, channelId: params.id, to: body.to ?? me.lineUserId, actor: caller.actor, requestId: caller.requestId },
      );
    },
  }),

  // ---------------------------------------------------------------- how sure the bot must be to act
  route({
    method: 'get',
    path: `${P}/act-when-sure`,
    summary: "How sure the bot must be to act (the actWhenSure org setting), and what a level would have done with last week's messages (`sure`, default the level set)",
    tag: TAG,
    access: { liffStaff: 'taxonomy.read' },
    query: actWhenSureQuery,
    response: actWhenSureView,
    handle: async ({ deps, caller, query }) => actWhenSureOf(deps.knex, caller.orgId, query.sure),
  }),
  route({
    method: 'put',
    path: `${P}/act-when-sure`,
    summary: 'Set how sure the bot must be to act (as PATCH /api/v1/org/settings with actWhenSure)',
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: z.object({ actWhenSure: org.orgSettingFields.actWhenSure }).strict(),
    response: actWhenSureView,
    handle: async ({ deps, caller, body }) => {
      await updateOrgSettings(deps.knex, caller, { actWhenSure: body.actWhenSure });
      return actWhenSureOf(deps.knex, caller.orgId);
    },
  }),

  // ---------------------------------------------------------------- customer notifications
  route({
    method: 'get',
    path: `${P}/customer-notices`,
    summary: 'Which customer notifications the org sends (the customerNotices org setting)',
    tag: TAG,
    access: { liffStaff: 'org.settings.read' },
    response: customerNotices,
    handle: async ({ deps, caller }) => ({ customerNotices: (await readOrgSettings(deps.knex, caller.orgId)).customerNotices }),
  }),
  route({
    method: 'put',
    path: `${P}/customer-notices`,
    summary: 'Turn customer notifications on or off (as PATCH /api/v1/org/settings with customerNotices)',
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: customerNotices.strict(),
    response: customerNotices,
    handle: async ({ deps, caller, body }) => ({ customerNotices: (await updateOrgSettings(deps.knex, caller, { customerNotices: body.customerNotices })).customerNotices }),
  }),

  route({
    method: 'get',
    path: `${P}/staff-alerts`,
    summary: 'Which staff alerts the org sends (the staffAlerts org setting)',
    tag: TAG,
    access: { liffStaff: 'org.settings.read' },
    response: staffAlertsAndReach,
    handle: async ({ deps, caller }) => ({ staffAlerts: (await readOrgSettings(deps.knex, caller.orgId)).staffAlerts, managersReach: await managersReach(deps.knex, caller.orgId) }),
  }),
  route({
    method: 'put',
    path: `${P}/staff-alerts`,
    summary: 'Turn staff alerts on or off (as PATCH /api/v1/org/settings with staffAlerts)',
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: staffAlerts.strict(),
    response: staffAlertsAndReach,
    handle: async ({ deps, caller, body }) => ({
      staffAlerts: (await updateOrgSettings(deps.knex, caller, { staffAlerts: body.staffAlerts })).staffAlerts,
      managersReach: await managersReach(deps.knex, caller.orgId),
    }),
  }),

  // ---------------------------------------------------------------- learning from staff
  route({
    method: 'put',
    path: `${P}/learn-from-staff`,
    summary: "Corrections by staff added to the example phrases at once, or only suggested (as PATCH /api/v1/org/settings with learnFromStaff)",
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: learnFromStaffSwitch,
    response: learnFromStaffSwitch,
    handle: async ({ deps, caller, body }) => ({ learnFromStaff: (await updateOrgSettings(deps.knex, caller, { learnFromStaff: body.learnFromStaff })).learnFromStaff }),
  }),

  // ---------------------------------------------------------------- providers
  everyEntry('providers', 'providers.read', "The org's providers with their settings, pause and risk level", prov.providerSettingsList, listProviderSettings),
  providerPauseRoute(true, 'Pause a provider with a reason (as POST /api/v1/providers/:key/pause)'),
  providerPauseRoute(false, 'Unpause a provider (as POST /api/v1/providers/:key/unpause)'),
];
