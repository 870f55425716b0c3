import * as c from '../../core/contracts/org-settings.ts';
import { readOrgSettings, updateOrgSettings } from '../../core/orgs/org-settings.ts';
import * as cal from '../../core/contracts/business-calendar.ts';
import { readBusinessCalendar, updateBusinessCalendar } from '../../core/orgs/business-hours.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/** The org's settings, which the bot, the case desk, payments and the staff desk read where they act. */
export const orgSettingsRoutes = [
  route({
    method: 'get',
    path: '/api/v1/org/settings',
    summary: "The org's settings, each with the value in effect (its default when unset), and its time zone",
    tag: 'platform',
    access: 'org.settings.read',
    response: c.orgSettings,
    handle: async ({ caller, deps }) => readOrgSettings(deps.knex, caller.orgId),
  }),
  route({
    method: 'patch',
    path: '/api/v1/org/settings',
    summary: 'Change some settings (null: back to the default); other stored settings are kept. Takes effect from the next message or job on',
    tag: 'platform',
    access: 'org.settings.manage',
    body: c.orgSettingsUpdate,
    response: c.orgSettings,
    handle: async ({ body, caller, deps }) => updateOrgSettings(deps.knex, caller, body),
  }),
  route({
    method: 'get',
    path: '/api/v1/org/business-calendar',
    summary: "The org's business hours and holidays: the open time SLA clocks count",
    tag: 'platform',
    access: 'org.settings.read',
    staffApp: inSettingsApp('/business-calendar', 'Business hours and holidays (as GET /api/v1/org/business-calendar)'),
    response: cal.businessCalendar,
    handle: async ({ caller, deps }) => readBusinessCalendar(deps.knex, caller.orgId),
  }),
  route({
    method: 'patch',
    path: '/api/v1/org/business-calendar',
    summary: 'Change the business hours (null: round the clock) or the holidays; cases opened from then on use them',
    tag: 'platform',
    access: 'org.settings.manage',
    staffApp: inSettingsApp('/business-calendar', 'Change the business hours or the holidays (as PATCH /api/v1/org/business-calendar)'),
    body: cal.businessCalendarUpdate,
    response: cal.businessCalendar,
    handle: async ({ body, caller, deps }) => updateBusinessCalendar(deps.knex, caller, body),
  }),
];
