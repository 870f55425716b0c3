import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import Router from '@koa/router';
import type { messagingApi } from '@line/bot-sdk';
import Koa from 'koa';
import type { Context, Next } from 'koa';
import {
  FaultPlan,
  answer,
  flatHeaders,
  jsonObject,
  parseMaybeJson,
  readRaw,
  sleep,
  startFake,
  waitFor,
  type FakeFault,
  type RecordedRequest,
  type RunningFake,
} from './server-kit.ts';

export type { FakeFault, RecordedRequest };

/**
 * A local stand-in for the LINE Platform: the Messaging API (api.line.me) and the data API
 * (api-data.line.me) on one origin, speaking LINE's wire format, so the real `@line/bot-sdk`
 * clients can be pointed at it with `baseURL`. Used by tests and by the development chat simulator.
 */

export type LineMessage = messagingApi.Message;

/** Limits as LINE's Messaging API reference states them. */
export const LINE_LIMITS = {
  messagesPerRequest: 5,
  textLength: 5000,
  /** Flex, template and imagemap `altText` (the reference says 1500; older pages said 400). */
  altTextLength: 1500,
  quickReplyItems: 13,
  /** Action labels count grapheme clusters, not UTF-16 units. */
  quickReplyLabelLength: 20,
  /** A retry key is remembered for 24 hours after the first accepted request. */
  retryKeyTtlMs: 24 * 60 * 60 * 1000,
} as const;

export const DEFAULT_LINE_CHANNEL_ACCESS_TOKEN = 'fake-line-channel-access-token';

const AUTH_FAILED = { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' };
const INVALID_REPLY_TOKEN = { message: 'Invalid reply token' };
const NOT_FOUND = { message: 'Not found' };
const RETRY_KEY_ACCEPTED = 'The retry key is already accepted';
const QUOTA_REACHED = { message: 'You have reached your monthly limit.' };

export interface LineChannel {
  channelAccessToken: string;
  /** Signs the webhooks this channel sends (its test webhook); default a random one. */
  channelSecret?: string;
  bot?: Partial<messagingApi.BotInfoResponse>;
}

export interface FakeLineOptions {
  /** Accepted channel access tokens; default one channel with DEFAULT_LINE_CHANNEL_ACCESS_TOKEN. */
  channels?: LineChannel[];
  /** Clock in ms; tests move it to expire reply tokens and retry keys. */
  now?: () => number;
  replyTokenTtlMs?: number;
  /** Monthly push limit per channel (GET /v2/bot/message/quota); unset: no limit. */
  monthlyQuota?: number;
  /** LINE accepts only https media URLs; the simulator may relax this for local URLs. */
  requireHttpsMedia?: boolean;
}

export interface LineSentMessage {
  id: string;
  quoteToken?: string;
}

/** One accepted reply or push request. */
export interface LineDelivery {
  kind: 'reply' | 'push';
  /** Push: `to`. Reply: the source the reply token was issued for, when given. */
  to: string | undefined;
  replyToken?: string;
  retryKey?: string;
  messages: LineMessage[];
  notificationDisabled: boolean;
  channelAccessToken: string;
  requestId: string;
  sentMessages: LineSentMessage[];
  at: number;
}



interface ReplyTokenEntry {
  source: string | undefined;
  channelAccessToken: string | undefined;
  issuedAt: number;
  used: boolean;
}

interface AcceptedRetryKey {
  requestId: string;
  sentMessages: LineSentMessage[];
  at: number;
}


interface StoredContent {
  bytes: Buffer;
  contentType: string;
}

type LineEvents = { delivery: [LineDelivery]; request: [RecordedRequest] };

export class FakeLineState extends EventEmitter<LineEvents> {
  readonly deliveries: LineDelivery[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly now: () => number;
  replyTokenTtlMs: number;
  monthlyQuota: number | undefined;
  requireHttpsMedia: boolean;

  private readonly channels = new Map<string, messagingApi.BotInfoResponse>();
  private readonly secrets = new Map<string, string>();
  /** The webhook URL of each channel (by access token), as set through the Messaging API. */
  readonly webhookEndpoints = new Map<string, string>();
  /** Where the test webhook really goes for a host (a public name standing in for a local server). */
  private readonly hostRoutes = new Map<string, string>();
  private readonly replyTokens = new Map<string, ReplyTokenEntry>();
  private readonly retryKeys = new Map<string, AcceptedRetryKey>();
  private readonly pushCounts = new Map<string, number>();
  private readonly faults = new FaultPlan();
  private readonly contents = new Map<string, StoredContent>();
  private readonly profiles = new Map<string, messagingApi.UserProfileResponse>();
  private readonly groups = new Map<string, { summary: messagingApi.GroupSummaryResponse; memberIds?: Set<string> }>();
  /** Rich menus by id, with the channel that made them and their image once uploaded. */
  readonly richMenus = new Map<string, { channelAccessToken: string; menu: messagingApi.RichMenuRequest; image?: { bytes: Buffer; contentType: string } }>();
  /** The default rich menu of each channel (by access token). */
  readonly defaultRichMenus = new Map<string, string>();
  /** Rich menus linked to one user (per-user menus win over the default), by channel access token and user id. */
  readonly userRichMenus = new Map<string, string>();

  /** Users who blocked the account: a push to them is refused with 403 (`block`). */
  readonly blockedUsers = new Set<string>();

  /** The user blocks the account (or unfollows it): pushes to them are refused, 403, and nothing is delivered. */
  block(userId: string): void {
    this.blockedUsers.add(userId);
  }

  /** The rich menu linked to this user on this channel, if any. */
  userRichMenu(channelAccessToken: string, userId: string): string | undefined {
    return this.userRichMenus.get(`${channelAccessToken} ${userId}`);
  }
  /** Signs the LIFF ID tokens this server issues: a token it did not sign is forged. */
  private readonly idTokenKey = randomBytes(32);

  constructor(opts: FakeLineOptions = {}) {
    super();
    this.now = opts.now ?? Date.now;
    this.replyTokenTtlMs = opts.replyTokenTtlMs ?? 60_000;
    this.monthlyQuota = opts.monthlyQuota;
    this.requireHttpsMedia = opts.requireHttpsMedia ?? true;
    for (const c of opts.channels ?? [{ channelAccessToken: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN }]) this.addChannel(c);
  }

  /** Accepts another channel access token; returns the bot info `/v2/bot/info` answers with. */
  addChannel(channel: LineChannel): messagingApi.BotInfoResponse {
    const userId = channel.bot?.userId ?? lineId('U');
    const bot: messagingApi.BotInfoResponse = {
      userId,
      // LINE's form: @, three digits, five letters (e.g. @123abcde).
      basicId: `@${String(randomInt(1000)).padStart(3, '0')}${Array.from({ length: 5 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('')}`,
      displayName: 'Opsdesk (fake)',
      chatMode: 'bot',
      markAsReadMode: 'manual',
      ...channel.bot,
    };
    this.channels.set(channel.channelAccessToken, bot);
    this.secrets.set(channel.channelAccessToken, channel.channelSecret ?? randomBytes(16).toString('hex'));
    return bot;
  }

  /** @internal The secret LINE signs this channel's webhooks with. */
  channelSecret(token: string): string | undefined {
    return this.secrets.get(token);
  }

  /**
   * Webhooks for `https://<host>/...` are delivered to `origin` instead (e.g. the test system's
   * http://127.0.0.1 port), as a tunnel or DNS would route a public name to a local server.
   */
  routeHost(host: string, origin: string): void {
    this.hostRoutes.set(host, origin);
  }

  /** @internal */
  reachable(endpoint: string): string {
    const u = new URL(endpoint);
    const origin = this.hostRoutes.get(u.host);
    return origin ? origin + u.pathname + u.search : endpoint;
  }

  isAcceptedToken(token: string): boolean {
    return this.channels.has(token);
  }

  botInfo(token: string): messagingApi.BotInfoResponse | undefined {
    return this.channels.get(token);
  }

  /**
   * A reply token as a webhook event would carry it: valid once, for `replyTokenTtlMs`.
   * `source` (user, group or room id) becomes the delivery's `to`; with `channelAccessToken`
   * only that channel may use it.
   */
  issueReplyToken(opts: { source?: string; channelAccessToken?: string } = {}): string {
    const token = randomBytes(16).toString('hex');
    this.replyTokens.set(token, { source: opts.source, channelAccessToken: opts.channelAccessToken, issuedAt: this.now(), used: false });
    return token;
  }

  /** Who a reply token was issued for (its `source`), used or not. */
  replyTokenSource(token: string): string | undefined {
    return this.replyTokens.get(token)?.source;
  }

  /**
   * A LIFF ID token as `liff.getIDToken()` hands it to a page: a JWT (HS256 here; LINE signs with
   * ES256 or HS256) for `channelId` (the LINE Login channel, `aud`), valid for `ttlMs`.
   */
  issueIdToken(c: { sub: string; channelId: string; name?: string; picture?: string; ttlMs?: number }): string {
    const iat = Math.floor(this.now() / 1000);
    const payload = { iss: 'https://access.line.me', sub: c.sub, aud: c.channelId, exp: iat + Math.floor((c.ttlMs ?? 3_600_000) / 1000), iat, amr: ['linesso'], name: c.name ?? 'LINE user', picture: c.picture ?? 'https://profile.line-scdn.net/fake' };
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signed = `${part({ typ: 'JWT', alg: 'HS256' })}.${part(payload)}`;
    return `${signed}.${createHmac('sha256', this.idTokenKey).update(signed).digest('base64url')}`;
  }

  /** What `POST /oauth2/v2.1/verify` answers for an ID token: its claims, or LINE's reason for refusing it. */
  verifyIdToken(idToken: string, clientId: string): { claims: Record<string, unknown> } | { error: string } {
    const [header, payload, signature] = idToken.split('.');
    if (!header || !payload || !signature || createHmac('sha256', this.idTokenKey).update(`${header}.${payload}`).digest('base64url') !== signature) return { error: 'Invalid IdToken.' };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.aud !== clientId) return { error: 'Invalid IdToken Audience.' };
    if ((claims.exp as number) * 1000 <= this.now()) return { error: 'IdToken expired.' };
    return { claims };
  }

  /** Content for `GET /v2/bot/message/{messageId}/content` (what a user sent: image, audio...). */
  addContent(messageId: string, bytes: Uint8Array | string, contentType: string): void {
    this.contents.set(messageId, { bytes: Buffer.from(bytes), contentType });
  }

  addProfile(profile: messagingApi.UserProfileResponse): void {
    this.profiles.set(profile.userId, profile);
  }

  /** `memberIds` unset: every known profile counts as a member. */
  addGroup(group: messagingApi.GroupSummaryResponse & { memberIds?: string[] }): void {
    const { memberIds, ...summary } = group;
    this.groups.set(group.groupId, { summary, memberIds: memberIds ? new Set(memberIds) : undefined });
  }

  /**
   * The next `times` requests whose path equals `path` (or ends with it, or matches the RegExp)
   * get `fault` instead of the normal answer. Default bodies follow LINE's (`{"message": ...}`).
   */
  failNext(path: string | RegExp, fault: FakeFault, times = 1): void {
    this.faults.add(path, fault, times);
  }

  /** Drops the faults still waiting (an outage staged with `failNext(…, times)` ends now); keeps everything else. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Push requests this month (per channel, or all channels): what quota/consumption reports. */
  pushCount(channelAccessToken?: string): number {
    if (channelAccessToken !== undefined) return this.pushCounts.get(channelAccessToken) ?? 0;
    let total = 0;
    for (const n of this.pushCounts.values()) total += n;
    return total;
  }

  deliveriesTo(to: string): LineDelivery[] {
    return this.deliveries.filter((d) => d.to === to);
  }

  /** Resolves with all deliveries once there are at least `n`; rejects after `timeoutMs`. */
  waitForDeliveries(n: number, timeoutMs = 5000): Promise<LineDelivery[]> {
    return waitFor(
      (fn) => {
        this.on('delivery', fn);
        return () => this.off('delivery', fn);
      },
      () => this.deliveries.length >= n,
      timeoutMs,
      () => `expected ${n} LINE deliveries, got ${this.deliveries.length}`,
    ).then(() => [...this.deliveries]);
  }

  /** Forgets deliveries, requests, faults, tokens, retry keys and counts; keeps channels, profiles, groups and content. */
  reset(): void {
    this.deliveries.length = 0;
    this.requests.length = 0;
    this.faults.clear();
    this.replyTokens.clear();
    this.retryKeys.clear();
    this.pushCounts.clear();
  }

  /** @internal */
  takeFault(path: string): FakeFault | undefined {
    return this.faults.take(path);
  }

  /** @internal Consumes the token when valid. */
  useReplyToken(token: unknown, channelAccessToken: string): ReplyTokenEntry | undefined {
    if (typeof token !== 'string') return undefined;
    const entry = this.replyTokens.get(token);
    if (!entry || entry.used) return undefined;
    if (this.now() - entry.issuedAt > this.replyTokenTtlMs) return undefined;
    if (entry.channelAccessToken !== undefined && entry.channelAccessToken !== channelAccessToken) return undefined;
    entry.used = true;
    return entry;
  }

  /** @internal */
  acceptedRetryKey(channelAccessToken: string, key: string): AcceptedRetryKey | undefined {
    const found = this.retryKeys.get(`${channelAccessToken} ${key}`);
    if (found && this.now() - found.at > LINE_LIMITS.retryKeyTtlMs) return undefined;
    return found;
  }

  /** @internal */
  record(delivery: LineDelivery): void {
    if (delivery.kind === 'push') {
      this.pushCounts.set(delivery.channelAccessToken, this.pushCount(delivery.channelAccessToken) + 1);
      if (delivery.retryKey) {
        this.retryKeys.set(`${delivery.channelAccessToken} ${delivery.retryKey}`, { requestId: delivery.requestId, sentMessages: delivery.sentMessages, at: delivery.at });
      }
    }
    this.deliveries.push(delivery);
    this.emit('delivery', delivery);
  }

  /** @internal */
  content(messageId: string): StoredContent | undefined {
    return this.contents.get(messageId);
  }

  /** @internal */
  profile(userId: string): messagingApi.UserProfileResponse | undefined {
    return this.profiles.get(userId);
  }

  /** @internal */
  group(groupId: string) {
    return this.groups.get(groupId);
  }
}

/** A random id in LINE's format: U (user), C (group) or R (room) and 32 hex digits. */
export function lineId(prefix: 'U' | 'C' | 'R' = 'U'): string {
  return prefix + randomBytes(16).toString('hex');
}

export function createFakeLineApi(opts: FakeLineOptions = {}): { app: Koa; state: FakeLineState } {
  const state = new FakeLineState(opts);
  const app = new Koa();
  app.silent = true;
  app.use(recordAndInjectFaults(state));

  // LINE Login's verify endpoint (what a LIFF app's server calls): a form body, no channel
  // token; 400 `invalid_request` with LINE's own descriptions for a token it will not vouch for.
  const login = new Router();
  login.post('/oauth2/v2.1/verify', (ctx) => {
    const form = new URLSearchParams((ctx.state.rawBody as Buffer).toString('utf8'));
    const idToken = form.get('id_token');
    const clientId = form.get('client_id');
    if (!idToken || !clientId) return answer(ctx, 400, { error: 'invalid_request', error_description: !idToken ? 'id_token is required.' : 'client_id is required.' });
    const verified = state.verifyIdToken(idToken, clientId);
    if ('error' in verified) return answer(ctx, 400, { error: 'invalid_request', error_description: verified.error });
    answer(ctx, 200, verified.claims);
  });
  app.use(login.routes());

  const router = new Router();
  router.use(requireChannelToken(state));

  router.post('/v2/bot/message/reply', (ctx) => {
    const token = ctx.state.channelAccessToken as string;
    const body = jsonObject(ctx, INVALID_JSON);
    if (!body) return;
    if (ctx.get('x-line-retry-key')) return answer(ctx, 400, { message: 'The retry key is not supported for this API' });
    const details = validateMessages(body.messages, state.requireHttpsMedia);
    if (typeof body.replyToken !== 'string' || body.replyToken === '') details.unshift({ message: 'must be specified', property: 'replyToken' });
    if (details.length) return answer(ctx, 400, validationError(details));
    const entry = state.useReplyToken(body.replyToken, token);
    if (!entry) return answer(ctx, 400, INVALID_REPLY_TOKEN);
    const messages = body.messages as LineMessage[];
    const sentMessages = sent(messages);
    state.record({
      kind: 'reply',
      to: entry.source,
      replyToken: body.replyToken as string,
      messages,
      notificationDisabled: body.notificationDisabled === true,
      channelAccessToken: token,
      requestId: ctx.state.requestId as string,
      sentMessages,
      at: state.now(),
    });
    answer(ctx, 200, { sentMessages });
  });

  router.post('/v2/bot/message/push', (ctx) => {
    const token = ctx.state.channelAccessToken as string;
    const body = jsonObject(ctx, INVALID_JSON);
    if (!body) return;
    const retryKey = ctx.get('x-line-retry-key') || undefined;
    if (retryKey !== undefined && !UUID.test(retryKey)) return answer(ctx, 400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" });
    if (retryKey !== undefined) {
      const accepted = state.acceptedRetryKey(token, retryKey);
      if (accepted) {
        ctx.set('x-line-accepted-request-id', accepted.requestId);
        return answer(ctx, 409, { message: RETRY_KEY_ACCEPTED, sentMessages: accepted.sentMessages });
      }
    }
    const details = validateMessages(body.messages, state.requireHttpsMedia);
    if (body.to === undefined || body.to === null || body.to === '') details.unshift({ message: 'must be specified', property: 'to' });
    if (details.length) return answer(ctx, 400, validationError(details));
    if (typeof body.to !== 'string' || !LINE_ID.test(body.to)) {
      return answer(ctx, 400, { message: "The property, 'to', in the request body is invalid (line: -, column: -)" });
    }
    if (state.monthlyQuota !== undefined && state.pushCount(token) >= state.monthlyQuota) return answer(ctx, 429, QUOTA_REACHED);
    if (state.blockedUsers.has(body.to)) return answer(ctx, 403, { message: 'The user has blocked this account or is not a friend of it' });
    const messages = body.messages as LineMessage[];
    const sentMessages = sent(messages);
    state.record({
      kind: 'push',
      to: body.to,
      retryKey,
      messages,
      notificationDisabled: body.notificationDisabled === true,
      channelAccessToken: token,
      requestId: ctx.state.requestId as string,
      sentMessages,
      at: state.now(),
    });
    answer(ctx, 200, { sentMessages });
  });

  // Served by api-data.line.me in production; same path, so one origin can stand in for both.
  router.get('/v2/bot/message/:messageId/content', (ctx) => {
    const content = state.content(ctx.params.messageId);
    if (!content) return answer(ctx, 404, NOT_FOUND);
    ctx.status = 200;
    ctx.type = content.contentType;
    ctx.body = content.bytes;
  });

  router.get('/v2/bot/message/:messageId/content/transcoding', (ctx) => {
    if (!state.content(ctx.params.messageId)) return answer(ctx, 404, NOT_FOUND);
    answer(ctx, 200, { status: 'succeeded' });
  });

  router.get('/v2/bot/info', (ctx) => {
    answer(ctx, 200, state.botInfo(ctx.state.channelAccessToken as string));
  });

  router.get('/v2/bot/profile/:userId', (ctx) => {
    const profile = state.profile(ctx.params.userId);
    if (!profile) return answer(ctx, 404, NOT_FOUND);
    answer(ctx, 200, profile);
  });

  router.get('/v2/bot/group/:groupId/summary', (ctx) => {
    const group = state.group(ctx.params.groupId);
    if (!group) return answer(ctx, 404, NOT_FOUND);
    answer(ctx, 200, group.summary);
  });

  router.get('/v2/bot/group/:groupId/member/:userId', (ctx) => {
    const group = state.group(ctx.params.groupId);
    const profile = state.profile(ctx.params.userId);
    if (!group || !profile || (group.memberIds && !group.memberIds.has(profile.userId))) return answer(ctx, 404, NOT_FOUND);
    const member: messagingApi.GroupUserProfileResponse = { displayName: profile.displayName, userId: profile.userId, pictureUrl: profile.pictureUrl };
    answer(ctx, 200, member);
  });

  // Rich menus (Messaging API): create, upload the image (a data API path), make it the default.
  router.post('/v2/bot/richmenu', (ctx) => {
    const body = jsonObject(ctx, INVALID_JSON) as messagingApi.RichMenuRequest | undefined;
    if (!body) return;
    const details: LineErrorDetail[] = [];
    const size = body.size as { width: number; height: number } | undefined;
    if (!size || size.width < 800 || size.width > 2500 || size.height < 250 || size.width / size.height < 1.45) details.push({ message: 'invalid size', property: 'size' });
    if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 300) details.push({ message: 'must be specified and at most 300 characters', property: 'name' });
    if (typeof body.chatBarText !== 'string' || body.chatBarText.length > 14) details.push({ message: 'size must be between 0 and 14', property: 'chatBarText' });
    if (!Array.isArray(body.areas) || body.areas.length > 20) details.push({ message: 'size must be between 0 and 20', property: 'areas' });
    for (const [i, a] of (Array.isArray(body.areas) ? body.areas : []).entries()) {
      const b = a.bounds as { x: number; y: number; width: number; height: number } | undefined;
      if (!b || !size || b.x < 0 || b.y < 0 || b.x + b.width > size.width || b.y + b.height > size.height) details.push({ message: 'bounds must be inside the rich menu', property: `areas[${i}].bounds` });
      if (!a.action?.type) details.push({ message: 'must be specified', property: `areas[${i}].action` });
    }
    if (details.length) return answer(ctx, 400, { message: 'The request body has ' + details.length + ' error(s)', details });
    const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
    state.richMenus.set(richMenuId, { channelAccessToken: ctx.state.channelAccessToken as string, menu: body });
    answer(ctx, 200, { richMenuId });
  });

  router.post('/v2/bot/richmenu/:richMenuId/content', (ctx) => {
    const menu = state.richMenus.get(ctx.params.richMenuId);
    if (!menu || menu.channelAccessToken !== ctx.state.channelAccessToken) return answer(ctx, 404, NOT_FOUND);
    const contentType = ctx.get('content-type').split(';')[0].trim();
    if (contentType !== 'image/png' && contentType !== 'image/jpeg') return answer(ctx, 415, { message: 'Unsupported Media Type' });
    const bytes = ctx.state.rawBody as Buffer;
    if (bytes.length === 0 || bytes.length > 1024 * 1024) return answer(ctx, 400, { message: 'The image must be 1 MB or smaller' });
    if (menu.image) return answer(ctx, 400, { message: 'An image has already been uploaded to the richmenu' });
    menu.image = { bytes, contentType };
    answer(ctx, 200, {});
  });

  router.post('/v2/bot/user/all/richmenu/:richMenuId', (ctx) => {
    const menu = state.richMenus.get(ctx.params.richMenuId);
    if (!menu || menu.channelAccessToken !== ctx.state.channelAccessToken) return answer(ctx, 404, NOT_FOUND);
    if (!menu.image) return answer(ctx, 400, { message: 'must upload richmenu image before applying it to user' });
    state.defaultRichMenus.set(menu.channelAccessToken, ctx.params.richMenuId);
    answer(ctx, 200, {});
  });

  router.get('/v2/bot/user/all/richmenu', (ctx) => {
    const id = state.defaultRichMenus.get(ctx.state.channelAccessToken as string);
    if (!id) return answer(ctx, 404, { message: 'no default richmenu' });
    answer(ctx, 200, { richMenuId: id });
  });

  router.delete('/v2/bot/richmenu/:richMenuId', (ctx) => {
    const menu = state.richMenus.get(ctx.params.richMenuId);
    if (!menu || menu.channelAccessToken !== ctx.state.channelAccessToken) return answer(ctx, 404, NOT_FOUND);
    state.richMenus.delete(ctx.params.richMenuId);
    answer(ctx, 200, {});
  });

  router.get('/v2/bot/richmenu/list', (ctx) => {
    const token = ctx.state.channelAccessToken as string;
    const richmenus = [...state.richMenus].filter(([, m]) => m.channelAccessToken === token).map(([richMenuId, m]) => ({ richMenuId, ...m.menu }));
    answer(ctx, 200, { richmenus });
  });

  // Per-user rich menus: link one to a user (it wins over the default), see it, unlink it.
  router.post('/v2/bot/user/:userId/richmenu/:richMenuId', (ctx) => {
    const token = ctx.state.channelAccessToken as string;
    const menu = state.richMenus.get(ctx.params.richMenuId);
    if (!menu || menu.channelAccessToken !== token) return answer(ctx, 404, NOT_FOUND);
    if (!menu.image) return answer(ctx, 400, { message: 'must upload richmenu image before applying it to user' });
    if (!LINE_ID.test(ctx.params.userId) || !ctx.params.userId.startsWith('U')) return answer(ctx, 400, { message: 'The value for the "userId" parameter is invalid' });
    state.userRichMenus.set(`${token} ${ctx.params.userId}`, ctx.params.richMenuId);
    answer(ctx, 200, {});
  });

  router.get('/v2/bot/user/:userId/richmenu', (ctx) => {
    const id = state.userRichMenu(ctx.state.channelAccessToken as string, ctx.params.userId);
    if (!id) return answer(ctx, 404, { message: 'the user has no richmenu' });
    answer(ctx, 200, { richMenuId: id });
  });

  router.delete('/v2/bot/user/:userId/richmenu', (ctx) => {
    state.userRichMenus.delete(`${ctx.state.channelAccessToken as string} ${ctx.params.userId}`);
    answer(ctx, 200, {});
  });

  // The webhook URL (Messaging API "Set webhook endpoint URL" and "Test webhook endpoint"): LINE
  // takes only https URLs of at most 500 characters; the test sends a signed webhook with no
  // events and reports what the endpoint answered, in LINE's words.
  router.put('/v2/bot/channel/webhook/endpoint', (ctx) => {
    const body = jsonObject(ctx, INVALID_JSON);
    if (!body) return;
    const endpoint = body.endpoint;
    if (typeof endpoint !== 'string' || !/^https:\/\/[^/\s]+/.test(endpoint) || endpoint.length > 500) {
      return answer(ctx, 400, validationError([{ message: 'must be a valid HTTPS URL', property: 'endpoint' }]));
    }
    state.webhookEndpoints.set(ctx.state.channelAccessToken as string, endpoint);
    answer(ctx, 200, {});
  });

  router.get('/v2/bot/channel/webhook/endpoint', (ctx) => {
    const endpoint = state.webhookEndpoints.get(ctx.state.channelAccessToken as string);
    answer(ctx, 200, { endpoint: endpoint ?? '', active: endpoint !== undefined });
  });

  router.post('/v2/bot/channel/webhook/test', async (ctx) => {
    const token = ctx.state.channelAccessToken as string;
    const body = (parseMaybeJson(ctx.state.rawBody as Buffer) ?? {}) as { endpoint?: unknown };
    const endpoint = typeof body.endpoint === 'string' ? body.endpoint : state.webhookEndpoints.get(token);
    if (!endpoint) return answer(ctx, 400, { message: 'The webhook endpoint URL is not set' });
    answer(ctx, 200, await testWebhook(state, token, endpoint));
  });

  router.get('/v2/bot/message/quota', (ctx) => {
    answer(ctx, 200, state.monthlyQuota === undefined ? { type: 'none' } : { type: 'limited', value: state.monthlyQuota });
  });

  router.get('/v2/bot/message/quota/consumption', (ctx) => {
    answer(ctx, 200, { totalUsage: state.pushCount(ctx.state.channelAccessToken as string) });
  });

  app.use(router.routes());
  app.use((ctx) => answer(ctx, 404, NOT_FOUND));
  return { app, state };
}

export type RunningFakeLineApi = RunningFake<FakeLineState>;

/** Listens on 127.0.0.1 (port 0 unless given); `url` serves as both LINE base URLs. */
export function startFakeLineApi(opts: FakeLineOptions & { port?: number; host?: string } = {}): Promise<RunningFakeLineApi> {
  return startFake(createFakeLineApi, opts);
}

// ---- request handling ----

/** LINE's test webhook: `{destination, events: []}` signed with the channel secret; the answer as LINE reports it. */
async function testWebhook(state: FakeLineState, token: string, endpoint: string): Promise<Omit<messagingApi.TestWebhookEndpointResponse, 'timestamp'> & { timestamp: string }> {
  // On the wire `timestamp` is an ISO string (the SDK's type says Date).
  const raw = JSON.stringify({ destination: state.botInfo(token)!.userId, events: [] });
  const signature = createHmac('sha256', state.channelSecret(token)!).update(raw).digest('base64');
  const timestamp = new Date(state.now()).toISOString();
  try {
    const res = await fetch(state.reachable(endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': signature, 'user-agent': 'LineBotWebhook/2.0' },
      body: raw,
      signal: AbortSignal.timeout(2000),
    });
    await res.arrayBuffer();
    if (res.status === 200) return { success: true, timestamp, statusCode: 200, reason: 'OK', detail: '200' };
    return { success: false, timestamp, statusCode: res.status, reason: 'ERROR_STATUS_CODE', detail: `The webhook returned an HTTP status code other than 200.(${res.status} ${STATUS_CODES[res.status] ?? ''})`.replace(' )', ')') };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    return { success: false, timestamp, statusCode: 0, reason: timedOut ? 'REQUEST_TIMEOUT' : 'COULD_NOT_CONNECT', detail: timedOut ? 'Request timeout' : 'Connection failed' };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINE_ID = /^[UCR][0-9a-f]{32}$/;

function recordAndInjectFaults(state: FakeLineState) {
  return async (ctx: Context, next: Next) => {
    const requestId = randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('x-line-request-id', requestId);
    const raw = await readRaw(ctx);
    ctx.state.rawBody = raw;
    const request: RecordedRequest = {
      method: ctx.method,
      path: ctx.path,
      query: Object.fromEntries(new URLSearchParams(ctx.querystring)),
      headers: flatHeaders(ctx.headers),
      body: parseMaybeJson(raw),
      at: state.now(),
    };
    state.requests.push(request);
    state.emit('request', request);
    try {
      const fault = state.takeFault(ctx.path);
      if (fault?.delayMs) await sleep(fault.delayMs);
      const injects = fault !== undefined && (fault.status !== undefined || fault.cutConnection === true);
      if (injects && !fault.afterDelivery) return applyFault(ctx, fault);
      await next();
      if (injects) applyFault(ctx, fault);
    } finally {
      request.status = ctx.status;
    }
  };
}

function applyFault(ctx: Context, fault: FakeFault) {
  if (fault.cutConnection) {
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  const status = fault.status ?? 500;
  for (const [k, v] of Object.entries(fault.headers ?? {})) ctx.set(k, v);
  answer(ctx, status, fault.body ?? defaultErrorBody(status));
}

function defaultErrorBody(status: number): unknown {
  if (status === 401) return AUTH_FAILED;
  if (status === 429) return { message: 'Too Many Requests' };
  return { message: STATUS_CODES[status] ?? 'Error' };
}

function requireChannelToken(state: FakeLineState) {
  return async (ctx: Context, next: Next) => {
    const match = /^Bearer (.+)$/.exec(ctx.get('authorization'));
    if (!match || !state.isAcceptedToken(match[1])) {
      ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return answer(ctx, 401, AUTH_FAILED);
    }
    ctx.state.channelAccessToken = match[1];
    await next();
  };
}

/** LINE's answer to a body that is not a JSON object. */
const INVALID_JSON = { message: 'The request body has 1 error(s)', details: [{ message: 'Invalid JSON', property: '' }] };

export interface LineErrorDetail {
  message: string;
  property: string;
}

function validationError(details: LineErrorDetail[]) {
  return { message: `The request body has ${details.length} error(s)`, details };
}

const MESSAGE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video', 'audio', 'location', 'imagemap', 'template', 'flex']);
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeCount(s: string): number {
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

/** The checks LINE makes that our product can trip over: counts, lengths, required fields. */
export function validateMessages(messages: unknown, requireHttpsMedia = true): LineErrorDetail[] {
  const details: LineErrorDetail[] = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > LINE_LIMITS.messagesPerRequest) {
    return [{ message: `size must be between 1 and ${LINE_LIMITS.messagesPerRequest}`, property: 'messages' }];
  }
  messages.forEach((m: unknown, i) => {
    const at = `messages[${i}]`;
    if (!m || typeof m !== 'object') return details.push({ message: 'must be specified', property: at });
    const msg = m as Record<string, unknown>;
    if (typeof msg.type !== 'string' || !MESSAGE_TYPES.has(msg.type)) return details.push({ message: 'invalid message type', property: `${at}.type` });
    const str = (key: string, max: number) => {
      const v = msg[key];
      if (typeof v !== 'string' || v.length === 0) details.push({ message: 'must be specified', property: `${at}.${key}` });
      else if (v.length > max) details.push({ message: `Length must be between 0 and ${max}`, property: `${at}.${key}` });
    };
    const url = (key: string) => {
      const v = msg[key];
      if (typeof v !== 'string' || v.length === 0) details.push({ message: 'must be specified', property: `${at}.${key}` });
      else if (requireHttpsMedia && !v.startsWith('https://')) details.push({ message: 'must be a valid HTTPS URL', property: `${at}.${key}` });
    };
    switch (msg.type) {
      case 'text':
      case 'textV2':
        str('text', LINE_LIMITS.textLength);
        break;
      case 'image':
      case 'video':
        url('originalContentUrl');
        url('previewImageUrl');
        break;
      case 'audio':
        url('originalContentUrl');
        break;
      case 'flex':
      case 'template':
      case 'imagemap':
        str('altText', LINE_LIMITS.altTextLength);
        if (msg.type === 'flex' && (msg.contents === null || typeof msg.contents !== 'object')) details.push({ message: 'must be specified', property: `${at}.contents` });
        if (msg.type === 'template' && (msg.template === null || typeof msg.template !== 'object')) details.push({ message: 'must be specified', property: `${at}.template` });
        break;
    }
    if (msg.quickReply !== undefined) validateQuickReply(msg.quickReply, `${at}.quickReply`, details);
  });
  return details;
}

function validateQuickReply(quickReply: unknown, at: string, details: LineErrorDetail[]) {
  const items = (quickReply as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length < 1 || items.length > LINE_LIMITS.quickReplyItems) {
    details.push({ message: `size must be between 1 and ${LINE_LIMITS.quickReplyItems}`, property: `${at}.items` });
    return;
  }
  items.forEach((item: unknown, j) => {
    const action = (item as { action?: { type?: unknown; label?: unknown } } | null)?.action;
    if (!action || typeof action.type !== 'string') return details.push({ message: 'must be specified', property: `${at}.items[${j}].action` });
    // Camera, camera roll and location buttons have a default label; the others need one.
    const needsLabel = !['camera', 'cameraRoll', 'location'].includes(action.type);
    if (typeof action.label !== 'string' || action.label.length === 0) {
      if (needsLabel) details.push({ message: 'must be specified', property: `${at}.items[${j}].action.label` });
    } else if (graphemeCount(action.label) > LINE_LIMITS.quickReplyLabelLength) {
      details.push({ message: `Length must be between 0 and ${LINE_LIMITS.quickReplyLabelLength}`, property: `${at}.items[${j}].action.label` });
    }
  });
}

const QUOTABLE = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

function sent(messages: LineMessage[]): LineSentMessage[] {
  return messages.map((m) => ({
    // LINE message ids are 18-digit decimal strings.
    id: String(randomInt(100_000_000, 1_000_000_000)) + String(randomInt(0, 1_000_000_000)).padStart(9, '0'),
    ...(QUOTABLE.has(m.type) ? { quoteToken: randomBytes(48).toString('base64url') } : {}),
  }));
}
