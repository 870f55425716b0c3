import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi, type RunningFakeLineApi } from '../../dev/fakes/line-api.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN } from '../../dev/fakes/twilio-api.ts';
import { PROFILE_JOBS, PROFILE_QUEUE } from '../../workers/processors/profiles.ts';
import { postWhatsApp, whatsAppMessage } from '../support/whatsapp-customer.ts';
import { startTestSystem, until, type TestSystem } from '../support/test-system.ts';
import { runWebhookFuzz, type FuzzTargets } from '../support/webhook-fuzz.ts';

/**
 * Signed but malformed webhooks: never a 5xx, every valid event beside a broken one stored, the
 * broken ones recorded as malformed with their reason. The small, fast version of
 * `npm run bench -- fuzz` (20,000 bodies), plus the cases the issue reproduced, one by one.
 */
const LINE_SECRET = 'fuzz-line-secret';
const PAYMENTS_SECRET = 'fuzz-payments-secret';
const FROM = 'whatsapp:+6620000000';
const BOT = lineId('U');
let sys: TestSystem;
let line: RunningFakeLineApi;
let targets: FuzzTargets;

beforeAll(async () => {
  line = await startFakeLineApi();
  sys = await startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      TWILIO_ACCOUNT_SID: DEFAULT_TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: DEFAULT_TWILIO_AUTH_TOKEN,
      TWILIO_WHATSAPP_FROM: FROM,
      PAYMENTS_WEBHOOK_SECRET: PAYMENTS_SECRET,
      DEV_SIMULATOR: 'off',
    },
    relay: { policies: { inbound: { attempts: 3, backoffMs: 100 } } },
  });
  targets = {
    baseUrl: sys.url!,
    lineSecret: LINE_SECRET,
    lineDestination: BOT,
    twilioAuthToken: DEFAULT_TWILIO_AUTH_TOKEN,
    twilioAccountSid: DEFAULT_TWILIO_ACCOUNT_SID,
    twilioFrom: FROM,
    paymentsSecret: PAYMENTS_SECRET,
  };
});
afterAll(async () => {
  await sys?.stopAll();
  await line?.close();
});

async function postLine(events: unknown[], replace?: [string, string]) {
  let body = JSON.stringify({ destination: BOT, events });
  if (replace) body = body.replace(JSON.stringify(replace[0]), replace[1]);
  const res = await fetch(`${sys.url}/webhooks/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, LINE_SECRET) },
    body,
  });
  return res.status;
}
let n = 0;
const validEvent = () => ({
  type: 'message',
  mode: 'active',
  timestamp: Date.now(),
  source: { type: 'user', userId: lineId('U') },
  webhookEventId: `01VALID${Date.now().toString(36).toUpperCase()}${(n++).toString(36).padStart(5, '0')}`.slice(0, 26),
  deliveryContext: { isRedelivery: false },
  replyToken: randomBytes(16).toString('hex'),
  message: { id: String(Date.now()) + n, type: 'text', quoteToken: 'q', text: 'hello' },
});
const storedIds = async (ids: string[]) =>
  (await sys.knex('inbound_events').whereIn('platform_event_id', ids).whereNot('event_type', 'malformed').select('platform_event_id')).map(
    (r) => r.platform_event_id,
  );

describe('one bad event beside good ones', () => {
  // Built as text: JSON.stringify itself would overflow the stack on it.
  const DEEP = '@@deep@@';
  const deep = () => DEEP;
  it.each([
    ['a timestamp out of range', (e: any) => ({ ...e, timestamp: 1e20 })],
    ['a negative timestamp', (e: any) => ({ ...e, timestamp: -8.64e15 - 1 })],
    ['a NUL in the text', (e: any) => ({ ...e, message: { ...e.message, text: 'a\u0000b' } })],
    ['a NUL in a JSON key', (e: any) => ({ ...e, ['x\u0000y']: 1 })],
    ['an unpaired surrogate', (e: any) => ({ ...e, message: { ...e.message, text: 'a\ud800b' } })],
    ['a 10 KB webhookEventId', (e: any) => ({ ...e, webhookEventId: 'E'.repeat(10_240) })],
    ['a 10 KB userId', (e: any) => ({ ...e, source: { type: 'user', userId: 'U'.repeat(10_240) } })],
    // Answered, it would be a push LINE refuses with 400: a failed row nobody can mend.
    ['a user id LINE never issues', (e: any) => ({ ...e, source: { type: 'user', userId: 'Ualice' } })],
    ['a group id LINE never issues', (e: any) => ({ ...e, source: { type: 'group', groupId: 'ops', userId: e.source.userId } })],
    ['deep nesting', (e: any) => ({ ...e, message: { ...e.message, extra: deep() } })],
    ['not an object', () => 42],
  ])('%s: 200, the good events stored, the bad one recorded as malformed', async (_name, breakIt) => {
    const good = [validEvent(), validEvent()];
    const bad = breakIt(validEvent());
    const before = Number((await sys.knex('inbound_events').where({ event_type: 'malformed' }).count({ n: '*' }))[0].n);
    expect(await postLine([good[0], bad, good[1]], [DEEP, '['.repeat(50_000) + '0' + ']'.repeat(50_000)])).toBe(200);
    expect((await storedIds(good.map((g) => g.webhookEventId))).sort()).toEqual(good.map((g) => g.webhookEventId).sort());
    const malformed = await sys.knex('inbound_events').where({ event_type: 'malformed' }).orderBy('id', 'desc');
    expect(malformed.length).toBe(before + 1);
    expect(malformed[0].error).toEqual(expect.any(String));
    expect(malformed[0].processed_at).not.toBeNull();
    // Nothing was queued for it, and the good ones are processed.
    expect(await sys.knex('outbox').where({ queue: 'inbound' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [malformed[0].id]).first()).toBeUndefined();
    await until(async () => (await sys.knex('inbound_events').whereIn('platform_event_id', good.map((g) => g.webhookEventId)).whereNotNull('processed_at')).length === 2);
  });

  it.each([['NaN'], ['+66 81'], ['-1']])('a WhatsApp message from %s, no WhatsApp number: 200, recorded as malformed, no contact, nothing sent', async (from) => {
    const params = whatsAppMessage(from, 'hello');
    const before = await sys.knex('inbound_events').where({ event_type: 'malformed' }).count({ n: '*' });
    const contacts = await sys.knex('contact_identities').count({ n: '*' });
    expect((await postWhatsApp(sys, params)).status).toBe(200);
    const malformed = await sys.knex('inbound_events').where({ event_type: 'malformed' }).orderBy('id', 'desc');
    expect(malformed.length).toBe(Number(before[0].n) + 1);
    expect(malformed[0].error).toMatch(/From is not a WhatsApp number/);
    // Known at ingestion: no job for it, so no send that Twilio refuses and no failed row.
    expect(await sys.knex('outbox').where({ queue: 'inbound' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [malformed[0].id]).first()).toBeUndefined();
    expect(await sys.knex('contact_identities').count({ n: '*' })).toEqual(contacts);
  });

  it('the same broken body again (LINE redelivers) is recorded once', async () => {
    const events = [validEvent(), { ...validEvent(), timestamp: 'soon' }];
    const count = async () => Number((await sys.knex('inbound_events').count({ n: '*' }))[0].n);
    expect(await postLine(events)).toBe(200);
    const after = await count();
    expect(await postLine(events)).toBe(200);
    expect(await count()).toBe(after);
  });
});

describe('a signed body that is not a LINE webhook at all', () => {
  /** `null`: no signature header at all. */
  const post = (body: string, signature: string | null = signLineBody(body, LINE_SECRET)) =>
    fetch(`${sys.url}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature !== null ? { 'x-line-signature': signature } : {}) },
      body,
    });
  const malformedRows = () => sys.knex('inbound_events').where({ event_type: 'malformed' }).orderBy('id', 'desc');

  it.each([
    ['not JSON', 'this is {not json', /not JSON/],
    ['truncated JSON', JSON.stringify({ destination: BOT, events: [{ type: 'message' }] }).slice(0, 40), /not JSON/],
    ['empty', '', /empty/],
    ['no events list', JSON.stringify({ destination: BOT }), /no `events` list/],
    ['events not a list', JSON.stringify({ destination: BOT, events: 'none' }), /no `events` list/],
    ['a list, not an object', '[]', /an object with an `events` list/],
    ['a NUL and an unpaired surrogate in not-JSON', 'x\u0000y\ud800z', /not JSON/],
  ])('%s: 200 (LINE would redeliver anything else), recorded once as malformed with its reason, nothing queued', async (_name, body, reason) => {
    const before = (await malformedRows()).length;
    const res = await post(body);
    expect(res.status).toBe(200);
    const rows = await malformedRows();
    expect(rows.length).toBe(before + 1);
    expect(rows[0].error).toMatch(reason);
    expect(rows[0].processed_at).not.toBeNull();
    expect(rows[0].payload).toMatchObject({ malformed: true, excerpt: expect.any(String) });
    expect(await sys.knex('outbox').where({ queue: 'inbound' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [rows[0].id]).first()).toBeUndefined();
    // LINE redelivers nothing that got a 200; should the same body come again, it is recorded once.
    expect((await post(body)).status).toBe(200);
    expect((await malformedRows()).length).toBe(before + 1);
  });

  it('wrongly signed or unsigned, it is still refused (401) and nothing is stored', async () => {
    const count = async () => Number((await sys.knex('inbound_events').count({ n: '*' }))[0].n);
    const before = await count();
    for (const body of ['this is {not json', JSON.stringify({ destination: BOT, events: [validEvent()] })]) {
      expect((await post(body, null)).status).toBe(401);
      expect((await post(body, signLineBody(body, 'another-secret'))).status).toBe(401);
      expect((await post(body, 'not base64 at all')).status).toBe(401);
    }
    expect(await count()).toBe(before);
  });
});

describe('large bodies', () => {
  /** Sends the headers and the first 64 KiB of a body that claims `declared` bytes; the answer, or 'no answer' after 5 s. */
  const answerBeforeBody = (headers: Record<string, string>, declared: number) =>
    new Promise<number | 'no answer'>((resolve, reject) => {
      const url = new URL(`${sys.url}/webhooks/line`);
      const req = request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers, 'content-length': String(declared) } });
      const timer = setTimeout(() => {
        req.destroy();
        resolve('no answer');
      }, 5000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (err) => (/socket hang up|ECONNRESET|EPIPE/.test(String(err)) ? undefined : reject(err)));
      req.write(Buffer.alloc(64 * 1024, 0x20));
    });
  const count = async () => Number((await sys.knex('inbound_events').count({ n: '*' }))[0].n);

  it('a signed 300 KiB body of 21 events: 200, every event stored and processed', async () => {
    // LINE batches events; 21 texts of 5,000 Thai characters (LINE's longest) are about 315 KB.
    const events = Array.from({ length: 21 }, () => {
      const e = validEvent();
      return { ...e, message: { ...e.message, text: 'ส'.repeat(5_000) } };
    });
    const body = JSON.stringify({ destination: BOT, events });
    expect(Buffer.byteLength(body)).toBeGreaterThan(300 * 1024);
    const res = await fetch(`${sys.url}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, LINE_SECRET) },
      body,
    });
    expect(res.status).toBe(200);
    const ids = events.map((e) => e.webhookEventId);
    expect((await storedIds(ids)).sort()).toEqual([...ids].sort());
    await until(async () => (await sys.knex('inbound_events').whereIn('platform_event_id', ids).whereNotNull('processed_at')).length === ids.length, 60_000);
    const texts = await sys.knex('messages').whereIn('inbound_event_id', sys.knex('inbound_events').whereIn('platform_event_id', ids).select('id')).select('text');
    expect(texts.map((t) => t.text.length)).toEqual(ids.map(() => 5_000));
  }, 90_000);

  it('unsigned, a huge body is refused before it is read; past 4 MiB, even a signed-looking one: nothing stored', async () => {
    const before = await count();
    // No signature: 401 after the first 64 KiB of 64 MiB announced (the server read none of it).
    expect(await answerBeforeBody({}, 64 * 1024 * 1024)).toBe(401);
    // A signature header (right or wrong is known only once all is read): over 4 MiB, 413 unread.
    expect(await answerBeforeBody({ 'x-line-signature': 'c2lnbmVk' }, 4 * 1024 * 1024 + 1)).toBe(413);
    // 300 KiB, wrongly signed: read, checked, refused.
    const body = JSON.stringify({ destination: BOT, events: [validEvent()], pad: 'x'.repeat(300 * 1024) });
    const wrong = await fetch(`${sys.url}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, 'not-the-secret') }, body });
    expect(wrong.status).toBe(401);
    expect(await count()).toBe(before);
  });
});

describe('smaller things', () => {
  it('a LINE profile without displayName is recorded as a refusal, not retried', async () => {
    const userId = lineId('U');
    line.state.addProfile({ userId, pictureUrl: 'https://profile.line-scdn.net/x' } as never);
    expect(await postLine([{ ...validEvent(), source: { type: 'user', userId } }])).toBe(200);
    const identity = await until(async () => {
      const row = await sys.knex('contact_identities').where({ external_id: userId }).first();
      return row?.profile?.refusal ? row : undefined;
    }, 60_000).catch(async (err) => {
      console.log(JSON.stringify(await sys.knex('contact_identities').where({ external_id: userId }).first()));
      console.log(JSON.stringify(await sys.knex('outbox').where({ queue: PROFILE_QUEUE }).whereRaw(`payload->>'userId' = ?`, [userId])));
      console.log(JSON.stringify(line.state.requests.filter((r) => r.path.includes(userId))));
      throw err;
    });
    expect(identity.profile.refusal, JSON.stringify(identity.profile)).toMatch(/without a displayName/);
    const job = await until(
      () => sys.knex('outbox').where({ queue: PROFILE_QUEUE, job_name: PROFILE_JOBS.contactProfile, status: 'done' }).whereRaw(`payload->>'userId' = ?`, [userId]).first(),
      60_000,
    );
    expect(job.attempts).toBe(1);
    const asked = line.state.requests.filter((r) => r.path === `/v2/bot/profile/${userId}`);
    expect(asked).toHaveLength(1);
  }, 130_000);

  it('an inbound job that fails for good leaves its reason on the event', async () => {
    // Make the handler fail on every attempt: the conversation insert hits a check it cannot pass.
    await sys.knex.raw(`ALTER TABLE messages ADD CONSTRAINT fuzz_no_hello CHECK (text IS DISTINCT FROM 'fail me')`);
    try {
      const e2 = { ...validEvent(), message: { ...validEvent().message, text: 'fail me' } };
      expect(await postLine([e2])).toBe(200);
      const failed = await until(
        async () => {
          const ev = await sys.knex('inbound_events').where({ platform_event_id: e2.webhookEventId }).first();
          return ev?.error?.startsWith('failed for good') ? ev : undefined;
        },
        60_000,
        200,
      );
      expect(failed.error).toMatch(/fuzz_no_hello/);
      expect(failed.processed_at).toBeNull();
      expect(failed.attempts).toBe(3);
    } finally {
      await sys.knex.raw(`ALTER TABLE messages DROP CONSTRAINT fuzz_no_hello`);
    }
  }, 90_000);
});

describe('a fuzz of the three webhooks', () => {
  it('600 signed mutated bodies: no 5xx, every valid event stored', async () => {
    const seqBefore = Number((await sys.knex('outbox').max({ m: 'seq' }))[0].m ?? 0);
    const eventsBefore = Number((await sys.knex('inbound_events').max({ m: 'id' }))[0].m ?? 0);
    const result = await runWebhookFuzz(targets, Number(process.env.FUZZ_BODIES ?? 600), { seed: 7, concurrency: 8 });
    for (const kind of ['line', 'whatsapp', 'payments'] as const) {
      const fivexx = Object.entries(result.statuses[kind]).filter(([s]) => Number(s) >= 500);
      expect(fivexx, `${kind}: ${JSON.stringify(result.statuses[kind])}`).toEqual([]);
    }
    // Every signed LINE body is answered 200, even one that is not a webhook (so LINE does not
    // redeliver it): no valid LINE event was in a body that was refused.
    expect(Object.keys(result.statuses.line), JSON.stringify(result.statuses.line)).toEqual(['200']);
    expect(result.validIds.line.length).toBeGreaterThan(100);
    expect((await storedIds(result.validIds.line)).length).toBe(result.validIds.line.length);
    expect((await storedIds(result.validIds.whatsapp)).length).toBe(result.validIds.whatsapp.length);
    expect((await storedIds(result.validIds.payments.map((id) => `payment:${id}`))).length).toBe(result.validIds.payments.length);
    // Malformed LINE events were recorded as such.
    expect(Number((await sys.knex('inbound_events').where({ event_type: 'malformed' }).count({ n: '*' }))[0].n)).toBeGreaterThan(50);

    // Then the workers: every valid event processed, and no row failed. A failed row is work a
    // person must look at; an event the platform signed but that no one can read, or a file at an
    // address the SSRF guard refuses, is not: both are recorded as such, with their reason, and
    // nothing is queued to fail for them.
    const ours = () => sys.knex('outbox').where('seq', '>', seqBefore).whereIn('queue', ['inbound', 'media']);
    await until(async () => Number((await ours().clone().whereIn('status', ['pending', 'enqueued']).count({ n: '*' }))[0].n) === 0, 240_000, 500);
    const failed = await ours().clone().where({ status: 'failed' }).select('queue', 'job_name', 'last_error');
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
    const events = sys.knex('inbound_events').where('id', '>', eventsBefore);
    expect(await events.clone().whereNull('processed_at').select('id', 'event_type', 'error')).toEqual([]);
    const malformed = await events.clone().where({ event_type: 'malformed' }).select('error');
    expect(malformed.length).toBeGreaterThan(50);
    expect(malformed.filter((m) => !m.error)).toEqual([]);
    // Among them, events of a known type without their documented fields: recorded on arrival.
    expect(malformed.some((m) => /^Malformed LINE \w+ event/.test(m.error))).toBe(true);
    // The valid events beside them were all processed.
    const valid = [...result.validIds.line, ...result.validIds.whatsapp];
    const processed = await sys.knex('inbound_events').whereIn('platform_event_id', valid).whereNotNull('processed_at').whereNot('event_type', 'malformed').count({ n: '*' });
    expect(Number(processed[0].n)).toBe(valid.length);
    // Files at refused addresses: the message is kept, with why its file is not.
    const refusedMedia = await sys.knex('messages').where('created_at', '>=', sys.knex.raw(`(SELECT min(received_at) FROM inbound_events WHERE id > ?)`, [eventsBefore])).whereRaw(`payload->>'mediaRefused' IS NOT NULL`).select('payload');
    expect(refusedMedia.length).toBeGreaterThan(5);
    expect(refusedMedia.every((m) => typeof m.payload.mediaRefused === 'string')).toBe(true);
  }, 360_000);
});
