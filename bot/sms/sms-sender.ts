import type { Knex } from 'knex';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { optedOut, recordOptOut } from '../../core/contacts/channel-opt-outs.ts';
import { recordSmsSize } from '../../core/conversations/conversation-log.ts';
import { messageAsText } from '../../core/messaging/message-text.ts';
import type { ChannelSender, OutgoingSend } from '../channel-sender.ts';
import { createTwilioClient, TwilioSendError, twilioSendError } from '../whatsapp/twilio-client.ts';
import { smsSize } from './sms-segments.ts';

/**
 * How a message goes out by SMS, through Twilio's Messages API from the org's Twilio number: the
 * message as plain text (a card's lines, links written out; no answer buttons, since the bot does
 * not answer SMS), one stored message at a time so that a retried job sends only what is left.
 *
 * The policy of this channel lives here (DESIGN.md decision 16):
 * - a number that texted STOP (or that Twilio refuses with 21610, "unsubscribed recipient") is not
 *   written to: the send ends `undelivered` with the reason, and Twilio's refusal is recorded as
 *   the number's opt-out so that no later notice tries;
 * - Thai travels as UCS-2 (70 characters an SMS, 67 per part): what each message was sent as is
 *   kept on it (`payload.sms`: encoding, characters, segments, parts);
 * - over Twilio's 1,600 characters a message goes as several SMS, cut at line ends where it can.
 */
type SmsChannel = Extract<Channel, { kind: 'sms' }>;

/** Twilio's longest body (it concatenates up to 10 segments of GSM-7; fewer of UCS-2). */
export const SMS_MAX_CHARACTERS = 1600;
/** Twilio's "Attempt to send to unsubscribed recipient". */
const UNSUBSCRIBED_RECIPIENT = 21610;

export function smsSender(deps: { knex: Knex; twilioApiBaseUrl?: string; publicBaseUrl?: string }): ChannelSender<SmsChannel> {
  const { knex } = deps;
  return {
    async send(s: OutgoingSend<SmsChannel>) {
      const { channel, conversation } = s;
      const to = { orgId: conversation.orgId, channelId: channel.id, address: conversation.externalId };
      const stopped = await optedOut(knex, to);
      if (stopped) throw new TwilioSendError(`${conversation.externalId} opted out of SMS from this number (${stopped.keyword ? `texted ${stopped.keyword}` : 'Twilio reports the number unsubscribed'} on ${stopped.at.toISOString().slice(0, 10)}); not sent`, false, undefined, UNSUBSCRIBED_RECIPIENT, true);
      const client = createTwilioClient({ accountSid: channel.credentials.accountSid, authToken: channel.credentials.authToken, apiBaseUrl: channel.settings.apiBaseUrl ?? deps.twilioApiBaseUrl });
      const statusCallback = deps.publicBaseUrl ? `${deps.publicBaseUrl}/webhooks/sms/${channel.id}` : undefined;
      for (const item of s.messages) {
        const text = messageAsText(item.message, { answers: false });
        const parts = splitSms(text);
        let firstSid: string | undefined;
        for (const body of parts) {
          try {
            const sent = await client.messages.create({ from: channel.externalId ?? '', to: conversation.externalId, body, ...(statusCallback ? { statusCallback } : {}) });
            firstSid ??= sent.sid;
          } catch (err) {
            const e = twilioSendError(err, client);
            if (e.code !== UNSUBSCRIBED_RECIPIENT) throw e;
            // Twilio knows the number stopped us (a STOP that reached Twilio but not us): remembered, so no later notice tries.
            await recordOptOut(knex, { ...to, how: 'twilio_blocked' });
            throw new TwilioSendError(`${conversation.externalId} opted out of SMS from this number: ${e.message}`, false, undefined, e.code, true);
          }
        }
        if (!firstSid) continue;
        await s.recordSent([item.id], [firstSid]);
        const size = parts.map(smsSize);
        await recordSmsSize(knex, item.id, {
          encoding: size.some((p) => p.encoding === 'UCS-2') ? 'UCS-2' : 'GSM-7',
          characters: size.reduce((n, p) => n + p.characters, 0),
          segments: size.reduce((n, p) => n + p.segments, 0),
          parts: parts.length,
        });
      }
    },
  };
}

/** The text in bodies of at most 1,600 characters, cut at the last line end before the limit, else the last space, else at the limit. */
export function splitSms(text: string): string[] {
  let rest = text.trim();
  const parts: string[] = [];
  while ([...rest].length > SMS_MAX_CHARACTERS) {
    const head = [...rest].slice(0, SMS_MAX_CHARACTERS).join('');
    const line = head.lastIndexOf('\n');
    const space = head.lastIndexOf(' ');
    const at = line > head.length / 2 ? line : space > head.length / 2 ? space : head.length;
    parts.push(head.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
