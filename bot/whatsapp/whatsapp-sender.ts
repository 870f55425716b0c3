import type { Knex } from 'knex';
import type { Twilio } from 'twilio';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { insideCustomerWindow } from '../../core/conversations/reply-window.ts';
import { contactLanguage } from '../../core/contacts/contact-identities.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { approvedWhatsAppTemplates } from '../../core/templates/whatsapp-templates.ts';
import type { Language } from '../../core/vocabulary.ts';
import type { ChannelSender, OutgoingSend } from '../channel-sender.ts';
import { createTwilioClient, TwilioSendError, twilioSendError } from './twilio-client.ts';
import { toTwilioMessages, type TwilioContent } from './whatsapp-messages.ts';

/**
 * How a message goes out on WhatsApp, through Twilio: free text inside the 24-hour window that the
 * customer's last message opened, and outside it only an approved template (the org's, in the
 * customer's language); one stored message at a time, so that a retried job sends only the
 * messages that did not go out. Buttons need a Content API template: each layout is created once
 * and its SID kept (per account, for the life of the process).
 */

/** WhatsApp lets a business write freely for 24 hours after the customer's last message (core/conversations/reply-window.ts). */
export { CUSTOMER_WINDOW_MS } from '../../core/conversations/reply-window.ts';

type WhatsAppChannel = Extract<Channel, { kind: 'whatsapp' }>;

export function whatsAppSender(deps: { knex: Knex; twilioApiBaseUrl?: string; publicBaseUrl?: string }): ChannelSender<WhatsAppChannel> {
  const { knex } = deps;
  return {
    async send(s: OutgoingSend<WhatsAppChannel>) {
      const { channel, conversation } = s;
      const language: Language = conversation.contactId ? await contactLanguage(knex, conversation.contactId) : 'th';
      const insideWindow = insideCustomerWindow(conversation.lastInboundAt);
      await sendOverWhatsApp({
        client: createTwilioClient({
          accountSid: channel.credentials.accountSid,
          authToken: channel.credentials.authToken,
          apiBaseUrl: channel.settings.apiBaseUrl ?? deps.twilioApiBaseUrl,
        }),
        accountSid: channel.credentials.accountSid,
        from: channel.externalId ?? '',
        to: conversation.externalId,
        pending: s.messages,
        insideWindow,
        language,
        templates: await approvedWhatsAppTemplates(knex, conversation.orgId, language),
        statusCallback: deps.publicBaseUrl ? `${deps.publicBaseUrl}/webhooks/whatsapp/${channel.id}` : undefined,
        onSent: (id, sid) => s.recordSent([id], [sid]),
      });
    },
  };
}

interface PendingWhatsAppMessage {
  id: string;
  message: OutboundMessage;
}

interface WhatsAppSendOptions {
  client: Twilio;
  accountSid: string;
  from: string;
  to: string;
  pending: PendingWhatsAppMessage[];
  insideWindow: boolean;
  language: Language;
  /** Approved content SIDs by template key, for sends outside the 24-hour window. */
  templates: Record<string, string>;
  statusCallback?: string;
  onSent(id: string, sid: string): Promise<void>;
}

/** Twilio was busy or unreachable (`retryable`; a 429's Retry-After kept), or refused the message. */
export { TwilioSendError as WhatsAppSendError };

const contentSids = new Map<string, string>();

async function sendOverWhatsApp(o: WhatsAppSendOptions): Promise<void> {
  for (const item of o.pending) {
    let parts;
    try {
      parts = toTwilioMessages([item.message], {
        insideWindow: o.insideWindow,
        language: o.language,
        templates: o.templates,
        ...(item.message.whatsappTemplate ? { reopen: { templateKey: item.message.whatsappTemplate } } : {}),
      });
    } catch (err) {
      throw new TwilioSendError((err as Error).message, false);
    }
    let firstSid: string | undefined;
    for (const part of parts) {
      const send = async () => {
        const contentSid = part.contentSid ?? (part.content ? await ensureContent(o.client, o.accountSid, part.content) : undefined);
        return o.client.messages.create({
          from: o.from,
          to: o.to,
          ...(part.body !== undefined && !contentSid ? { body: part.body } : {}),
          ...(part.mediaUrl ? { mediaUrl: part.mediaUrl } : {}),
          ...(contentSid ? { contentSid, contentVariables: JSON.stringify(part.contentVariables ?? {}) } : {}),
          ...(o.statusCallback ? { statusCallback: o.statusCallback } : {}),
        });
      };
      try {
        const sent = await send().catch(async (err) => {
          // A content we made and remembered that Twilio no longer knows (deleted in its console, or
          // the account's store replaced): made again, once, rather than failing every such send.
          if (!part.content || (err as { code?: number }).code !== CONTENT_SID_INVALID) throw err;
          contentSids.delete(contentKey(o.accountSid, part.content));
          return send();
        });
        firstSid ??= sent.sid;
      } catch (err) {
        throw twilioSendError(err, o.client);
      }
    }
    if (firstSid) await o.onSent(item.id, firstSid);
  }
}

/** Twilio's "The ContentSid is Invalid". */
const CONTENT_SID_INVALID = 21655;
const contentKey = (accountSid: string, content: TwilioContent) => `${accountSid}:${content.friendlyName}`;

async function ensureContent(client: Twilio, accountSid: string, content: TwilioContent): Promise<string> {
  const key = contentKey(accountSid, content);
  const known = contentSids.get(key);
  if (known) return known;
  // The SDK's typings are camelCase; the Content API wants its wire names, which the SDK passes as given.
  const created = await client.content.v1.contents.create({
    friendly_name: content.friendlyName,
    language: content.language,
    variables: content.variables ?? {},
    types: content.types,
  } as never);
  contentSids.set(key, created.sid);
  return created.sid;
}
