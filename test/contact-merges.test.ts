import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBooking } from '../core/bookings/request-booking.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { formBooked, startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Merges on the contact's own timeline and their undo by an admin: a manual merge and an intake's
 * match, each undone, leave both contacts as they were; an undo twice is a 409, another org's
 * ids are 404, a manager may not undo (403); refusals write nothing.
 */
let sys: TestSystem;
let managerKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  const wa = { kind: 'whatsapp', name: 'WA', sender: 'whatsapp:+6620000001', credentials: { accountSid: 'AC' + 'a'.repeat(32), authToken: 'auth-token-123' } };
  expect((await api('POST', '/api/v1/channels', wa)).status).toBe(201);
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const k = () => sys.knex;

async function publicForm(body: Record<string, unknown>) {
  const res = await fetch(`${sys.url}/public/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status === 201 && json.booking_id) await formBooked(sys.knex, json.booking_id);
  return { status: res.status, json };
}

/** Everything a contact has, as the tables hold it (to compare before and after). */
async function holdings(contactId: string) {
  const contact = await k()('contacts').where({ id: contactId }).first();
  if (contact) delete contact.updated_at;
  const ids = async (table: string) => (await k()(table).where({ contact_id: contactId }).orderBy('id').pluck('id')) as string[];
  return { contact, identities: await ids('contact_identities'), conversations: await ids('conversations'), cases: await ids('cases'), bookings: await ids('bookings') };
}

async function twoContacts() {
  const [channel] = await k()('channels').select('id').limit(1);
  const tag = randomBytes(3).toString('hex');
  const [a] = await k()('contacts').insert({ org_id: sys.defaultOrgId, display_name: `Nok ${tag} (LINE)`, language: 'th' }).returning('id');
  const [b] = await k()('contacts').insert({ org_id: sys.defaultOrgId, phone: `+66812${tag.slice(0, 3)}`.padEnd(12, '7'), email: `nok-${tag}@example.com`, is_vip: true, language: 'th' }).returning('id');
  await k()('contact_identities').insert({ org_id: sys.defaultOrgId, contact_id: a.id, channel_id: channel.id, external_id: `U${tag}a` });
  await k()('contact_identities').insert({ org_id: sys.defaultOrgId, contact_id: b.id, channel_id: channel.id, external_id: `whatsapp:+66${tag}` });
  await k()('conversations').insert({ org_id: sys.defaultOrgId, channel_id: channel.id, contact_id: b.id, external_id: `whatsapp:+66${tag}` });
  const c = await openTestCase(sys, 'topup_not_credited', { orderIds: [`ORD-${tag}`], amount: 500, currency: 'THB' });
  await k()('cases').where({ id: c.id }).update({ contact_id: b.id });
  await k().transaction((trx) =>
    requestBooking(trx, { orgId: sys.defaultOrgId, contactId: b.id, conversationId: null, serviceKey: 'sushi_class', date: '2030-02-01', time: '10:00', partySize: 2, language: 'th', source: 'api' }),
  );
  await k().transaction((trx) =>
    requestBooking(trx, { orgId: sys.defaultOrgId, contactId: a.id, conversationId: null, serviceKey: 'sushi_class', date: '2030-02-02', time: '10:00', partySize: 1, language: 'th', source: 'api' }),
  );
  return { a: a.id as string, b: b.id as string };
}

describe('a manual merge', () => {
  it('is on the contact timeline, and an admin undoes it: both contacts as before; twice is a 409', async () => {
    const { a, b } = await twoContacts();
    const before = { a: await holdings(a), b: await holdings(b) };
    const merged = await api('POST', `/api/v1/contacts/${a}/merge`, { mergeContactId: b });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({ identities: 1, conversations: 1, cases: 1, bookings: 1 });
    expect(await k()('contacts').where({ id: b }).first()).toBeUndefined();
    expect((await holdings(a)).bookings).toHaveLength(2);

    const timeline = (await api('GET', `/api/v1/contacts/${a}/timeline`)).json;
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(['merged']);
    expect(timeline.merges).toEqual([expect.objectContaining({ id: merged.json.mergeId, kind: 'manual', mergedContactId: b, undoneAt: null })]);
    // The timeline holds no personal data.
    expect(JSON.stringify(timeline.events)).not.toMatch(/example\.com|\+66|Nok/);

    const url = `/api/v1/contacts/${a}/merges/${merged.json.mergeId}/undo`;
    expect((await api('POST', url, undefined, managerKey)).status).toBe(403);
    expect(await k()('contacts').where({ id: b }).first()).toBeUndefined();

    const undone = await api('POST', url);
    expect(undone.status).toBe(200);
    expect(undone.json).toMatchObject({ restoredContactId: b, identities: 1, conversations: 1, cases: 1, bookings: 1 });
    expect(await holdings(a)).toEqual(before.a);
    expect(await holdings(b)).toEqual(before.b);
    expect(await k()('audit_log').where({ action: 'contact.merge_undone', subject_id: a })).toHaveLength(1);
    expect((await api('GET', `/api/v1/contacts/${a}/timeline`)).json.events.map((e: { type: string }) => e.type)).toEqual(['merged', 'merge_undone']);
    expect((await api('GET', `/api/v1/contacts/${b}/timeline`)).json.events.map((e: { type: string }) => e.type)).toEqual(['merged_into', 'merge_undone']);

    const again = await api('POST', url);
    expect(again.status).toBe(409);
    expect(await holdings(a)).toEqual(before.a);
    expect(await holdings(b)).toEqual(before.b);
  });

  it("answers 404 for another org's contact or merge, and for a merge of another contact; nothing changes", async () => {
    const { a, b } = await twoContacts();
    const merged = await api('POST', `/api/v1/contacts/${a}/merge`, { mergeContactId: b });
    const [other] = await k()('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const [stranger] = await k()('contacts').insert({ org_id: other.id, display_name: 'Stranger' }).returning('id');
    const [{ id: foreignMerge }] = await k()('contact_merges')
      .insert({ org_id: other.id, kind: 'manual', keep_id: stranger.id, merged_id: randomUUID(), merged_contact: JSON.stringify({ display_name: 'X' }) })
      .returning('id');
    for (const url of [
      `/api/v1/contacts/${stranger.id}/merges/${foreignMerge}/undo`,
      `/api/v1/contacts/${a}/merges/${foreignMerge}/undo`,
      `/api/v1/contacts/${stranger.id}/merges/${merged.json.mergeId}/undo`,
      `/api/v1/contacts/${a}/merges/not-a-uuid/undo`,
    ]) expect((await api('POST', url)).status, url).toBe(404);
    expect((await api('POST', `/api/v1/contacts/${a}/merge`, { mergeContactId: stranger.id })).status).toBe(404);
    expect((await api('GET', `/api/v1/contacts/${stranger.id}/timeline`)).status).toBe(404);
    expect(await k()('contact_merges').whereNotNull('undone_at').where({ id: merged.json.mergeId })).toHaveLength(0);
    expect(await k()('contacts').where({ id: b }).first()).toBeUndefined();
  });
});

describe("the website intake's match", () => {
  it('is on the contact timeline; undone, the form becomes a contact of its own with its booking and details, and the name it filled in is emptied', async () => {
    const tag = randomBytes(3).toString('hex');
    const [known] = await k()('contacts').insert({ org_id: sys.defaultOrgId, email: `mai-${tag}@example.com`, language: 'en' }).returning('id');
    const before = await holdings(known.id);
    const form = { destination: 'Chiang Mai', name: 'Mai Form', email: `MAI-${tag}@example.com`, phone: '081 234 9999', language: 'en' };
    const r = await publicForm(form);
    expect(r.status).toBe(201);
    const booking = await k()('bookings').where({ number: r.json.booking_id }).first();
    expect(booking.contact_id).toBe(known.id);
    // The form fills in the blank name only: its phone is not written onto a contact it did not create (contact-matching.ts).
    expect(await k()('contacts').where({ id: known.id }).first()).toMatchObject({ display_name: 'Mai Form', phone: null });

    const timeline = (await api('GET', `/api/v1/contacts/${known.id}/timeline`)).json;
    expect(timeline.events).toEqual([expect.objectContaining({ type: 'matched', data: expect.objectContaining({ by: 'email', bookingId: booking.id }) })]);
    const mergeId = timeline.merges[0].id;

    const undone = await api('POST', `/api/v1/contacts/${known.id}/merges/${mergeId}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.json).toMatchObject({ bookings: 1 });
    expect(await holdings(known.id)).toEqual(before);
    const split = await holdings(undone.json.restoredContactId);
    expect(split.contact).toMatchObject({ display_name: 'Mai Form', email: `mai-${tag}@example.com`, phone: '+66812349999' });
    expect(split.bookings).toEqual([booking.id]);
    expect((await api('POST', `/api/v1/contacts/${known.id}/merges/${mergeId}/undo`)).status).toBe(409);
  });
});

describe('erasing a customer (PDPA)', () => {
  it('removes personal data, keeps numbers, stages and times for reports, is audited; the old e-mail and phone match nobody', async () => {
    const tag = randomBytes(3).toString('hex');
    const person = { name: `Somchai ${tag}`, email: `somchai-${tag}@example.com`, phone: '089 777 1234', lineId: `Usomchai${tag}` };
    const r = await publicForm({ destination: 'Krabi', name: person.name, email: person.email, phone: person.phone, language: 'en', notes: `Call ${person.name} after 6pm`, utm_campaign: 'krabi-sea' });
    expect(r.status).toBe(201);
    const number = r.json.booking_id as string;
    const booking = await k()('bookings').where({ number }).first();
    const contactId = booking.contact_id as string;
    const [channel] = await k()('channels').select('id').limit(1);
    await k()('contact_identities').insert({ org_id: sys.defaultOrgId, contact_id: contactId, channel_id: channel.id, external_id: person.lineId, profile: JSON.stringify({ displayName: person.name }) });
    const [conv] = await k()('conversations').insert({ org_id: sys.defaultOrgId, channel_id: channel.id, contact_id: contactId, external_id: person.lineId }).returning('id');
    await k()('messages').insert({ org_id: sys.defaultOrgId, conversation_id: conv.id, direction: 'in', sender_type: 'customer', kind: 'text', text: `Hi, ${person.name} here, my number is ${person.phone}`, payload: JSON.stringify({ text: person.name }), sent_at: new Date() });
    expect((await api('POST', `/api/v1/bookings/${number}/notes`, { kind: 'note', text: `${person.name} wants a sea view` })).status).toBe(201);
    expect((await api('POST', `/api/v1/bookings/${number}/stage`, { to: 'lost', expectedVersion: 1, reason: `${person.name} went with his cousin` })).status).toBe(200);
    const c = await openTestCase(sys, 'topup_not_credited', { orderIds: [`ORD-${tag}`], amount: 750, currency: 'THB' }, `${person.name} top-up missing`);
    await k()('cases').where({ id: c.id }).update({ contact_id: contactId });
    const bookingsBefore = Number((await k()('bookings').where({ org_id: sys.defaultOrgId }).count({ n: '*' }))[0].n);
    const eventsBefore = await k()('booking_events').where({ booking_id: booking.id }).orderBy('id');

    // Support may not erase; a stranger id is a 404; nothing changes.
    const supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    expect((await api('POST', `/api/v1/contacts/${contactId}/erase`, undefined, supportKey)).status).toBe(403);
    expect((await api('POST', `/api/v1/contacts/${randomUUID()}/erase`)).status).toBe(404);
    expect(await k()('contacts').where({ id: contactId }).first()).toMatchObject({ email: person.email, erased_at: null });

    const erased = await api('POST', `/api/v1/contacts/${contactId}/erase`, undefined, managerKey);
    expect(erased.status).toBe(200);
    expect(erased.json.counts).toMatchObject({ bookings: 1, cases: 1, conversations: 1, messages: 1, identities: 1 });

    const exported = await api('GET', `/api/v1/contacts/${contactId}/export`);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.json);
    for (const needle of [person.name, 'Somchai', person.email, '897771234', person.lineId, '6pm', 'sea view', 'cousin']) expect(text, needle).not.toContain(needle);
    // Numbers, stages, amounts and times stay.
    expect(exported.json.bookings[0]).toMatchObject({ number, stage: 'lost', source: 'web' });
    expect(exported.json.bookings[0].utm).toEqual({ campaign: 'krabi-sea', ip_address: '[erased]' });
    expect(exported.json.cases[0]).toMatchObject({ number: c.number, fields: expect.objectContaining({ amount: 750, orderIds: [`ORD-${tag}`] }) });
    const eventsAfter = await k()('booking_events').where({ booking_id: booking.id }).orderBy('id');
    expect(eventsAfter.map((e) => [e.id, e.type, e.created_at.getTime()])).toEqual(eventsBefore.map((e) => [e.id, e.type, e.created_at.getTime()]));
    expect(eventsAfter.every((e) => e.data.redacted === true)).toBe(true);
    // Reports still count the booking.
    expect(Number((await k()('bookings').where({ org_id: sys.defaultOrgId }).count({ n: '*' }))[0].n)).toBe(bookingsBefore);
    expect((await api('GET', '/api/v1/bookings?stage=lost')).json.items.map((i: { number: string }) => i.number)).toContain(number);
    expect(await k()('audit_log').where({ action: 'contact.erased', subject_id: contactId })).toHaveLength(1);
    expect((await api('GET', `/api/v1/contacts/${contactId}/timeline`)).json.events.map((e: { type: string }) => e.type)).toContain('erased');

    // The old e-mail and phone match nobody: a new form makes a new contact.
    const again = await publicForm({ destination: 'Krabi', name: 'Someone', email: person.email, phone: person.phone, language: 'en' });
    expect((await k()('bookings').where({ number: again.json.booking_id }).first()).contact_id).not.toBe(contactId);
    // The timeline stays append-only outside an erasure.
    await expect(k()('booking_events').where({ id: eventsAfter[0].id }).update({ data: JSON.stringify({ redacted: true }) })).rejects.toThrow(/append-only/);
    // Twice is a 409, and nothing more is written.
    expect((await api('POST', `/api/v1/contacts/${contactId}/erase`)).status).toBe(409);
    expect(await k()('audit_log').where({ action: 'contact.erased', subject_id: contactId })).toHaveLength(1);
  });

  it('makes the merges of an erased contact impossible to undo (409)', async () => {
    const { a, b } = await twoContacts();
    const merged = await api('POST', `/api/v1/contacts/${a}/merge`, { mergeContactId: b });
    expect((await api('POST', `/api/v1/contacts/${a}/erase`)).status).toBe(200);
    expect((await api('POST', `/api/v1/contacts/${a}/merges/${merged.json.mergeId}/undo`)).status).toBe(409);
    expect(JSON.stringify(await k()('contact_merges').where({ id: merged.json.mergeId }).first())).not.toMatch(/example\.com/);
  });
});
