import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLineConnection, isPublicHttps } from '../bot/line/line-connection.ts';
import { startFakeLineApi, type RunningFakeLineApi } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * Connecting a LINE channel in one step (docs/channels.md, "Connecting a LINE channel"): the
 * token asked of LINE (bot info), the webhook URL set at LINE and LINE's signed test webhook sent
 * to it, which checks the secret; each failure named for what it is, quickly. LINE is the fake
 * LINE server, reached by the real SDK client; `https://desk.example` (PUBLIC_BASE_URL) is routed
 * by the fake to the test system, as a tunnel would route it.
 */
let h: LiffHarness;
let admin: EnrolledStaff;

beforeAll(async () => {
  h = await startLiffHarness();
  h.line.state.routeHost('desk.example', h.sys.url!);
  admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin' });
}, 60_000);
afterAll(() => h?.close());

const connect = async (body: unknown) => {
  const res = await fetch(`${h.sys.url}/liff-api/v1/settings/channels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.idToken(admin.lineUserId)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
};
const channelCount = async () => Number((await h.sys.knex('channels').count({ n: '*' }).first())!.n);
const newLineChannel = (secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6') => {
  const token = 'connect-token-' + Math.random().toString(36).slice(2);
  h.line.state.addChannel({ channelAccessToken: token, channelSecret: secret, bot: { displayName: 'Khao Soi House' } });
  return { token, secret };
};

describe('connecting a LINE channel from the Settings app', () => {
  it('right token and secret: the webhook URL is set at LINE, LINE\'s test webhook passes, the channel is working', async () => {
    const { token, secret } = newLineChannel();
    const res = await connect({ name: 'Khao Soi OA', credentials: { channelSecret: secret, channelAccessToken: token } });
    expect(res.status).toBe(201);
    const webhookUrl = `https://desk.example/webhooks/line/${res.json.id}`;
    expect(res.json.webhookUrl).toBe(webhookUrl);
    expect(res.json.connection).toMatchObject({ ok: true, token: 'accepted', webhook: 'working', secret: 'accepted', botName: 'Khao Soi House', webhookUrl });
    expect(h.line.state.webhookEndpoints.get(token)).toBe(webhookUrl);
    const row = await h.sys.knex('channels').where({ id: res.json.id }).first();
    expect(row.settings.connection).toMatchObject({ ok: true });
    expect(row.external_id).toBe(h.line.state.botInfo(token)!.userId);
    expect(await h.sys.knex('audit_log').where({ action: 'channel.checked', subject_id: res.json.id, actor_id: admin.id }).first()).toBeDefined();
  });

  it('a secret that is not the channel\'s: stored, and the check says the secret is wrong (LINE\'s test webhook got 401)', async () => {
    const { token } = newLineChannel();
    const res = await connect({ name: 'Wrong secret OA', credentials: { channelSecret: 'ffffffffffffffffffffffffffffffff', channelAccessToken: token } });
    expect(res.status).toBe(201);
    expect(res.json.connection).toMatchObject({ ok: false, token: 'accepted', webhook: 'set', secret: 'refused', status: 401 });
    expect(res.json.connection.message).toContain('401');
  });

  it('a token LINE does not know: 422 naming the token field, in LINE\'s words; nothing stored', async () => {
    const before = await channelCount();
    const audits = Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n);
    const res = await connect({ name: 'Typo OA', credentials: { channelSecret: 'a1b2c3d4e5f6a7b8', channelAccessToken: 'this-token-has-a-typo' } });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'credentials.channelAccessToken', message: expect.stringMatching(/^LINE refused this token \(401\): Authentication failed/) })]);
    expect(await channelCount()).toBe(before);
    expect(Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n)).toBe(audits);
  });

  it('LINE out of reach: stored, and the check says LINE could not be reached, not that LINE refused', async () => {
    const { token, secret } = newLineChannel();
    h.line.state.failNext('/v2/bot/info', { cutConnection: true });
    const started = Date.now();
    const res = await connect({ name: 'Offline OA', credentials: { channelSecret: secret, channelAccessToken: token } });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(res.status).toBe(201);
    expect(res.json.connection).toMatchObject({ ok: false, token: 'unchecked', problem: 'line_unreachable', status: null });
    expect(h.line.state.webhookEndpoints.has(token)).toBe(false);

    // Check again, once LINE answers: the same channel, now working.
    const again = await apiClient(h.sys)('POST', `/api/v1/channels/${res.json.id}/check`);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ ok: true, webhook: 'working', secret: 'accepted' });
    expect((await h.sys.knex('channels').where({ id: res.json.id }).first()).settings.connection.ok).toBe(true);
  });

  it('the check is in the OpenAPI document, for API keys and the Settings app', async () => {
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/api/v1/channels/{id}/check', '/liff-api/v1/settings/channels/{id}/check']) {
      expect(doc.paths[path].post['x-permission'], path).toBe('channels.manage');
    }
    expect(doc.components.schemas.LineConnectionCheck.properties.webhook.enum).toContain('not_public');
    // A support key may not check (nor set a webhook at LINE).
    const support = (await apiClient(h.sys)('POST', '/api/v1/api-keys', { name: 'support-check', role: 'support' })).json.key;
    const [one] = await h.sys.knex('channels').select('id').limit(1);
    const requests = h.line.state.requests.length;
    expect((await apiClient(h.sys)('POST', `/api/v1/channels/${one.id}/check`, undefined, support)).status).toBe(403);
    expect(h.line.state.requests.length).toBe(requests);
  });

  it('a test message through a channel LINE cannot be reached for says so, not "LINE answered: fetch failed"', async () => {
    const { token, secret } = newLineChannel();
    const made = await connect({ name: 'Test later OA', credentials: { channelSecret: secret, channelAccessToken: token } });
    h.line.state.failNext('/v2/bot/info', { cutConnection: true });
    const res = await fetch(`${h.sys.url}/liff-api/v1/settings/channels/${made.json.id}/test-message`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.idToken(admin.lineUserId)}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await res.json()).toMatchObject({ ok: false, status: null, problem: 'line_unreachable' });
  });
});

describe('the check on its own', () => {
  let line: RunningFakeLineApi;
  beforeAll(async () => {
    line = await startFakeLineApi();
  });
  afterAll(() => line?.close());

  it('a desk without a public https address: the token is checked, nothing is set at LINE, and the answer says why', async () => {
    const token = 'local-dev-token';
    line.state.addChannel({ channelAccessToken: token });
    const r = await checkLineConnection({ channelAccessToken: token, apiBaseUrl: line.url, webhookUrl: 'http://127.0.0.1:3000/webhooks/line/x' });
    expect(r).toMatchObject({ ok: false, token: 'accepted', webhook: 'not_public', secret: 'unchecked' });
    expect(line.state.requests.map((q) => q.path)).toEqual(['/v2/bot/info']);
  });

  it('LINE that does not answer: the check gives up after its timeout, saying so', async () => {
    line.state.addChannel({ channelAccessToken: 'slow-token' });
    line.state.failNext('/v2/bot/info', { delayMs: 3000 });
    const started = Date.now();
    const r = await checkLineConnection({ channelAccessToken: 'slow-token', apiBaseUrl: line.url, webhookUrl: 'https://desk.example/webhooks/line/x', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toMatchObject({ ok: false, token: 'unchecked', problem: 'line_timeout' });
  });

  it('a machine that cannot look LINE up is told it has no network', async () => {
    const r = await checkLineConnection({ channelAccessToken: 'x', apiBaseUrl: 'https://api.line.invalid', webhookUrl: 'https://desk.example/w' });
    expect(r).toMatchObject({ ok: false, token: 'unchecked', problem: 'no_network' });
  });

  it('what counts as an address LINE can call', () => {
    for (const url of ['https://desk.example.com/w', 'https://abc.trycloudflare.com/webhooks/line/1', 'https://203.0.113.9/w']) expect(isPublicHttps(url), url).toBe(true);
    for (const url of ['http://desk.example.com/w', 'https://localhost:3000/w', 'https://127.0.0.1/w', 'https://192.168.1.20/w', 'https://10.0.0.1/w', 'https://[::1]/w', 'https://myhost/w', 'not a url']) expect(isPublicHttps(url), url).toBe(false);
  });
});
