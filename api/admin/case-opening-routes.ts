import { openRequestedCase } from '../../core/cases/case-requests.ts';
import * as c from '../../core/contracts/cases.ts';
import { checkIdempotencyKey } from '../../core/http/idempotency-key.ts';
import { iso } from '../../core/time/iso.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * Cases from anywhere (docs/cases.md): the business's system, a ticket or staff by hand open a
 * case for a customer, as a chat's case opens (core/cases/case-requests.ts). Its own file, beside
 * case-routes.ts, so that the two grow apart without meeting.
 */
export const caseOpeningRoutes = [
  route({
    method: 'post',
    path: '/api/v1/cases',
    summary:
      "Open a case for a customer named by exactly one of `contactId`, `lineUserId`, `phone`, `email` (a new one becomes a contact): the case type's SLA, the staff group's card, the customer told on their chat when they have one. `Idempotency-Key` header required: the same key and body again answers 200 with the same case (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 422 `idempotency_key_reused`",
    tag: 'cases',
    access: 'cases.create',
    staffApp: onDesk('/cases', 'Open a case for a customer (as POST /api/v1/cases)'),
    body: c.caseCreate,
    response: c.caseCreated,
    status: 201,
    handle: async ({ caller, deps, body, ctx }) => {
      const key = checkIdempotencyKey(ctx.get('idempotency-key') || undefined, 'case to open');
      const r = await openRequestedCase(deps.knex, { orgId: caller.orgId, key, body, actor: caller.actor });
      ctx.set('Location', `/api/v1/cases/${encodeURIComponent(r.case.number)}`);
      const answer = { ...r.case, firstResponseDueAt: iso(r.case.firstResponseDueAt), resolutionDueAt: iso(r.case.resolutionDueAt) };
      if (!r.replayed) return answer;
      ctx.set('Idempotent-Replayed', 'true');
      return { status: 200, body: answer };
    },
  }),
];
