import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseInboundEvents, recordMalformedEvent, storeInboundEvents } from '../core/inbound/inbound-events.ts';
import { safeExcerpt } from '../core/inbound/malformed-events.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * What arrived and could not be used, listed for admins and managers (docs/reliability.md,
 * "Nothing fails that no one can fix"): events recorded as malformed, on arrival or by the worker,
 * and customers' files that were not fetched. Newest first, paged, tokens hidden, erased
 * customers' events without their content, another org's never.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let channel: { id: string; orgId: string; name: string };
let seq = 0;
const eventId = () => `01P${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(6, '0')}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 26);
const base = () => ({ mode: 'active', timestamp: Date.now(), source: { type: 'user', userId: lineId('U') }, webhookEventId: eventId(), deliveryContext: { isRedelivery: false } });

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  const row = await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).first();
  channel = { id: row.id, orgId: row.org_id, name: row.name };
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('malformed events, listed', () => {
  it('newest first, with reason, channel, time and a short excerpt whose tokens are hidden; paged; erased ones without content', async () => {
    // 1. On arrival: a message event without message.id (LINE signed it), carrying a reply token.
    const first = { ...base(), type: 'message', replyToken: 'secret-reply-token-1234567890', message: { type: 'text', text: 'hello' } };
    expect((await h.postEvents([first])).status).toBe(200);
    // 2. Recorded by the worker: stored as it came (its whole payload), then found unreadable.
    const workerEvent = { ...base(), type: 'postback', replyToken: 'another-reply-token-abcdef', postback: { nodata: true } };
    await storeInboundEvents(h.sys.knex, channel, [{ platformEventId: workerEvent.webhookEventId, eventType: 'postback', occurredAt: new Date(), payload: workerEvent }]);
    const stored = await h.sys.knex('inbound_events').where({ platform_event_id: workerEvent.webhookEventId }).first();
    await recordMalformedEvent(h.sys.knex, stored.id, 'Malformed LINE postback event: postback.data is missing');
    // 3. One whose customer was erased since (PDPA).
    const erasedEvent = { ...base(), type: 'message', replyToken: 'r', message: { type: 'text', text: 'my phone is 0812345678' } };
    expect((await h.postEvents([erasedEvent])).status).toBe(200);
    const erasedRow = await until(() => h.sys.knex('inbound_events').where({ platform_event_id: erasedEvent.webhookEventId, event_type: 'malformed' }).first());
    await h.sys.knex.transaction((trx) => eraseInboundEvents(trx, { orgId: channel.orgId, eventIds: [erasedRow.id], externalIds: [] }));
    // 4. Another org's, which this org never sees.
    const [{ id: otherOrg }] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other' }).returning('id');
    await storeInboundEvents(h.sys.knex, { id: channel.id, orgId: otherOrg }, [{ platformEventId: eventId(), eventType: 'malformed', occurredAt: null, payload: { malformed: true, reason: 'theirs' }, malformed: 'theirs' }]);

    const all = await api('GET', '/api/v1/inbound-events/malformed');
    expect(all.status).toBe(200);
    const items = all.json.items as { id: string; reason: string | null; excerpt: string | null; erased: boolean; channel: { id: string; kind: string; name: string } | null; receivedAt: string }[];
    expect(items.map((i) => i.reason)).toEqual([null, 'Malformed LINE postback event: postback.data is missing', expect.stringMatching(/^Malformed LINE message event: message\.id/)]);
    expect(items.every((i) => i.channel?.id === channel.id && i.channel.kind === 'line')).toBe(true);
    const [erased, byWorker, onArrival] = items;
    expect(erased).toMatchObject({ erased: true, excerpt: null });
    expect(byWorker.excerpt).toContain('"postback"');
    expect(byWorker.excerpt).not.toContain('another-reply-token');
    expect(onArrival.excerpt).toContain('"replyToken":"…"');
    expect(onArrival.excerpt).not.toContain('secret-reply-token');
    for (const i of items) expect((i.excerpt ?? '').length).toBeLessThanOrEqual(301);
    expect(JSON.stringify(all.json)).not.toContain('theirs');
    expect(all.json.nextBefore).toBeNull();

    // Paged: two, then the rest from where the page ended.
    const page1 = await api('GET', '/api/v1/inbound-events/malformed?limit=2');
    expect(page1.json.items.map((i: { id: string }) => i.id)).toEqual(items.slice(0, 2).map((i) => i.id));
    const page2 = await api('GET', `/api/v1/inbound-events/malformed?limit=2&before=${page1.json.nextBefore}`);
    expect(page2.json.items.map((i: { id: string }) => i.id)).toEqual([items[2].id]);
    expect(page2.json.nextBefore).toBeNull();
    expect((await api('GET', '/api/v1/inbound-events/malformed?before=nonsense')).status).toBe(422);
  });

  it('is for admins and managers, not support', async () => {
    const support = await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' });
    expect((await api('GET', '/api/v1/inbound-events/malformed', undefined, support.json.key)).status).toBe(403);
    expect((await api('GET', '/api/v1/inbound-events/media-refused', undefined, support.json.key)).status).toBe(403);
    const manager = await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' });
    expect((await api('GET', '/api/v1/inbound-events/malformed', undefined, manager.json.key)).status).toBe(200);
  });
});

describe('files that were not fetched, listed', () => {
  it('the message, its conversation, channel, kind and why; never the URL', async () => {
    const id = String(BigInt('0x' + randomBytes(7).toString('hex')));
    const url = 'http://user:pw@10.0.0.8/photo.jpg';
    const res = await h.postEvents([
      { ...base(), type: 'message', replyToken: h.line.state.issueReplyToken(), message: { id, type: 'image', quoteToken: 'q', contentProvider: { type: 'external', originalContentUrl: url, previewImageUrl: url } } },
    ]);
    expect(res.status).toBe(200);
    const message = await until(async () => {
      const m = await h.sys.knex('messages').where({ platform_message_id: id }).first();
      return m?.payload?.mediaRefused ? m : false;
    });
    const list = await api('GET', '/api/v1/inbound-events/media-refused');
    expect(list.status).toBe(200);
    expect(list.json.items[0]).toEqual({
      messageId: message.id,
      conversationId: message.conversation_id,
      channel: { id: channel.id, kind: 'line', name: channel.name },
      kind: 'image',
      reason: message.payload.mediaRefused,
      receivedAt: expect.any(String),
    });
    expect(JSON.stringify(list.json)).not.toContain('10.0.0.8');
    expect(list.json.nextBefore).toBeNull();
    const paged = await api('GET', '/api/v1/inbound-events/media-refused?limit=1');
    expect(paged.json.items).toHaveLength(1);
  });
});

describe('the excerpt', () => {
  it('hides tokens, secrets and passwords in JSON, forms and URLs, and is cut short', () => {
    expect(safeExcerpt('{"replyToken":"abc\\"def","x":1}')).toBe('{"replyToken":"…","x":1}');
    expect(safeExcerpt('{"channelAccessToken": "zzz')).toBe('{"channelAccessToken": "…');
    expect(safeExcerpt('Body=hi&AccountSid=AC123&AuthToken=t0k&From=whatsapp%3A%2B66')).toBe('Body=hi&AccountSid=…&AuthToken=…&From=whatsapp%3A%2B66');
    expect(safeExcerpt('{"url":"https://bob:hunter2@example.com/a.jpg"}')).toBe('{"url":"https://…@example.com/a.jpg"}');
    expect(safeExcerpt('MediaUrl0=https%3A%2F%2Fbob%3Ahunter2%40example.com%2Fa.jpg')).toBe('MediaUrl0=https%3A%2F%2F…%40example.com%2Fa.jpg');
    expect(safeExcerpt('x'.repeat(1000))).toBe('x'.repeat(300) + '…');
  });
});
