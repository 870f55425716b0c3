import { z } from 'zod';
import { answerByToken, joinFromWebsite, leaveByToken, placeByToken } from '../../core/bookings/waitlist-doors.ts';
import * as c from '../../core/contracts/waitlist.ts';
import { route } from '../route.ts';

/**
 * The waitlist of a full session from the business's website (docs/bookings.md, "The waitlist"):
 * joining it, then the place by its link (the token the join answers with): where it is in line,
 * the seat offered and until when, and the answer to the offer. No login.
 */
export const waitlistRoutes = [
  route({
    method: 'post',
    path: '/public/v1/sessions/:id/waitlist',
    summary:
      "Join the waitlist of a full session (the `session_full` answer names it): the place in line and its link (`token`). A session with room for the party is a 409 `conflict` (reason `seats_left`: book it instead); a past, cancelled or unknown session a 422 naming `session_id`. Asking again answers the same place",
    tag: 'public',
    access: 'public',
    query: z.object({ org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().meta({ description: "The business's slug; the default business when absent" }) }).strict(),
    body: c.publicWaitlistJoin,
    response: c.waitlistPlace,
    status: 201,
    handle: ({ deps, params, body, query }) => joinFromWebsite(deps.knex, { orgSlug: query.org, sessionId: params.id, form: body }),
  }),
  route({
    method: 'get',
    path: '/public/v1/waitlist/:token',
    summary: 'A waitlist place by its link: where it is in line, or the seat offered and until when, or what became of it',
    tag: 'public',
    access: 'public',
    response: c.waitlistPlace,
    handle: ({ deps, params }) => placeByToken(deps.knex, params.token),
  }),
  route({
    method: 'post',
    path: '/public/v1/waitlist/:token/accept',
    summary: 'Accept the seat offered: the booking is made on the held seats. After the offer ran out: 409 `offer_expired`, nothing booked',
    tag: 'public',
    access: 'public',
    response: c.waitlistPlace,
    handle: ({ deps, params }) => answerByToken(deps.knex, params.token, true),
  }),
  route({
    method: 'post',
    path: '/public/v1/waitlist/:token/decline',
    summary: 'Decline the seat offered: it goes to the next in line',
    tag: 'public',
    access: 'public',
    response: c.waitlistPlace,
    handle: ({ deps, params }) => answerByToken(deps.knex, params.token, false),
  }),
  route({
    method: 'post',
    path: '/public/v1/waitlist/:token/leave',
    summary:
      'Leave the waitlist: the place is `left`, and a seat held for it goes to the next in line. A place that left already, or waits no more (booked, declined, run out, closed), is a 409 `conflict` (reason `left` or `not_waiting`), nothing changed',
    tag: 'public',
    access: 'public',
    response: c.waitlistPlace,
    handle: ({ deps, params }) => leaveByToken(deps.knex, params.token),
  }),
];
