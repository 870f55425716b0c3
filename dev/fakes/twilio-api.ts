import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import Router from '@koa/router';
import Koa from 'koa';
import type { Context, Next } from 'koa';
import { FaultPlan, answer, flatHeaders, readRaw, sleep, startFake, waitFor, type FakeFault, type RecordedRequest, type RunningFake } from './server-kit.ts';

export type { FakeFault, RecordedRequest };

/**
 * A local stand-in for Twilio: the REST API's Messages resource (api.twilio.com) and the Content
 * API (content.twilio.com) on one origin, speaking Twilio's wire format, so the real `twilio`
 * client can be pointed at it (see bot/whatsapp/twilio-client.ts). Used by tests and by the
 * development chat simulator. Status callbacks are not sent: callers post those themselves.
 */

export const DEFAULT_TWILIO_ACCOUNT_SID = 'AC' + '0'.repeat(31) + '1';
export const DEFAULT_TWILIO_AUTH_TOKEN = 'fake-twilio-auth-token';

export const TWILIO_LIMITS = {
  bodyLength: 1600,
  contentBodyLength: 1024,
  quickReplyActions: 10,
  listPickerItems: 10,
} as const;

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
}

export interface FakeTwilioOptions {
  /** Accepted credentials; default one account with DEFAULT_TWILIO_ACCOUNT_SID / DEFAULT_TWILIO_AUTH_TOKEN. */
  accounts?: TwilioAccount[];
  now?: () => number;
  /** When set, `From` must be one of these (else 63007, as for a sender the account does not have). */
  senders?: string[];
}

/** Twilio's error body. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  detail?: string;
}

export type TwilioMessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read' | 'accepted' | 'scheduled' | 'canceled' | 'receiving' | 'received';

/** A Content API resource as Twilio returns it (snake_case, `types` keyed "twilio/text"...). */
export interface TwilioContentResource {
  sid: string;
  account_sid: string;
  friendly_name: string | null;
  language: string;
  variables: Record<string, string>;
  types: Record<string, Record<string, unknown>>;
  url: string;
  links: Record<string, string>;
  date_created: string;
  date_updated: string;
}

/** One accepted `POST .../Messages.json`. */
export interface TwilioDelivery {
  sid: string;
  accountSid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string | undefined;
  mediaUrls: string[];
  contentSid: string | undefined;
  contentVariables: Record<string, string> | undefined;
  /** The template `contentSid` names, when it does. */
  content: TwilioContentResource | undefined;
  /** Body, or the template's text with the variables filled in: what the recipient reads. */
  renderedBody: string;
  statusCallback: string | undefined;
  /** Every form parameter as sent (repeated ones as arrays). */
  params: Record<string, string | string[]>;
  status: TwilioMessageStatus;
  at: number;
}




type TwilioEvents = { delivery: [TwilioDelivery]; request: [RecordedRequest]; content: [TwilioContentResource] };

export class FakeTwilioState extends EventEmitter<TwilioEvents> {
  readonly deliveries: TwilioDelivery[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly now: () => number;
  senders: string[] | undefined;
  /** SMS recipients who texted STOP to a sender, as `from|to`: Twilio refuses sends to them (21610). */
  readonly stopped = new Set<string>();

  private readonly accounts = new Map<string, string>();
  private readonly contents = new Map<string, TwilioContentResource>();
  private readonly faults = new FaultPlan();

  constructor(opts: FakeTwilioOptions = {}) {
    super();
    this.now = opts.now ?? Date.now;
    this.senders = opts.senders;
    for (const a of opts.accounts ?? [{ accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: DEFAULT_TWILIO_AUTH_TOKEN }]) this.addAccount(a);
  }

  /** The recipient texted STOP to this sender (Twilio's own opt-out list): sends to them are refused with 21610 until START. */
  optOut(from: string, to: string, stopped = true): void {
    if (stopped) this.stopped.add(`${from}|${to}`);
    else this.stopped.delete(`${from}|${to}`);
  }

  addAccount(account: TwilioAccount): void {
    this.accounts.set(account.accountSid, account.authToken);
  }

  /** @internal */
  authenticate(user: string, password: string): boolean {
    return this.accounts.get(user) === password;
  }

  /** Registers a template as if created through the Content API; returns the resource. */
  addContentTemplate(
    input: { friendly_name?: string; language?: string; variables?: Record<string, string>; types: Record<string, Record<string, unknown>> },
    accountSid = DEFAULT_TWILIO_ACCOUNT_SID,
  ): TwilioContentResource {
    const sid = twilioSid('HX');
    const at = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const resource: TwilioContentResource = {
      sid,
      account_sid: accountSid,
      friendly_name: input.friendly_name ?? null,
      language: input.language ?? 'en',
      variables: input.variables ?? {},
      types: input.types,
      url: `https://content.twilio.com/v1/Content/${sid}`,
      links: {
        approval_fetch: `https://content.twilio.com/v1/Content/${sid}/ApprovalRequests`,
        approval_create: `https://content.twilio.com/v1/Content/${sid}/ApprovalRequests/whatsapp`,
      },
      date_created: at,
      date_updated: at,
    };
    this.contents.set(sid, resource);
    this.emit('content', resource);
    return resource;
  }

  contentTemplate(sid: string): TwilioContentResource | undefined {
    return this.contents.get(sid);
  }

  /** @internal */
  contentTemplates(accountSid: string): TwilioContentResource[] {
    return [...this.contents.values()].filter((c) => c.account_sid === accountSid);
  }

  /** @internal */
  removeContentTemplate(sid: string): void {
    this.contents.delete(sid);
  }

  /** Moves a message on (the fetch endpoint reports it); callbacks are the caller's to post. */
  setMessageStatus(sid: string, status: TwilioMessageStatus): TwilioDelivery {
    const d = this.deliveries.find((x) => x.sid === sid);
    if (!d) throw new Error(`No Twilio message ${sid}`);
    d.status = status;
    return d;
  }

  /** As FakeLineState.failNext: `path` equals or ends the request path, or a RegExp. */
  failNext(path: string | RegExp, fault: FakeFault, times = 1): void {
    this.faults.add(path, fault, times);
  }

  deliveriesTo(to: string): TwilioDelivery[] {
    return this.deliveries.filter((d) => d.to === to);
  }

  waitForDeliveries(n: number, timeoutMs = 5000): Promise<TwilioDelivery[]> {
    return waitFor(
      (fn) => {
        this.on('delivery', fn);
        return () => this.off('delivery', fn);
      },
      () => this.deliveries.length >= n,
      timeoutMs,
      () => `expected ${n} Twilio deliveries, got ${this.deliveries.length}`,
    ).then(() => [...this.deliveries]);
  }

  /** Forgets deliveries, requests and faults; keeps accounts and content templates. */
  reset(): void {
    this.deliveries.length = 0;
    this.requests.length = 0;
    this.faults.clear();
  }

  /** @internal */
  takeFault(path: string): FakeFault | undefined {
    return this.faults.take(path);
  }

  /** @internal */
  record(delivery: TwilioDelivery): void {
    this.deliveries.push(delivery);
    this.emit('delivery', delivery);
  }
}

/** A SID: two-letter prefix and 32 hex digits. */
export function twilioSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

export function createFakeTwilioApi(opts: FakeTwilioOptions = {}): { app: Koa; state: FakeTwilioState } {
  const state = new FakeTwilioState(opts);
  const app = new Koa();
  app.silent = true;
  app.use(recordAndInjectFaults(state));

  const router = new Router();
  router.use(requireBasicAuth(state));

  router.post('/2010-04-01/Accounts/:AccountSid/Messages.json', (ctx) => {
    const accountSid = ctx.params.AccountSid;
    if (accountSid !== ctx.state.accountSid) return notFound(ctx);
    const form = ctx.state.form as URLSearchParams;
    const p = (k: string) => form.get(k) ?? undefined;
    const to = p('To');
    const from = p('From');
    const messagingServiceSid = p('MessagingServiceSid');
    const body = p('Body');
    const mediaUrls = form.getAll('MediaUrl');
    const contentSid = p('ContentSid');
    const rawVariables = p('ContentVariables');

    if (!to) return twilioError(ctx, 400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return twilioError(ctx, 400, 21603, "A 'From' phone number is required.");
    if (!body && mediaUrls.length === 0 && !contentSid) return twilioError(ctx, 400, 21619, 'A Message Body, Media URL or Content SID is required');
    if (!isAddress(to)) return twilioError(ctx, 400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (from && !isAddress(from)) return twilioError(ctx, 400, 21212, `Invalid From Number (caller ID): ${from}`);
    if (from && channelOf(from) !== channelOf(to)) return twilioError(ctx, 400, 21910, 'Invalid From and To pair. From and To should be of the same channel');
    if (from && state.senders && !state.senders.includes(from)) return twilioError(ctx, 400, 63007, 'Twilio could not find a Channel with the specified From address');
    if (from && state.stopped.has(`${from}|${to}`)) return twilioError(ctx, 400, 21610, 'Attempt to send to unsubscribed recipient');
    if (body && body.length > TWILIO_LIMITS.bodyLength) return twilioError(ctx, 400, 21617, `The concatenated message body exceeds the ${TWILIO_LIMITS.bodyLength} character limit`);
    if (rawVariables !== undefined && !contentSid) return twilioError(ctx, 400, 21654, 'A ContentSid must be specified if ContentVariables are provided in the request.');

    let content: TwilioContentResource | undefined;
    let contentVariables: Record<string, string> | undefined;
    if (contentSid) {
      content = state.contentTemplate(contentSid);
      if (!content || content.account_sid !== accountSid) return twilioError(ctx, 400, 21655, 'The ContentSid is Invalid');
      if (rawVariables !== undefined) {
        contentVariables = parseVariables(rawVariables);
        if (!contentVariables) return twilioError(ctx, 400, 21656, 'The ContentVariables Parameter is invalid');
      }
    }

    const at = state.now();
    const delivery: TwilioDelivery = {
      sid: twilioSid('SM'),
      accountSid,
      to,
      from,
      messagingServiceSid,
      body,
      mediaUrls,
      contentSid,
      contentVariables,
      content,
      renderedBody: content ? renderContent(content, contentVariables) : (body ?? ''),
      statusCallback: p('StatusCallback'),
      params: formObject(form),
      status: 'queued',
      at,
    };
    state.record(delivery);
    answer(ctx, 201, messageResource(delivery));
  });

  router.get('/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid.json', (ctx) => {
    const d = state.deliveries.find((x) => x.sid === ctx.params.MessageSid && x.accountSid === ctx.params.AccountSid);
    if (!d || ctx.params.AccountSid !== ctx.state.accountSid) return notFound(ctx);
    answer(ctx, 200, messageResource(d));
  });

  router.post('/v1/Content', (ctx) => {
    const input = ctx.state.json as Record<string, unknown> | undefined;
    const problem = contentProblem(input);
    if (problem || !input) return twilioError(ctx, 400, 400, problem ?? 'Invalid JSON body');
    const resource = state.addContentTemplate(
      {
        friendly_name: typeof input.friendly_name === 'string' ? input.friendly_name : undefined,
        language: input.language as string,
        variables: (input.variables as Record<string, string> | undefined) ?? {},
        types: input.types as Record<string, Record<string, unknown>>,
      },
      ctx.state.accountSid as string,
    );
    answer(ctx, 201, resource);
  });

  router.get('/v1/Content', (ctx) => {
    const contents = state.contentTemplates(ctx.state.accountSid as string);
    const url = `https://content.twilio.com/v1/Content?PageSize=50&Page=0`;
    answer(ctx, 200, {
      contents,
      meta: { page: 0, page_size: 50, first_page_url: url, previous_page_url: null, url, next_page_url: null, key: 'contents' },
    });
  });

  router.get('/v1/Content/:Sid', (ctx) => {
    const c = state.contentTemplate(ctx.params.Sid);
    if (!c || c.account_sid !== ctx.state.accountSid) return notFound(ctx);
    answer(ctx, 200, c);
  });

  router.delete('/v1/Content/:Sid', (ctx) => {
    const c = state.contentTemplate(ctx.params.Sid);
    if (!c || c.account_sid !== ctx.state.accountSid) return notFound(ctx);
    state.removeContentTemplate(c.sid);
    ctx.status = 204;
  });

  app.use(router.routes());
  app.use((ctx) => notFound(ctx));
  return { app, state };
}

export type RunningFakeTwilioApi = RunningFake<FakeTwilioState>;

/** Listens on 127.0.0.1 (port 0 unless given); `url` serves as the API and the Content API base URL. */
export function startFakeTwilioApi(opts: FakeTwilioOptions & { port?: number; host?: string } = {}): Promise<RunningFakeTwilioApi> {
  return startFake(createFakeTwilioApi, opts);
}

// ---- request handling ----

function recordAndInjectFaults(state: FakeTwilioState) {
  return async (ctx: Context, next: Next) => {
    ctx.set('Twilio-Request-Id', twilioSid('RQ'));
    const raw = await readRaw(ctx);
    const request: RecordedRequest = {
      method: ctx.method,
      path: ctx.path,
      query: Object.fromEntries(new URLSearchParams(ctx.querystring)),
      headers: flatHeaders(ctx.headers),
      body: undefined,
      at: state.now(),
    };
    if (raw.length > 0) {
      if (ctx.is('application/x-www-form-urlencoded')) {
        ctx.state.form = new URLSearchParams(raw.toString('utf8'));
        request.body = formObject(ctx.state.form as URLSearchParams);
      } else {
        const text = raw.toString('utf8');
        try {
          ctx.state.json = JSON.parse(text);
          request.body = ctx.state.json;
        } catch {
          request.body = text;
        }
      }
    }
    ctx.state.form ??= new URLSearchParams();
    state.requests.push(request);
    state.emit('request', request);
    try {
      const fault = state.takeFault(ctx.path);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status !== undefined && !fault.afterDelivery) return applyFault(ctx, fault);
      await next();
      if (fault?.status !== undefined) applyFault(ctx, fault);
    } finally {
      request.status = ctx.status;
    }
  };
}

const DEFAULT_FAULTS: Record<number, [number, string]> = {
  401: [20003, 'Authenticate'],
  404: [20404, 'Not Found'],
  429: [20429, 'Too Many Requests'],
  500: [20500, 'Internal Server Error'],
  503: [20503, 'Service Unavailable'],
};

function applyFault(ctx: Context, fault: FakeFault) {
  const status = fault.status ?? 500;
  for (const [k, v] of Object.entries(fault.headers ?? {})) ctx.set(k, v);
  if (fault.body !== undefined) return answer(ctx, status, fault.body);
  const [code, message] = DEFAULT_FAULTS[status] ?? [status, 'Error'];
  twilioError(ctx, status, code, message);
}

function requireBasicAuth(state: FakeTwilioState) {
  return async (ctx: Context, next: Next) => {
    const match = /^Basic (.+)$/i.exec(ctx.get('authorization'));
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon > 0 ? decoded.slice(0, colon) : '';
    if (colon < 0 || !state.authenticate(user, decoded.slice(colon + 1))) {
      ctx.set('WWW-Authenticate', 'Basic realm="Twilio API"');
      return twilioError(ctx, 401, 20003, 'Authenticate', 'Your AccountSid or AuthToken was incorrect.');
    }
    ctx.state.accountSid = user;
    await next();
  };
}

function twilioError(ctx: Context, status: number, code: number, message: string, detail?: string) {
  const body: TwilioErrorBody = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status, ...(detail ? { detail } : {}) };
  answer(ctx, status, body);
}

function notFound(ctx: Context) {
  twilioError(ctx, 404, 20404, `The requested resource ${ctx.path} was not found`);
}

/** RFC 2822 as Twilio writes it: "Thu, 24 Aug 2023 05:01:45 +0000". */
function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function messageResource(d: TwilioDelivery) {
  const uri = `/2010-04-01/Accounts/${d.accountSid}/Messages/${d.sid}.json`;
  const sent = ['sent', 'delivered', 'read', 'undelivered'].includes(d.status);
  return {
    account_sid: d.accountSid,
    api_version: '2010-04-01',
    body: d.renderedBody,
    date_created: rfc2822(d.at),
    date_sent: sent ? rfc2822(d.at) : null,
    date_updated: rfc2822(d.at),
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: d.from ?? null,
    messaging_service_sid: d.messagingServiceSid ?? null,
    num_media: String(d.mediaUrls.length),
    num_segments: String(segmentsOf(d)),
    price: null,
    price_unit: 'USD',
    sid: d.sid,
    status: d.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${d.accountSid}/Messages/${d.sid}/Media.json` },
    to: d.to,
    uri,
  };
}

/**
 * How many SMS Twilio bills a body as: 160 characters of plain GSM text in one, 153 per part
 * beyond; 70 UTF-16 units in one, 67 per part, once anything else (Thai) is in it. WhatsApp: 1.
 * (Approximated: printable ASCII stands for the GSM alphabet.)
 */
function segmentsOf(d: TwilioDelivery): number {
  if (channelOf(d.to) !== 'sms') return 1;
  const body = d.renderedBody;
  const gsm = /^[\x20-\x7E\n\r]*$/.test(body);
  const [one, part] = gsm ? [160, 153] : [70, 67];
  return body.length <= one ? 1 : Math.ceil(body.length / part);
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** `whatsapp:+E164` or a plain `+E164` (SMS). */
function isAddress(a: string): boolean {
  return E164.test(a.startsWith('whatsapp:') ? a.slice('whatsapp:'.length) : a);
}

function channelOf(a: string): string {
  return a.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
}

function parseVariables(raw: string): Record<string, string> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string' || val === '') return undefined;
      out[k] = val;
    }
    return out;
  } catch {
    return undefined;
  }
}

function renderContent(c: TwilioContentResource, vars: Record<string, string> | undefined): string {
  const type = c.types['twilio/text'] ?? Object.values(c.types)[0];
  const body = typeof type?.body === 'string' ? type.body : '';
  const values = { ...c.variables, ...vars };
  return body.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (m, name: string) => values[name] ?? m);
}

const CONTENT_TYPES = new Set([
  'twilio/text',
  'twilio/media',
  'twilio/location',
  'twilio/list-picker',
  'twilio/call-to-action',
  'twilio/quick-reply',
  'twilio/card',
  'twilio/catalog',
  'twilio/carousel',
  'twilio/flows',
  'twilio/schedule',
  'whatsapp/card',
  'whatsapp/authentication',
  'whatsapp/flows',
]);

/**
 * The structural checks for the types we use. The SDK sends `create()` params verbatim, so a
 * caller using the SDK's camelCase typings (`twilioQuickReply`) gets this 400, as it would from Twilio.
 */
function contentProblem(input: Record<string, unknown> | undefined): string | undefined {
  if (!input || typeof input !== 'object') return 'Invalid JSON body';
  if (typeof input.language !== 'string' || !input.language) return 'Missing required parameter language in the post body';
  const types = input.types as Record<string, unknown> | undefined;
  if (!types || typeof types !== 'object' || Object.keys(types).length === 0) return 'Missing required parameter types in the post body';
  for (const [name, value] of Object.entries(types)) {
    if (!CONTENT_TYPES.has(name)) return `Invalid content type: ${name}`;
    if (!value || typeof value !== 'object') return `Invalid ${name}`;
    const t = value as Record<string, unknown>;
    const body = t.body;
    if (typeof body === 'string' && body.length > TWILIO_LIMITS.contentBodyLength) return `${name} body exceeds ${TWILIO_LIMITS.contentBodyLength} characters`;
    if (name === 'twilio/text' && (typeof body !== 'string' || !body)) return 'twilio/text requires body';
    if (name === 'twilio/quick-reply') {
      const actions = t.actions;
      if (typeof body !== 'string' || !body) return 'twilio/quick-reply requires body';
      if (!Array.isArray(actions) || actions.length < 1 || actions.length > TWILIO_LIMITS.quickReplyActions) return `twilio/quick-reply requires 1 to ${TWILIO_LIMITS.quickReplyActions} actions`;
      if (actions.some((a: unknown) => typeof (a as { title?: unknown } | null)?.title !== 'string')) return 'twilio/quick-reply actions require title';
    }
    if (name === 'twilio/list-picker') {
      const items = t.items;
      if (typeof body !== 'string' || !body || typeof t.button !== 'string' || !t.button) return 'twilio/list-picker requires body and button';
      if (!Array.isArray(items) || items.length < 1 || items.length > TWILIO_LIMITS.listPickerItems) return `twilio/list-picker requires 1 to ${TWILIO_LIMITS.listPickerItems} items`;
      if (items.some((i: unknown) => typeof (i as { item?: unknown } | null)?.item !== 'string' || typeof (i as { id?: unknown }).id !== 'string')) {
        return 'twilio/list-picker items require id and item';
      }
    }
  }
  return undefined;
}

function formObject(form: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}
