import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors/index.ts';
import { parseFormBody, parseTwilioWebhook } from './twilio-webhook.ts';

// Fixtures follow Twilio's incoming-message webhook and status callback parameters for WhatsApp.
const now = new Date('2026-11-21T03:04:05.000Z');
const ACCOUNT = 'AC1f2e3d4c5b6a79881726354453627181';
const CUSTOMER = 'whatsapp:+66812345678';
const BUSINESS = 'whatsapp:+14155238886';

const inbound = (sid: string, extra: Record<string, string>): Record<string, string> => ({
  SmsMessageSid: sid,
  NumMedia: '0',
  ProfileName: 'สมชาย ใจดี',
  SmsSid: sid,
  WaId: '66812345678',
  SmsStatus: 'received',
  Body: '',
  To: BUSINESS,
  NumSegments: '1',
  ReferralNumMedia: '0',
  MessageSid: sid,
  AccountSid: ACCOUNT,
  From: CUSTOMER,
  ApiVersion: '2010-04-01',
  ...extra,
});

const text = inbound('SM0a1b2c3d4e5f60718293a4b5c6d7e8f9', { MessageType: 'text', Body: 'สวัสดีครับ ขอเลื่อนนัดได้ไหม' });
const image = inbound('MM1b2c3d4e5f60718293a4b5c6d7e8f90a', {
  MessageType: 'image',
  NumMedia: '1',
  Body: 'สลิปโอนเงินครับ',
  MediaContentType0: 'image/jpeg',
  MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1f2e3d4c5b6a79881726354453627181/Messages/MM1b2c3d4e5f60718293a4b5c6d7e8f90a/Media/ME2c3d4e5f60718293a4b5c6d7e8f90a1b',
});
const location = inbound('SM2c3d4e5f60718293a4b5c6d7e8f90a1b', {
  MessageType: 'location',
  Latitude: '13.7462463',
  Longitude: '100.5347012',
  Address: '991 Rama I Rd, Pathum Wan, Bangkok 10330',
  Label: 'Siam Paragon',
});
const button = inbound('SM3d4e5f60718293a4b5c6d7e8f90a1b2c', {
  MessageType: 'button',
  Body: 'ยืนยัน',
  ButtonText: 'ยืนยัน',
  ButtonPayload: 'booking:B-2001:confirm',
  OriginalRepliedMessageSender: BUSINESS,
  OriginalRepliedMessageSid: 'MM4e5f60718293a4b5c6d7e8f90a1b2c3d',
});
const status = (messageStatus: string, extra: Record<string, string> = {}): Record<string, string> => ({
  ChannelPrefix: 'whatsapp',
  ApiVersion: '2010-04-01',
  MessageStatus: messageStatus,
  SmsSid: 'SM5f60718293a4b5c6d7e8f90a1b2c3d4e',
  SmsStatus: messageStatus,
  ChannelInstallSid: 'XE60718293a4b5c6d7e8f90a1b2c3d4e5f',
  To: CUSTOMER,
  From: BUSINESS,
  MessageSid: 'SM5f60718293a4b5c6d7e8f90a1b2c3d4e',
  StructuredMessage: 'false',
  AccountSid: ACCOUNT,
  ChannelToAddress: '+6681234XXXX',
  ...extra,
});

describe('parseFormBody', () => {
  it('decodes a form body, Thai text, + and percent escapes included', () => {
    const raw = Buffer.from(new URLSearchParams(text).toString());
    expect(raw.toString()).toContain('Body=%E0%B8%AA');
    expect(parseFormBody(raw)).toEqual(text);
    expect(parseFormBody(Buffer.from('Body=hello+world%21&Label=a%26b'))).toEqual({ Body: 'hello world!', Label: 'a&b' });
  });

  it('keeps the last value of a repeated key', () => {
    expect(parseFormBody(Buffer.from('Body=first&Body=second&From=x'))).toEqual({ Body: 'second', From: 'x' });
  });

  it('copes with an empty body, junk and prototype keys without throwing', () => {
    expect(parseFormBody(Buffer.alloc(0))).toEqual({});
    expect(parseFormBody(Buffer.from('%zz=%E0%B8&novalue&=empty'))).toEqual({ '%zz': '\uFFFD', novalue: '', '': 'empty' });
    const parsed = parseFormBody(Buffer.from('__proto__=x&constructor=y'));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
  });
});

describe('parseTwilioWebhook: incoming messages', () => {
  it('maps a text message with the sender profile', () => {
    expect(parseTwilioWebhook(text, now)).toEqual({
      channelKind: 'whatsapp',
      platformEventId: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      type: 'message',
      occurredAt: now,
      isRedelivery: false,
      mode: 'active',
      source: { kind: 'user', userId: CUSTOMER },
      profile: { displayName: 'สมชาย ใจดี', phone: '+66812345678' },
      message: { id: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9', kind: 'text', text: 'สวัสดีครับ ขอเลื่อนนัดได้ไหม' },
    });
  });

  it('uses the time of receipt when no `now` is given', () => {
    const before = Date.now();
    const at = parseTwilioWebhook(text).occurredAt.getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('maps an image with its caption and media URL', () => {
    expect(parseTwilioWebhook(image, now).message).toEqual({
      id: 'MM1b2c3d4e5f60718293a4b5c6d7e8f90a',
      kind: 'image',
      text: 'สลิปโอนเงินครับ',
      media: [{ from: 'url', url: image.MediaUrl0, contentType: 'image/jpeg' }],
    });
  });

  it('reads the kind off the media when MessageType is absent', () => {
    const withMedia = (contentType: string) => {
      const { MessageType: _, ...p } = image;
      return parseTwilioWebhook({ ...p, MediaContentType0: contentType }, now).message?.kind;
    };
    expect(withMedia('image/png')).toBe('image');
    expect(withMedia('video/mp4')).toBe('video');
    expect(withMedia('audio/ogg')).toBe('audio');
    expect(withMedia('application/pdf')).toBe('file');
    expect(parseTwilioWebhook({ ...image, MessageType: 'document', MediaContentType0: 'application/pdf' }, now).message?.kind).toBe('file');
  });

  it('maps every media item', () => {
    const two = { ...image, NumMedia: '2', MediaUrl1: 'https://api.twilio.com/m/2', MediaContentType1: 'video/mp4' };
    expect(parseTwilioWebhook(two, now).message?.media).toEqual([
      { from: 'url', url: image.MediaUrl0, contentType: 'image/jpeg' },
      { from: 'url', url: 'https://api.twilio.com/m/2', contentType: 'video/mp4' },
    ]);
  });

  it('maps a shared location', () => {
    expect(parseTwilioWebhook(location, now).message).toEqual({
      id: 'SM2c3d4e5f60718293a4b5c6d7e8f90a1b',
      kind: 'location',
      location: { latitude: 13.7462463, longitude: 100.5347012, title: 'Siam Paragon', address: '991 Rama I Rd, Pathum Wan, Bangkok 10330' },
    });
    const { MessageType: _, Label: __, Address: ___, ...bare } = location;
    expect(parseTwilioWebhook(bare, now).message?.location).toEqual({ latitude: 13.7462463, longitude: 100.5347012 });
  });

  it('turns a tapped quick-reply button into a postback that keeps the text and the quoted message', () => {
    expect(parseTwilioWebhook(button, now)).toEqual({
      channelKind: 'whatsapp',
      platformEventId: 'SM3d4e5f60718293a4b5c6d7e8f90a1b2c',
      type: 'postback',
      occurredAt: now,
      isRedelivery: false,
      mode: 'active',
      source: { kind: 'user', userId: CUSTOMER },
      profile: { displayName: 'สมชาย ใจดี', phone: '+66812345678' },
      postback: { data: 'booking:B-2001:confirm' },
      message: {
        id: 'SM3d4e5f60718293a4b5c6d7e8f90a1b2c',
        kind: 'postback',
        text: 'ยืนยัน',
        buttonPayload: 'booking:B-2001:confirm',
        quotedMessageId: 'MM4e5f60718293a4b5c6d7e8f90a1b2c3d',
      },
    });
  });

  it('keeps the replied-to message of a reply', () => {
    const reply = { ...text, OriginalRepliedMessageSender: BUSINESS, OriginalRepliedMessageSid: 'SM6071829a3b4c5d6e7f8091a2b3c4d5e6' };
    expect(parseTwilioWebhook(reply, now).message?.quotedMessageId).toBe('SM6071829a3b4c5d6e7f8091a2b3c4d5e6');
  });

  it('maps a message type it does not know to kind other', () => {
    const reaction = inbound('SM7182930a4b5c6d7e8f90a1b2c3d4e5f6', { MessageType: 'reaction' });
    expect(parseTwilioWebhook(reaction, now).message).toEqual({ id: 'SM7182930a4b5c6d7e8f90a1b2c3d4e5f6', kind: 'other' });
  });

  it('falls back to SmsMessageSid and leaves out a profile it was not given', () => {
    const { MessageSid: _, ProfileName: __, WaId: ___, ...p } = text;
    const e = parseTwilioWebhook(p, now);
    expect(e.platformEventId).toBe('SM0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(e.profile).toBeUndefined();
  });
});

describe('parseTwilioWebhook: status callbacks', () => {
  it('maps delivered, keyed by message and status, about the customer it went to', () => {
    expect(parseTwilioWebhook(status('delivered'), now)).toEqual({
      channelKind: 'whatsapp',
      platformEventId: 'SM5f60718293a4b5c6d7e8f90a1b2c3d4e:delivered',
      type: 'delivery_status',
      occurredAt: now,
      isRedelivery: false,
      mode: 'active',
      source: { kind: 'user', userId: CUSTOMER },
      delivery: { messageId: 'SM5f60718293a4b5c6d7e8f90a1b2c3d4e', status: 'delivered' },
    });
  });

  it('maps failed with its error code (63016: outside the 24-hour window)', () => {
    const e = parseTwilioWebhook(status('failed', { ErrorCode: '63016' }), now);
    expect(e.platformEventId).toBe('SM5f60718293a4b5c6d7e8f90a1b2c3d4e:failed');
    expect(e.delivery).toEqual({ messageId: 'SM5f60718293a4b5c6d7e8f90a1b2c3d4e', status: 'failed', errorCode: '63016' });
  });

  it.each([
    ['queued', 'pending'],
    ['sending', 'pending'],
    ['sent', 'sent'],
    ['read', 'read'],
    ['undelivered', 'undelivered'],
    ['canceled', 'failed'],
  ])('maps %s to %s', (twilio, ours) => {
    expect(parseTwilioWebhook(status(twilio), now).delivery?.status).toBe(ours);
  });

  it('keeps a status it does not know as unknown instead of refusing it', () => {
    const e = parseTwilioWebhook(status('partially_delivered'), now);
    expect(e).toMatchObject({ type: 'unknown', platformType: 'status:partially_delivered', platformEventId: 'SM5f60718293a4b5c6d7e8f90a1b2c3d4e:partially_delivered' });
    expect(e.delivery).toBeUndefined();
    expect(parseTwilioWebhook(status('constructor'), now).type).toBe('unknown');
  });

  it('treats a request with Body as an incoming message even if it carries a status', () => {
    expect(parseTwilioWebhook({ ...text, MessageStatus: 'received' }, now).type).toBe('message');
  });
});

describe('parseTwilioWebhook: refusals', () => {
  const refusal = (params: Record<string, string>) => {
    try {
      parseTwilioWebhook(params, now);
    } catch (err) {
      return err as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['nothing', {}, /missing MessageSid and From/],
    ['no MessageSid', { From: CUSTOMER, Body: 'hi' }, /missing MessageSid$/],
    ['no From', { MessageSid: 'SM1', Body: 'hi' }, /missing From$/],
    ['a status without From', { MessageSid: 'SM1', MessageStatus: 'sent' }, /missing From$/],
    ['NumMedia that is not a count', { ...image, NumMedia: 'many' }, /NumMedia is not a count/],
    ['too many media', { ...image, NumMedia: '1000000' }, /NumMedia is not a count/],
    ['a missing MediaUrl', { ...image, NumMedia: '2' }, /MediaUrl1 is missing/],
    ['a location without coordinates', { ...location, Latitude: '' }, /Latitude and Longitude/],
    ['a location with junk coordinates', { ...location, Longitude: 'east' }, /Latitude and Longitude/],
  ])('refuses %s clearly', (_, params, message) => {
    const err = refusal(params as Record<string, string>);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toMatch(/^Not a Twilio messaging webhook: /);
    expect(err.message).toMatch(message);
  });
});
