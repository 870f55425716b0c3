import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors/index.ts';
import { MalformedEventError, parseLineEnvelope, toInboundEvent } from './line-webhook.ts';

// Fixtures follow the examples in the Messaging API reference (webhook event objects), with ids of
// the real shape.
const BOT = 'Ub1d1e0b9c8a7f6e5d4c3b2a1f0e9d8c7';
const USER = 'U4af4980629a1b2c3d4e5f60718293a4b';
const OTHER = 'U49585cd0d5e6f708192a3b4c5d6e7f80';
const GROUP = 'Ca56f94637c1d2e3f4a5b6c7d8e9f0a1b';
const ROOM = 'Ra8dbf4d1f0e9d8c7b6a5f4e3d2c1b0a9';

const common = (webhookEventId: string, timestamp = 1692251666727) => ({
  mode: 'active',
  timestamp,
  webhookEventId,
  deliveryContext: { isRedelivery: false },
});
const fromUser = { source: { type: 'user', userId: USER } };
const inGroup = (userId: string | undefined = USER) => ({ source: { type: 'group', groupId: GROUP, ...(userId ? { userId } : {}) } });

const fixtures = {
  thaiText: {
    replyToken: '757913772c4646b784d4b7ce46d12671',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZR'),
    ...fromUser,
    message: {
      id: '444573844083572737',
      type: 'text',
      quoteToken: 'q3Plxr4AgKd',
      text: 'สวัสดีค่ะ ขอเลื่อนนัดเป็นพรุ่งนี้ได้ไหมคะ $',
      emojis: [{ index: 41, length: 1, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' }],
    },
  },
  groupMention: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTA',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZS'),
    ...inGroup(),
    message: {
      id: '444573844083572738',
      type: 'text',
      quoteToken: 'yHAz4Ua2wx7',
      text: '@OpsDesk @Somchai ช่วยดูเคส C-1042 หน่อยครับ',
      mention: {
        mentionees: [
          { index: 0, length: 8, type: 'user', userId: BOT, isSelf: true },
          { index: 9, length: 8, type: 'user', userId: OTHER, isSelf: false },
        ],
      },
    },
  },
  groupAll: {
    replyToken: 'b60d432864f44d079f6d8efe86cf404b',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZT'),
    ...inGroup(),
    message: {
      id: '444573844083572739',
      type: 'text',
      quoteToken: 'q3Plxr4AgKe',
      text: '@All ประชุม 10 โมงนะครับ',
      mention: { mentionees: [{ index: 0, length: 4, type: 'all' }] },
    },
  },
  quoteReply: {
    replyToken: 'b60d432864f44d079f6d8efe86cf404c',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZV'),
    ...fromUser,
    message: {
      id: '468789577898262531',
      type: 'text',
      quoteToken: 'q3Plxr4AgKf',
      quotedMessageId: '468789532432007169',
      text: 'อันนี้ค่ะ',
    },
  },
  imageFromLine: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTB',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZW'),
    ...fromUser,
    message: {
      type: 'image',
      id: '354718705033693859',
      quoteToken: 'q3Plxr4AgKg',
      contentProvider: { type: 'line' },
      imageSet: { id: 'E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855', index: 1, total: 2 },
    },
  },
  videoExternal: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTC',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZX'),
    ...fromUser,
    message: {
      type: 'video',
      id: '325708',
      quoteToken: 'q3Plxr4AgKh',
      duration: 60000,
      contentProvider: {
        type: 'external',
        originalContentUrl: 'https://example.com/original.mp4',
        previewImageUrl: 'https://example.com/preview.jpg',
      },
    },
  },
  audio: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTD',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZY'),
    ...fromUser,
    message: { type: 'audio', id: '325709', duration: 60000, contentProvider: { type: 'line' } },
  },
  file: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTE',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC3ZZ'),
    ...fromUser,
    message: { type: 'file', id: '325710', fileName: 'ใบเสร็จ.pdf', fileSize: 2138 },
  },
  location: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTF',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC400'),
    ...fromUser,
    message: {
      type: 'location',
      id: '325711',
      title: 'my location',
      address: '1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan',
      latitude: 35.67966,
      longitude: 139.73669,
    },
  },
  sticker: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTG',
    type: 'message',
    ...common('01FZ74A0TDDPYRVKNK77XKC401'),
    ...fromUser,
    message: {
      type: 'sticker',
      id: '1501597916',
      quoteToken: 'q3Plxr4AgKi',
      stickerId: '52002738',
      packageId: '11537',
      stickerResourceType: 'ANIMATION',
      keywords: ['cony', 'sally', 'Staring', 'hi', 'whatsup', 'line', 'howdy', 'HEY', 'Peeking', 'wave', 'peek', 'Hello', 'yo', 'greetings'],
    },
  },
  follow: {
    replyToken: '85cbe770fa8b4f45bbe077b1d4be4a36',
    type: 'follow',
    ...common('01FZ74A0TDDPYRVKNK77XKC402'),
    ...fromUser,
    follow: { isUnblocked: true },
  },
  unfollow: { type: 'unfollow', ...common('01FZ74A0TDDPYRVKNK77XKC403'), ...fromUser },
  join: {
    replyToken: '0f3779fba3b349968c5d07db31eab56f',
    type: 'join',
    ...common('01FZ74A0TDDPYRVKNK77XKC404'),
    source: { type: 'group', groupId: GROUP },
  },
  leave: { type: 'leave', ...common('01FZ74A0TDDPYRVKNK77XKC405'), source: { type: 'room', roomId: ROOM } },
  memberJoined: {
    replyToken: '0f3779fba3b349968c5d07db31eabf65',
    type: 'memberJoined',
    ...common('01FZ74A0TDDPYRVKNK77XKC406'),
    source: { type: 'group', groupId: GROUP },
    joined: { members: [{ type: 'user', userId: USER }, { type: 'user', userId: OTHER }] },
  },
  memberLeft: {
    type: 'memberLeft',
    ...common('01FZ74A0TDDPYRVKNK77XKC407'),
    source: { type: 'group', groupId: GROUP },
    left: { members: [{ type: 'user', userId: OTHER }] },
  },
  postbackDatetime: {
    replyToken: 'b60d432864f44d079f6d8efe86cf404d',
    type: 'postback',
    ...common('01FZ74A0TDDPYRVKNK77XKC408'),
    ...fromUser,
    postback: { data: 'action=reschedule&booking=B-2001', params: { datetime: '2026-12-25T10:00' } },
  },
  postbackDate: {
    replyToken: 'b60d432864f44d079f6d8efe86cf404e',
    type: 'postback',
    ...common('01FZ74A0TDDPYRVKNK77XKC409'),
    ...fromUser,
    postback: { data: 'action=pick-date', params: { date: '2026-12-25' } },
  },
  postbackTime: {
    type: 'postback',
    ...common('01FZ74A0TDDPYRVKNK77XKC40A'),
    ...fromUser,
    postback: { data: 'action=pick-time', params: { time: '10:00' } },
  },
  postbackPlain: {
    replyToken: 'b60d432864f44d079f6d8efe86cf404f',
    type: 'postback',
    ...common('01FZ74A0TDDPYRVKNK77XKC40B'),
    ...inGroup(),
    postback: { data: 'case=C-1042&do=ack' },
  },
  unsend: {
    type: 'unsend',
    ...common('01FZ74A0TDDPYRVKNK77XKC40C'),
    ...inGroup(),
    unsend: { messageId: '325708' },
  },
  videoPlayComplete: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTH',
    type: 'videoPlayComplete',
    ...common('01FZ74A0TDDPYRVKNK77XKC40D'),
    ...fromUser,
    videoPlayComplete: { trackingId: 'track-id' },
  },
  beacon: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTI',
    type: 'beacon',
    ...common('01FZ74A0TDDPYRVKNK77XKC40E'),
    ...fromUser,
    beacon: { hwid: 'd41d8cd98f', type: 'enter' },
  },
  accountLink: {
    replyToken: 'b60d432864f44d079f6d8efe86cf4050',
    type: 'accountLink',
    ...common('01FZ74A0TDDPYRVKNK77XKC40F'),
    ...fromUser,
    link: { result: 'ok', nonce: 'xxxxxxxxxxxxxxx' },
  },
  things: {
    replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTJ',
    type: 'things',
    ...common('01FZ74A0TDDPYRVKNK77XKC40G'),
    ...fromUser,
    things: { deviceId: 't2c449c9d1', type: 'link' },
  },
  membership: {
    replyToken: '3a6b9c2d1e0f4a5b8c7d6e5f4a3b2c1d',
    type: 'membership',
    ...common('01J8Y7Z9A2B3C4D5E6F7G8H9J0'),
    ...fromUser,
    membership: { type: 'joined', membershipId: 3189 },
  },
  somethingNew: {
    type: 'somethingNew',
    ...common('01J8Y7Z9A2B3C4D5E6F7G8H9J1'),
    source: { type: 'square', squareChatId: 'S1234' },
    somethingNew: { answer: 42 },
  },
};

const envelope = { destination: BOT, events: Object.values(fixtures) };

describe('parseLineEnvelope', () => {
  it('keeps every event raw, unknown types and unknown fields included', () => {
    const parsed = parseLineEnvelope(JSON.parse(JSON.stringify(envelope)));
    expect(parsed.destination).toBe(BOT);
    expect(parsed.events).toHaveLength(Object.keys(fixtures).length);
    expect(parsed.events).toEqual(Object.values(fixtures));
    const future = parsed.events.find((e) => e.type === 'somethingNew');
    expect(future).toMatchObject({ somethingNew: { answer: 42 }, source: { type: 'square' } });
  });

  it("accepts LINE's verify call with no events", () => {
    expect(parseLineEnvelope({ destination: BOT, events: [] })).toEqual({ destination: BOT, events: [] });
  });

  it('keeps an event that lacks webhookEventId (the caller picks a fallback id)', () => {
    const { webhookEventId: _, ...old } = fixtures.thaiText;
    expect(parseLineEnvelope({ destination: BOT, events: [old] }).events[0]).toEqual(old);
  });

  it.each([
    ['null', null],
    ['an array', [fixtures.thaiText]],
    ['a string', 'events'],
    ['no destination', { events: [] }],
    ['no events', { destination: BOT }],
    ['events not a list', { destination: BOT, events: {} }],
    ['an event without type', { destination: BOT, events: [{ timestamp: 1, webhookEventId: 'x' }] }],
    ['an event with a string timestamp', { destination: BOT, events: [{ ...fixtures.unfollow, timestamp: '1692251666727' }] }],
    ['an event that is not an object', { destination: BOT, events: ['message'] }],
  ])('refuses %s with a clear validation error', (_, body) => {
    let thrown: unknown;
    try {
      parseLineEnvelope(body);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('validation_failed');
    expect((thrown as DomainError).message).toMatch(/^Not a LINE webhook envelope: /);
  });
});

describe('toInboundEvent', () => {
  it('maps the common fields of a 1:1 Thai text message', () => {
    expect(toInboundEvent(fixtures.thaiText, BOT)).toEqual({
      channelKind: 'line',
      platformEventId: '01FZ74A0TDDPYRVKNK77XKC3ZR',
      type: 'message',
      occurredAt: new Date(1692251666727),
      isRedelivery: false,
      mode: 'active',
      source: { kind: 'user', userId: USER },
      replyToken: '757913772c4646b784d4b7ce46d12671',
      message: {
        id: '444573844083572737',
        kind: 'text',
        text: 'สวัสดีค่ะ ขอเลื่อนนัดเป็นพรุ่งนี้ได้ไหมคะ $',
        mentionsBot: false,
        quoteToken: 'q3Plxr4AgKd',
      },
    });
  });

  it('sees the bot mentioned in a group (isSelf), with the other mentioned users', () => {
    const e = toInboundEvent(fixtures.groupMention, BOT);
    expect(e.source).toEqual({ kind: 'group', chatId: GROUP, userId: USER });
    expect(e.message).toMatchObject({ kind: 'text', mentionsBot: true, mentionedUserIds: [BOT, OTHER] });
  });

  it('sees the bot mentioned by its user id when isSelf is absent, and not otherwise', () => {
    const mentionees = [{ index: 0, length: 8, type: 'user', userId: BOT }];
    const raw = { ...fixtures.groupMention, message: { ...fixtures.groupMention.message, mention: { mentionees } } };
    expect(toInboundEvent(raw, BOT).message?.mentionsBot).toBe(true);
    expect(toInboundEvent(raw).message?.mentionsBot).toBe(false);
    const notBot = { ...raw, message: { ...raw.message, mention: { mentionees: [{ ...mentionees[0], userId: OTHER, isSelf: false }] } } };
    expect(toInboundEvent(notBot, BOT).message).toMatchObject({ mentionsBot: false, mentionedUserIds: [OTHER] });
  });

  it('counts @All as a mention of the bot', () => {
    const e = toInboundEvent(fixtures.groupAll, BOT);
    expect(e.message?.mentionsBot).toBe(true);
    expect(e.message?.mentionedUserIds).toBeUndefined();
  });

  it('keeps the quoted message of a quote reply', () => {
    expect(toInboundEvent(fixtures.quoteReply).message).toMatchObject({ quotedMessageId: '468789532432007169', quoteToken: 'q3Plxr4AgKf' });
  });

  it('marks a redelivery', () => {
    const raw = { ...fixtures.thaiText, deliveryContext: { isRedelivery: true } };
    expect(toInboundEvent(raw).isRedelivery).toBe(true);
  });

  it('keeps standby mode (another module owns the chat)', () => {
    const raw = { ...fixtures.thaiText, mode: 'standby' };
    delete (raw as { replyToken?: string }).replyToken;
    const e = toInboundEvent(raw);
    expect(e.mode).toBe('standby');
    expect(e.replyToken).toBeUndefined();
  });

  it('maps media: LINE-hosted content to the content API, external content to its URL', () => {
    expect(toInboundEvent(fixtures.imageFromLine).message).toEqual({
      id: '354718705033693859',
      kind: 'image',
      media: [{ from: 'platform' }],
      quoteToken: 'q3Plxr4AgKg',
    });
    expect(toInboundEvent(fixtures.videoExternal).message).toEqual({
      id: '325708',
      kind: 'video',
      media: [{ from: 'url', url: 'https://example.com/original.mp4', durationMs: 60000 }],
      quoteToken: 'q3Plxr4AgKh',
    });
    expect(toInboundEvent(fixtures.audio).message).toEqual({ id: '325709', kind: 'audio', media: [{ from: 'platform', durationMs: 60000 }] });
    expect(toInboundEvent(fixtures.file).message).toEqual({
      id: '325710',
      kind: 'file',
      media: [{ from: 'platform', fileName: 'ใบเสร็จ.pdf', fileSize: 2138 }],
    });
  });

  it('maps a location and a sticker', () => {
    expect(toInboundEvent(fixtures.location).message).toEqual({
      id: '325711',
      kind: 'location',
      location: { title: 'my location', address: '1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan', latitude: 35.67966, longitude: 139.73669 },
    });
    const sticker = toInboundEvent(fixtures.sticker).message;
    expect(sticker).toMatchObject({ id: '1501597916', kind: 'sticker', quoteToken: 'q3Plxr4AgKi' });
    expect(sticker?.sticker).toEqual({ packageId: '11537', stickerId: '52002738', keywords: fixtures.sticker.message.keywords });
  });

  it('maps a message type it does not know to kind other', () => {
    const raw = { ...fixtures.thaiText, message: { id: '999', type: 'hologram', depth: 3 } };
    expect(toInboundEvent(raw).message).toEqual({ id: '999', kind: 'other' });
  });

  it('maps follow, unfollow, join and leave', () => {
    expect(toInboundEvent(fixtures.follow)).toMatchObject({ type: 'follow', source: { kind: 'user', userId: USER }, replyToken: '85cbe770fa8b4f45bbe077b1d4be4a36' });
    expect(toInboundEvent(fixtures.unfollow)).toMatchObject({ type: 'unfollow', source: { kind: 'user', userId: USER } });
    expect(toInboundEvent(fixtures.unfollow).replyToken).toBeUndefined();
    expect(toInboundEvent(fixtures.join)).toMatchObject({ type: 'join', source: { kind: 'group', chatId: GROUP } });
    expect(toInboundEvent(fixtures.leave)).toMatchObject({ type: 'leave', source: { kind: 'room', chatId: ROOM } });
    expect(toInboundEvent(fixtures.leave).source.userId).toBeUndefined();
    // Events from before the `follow` detail existed still map.
    const { follow: _, ...oldFollow } = fixtures.follow;
    expect(toInboundEvent(oldFollow).type).toBe('follow');
  });

  it('maps members joining and leaving a group', () => {
    expect(toInboundEvent(fixtures.memberJoined)).toMatchObject({ type: 'member_joined', source: { kind: 'group', chatId: GROUP }, members: [USER, OTHER] });
    expect(toInboundEvent(fixtures.memberLeft)).toMatchObject({ type: 'member_left', members: [OTHER] });
  });

  it('maps postbacks with their date, time and datetime params', () => {
    expect(toInboundEvent(fixtures.postbackDatetime).postback).toEqual({
      data: 'action=reschedule&booking=B-2001',
      params: { datetime: '2026-12-25T10:00' },
    });
    expect(toInboundEvent(fixtures.postbackDate).postback?.params).toEqual({ date: '2026-12-25' });
    expect(toInboundEvent(fixtures.postbackTime).postback?.params).toEqual({ time: '10:00' });
    const plain = toInboundEvent(fixtures.postbackPlain);
    expect(plain).toMatchObject({ type: 'postback', source: { kind: 'group', chatId: GROUP, userId: USER }, postback: { data: 'case=C-1042&do=ack' } });
    expect(plain.postback?.params).toBeUndefined();
    expect(plain.message).toBeUndefined();
  });

  it('maps an unsend to the message taken back', () => {
    expect(toInboundEvent(fixtures.unsend)).toMatchObject({ type: 'unsend', unsentMessageId: '325708', source: { kind: 'group', chatId: GROUP } });
  });

  it.each(['videoPlayComplete', 'beacon', 'accountLink', 'things', 'membership'] as const)(
    'keeps the known but unrouted %s event as unknown',
    (name) => {
      const e = toInboundEvent(fixtures[name]);
      expect(e).toMatchObject({ type: 'unknown', platformType: name, platformEventId: fixtures[name].webhookEventId, source: { kind: 'user', userId: USER } });
    },
  );

  it('keeps a type from the future as unknown, with what it can read', () => {
    expect(toInboundEvent(fixtures.somethingNew)).toEqual({
      channelKind: 'line',
      platformEventId: '01J8Y7Z9A2B3C4D5E6F7G8H9J1',
      type: 'unknown',
      platformType: 'somethingNew',
      occurredAt: new Date(1692251666727),
      isRedelivery: false,
      mode: 'active',
      source: { kind: 'user' },
    });
  });

  it.each([
    ['text without text', { ...fixtures.thaiText, message: { id: '1', type: 'text', quoteToken: 'q' } }, 'message', /^message\.text: /],
    ['message without id', { ...fixtures.thaiText, message: { type: 'text', text: 'hi' } }, 'message', /^message\.id: /],
    ['an external image without its URL', { ...fixtures.imageFromLine, message: { ...fixtures.imageFromLine.message, contentProvider: { type: 'external' } } }, 'message', /^message\.contentProvider\.originalContentUrl: /],
    ['a location with text coordinates', { ...fixtures.location, message: { ...fixtures.location.message, latitude: '35.67966' } }, 'message', /^message\.latitude: /],
    ['a postback without data', { ...fixtures.postbackPlain, postback: { params: { date: '2026-12-25' } } }, 'postback', /postback\.data/],
    ['a member list without user ids', { ...fixtures.memberJoined, joined: { members: [{ type: 'user' }] } }, 'memberJoined', /joined\.members\.0\.userId/],
    ['an unsend without messageId', { ...fixtures.unsend, unsend: {} }, 'unsend', /unsend\.messageId/],
    ['a group source without groupId', { ...fixtures.join, source: { type: 'group' } }, 'join', /source/],
    ['a beacon without hwid', { ...fixtures.beacon, beacon: { type: 'enter' } }, 'beacon', /beacon\.hwid/],
    ['an unknown mode', { ...fixtures.follow, mode: 'passive' }, 'follow', /mode/],
    ['no webhookEventId', { ...fixtures.unfollow, webhookEventId: undefined }, 'unfollow', /webhookEventId/],
  ])('reports %s as a MalformedEventError', (_, raw, platformType, reason) => {
    let thrown: unknown;
    try {
      toInboundEvent(raw);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(MalformedEventError);
    const error = thrown as MalformedEventError;
    expect(error.platformType).toBe(platformType);
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`Malformed LINE ${platformType} event: ${error.reason}`);
    expect(error.code).toBe('validation_failed');
  });

  it('reports something that is not an event at all', () => {
    for (const raw of [null, 'message', 42, [], {}]) {
      expect(() => toInboundEvent(raw)).toThrow(MalformedEventError);
    }
  });
});
