import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../bot/line/line-signature.ts';
import { createChannel } from '../core/channels/channel-directory.ts';
import { RATE_LIMIT_TABLE } from '../core/limits/rate-limits.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { closeAgents, requestFrom } from './support/from-address.ts';
import { TEST_ADMIN_KEY } from './support/test-system.ts';

/**
 * Rate limits (docs/security.md, "Rate limits"), on the real database, with clients at different
 * loopback addresses (the server sees the socket's address: TRUST_PROXY is off): one address that
 * floods is refused with 429 and Retry-After and nothing is written, while another still passes.
 * Small limits here so that a flood is a few requests.
 */
let h: LineCustomerHarness;
let base: string;

beforeAll(async () => {
  h = await startLineCustomerHarness({
    RATE_LIMIT_PUBLIC: '5/60',
    // Gone since #41 (signed deliveries are never refused for load): set, it is ignored.
    RATE_LIMIT_WEBHOOKS: '4/60',
    RATE_LIMIT_WEBHOOK_FAILURES: '3/60',
    RATE_LIMIT_AUTH_FAILURES: '3/600',
    RATE_LIMIT_API: '8/60',
  });
  base = h.sys.url!;
}, 60_000);

afterAll(async () => {
  closeAgents();
  await h?.close();
});

const FLOODER = '127.0.0.2';
const OTHER = '127.0.0.1';
const bearer = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
const count = async (table: string) => Number((await h.sys.knex(table).count({ n: '*' }).first())!.n);

function expectRateLimited(res: { status: number; headers: Record<string, unknown>; json: any }, maxSeconds: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(res.json.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: retryAfter } });
}

describe('public endpoints, per client address', () => {
  it('refuses the sixth request of a minute from one address and still serves another', async () => {
    const path = `/public/v1/cases/${'t'.repeat(24)}`;
    for (let i = 0; i < 5; i++) expect((await requestFrom(FLOODER, base + path)).status).toBe(404);
    expectRateLimited(await requestFrom(FLOODER, base + path), 60);
    // /media counts against the same address; asking again before Retry-After is answered a second late.
    const t0 = performance.now();
    expectRateLimited(await requestFrom(FLOODER, `${base}/media/${randomUUID()}?exp=1&sig=x`), 60);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
    expect((await requestFrom(OTHER, base + path)).status).toBe(404);
    // Other routes are not public ones.
    expect((await requestFrom(FLOODER, `${base}/healthz`)).status).toBe(200);
  });
});

describe('wrong API keys, per client address', () => {
  it('refuses an address after 3 wrong keys, even with a right one, and writes nothing; another address still gets in', async () => {
    const before = await count('api_keys');
    const guesser = '127.0.0.3';
    for (let i = 0; i < 3; i++) {
      const res = await requestFrom(guesser, `${base}/api/v1/api-keys`, { method: 'POST', headers: bearer(`guess-${i}-0123456789abcdef`), body: '{"name":"x","role":"admin"}' });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await requestFrom(guesser, `${base}/api/v1/api-keys`, { method: 'POST', headers: bearer('guess-3-0123456789abcdef'), body: '{"name":"x","role":"admin"}' }), 600);
    // Guessing right now does not help: the address is refused before its key is looked at.
    const lastUse = async () => (await h.sys.knex('api_keys').where({ is_bootstrap: true }).first('last_used_at')).last_used_at;
    const usedBefore = await lastUse();
    const right = await requestFrom(guesser, `${base}/api/v1/api-keys`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY), body: '{"name":"from the guesser","role":"admin"}' });
    expectRateLimited(right, 600);
    expect(await count('api_keys')).toBe(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastUse()).toEqual(usedBefore);

    const ok = await requestFrom(OTHER, `${base}/api/v1/api-keys`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY), body: '{"name":"from elsewhere","role":"support"}' });
    expect(ok.status).toBe(201);
    expect(await count('api_keys')).toBe(before + 1);
  });

  it('counts only wrong keys: right ones and requests without a key do not', async () => {
    const client = '127.0.0.5';
    const me = (key?: string) => requestFrom(client, `${base}/api/v1/me`, { headers: key ? bearer(key) : {} });
    for (let i = 0; i < 6; i++) expect((await me()).status).toBe(401);
    expect((await me('wrong-0123456789abcdef')).status).toBe(401);
    expect((await me('wrong-0123456789abcdef')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await me(TEST_ADMIN_KEY)).status).toBe(200);
    expect((await me('wrong-0123456789abcdef')).status).toBe(401);
    expectRateLimited(await me('wrong-0123456789abcdef'), 600);
  });
});

describe('the API, per key', () => {
  it('refuses the ninth request of a minute with one key, and not another key', async () => {
    const issued = await requestFrom(OTHER, `${base}/api/v1/api-keys`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY), body: '{"name":"busy script","role":"support"}' });
    expect(issued.status).toBe(201);
    const key = issued.json.key as string;
    // From several addresses: the limit is the key's.
    for (let i = 0; i < 8; i++) expect((await requestFrom(`127.0.0.${10 + i}`, `${base}/api/v1/me`, { headers: bearer(key) })).status).toBe(200);
    expectRateLimited(await requestFrom('127.0.0.30', `${base}/api/v1/me`, { headers: bearer(key) }), 60);
    expect((await requestFrom('127.0.0.30', `${base}/api/v1/me`, { headers: bearer(TEST_ADMIN_KEY) })).status).toBe(200);
  });
});

const message = () => ({
  type: 'message',
  mode: 'active',
  timestamp: Date.now(),
  source: { type: 'user', userId: lineId('U') },
  webhookEventId: randomUUID().replaceAll('-', '').slice(0, 26).toUpperCase(),
  deliveryContext: { isRedelivery: false },
  message: { id: String(Date.now()) + String(Math.floor(Math.random() * 1e6)), type: 'text', quoteToken: 'q', text: 'hello' },
});

/**
 * Every counter the limiter keeps that names one of `needles` (in PostgreSQL's table, or in Redis
 * when the tests run on it), and how many counters there are in all (PostgreSQL only: Redis is shared).
 */
async function counters(needles: string[]): Promise<{ naming: number; total: number | undefined }> {
  if (process.env.TEST_REDIS_URL) {
    const redis = new Redis(process.env.TEST_REDIS_URL);
    try {
      let naming = 0;
      for (const n of needles) naming += (await redis.keys(`*${n}*`)).length;
      return { naming, total: undefined };
    } finally {
      redis.disconnect();
    }
  }
  const rows: { key: string }[] = await h.sys.knex(RATE_LIMIT_TABLE).select('key');
  return { naming: rows.filter((r) => needles.some((n) => r.key.includes(n))).length, total: rows.length };
}

describe('webhooks: made-up channel ids', () => {
  it('are refused (404) from one address however many, before their body is read, and leave no counter behind', async () => {
    const flooder = '127.0.0.40';
    const before = await counters([]);
    const ids: string[] = [];
    const body = JSON.stringify({ destination: lineId('U'), events: [message()] });
    for (let i = 0; i < 120; i++) {
      // UUIDs (looked up, not found), other ids (not even looked up), on every webhook path.
      const id = i % 3 === 0 ? randomBytes(20).toString('hex') : randomUUID();
      ids.push(id);
      const path = ['/webhooks/line/', '/webhooks/whatsapp/', '/webhooks/payments/'][i % 3] + id;
      const res = await requestFrom(flooder, base + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': 'x' }, body });
      expect(res.status, path).toBe(404);
    }
    // Still 404, not 429: nothing was counted for this address or these paths.
    expect((await requestFrom(flooder, `${base}/webhooks/line/${randomUUID()}`, { method: 'POST', body })).status).toBe(404);
    // Refused before the body is read: the answer comes while the client still holds 255 KiB back.
    expect(await answerBeforeBody(`/webhooks/line/${randomUUID()}`, { 'content-type': 'application/json' }, 256 * 1024)).toBe(404);
    const after = await counters(ids);
    expect(after.naming).toBe(0);
    if (before.total !== undefined) expect(after.total).toBe(before.total);
  });
});

describe('webhooks: an unsigned flood on a real channel', () => {
  it('is refused by its sender; correctly signed deliveries still pass', async () => {
    // A channel of its own, so that nothing the other tests send counts here.
    const secret = 'flooded-channel-secret-' + randomBytes(4).toString('hex');
    const channelId = await createChannel(h.sys.knex, h.sys.secrets, {
      orgId: h.sys.defaultOrgId,
      kind: 'line',
      name: 'Flooded shop',
      credentials: { channelSecret: secret, channelAccessToken: 'flooded-token' },
    });
    const path = `/webhooks/line/${channelId}`;
    const before = await count('inbound_events');
    const post = (from: string, events: unknown[], sign: (body: string) => string | undefined) => {
      const body = JSON.stringify({ destination: lineId('U'), events });
      const signature = sign(body);
      return requestFrom(from, base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) }, body });
    };

    // The flood: without a signature or with a wrong one.
    const flooder = '127.0.0.41';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await post(flooder, [message()], (b) => (i % 2 ? undefined : signLineBody(b, 'not-the-secret')))).status);
    }
    // Three wrong signatures a minute from one address (RATE_LIMIT_WEBHOOK_FAILURES here), then 429s.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    // Once over, its requests to this channel are refused before their body is read.
    const late = await new Promise<number | 'no answer'>((resolve, reject) => {
      const req = request(base + path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024) }, localAddress: flooder });
      const timer = setTimeout(() => (req.destroy(), resolve('no answer')), 3000);
      req.on('response', (res) => (clearTimeout(timer), res.resume(), req.destroy(), resolve(res.statusCode ?? 0)));
      req.on('error', (err) => (String(err).match(/socket hang up|ECONNRESET/) ? undefined : reject(err)));
      req.write(Buffer.alloc(1024, 0x20));
    });
    expect(late).toBe(429);
    // A second address can also flood; it is refused on its own count.
    for (let i = 0; i < 3; i++) expect((await post('127.0.0.42', [message()], () => undefined)).status).toBe(401);

    // LINE's deliveries, correctly signed, from yet another address: every one passes.
    const line = '127.0.0.43';
    for (let i = 0; i < 6; i++) expect((await post(line, [message()], (b) => signLineBody(b, secret))).status).toBe(200);
    // And from the flooder's own address (LINE behind the same proxy): signed, it is still taken,
    // while that address's wrong signatures are still refused.
    expect((await post(flooder, [message()], (b) => signLineBody(b, secret))).status).toBe(200);
    expect((await post(flooder, [message()], (b) => signLineBody(b, 'not-the-secret'))).status).toBe(429);
    // Nothing of the flood was stored; the seven deliveries were.
    expect(await count('inbound_events')).toBe(before + 7);
  });
});

describe('webhooks: a burst of signed deliveries on one channel (#41)', () => {
  it('is never refused for load: 200 deliveries at once (with RATE_LIMIT_WEBHOOKS=4/60 still set), each answered 200 and stored', async () => {
    const before = await count('inbound_events');
    const answers = await Promise.all(Array.from({ length: 200 }, () => h.postEvents([message()])));
    expect(answers.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(await count('inbound_events')).toBe(before + 200);
    // A path of no channel is still 404, not counted.
    expect((await fetch(`${base}/webhooks/line/${randomUUID()}`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

/** Sends the headers and a first piece of a body that claims `declared` bytes, and waits for an answer before sending the rest. */
function answerBeforeBody(path: string, headers: Record<string, string>, declared: number): Promise<number | 'no answer'> {
  return new Promise((resolve, reject) => {
    const url = new URL(base + path);
    const req = request({ hostname: url.hostname, port: url.port, path, method: 'POST', headers: { ...headers, 'content-length': String(declared) } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, 3000);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => (String(err).includes('socket hang up') || String(err).includes('ECONNRESET') ? undefined : reject(err)));
    req.write(Buffer.alloc(1024, 0x20));
  });
}

describe('bodies are read only once a request is allowed', () => {
  it('an unauthenticated write is refused before its body is read', async () => {
    expect(await answerBeforeBody('/api/v1/api-keys', { 'content-type': 'application/json' }, 5 * 1024 * 1024)).toBe(401);
    expect(await answerBeforeBody('/api/v1/api-keys', { ...bearer('wrong-but-long-enough-0123') }, 512 * 1024)).toBe(401);
  });

  it('an authenticated write waits for its body (and 1 MiB is still the cap)', async () => {
    expect(await answerBeforeBody('/api/v1/api-keys', bearer(TEST_ADMIN_KEY), 512 * 1024)).toBe('no answer');
    const big = await fetch(`${base}/api/v1/api-keys`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY), body: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
  });

  it('webhooks: unsigned refused unread; signed read up to 4 MiB, not past it', async () => {
    // A WhatsApp channel of its own (the harness has none; a path of no channel is a 404 unread).
    const channelId = await createChannel(h.sys.knex, h.sys.secrets, {
      orgId: h.sys.defaultOrgId,
      kind: 'whatsapp',
      name: 'Big bodies',
      externalId: 'whatsapp:+6621111111',
      credentials: { accountSid: 'AC' + 'b'.repeat(32), authToken: 'big-bodies-auth-token' },
    });
    const path = `/webhooks/whatsapp/${channelId}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    // No signature header: 401 before a byte of the body is read, whatever it announces.
    expect(await answerBeforeBody(path, form, 300 * 1024)).toBe(401);
    // With one (right or wrong is known only once the body is read): past 4 MiB, 413 before reading.
    expect(await answerBeforeBody(path, { ...form, 'x-twilio-signature': 'c2lnbmVk' }, 4 * 1024 * 1024 + 1)).toBe(413);
    const res = await fetch(base + path, { method: 'POST', headers: { ...form, 'x-twilio-signature': 'c2lnbmVk' }, body: 'a=' + 'x'.repeat(4 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error).toMatchObject({ code: 'payload_too_large', details: { limitBytes: 4 * 1024 * 1024 } });
    // 300 KiB with a (wrong) signature is read and checked: 401, not 413.
    const mid = await fetch(base + path, { method: 'POST', headers: { ...form, 'x-twilio-signature': 'c2lnbmVk' }, body: 'a=' + 'x'.repeat(300 * 1024) });
    expect(mid.status).toBe(401);
  });
});
