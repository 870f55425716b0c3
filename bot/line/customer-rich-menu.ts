import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { messagingApi } from '@line/bot-sdk';
import type { Channel } from '../../core/channels/channel-directory.ts';

/**
 * The customer's rich menu of a LINE channel: Book, My bookings and cases, Member card, Talk to us. Set up
 * through the Messaging API (create the menu, upload its image through the data API, make it every
 * user's default), never by hand in LINE's console. Book, My bookings and the card open the LIFF pages: as
 * `https://liff.line.me/<LIFF id>/<page>` when a LIFF id is configured (LINE opens it signed in),
 * else as the plain page on PUBLIC_BASE_URL. Talk to us sends a message, which the bot answers.
 * The image (assets/customer-rich-menu.png, 2500 x 843, Thai and English) is drawn from the HTML
 * page beside it.
 */
const IMAGE = resolve(import.meta.dirname, 'assets/customer-rich-menu.png');
const WIDTH = 2500;
const HEIGHT = 843;
const TALK_TO_US = 'ขอคุยกับเจ้าหน้าที่ค่ะ';

export interface RichMenuSetup {
  channel: Extract<Channel, { kind: 'line' }>;
  lineApiBaseUrl: string;
  lineDataApiBaseUrl: string;
  /** Where the pages are (PUBLIC_BASE_URL). */
  pagesBaseUrl: string;
  liffIds: Record<string, string>;
}

/** The address a menu button opens for a page. */
export function customerPageLink(page: 'book' | 'me' | 'card', s: Pick<RichMenuSetup, 'pagesBaseUrl' | 'liffIds'>): string {
  const liffId = s.liffIds[page] ?? s.liffIds.customer;
  return liffId ? `https://liff.line.me/${liffId}/${page}` : `${s.pagesBaseUrl}/liff/${page}`;
}

export function customerRichMenu(s: Pick<RichMenuSetup, 'pagesBaseUrl' | 'liffIds'>): messagingApi.RichMenuRequest {
  const quarter = Math.floor(WIDTH / 4);
  const area = (i: number, action: messagingApi.Action): messagingApi.RichMenuArea => ({
    bounds: { x: i * quarter, y: 0, width: i === 3 ? WIDTH - 3 * quarter : quarter, height: HEIGHT },
    action,
  });
  return {
    size: { width: WIDTH, height: HEIGHT },
    selected: true,
    name: 'opsdesk customer menu',
    chatBarText: 'เมนู · Menu',
    areas: [
      area(0, { type: 'uri', label: 'Book', uri: customerPageLink('book', s) }),
      area(1, { type: 'uri', label: 'My bookings and cases', uri: customerPageLink('me', s) }),
      area(2, { type: 'uri', label: 'Member card', uri: customerPageLink('card', s) }),
      area(3, { type: 'message', label: 'Talk to us', text: TALK_TO_US }),
    ],
  };
}

/** Creates the menu, uploads its image and makes it the default for every user of the channel; its id. */
export async function setUpCustomerRichMenu(s: RichMenuSetup): Promise<string> {
  const channelAccessToken = s.channel.credentials.channelAccessToken;
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: s.channel.settings.apiBaseUrl ?? s.lineApiBaseUrl });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: s.channel.settings.dataApiBaseUrl ?? s.lineDataApiBaseUrl });
  const { richMenuId } = await client.createRichMenu(customerRichMenu(s));
  await blob.setRichMenuImage(richMenuId, new Blob([await readFile(IMAGE)], { type: 'image/png' }));
  await client.setDefaultRichMenu(richMenuId);
  return richMenuId;
}
