import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineClassifier } from '../core/understanding/offline-classifier.ts';
import { loadOrgTaxonomy } from '../core/understanding/org-taxonomy.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';

/**
 * "The bot acts when it is at least N % sure" (`actWhenSure`): set through the settings API, used
 * by the bot from the next message on, and previewed on last week's messages before it is set.
 * Through signed LINE webhooks, the offline classifier and the fake LINE server.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const LATE_PARCEL = 'my order never arrived, can you check?';

beforeAll(async () => {
  h = await startLineCustomerHarness();
});
afterAll(() => h?.close());

const casesOf = async (text: string) =>
  h.sys.knex('cases').join('messages', 'messages.id', 'cases.source_message_id').where('messages.text', text).count<{ count: string }[]>('cases.id as count').first();

describe('how sure the bot must be to act', () => {
  it('opens a case it is 96 % sure of at the default level (80 %), and asks back at 99 %', async () => {
    // The reading the bot gets, so that the two levels fall on either side of it.
    const reading = await new OfflineClassifier().classify({ text: LATE_PARCEL, taxonomy: await loadOrgTaxonomy(h.sys.knex, h.sys.defaultOrgId) });
    expect(reading).toMatchObject({ kind: 'case', caseType: 'order_not_delivered' });
    expect(reading.confidence).toBeGreaterThanOrEqual(0.8);
    expect(reading.confidence).toBeLessThan(0.99);

    expect((await api('GET', '/api/v1/org/settings')).json.actWhenSure).toBe(80);
    const acted = await h.ask('Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1', { text: LATE_PARCEL });
    expect(acted.text).toMatch(/C-\d+/);
    expect(Number((await casesOf(LATE_PARCEL))?.count)).toBe(1);

    expect((await api('PATCH', '/api/v1/org/settings', { actWhenSure: 99 })).status).toBe(200);
    const asked = await h.ask('Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2', { text: LATE_PARCEL });
    expect(asked.text).not.toMatch(/C-\d+/);
    // The customer picks what it is: the bot's four choices, nothing opened for them.
    expect(asked.quickReplies.length).toBeGreaterThan(1);
    expect(Number((await casesOf(LATE_PARCEL))?.count)).toBe(1);
    expect((await api('PATCH', '/api/v1/org/settings', { actWhenSure: null })).json.actWhenSure).toBe(80);
  });

  it("previews a level on last week's messages, leaving older ones and small talk out", async () => {
    const at = async (sure: number) => {
      const { since, ...counts } = (await api('GET', `/api/v1/taxonomy/act-preview?sure=${sure}`)).json;
      expect(Date.now() - Date.parse(since)).toBeGreaterThanOrEqual(7 * 86_400_000);
      return counts;
    };
    const before = await at(50);
    // A reading older than a week, and small talk: neither is counted.
    const anyMessage = await h.sys.knex('messages').where({ direction: 'in', text: LATE_PARCEL }).first();
    const old = { org_id: h.sys.defaultOrgId, message_id: anyMessage.id, provider: 'offline', model: 'test', latency_ms: 1, kind: 'case', confidence: 0.99, language: 'en', result: '{}' };
    await h.sys.knex('classifications').insert({ ...old, created_at: new Date(Date.now() - 8 * 86_400_000) });
    await h.ask('Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3', { text: 'hello' });
    expect(await at(50)).toEqual(before);

    // The two customers' messages above (one reading each): both acted on at 50 %, neither at 99 %.
    expect(before).toMatchObject({ sure: 50, messages: 2, acted: 2, notActed: 0 });
    expect(await at(99)).toMatchObject({ sure: 99, messages: 2, acted: 0, notActed: 2 });
  });

  it('refuses a level it cannot use, saying why, and changes nothing', async () => {
    const before = (await api('GET', '/api/v1/org/settings')).json.actWhenSure;
    for (const actWhenSure of [49, 100, 90.5, '90', true]) {
      const res = await api('PATCH', '/api/v1/org/settings', { actWhenSure });
      expect(res.status, JSON.stringify(actWhenSure)).toBe(422);
      expect(res.json.error.details).toContainEqual(expect.objectContaining({ path: 'actWhenSure' }));
    }
    expect((await api('GET', '/api/v1/org/settings')).json.actWhenSure).toBe(before);
    for (const sure of ['49', '100', 'abc', '']) {
      const res = await api('GET', `/api/v1/taxonomy/act-preview?sure=${sure}`);
      expect(res.status, sure).toBe(422);
      expect(res.json.error.details).toContainEqual(expect.objectContaining({ path: 'sure' }));
    }
    expect((await api('GET', '/api/v1/taxonomy/act-preview')).status).toBe(422);
  });
});
