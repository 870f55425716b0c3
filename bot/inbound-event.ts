import type { DeliveryStatus, MessageKind } from '../core/vocabulary.ts';

/**
 * One channel-neutral shape for everything a platform tells us (DESIGN.md section 3): the LINE and
 * WhatsApp parsers produce it, and nothing above `bot/` needs to know which platform spoke.
 */
export type ChannelKind = 'line' | 'whatsapp' | 'email' | 'sms';

export type InboundEventType =
  | 'message'
  | 'postback'
  | 'follow'
  | 'unfollow'
  | 'join'
  | 'leave'
  | 'member_joined'
  | 'member_left'
  | 'unsend'
  | 'delivery_status'
  | 'unknown';

export interface InboundSource {
  /** `user`: a 1:1 chat; `group` / `room`: a LINE group or multi-person chat. */
  kind: 'user' | 'group' | 'room';
  /** LINE userId, or `whatsapp:+66...` for WhatsApp. Absent for some group events. */
  userId?: string;
  /** The group or room id for group/room sources. */
  chatId?: string;
}

export interface InboundMedia {
  /** `platform`: fetch it from the platform's content API by message id; `url`: a URL (Twilio MediaUrl, LINE external). */
  from: 'platform' | 'url';
  url?: string;
  contentType?: string;
  fileName?: string;
  fileSize?: number;
  durationMs?: number;
}

export interface InboundMessage {
  /** The platform's message id (LINE message.id, Twilio MessageSid). */
  id: string;
  kind: MessageKind;
  text?: string;
  /** The bot was @-mentioned (LINE groups). */
  mentionsBot?: boolean;
  mentionedUserIds?: string[];
  /** The platform id of the message this one quotes (LINE quote-reply, WhatsApp reply context). */
  quotedMessageId?: string;
  /** LINE's token for quoting this message later. */
  quoteToken?: string;
  media?: InboundMedia[];
  location?: { title?: string; address?: string; latitude: number; longitude: number };
  sticker?: { packageId: string; stickerId: string; keywords?: string[] };
  /** A button the customer tapped that arrives as a message (WhatsApp ButtonPayload). */
  buttonPayload?: string;
}

export interface InboundEvent {
  channelKind: ChannelKind;
  /** LINE webhookEventId, Twilio MessageSid (or MessageSid + status for status callbacks). */
  platformEventId: string;
  type: InboundEventType;
  /** When it happened on the platform; events can arrive out of order. */
  occurredAt: Date;
  isRedelivery: boolean;
  /** LINE `standby`: another module owns the chat; we store but do not answer. */
  mode: 'active' | 'standby';
  source: InboundSource;
  replyToken?: string;
  message?: InboundMessage;
  postback?: { data: string; params?: Record<string, string> };
  /** member_joined / member_left: the user ids. */
  members?: string[];
  /** unsend: the platform id of the message taken back. */
  unsentMessageId?: string;
  /** delivery_status: an update on a message we sent. */
  delivery?: { messageId: string; status: DeliveryStatus; errorCode?: string };
  /** What the platform told us about the sender (WhatsApp ProfileName, phone). */
  profile?: { displayName?: string; phone?: string; email?: string };
  /** The platform's own type name when `type` is `unknown`. */
  platformType?: string;
  /**
   * The conversation the message itself names, whoever sent it: an e-mail's reply address
   * (`reply+<token>@…`). The message joins it, and the sender's address is not made a contact.
   */
  conversationId?: string;
  /** A hard bounce: this address cannot be delivered to, for this reason (the contacts with it are marked). */
  undeliverable?: { address: string; reason: string };
  /** An SMS opt-out keyword (STOP, START): the sender's number leaves, or comes back to, this channel. */
  optOut?: { optedOut: boolean; keyword: string };
  /** What the channel keeps on the message beside the text (an e-mail's subject, sanitised HTML, attachments). */
  details?: Record<string, unknown>;
}
