import { HTTPFetchError } from '@line/bot-sdk';
import { z } from 'zod';
import { customerPageLink, setUpCustomerRichMenu } from '../../bot/line/customer-rich-menu.ts';
import { DomainError, notFound } from '../../core/errors/index.ts';
import { route } from '../route.ts';

const richMenuResult = z
  .object({ richMenuId: z.string(), links: z.object({ book: z.string(), me: z.string(), card: z.string() }) })
  .meta({ id: 'CustomerRichMenu' });

/** The customer's rich menu of a LINE channel, set up through the Messaging API (bot/line/customer-rich-menu.ts). */
export const richMenuRoutes = [
  route({
    method: 'post',
    path: '/api/v1/channels/:id/rich-menu',
    summary: "Creates the customer's rich menu (Book, My bookings and cases, Member card, Talk to us) on a LINE channel and makes it every user's default",
    tag: 'channels',
    access: 'channels.manage',
    response: richMenuResult,
    status: 201,
    handle: async ({ deps, params, identity, ctx }) => {
      const channel = await deps.channels.byId(params.id);
      if (!channel || channel.orgId !== identity!.orgId || channel.kind !== 'line') throw notFound('LINE channel', { id: params.id });
      const setup = {
        channel,
        lineApiBaseUrl: deps.liff?.lineApiBaseUrl ?? 'https://api.line.me',
        lineDataApiBaseUrl: deps.liff?.lineDataApiBaseUrl ?? 'https://api-data.line.me',
        pagesBaseUrl: deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`,
        liffIds: deps.liff?.liffIds ?? {},
      };
      try {
        const richMenuId = await setUpCustomerRichMenu(setup);
        return { richMenuId, links: { book: customerPageLink('book', setup), me: customerPageLink('me', setup), card: customerPageLink('card', setup) } };
      } catch (err) {
        if (err instanceof HTTPFetchError) throw new DomainError('unavailable', `LINE refused the rich menu (${err.status}): ${err.body}`, undefined, { cause: err });
        throw err;
      }
    },
  }),
];
