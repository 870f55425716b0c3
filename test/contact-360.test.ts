import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { openCase } from '../core/cases/open-case.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import type { TestSystem } from './support/test-system.ts';

/**
 * One customer seen whole, through the running system: they book in LINE, then fill in the
 * website's form from inside LINE (the same contact, by their LINE id), have a case; staff find
 * them by their LINE id, phone or e-mail and see identities, bookings, cases, messages and where
 * their first booking came from.
 */
let h: LineCustomerHarness;
let sys: TestSystem;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
}, 60_000);
afterAll(() => h?.close());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

describe("a customer's 360 view", () => {
  it('joins a LINE customer and their website form into one contact, and shows identities, bookings, cases, messages and attribution', async () => {
    const customer = lineId('U');
    const first = await h.ask(customer, { text: 'Can I book the sushi class this Saturday for 2?' });
    await h.ask(customer, { postback: { data: first.quickReplies.find((q) => q.label === '10:00')!.data! } });
    const done = await h.ask(customer, { postback: { data: replyData('confirm') } });
    const chatNumber = done.text.match(/B-\d{6}/)![0];
    const contactId = (await sys.knex('bookings').where({ number: chatNumber }).first()).contact_id;

    const form = await fetch(`${sys.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ destination: 'Krabi', name: 'Pim Chaiyo', email: 'Pim@Example.com', phone: '0812223333', line_id: customer, language: 'en', utm_campaign: 'krabi-2027' }),
    });
    const webNumber = (await form.json()).booking_id;
    const web = await sys.knex('bookings').where({ number: webNumber }).first();
    expect(web.contact_id).toBe(contactId);
    expect(await sys.knex('booking_events').where({ booking_id: web.id, type: 'contact_matched' }).first()).toMatchObject({ data: { by: 'line_id', contactId } });

    const opened = await sys.knex.transaction((trx) =>
      openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: 'refund_request', contactId, conversationId: null, sourceMessageId: null, source: 'api', summary: 'refund', language: 'en', fields: {} }),
    );

    for (const search of [customer, '081-222-3333', 'pim@example', 'Pim Chai']) {
      const found = await api('GET', `/api/v1/contacts?search=${encodeURIComponent(search)}`);
      expect(found.status, search).toBe(200);
      expect(found.json.map((c: any) => c.id), search).toEqual([contactId]);
    }

    const view = await api('GET', `/api/v1/contacts/${contactId}`);
    expect(view.status).toBe(200);
    // The form filled what the LINE contact lacked; the e-mail is kept in lower case, the phone in E.164.
    expect(view.json).toMatchObject({ id: contactId, email: 'pim@example.com', phone: '+66812223333', language: 'en' });
    expect(view.json.identities).toEqual([expect.objectContaining({ channel: 'line', externalId: customer, following: true })]);
    expect(view.json.bookings.map((b: any) => [b.number, b.source])).toEqual([
      [webNumber, 'web'],
      [chatNumber, 'line'],
    ]);
    expect(view.json.cases).toEqual([expect.objectContaining({ number: opened.number, type: 'refund_request' })]);
    const directions = new Set(view.json.messages.map((m: any) => m.direction));
    expect(directions).toEqual(new Set(['in', 'out']));
    expect(view.json.messages[view.json.messages.length - 1]).toMatchObject({ direction: 'in', channel: 'line', text: 'Can I book the sushi class this Saturday for 2?' });
    expect(view.json.firstBookingAttribution).toMatchObject({ booking: chatNumber, source: 'line' });

    // A PDPA access request: everything, for a manager or an admin, in the audit log.
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    expect((await api('GET', `/api/v1/contacts/${contactId}/export`, undefined, support)).status).toBe(403);
    const exported = await api('GET', `/api/v1/contacts/${contactId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.json.contact).toMatchObject({ id: contactId, email: 'pim@example.com' });
    expect(exported.json.identities.map((i: any) => i.external_id)).toEqual([customer]);
    expect(exported.json.bookings.map((b: any) => b.number).sort()).toEqual([chatNumber, webNumber].sort());
    expect(exported.json.bookings.every((b: any) => b.events.length > 0 && !('idempotency_hash' in b))).toBe(true);
    expect(exported.json.cases.map((c: any) => c.number)).toEqual([opened.number]);
    const texts = exported.json.conversations.flatMap((c: any) => c.messages.map((m: any) => m.text));
    expect(texts).toContain('Can I book the sushi class this Saturday for 2?');
    expect(await sys.knex('audit_log').where({ action: 'contact.exported', subject_id: contactId }).first()).toMatchObject({
      actor_type: 'api_key',
      details: { identities: 1, bookings: 2, cases: 1 },
    });
  });

  it('is for staff only: an integration key gets 403; another id is a 404; a bad search a 422', async () => {
    const integration = (await api('POST', '/api/v1/api-keys', { name: 'site', role: 'integration' })).json.key;
    expect((await api('GET', '/api/v1/contacts', undefined, integration)).status).toBe(403);
    expect((await api('GET', `/api/v1/contacts/${randomUUID()}`)).status).toBe(404);
    expect((await api('GET', '/api/v1/contacts/not-an-id')).status).toBe(404);
    expect((await api('GET', '/api/v1/contacts?limit=0')).status).toBe(422);
    expect((await api('GET', '/api/v1/contacts?colour=red')).status).toBe(422);
  });
});
