import { analyticsRouteSet, type AnalyticsAudience } from '../admin/analytics-routes.ts';
import { LIFF_API_PREFIX } from './liff-api.ts';

/**
 * The Dashboard app's API (`/liff/dashboard`): the analytics routes themselves
 * (api/admin/analytics-routes.ts), declared once and served here to staff signed in with LINE
 * (`access: { liffStaff }`, the same permissions as for API keys), so that every figure is
 * computed as `/api/v1/analytics/*` computes it. The figures' `drill` paths name the API's
 * `/api/v1/analytics/...`; the app asks for the same path under `/liff-api/v1/dashboard/...`.
 */
export const DASHBOARD_API_PREFIX = `${LIFF_API_PREFIX}/dashboard`;

const staffAudience: AnalyticsAudience = {
  prefix: DASHBOARD_API_PREFIX,
  tag: 'liff-staff',
  access: (p) => ({ liffStaff: p }),
  orgOf: (i) => i.staff!.orgId,
  roleOf: (i) => i.staff!.role,
};

export const dashboardRoutes = analyticsRouteSet(staffAudience);
