import { caseTracking } from '../../core/cases/case-queries.ts';
import * as c from '../../core/contracts/public.ts';
import { route } from '../route.ts';

/** Customer-facing endpoints: no login, a token is the key. */
export const publicRoutes = [
  route({
    method: 'get',
    path: '/public/v1/cases/:token',
    summary: "A case's status, expected time and public timeline, by its tracking token",
    tag: 'public',
    access: 'public',
    response: c.caseTracking,
    handle: ({ params, deps }) => caseTracking(deps.knex, params.token),
  }),
];
