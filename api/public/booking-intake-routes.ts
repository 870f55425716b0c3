import { checkIdempotencyKey } from '../../core/bookings/booking-form-checks.ts';
import { takeWebForm } from '../../core/bookings/booking-intake.ts';
import * as c from '../../core/contracts/bookings.ts';
import { z } from 'zod';
import { route } from '../route.ts';

/** The business's website posts its booking form here: no login, one `Idempotency-Key` per submission (core/bookings/booking-intake.ts). */
export const bookingIntakeRoutes = [
  route({
    method: 'post',
    path: '/public/v1/bookings',
    summary:
      "A booking from the business's website form. `Idempotency-Key` header required: the same key and body again returns the first answer (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 422. Answered once the form is stored; the booking with the number given is made a moment later (GET /api/v1/bookings/{number} makes it at once if it is still waiting)",
    tag: 'public',
    access: 'public',
    query: z.object({ org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().meta({ description: "The business's slug; the default business when absent" }) }).strict(),
    body: c.publicBookingRequest,
    response: c.publicBookingAnswer,
    status: 201,
    handle: async ({ ctx, deps, body, query }) => {
      const idempotencyKey = checkIdempotencyKey(ctx.get('idempotency-key') || undefined);
      const r = await takeWebForm(deps.knex, {
        orgSlug: query.org,
        idempotencyKey,
        form: body,
        ipAddress: ctx.ip || undefined,
        // The org's own limit on its form (PUBLIC_FORM_LIMIT unless it set one), per client address, on top of RATE_LIMIT_PUBLIC.
        defaultLimit: deps.publicFormLimit,
        limit: (l) => deps.limits?.consumeOwn(`public_form:${l.orgId}`, { points: l.requests, seconds: l.seconds }, ctx.ip || 'unknown') ?? Promise.resolve(),
      });
      if (r.replayed) ctx.set('Idempotent-Replayed', 'true');
      return r.answer;
    },
  }),
];
