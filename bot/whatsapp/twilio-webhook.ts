import { DomainError } from '../../core/errors/index.ts';
import type { DeliveryStatus, MessageKind } from '../../core/vocabulary.ts';
import { idProblem, stringProblem } from '../../core/inbound/event-checks.ts';
import type { InboundEvent, InboundMedia, InboundMessage } from '../inbound-event.ts';

/**
 * Twilio's messaging webhooks (https://www.twilio.com/docs/messaging/guides/webhook-request), for
 * WhatsApp and for SMS (bot/sms/sms-webhook.ts adds its keywords): one form-encoded request per
 * incoming message, and status callbacks for the messages we send. Twilio adds parameters without
 * notice, so anything not read here is ignored (the raw params are stored).
 */

/** The two kinds of channel Twilio's Messages webhooks serve here. */
export type TwilioChannelKind = 'whatsapp' | 'sms';

/**
 * application/x-www-form-urlencoded into a flat record; a repeated key keeps its last value.
 * Object.fromEntries defines own properties, so a `__proto__` field cannot reach the prototype.
 */
export function parseFormBody(raw: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

const malformed = (message: string, details?: unknown) =>
  new DomainError('validation_failed', `Not a Twilio messaging webhook: ${message}`, details);

/** Twilio's words for an outbound message's progress, in ours. */
const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'pending',
  scheduled: 'pending',
  queued: 'pending',
  sending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'undelivered',
  // Cancelled before it was sent: for the customer that is a message that never came.
  canceled: 'failed',
  receiving: 'received',
  received: 'received',
};

/** Twilio allows at most 10 media per message; more is a forged or broken request. */
const MAX_MEDIA = 10;

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

function isStatusCallback(p: Record<string, string>): boolean {
  return present(p.MessageStatus) && p.Body === undefined && p.NumMedia === undefined;
}

/**
 * One Twilio webhook (incoming message or status callback) as a channel-neutral event. Twilio sends
 * no event time, so `occurredAt` is `now` (when we received it).
 */
export function parseTwilioWebhook(params: Record<string, string>, now: Date = new Date(), channelKind: TwilioChannelKind = 'whatsapp'): InboundEvent {
  const messageSid = present(params.MessageSid) ? params.MessageSid : params.SmsMessageSid;
  const missing = [present(messageSid) ? null : 'MessageSid', present(params.From) ? null : 'From'].filter(Boolean);
  if (missing.length) throw malformed(`missing ${missing.join(' and ')}`, { missing });
  const sid = messageSid as string;
  const common = {
    channelKind,
    occurredAt: now,
    // Twilio retries the same request with the same MessageSid; storage dedupes on platformEventId.
    isRedelivery: false,
    mode: 'active' as const,
  };

  if (isStatusCallback(params)) {
    const twilioStatus = params.MessageStatus.toLowerCase();
    // On a status callback From is our own number; the chat is with `To`.
    const source = { kind: 'user' as const, userId: present(params.To) ? params.To : params.From };
    const platformEventId = `${sid}:${twilioStatus}`;
    const status = Object.hasOwn(STATUS, twilioStatus) ? STATUS[twilioStatus] : undefined;
    // A status Twilio adds later is kept, not refused, like LINE's unknown event types.
    if (!status) return { ...common, platformEventId, type: 'unknown', platformType: `status:${twilioStatus}`, source };
    const delivery = { messageId: sid, status, ...(present(params.ErrorCode) ? { errorCode: params.ErrorCode } : {}) };
    return { ...common, platformEventId, type: 'delivery_status', source, delivery };
  }

  const media = mediaOf(params);
  const body = params.Body ?? '';
  const profile = {
    ...(present(params.ProfileName) ? { displayName: params.ProfileName } : {}),
    ...(present(params.WaId) ? { phone: params.WaId.startsWith('+') ? params.WaId : `+${params.WaId}` } : {}),
  };
  const base = {
    ...common,
    platformEventId: sid,
    source: { kind: 'user' as const, userId: params.From },
    ...(Object.keys(profile).length ? { profile } : {}),
  };
  const shared = {
    id: sid,
    ...(present(params.OriginalRepliedMessageSid) ? { quotedMessageId: params.OriginalRepliedMessageSid } : {}),
    ...(media.length ? { media } : {}),
  };

  // A tapped quick-reply button is an answer to something we asked, like a LINE postback, so it
  // arrives as `postback` (data = ButtonPayload) for the same handlers; the message part keeps the
  // button's text so the conversation shows what the customer "said".
  if (present(params.ButtonPayload)) {
    const text = present(params.ButtonText) ? params.ButtonText : body;
    const message: InboundMessage = {
      ...shared,
      kind: 'postback',
      buttonPayload: params.ButtonPayload,
      ...(text ? { text } : {}),
    };
    return { ...base, type: 'postback', postback: { data: params.ButtonPayload }, message };
  }

  const kind = kindOf(params, media);
  const message: InboundMessage = { ...shared, kind, ...(body ? { text: body } : {}) };
  if (kind === 'location') message.location = locationOf(params);
  return { ...base, type: 'message', message };
}

function mediaOf(p: Record<string, string>): InboundMedia[] {
  if (!present(p.NumMedia)) return [];
  const count = Number(p.NumMedia);
  if (!Number.isInteger(count) || count < 0 || count > MAX_MEDIA) throw malformed(`NumMedia is not a count: ${JSON.stringify(p.NumMedia)}`);
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = p[`MediaUrl${i}`];
    if (!present(url)) throw malformed(`NumMedia is ${count} but MediaUrl${i} is missing`);
    const contentType = p[`MediaContentType${i}`];
    media.push({ from: 'url', url, ...(present(contentType) ? { contentType } : {}) });
  }
  return media;
}

const BY_MESSAGE_TYPE: Readonly<Record<string, MessageKind>> = {
  text: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  location: 'location',
  // WhatsApp stickers come as a webp MediaUrl0; there is no LINE-style packageId/stickerId.
  sticker: 'sticker',
};

function kindOf(p: Record<string, string>, media: InboundMedia[]): MessageKind {
  const type = (p.MessageType ?? '').toLowerCase();
  if (Object.hasOwn(BY_MESSAGE_TYPE, type)) return BY_MESSAGE_TYPE[type];
  // Older requests (and SMS) have no MessageType: read it off the content.
  if (present(p.Latitude) || present(p.Longitude)) return 'location';
  if (media.length) {
    const contentType = (media[0].contentType ?? '').toLowerCase();
    if (contentType.startsWith('image/')) return 'image';
    if (contentType.startsWith('video/')) return 'video';
    if (contentType.startsWith('audio/')) return 'audio';
    return 'file';
  }
  // reaction, contacts, unsupported, and whatever Twilio names next.
  return type ? 'other' : 'text';
}

function locationOf(p: Record<string, string>): NonNullable<InboundMessage['location']> {
  const latitude = Number(p.Latitude);
  const longitude = Number(p.Longitude);
  if (!present(p.Latitude) || !present(p.Longitude) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    throw malformed(`a location needs numeric Latitude and Longitude, got ${JSON.stringify(p.Latitude)}, ${JSON.stringify(p.Longitude)}`);
  }
  return {
    latitude,
    longitude,
    ...(present(p.Label) ? { title: p.Label } : {}),
    ...(present(p.Address) ? { address: p.Address } : {}),
  };
}

/** Fields of one Twilio request: far more than this is not Twilio. */
const MAX_FIELDS = 200;
/** A WhatsApp message body is at most 4,096 characters (Twilio: 1,600 for a segment). */
const MAX_FIELD_LENGTH = 20_000;

/**
 * What the webhook asks of a signed Twilio request before storing it (the fields are stored as they
 * came): storable strings (no NUL, no unpaired surrogate, bounded), bounded sids and addresses.
 * Undefined when it may be stored; otherwise the reason it is recorded as malformed.
 */
/** E.164 behind Twilio's channel prefix (WhatsApp), or bare (SMS). */
const ADDRESS: Record<TwilioChannelKind, { pattern: RegExp; says: string }> = {
  whatsapp: { pattern: /^whatsapp:\+[1-9]\d{6,14}$/, says: 'is not a WhatsApp number (whatsapp:+ and 7 to 15 digits)' },
  sms: { pattern: /^\+[1-9]\d{6,14}$/, says: 'is not a phone number (+ and 7 to 15 digits)' },
};

export function twilioParamsProblem(params: Record<string, string>, kind: TwilioChannelKind = 'whatsapp'): string | undefined {
  const entries = Object.entries(params);
  if (entries.length > MAX_FIELDS) return `more than ${MAX_FIELDS} fields`;
  for (const [k, v] of entries) {
    const kp = stringProblem(k, 200);
    if (kp) return `a field name ${kp}`;
    const vp = stringProblem(v, MAX_FIELD_LENGTH);
    if (vp) return `${k.slice(0, 40)} ${vp}`;
  }
  for (const k of ['MessageSid', 'SmsMessageSid', 'AccountSid', 'MessagingServiceSid', 'OriginalRepliedMessageSid', 'From', 'To', 'WaId', 'MessageStatus', 'ErrorCode']) {
    if (!present(params[k])) continue;
    const p = idProblem(params[k].replace(/ /g, '+'), 128);
    if (p) return `${k} ${p}`;
  }
  // A chat is with a WhatsApp (or SMS) number: anything else could never be answered (Twilio refuses
  // the send with 21211), so it is known at ingestion, not found out by a send that fails for good.
  for (const k of ['From', 'To']) {
    if (present(params[k]) && !ADDRESS[kind].pattern.test(params[k].replace(/ /g, '+'))) return `${k} ${ADDRESS[kind].says}`;
  }
  return undefined;
}
