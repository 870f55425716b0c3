import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../bot/line/line-signature.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startFakeOpenAiApi, type RunningFakeOpenAiApi } from '../dev/fakes/openai-api.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { TEST_ADMIN_KEY, until, untilSettled } from './support/test-system.ts';

/**
 * Several businesses behind one LINE webhook address, and the limits the platform operator sets
 * each business (#43, docs/tenants.md): storage and the LLM's tokens a day, with the deployment's
 * defaults and an org's own. Each refusal is shown with its answer and with nothing lost.
 */
const PLATFORM_KEY = 'platform-key-' + randomBytes(12).toString('hex');
let h: LiffHarness;
let llm: RunningFakeOpenAiApi;
let api: ReturnType<typeof apiClient>;
const platform = (method: string, path: string, body?: unknown) => api(method, path, body, PLATFORM_KEY);

beforeAll(async () => {
  llm = await startFakeOpenAiApi();
  h = await startLiffHarness({ PLATFORM_API_KEY: PLATFORM_KEY, CLASSIFIER: 'auto', OPENAI_API_KEY: 'sk-test-' + randomBytes(8).toString('hex'), OPENAI_BASE_URL: llm.baseUrl });
  api = apiClient(h.sys);
}, 90_000);
afterAll(async () => {
  await h?.close();
  await llm?.close();
});

const count = async (table: string, where: Record<string, unknown> = {}) => Number((await h.sys.knex(table).where(where).count({ n: '*' }))[0].n);

/** A business with its own LINE Official Account, connected by its admin in Settings: its bot's id is LINE's `destination`. */
async function businessWithLine(name: string) {
  const made = await platform('POST', '/platform/v1/orgs', { name, businessType: 'order_desk', starterKit: 'order_desk', adminApiKey: true });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const admin = lineId('U');
  const token = new URL(made.json.invitation.url).searchParams.get('invitation')!;
  expect((await h.pub('POST', '/liff-api/v1/invitations/accept', { headers: { authorization: `Bearer ${h.idToken(admin)}` }, body: { token } })).status).toBe(201);
  const accessToken = `tok-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const bot = h.line.state.addChannel({ channelAccessToken: accessToken, channelSecret: secret });
  const channel = await h.pub('POST', '/liff-api/v1/settings/channels', { headers: { authorization: `Bearer ${h.idToken(admin)}` }, body: { name: `${name} LINE`, credentials: { channelAccessToken: accessToken, channelSecret: secret } } });
  expect(channel.status, JSON.stringify(channel.json)).toBe(201);
  return { org: made.json, key: made.json.adminApiKey as string, secret, destination: bot.userId as string, channelId: channel.json.id as string };
}

/** A customer's text, as LINE posts it to the shared address: `destination` names the bot, the signature its channel's secret. */
function sharedDelivery(destination: string, secret: string, text: string, customer = lineId('U')) {
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: customer },
    webhookEventId: `01H${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26),
    deliveryContext: { isRedelivery: false },
    replyToken: h.line.state.issueReplyToken(),
    message: { id: String(BigInt('0x' + randomBytes(7).toString('hex'))), type: 'text', quoteToken: 'q', text },
  };
  const body = JSON.stringify({ destination, events: [event] });
  return fetch(`${h.sys.url}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) }, body });
}

let shop: Awaited<ReturnType<typeof businessWithLine>>;
let other: Awaited<ReturnType<typeof businessWithLine>>;

describe('the shared LINE webhook finds the business by destination', () => {
  it("opens a case in the business whose bot LINE names, checked with that business's secret", async () => {
    shop = await businessWithLine('Destination Top-up Shop');
    other = await businessWithLine('Destination Tours');
    const customer = lineId('U');
    const res = await sharedDelivery(shop.destination, shop.secret, 'เติมเงินไป 300 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 778899', customer);
    expect(res.status).toBe(200);
    const message = await until(() => h.sys.knex('messages').where({ org_id: shop.org.id, direction: 'in' }).whereRaw(`text like '%778899%'`).first());
    const conversation = await h.sys.knex('conversations').where({ id: message.conversation_id }).first();
    expect(conversation.external_id).toBe(customer);
    // None of it reached the default business or the other one.
    expect(await count('messages', { org_id: other.org.id })).toBe(0);
    expect(await h.sys.knex('messages').where({ org_id: h.sys.defaultOrgId }).whereRaw(`text like '%778899%'`).first()).toBeUndefined();
  });

  it("refuses (401) a body naming one business's bot but signed with another business's secret, storing nothing", async () => {
    const before = { events: await count('inbound_events') };
    const res = await sharedDelivery(shop.destination, other.secret, 'signed by the wrong business');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
    expect(await count('inbound_events')).toBe(before.events);
    // Its words nowhere (not every message: the answer to the test before may still be landing).
    expect(await h.sys.knex('messages').where({ text: 'signed by the wrong business' }).first()).toBeUndefined();
  });

  it('answers 200 to a bot no business here has, stores nothing and counts it for the operator', async () => {
    // The default business's channel learns its bot from its first delivery; from then on a bot
    // nobody here has is unknown (before, the default business could not tell it from its own).
    await h.send(lineId('U'), { text: 'สวัสดีค่ะ' });
    // Its answer is written as it comes: counted from when nothing is left to do.
    await untilSettled(h.sys.knex);
    const unknown = `U${randomBytes(16).toString('hex')}`;
    const before = { events: await count('inbound_events'), messages: await count('messages') };
    for (let i = 0; i < 2; i++) {
      const res = await sharedDelivery(unknown, randomBytes(16).toString('hex'), 'to a bot nobody connected');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
    }
    expect(await count('inbound_events')).toBe(before.events);
    expect(await count('messages')).toBe(before.messages);
    const seen = await platform('GET', '/platform/v1/unknown-destinations');
    expect(seen.status).toBe(200);
    expect(seen.json.find((d: { destination: string }) => d.destination === unknown)).toMatchObject({ deliveries: 2 });
    // An org's key does not open the operator's list.
    expect((await api('GET', '/platform/v1/unknown-destinations', undefined, shop.key)).status).toBe(403);
  });

  it("answers 200 to a suspended business's bot, stores nothing and counts it on the business", async () => {
    expect((await platform('POST', `/platform/v1/orgs/${other.org.id}/suspend`)).status).toBe(200);
    const before = { events: await count('inbound_events', { org_id: other.org.id }), messages: await count('messages', { org_id: other.org.id }) };
    const res = await sharedDelivery(other.destination, other.secret, 'while suspended');
    expect(res.status).toBe(200);
    expect(await count('inbound_events', { org_id: other.org.id })).toBe(before.events);
    expect(await count('messages', { org_id: other.org.id })).toBe(before.messages);
    expect((await platform('GET', `/platform/v1/orgs/${other.org.id}`)).json.refusedDeliveries).toBe(1);
    // Still its own door: a wrong signature is a 401 there, not counted.
    expect((await sharedDelivery(other.destination, shop.secret, 'forged')).status).toBe(401);
    expect((await platform('GET', `/platform/v1/orgs/${other.org.id}`)).json.refusedDeliveries).toBe(1);
    expect((await platform('POST', `/platform/v1/orgs/${other.org.id}/resume`)).status).toBe(200);
  });
});

describe("a business's LLM budget", () => {
  it('past its tokens for the day, its messages are read by the offline classifier: nothing waits, nothing is lost, and it shows in Settings and to the operator', async () => {
    const readings = () => h.sys.knex('classifications').where({ org_id: shop.org.id }).orderBy('id').select('provider', 'llm_tokens', 'fallback_reason', 'message_id');
    // The first message of the day (above) was read by the LLM, whose tokens are kept with the reading.
    const first = await until(async () => (await readings())[0]);
    expect(first).toMatchObject({ provider: 'openai', fallback_reason: null });
    expect(first.llm_tokens).toBeGreaterThan(0);
    const used = (await readings()).reduce((n, r) => n + (r.llm_tokens ?? 0), 0);

    // The operator gives it one more reading's worth: the budget runs out in the middle of its day.
    const set = await platform('PUT', `/platform/v1/orgs/${shop.org.id}/limits`, { llmTokensPerDay: used + 1 });
    expect(set.status).toBe(200);
    expect(set.json.limits).toEqual({ llmTokensPerDay: used + 1 });
    await sharedDelivery(shop.destination, shop.secret, 'เติมเงินไป 100 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 100001');
    await until(async () => (await readings()).length === 2);
    expect((await readings())[1]).toMatchObject({ provider: 'openai', fallback_reason: null });
    await untilSettled(h.sys.knex);
    const asked = llm.state.requests.length;

    // Spent: the next customer is read offline, and the LLM is not asked.
    const customer = lineId('U');
    await sharedDelivery(shop.destination, shop.secret, 'เติมเงินไป 200 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 100002', customer);
    await until(async () => (await readings()).length === 3);
    const third = (await readings())[2];
    expect(third).toMatchObject({ provider: 'offline', fallback_reason: 'llm_budget', llm_tokens: null });
    expect(llm.state.requests.length).toBe(asked);
    // Nothing lost: the message is stored, routed, and the customer answered by the bot.
    const message = await h.sys.knex('messages').where({ id: third.message_id }).first();
    expect(message.text).toContain('100002');
    await until(async () => (await h.sys.knex('messages').where({ id: third.message_id }).first()).routed_at !== null);
    await until(async () => (await h.sys.knex('messages').where({ conversation_id: message.conversation_id, direction: 'out' }).first()) ?? false);

    // Seen by the business in Settings and by the operator, with the limit in effect.
    const mine = await api('GET', '/api/v1/org/usage', undefined, shop.key);
    expect(mine.status).toBe(200);
    expect(mine.json.llmTokens.perDay).toBe(used + 1);
    expect(mine.json.llmTokens.today).toBeGreaterThan(used);
    expect(mine.json.botMessages.today).toBe(3);
    expect((await platform('GET', `/platform/v1/orgs/${shop.org.id}/usage`)).json).toEqual(mine.json);
    // The other businesses have no budget and the LLM still reads theirs.
    expect((await api('GET', '/api/v1/org/usage')).json.llmTokens.perDay).toBeNull();

    // Lifted (null: none for it), the LLM reads its messages again.
    expect((await platform('PUT', `/platform/v1/orgs/${shop.org.id}/limits`, { llmTokensPerDay: null })).json.limits).toEqual({ llmTokensPerDay: null });
    await sharedDelivery(shop.destination, shop.secret, 'เติมเงินไป 300 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 100003');
    await until(async () => (await readings()).length === 4);
    expect((await readings())[3]).toMatchObject({ provider: 'openai', fallback_reason: null });
  });

  it('an override for a business that does not exist is a 404 and changes nothing', async () => {
    const before = await h.sys.knex('orgs').select('id', 'limits').orderBy('id');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-org']) {
      const res = await platform('PUT', `/platform/v1/orgs/${id}/limits`, { storageMb: 10, llmTokensPerDay: 1000 });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
      expect((await platform('GET', `/platform/v1/orgs/${id}/usage`)).status).toBe(404);
    }
    expect(await h.sys.knex('orgs').select('id', 'limits').orderBy('id')).toEqual(before);
  });
});

/** A PNG as far as the file checks go: its signature, then filler of the size asked. */
const png = (bytes: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(bytes - 8)]);
const KB = 1024;
const mediaFiles = (orgId: string): string[] => {
  const walk = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    } catch {
      return [];
    }
  };
  return walk(join(h.sys.dataDir, 'media', orgId));
};

describe("a business's storage", () => {
  it('refuses a note whose files together pass the limit: 409 storage_full, neither file kept, the room given back', async () => {
    const orgId = h.sys.defaultOrgId;
    expect((await platform('PUT', `/platform/v1/orgs/${orgId}/limits`, { storageMb: 1 })).status).toBe(200);
    const opened = await openTestCase(h.sys, 'topup_not_credited');
    const note = async (files: Buffer[]) => {
      const form = new FormData();
      form.append('note', JSON.stringify({ text: 'the slip and the statement' }));
      files.forEach((f, i) => form.append('file', new Blob([new Uint8Array(f)], { type: 'image/png' }), `slip-${i}.png`));
      const res = await fetch(`${h.sys.url}/api/v1/cases/${opened.number}/notes`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` }, body: form });
      return { status: res.status, json: await res.json() };
    };
    const kept = await note([png(400 * KB)]);
    expect(kept.status, JSON.stringify(kept.json)).toBe(201);
    const usedBefore = (await api('GET', '/api/v1/org/usage')).json.storage;
    expect(usedBefore).toEqual({ usedBytes: 400 * KB, limitBytes: 1024 * KB });
    const filesBefore = mediaFiles(orgId);
    const caseFilesBefore = await count('case_files', { org_id: orgId });
    const eventsBefore = await count('case_events', { case_id: opened.id });

    // 400 KB fits, 300 KB more does not: the note is refused before either is written.
    const refused = await note([png(400 * KB), png(300 * KB)]);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', details: { reason: 'storage_full', limitMb: 1 } });
    expect(refused.json.error.message).toMatch(/storage/);
    expect(await count('case_files', { org_id: orgId })).toBe(caseFilesBefore);
    expect(await count('case_events', { case_id: opened.id })).toBe(eventsBefore);
    expect(mediaFiles(orgId).sort()).toEqual(filesBefore.sort());
    expect((await api('GET', '/api/v1/org/usage')).json.storage).toEqual(usedBefore);
    expect((await platform('GET', `/platform/v1/orgs/${orgId}/usage`)).json.storage).toEqual(usedBefore);
  });

  it("keeps a customer's words when their photo does not fit: the photo is refused on the message, for staff to see", async () => {
    const orgId = h.sys.defaultOrgId;
    const customer = lineId('U');
    const photoId = String(BigInt('0x' + randomBytes(7).toString('hex')));
    h.line.state.addContent(photoId, png(700 * KB), 'image/png');
    await h.send(customer, { text: 'ส่งสลิปให้ค่ะ' });
    const event = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'user', userId: customer },
      webhookEventId: `01H${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26),
      deliveryContext: { isRedelivery: false },
      replyToken: h.line.state.issueReplyToken(),
      message: { id: photoId, type: 'image', contentProvider: { type: 'line' } },
    };
    expect((await h.postEvents([event])).status).toBe(200);
    const photo = await until(async () => {
      const m = await h.sys.knex('messages').where({ org_id: orgId, platform_message_id: photoId }).first();
      return m?.payload?.mediaRefused ? m : false;
    });
    expect(photo.payload.mediaRefused).toMatch(/storage \(1 MB\)/);
    expect(photo.media_path).toBeNull();
    expect(await h.sys.knex('messages').where({ org_id: orgId, direction: 'in', text: 'ส่งสลิปให้ค่ะ' }).first()).toBeDefined();
    await untilSettled(h.sys.knex);
    expect((await api('GET', '/api/v1/org/usage')).json.storage.usedBytes).toBe(400 * KB);

    // Room again (its own limit lifted, no default here): the next photo is kept and counted.
    expect((await platform('PUT', `/platform/v1/orgs/${orgId}/limits`, { storageMb: null })).status).toBe(200);
    const nextId = String(BigInt('0x' + randomBytes(7).toString('hex')));
    h.line.state.addContent(nextId, png(700 * KB), 'image/png');
    await h.postEvents([{ ...event, webhookEventId: `01H${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26), replyToken: h.line.state.issueReplyToken(), message: { ...event.message, id: nextId } }]);
    await until(async () => (await h.sys.knex('messages').where({ org_id: orgId, platform_message_id: nextId }).first())?.media_path ?? false);
    expect((await api('GET', '/api/v1/org/usage')).json.storage).toEqual({ usedBytes: 1100 * KB, limitBytes: null });
  });
});
