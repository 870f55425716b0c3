import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import Koa from 'koa';
import type { Context } from 'koa';
import Stripe from 'stripe';
import { FaultPlan, answer, flatHeaders, readRaw, sleep, startFake, waitFor, type FakeFault, type RecordedRequest, type RunningFake } from './server-kit.ts';

/**
 * A local stand-in for Stripe's API (api.stripe.com), speaking its wire format, so the real
 * `stripe` SDK can be pointed at it (core/checkout/stripe-client.ts, STRIPE_API_BASE_URL): the
 * parts the product uses. Form-encoded requests with Stripe's nested keys (`metadata[payment_id]`,
 * `line_items[0][price_data][currency]`), JSON answers, list objects with `has_more`, errors as
 * `{ error: { type, message } }`.
 *
 * - `POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/:id`, `GET /v1/checkout/sessions`,
 *   `POST /v1/checkout/sessions/:id/expire` (an open session only, as Stripe)
 * - `POST /v1/refunds` (with `payment_intent`, an optional `amount`, `metadata`)
 * - `GET /v1/events` (newest first, `created[gte]`, `types[]`, `starting_after`, `limit`)
 * - `GET /v1/payouts[/:id]` (newest first, `created[gte]`, `status`), `GET /v1/balance_transactions`
 *   (`payout=po_...`, `expand[]=data.source` for the charge or refund behind each line)
 *
 * What a customer does at Stripe is a test's call: `completeSession` pays a session (card or
 * PromptPay) and records the events Stripe would (`checkout.session.completed`,
 * `payment_intent.succeeded`); `refundOutside` is a refund made in Stripe's dashboard;
 * `chargeOutside` is money taken at Stripe that no payment link asked for; `payOut` sends what is
 * available to the bank as one payout (`payout.paid`). Every charge and refund is a balance
 * transaction (Stripe's fee: `feeFor`, 3.65 % by default) until a payout carries it. Events are
 * delivered to `webhookUrl` when one is set, signed as Stripe signs them (`signStripeBody`), unless
 * `webhooksDown`; `GET /v1/events` always lists them (the reconciliation reads them there).
 */
export const DEFAULT_STRIPE_SECRET_KEY = 'sk_test_fake_0123456789abcdefghijklmn';
export const DEFAULT_STRIPE_WEBHOOK_SECRET = 'whsec_fake_0123456789abcdefghijklmnop';

export interface StripeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  livemode: false;
  api_version: string;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: StripeObject };
}

export interface FakeStripeState {
  requests: RecordedRequest[];
  faults: FaultPlan;
  sessions: Map<string, StripeObject>;
  refunds: Map<string, StripeObject>;
  /** Charges by id: each behind a balance transaction. */
  charges: Map<string, StripeObject>;
  /** Oldest first; `payout` is set once a payout carries one. */
  balanceTransactions: StripeObject[];
  payouts: Map<string, StripeObject>;
  /** Stripe's fee on a charge, in minor units. */
  feeFor: (amount: number) => number;
  /** Sends every available balance transaction to the bank as one paid payout (`payout.paid`). */
  payOut(o?: { currency?: string }): Promise<{ payout: StripeObject; event: StripeEvent }>;
  /** A charge made at Stripe that no payment link asked for. */
  chargeOutside(amount: number, currency?: string): StripeObject;
  /** Oldest first. */
  events: StripeEvent[];
  /** Where events are posted as they happen; none: they are only listed. */
  webhookUrl: string | undefined;
  webhookSecret: string;
  /** Stripe cannot reach the product: events pile up in the list, undelivered. */
  webhooksDown: boolean;
  /** Each delivery's answer status, in order. */
  deliveries: { eventId: string; status: number }[];
  /** Pays an open session, as the customer would at Stripe; `amountTotal`/`currency` to fake what Stripe says was paid. */
  completeSession(id: string, o?: { method?: 'card' | 'promptpay'; amountTotal?: number; currency?: string }): Promise<StripeEvent[]>;
  /** A refund made in Stripe's dashboard, not through the API. */
  refundOutside(paymentIntent: string, amount: number): Promise<StripeEvent>;
  /** Records an event (and delivers it unless webhooks are down). */
  emit(type: string, object: StripeObject): Promise<StripeEvent>;
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stripe's nested form keys (`a[b][0][c]=v`) read into objects and arrays. */
export function parseStripeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: any = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]);
      const slot = part === '' ? node.length : part;
      if (last) node[slot] = value;
      else node = node[slot] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

/** The Stripe-Signature header Stripe sends with this body (t=…,v1=…), from the SDK's own helper. */
export function signStripeBody(body: string, secret: string, timestamp = nowSeconds()): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

function stripeError(ctx: Context, status: number, type: string, message: string, param?: string) {
  answer(ctx, status, { error: { type, message, ...(param ? { param } : {}) } });
}

export function createFakeStripeApi(opts: { secretKey?: string; webhookSecret?: string } = {}) {
  const secretKey = opts.secretKey ?? DEFAULT_STRIPE_SECRET_KEY;
  const emitter = new EventEmitter();
  const state: FakeStripeState = {
    requests: [],
    faults: new FaultPlan(),
    sessions: new Map(),
    refunds: new Map(),
    charges: new Map(),
    balanceTransactions: [],
    payouts: new Map(),
    // Stripe Thailand's card rate, 3.65 %, rounded half-up to the satang.
    feeFor: (amount) => Math.floor((amount * 365 + 5_000) / 10_000),
    events: [],
    webhookUrl: undefined,
    webhookSecret: opts.webhookSecret ?? DEFAULT_STRIPE_WEBHOOK_SECRET,
    webhooksDown: false,
    deliveries: [],
    async emit(type, object) {
      const event: StripeEvent = {
        id: newId('evt'),
        object: 'event',
        type,
        created: nowSeconds(),
        livemode: false,
        api_version: '2025-11-17.clover',
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: structuredClone(object) },
      };
      state.events.push(event);
      if (state.webhookUrl && !state.webhooksDown) {
        const body = JSON.stringify(event, null, 2);
        const res = await fetch(state.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signStripeBody(body, state.webhookSecret) }, body });
        await res.arrayBuffer();
        state.deliveries.push({ eventId: event.id, status: res.status });
      }
      return event;
    },
    async completeSession(id, o = {}) {
      const session = state.sessions.get(id);
      if (!session) throw new Error(`no session ${id}`);
      // Stripe's page of an expired (or paid) session takes no payment.
      if (session.status !== 'open') throw new Error(`session ${id} is ${session.status}: it cannot be paid`);
      const paymentIntent = newId('pi');
      Object.assign(session, {
        status: 'complete',
        payment_status: 'paid',
        payment_intent: paymentIntent,
        payment_method_types: [o.method ?? 'card'],
        ...(o.amountTotal !== undefined ? { amount_total: o.amountTotal } : {}),
        ...(o.currency ? { currency: o.currency } : {}),
      });
      const intent: StripeObject = {
        id: paymentIntent,
        object: 'payment_intent',
        amount: session.amount_total,
        amount_received: session.amount_total,
        currency: session.currency,
        status: 'succeeded',
        metadata: (session.payment_intent_data as any)?.metadata ?? {},
        payment_method_types: [o.method ?? 'card'],
        created: nowSeconds(),
      };
      addCharge(paymentIntent, Number(session.amount_total), String(session.currency));
      return [await state.emit('checkout.session.completed', session), await state.emit('payment_intent.succeeded', intent)];
    },
    async refundOutside(paymentIntent, amount) {
      const session = [...state.sessions.values()].find((s) => s.payment_intent === paymentIntent);
      const refund: StripeObject = { id: newId('re'), object: 'refund', amount, currency: session?.currency ?? 'thb', payment_intent: paymentIntent, status: 'succeeded', metadata: {}, created: nowSeconds() };
      state.refunds.set(refund.id, refund);
      addBalanceTransaction('refund', -amount, 0, String(refund.currency), refund.id);
      return state.emit('refund.created', refund);
    },
    chargeOutside(amount, currency = 'thb') {
      return addCharge(newId('pi'), amount, currency);
    },
    async payOut(o = {}) {
      const currency = o.currency ?? 'thb';
      const lines = state.balanceTransactions.filter((t) => !t.payout && t.currency === currency && t.type !== 'payout');
      const amount = lines.reduce((s, t) => s + Number(t.net), 0);
      const payout: StripeObject = {
        id: newId('po'),
        object: 'payout',
        amount,
        currency,
        arrival_date: nowSeconds(),
        automatic: true,
        method: 'standard',
        type: 'bank_account',
        status: 'paid',
        created: nowSeconds(),
        livemode: false,
        balance_transaction: null,
      };
      const own = addBalanceTransaction('payout', -amount, 0, currency, payout.id);
      payout.balance_transaction = own.id;
      for (const t of [...lines, own]) t.payout = payout.id;
      state.payouts.set(payout.id, payout);
      return { payout, event: await state.emit('payout.paid', payout) };
    },
    waitForRequests(n, timeoutMs = 10_000) {
      return waitFor(
        (fn) => (emitter.on('request', fn), () => emitter.off('request', fn)),
        () => state.requests.length >= n,
        timeoutMs,
        () => `${state.requests.length} of ${n} requests`,
      );
    },
  };

  function addBalanceTransaction(type: string, amount: number, fee: number, currency: string, source: string): StripeObject {
    const t: StripeObject = { id: newId('txn'), object: 'balance_transaction', type, amount, fee, net: amount - fee, currency, source, status: 'available', created: nowSeconds(), reporting_category: type === 'payout' ? 'payout' : type, payout: null };
    state.balanceTransactions.push(t);
    return t;
  }

  function addCharge(paymentIntent: string, amount: number, currency: string): StripeObject {
    const charge: StripeObject = { id: newId('ch'), object: 'charge', amount, currency, payment_intent: paymentIntent, paid: true, status: 'succeeded', created: nowSeconds() };
    state.charges.set(charge.id, charge);
    const t = addBalanceTransaction('charge', amount, state.feeFor(amount), currency, charge.id);
    charge.balance_transaction = t.id;
    return charge;
  }

  /** A line's source as `expand[]=data.source` gives it: the charge, refund or payout itself. */
  function expanded(t: StripeObject, expand: unknown): StripeObject {
    const wants = Array.isArray(expand) ? expand.includes('data.source') : expand === 'data.source';
    if (!wants) return t;
    const id = String(t.source);
    return { ...t, source: state.charges.get(id) ?? state.refunds.get(id) ?? state.payouts.get(id) ?? id };
  }

  const app = new Koa();
  app.use(async (ctx) => {
    const raw = await readRaw(ctx);
    const body = ctx.get('content-type').includes('application/x-www-form-urlencoded') ? parseStripeForm(raw.toString('utf8')) : raw.length ? raw.toString('utf8') : undefined;
    const query = parseStripeForm(ctx.querystring);
    const recorded: RecordedRequest = { method: ctx.method, path: ctx.path, query: Object.fromEntries(new URLSearchParams(ctx.querystring)), headers: flatHeaders(ctx.headers), body, at: Date.now() };
    state.requests.push(recorded);
    emitter.emit('request');
    try {
      const fault: FakeFault | undefined = state.faults.take(ctx.path);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.cutConnection) {
        ctx.req.socket.destroy();
        return;
      }
      if (fault?.status) return answer(ctx, fault.status, fault.body ?? { error: { type: 'api_error', message: 'The fake Stripe API was told to fail' } });
      if (ctx.get('authorization') !== `Bearer ${secretKey}`) return stripeError(ctx, 401, 'invalid_request_error', 'Invalid API Key provided');
      await route(ctx, body as Record<string, any>, query as Record<string, any>);
    } finally {
      recorded.status = ctx.status;
    }
  });

  async function route(ctx: Context, body: Record<string, any>, query: Record<string, any>) {
    const [, v1, resource, sub, id, action] = ctx.path.split('/');
    if (v1 !== 'v1') return stripeError(ctx, 404, 'invalid_request_error', `Unrecognized request URL (${ctx.method}: ${ctx.path})`);
    if (resource === 'checkout' && sub === 'sessions') {
      if (ctx.method === 'POST' && !id) return createSession(ctx, body);
      if (ctx.method === 'POST' && id && action === 'expire') return expireSession(ctx, id);
      if (ctx.method === 'GET' && id) {
        const s = state.sessions.get(id);
        return s ? answer(ctx, 200, s) : stripeError(ctx, 404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'id');
      }
      if (ctx.method === 'GET') return answer(ctx, 200, list(ctx, [...state.sessions.values()].reverse(), query));
    }
    if (resource === 'refunds' && ctx.method === 'POST' && !sub) return createRefund(ctx, body);
    if (resource === 'payouts' && ctx.method === 'GET') {
      if (sub) {
        const p = state.payouts.get(sub);
        return p ? answer(ctx, 200, p) : stripeError(ctx, 404, 'invalid_request_error', `No such payout: '${sub}'`, 'id');
      }
      const gte = Number(query.created?.gte ?? 0);
      const payouts = [...state.payouts.values()].reverse().filter((p) => Number(p.created) >= gte && (!query.status || p.status === query.status));
      return answer(ctx, 200, list(ctx, payouts, query));
    }
    if (resource === 'balance_transactions' && ctx.method === 'GET' && !sub) {
      if (query.payout && !state.payouts.has(query.payout)) return stripeError(ctx, 404, 'invalid_request_error', `No such payout: '${query.payout}'`, 'payout');
      const lines = [...state.balanceTransactions].reverse().filter((t) => !query.payout || t.payout === query.payout);
      const page = list(ctx, lines, query);
      return answer(ctx, 200, { ...page, data: page.data.map((t) => expanded(t as StripeObject, query.expand)) });
    }
    if (resource === 'events' && ctx.method === 'GET') {
      if (sub) {
        const e = state.events.find((x) => x.id === sub);
        return e ? answer(ctx, 200, e) : stripeError(ctx, 404, 'invalid_request_error', `No such event: '${sub}'`, 'id');
      }
      const gte = Number(query.created?.gte ?? 0);
      const types: string[] | undefined = query.types ?? (query.type ? [query.type] : undefined);
      const events = [...state.events].reverse().filter((e) => e.created >= gte && (!types || types.includes(e.type)));
      return answer(ctx, 200, list(ctx, events, query));
    }
    return stripeError(ctx, 404, 'invalid_request_error', `Unrecognized request URL (${ctx.method}: ${ctx.path})`);
  }

  function list(ctx: Context, all: { id: string }[], query: Record<string, any>) {
    const limit = Math.min(100, Number(query.limit ?? 10));
    const start = query.starting_after ? all.findIndex((o) => o.id === query.starting_after) + 1 : 0;
    const data = all.slice(start, start + limit);
    return { object: 'list', url: ctx.path, has_more: start + limit < all.length, data };
  }

  function createSession(ctx: Context, b: Record<string, any>) {
    const items: any[] = b.line_items ?? [];
    if (!items.length) return stripeError(ctx, 400, 'invalid_request_error', 'Missing required param: line_items.', 'line_items');
    const currencies = new Set(items.map((i) => i.price_data?.currency));
    if (currencies.size !== 1) return stripeError(ctx, 400, 'invalid_request_error', 'All line items must share one currency.', 'line_items');
    const amountTotal = items.reduce((s, i) => s + Number(i.price_data?.unit_amount ?? NaN) * Number(i.quantity ?? 1), 0);
    if (!Number.isSafeInteger(amountTotal) || amountTotal <= 0) return stripeError(ctx, 400, 'invalid_request_error', 'Invalid integer: unit_amount', 'line_items');
    const id = newId('cs_test');
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      mode: b.mode ?? 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: amountTotal,
      currency: [...currencies][0],
      client_reference_id: b.client_reference_id ?? null,
      metadata: b.metadata ?? {},
      payment_intent: null,
      payment_intent_data: b.payment_intent_data ?? null,
      allowed_payment_method_types: b.allowed_payment_method_types ?? null,
      payment_method_types: b.allowed_payment_method_types ?? b.payment_method_types ?? ['card'],
      success_url: b.success_url ?? null,
      cancel_url: b.cancel_url ?? null,
      expires_at: Number(b.expires_at ?? nowSeconds() + 24 * 3600),
      url: `https://checkout.stripe.com/c/pay/${id}`,
      created: nowSeconds(),
      livemode: false,
    };
    state.sessions.set(id, session);
    answer(ctx, 200, session);
  }

  function expireSession(ctx: Context, id: string) {
    const session = state.sessions.get(id);
    if (!session) return stripeError(ctx, 404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'id');
    if (session.status !== 'open') return stripeError(ctx, 400, 'invalid_request_error', 'Only Checkout Sessions with a status in ["open"] can be expired.', 'session');
    Object.assign(session, { status: 'expired' });
    answer(ctx, 200, session);
    setImmediate(() => void state.emit('checkout.session.expired', session).catch(() => undefined));
  }

  async function createRefund(ctx: Context, b: Record<string, any>) {
    const session = [...state.sessions.values()].find((s) => s.payment_intent && s.payment_intent === b.payment_intent);
    if (!session) return stripeError(ctx, 400, 'invalid_request_error', `No such payment_intent: '${b.payment_intent}'`, 'payment_intent');
    const refunded = [...state.refunds.values()].filter((r) => r.payment_intent === b.payment_intent).reduce((s, r) => s + Number(r.amount), 0);
    const amount = b.amount !== undefined ? Number(b.amount) : Number(session.amount_total) - refunded;
    if (refunded + amount > Number(session.amount_total)) {
      return stripeError(ctx, 400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${Number(session.amount_total) - refunded})`, 'amount');
    }
    const refund: StripeObject = { id: newId('re'), object: 'refund', amount, currency: session.currency, payment_intent: b.payment_intent, status: 'succeeded', metadata: b.metadata ?? {}, created: nowSeconds() };
    state.refunds.set(refund.id, refund);
    addBalanceTransaction('refund', -amount, 0, String(refund.currency), refund.id);
    answer(ctx, 200, refund);
    // Stripe tells of it by webhook too, after answering.
    setImmediate(() => void state.emit('refund.created', refund).catch(() => undefined));
  }

  return { app, state };
}

export type RunningFakeStripeApi = RunningFake<FakeStripeState>;

export function startFakeStripeApi(opts: { port?: number; host?: string; secretKey?: string; webhookSecret?: string } = {}): Promise<RunningFakeStripeApi> {
  return startFake(createFakeStripeApi, opts);
}
