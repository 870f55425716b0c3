import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../bot/line/line-signature.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { apiClient } from './support/api-client.ts';

/** Channels added through the admin API: stored sealed, addressed by id, guarded by role. */
let sys: TestSystem;
let supportKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'agent', role: 'support' })).json.key;
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const count = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);
const lineChannel = (name: string, secret: string) => ({
  kind: 'line',
  name,
  credentials: { channelSecret: secret, channelAccessToken: 'token-for-' + name },
});

describe('channels through the admin API', () => {
  it('adds a LINE channel whose secret is stored sealed and whose webhook verifies with it', async () => {
    const secret = 'second-shop-channel-secret';
    const created = await api('POST', '/api/v1/channels', lineChannel('Second shop', secret));
    expect(created.status).toBe(201);
    expect(created.json.webhookUrl).toBe(`${sys.url}/webhooks/line/${created.json.id}`);
    const row = await sys.knex('channels').where({ id: created.json.id }).first();
    expect(row.credentials_encrypted).not.toContain(secret);
    expect(await sys.knex('audit_log').where({ action: 'channel.created', subject_id: created.json.id }).first()).toBeDefined();

    const body = JSON.stringify({
      destination: lineId('U'),
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          webhookEventId: '01CHANNELAPITEST000000000A',
          deliveryContext: { isRedelivery: false },
          source: { type: 'user', userId: lineId('U') },
          replyToken: 'r',
          message: { id: '1', type: 'text', quoteToken: 'q', text: 'hello second shop' },
        },
      ],
    });
    const post = (s: string) =>
      fetch(created.json.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, s) }, body });
    expect((await post('some-other-secret')).status).toBe(401);
    expect((await post(secret)).status).toBe(200);
    const stored = await sys.knex('inbound_events').where({ channel_id: created.json.id }).first();
    expect(stored.org_id).toBe(sys.defaultOrgId);

    const list = await api('GET', '/api/v1/channels');
    expect(list.json.map((c: { id: string }) => c.id)).toContain(created.json.id);
    expect(JSON.stringify(list.json)).not.toContain(secret);
  });

  it('404s a webhook for a channel that does not exist', async () => {
    const res = await fetch(`${sys.url}/webhooks/line/00000000-0000-4000-8000-000000000000`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('refuses a support key (403), bad credentials (422) and a second channel for one WhatsApp number (409), writing nothing', async () => {
    const before = await count('channels');
    expect((await api('POST', '/api/v1/channels', lineChannel('Nope', 'secret-secret'), supportKey)).status).toBe(403);
    const bad = await api('POST', '/api/v1/channels', { kind: 'whatsapp', name: 'WA', sender: '+6681', credentials: { accountSid: 'x', authToken: 'y' } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['sender']));
    expect(await count('channels')).toBe(before);

    const wa = { kind: 'whatsapp', name: 'WA', sender: 'whatsapp:+6620000001', credentials: { accountSid: 'AC' + 'a'.repeat(32), authToken: 'auth-token-123' } };
    expect((await api('POST', '/api/v1/channels', wa)).status).toBe(201);
    const again = await api('POST', '/api/v1/channels', wa);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_exists');
    expect(await count('channels')).toBe(before + 1);
  });
});

describe('contacts known twice', () => {
  it('merges one contact into another, moving identities and conversations', async () => {
    const [channel] = await sys.knex('channels').select('id').limit(1);
    const [a] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Nok (LINE)' }).returning('id');
    const [b] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, phone: '+66812345678' }).returning('id');
    await sys.knex('contact_identities').insert({ org_id: sys.defaultOrgId, contact_id: b.id, channel_id: channel.id, external_id: 'whatsapp:+66812345678' });
    const merged = await api('POST', `/api/v1/contacts/${a.id}/merge`, { mergeContactId: b.id });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({ identities: 1 });
    expect(await sys.knex('contacts').where({ id: b.id }).first()).toBeUndefined();
    expect(await sys.knex('contacts').where({ id: a.id }).first()).toMatchObject({ display_name: 'Nok (LINE)', phone: '+66812345678' });
    expect((await api('POST', `/api/v1/contacts/${a.id}/merge`, { mergeContactId: a.id })).status).toBe(422);
    expect((await api('POST', `/api/v1/contacts/${a.id}/merge`, { mergeContactId: b.id })).status).toBe(404);
  });
});

describe('LINE push usage', () => {
  it('reports push requests and the messages they carried, per month', async () => {
    await sys.knex('org_counters').insert([
      { org_id: sys.defaultOrgId, name: 'line_push:2026-10', value: 42 },
      { org_id: sys.defaultOrgId, name: 'line_push_requests:2026-10', value: 17 },
      { org_id: sys.defaultOrgId, name: 'line_push:2026-09', value: 3 },
    ]);
    const usage = await until(async () => {
      const res = await api('GET', '/api/v1/usage/line-pushes');
      return res.status === 200 ? res.json : false;
    });
    expect(usage).toContainEqual({ month: '2026-10', pushedMessages: 42, pushRequests: 17 });
    expect(usage).toContainEqual({ month: '2026-09', pushedMessages: 3, pushRequests: 0 });
    expect((await api('GET', '/api/v1/usage/line-pushes', undefined, supportKey)).status).toBe(403);
  });
});
