import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type Koa from 'koa';
import type { Context, Middleware, Next } from 'koa';
import { createChatSimulator, type ChatSimulatorOptions } from './chat-simulator.ts';
import { simulatorTokenVerifier, type SimulatorStaffOptions } from './simulator-staff.ts';
import { createFakeLineApi, type FakeLineState } from '../fakes/line-api.ts';
import { createFakeTwilioApi, type FakeTwilioState } from '../fakes/twilio-api.ts';

/**
 * The fake LINE and Twilio platforms and the chat simulator, served outside production on a
 * listener of their own bound to loopback (dev/simulator/simulator-server.ts):
 *
 *   /dev/line-api/*    the fake LINE Messaging + data API (and LINE's own `/v2/bot/*` paths, see below)
 *   /dev/twilio-api/*  the fake Twilio REST + Content API
 *   /dev/chat*         the chat simulator (dev/simulator/chat-simulator.ts), only with the token
 *
 * Every request must name a loopback host (`127.0.0.1`, `localhost`, `[::1]`: a name of another
 * site that resolves to loopback, DNS rebinding, is refused) and, when a browser says where it
 * comes from (`Origin`, `Sec-Fetch-Site`), come from this same origin. The fakes read the request
 * stream themselves; behind a body reader each gets a fresh stream over `ctx.request.rawBody`.
 */

export interface DevPlatformsOptions {
  /** The api's origin as this process reaches it, e.g. `http://127.0.0.1:3000`: where the simulator posts webhooks. */
  selfUrl: () => string;
  /** Where these fakes are served, when not at `selfUrl` (the simulator's own listener). */
  fakesUrl?: () => string;
  /** The per-start secret the simulator's page and calls must carry (chat-simulator.ts). */
  token: string;
  /** PUBLIC_BASE_URL when set: the WhatsApp webhook verifies Twilio's signature over it. */
  publicBaseUrl?: () => string | undefined;
  line: { channelId: string; channelSecret: string; channelAccessToken: string };
  whatsapp: { channelId: string; accountSid: string; authToken: string; businessNumber: string };
  /** The org whose staff apps the simulator opens as a chosen staff member (simulator-staff.ts). */
  staff?: SimulatorStaffOptions;
  /** Connects the simulator's LINE channel to another business (chat-simulator.ts `business`). */
  connectBusinessLine?: ChatSimulatorOptions['connectBusinessLine'];
}

export interface DevPlatforms {
  lineState: FakeLineState;
  twilioState: FakeTwilioState;
  middleware: Middleware;
  /** Base URL for this channel's LINE SDK clients, messaging and data API alike. */
  lineApiBaseUrl(): string;
  /** Base URL for the Twilio client (`apiBaseUrl` of bot/whatsapp/twilio-client.ts). */
  twilioApiBaseUrl(): string;
  /** Checks the ID tokens the simulator hands the staff apps: the api's `localVerifier` while the simulator runs. */
  verifyLiffIdToken(idToken: string): { sub: string; name?: string } | undefined;
}

export const LINE_API_PREFIX = '/dev/line-api';
export const TWILIO_API_PREFIX = '/dev/twilio-api';

export function createDevPlatforms(opts: DevPlatformsOptions): DevPlatforms {
  const line = createFakeLineApi({ channels: [{ channelAccessToken: opts.line.channelAccessToken }], requireHttpsMedia: false });
  const twilio = createFakeTwilioApi({ accounts: [{ accountSid: opts.whatsapp.accountSid, authToken: opts.whatsapp.authToken }] });
  const simulator = createChatSimulator({
    selfUrl: opts.selfUrl,
    token: opts.token,
    publicBaseUrl: opts.publicBaseUrl,
    line: opts.line,
    whatsapp: opts.whatsapp,
    lineState: line.state,
    twilioState: twilio.state,
    staff: opts.staff,
    connectBusinessLine: opts.connectBusinessLine,
  });
  // A development server runs for days: keep the fakes' request logs short (deliveries stay).
  line.state.on('request', () => trim(line.state.requests));
  twilio.state.on('request', () => trim(twilio.state.requests));
  const serveLine = mounted(line.app);
  const serveTwilio = mounted(twilio.app);

  const middleware: Middleware = async (ctx: Context, next: Next) => {
    const refusal = refuseForeign(ctx);
    if (refusal) {
      ctx.status = 403;
      ctx.body = { error: { code: 'forbidden', message: refusal, details: null } };
      return;
    }
    const path = ctx.path;
    const linePath = under(path, LINE_API_PREFIX);
    if (linePath !== undefined) return serveLine(ctx, linePath);
    // @line/bot-sdk resolves its absolute paths with `new URL(path, baseURL)`, which drops the
    // base URL's path: with baseURL `<self>/dev/line-api` it calls `<self>/v2/bot/...`.
    if (path.startsWith('/v2/bot/')) return serveLine(ctx, path);
    const twilioPath = under(path, TWILIO_API_PREFIX);
    if (twilioPath !== undefined) return serveTwilio(ctx, twilioPath);
    return simulator(ctx, next);
  };

  return {
    lineState: line.state,
    twilioState: twilio.state,
    middleware,
    lineApiBaseUrl: () => (opts.fakesUrl ?? opts.selfUrl)() + LINE_API_PREFIX,
    twilioApiBaseUrl: () => (opts.fakesUrl ?? opts.selfUrl)() + TWILIO_API_PREFIX,
    verifyLiffIdToken: simulatorTokenVerifier(line.state),
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Why a request may not reach the simulator or the fakes, or undefined: a Host that is not a
 * loopback name, or a browser request from another origin.
 */
export function refuseForeign(ctx: Context): string | undefined {
  const host = ctx.get('host').toLowerCase();
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  if (!LOOPBACK_HOSTS.has(hostname)) return 'The simulator answers only on a loopback address';
  const origin = ctx.get('origin');
  if (origin && origin !== `http://${host}`) return 'Requests from another site are refused';
  const site = ctx.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return 'Requests from another site are refused';
  return undefined;
}

function trim(list: unknown[], keep = 500): void {
  if (list.length > keep) list.splice(0, list.length - keep);
}

/** The path below `prefix`, or undefined when `path` is not under it. */
function under(path: string, prefix: string): string | undefined {
  if (path === prefix) return '/';
  return path.startsWith(prefix + '/') ? path.slice(prefix.length) : undefined;
}

/**
 * Runs a whole Koa app inside this request: its middleware on a context of its own (request path
 * without the prefix, body as a fresh stream), sharing our response so that its headers land on
 * it; its status and body are then handed to our context, so the outer middleware (access log,
 * error shaping) sees what was answered.
 */
function mounted(app: Koa) {
  return async (ctx: Context, path: string) => {
    const body = ctx.request.rawBody ?? (await drain(ctx.req));
    const url = path + (ctx.querystring ? `?${ctx.querystring}` : '');
    const req = Object.assign(Readable.from([body]), {
      method: ctx.req.method,
      url,
      headers: ctx.req.headers,
      rawHeaders: ctx.req.rawHeaders,
      httpVersion: ctx.req.httpVersion,
      httpVersionMajor: ctx.req.httpVersionMajor,
      httpVersionMinor: ctx.req.httpVersionMinor,
      socket: ctx.req.socket,
      connection: ctx.req.socket,
      complete: true,
    }) as unknown as IncomingMessage;
    const inner = app.createContext(req, ctx.res);
    await run(app.middleware as Middleware[], inner);
    ctx.status = inner.status;
    ctx.body = inner.body;
  };
}

function run(middleware: Middleware[], ctx: Context): Promise<void> {
  const dispatch = async (i: number): Promise<void> => {
    const fn = middleware[i];
    if (fn) await fn(ctx, () => dispatch(i + 1));
  };
  return dispatch(0);
}

/** No body reader in front (GET, or a bare harness): read what there is. */
function drain(req: IncomingMessage): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
