import { staffById } from '../../core/staff/staff-desk.ts';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Permission } from '../../core/access/roles.ts';
import { testLineChannel } from '../../bot/line/line-test-message.ts';
import { updateLineChannel } from '../../core/channels/channel-checks.ts';
import { addChannel } from '../../core/channels/channel-directory.ts';
import { createAssignmentRule, listAssignmentRules, updateAssignmentRule } from '../../core/bookings/booking-assignment.ts';
import { orgPipeline, writePipeline } from '../../core/bookings/booking-stage-settings.ts';
import * as bk from '../../core/contracts/bookings.ts';
import * as cal from '../../core/contracts/business-calendar.ts';
import * as ch from '../../core/contracts/channels.ts';
import * as org from '../../core/contracts/org-settings.ts';
import * as prov from '../../core/contracts/providers.ts';
import * as groupC from '../../core/contracts/staff-groups.ts';
import * as staffC from '../../core/contracts/staff.ts';
import * as tax from '../../core/contracts/taxonomy.ts';
import * as tpl from '../../core/contracts/templates.ts';
import { notFound } from '../../core/errors/index.ts';
import { readBusinessCalendar, updateBusinessCalendar } from '../../core/orgs/business-hours.ts';
import { readOrgSettings, updateOrgSettings } from '../../core/orgs/org-settings.ts';
import { setProviderPaused } from '../../core/providers/provider-pause.ts';
import { createProvider, listProviderSettings, providerSettingsOf, updateProvider } from '../../core/providers/provider-settings.ts';
import { deactivateStaff, issueEnrolmentCode } from '../../core/staff/enrolment.ts';
import { addStaffMember, listStaff } from '../../core/staff/staff-admin.ts';
import { listStaffGroups, updateStaffGroup } from '../../core/staff/staff-group-admin.ts';
import { listTemplates, updateTemplate } from '../../core/templates/template-admin.ts';
import { previewTemplate } from '../../core/templates/template-preview.ts';
import { loadOrgTaxonomy } from '../../core/understanding/org-taxonomy.ts';
import * as taxonomy from '../../core/understanding/taxonomy-admin.ts';
import { checkTaxonomy } from '../../core/understanding/taxonomy-check.ts';
import { channelsWithWebhooks } from '../admin/channel-routes.ts';
import { route, type RouteInput } from '../route.ts';
import { LIFF_API_PREFIX } from './liff-api.ts';

/**
 * The Settings app's API (`/liff/settings`): the same core functions and contracts as the admin
 * REST routes (api/admin/*), with the staff member signed in with LINE as the actor
 * (`access: { liffStaff }`, the permission the REST route asks of an API key). Every change is in
 * the audit log as theirs (`actor_type` staff).
 */
export const SETTINGS_API_PREFIX = `${LIFF_API_PREFIX}/settings`;
const P = SETTINGS_API_PREFIX;
const TAG = 'liff-settings';

type In = RouteInput<unknown, unknown>;
const orgOf = (i: In) => i.staff!.orgId;
const actor = (i: In) => ({ type: 'staff' as const, id: i.staff!.id });
const writer = (i: In) => ({ orgId: orgOf(i), actor: actor(i), requestId: i.ctx.state.requestId as string | undefined });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const channelsOf = (i: In) => channelsWithWebhooks(i.deps, i.ctx, orgOf(i));

const customerNotices = z.object({ customerNotices: org.orgSettingFields.customerNotices }).meta({ id: 'LiffCustomerNotices' });
const staffAlerts = z.object({ staffAlerts: org.orgSettingFields.staffAlerts }).meta({ id: 'LiffStaffAlerts' });
const testMessage = z
  .object({ to: ch.lineUserId.optional().meta({ description: "Who gets it; left out: the signed-in staff member's own LINE account" }) })
  .strict()
  .meta({ id: 'LiffChannelTestMessage' });

/**
 * The Settings app's three routes for one kind of the org's keyed entries (case types, services,
 * FAQ entries, providers): the list (active and not), add, and change, each calling the core
 * function its admin REST route calls.
 */
function keyedRoutes<List extends z.ZodType, One extends z.ZodType, Create extends z.ZodType, Update extends z.ZodType>(k: {
  path: string;
  permissions: { read: Permission; manage: Permission };
  summaries: { list: string; add: string; change: string };
  schemas: { list: List; one: One; create: Create; update: Update };
  list: (knex: Knex, orgId: string) => Promise<z.infer<List>>;
  create: (knex: Knex, w: ReturnType<typeof writer>, body: z.infer<Create>) => Promise<z.infer<One>>;
  update: (knex: Knex, w: ReturnType<typeof writer>, key: string, body: z.infer<Update>) => Promise<z.infer<One>>;
}) {
  const read = { liffStaff: k.permissions.read };
  const manage = { liffStaff: k.permissions.manage };
  return [
    route({ method: 'get', path: `${P}/${k.path}`, summary: k.summaries.list, tag: TAG, access: read, response: k.schemas.list, handle: async (i) => k.list(i.deps.knex, orgOf(i)) }),
    route({
      method: 'post',
      path: `${P}/${k.path}`,
      summary: k.summaries.add,
      tag: TAG,
      access: manage,
      body: k.schemas.create,
      response: k.schemas.one,
      status: 201,
      handle: async (i) => k.create(i.deps.knex, writer(i), i.body),
    }),
    route({
      method: 'patch',
      path: `${P}/${k.path}/:key`,
      summary: k.summaries.change,
      tag: TAG,
      access: manage,
      body: k.schemas.update,
      response: k.schemas.one,
      handle: async (i) => k.update(i.deps.knex, writer(i), i.params.key, i.body),
    }),
  ];
}

export const settingsRoutes = [
  // ---------------------------------------------------------------- case types
  ...keyedRoutes({
    path: 'case-types',
    permissions: { read: 'taxonomy.read', manage: 'taxonomy.manage' },
    summaries: {
      list: 'Case types, active and not (as GET /api/v1/case-types?includeInactive=true)',
      add: 'Add a case type (as POST /api/v1/case-types)',
      change: 'Change a case type (as PATCH /api/v1/case-types/:key)',
    },
    schemas: { list: tax.caseTypeList, one: tax.caseType, create: tax.caseTypeCreate, update: tax.caseTypeUpdate },
    list: (knex, orgId) => taxonomy.listCaseTypes(knex, orgId, { includeInactive: true }),
    create: taxonomy.createCaseType,
    update: taxonomy.updateCaseType,
  }),

  // ---------------------------------------------------------------- FAQ
  ...keyedRoutes({
    path: 'faq',
    permissions: { read: 'taxonomy.read', manage: 'taxonomy.manage' },
    summaries: {
      list: 'FAQ entries, active and not (as GET /api/v1/faq?includeInactive=true)',
      add: 'Add a FAQ entry (as POST /api/v1/faq)',
      change: 'Change a FAQ entry (as PATCH /api/v1/faq/:key)',
    },
    schemas: { list: tax.faqList, one: tax.faqEntry, create: tax.faqCreate, update: tax.faqUpdate },
    list: (knex, orgId) => taxonomy.listFaqEntries(knex, orgId, { includeInactive: true }),
    create: taxonomy.createFaqEntry,
    update: taxonomy.updateFaqEntry,
  }),

  // ---------------------------------------------------------------- how the classifier reads them
  route({
    method: 'get',
    path: `${P}/taxonomy-check`,
    summary: "How the classifier reads the org's own example phrases (as GET /api/v1/taxonomy/check)",
    tag: TAG,
    access: { liffStaff: 'taxonomy.read' },
    response: tax.taxonomyCheck,
    handle: async (i) => checkTaxonomy(await loadOrgTaxonomy(i.deps.knex, orgOf(i))),
  }),

  // ---------------------------------------------------------------- bookable services
  ...keyedRoutes({
    path: 'services',
    permissions: { read: 'taxonomy.read', manage: 'taxonomy.manage' },
    summaries: {
      list: 'Bookable services, active and not, with their booking form fields and opening hours (as GET /api/v1/services?includeInactive=true)',
      add: 'Add a bookable service (as POST /api/v1/services)',
      change: 'Change a bookable service, its form fields or its hours (as PATCH /api/v1/services/:key)',
    },
    schemas: { list: tax.serviceList, one: tax.service, create: tax.serviceCreate, update: tax.serviceUpdate },
    list: (knex, orgId) => taxonomy.listServices(knex, orgId, { includeInactive: true }),
    create: taxonomy.createService,
    update: taxonomy.updateService,
  }),

  // ---------------------------------------------------------------- templates
  route({
    method: 'get',
    path: `${P}/templates`,
    summary: 'Every customer-facing text, in Thai and English (as GET /api/v1/templates)',
    tag: TAG,
    access: { liffStaff: 'taxonomy.read' },
    response: tpl.templateList,
    handle: async (i) => listTemplates(i.deps.knex, orgOf(i)),
  }),
  route({
    method: 'post',
    path: `${P}/templates/preview`,
    summary: 'A text filled with sample values, and the variables the product would not fill (as POST /api/v1/templates/preview)',
    tag: TAG,
    access: { liffStaff: 'taxonomy.read' },
    body: tpl.templatePreviewRequest,
    response: tpl.templatePreview,
    handle: async ({ body }) => previewTemplate(body),
  }),
  route({
    method: 'put',
    path: `${P}/templates/:key/:language`,
    summary: 'Change a text; a variable the product does not fill is a 422 naming it (as PUT /api/v1/templates/:key/:language)',
    tag: TAG,
    access: { liffStaff: 'taxonomy.manage' },
    body: tpl.templateUpdate,
    response: tpl.templateView,
    handle: async (i) => {
      const language = i.params.language;
      if (language !== 'th' && language !== 'en') throw notFound('Template', { language });
      return updateTemplate(i.deps.knex, { ...writer(i), key: i.params.key, language, body: i.body.body, whatsappContentSid: i.body.whatsappContentSid });
    },
  }),

  // ---------------------------------------------------------------- LINE channels
  route({
    method: 'get',
    path: `${P}/channels`,
    summary: "The org's channels, each with its last test (as GET /api/v1/channels)",
    tag: TAG,
    access: { liffStaff: 'channels.read' },
    response: ch.channelList,
    handle: channelsOf,
  }),
  route({
    method: 'post',
    path: `${P}/channels`,
    summary: 'Connect a LINE channel: name, channel secret and access token (stored encrypted); not marked working until a test message goes through',
    tag: TAG,
    access: { liffStaff: 'channels.manage' },
    body: ch.lineChannelCreate,
    response: ch.channel,
    status: 201,
    handle: async (i) => {
      const id = await addChannel(i.deps.knex, i.deps.secrets, { orgId: orgOf(i), kind: 'line', name: i.body.name, credentials: i.body.credentials, actor: actor(i), requestId: i.ctx.state.requestId });
      return (await channelsOf(i)).find((c) => c.id === id)!;
    },
  }),
  route({
    method: 'patch',
    path: `${P}/channels/:id`,
    summary: 'Rename a LINE channel, paste a new token and secret, or switch it off or on (as PATCH /api/v1/channels/:id)',
    tag: TAG,
    access: { liffStaff: 'channels.manage' },
    body: ch.channelUpdate,
    response: ch.channel,
    handle: async (i) => {
      await updateLineChannel(i.deps.knex, i.deps.secrets, { orgId: orgOf(i), channelId: i.params.id, ...i.body, actor: actor(i), requestId: i.ctx.state.requestId });
      i.deps.channels.forget();
      return (await channelsOf(i)).find((c) => c.id === i.params.id)!;
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
    handle: async (i) => {
      // Signed in a moment ago; gone since only if removed in between.
      const me = await staffById(i.deps.knex, orgOf(i), i.staff!.id);
      if (!me) throw notFound('Staff member', { staffId: i.staff!.id });
      return testLineChannel(
        { knex: i.deps.knex, channels: i.deps.channels, lineApiBaseUrl: i.deps.liff?.lineApiBaseUrl ?? 'https://api.line.me' },
        { orgId: orgOf(i), channelId: i.params.id, to: i.body.to ?? me.lineUserId, actor: actor(i), requestId: i.ctx.state.requestId },
      );
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
    handle: async (i) => ({ customerNotices: (await readOrgSettings(i.deps.knex, orgOf(i))).customerNotices }),
  }),
  route({
    method: 'put',
    path: `${P}/customer-notices`,
    summary: 'Turn customer notifications on or off (as PATCH /api/v1/org/settings with customerNotices)',
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: customerNotices.strict(),
    response: customerNotices,
    handle: async (i) => ({ customerNotices: (await updateOrgSettings(i.deps.knex, writer(i), { customerNotices: i.body.customerNotices })).customerNotices }),
  }),

  route({
    method: 'get',
    path: `${P}/staff-alerts`,
    summary: 'Which staff alerts the org sends (the staffAlerts org setting)',
    tag: TAG,
    access: { liffStaff: 'org.settings.read' },
    response: staffAlerts,
    handle: async (i) => ({ staffAlerts: (await readOrgSettings(i.deps.knex, orgOf(i))).staffAlerts }),
  }),
  route({
    method: 'put',
    path: `${P}/staff-alerts`,
    summary: 'Turn staff alerts on or off (as PATCH /api/v1/org/settings with staffAlerts)',
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: staffAlerts.strict(),
    response: staffAlerts,
    handle: async (i) => ({ staffAlerts: (await updateOrgSettings(i.deps.knex, writer(i), { staffAlerts: i.body.staffAlerts })).staffAlerts }),
  }),

  // ---------------------------------------------------------------- business hours and holidays
  route({
    method: 'get',
    path: `${P}/business-calendar`,
    summary: 'Business hours and holidays (as GET /api/v1/org/business-calendar)',
    tag: TAG,
    access: { liffStaff: 'org.settings.read' },
    response: cal.businessCalendar,
    handle: async (i) => readBusinessCalendar(i.deps.knex, orgOf(i)),
  }),
  route({
    method: 'patch',
    path: `${P}/business-calendar`,
    summary: 'Change the business hours or the holidays (as PATCH /api/v1/org/business-calendar)',
    tag: TAG,
    access: { liffStaff: 'org.settings.manage' },
    body: cal.businessCalendarUpdate,
    response: cal.businessCalendar,
    handle: async (i) => updateBusinessCalendar(i.deps.knex, writer(i), i.body),
  }),

  // ---------------------------------------------------------------- staff and enrolment codes
  route({
    method: 'get',
    path: `${P}/staff`,
    summary: "The org's staff, with whether each has linked a LINE account (as GET /api/v1/staff)",
    tag: TAG,
    access: { liffStaff: 'staff.read' },
    response: staffC.staffList,
    handle: async (i) => listStaff(i.deps.knex, orgOf(i)),
  }),
  route({
    method: 'post',
    path: `${P}/staff`,
    summary: 'Add a staff member; the answer carries their one-time enrolment code (as POST /api/v1/staff)',
    tag: TAG,
    access: { liffStaff: 'staff.manage' },
    body: staffC.staffCreate,
    response: staffC.staffCreated,
    status: 201,
    handle: async (i) => addStaffMember(i.deps.knex, { ...writer(i), displayName: i.body.displayName, role: i.body.role, language: i.body.language }),
  }),
  route({
    method: 'post',
    path: `${P}/staff/:id/enrolment-code`,
    summary: 'A new one-time enrolment code (any earlier code stops working)',
    tag: TAG,
    access: { liffStaff: 'staff.manage' },
    response: staffC.enrolmentCode,
    status: 201,
    handle: async (i) => {
      if (!UUID.test(i.params.id)) throw notFound('Staff member', { staffId: i.params.id });
      const issued = await issueEnrolmentCode(i.deps.knex, { ...writer(i), staffId: i.params.id });
      return { code: issued.code, expiresAt: issued.expiresAt.toISOString() };
    },
  }),
  route({
    method: 'delete',
    path: `${P}/staff/:id`,
    summary: 'Deactivate a staff member (as DELETE /api/v1/staff/:id)',
    tag: TAG,
    access: { liffStaff: 'staff.manage' },
    response: staffC.staffDeactivated,
    handle: async (i) => {
      if (!UUID.test(i.params.id)) throw notFound('Staff member', { staffId: i.params.id });
      await deactivateStaff(i.deps.knex, { ...writer(i), staffId: i.params.id });
      return { id: i.params.id, isActive: false as const };
    },
  }),

  // ---------------------------------------------------------------- staff groups and their routing
  route({
    method: 'get',
    path: `${P}/staff-groups`,
    summary: 'The LINE groups the bot is or was in, with what each is for and what is routed to it (as GET /api/v1/staff-groups)',
    tag: TAG,
    access: { liffStaff: 'staff_groups.read' },
    response: groupC.staffGroupList,
    handle: async (i) => listStaffGroups(i.deps.knex, orgOf(i)),
  }),
  route({
    method: 'patch',
    path: `${P}/staff-groups/:id`,
    summary: 'Set what a group is for and what is routed to it (as PATCH /api/v1/staff-groups/:id)',
    tag: TAG,
    access: { liffStaff: 'staff_groups.manage' },
    body: groupC.staffGroupUpdate,
    response: groupC.staffGroup,
    handle: async (i) => {
      if (!UUID.test(i.params.id)) throw notFound('Staff group', { id: i.params.id });
      return updateStaffGroup(i.deps.knex, { ...writer(i), groupId: i.params.id, settings: i.body });
    },
  }),

  // ---------------------------------------------------------------- providers
  ...keyedRoutes({
    path: 'providers',
    permissions: { read: 'providers.read', manage: 'providers.manage' },
    summaries: {
      list: "The org's providers with their settings, pause and risk level",
      add: 'Add a provider (as POST /api/v1/providers)',
      change: "Change a provider's settings (as PATCH /api/v1/providers/:key)",
    },
    schemas: { list: prov.providerSettingsList, one: prov.providerSettings, create: prov.providerCreate, update: prov.providerUpdate },
    list: listProviderSettings,
    create: createProvider,
    update: updateProvider,
  }),
  route({
    method: 'post',
    path: `${P}/providers/:key/pause`,
    summary: 'Pause a provider with a reason (as POST /api/v1/providers/:key/pause)',
    tag: TAG,
    access: { liffStaff: 'providers.pause' },
    body: prov.providerPause,
    response: prov.providerSettings,
    handle: async (i) => {
      await i.deps.knex.transaction((trx) => setProviderPaused(trx, { orgId: orgOf(i), key: i.params.key, paused: true, reason: i.body.reason, actor: actor(i) }));
      return providerSettingsOf(i.deps.knex, orgOf(i), i.params.key);
    },
  }),
  route({
    method: 'post',
    path: `${P}/providers/:key/unpause`,
    summary: 'Unpause a provider (as POST /api/v1/providers/:key/unpause)',
    tag: TAG,
    access: { liffStaff: 'providers.pause' },
    body: prov.providerUnpause,
    response: prov.providerSettings,
    handle: async (i) => {
      await i.deps.knex.transaction((trx) => setProviderPaused(trx, { orgId: orgOf(i), key: i.params.key, paused: false, reason: i.body.reason, actor: actor(i) }));
      return providerSettingsOf(i.deps.knex, orgOf(i), i.params.key);
    },
  }),

  // ---------------------------------------------------------------- the bookings pipeline and who gets new bookings
  route({
    method: 'get',
    path: `${P}/booking-stages`,
    summary: "The bookings pipeline: stages in order, labels, hidden and closed ones, the moves allowed (as GET /api/v1/booking-stages)",
    tag: TAG,
    access: { liffStaff: 'bookings.rules.read' },
    response: bk.bookingStages,
    handle: async (i) => orgPipeline(i.deps.knex, orgOf(i)),
  }),
  route({
    method: 'put',
    path: `${P}/booking-stages`,
    summary: 'Replace the pipeline (as PUT /api/v1/booking-stages; 409 when someone changed it since expectedVersion)',
    tag: TAG,
    access: { liffStaff: 'bookings.rules.manage' },
    body: bk.bookingStagesInput,
    response: bk.bookingStages,
    handle: async (i) => writePipeline(i.deps.knex, orgOf(i), i.body, actor(i)),
  }),
  route({
    method: 'get',
    path: `${P}/booking-rules`,
    summary: 'The assignment rules of new bookings, in the order they are tried (as GET /api/v1/booking-rules)',
    tag: TAG,
    access: { liffStaff: 'bookings.rules.read' },
    response: bk.assignmentRuleList,
    handle: async (i) => listAssignmentRules(i.deps.knex, orgOf(i)),
  }),
  route({
    method: 'post',
    path: `${P}/booking-rules`,
    summary: 'Add an assignment rule (as POST /api/v1/booking-rules)',
    tag: TAG,
    access: { liffStaff: 'bookings.rules.manage' },
    body: bk.assignmentRuleInput,
    response: bk.assignmentRule,
    status: 201,
    handle: async (i) => createAssignmentRule(i.deps.knex, orgOf(i), i.body, actor(i)),
  }),
  route({
    method: 'patch',
    path: `${P}/booking-rules/:id`,
    summary: 'Change an assignment rule (as PATCH /api/v1/booking-rules/:id)',
    tag: TAG,
    access: { liffStaff: 'bookings.rules.manage' },
    body: bk.assignmentRuleChange,
    response: bk.assignmentRule,
    handle: async (i) => {
      if (!UUID.test(i.params.id)) throw notFound('Assignment rule', { id: i.params.id });
      return updateAssignmentRule(i.deps.knex, orgOf(i), i.params.id, i.body, actor(i));
    },
  }),
];
