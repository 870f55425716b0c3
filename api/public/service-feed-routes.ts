import * as c from '../../core/contracts/bookings.ts';
import { availability, availabilityQuery, slotDay, slotsQuery } from '../../core/contracts/sessions.ts';
import { slotsOn } from '../../core/bookings/service-slots.ts';
import { formOrg } from '../../core/bookings/form-org.ts';
import { availabilityOf } from '../../core/bookings/session-availability.ts';
import { serviceFeed } from '../../core/understanding/service-feed.ts';
import { route } from '../route.ts';

/**
 * The bookable services for the business's website and the booking form (liff/src/pages/book.tsx):
 * what the form asks of each, its opening hours and its next sessions with room, filters, a strong
 * ETag of the content (the seats left are in it), five minutes of caching, one while a service on
 * the page is booked by session (its seats change by the minute; the availability route, which the
 * form reads for its list, is never cached, and the seat counter has the last word).
 */
export const serviceFeedRoutes = [
  route({
    method: 'get',
    path: '/public/v1/services',
    summary:
      "The business's bookable services for its website, each with the fields its booking form asks, its opening hours and, for a service booked by session, its next sessions with seats left (`If-None-Match` answers 304 when nothing changed; a seat taken changes the ETag; cached 5 minutes, 1 while a service is booked by session)",
    tag: 'public',
    access: 'public',
    query: c.serviceFeedQuery,
    response: c.serviceFeed,
    handle: async ({ ctx, deps, query }) => {
      const feed = await serviceFeed(deps.knex, query);
      ctx.set('ETag', feed.etag);
      ctx.set('Cache-Control', `public, max-age=${feed.bySession ? 60 : 300}`);
      const seen = ctx.get('if-none-match');
      if (seen && seen.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag)) return { status: 304, body: undefined as never };
      return feed.body;
    },
  }),
  route({
    method: 'get',
    path: '/public/v1/services/:key/availability',
    summary:
      "A service's sessions from now on that still have a seat, over the business's local dates (today and the next 31 days by default), with the seats left: what the booking form offers (`session_id` in the form books one)",
    tag: 'public',
    access: 'public',
    query: availabilityQuery,
    response: availability,
    handle: async ({ ctx, deps, params, query }) => {
      const org = await formOrg(deps.knex, query.org);
      // Seats change by the second: no caching.
      ctx.set('Cache-Control', 'no-store');
      return availabilityOf(deps.knex, org.id, params.key, query);
    },
  }),
  route({
    method: 'get',
    path: '/public/v1/services/:key/slots',
    summary:
      "A local day's slots of a service booked in slots (parallel resources: three therapists), each with the resources free; the form books one with `start_date` and `time`. A slot with none free: 409 `slot_full`; one running past closing time: 422",
    tag: 'public',
    access: 'public',
    query: slotsQuery,
    response: slotDay,
    handle: async ({ ctx, deps, params, query }) => {
      const org = await formOrg(deps.knex, query.org);
      ctx.set('Cache-Control', 'no-store');
      return slotsOn(deps.knex, org.id, params.key, query);
    },
  }),
];
