import type { Knex } from 'knex';
import type { Channel } from '../core/channels/channel-directory.ts';
import type { ChannelSender } from './channel-sender.ts';
import { emailSender } from './email/email-sender.ts';
import { lineSender } from './line/line-sender.ts';
import { smsSender } from './sms/sms-sender.ts';
import { whatsAppSender } from './whatsapp/whatsapp-sender.ts';

/**
 * Which sender sends on which kind of channel (the contract: channel-sender.ts). A new channel adds
 * its sender file and one line in the table below; the outbound worker does not change.
 */
export interface ChannelSenderDeps {
  knex: Knex;
  lineApiBaseUrl: string;
  twilioApiBaseUrl?: string;
  /** Where Twilio's delivery reports are sent (none without it). */
  publicBaseUrl?: string;
}

/** Every channel kind has its sender: a kind added to Channel without one does not compile. */
type SenderTable = { [K in Channel['kind']]: ChannelSender<Extract<Channel, { kind: K }>> };

export function channelSenders(deps: ChannelSenderDeps): { senderFor(kind: Channel['kind']): ChannelSender } {
  const senders: SenderTable = {
    line: lineSender(deps),
    whatsapp: whatsAppSender(deps),
    email: emailSender(deps),
    sms: smsSender(deps),
  };
  // Each kind's sender is given only its own kind's sends (the send's channel picks it).
  return { senderFor: (kind) => senders[kind] as ChannelSender };
}
