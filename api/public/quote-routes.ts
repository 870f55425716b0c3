import { acceptQuote, declineQuote, viewQuote } from '../../core/bookings/booking-quotes.ts';
import * as c from '../../core/contracts/bookings.ts';
import { payLinkOfQuote } from '../../core/checkout/payment-queries.ts';
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
    summary: 'A quote as the customer sees it: lines, total, validity, whether it can still be answered, and its payment link while one waits',
    tag: 'public',
    access: 'public',
    response: c.publicQuote,
    handle: async ({ deps, params }) => {
      const quote = await viewQuote(deps.knex, params.token);
      const payable = quote.status === 'open' || quote.status === 'accepted';
      return { ...quote, payUrl: payable ? await payLinkOfQuote(deps.knex, params.token) : null };
    },
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
