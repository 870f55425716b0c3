import { acceptQuote, declineQuote, viewQuote } from '../../core/bookings/booking-quotes.ts';
import * as c from '../../core/contracts/bookings.ts';
import { route } from '../route.ts';

/**
 * A quote by its token, for the customer's quote page: no login. An unknown token is a 404; a
 * quote that expired, was superseded by a newer version or was answered already shows as such and
 * cannot be answered (409, with the reason), and nothing changes.
 */
export const quoteRoutes = [
  route({
    method: 'get',
    path: '/public/v1/quotes/:token',
    summary: 'A quote as the customer sees it: lines, total, validity, and whether it can still be answered',
    tag: 'public',
    access: 'public',
    response: c.publicQuote,
    handle: ({ deps, params }) => viewQuote(deps.knex, params.token),
  }),

  route({
    method: 'post',
    path: '/public/v1/quotes/:token/accept',
    summary: 'The customer accepts the quote: the booking is confirmed',
    tag: 'public',
    access: 'public',
    response: c.quoteAnswer,
    handle: ({ deps, params }) => acceptQuote(deps.knex, params.token),
  }),

  route({
    method: 'post',
    path: '/public/v1/quotes/:token/decline',
    summary: 'The customer declines the quote, with a reason',
    tag: 'public',
    access: 'public',
    body: c.quoteDecline,
    response: c.quoteAnswer,
    handle: ({ deps, params, body }) => declineQuote(deps.knex, params.token, body.reason),
  }),
];
