import { signLineBody } from '../../bot/line/line-signature.ts';
import { signTwilioRequest } from '../../bot/whatsapp/twilio-signature.ts';
import { signBody } from '../../core/http/body-signature.ts';

/**
 * Signed, mutated webhook bodies for the LINE, WhatsApp and payments endpoints: valid events from
 * templates, about half of them broken in the ways the platforms' senders (or a broken main system)
 * can break them: times out of range, NUL characters in text and keys, unpaired surrogates, huge
 * ids, deep nesting, missing or mistyped fields, whole bodies truncated. Deterministic for a seed.
 * Every body is correctly signed: the server must never answer 5xx, and must store every valid
 * event (`validIds`).
 */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface FuzzTargets {
  baseUrl: string;
  lineSecret: string;
  lineDestination: string;
  twilioAuthToken: string;
  twilioAccountSid: string;
  twilioFrom: string;
  paymentsSecret: string;
}

export interface FuzzResult {
  statuses: Record<string, Record<number, number>>;
  /** Platform event ids of events left valid: each must be stored, unflagged. */
  validIds: { line: string[]; whatsapp: string[]; payments: string[] };
  bodies: number;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const hex = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const nest = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
};

const BAD_VALUES: ((r: Rand) => unknown)[] = [
  () => 1e20,
  () => -1e16,
  () => 8.64e15 + 1,
  () => 'yesterday',
  () => null,
  () => [],
  () => ({}),
  () => 'a\u0000b',
  () => '\ud800',
  (r) => 'x'.repeat(10_000 + Math.floor(r() * 1000)),
  () => nest(3000),
  () => -1,
  () => true,
];

let uniq = 0;
const eventId = (r: Rand) => `01FZ${Date.now().toString(36).toUpperCase()}${(uniq++).toString(36).toUpperCase()}${hex(r, 6).toUpperCase()}`.slice(0, 26);
const userId = (r: Rand) => 'U' + hex(r, 32);

/**
 * Media URLs the SSRF guard refuses whatever the network says (core/http/safe-fetch.ts): cloud
 * metadata, a private address, another scheme, credentials in the URL. The events carrying them are
 * valid: the message is stored, its file is refused.
 */
const REFUSED_MEDIA_URLS = ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.7/photo.jpg', 'ftp://example.com/photo.jpg', 'https://user:pw@example.com/photo.jpg'];

function lineEvent(r: Rand): Record<string, any> {
  const base = {
    mode: 'active',
    timestamp: Date.now() - Math.floor(r() * 60_000),
    source: { type: 'user', userId: userId(r) },
    webhookEventId: eventId(r),
    deliveryContext: { isRedelivery: false },
  };
  switch (Math.floor(r() * 6)) {
    case 5:
      return {
        ...base,
        type: 'message',
        replyToken: hex(r, 32),
        message: { id: String(Math.floor(r() * 1e15)), type: 'image', contentProvider: { type: 'external', originalContentUrl: pick(r, REFUSED_MEDIA_URLS) } },
      };
    case 0:
      return { ...base, type: 'message', replyToken: hex(r, 32), message: { id: String(Math.floor(r() * 1e15)), type: 'text', quoteToken: hex(r, 20), text: pick(r, ['สวัสดีค่ะ', 'my order is late', 'เติมเงินแล้วไม่เข้า', 'hi 👋']) } };
    case 1:
      return { ...base, type: 'follow', replyToken: hex(r, 32), follow: { isUnblocked: false } };
    case 2:
      return { ...base, type: 'unfollow' };
    case 3:
      return { ...base, type: 'postback', replyToken: hex(r, 32), postback: { data: `v=1&a=${hex(r, 8)}` } };
    default:
      return { ...base, type: 'message', replyToken: hex(r, 32), message: { id: String(Math.floor(r() * 1e15)), type: 'sticker', packageId: '446', stickerId: '1988' } };
  }
}

/** Breaks one thing in a LINE event; the paths are the fields LINE sends. */
function mutateLineEvent(r: Rand, e: Record<string, any>): void {
  const paths = [
    ['timestamp'],
    ['webhookEventId'],
    ['type'],
    ['source'],
    ['source', 'userId'],
    ['source', 'type'],
    ['replyToken'],
    ['mode'],
    ['message'],
    ['message', 'id'],
    ['message', 'text'],
    ['message', 'type'],
    ['message', 'contentProvider'],
    ['postback', 'data'],
    ['deliveryContext'],
    ['extra'],
  ];
  const path = pick(r, paths);
  const choice = r();
  let target: any = e;
  for (const k of path.slice(0, -1)) {
    if (typeof target[k] !== 'object' || target[k] === null) target[k] = {};
    target = target[k];
  }
  const last = path[path.length - 1];
  if (choice < 0.12) delete target[last];
  else if (choice < 0.2) target['key\u0000' + last] = 'x';
  else target[last] = pick(r, BAD_VALUES)(r);
}

export function lineBody(r: Rand, destination: string): { body: string; valid: string[] } {
  const events = Array.from({ length: 1 + Math.floor(r() * 5) }, () => lineEvent(r));
  const valid: string[] = [];
  for (const e of events) {
    if (r() < 0.5) mutateLineEvent(r, e);
    else valid.push(e.webhookEventId);
  }
  let body = JSON.stringify({ destination, events });
  const whole = r();
  if (whole < 0.03) {
    body = body.slice(0, Math.floor(body.length * r())); // truncated: not JSON
    valid.length = 0;
  } else if (whole < 0.05) {
    body = JSON.stringify({ destination, events: 'none' });
    valid.length = 0;
  }
  return { body, valid };
}

export function whatsappParams(r: Rand, t: FuzzTargets): { params: Record<string, string>; valid: string | undefined } {
  const sid = 'SM' + hex(r, 32);
  const phone = '+6681' + String(Math.floor(r() * 1e7)).padStart(7, '0');
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsMessageSid: sid,
    AccountSid: t.twilioAccountSid,
    From: `whatsapp:${phone}`,
    To: t.twilioFrom,
    Body: pick(r, ['สวัสดีครับ', 'where is my order?', 'ok']),
    NumMedia: '0',
    ProfileName: 'Nok',
    WaId: phone.slice(1),
  };
  if (r() < 0.15) {
    params.NumMedia = '1';
    params.MediaUrl0 = pick(r, REFUSED_MEDIA_URLS);
    params.MediaContentType0 = 'image/jpeg';
  }
  if (r() >= 0.5) return { params, valid: sid };
  const key = pick(r, ['MessageSid', 'From', 'To', 'Body', 'NumMedia', 'WaId', 'ProfileName', 'Latitude', 'MediaUrl0', 'Extra\u0000Key']);
  const value = pick(r, ['', 'a\u0000b', '\ud800', 'x'.repeat(30_000), 'S'.repeat(5_000), '3', '-1', 'NaN', 'whatsapp:+66 81']);
  params[key] = value;
  return { params, valid: undefined };
}

export function paymentBody(r: Rand): { body: string; valid: string | undefined } {
  const id = `evt_${hex(r, 16)}`;
  const event: Record<string, any> = {
    id,
    type: pick(r, ['payment.succeeded', 'topup.pending', 'topup.credited', 'payment.failed']),
    occurredAt: new Date(Date.now() - Math.floor(r() * 3_600_000)).toISOString(),
    orderId: `TP-${hex(r, 8)}`,
    amount: Math.floor(r() * 5000),
    currency: 'THB',
    customer: { phone: '08' + String(Math.floor(r() * 1e8)).padStart(8, '0') },
  };
  if (r() >= 0.5) return { body: JSON.stringify(event), valid: id };
  const key = pick(r, ['id', 'type', 'occurredAt', 'orderId', 'amount', 'customer', 'provider', 'reason', 'extra']);
  event[key] = pick(r, [
    ...BAD_VALUES.map((f) => () => f(r)),
    () => '9999-12-31T23:59:59Z',
    () => '0001-01-01T00:00:00Z',
    () => '2026-02-30T10:00:00Z',
  ])();
  return { body: JSON.stringify(event), valid: undefined };
}

/** Sends `n` signed bodies to each of the three endpoints, `concurrency` at a time. */
export async function runWebhookFuzz(t: FuzzTargets, n: number, opts: { seed?: number; concurrency?: number } = {}): Promise<FuzzResult> {
  const r = prng(opts.seed ?? 16);
  const result: FuzzResult = { statuses: { line: {}, whatsapp: {}, payments: {} }, validIds: { line: [], whatsapp: [], payments: [] }, bodies: 0 };
  const count = (kind: string, status: number) => {
    result.statuses[kind][status] = (result.statuses[kind][status] ?? 0) + 1;
  };
  const jobs: (() => Promise<void>)[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3 === 0 ? 'line' : i % 3 === 1 ? 'whatsapp' : 'payments';
    if (kind === 'line') {
      const { body, valid } = lineBody(r, t.lineDestination);
      jobs.push(async () => {
        const res = await fetch(`${t.baseUrl}/webhooks/line`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, t.lineSecret) },
          body,
        });
        await res.arrayBuffer();
        count('line', res.status);
        if (res.status === 200) result.validIds.line.push(...valid);
        else if (valid.length) count('line', -1); // a valid event in a refused body
      });
    } else if (kind === 'whatsapp') {
      const { params, valid } = whatsappParams(r, t);
      jobs.push(async () => {
        const url = `${t.baseUrl}/webhooks/whatsapp`;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(t.twilioAuthToken, url, params) },
          body: new URLSearchParams(params).toString(),
        });
        await res.arrayBuffer();
        count('whatsapp', res.status);
        if (valid) result.validIds.whatsapp.push(valid);
      });
    } else {
      const { body, valid } = paymentBody(r);
      jobs.push(async () => {
        const ts = Math.floor(Date.now() / 1000);
        const res = await fetch(`${t.baseUrl}/webhooks/payments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-opsdesk-timestamp': String(ts), 'x-opsdesk-signature': signBody(body, t.paymentsSecret, ts) },
          body,
        });
        await res.arrayBuffer();
        count('payments', res.status);
        if (valid) result.validIds.payments.push(valid);
      });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 16 }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
  result.bodies = n;
  return result;
}
