import { CASE_STATUS, isCaseStatus, type CaseStatus } from '../../core/cases/case-status.ts';
import * as c from '../../core/contracts/public.ts';
import { notFound } from '../../core/errors/index.ts';
import { route } from './route.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Customer-facing endpoints: no login, a token is the key. */
export const publicRoutes = [
  route({
    method: 'get',
    path: '/public/v1/cases/:token',
    summary: "A case's status, expected time and public timeline, by its tracking token",
    tag: 'public',
    access: 'public',
    response: c.caseTracking,
    handle: async ({ params, deps }) => {
      if (!/^[0-9a-f]{32}$/i.test(params.token)) throw notFound('Case');
      const row = await deps.knex('cases')
        .join('case_types', 'case_types.id', 'cases.case_type_id')
        .select('cases.*', 'case_types.name_th', 'case_types.name_en')
        .where({ tracking_token: params.token })
        .first();
      if (!row || !isCaseStatus(row.status)) throw notFound('Case');
      const status: CaseStatus = row.status;
      const events = await deps.knex('case_events').select('type', 'created_at').where({ case_id: row.id, is_public: true }).orderBy('id');
      return {
        case: row.number,
        type: { th: row.name_th, en: row.name_en },
        status,
        statusLabel: CASE_STATUS[status].label,
        openedAt: iso(row.created_at)!,
        expectedBy: iso(row.resolution_due_at),
        resolvedAt: iso(row.resolved_at),
        timeline: events.map((e) => ({ at: iso(e.created_at)!, event: e.type })),
      };
    },
  }),
];
