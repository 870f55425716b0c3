import { formOrg } from '../../core/bookings/form-org.ts';
import { readNotice } from '../../core/contacts/privacy-notices.ts';
import * as c from '../../core/contracts/privacy.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import { route } from '../route.ts';

/**
 * The business's privacy notice for anyone to read (docs/privacy.md): the booking forms show it
 * and send back the version they showed; the chat's card links to its page (/liff/privacy).
 */
export const privacyNoticeRoutes = [
  route({
    method: 'get',
    path: '/public/v1/privacy-notice',
    summary:
      "The business's privacy notice in Thai and English: the current version, or an earlier one (`version`); 404 when the business has published none. A booking form sends back the version it showed with the customer's answer (`consent` in POST /public/v1/bookings)",
    tag: 'public',
    access: 'public',
    query: c.publicPrivacyNoticeQuery,
    response: c.publicPrivacyNotice,
    handle: async ({ ctx, deps, query }) => {
      const org = await formOrg(deps.knex, query.org);
      const notice = await readNotice(deps.knex, org.id, query.version);
      // A version never changes; the current one may be replaced by a new one at any time.
      ctx.set('Cache-Control', query.version ? 'public, max-age=86400' : 'no-cache');
      return { ...notice, business: (await getOrg(deps.knex, org.id)).name };
    },
  }),
];
