import * as c from '../../core/contracts/inbound-problems.ts';
import { refusedFilesPage } from '../../core/conversations/refused-media.ts';
import { malformedEventsPage } from '../../core/inbound/malformed-events.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * What arrived and could not be used, for a person to read (docs/reliability.md, "Nothing fails
 * that no one can fix"): those who see failed sends (`outbox.read`: admins and managers) see these
 * too. Read only: no retry can change either answer.
 */
export const inboundProblemRoutes = [
  route({
    method: 'get',
    path: '/api/v1/inbound-events/malformed',
    summary: 'Events a platform signed that could not be used (not what it documents, or not storable), newest first: why, channel, when, and the start of what arrived with tokens hidden',
    tag: 'platform',
    access: 'outbox.read',
    staffApp: inSettingsApp('/inbound-events/malformed', 'Events that could not be used (as GET /api/v1/inbound-events/malformed)'),
    query: c.problemListQuery,
    response: c.malformedEventPage,
    handle: ({ query, caller, deps }) => malformedEventsPage(deps.knex, caller.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/inbound-events/media-refused',
    summary: "Customers' files that were not fetched (an address not allowed, a file too large), newest first: the message, its conversation and why",
    tag: 'platform',
    access: 'outbox.read',
    staffApp: inSettingsApp('/inbound-events/media-refused', 'Files that were not fetched (as GET /api/v1/inbound-events/media-refused)'),
    query: c.problemListQuery,
    response: c.refusedFilePage,
    handle: ({ query, caller, deps }) => refusedFilesPage(deps.knex, caller.orgId, query),
  }),
];
