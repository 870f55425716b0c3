import { editChannel } from '../../bot/email/email-channel-edit.ts';
import { testEmailChannel } from '../../bot/email/email-test-message.ts';
import { checkLineChannel, testLineChannel } from '../../bot/line/line-test-message.ts';
import { addChannel, listChannels } from '../../core/channels/channel-directory.ts';
import { linePushUsage } from '../../core/channels/line-push-usage.ts';
import { mergeContacts } from '../../core/contacts/merge-contacts.ts';
import * as c from '../../core/contracts/channels.ts';
import type { Context } from 'koa';
import type { AppDeps } from '../deps.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/** Where the platform is to send this channel's webhooks: PUBLIC_BASE_URL, or the address this request came to. */
export function webhookUrlOf(deps: AppDeps, ctx: Context, ch: { kind: string; id: string }): string {
  return `${deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`}/webhooks/${ch.kind}/${ch.id}`;
}

/** The org's channels as the admin API and the Settings app show them: with the webhook URL to give the platform. */
export async function channelsWithWebhooks(deps: AppDeps, ctx: Context, orgId: string) {
  return (await listChannels(deps.knex, orgId, deps.secrets)).map((ch) => ({ ...ch, webhookUrl: webhookUrlOf(deps, ctx, ch) }));
}

/** The LINE API the org's channels call (the fake LINE server in tests and the simulator). */
export const lineApiOf = (deps: AppDeps) => deps.liff?.lineApiBaseUrl ?? 'https://api.line.me';

/** Channels of the org (credentials stored sealed), LINE push usage, and joining two contacts; the Settings app lists and changes channels through the same routes. */
export const channelRoutes = [
  route({
    method: 'get',
    path: '/api/v1/channels',
    summary: "The org's LINE, WhatsApp, SMS and e-mail channels and their webhook URLs",
    tag: 'channels',
    access: 'channels.read',
    staffApp: inSettingsApp('/channels', "The org's channels, each with its last test (as GET /api/v1/channels)"),
    response: c.channelList,
    handle: async ({ caller, deps, ctx }) => channelsWithWebhooks(deps, ctx, caller.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/channels',
    summary: "Add a LINE channel, a WhatsApp sender, an SMS number (Twilio) or the org's e-mail (SMTP server, sender and inbound address); its credentials are stored encrypted",
    tag: 'channels',
    access: 'channels.manage',
    body: c.channelCreate,
    response: c.channel,
    status: 201,
    handle: async ({ body, caller, deps, ctx }) => {
      // A WhatsApp or SMS sender is known by its address, an e-mail channel by the address it sends from.
      const externalId = body.kind === 'whatsapp' || body.kind === 'sms' ? body.sender : body.kind === 'email' ? body.from.address.toLowerCase() : null;
      const id = await addChannel(deps.knex, deps.secrets, {
        orgId: caller.orgId,
        kind: body.kind,
        name: body.name,
        externalId,
        credentials: body.credentials,
        ...(body.kind === 'email'
          ? { email: { ...body.smtp, fromAddress: body.from.address, fromName: body.from.name, inboundAddress: body.inboundAddress.toLowerCase() } }
          : {}),
        actor: caller.actor,
        requestId: caller.requestId,
      });
      return { id, kind: body.kind, name: body.name, externalId, isActive: true, origin: 'api', webhookUrl: webhookUrlOf(deps, ctx, { kind: body.kind, id }), lastTest: null, connection: null };
    },
  }),

  route({
    method: 'patch',
    path: '/api/v1/channels/:id',
    summary:
      "Rename a channel or switch it off or on; for a LINE channel, paste its new token and secret; for an e-mail channel, change its SMTP server, mailbox user or password (left out: kept), sender or inbound address, tried with the server first (a refusal is a 422 on the field to fix, nothing changed). Credentials are stored encrypted; the last test is forgotten",
    tag: 'channels',
    access: 'channels.manage',
    staffApp: inSettingsApp('/channels/:id', "Rename a channel, switch it off or on, paste a LINE channel's new token and secret, or change an e-mail channel's server, password or addresses (as PATCH /api/v1/channels/:id)"),
    body: c.channelUpdate,
    response: c.channel,
    handle: async ({ body, params, caller, deps, ctx }) => {
      await editChannel(deps, { orgId: caller.orgId, channelId: params.id, body, actor: caller.actor, requestId: caller.requestId });
      // This process forgets the old token now; others within the directory's cache time (30 s).
      deps.channels.forget();
      return (await channelsWithWebhooks(deps, ctx, caller.orgId)).find((x) => x.id === params.id)!;
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/channels/:id/check',
    summary:
      "Check a LINE channel with LINE: the token (bot info), then, when PUBLIC_BASE_URL is public https, its webhook URL set at LINE and LINE's test webhook sent to it (which checks the secret); the answer says which step failed and is kept on the channel",
    tag: 'channels',
    access: 'channels.manage',
    staffApp: inSettingsApp('/channels/:id/check', 'Check a LINE channel again: token, webhook URL and secret (as POST /api/v1/channels/:id/check)'),
    response: c.lineConnectionCheck,
    handle: async ({ params, caller, deps, ctx }) =>
      checkLineChannel(
        { knex: deps.knex, channels: deps.channels, lineApiBaseUrl: lineApiOf(deps) },
        { orgId: caller.orgId, channelId: params.id, webhookUrl: webhookUrlOf(deps, ctx, { kind: 'line', id: params.id }), actor: caller.actor, requestId: caller.requestId },
      ),
  }),

  route({
    method: 'post',
    path: '/api/v1/channels/:id/test-message',
    summary:
      "Send a test message through a LINE channel to a LINE user (e.g. yourself) and report LINE's answer; the answer is kept on the channel, and only a message LINE took marks it working",
    tag: 'channels',
    access: 'channels.manage',
    body: c.channelTestMessage,
    response: c.channelTestResult,
    handle: async ({ body, params, caller, deps }) =>
      testLineChannel(
        { knex: deps.knex, channels: deps.channels, lineApiBaseUrl: lineApiOf(deps) },
        { orgId: caller.orgId, channelId: params.id, to: body.to, actor: caller.actor, requestId: caller.requestId },
      ),
  }),

  route({
    method: 'post',
    path: '/api/v1/channels/:id/test-email',
    summary:
      "Send a test e-mail through an e-mail channel's SMTP server to an address (e.g. yourself) and report the server's answer (its reply code and words); the answer is kept on the channel",
    tag: 'channels',
    access: 'channels.manage',
    staffApp: inSettingsApp('/channels/:id/test-email', "Send a test e-mail through an e-mail channel and report the server's answer (as POST /api/v1/channels/:id/test-email)"),
    body: c.channelTestEmail,
    response: c.channelTestResult,
    handle: async ({ body, params, caller, deps }) =>
      testEmailChannel({ knex: deps.knex, channels: deps.channels }, { orgId: caller.orgId, channelId: params.id, to: body.to, actor: caller.actor, requestId: caller.requestId }),
  }),

  route({
    method: 'get',
    path: '/api/v1/usage/line-pushes',
    summary: 'LINE pushes per month: push requests (what the quota counts, per recipient) and the messages they carried; replies are free',
    tag: 'channels',
    access: 'usage.read',
    response: c.linePushUsage,
    handle: async ({ caller, deps }) => linePushUsage(deps.knex, caller.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/contacts/:contactId/merge',
    summary: 'Join two contacts that are one person (e.g. known on LINE and on WhatsApp)',
    tag: 'contacts',
    access: 'contacts.merge',
    body: c.contactMerge,
    response: c.contactMergeResult,
    handle: async ({ body, params, caller, deps }) =>
      mergeContacts(deps.knex, {
        orgId: caller.orgId,
        keepId: params.contactId,
        mergeId: body.mergeContactId,
        actor: caller.actor,
        requestId: caller.requestId,
      }),
  }),
];
