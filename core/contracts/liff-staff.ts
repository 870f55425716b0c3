import { z } from 'zod';
import { LANGUAGES, STAFF_ROLES } from '../vocabulary.ts';
import { analyticsPeriod, staffPerformance } from './analytics.ts';

/**
 * What the staff apps' side of the LIFF API (`/liff-api/v1`, `access: { liffStaff }`) answers to a
 * staff member signed in with LINE (api/liff/staff-caller.ts).
 */

/** Why a staff app is refused (403 `forbidden`, in `error.details.reason`). */
export const STAFF_REFUSALS = ['not_staff', 'staff_removed', 'role_forbids', 'choose_org', 'org_suspended'] as const;
export type StaffRefusalReason = (typeof STAFF_REFUSALS)[number];

export const staffMe = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    displayName: z.string(),
    role: z.enum(STAFF_ROLES),
    language: z.enum(LANGUAGES),
    permissions: z.array(z.string()).meta({ description: 'Every permission their role has (core/access/roles.ts): the apps show only what the server will allow' }),
  })
  .meta({ id: 'LiffStaffMe' });

const names = z.record(z.string(), z.object({ th: z.string(), en: z.string() }));
/** What the dashboard calls the keys its reports carry: the org's own names for its case types, services and booking stages. */
export const dashboardNames = z
  .object({
    caseTypes: names.meta({ description: "By case type key: the taxonomy's Thai and English names" }),
    services: names.meta({ description: "By service key: the catalog's Thai and English names" }),
    stages: names.meta({ description: "By booking stage key: the org's pipeline labels" }),
  })
  .meta({ id: 'LiffDashboardNames' });

/** One staff member's own line of the staff performance report: their score and its parts (any staff role, about themselves). */
export const myPerformance = z
  .object({
    period: analyticsPeriod,
    weights: staffPerformance.shape.weights,
    me: staffPerformance.shape.staff.element.nullable().meta({ description: 'Null when they own no case and are not active' }),
  })
  .meta({ id: 'LiffMyPerformance' });
