import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context, Middleware, Next } from 'koa';
import { z } from 'zod';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { signTwilioRequest } from '../../bot/whatsapp/twilio-signature.ts';
import type { FakeLineState, LineDelivery } from '../fakes/line-api.ts';
import type { FakeTwilioState, TwilioDelivery } from '../fakes/twilio-api.ts';
import { activeBusinessSlug, businessesForSimulator, CUSTOMER_PAGES, customerPageAddress, invitationAddress, STAFF_APPS, staffAppAddress, staffForSimulator, type SimulatorStaffOptions } from './simulator-staff.ts';

/**
 * The development chat simulator: a page where someone without a LINE account plays a customer
 * (LINE or WhatsApp) or a staff member in a LINE group. What they "say" becomes the webhook the
 * platform would send, signed as the platform signs it, POSTed to this server's own webhook
 * endpoints; what the bot sends back is read from the fake platform APIs' recorded deliveries.
 *
 * Every route needs the per-start token (404 without it: there is nothing here for anyone else):
 * the page in its URL (`/dev/chat?token=…`, as the start banner prints it), its calls in the
 * `X-Simulator-Token` header, which no other site's page can set without this server's consent
 * (it gives none: no CORS). `send` takes only `application/json` (415 otherwise), so a form on
 * another site cannot post one.
 *
 *   GET  /dev/chat?token=…          the page
 *   GET  /dev/chat/info             bot user id and name, WhatsApp number, channel ids
 *   GET  /dev/chat/address?...      the platform address a page identity maps to
 *   POST /dev/chat/send             { platform, userId, displayName?, groupId?, groupName?, text?, postback?, event?, mentionBot? }
 *   GET  /dev/chat/feed?after=<n>   what the bot sent since seq n
 *   GET  /dev/chat/staff?business=  the staff one may open the staff apps as (simulator-staff.ts)
 *   POST /dev/chat/staff-app        { staffId, app, business? }: the app's address, signed in as that staff member
 *   GET  /dev/chat/businesses       the businesses one may play a customer or staff member of
 *   POST /dev/chat/invitation       { link, displayName? }: Settings signed in as a new LINE user, the invitation in hand
 *   POST /dev/chat/customer-page    { page, userId, displayName?, business? }: the customer's card, bookings or booking form, signed in as them
 *
 * `business` (an org id) in `send`, `address` and the staff calls plays another business than the
 * default one: its customers write to a LINE Official Account of its own, the simulator's channel
 * of that org, made when first used (simulator-channels.ts). LINE gives a person another user id
 * for each business's account (ids are per provider), and so does the simulator.
 */

export interface ChatSimulatorOptions {
  /** The api's origin (`http://127.0.0.1:3000`): where the webhooks are POSTed. */
  selfUrl: () => string;
  /** The per-start secret every route needs. */
  token: string;
  /**
   * PUBLIC_BASE_URL when set: the WhatsApp webhook checks Twilio's signature over that URL, not
   * over the origin it was reached on, so the simulator must sign the same one.
   */
  publicBaseUrl?: () => string | undefined;
  line: { channelId: string; channelSecret: string; channelAccessToken: string };
  whatsapp: { channelId: string; accountSid: string; businessNumber: string; authToken: string };
  lineState: FakeLineState;
  twilioState: FakeTwilioState;
  /** Feed entries kept; older ones are dropped. */
  feedLimit?: number;
  /** The org whose staff apps the simulator opens (simulator-staff.ts); without it, it opens none. */
  staff?: SimulatorStaffOptions;
  /** Connects the simulator's LINE channel to another business (simulator-channels.ts): its id, or undefined when there is no such active business. */
  connectBusinessLine?: (orgId: string, line: { channelSecret: string; channelAccessToken: string }) => Promise<string | undefined>;
}

type LineChannelCredentials = ChatSimulatorOptions['line'];

export interface FeedItem {
  seq: number;
  platform: 'line' | 'whatsapp';
  /** LINE user or group id; WhatsApp `whatsapp:+…`. */
  to: string | undefined;
  at: number;
  kind: 'reply' | 'push' | 'whatsapp';
  /** LINE message objects as sent; for WhatsApp one `WhatsAppFeedMessage`. */
  messages: unknown[];
}

/** One Twilio message as the page needs it: the template's types with the variables filled in. */
export interface WhatsAppFeedMessage {
  sid: string;
  from: string | undefined;
  body: string | undefined;
  /** What the recipient reads: the body, or the content's text with variables filled. */
  renderedBody: string;
  mediaUrls: string[];
  contentSid: string | undefined;
  contentVariables: Record<string, string> | undefined;
  /** e.g. `{ 'twilio/quick-reply': { body, actions: [{ title, id }] } }`, variables filled. */
  types: Record<string, unknown> | undefined;
}

const PAGE_HTML = readFileSync(new URL('./chat-page.html', import.meta.url), 'utf8');

const sendSchema = z
  .object({
    platform: z.enum(['line', 'whatsapp']),
    userId: z.string().trim().min(1).max(200),
    displayName: z.string().trim().max(100).optional(),
    groupId: z.string().trim().max(200).optional(),
    groupName: z.string().trim().max(100).optional(),
    text: z.string().max(5000).optional(),
    postback: z
      .object({
        data: z.string().min(1).max(300),
        params: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    event: z.enum(['follow', 'unfollow', 'join', 'leave', 'memberJoined']).optional(),
    mentionBot: z.boolean().optional(),
    business: z.uuid().optional(),
  })
  .refine((b) => b.event !== undefined || b.postback !== undefined || (b.text !== undefined && b.text.trim() !== ''), {
    message: 'give text, postback or event',
    path: ['text'],
  });

export type SimulatorSend = z.infer<typeof sendSchema>;

/** A request the simulator will POST: path, headers and exact body bytes. */
export interface SimulatedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** LINE: the envelope; WhatsApp: the form params. */
  payload: unknown;
  /** Where the bot's answers to this conversation go (the `to` of feed items). */
  to: string;
}

export function createChatSimulator(opts: ChatSimulatorOptions): Middleware {
  const feed = new Feed(opts.feedLimit ?? 1000);
  opts.lineState.on('delivery', (d) => feed.add(lineItem(d)));
  opts.twilioState.on('delivery', (d) => feed.add(twilioItem(d)));

  const botUserId = (line: LineChannelCredentials = opts.line) => opts.lineState.botInfo(line.channelAccessToken)?.userId ?? '';
  /** Another business than the default one, when one is named. */
  const otherBusiness = (business: unknown): string | undefined => (typeof business === 'string' && business !== '' && business !== opts.staff?.orgId ? business : undefined);
  /** The business's own LINE channel: the default org's, or one made for another business on first use (once, however many ask at once). */
  const businessLines = new Map<string, Promise<LineChannelCredentials | undefined>>();
  const lineFor = (business: string | undefined): Promise<LineChannelCredentials | undefined> => {
    if (!business) return Promise.resolve(opts.line);
    if (!opts.connectBusinessLine || !z.uuid().safeParse(business).success) return Promise.resolve(undefined);
    let line = businessLines.get(business);
    if (!line) {
      const credentials = { channelSecret: randomBytes(16).toString('hex'), channelAccessToken: `sim-${randomBytes(24).toString('hex')}` };
      opts.lineState.addChannel({ ...credentials, bot: { displayName: 'Opsdesk (simulated business)' } });
      line = opts.connectBusinessLine(business, credentials).then((channelId) => (channelId ? { channelId, ...credentials } : undefined));
      line.then((l) => l || businessLines.delete(business), () => businessLines.delete(business));
      businessLines.set(business, line);
    }
    return line;
  };
  /** A LINE user or group id as another business's account knows the person: LINE's ids are per provider. */
  const asSeenBy = (business: string | undefined, id: (input: string) => string, input: string) => (business ? id(`${business}/${input}`) : id(input));
  const staffOf = (business: string | undefined): SimulatorStaffOptions | undefined => (opts.staff && business ? { ...opts.staff, orgId: business } : opts.staff);

  return async (ctx: Context, next: Next) => {
    const path = ctx.path;
    if (path !== '/dev/chat' && !path.startsWith('/dev/chat/')) return next();
    const route = `${ctx.method} ${path.replace(/\/+$/, '') || '/'}`;
    const given = route === 'GET /dev/chat' ? String(ctx.query.token ?? '') : ctx.get('x-simulator-token');
    if (!tokenMatches(given, opts.token)) {
      return problem(ctx, 404, 'Open the simulator at the address printed when the server started (it carries a token)', undefined, 'not_found');
    }
    switch (route) {
      case 'GET /dev/chat':
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('Cache-Control', 'no-store');
        // The token is in this page's URL: never send it on, never show the page inside another site's.
        ctx.set('Referrer-Policy', 'no-referrer');
        ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
        ctx.set('X-Frame-Options', 'DENY');
        ctx.body = PAGE_HTML;
        return;
      case 'GET /dev/chat/info': {
        const bot = opts.lineState.botInfo(opts.line.channelAccessToken);
        ctx.body = {
          line: { channelId: opts.line.channelId, botUserId: bot?.userId, botName: bot?.displayName },
          whatsapp: { channelId: opts.whatsapp.channelId, businessNumber: opts.whatsapp.businessNumber },
        };
        return;
      }
      case 'GET /dev/chat/address': {
        const q = ctx.query;
        const platform = q.platform === 'whatsapp' ? 'whatsapp' : 'line';
        const userId = String(q.userId ?? '').trim();
        const groupId = String(q.groupId ?? '').trim();
        const business = otherBusiness(q.business);
        if (!userId) return problem(ctx, 422, 'userId is required');
        ctx.body =
          platform === 'whatsapp'
            ? { user: whatsappAddress(userId) }
            : { user: asSeenBy(business, lineUserId, userId), ...(groupId ? { group: asSeenBy(business, lineGroupId, groupId) } : {}) };
        return;
      }
      case 'GET /dev/chat/feed': {
        const after = Number(ctx.query.after ?? 0);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { items: feed.since(Number.isFinite(after) ? after : 0), last: feed.last };
        return;
      }
      case 'POST /dev/chat/send':
        return send(ctx);
      case 'GET /dev/chat/staff': {
        const business = otherBusiness(ctx.query.business);
        if (business && !z.uuid().safeParse(business).success) return problem(ctx, 422, 'business is an org id');
        const staff = staffOf(business);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { staff: staff ? await staffForSimulator(staff) : [], apps: STAFF_APPS };
        return;
      }
      case 'POST /dev/chat/staff-app':
        return openStaffApp(ctx);
      case 'GET /dev/chat/businesses':
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { businesses: opts.staff ? await businessesForSimulator(opts.staff.knex) : [] };
        return;
      case 'POST /dev/chat/invitation':
        return openInvitation(ctx);
      case 'POST /dev/chat/customer-page':
        return openCustomerPage(ctx);
      default:
        if (['/dev/chat/info', '/dev/chat/address', '/dev/chat/feed', '/dev/chat/send', '/dev/chat/staff', '/dev/chat/staff-app', '/dev/chat/businesses', '/dev/chat/invitation', '/dev/chat/customer-page'].includes(path) || path === '/dev/chat') {
          return problem(ctx, 405, `${ctx.method} is not allowed here`);
        }
        return next();
    }
  };

  async function openStaffApp(ctx: Context) {
    if (!ctx.is('application/json')) return problem(ctx, 415, 'Send the simulator request as application/json', undefined, 'unsupported_media_type');
    if (!opts.staff) return problem(ctx, 404, 'The simulator opens no staff apps here', undefined, 'not_found');
    const parsed = z
      .object({ staffId: z.uuid(), app: z.enum(STAFF_APPS), business: z.uuid().optional() })
      .safeParse(await readJson(ctx));
    if (!parsed.success) return problem(ctx, 422, 'Give staffId and app', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const business = otherBusiness(parsed.data.business);
    const url = await staffAppAddress(
      {
        ...staffOf(business)!,
        lineState: opts.lineState,
        selfUrl: opts.selfUrl,
        // A staff member without LINE enrols by sending their code to their own business's bot.
        sendText: async (userId, text) => {
          const line = await lineFor(business);
          if (!line) throw new Error('That business is not active');
          const webhook = buildLineWebhook({ platform: 'line', userId, text }, { ...line, lineState: opts.lineState, botUserId: botUserId(line) });
          const res = await fetch(opts.selfUrl() + webhook.path, { method: 'POST', headers: webhook.headers, body: webhook.body, signal: AbortSignal.timeout(15_000) });
          if (!res.ok) throw new Error(`The enrolment message was refused (${res.status})`);
        },
      },
      parsed.data.staffId,
      parsed.data.app,
    );
    if (!url) return problem(ctx, 404, 'No active staff member with this id', undefined, 'not_found');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { url };
  }

  /** The customer's own page, as the rich menu opens it in LINE, signed in as the customer the page plays. */
  async function openCustomerPage(ctx: Context) {
    if (!ctx.is('application/json')) return problem(ctx, 415, 'Send the simulator request as application/json', undefined, 'unsupported_media_type');
    const parsed = z
      .object({ page: z.enum(CUSTOMER_PAGES), userId: z.string().trim().min(1).max(200), displayName: z.string().trim().max(100).optional(), business: z.uuid().optional() })
      .safeParse(await readJson(ctx));
    if (!parsed.success) return problem(ctx, 422, 'Give page and userId', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const business = otherBusiness(parsed.data.business);
    // Another business's booking form is its website form, as the bot links it for that business's
    // LINE customers (bot/conversation/booking-slots.ts `bookingFormLink`): the LIFF app serves the
    // default business's Official Account.
    const slug = business && parsed.data.page === 'book' ? opts.staff && (await activeBusinessSlug(opts.staff.knex, business)) : undefined;
    if (business && parsed.data.page === 'book' && !slug) return problem(ctx, 404, 'No active business with this id', undefined, 'not_found');
    const url = slug
      ? `${opts.selfUrl()}/liff/book?org=${encodeURIComponent(slug)}`
      : customerPageAddress({ lineState: opts.lineState, selfUrl: opts.selfUrl }, parsed.data.page, {
          lineUserId: asSeenBy(business, lineUserId, parsed.data.userId),
          displayName: parsed.data.displayName || 'Customer',
        });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { url };
  }

  /** An invitation link (POST /platform/v1/orgs), opened in Settings by a new LINE user of the simulator's. */
  async function openInvitation(ctx: Context) {
    if (!ctx.is('application/json')) return problem(ctx, 415, 'Send the simulator request as application/json', undefined, 'unsupported_media_type');
    const parsed = z.object({ link: z.string().trim().min(1).max(2000), displayName: z.string().trim().min(1).max(100).optional() }).safeParse(await readJson(ctx));
    if (!parsed.success) return problem(ctx, 422, 'Paste the invitation link', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const url = invitationAddress(
      { lineState: opts.lineState, selfUrl: opts.selfUrl },
      { link: parsed.data.link, lineUserId: lineUserId(`invited ${randomBytes(8).toString('hex')}`), displayName: parsed.data.displayName ?? 'New owner' },
    );
    if (!url) return problem(ctx, 422, 'That is not an invitation link: it has no invitation in it', [{ path: 'link', message: 'no invitation= in the link' }]);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { url };
  }

  async function readJson(ctx: Context): Promise<unknown> {
    try {
      return JSON.parse((ctx.request.rawBody ?? (await readStream(ctx))).toString('utf8'));
    } catch {
      return undefined;
    }
  }

  async function send(ctx: Context) {
    if (!ctx.is('application/json')) {
      return problem(ctx, 415, 'Send the simulator request as application/json', undefined, 'unsupported_media_type');
    }
    let json: unknown;
    try {
      const raw = ctx.request.rawBody ?? (await readStream(ctx));
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return problem(ctx, 400, 'The request body is not valid JSON', undefined, 'malformed_body');
    }
    const parsed = sendSchema.safeParse(json);
    if (!parsed.success) {
      return problem(
        ctx,
        422,
        'The simulator request is not valid',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    const business = otherBusiness(parsed.data.business);
    if (business && parsed.data.platform === 'whatsapp') return problem(ctx, 422, 'The simulator plays WhatsApp for the default business only', [{ path: 'business', message: 'not with whatsapp' }]);
    const line = await lineFor(business);
    if (!line) return problem(ctx, 404, 'No active business with this id', { business }, 'not_found');
    let webhook: SimulatedWebhook;
    try {
      const input = business
        ? { ...parsed.data, userId: asSeenBy(business, lineUserId, parsed.data.userId), ...(parsed.data.groupId ? { groupId: asSeenBy(business, lineGroupId, parsed.data.groupId) } : {}) }
        : parsed.data;
      webhook =
        parsed.data.platform === 'line'
          ? buildLineWebhook(input, { ...line, lineState: opts.lineState, botUserId: botUserId(line) })
          : buildTwilioWebhook(parsed.data, { ...opts.whatsapp, baseUrl: opts.publicBaseUrl?.() || opts.selfUrl() });
    } catch (err) {
      if (err instanceof SimulatorInputError) return problem(ctx, 422, err.message);
      throw err;
    }
    let res: Response;
    try {
      res = await fetch(opts.selfUrl() + webhook.path, {
        method: 'POST',
        headers: webhook.headers,
        body: webhook.body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      return problem(ctx, 502, `The webhook could not be reached: ${(err as Error).message}`, { url: opts.selfUrl() + webhook.path }, 'unavailable');
    }
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: res.status, body, to: webhook.to, webhook: { path: webhook.path, payload: webhook.payload } };
  }
}

/** Input that cannot become a webhook (a group event without a group...): a 422 for the page. */
export class SimulatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorInputError';
  }
}

// ---- LINE ----

/** Ids the page may type freely; LINE's format (U/C + 32 hex digits) is kept, anything else mapped stably. */
export function lineUserId(input: string): string {
  return /^U[0-9a-f]{32}$/.test(input) ? input : 'U' + sha256(input).slice(0, 32);
}

export function lineGroupId(input: string): string {
  return /^C[0-9a-f]{32}$/.test(input) ? input : 'C' + sha256(input).slice(0, 32);
}

/** Events LINE sends with a reply token (unfollow and leave have none: the bot cannot answer). */
const REPLYABLE = new Set(['message', 'postback', 'follow', 'join', 'memberJoined']);

export function buildLineWebhook(
  input: SimulatorSend,
  ctx: { channelId: string; channelSecret: string; channelAccessToken: string; lineState: FakeLineState; botUserId: string; now?: number },
): SimulatedWebhook {
  const userId = lineUserId(input.userId);
  const groupId = input.groupId ? lineGroupId(input.groupId) : undefined;
  const now = ctx.now ?? Date.now();
  const state = ctx.lineState;

  // Lets the server's profile and group-summary look-ups answer as LINE would.
  if (input.displayName) state.addProfile({ userId, displayName: input.displayName, language: 'th' });
  if (groupId && !state.group(groupId)) state.addGroup({ groupId, groupName: input.groupName || 'Staff group' });
  else if (groupId && input.groupName) state.addGroup({ groupId, groupName: input.groupName });

  const event = input.event;
  if (event && ['join', 'leave', 'memberJoined'].includes(event) && !groupId) throw new SimulatorInputError(`A ${event} event needs groupId`);
  const inGroup = groupId !== undefined && event !== 'follow' && event !== 'unfollow';
  // join/leave concern the bot itself: LINE sends them without a user.
  const source = inGroup
    ? event === 'join' || event === 'leave' || event === 'memberJoined'
      ? { type: 'group', groupId }
      : { type: 'group', groupId, userId }
    : { type: 'user', userId };

  let type: string;
  let specific: Record<string, unknown>;
  if (event === 'follow') {
    type = 'follow';
    specific = { follow: { isUnblocked: false } };
  } else if (event === 'memberJoined') {
    type = 'memberJoined';
    specific = { joined: { members: [{ type: 'user', userId }] } };
  } else if (event) {
    type = event;
    specific = {};
  } else if (input.postback) {
    type = 'postback';
    specific = { postback: { data: input.postback.data, ...(input.postback.params ? { params: input.postback.params } : {}) } };
  } else {
    type = 'message';
    specific = { message: textMessage(input.text ?? '', inGroup && input.mentionBot === true, ctx) };
  }

  const replyToken = REPLYABLE.has(type)
    ? state.issueReplyToken({ source: inGroup ? groupId : userId, channelAccessToken: ctx.channelAccessToken })
    : undefined;
  // LINE's own field order: type, the type's object, then the common fields.
  const lineEvent = {
    type,
    ...specific,
    webhookEventId: ulid(now),
    deliveryContext: { isRedelivery: false },
    timestamp: now,
    source,
    ...(replyToken ? { replyToken } : {}),
    mode: 'active',
  };
  const envelope = { destination: ctx.botUserId, events: [lineEvent] };
  const body = JSON.stringify(envelope);
  return {
    path: `/webhooks/line/${encodeURIComponent(ctx.channelId)}`,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-line-signature': signLineBody(body, ctx.channelSecret),
      'user-agent': 'LineBotWebhook/2.0',
    },
    body,
    payload: envelope,
    to: inGroup ? (groupId as string) : userId,
  };
}

function textMessage(text: string, mentionBot: boolean, ctx: { lineState: FakeLineState; channelAccessToken: string; botUserId: string }) {
  const message: Record<string, unknown> = { type: 'text', id: lineMessageId(), quoteToken: randomBytes(32).toString('base64url'), text };
  if (mentionBot) {
    // LINE puts "@Name" into the text and points at it with index/length (UTF-16 units).
    const tag = `@${ctx.lineState.botInfo(ctx.channelAccessToken)?.displayName ?? 'bot'}`;
    const withTag = text.startsWith(tag) ? text : `${tag} ${text}`;
    message.text = withTag;
    message.mention = { mentionees: [{ index: 0, length: tag.length, type: 'user', userId: ctx.botUserId, isSelf: true }] };
  }
  return message;
}

/** 18 decimal digits, as LINE's message ids. */
function lineMessageId(): string {
  return String(randomInt(100_000_000, 1_000_000_000)) + String(randomInt(0, 1_000_000_000)).padStart(9, '0');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 Crockford base32 characters, time first): LINE's webhookEventId format. */
export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[random[i] % 32];
  return time + rest;
}

// ---- WhatsApp (Twilio) ----

/**
 * The `whatsapp:+E164` address for what the page typed: a number as is (a Thai 0… number gets
 * +66), anything else a stable Thai mobile number derived from it.
 */
export function whatsappAddress(input: string): string {
  const trimmed = input.trim().replace(/^whatsapp:/, '');
  const compact = trimmed.replace(/[\s\-().]/g, '');
  if (/^\+?[1-9]\d{7,14}$/.test(compact) && !/^0/.test(compact)) return `whatsapp:+${compact.replace(/^\+/, '')}`;
  if (/^0\d{8,9}$/.test(compact)) return `whatsapp:+66${compact.slice(1)}`;
  const n = BigInt('0x' + sha256(trimmed).slice(0, 12)) % 100_000_000n;
  return `whatsapp:+668${n.toString().padStart(8, '0')}`;
}

export function buildTwilioWebhook(
  input: SimulatorSend,
  ctx: { channelId: string; accountSid: string; authToken: string; businessNumber: string; baseUrl: string },
): SimulatedWebhook {
  if (input.event) throw new SimulatorInputError(`WhatsApp has no ${input.event} event`);
  const from = whatsappAddress(input.userId);
  const to = ctx.businessNumber.startsWith('whatsapp:') ? ctx.businessNumber : `whatsapp:${ctx.businessNumber}`;
  const sid = 'SM' + randomBytes(16).toString('hex');
  const text = input.text ?? '';
  // The parameters Twilio sends for an incoming WhatsApp message, in its order.
  const params: Record<string, string> = {
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: input.displayName || 'WhatsApp user',
    MessageType: input.postback ? 'button' : 'text',
    SmsSid: sid,
    WaId: from.slice('whatsapp:+'.length),
    SmsStatus: 'received',
    Body: text,
    To: to,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: ctx.accountSid,
    From: from,
    ApiVersion: '2010-04-01',
  };
  if (input.postback) {
    // A tapped quick-reply or list item: its id and the title the customer saw.
    params.ButtonPayload = input.postback.data;
    params.ButtonText = text || input.postback.data;
    params.Body = params.ButtonText;
  }
  const path = `/webhooks/whatsapp/${encodeURIComponent(ctx.channelId)}`;
  const url = ctx.baseUrl.replace(/\/+$/, '') + path;
  return {
    path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-twilio-signature': signTwilioRequest(ctx.authToken, url, params),
      'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
      'user-agent': 'TwilioProxy/1.1',
    },
    body: new URLSearchParams(params).toString(),
    payload: params,
    to: from,
  };
}

// ---- the feed ----

class Feed {
  readonly items: FeedItem[] = [];
  last = 0;
  readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  add(item: Omit<FeedItem, 'seq'>): void {
    this.items.push({ seq: ++this.last, ...item });
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  since(after: number): FeedItem[] {
    return this.items.filter((i) => i.seq > after);
  }
}

function lineItem(d: LineDelivery): Omit<FeedItem, 'seq'> {
  return { platform: 'line', to: d.to, at: d.at, kind: d.kind, messages: d.messages };
}

function twilioItem(d: TwilioDelivery): Omit<FeedItem, 'seq'> {
  const vars = { ...d.content?.variables, ...d.contentVariables };
  const message: WhatsAppFeedMessage = {
    sid: d.sid,
    from: d.from,
    body: d.body,
    renderedBody: d.renderedBody,
    mediaUrls: d.mediaUrls,
    contentSid: d.contentSid,
    contentVariables: d.contentVariables,
    types: d.content ? (fillVariables(d.content.types, vars) as Record<string, unknown>) : undefined,
  };
  return { platform: 'whatsapp', to: d.to, at: d.at, kind: 'whatsapp', messages: [message] };
}

function fillVariables(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (m, name: string) => vars[name] ?? m);
  if (Array.isArray(value)) return value.map((v) => fillVariables(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillVariables(v, vars)]));
  return value;
}

// ---- helpers ----

/** The token, compared in constant time. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The app's error shape, so the page reads one format. */
function problem(ctx: Context, status: number, message: string, details?: unknown, code?: string) {
  ctx.status = status;
  ctx.body = { error: { code: code ?? (status === 422 ? 'validation_failed' : status === 405 ? 'method_not_allowed' : 'error'), message, details: details ?? null } };
}

/** Without the app's body reader in front (a bare harness), read the stream here. */
function readStream(ctx: Context): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1024 * 1024) reject(new Error('too large'));
      else chunks.push(c);
    });
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)));
    ctx.req.on('error', reject);
  });
}
