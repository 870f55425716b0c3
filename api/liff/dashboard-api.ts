import { scopeOf, staffPerformance } from '../../core/analytics/reports.ts';
import { orgPipeline } from '../../core/bookings/booking-stage-settings.ts';
import * as analytics from '../../core/contracts/analytics.ts';
import * as c from '../../core/contracts/liff-staff.ts';
import { analyticsRouteSet, type AnalyticsAudience } from '../admin/analytics-routes.ts';
import { can } from '../../core/access/roles.ts';
import { staffSignIn } from '../../core/staff/staff-sign-in.ts';
import { route } from '../route.ts';
import { DASHBOARD_API_PREFIX } from './staff-apps.ts';

/**
 * The Dashboard app's API (`/liff/dashboard`): the analytics routes themselves
 * (api/admin/analytics-routes.ts), declared once and served here to staff signed in with LINE
 * (`access: { liffStaff }`, the same permissions as for API keys), so that every figure is
 * computed, filtered and exported as `/api/v1/analytics/*` does it. The figures' `drill` paths
 * name the API's `/api/v1/analytics/...`; the app asks for the same path under
 * `/liff-api/v1/dashboard/...`. The finance screen's read is declared beside `/api/v1/finance`
 * (api/admin/payment-routes.ts, `onDashboard`).
 *
 * Managers, admins and the CEO read the whole org. A support member reads their own figures: every
 * case figure is narrowed to the cases they own (`owner`), every bookings figure to the bookings
 * assigned to them (`assignee`), whatever the page asks; and their score is theirs alone
 * (`/dashboard/me`, staff performance naming everyone being for managers and the CEO).
 */
export { DASHBOARD_API_PREFIX };

const ownFiguresOnly = (role: string) => role === 'support';

const staffAudience: AnalyticsAudience = {
  prefix: DASHBOARD_API_PREFIX,
  tag: 'liff-staff',
  access: (p) => ({ liffStaff: p }),
  orgOf: (i) => i.staff!.orgId,
  roleOf: (i) => i.staff!.role,
  narrow: (i, query, about) => {
    const staff = i.staff!;
    if (!ownFiguresOnly(staff.role)) return query;
    return about === 'cases' ? { ...query, owner: staff.id } : { ...query, assignee: staff.id };
  },
  holderOf: (i) => `staff:${i.staff!.id}`,
  // Signed in again from the database: deactivated, or moved to a role without analytics, they are let go.
  stillAllowed: async (i) => {
    const now = await staffSignIn(i.deps.knex, i.staff!.lineUserId, i.staff!.scope);
    return now.ok && now.staff.id === i.staff!.id && can(now.staff.role, 'analytics.read') && now.staff.role === i.staff!.role;
  },
  expiresAt: (i) => i.staff!.tokenExpiresAt,
};

export const dashboardRoutes = [
  ...analyticsRouteSet(staffAudience),

  route({
    method: 'get',
    path: `${DASHBOARD_API_PREFIX}/me`,
    summary: "The signed-in staff member's own line of the staff performance report: cases taken and owned, within SLA, response and resolution, the score and its parts, the change since the previous period (any staff role that reads analytics)",
    tag: 'liff-staff',
    access: { liffStaff: 'analytics.read' },
    query: analytics.analyticsQuery,
    response: c.myPerformance,
    handle: async ({ staff, deps, query }) => {
      // Scored among everyone (case load is measured against the busiest), shown to them alone.
      const report = await staffPerformance(deps.knex, await scopeOf(deps.knex, staff!.orgId, { ...query, owner: undefined }, new Date()));
      return { period: report.period, weights: report.weights, me: report.staff.find((s) => s.staffId === staff!.id) ?? null };
    },
  }),

  route({
    method: 'get',
    path: `${DASHBOARD_API_PREFIX}/names`,
    summary: "The org's own Thai and English names for the keys the reports carry (case types, services, booking stages), so that a page shows names, never keys",
    tag: 'liff-staff',
    access: { liffStaff: 'analytics.read' },
    response: c.dashboardNames,
    handle: async ({ staff, deps }) => {
      const orgId = staff!.orgId;
      const named = async (table: 'case_types' | 'services') =>
        Object.fromEntries((await deps.knex(table).select('key', 'name_th', 'name_en').where({ org_id: orgId })).map((r) => [r.key as string, { th: r.name_th as string, en: r.name_en as string }]));
      const pipeline = await orgPipeline(deps.knex, orgId);
      return { caseTypes: await named('case_types'), services: await named('services'), stages: Object.fromEntries(pipeline.stages.map((s) => [s.key, s.label])) };
    },
  }),
];
