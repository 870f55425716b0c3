import { localMidnight } from '../../core/analytics/period.ts';
import { auditEntries, auditPage, type AuditFilter } from '../../core/audit/audit-log.ts';
import * as c from '../../core/contracts/audit.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import { sendCsv, wantsCsv } from '../csv-response.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

// Columns named since the first version are added at the end, so that a reader by position keeps working.
const CSV_COLUMNS = ['id', 'at', 'actorType', 'actorId', 'action', 'entity', 'entityId', 'details', 'requestId', 'actorName', 'entityName'] as const;

/**
 * `GET /api/v1/audit`: who changed what, for admins and the CEO (`audit.read`); support and
 * managers' keys get 403. The log is append-only (the table refuses updates and deletes); this
 * only reads it. The Settings app's "Audit log" reads the same route (liff/src/settings/audit.tsx).
 */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/api/v1/audit',
    summary: 'The audit log: who changed what, newest first, by actor, entity, action and period; paged, or all of it as CSV',
    tag: 'platform',
    access: 'audit.read',
    staffApp: inSettingsApp('/audit', 'The audit log (as GET /api/v1/audit, CSV too)'),
    query: c.auditQuery,
    response: c.auditPage,
    handle: async ({ query, caller, deps, ctx }) => {
      const orgId = caller.orgId;
      const { timeZone } = await getOrg(deps.knex, orgId);
      const filter: AuditFilter = {
        actorType: query.actorType,
        actorId: query.actorId,
        entity: query.entity,
        entityId: query.entityId,
        action: query.action,
        from: query.from ? periodBound(query.from, timeZone, 'start') : undefined,
        to: query.to ? periodBound(query.to, timeZone, 'end') : undefined,
      };
      if (wantsCsv(ctx, query.format)) {
        // In CSV_COLUMNS' order (the first row's is the header's). The details are one JSON cell:
        // their keys differ from action to action.
        const rows = (async function* () {
          for await (const batch of auditEntries(deps.knex, orgId, filter)) yield batch.map((e) => ({
            id: e.id,
            at: e.at,
            actorType: e.actorType,
            actorId: e.actorId,
            action: e.action,
            entity: e.entity,
            entityId: e.entityId,
            details: JSON.stringify(e.details),
            requestId: e.requestId,
            actorName: e.actorName,
            entityName: nameCell(e.entityName),
          }));
        })();
        return sendCsv(ctx, 'audit-log', rows, timeZone, CSV_COLUMNS) as never;
      }
      return { ...(await auditPage(deps.knex, orgId, { ...filter, limit: query.limit, cursor: query.cursor })), timeZone };
    },
  }),
];

/** A name in both languages is one cell: "ไทย / English", or the one name where they are the same. */
const nameCell = (n: { th: string; en: string } | null) => n && (n.th === n.en ? n.en : `${n.th} / ${n.en}`);

/** A date is the org's local day (from its midnight; `to` includes the whole day); an instant is itself. */
function periodBound(value: string, timeZone: string, side: 'start' | 'end'): Date {
  if (value.length > 10) return new Date(value);
  const [y, m, d] = value.split('-').map(Number);
  return localMidnight(y, m, side === 'start' ? d : d + 1, timeZone);
}
