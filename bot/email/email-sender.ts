import type { Knex } from 'knex';
import nodemailer from 'nodemailer';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { noticeAddresses } from '../../core/contacts/channel-opt-outs.ts';
import { emailRecipients } from '../../core/contacts/contact-identities.ts';
import { emailThreadsOf, replyAddress } from '../../core/conversations/email-conversations.ts';
import { emailTemplatesOf, fillEmailTemplate } from '../../core/templates/email-templates.ts';
import { ChannelSendError, type ChannelSender, type OutgoingSend } from '../channel-sender.ts';
import { toEmail } from './email-messages.ts';
import { pooledSmtpTransport, SMTP_POOL_LIMITS, smtpOptions } from './smtp-pool.ts';

/**
 * How messages go out by e-mail: through the org's own SMTP server with nodemailer, one e-mail per
 * stored message, over the channel's pooled connections (smtp-pool.ts), from the business's
 * address, with the conversation's reply address as Reply-To and the thread's Message-IDs in
 * In-Reply-To / References. A batch of sends (the e-mail drain's, workers/email-drain.ts) reads
 * what it needs for all its conversations at once (threads, languages, bounce marks, unsubscribe
 * tokens, the e-mail forms of the templates used: five statements) and sends them side by side, each conversation's in order.
 *
 * The Message-ID is the message's own id (`<message id@domain>`), kept as its
 * `platform_message_id`: the customer's answer, which names it, finds the thread, and an e-mail
 * sent again after a crash between the server's 250 and our record of it carries the same
 * Message-ID, which mail clients show once (the e-mail counterpart of LINE's retry key).
 *
 * A notice (anything but a staff member's answer in the thread) carries a one-click unsubscribe
 * (RFC 8058: `List-Unsubscribe` naming /public/v1/unsubscribe/<token>, and `List-Unsubscribe-Post`);
 * once the address unsubscribed, notices to it are not sent (the send ends `undelivered`, saying
 * so), while staff answers to a customer who wrote still go.
 *
 * SMTP's own answer decides what happens next (RFC 5321): a 4xx is "try again later" (greylisting,
 * a full queue) and is retried with the outbound backoff; a 5xx refuses that e-mail alone and fails
 * its send visibly, as a LINE refusal does; a server that cannot be reached is retried, and the
 * rest of the batch to it is not tried in vain.
 */
type EmailChannel = Extract<Channel, { kind: 'email' }>;

/** One send: the messages of one outbox row, to one conversation, in order. */
export interface EmailSend {
  conversation: OutgoingSend['conversation'];
  messages: OutgoingSend['messages'];
}

/** What became of a send: the messages the server took (with their Message-IDs), and the error that stopped the rest. */
export interface EmailSendOutcome {
  sentIds: string[];
  messageIds: string[];
  error?: ChannelSendError;
}

/** E-mails in flight at once on one channel: two per pooled connection, so each has the next one ready. */
const IN_FLIGHT = SMTP_POOL_LIMITS.maxConnections * 2;

export async function sendEmails(deps: { knex: Knex; publicBaseUrl?: string }, channel: EmailChannel, sends: EmailSend[]): Promise<EmailSendOutcome[]> {
  const settings = channel.settings.email;
  const outcomes: EmailSendOutcome[] = sends.map(() => ({ sentIds: [], messageIds: [] }));
  if (sends.length === 0) return outcomes;
  const orgId = sends[0].conversation.orgId;
  const templateKeys = sends.flatMap((s) => s.messages.flatMap((m) => (m.message.template ? [m.message.template.key] : [])));
  const [threads, recipients, addresses, templates] = await Promise.all([
    emailThreadsOf(deps.knex, { orgId, conversationIds: sends.map((s) => s.conversation.id) }),
    emailRecipients(deps.knex, sends.flatMap((s) => (s.conversation.contactId ? [s.conversation.contactId] : []))),
    noticeAddresses(deps.knex, { orgId, channelId: channel.id, addresses: sends.map((s) => s.conversation.externalId) }),
    emailTemplatesOf(deps.knex, orgId, templateKeys),
  ]);
  const transport = pooledSmtpTransport(channel);
  const domain = settings.fromAddress.slice(settings.fromAddress.lastIndexOf('@') + 1);
  /** Set once the server could not be reached: the rest of the batch waits for the retry instead of timing out one by one. */
  let unreachable: ChannelSendError | undefined;

  const sendOne = async (send: EmailSend, outcome: EmailSendOutcome) => {
    const { conversation } = send;
    const recipient = conversation.contactId ? recipients.get(conversation.contactId) : undefined;
    // An address that bounced for good is not tried again: the send fails, visibly, with the server's reason.
    if (recipient?.undeliverable) throw new ChannelSendError(`the address ${conversation.externalId} bounced for good: ${recipient.undeliverable}`, false);
    const thread = threads.get(conversation.id) ?? { replyToken: null, inReplyTo: null, references: [], subject: null };
    const address = addresses.get(conversation.externalId.trim().toLowerCase());
    for (const item of send.messages) {
      if (unreachable) throw unreachable;
      // A notice is what the product sends on its own; a person's answer in the thread is not one.
      const notice = item.senderType !== 'staff';
      const left = address?.optedOut;
      if (notice && left) throw new ChannelSendError(`${conversation.externalId} unsubscribed from these e-mails on ${left.at.toISOString().slice(0, 10)}: notices are not sent to it`, false, undefined, true);
      const unsubscribe = notice && address && deps.publicBaseUrl ? `${deps.publicBaseUrl}/public/v1/unsubscribe/${address.token}` : undefined;
      const language = recipient?.language ?? 'th';
      // A notice made from a template goes in the template's e-mail form, in the customer's language (else the other one).
      const used = item.message.template;
      const forms = used ? templates.get(used.key) : undefined;
      const form = used && forms ? (forms.get(language) ?? [...forms.values()][0]) : undefined;
      const content = toEmail(item.message, { language, fromName: settings.fromName, ...(form && used ? { form: fillEmailTemplate(form, used.vars) } : {}) });
      const messageId = `<${item.id}@${domain}>`;
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
        const e = classifySmtpError(err);
        if (e.unreachable) unreachable = e;
        throw e;
      }
      outcome.sentIds.push(item.id);
      outcome.messageIds.push(messageId);
      thread.references.push(messageId);
    }
  };

  // Each conversation's sends in order (a thread reads in the order it was written); conversations side by side.
  const byConversation = new Map<string, number[]>();
  sends.forEach((s, i) => byConversation.set(s.conversation.id, [...(byConversation.get(s.conversation.id) ?? []), i]));
  const lanes = [...byConversation.values()];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, lanes.length) }, async () => {
      while (next < lanes.length) {
        const lane = lanes[next++];
        let stopped: ChannelSendError | undefined;
        for (const i of lane) {
          // After a retryable failure the conversation's later sends wait too, so they do not overtake it.
          if (stopped) {
            outcomes[i].error = stopped;
            continue;
          }
          try {
            await sendOne(sends[i], outcomes[i]);
          } catch (err) {
            const e = err instanceof ChannelSendError ? err : classifySmtpError(err);
            outcomes[i].error = e;
            if (e.retryable) stopped = e;
          }
        }
      }
    }),
  );
  return outcomes;
}

/** The outbound worker's sender, for a send that came by a BullMQ job (rows queued before e-mail had its drain): a batch of one. */
export function emailSender(deps: { knex: Knex; publicBaseUrl?: string }): ChannelSender<EmailChannel> {
  return {
    async send(s: OutgoingSend<EmailChannel>) {
      const [outcome] = await sendEmails(deps, s.channel, [{ conversation: s.conversation, messages: s.messages }]);
      await s.recordSent(outcome.sentIds, outcome.messageIds);
      if (outcome.error) throw outcome.error;
    },
  };
}

/** A connection of its own to the channel's SMTP server (the test e-mail); sends use the channel's pool (smtp-pool.ts). */
export function smtpTransport(channel: EmailChannel) {
  return nodemailer.createTransport(smtpOptions(channel));
}

/** Errors nodemailer raises when the server could not be reached or the connection broke. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

export function classifySmtpError(err: unknown): ChannelSendError & { unreachable?: boolean } {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    const said = (e.response ?? e.message ?? '').slice(0, 500);
    return new ChannelSendError(`the SMTP server answered ${e.responseCode}: ${said}`, e.responseCode >= 400 && e.responseCode < 500);
  }
  if (e.code && UNREACHABLE.has(e.code)) return Object.assign(new ChannelSendError(`the SMTP server could not be reached (${e.code}): ${e.message ?? ''}`, true), { unreachable: true });
  return new ChannelSendError(`the e-mail could not be sent: ${e.message ?? String(err)}`, false);
}
