import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Knex } from 'knex';
import { can } from '../../core/access/roles.ts';
import type { ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { staffAppLink, staffMenuTarget, type StaffMenuJob } from '../../core/staff/staff-menu.ts';
import type { StaffRole } from '../../core/vocabulary.ts';

/**
 * The staff rich menu, set up as the customer's is (customer-rich-menu.ts: through the Messaging
 * API, never by hand), but linked to each staff member alone through LINE's per-user rich menu
 * API, which wins over the channel's default (the customer's menu):
 *
 *   My queue   sends "คิวของฉัน", which the bot answers with their open cases (bot/staff/staff-commands.ts)
 *   Dashboard  opens the Dashboard app (/liff/dashboard)
 *   Desk       opens the Desk app (/liff/desk)
 *
 * A role that reads no analytics (the accountant) gets a menu without the dashboard. Each variant
 * is made once per channel and found again by its name, which carries a digest of what it links to
 * (so a newly configured LIFF id makes a new menu). The images (assets/staff-rich-menu*.png,
 * 2500 x 843) are drawn from the HTML page beside them.
 */
const WIDTH = 2500;
const HEIGHT = 843;
export const MY_QUEUE_TEXT = 'คิวของฉัน';

export type StaffMenuVariant = 'full' | 'desk';

export interface StaffMenuSetup {
  knex: Knex;
  channels: ChannelDirectory;
  lineApiBaseUrl: string;
  lineDataApiBaseUrl: string;
  /** Where the apps are (PUBLIC_BASE_URL, else the api's own address). */
  pagesBaseUrl: () => string;
  liffIds: Record<string, string>;
}

export function staffMenuVariant(role: StaffRole): StaffMenuVariant {
  return can(role, 'analytics.read') ? 'full' : 'desk';
}

export function staffRichMenu(variant: StaffMenuVariant, s: { pagesBaseUrl: string; liffIds: Record<string, string> }): messagingApi.RichMenuRequest {
  const buttons: messagingApi.Action[] =
    variant === 'full'
      ? [
          { type: 'message', label: 'My queue', text: MY_QUEUE_TEXT },
          { type: 'uri', label: 'Dashboard', uri: staffAppLink('dashboard', s) },
          { type: 'uri', label: 'Desk', uri: staffAppLink('desk', s) },
        ]
      : [
          { type: 'message', label: 'My queue', text: MY_QUEUE_TEXT },
          { type: 'uri', label: 'Desk', uri: staffAppLink('desk', s) },
        ];
  const width = Math.floor(WIDTH / buttons.length);
  const areas = buttons.map((action, i) => ({ bounds: { x: i * width, y: 0, width: i === buttons.length - 1 ? WIDTH - i * width : width, height: HEIGHT }, action }));
  const digest = createHash('sha256').update(JSON.stringify(areas)).digest('hex').slice(0, 12);
  return { size: { width: WIDTH, height: HEIGHT }, selected: true, name: `opsdesk staff menu ${variant} ${digest}`, chatBarText: 'เมนูพนักงาน', areas };
}

const IMAGES: Record<StaffMenuVariant, string> = {
  full: resolve(import.meta.dirname, 'assets/staff-rich-menu.png'),
  desk: resolve(import.meta.dirname, 'assets/staff-rich-menu-desk.png'),
};

export type StaffMenuOutcome = { linked: string } | { unlinked: true } | { skipped: string };

/**
 * Makes LINE agree with the staff member as they are now (core/staff/staff-menu.ts): their role's
 * menu linked to their LINE account, or no menu of theirs once they have left. LINE busy or
 * unreachable throws (the job is retried); LINE refusing ends the job with the reason.
 */
export async function syncStaffMenu(s: StaffMenuSetup, job: StaffMenuJob): Promise<StaffMenuOutcome> {
  const channel = await s.channels.byId(job.channelId);
  if (channel?.kind !== 'line') return { skipped: 'not an active LINE channel' };
  const channelAccessToken = channel.credentials.channelAccessToken;
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: channel.settings.apiBaseUrl ?? s.lineApiBaseUrl });
  const target = await staffMenuTarget(s.knex, job);
  try {
    if (!target) {
      await client.unlinkRichMenuIdFromUser(job.lineUserId);
      return { unlinked: true };
    }
    const menu = staffRichMenu(staffMenuVariant(target.role), { pagesBaseUrl: s.pagesBaseUrl(), liffIds: s.liffIds });
    const { richmenus } = await client.getRichMenuList();
    let richMenuId = richmenus.find((m) => m.name === menu.name)?.richMenuId;
    if (!richMenuId) {
      const created = (await client.createRichMenu(menu)).richMenuId;
      const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: channel.settings.dataApiBaseUrl ?? s.lineDataApiBaseUrl });
      try {
        await blob.setRichMenuImage(created, new Blob([await readFile(IMAGES[staffMenuVariant(target.role)])], { type: 'image/png' }));
      } catch (err) {
        // A menu without its image cannot be linked: it goes, and the next attempt makes it again.
        await client.deleteRichMenu(created).catch(() => undefined);
        throw err;
      }
      richMenuId = created;
    }
    await client.linkRichMenuIdToUser(job.lineUserId, richMenuId);
    return { linked: richMenuId };
  } catch (err) {
    if (err instanceof HTTPFetchError && err.status >= 400 && err.status < 500 && err.status !== 429) return { skipped: `LINE refused (${err.status}): ${err.body}` };
    throw err;
  }
}
