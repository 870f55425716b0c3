import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { openCase } from '../core/cases/open-case.ts';
import { resolveContact } from '../core/contacts/contact-identities.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { systemProcessors } from '../workers/processors/system.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { formBooked, type TestSystem } from './support/test-system.ts';

/**
 * One customer seen whole, through the running system: they book in LINE, then fill in the
 * website's form (a contact of its own: the website cannot say who someone is on LINE), staff join
 * the two, and they have a case; staff find them by their LINE id, phone or e-mail and see
 * identities, bookings, cases, messages and where their first booking came from.
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
    const first = await h.ask(customer, { text: 'Can I book the sushi class next Saturday for 2?' });
    await h.ask(customer, { postback: { data: first.quickReplies.find((q) => q.label === '10:00')!.data! } });
    const done = await h.ask(customer, { postback: { data: replyData('confirm') } });
    const chatNumber = done.text.match(/B-\d{6}/)![0];
    const contactId = (await sys.knex('bookings').where({ number: chatNumber }).first()).contact_id;

    const form = await fetch(`${sys.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ destination: 'Krabi', name: 'Pim Chaiyo', email: 'Pim@Example.com', phone: '0812223333', language: 'en', utm_campaign: 'krabi-2027' }),
    });
    const webNumber = (await form.json()).booking_id;
    const webContact = (await formBooked(sys.knex, webNumber)).contact_id;
    expect(webContact).not.toBe(contactId);
    // Staff know the two are one person, and join them.
    expect((await api('POST', `/api/v1/contacts/${contactId}/merge`, { mergeContactId: webContact })).status).toBe(200);
    expect((await sys.knex('bookings').where({ number: webNumber }).first()).contact_id).toBe(contactId);

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
    // The merge filled what the LINE contact lacked; the e-mail is kept in lower case, the phone in E.164.
    expect(view.json).toMatchObject({ id: contactId, email: 'pim@example.com', phone: '+66812223333', language: 'en' });
    expect(view.json.identities).toEqual([expect.objectContaining({ channel: 'line', externalId: customer, following: true })]);
    expect(view.json.bookings.map((b: any) => [b.number, b.source])).toEqual([
      [webNumber, 'web'],
      [chatNumber, 'line'],
    ]);
    expect(view.json.cases).toEqual([expect.objectContaining({ number: opened.number, type: 'refund_request' })]);
    const directions = new Set(view.json.messages.map((m: any) => m.direction));
    expect(directions).toEqual(new Set(['in', 'out']));
    expect(view.json.messages[view.json.messages.length - 1]).toMatchObject({ direction: 'in', channel: 'line', text: 'Can I book the sushi class next Saturday for 2?' });
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
    expect(texts).toContain('Can I book the sushi class next Saturday for 2?');
    expect(await sys.knex('audit_log').where({ action: 'contact.exported', subject_id: contactId }).first()).toMatchObject({
      actor_type: 'api_key',
      details: { identities: 1, bookings: 2, cases: 1 },
    });
  });

  it('finds a WhatsApp customer by their WhatsApp id or number, and nobody else', async () => {
    const wa = { kind: 'whatsapp', name: 'WA', sender: 'whatsapp:+6620000009', credentials: { accountSid: 'AC' + 'b'.repeat(32), authToken: 'auth-token-360' } };
    const channel = await api('POST', '/api/v1/channels', wa);
    expect(channel.status).toBe(201);
    const number = `+6689${String(Date.now()).slice(-7)}`;
    // As their first WhatsApp message makes them: an identity only (no phone on the contact), so the search must go through it.
    const { contactId } = await sys.knex.transaction((trx) =>
      resolveContact(trx, { orgId: sys.defaultOrgId, channelId: channel.json.id, externalId: `whatsapp:${number}`, displayName: 'Wan' }),
    );
    for (const search of [`whatsapp:${number}`, number]) {
      const found = await api('GET', `/api/v1/contacts?search=${encodeURIComponent(search)}`);
      expect(found.status, search).toBe(200);
      expect(found.json.map((c: any) => c.id), search).toEqual([contactId]);
    }
    expect((await api('GET', `/api/v1/contacts?search=${encodeURIComponent('whatsapp:+66890000000')}`)).json).toEqual([]);
    const view = await api('GET', `/api/v1/contacts/${contactId}`);
    expect(view.json.identities).toEqual([expect.objectContaining({ channel: 'whatsapp', externalId: `whatsapp:${number}` })]);
  });

  it("makes one contact of a new customer's two first messages handled at once", async () => {
    const wa = { kind: 'whatsapp', name: 'WA twice', sender: 'whatsapp:+6620000010', credentials: { accountSid: 'AC' + 'c'.repeat(32), authToken: 'auth-token-twice' } };
    const channel = await api('POST', '/api/v1/channels', wa);
    expect(channel.status).toBe(201);
    const who = { orgId: sys.defaultOrgId, channelId: channel.json.id, externalId: `whatsapp:+6688${String(Date.now()).slice(-7)}` };
    // The first holds its transaction open after making the contact; the second reads while it is
    // open, finds nobody, and must wait for the first's lock rather than make a second contact.
    // (On the embedded database, one session, the second simply runs after the first.)
    let made!: () => void;
    const firstMade = new Promise<void>((r) => (made = r));
    const first = sys.knex.transaction(async (trx) => {
      const c = await resolveContact(trx, who);
      made();
      await new Promise((r) => setTimeout(r, 300));
      return c;
    });
    await firstMade;
    const second = sys.knex.transaction((trx) => resolveContact(trx, who));
    const [a, b] = await Promise.all([first, second]);
    expect(a.created).toBe(true);
    expect(b).toEqual(expect.objectContaining({ contactId: a.contactId, created: false }));
    const identities = await sys.knex('contact_identities').where({ channel_id: who.channelId, external_id: who.externalId }).count<{ count: string }[]>('* as count');
    expect(Number(identities[0].count)).toBe(1);
    expect(Number((await sys.knex('contacts').where({ id: a.contactId }).count<{ count: string }[]>('* as count'))[0].count)).toBe(1);
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

describe("an erased customer's raw platform events", () => {
  const mentioning = (text: string) => sys.knex('inbound_events').whereRaw('payload::text LIKE ?', [`%${text}%`]).orderBy('id');
  const allEvents = async () => Number((await sys.knex('inbound_events').count({ n: '*' }))[0].n);

  it("lose the customer's LINE id and words on erasure; another customer's events are untouched, and nothing is deleted", async () => {
    const erased = lineId('U');
    const other = lineId('U');
    await h.ask(erased, { text: 'Please deliver to 99 Sukhumvit soi 11' });
    await h.ask(other, { text: 'What time do you open on Sunday?' });
    const contactId = (await sys.knex('contact_identities').where({ external_id: erased }).first()).contact_id;
    expect((await mentioning(erased)).length).toBeGreaterThan(0);
    // What the other customer sent: its payloads (the reply's send marks the event's reply token, a column of its own).
    const sentBy = async (who: string) => (await mentioning(who)).map((e) => ({ id: e.id, payload: e.payload }));
    const others = await sentBy(other);
    expect(others.length).toBeGreaterThan(0);
    const total = await allEvents();

    const done = await api('POST', `/api/v1/contacts/${contactId}/erase`);
    expect(done.status).toBe(200);
    expect(done.json.counts.inboundEvents).toBeGreaterThan(0);
    expect(await mentioning(erased)).toEqual([]);
    expect(await mentioning('99 Sukhumvit')).toEqual([]);
    expect(await sentBy(other)).toEqual(others);
    expect(await allEvents()).toBe(total);
  });

  it("are pruned by the workers once processed and older than the org's retention; the messages made from them stay", async () => {
    expect((await api('PATCH', '/api/v1/org/settings', { inboundEventRetentionDays: 0 })).status).toBe(422);
    expect((await api('GET', '/api/v1/org/settings')).json.inboundEventRetentionDays).toBe(30);
    expect((await api('PATCH', '/api/v1/org/settings', { inboundEventRetentionDays: 7 })).json.inboundEventRetentionDays).toBe(7);
    const [oldOne, recentOne, waiting] = [lineId('U'), lineId('U'), lineId('U')];
    for (const [who, text] of [[oldOne, 'old question'], [recentOne, 'recent question'], [waiting, 'waiting question']]) await h.ask(who, { text });
    const eventOf = async (who: string) => (await mentioning(who))[0];
    const [old, recent, unprocessed] = [await eventOf(oldOne), await eventOf(recentOne), await eventOf(waiting)];
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    await sys.knex('inbound_events').where({ id: old.id }).update({ processed_at: daysAgo(8) });
    await sys.knex('inbound_events').where({ id: recent.id }).update({ processed_at: daysAgo(6) });
    await sys.knex('inbound_events').where({ id: unprocessed.id }).update({ processed_at: null, received_at: daysAgo(40) });
    const total = await allEvents();

    const pruned = await systemProcessors({ knex: sys.knex }).system['prune-inbound-events']({} as never, {} as never);
    expect(pruned).toEqual({ removed: 1 });
    expect(await allEvents()).toBe(total - 1);
    expect(await mentioning(oldOne)).toEqual([]);
    expect((await mentioning(recentOne)).map((e) => e.id)).toEqual([recent.id]);
    expect((await mentioning(waiting)).map((e) => e.id)).toEqual([unprocessed.id]);
    // The customer's message is still in their conversation.
    const kept = await sys.knex('messages').where({ text: 'old question' }).first();
    expect(kept).toMatchObject({ direction: 'in', inbound_event_id: null });
    await sys.knex('inbound_events').where({ id: unprocessed.id }).update({ processed_at: new Date() });
  });
});
