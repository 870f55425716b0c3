import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import nodemailer from 'nodemailer';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { noticeAddress } from '../../core/contacts/channel-opt-outs.ts';
import { contactLanguage, emailUndeliverable } from '../../core/contacts/contact-identities.ts';
import { emailThreadOf, replyAddress } from '../../core/conversations/email-conversations.ts';
import { ChannelSendError, type ChannelSender, type OutgoingSend } from '../channel-sender.ts';
import { toEmail } from './email-messages.ts';
import { pooledSmtpTransport, smtpOptions } from './smtp-pool.ts';

/**
 * How a message goes out by e-mail: through the org's own SMTP server with nodemailer, one e-mail
 * per stored message (recorded sent at once, so a retried job sends only what is left) over the channel's pooled
 * connections (smtp-pool.ts), from the
 * business's address, with the conversation's reply address as Reply-To and the thread's
 * Message-IDs in In-Reply-To / References. The Message-ID is made here and kept on the message
 * (`platform_message_id`), so the customer's answer, which names it, finds the thread.
 *
 * A notice (anything but a staff member's answer in the thread) carries a one-click unsubscribe
 * (RFC 8058: `List-Unsubscribe` naming /public/v1/unsubscribe/<token>, and `List-Unsubscribe-Post`);
 * once the address unsubscribed, notices to it are not sent (the send ends `undelivered`, saying
 * so), while staff answers to a customer who wrote still go.
 *
 * SMTP's own answer decides what happens next (RFC 5321): a 4xx is "try again later" (greylisting,
 * a full queue) and is retried with the outbound worker's backoff; a 5xx is a refusal and fails
 * the send visibly, as a LINE refusal does; a server that cannot be reached is retried.
 */
type EmailChannel = Extract<Channel, { kind: 'email' }>;

export function emailSender(deps: { knex: Knex; publicBaseUrl?: string }): ChannelSender<EmailChannel> {
  return {
    async send(s: OutgoingSend<EmailChannel>) {
      const { channel, conversation } = s;
      const settings = channel.settings.email;
      // An address that bounced for good is not tried again: the send fails, visibly, with the server's reason.
      const bounced = conversation.contactId ? await emailUndeliverable(deps.knex, conversation.contactId) : null;
      if (bounced) throw new ChannelSendError(`the address ${conversation.externalId} bounced for good: ${bounced}`, false);
      const language = conversation.contactId ? await contactLanguage(deps.knex, conversation.contactId) : 'th';
      const thread = await emailThreadOf(deps.knex, { orgId: conversation.orgId, conversationId: conversation.id });
      const transport = pooledSmtpTransport(channel);
      const domain = settings.fromAddress.slice(settings.fromAddress.lastIndexOf('@') + 1);
      const to = { orgId: conversation.orgId, channelId: channel.id, address: conversation.externalId };
      const { token, optedOut: left } = await noticeAddress(deps.knex, to);
      for (const item of s.messages) {
        // A notice is what the product sends on its own; a person's answer in the thread is not one.
        const notice = item.senderType !== 'staff';
        if (notice && left) throw new ChannelSendError(`${conversation.externalId} unsubscribed from these e-mails on ${left.at.toISOString().slice(0, 10)}: notices are not sent to it`, false, undefined, true);
        const unsubscribe = notice && deps.publicBaseUrl ? `${deps.publicBaseUrl}/public/v1/unsubscribe/${token}` : undefined;
        const content = toEmail(item.message, { language, fromName: settings.fromName });
        const messageId = `<${randomUUID()}@${domain}>`;
        try {
          await transport.sendMail({
            from: { name: settings.fromName, address: settings.fromAddress },
            to: conversation.externalId,
            ...(thread.replyToken ? { replyTo: replyAddress(thread.replyToken, settings.inboundAddress) } : {}),
            // An answer to the customer's mail keeps its subject, as a person answering would.
            subject: thread.subject ? (/^re:/i.test(thread.subject) ? thread.subject : `Re: ${thread.subject}`) : content.subject,
            text: content.text,
            html: content.html,
            messageId,
            ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
            ...(thread.references.length ? { references: thread.references } : {}),
            // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link.
            ...(unsubscribe ? { list: { unsubscribe }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
          });
        } catch (err) {
          throw classifySmtpError(err);
        }
        await s.recordSent([item.id], [messageId]);
        thread.references.push(messageId);
      }
    },
  };
}

/** A connection of its own to the channel's SMTP server (the test e-mail); sends use the channel's pool (smtp-pool.ts). */
export function smtpTransport(channel: EmailChannel) {
  return nodemailer.createTransport(smtpOptions(channel));
}

/** Errors nodemailer raises when the server could not be reached or the connection broke. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

export function classifySmtpError(err: unknown): ChannelSendError {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    const said = (e.response ?? e.message ?? '').slice(0, 500);
    return new ChannelSendError(`the SMTP server answered ${e.responseCode}: ${said}`, e.responseCode >= 400 && e.responseCode < 500);
  }
  if (e.code && UNREACHABLE.has(e.code)) return new ChannelSendError(`the SMTP server could not be reached (${e.code}): ${e.message ?? ''}`, true);
  return new ChannelSendError(`the e-mail could not be sent: ${e.message ?? String(err)}`, false);
}
