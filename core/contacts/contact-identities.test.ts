import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { resolveContact } from './contact-identities.ts';

/**
 * Who wrote, on a real database: a known identity is found in one read; a new one gets its contact
 * and identity together; two events of the same new customer processed at once make one contact.
 */
let db: TestDatabase;
let orgId: string;
let lineId: string;
let whatsappId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'identities', name: 'Identities' }).returning('id');
  [{ id: lineId }] = await db.knex('channels').insert({ org_id: orgId, kind: 'line', name: 'LINE', settings: '{}' }).returning('id');
  [{ id: whatsappId }] = await db.knex('channels').insert({ org_id: orgId, kind: 'whatsapp', name: 'WhatsApp', settings: '{}' }).returning('id');
}, 120_000);
afterAll(() => db?.destroy());

const contactsOf = (externalId: string) => db.knex('contact_identities').join('contacts', 'contacts.id', 'contact_identities.contact_id').where({ external_id: externalId }).select('contacts.id', 'contacts.display_name', 'contacts.language', 'contact_identities.profile');

describe('resolveContact', () => {
  it('makes a new LINE customer a contact with its identity, then finds them again', async () => {
    const first = await db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: lineId, externalId: 'U-new-1', displayName: 'Ploy', language: 'en' }));
    expect(first.created).toBe(true);
    expect(await contactsOf('U-new-1')).toEqual([{ id: first.contactId, display_name: 'Ploy', language: 'en', profile: { displayName: 'Ploy' } }]);
    const again = await db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: lineId, externalId: 'U-new-1' }));
    expect(again).toEqual({ contactId: first.contactId, created: false });
  });

  it("gives a new customer without a name or language the contact's defaults", async () => {
    const r = await db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: lineId, externalId: 'U-new-2' }));
    expect(await contactsOf('U-new-2')).toEqual([{ id: r.contactId, display_name: null, language: 'th', profile: {} }]);
  });

  it('makes one contact when two events of the same new customer are processed at once', async () => {
    const both = await Promise.all(Array.from({ length: 6 }, () => db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: lineId, externalId: 'U-twice' }))));
    expect(new Set(both.map((r) => r.contactId)).size).toBe(1);
    expect(both.filter((r) => r.created)).toHaveLength(1);
    expect(await contactsOf('U-twice')).toHaveLength(1);
    expect(Number((await db.knex('contacts').where({ id: both[0].contactId }).count({ n: '*' }))[0].n)).toBe(1);
  });

  it("marks a LINE profile as asked for once, however many of a customer's events come at once, new or known, and not again within the interval", async () => {
    const ask = (externalId: string) => db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: lineId, externalId, askProfileAfter: '1 day' }));
    // A new customer: the event that makes the contact asks; the others find it asked for.
    const burst = await Promise.all(Array.from({ length: 6 }, () => ask('U-profile-burst')));
    expect(burst.filter((r) => r.profileAsked)).toHaveLength(1);
    expect((await contactsOf('U-profile-burst'))[0].profile).toEqual({ requestedAt: expect.any(String) });
    expect((await ask('U-profile-burst')).profileAsked).toBe(false);

    // Known and due again (asked over a day ago, never answered): one of a burst asks.
    await db.knex('contact_identities').where({ external_id: 'U-profile-burst' }).update({ profile: JSON.stringify({ requestedAt: new Date(Date.now() - 25 * 3_600_000).toISOString() }) });
    const later = await Promise.all(Array.from({ length: 6 }, () => ask('U-profile-burst')));
    expect(later.filter((r) => r.profileAsked)).toHaveLength(1);

    // Named and fetched: never asked again, however long after.
    await db.knex('contacts').where({ id: later[0].contactId }).update({ display_name: 'Mali' });
    await db.knex('contact_identities').where({ external_id: 'U-profile-burst' }).update({ profile: JSON.stringify({ displayName: 'Mali', fetchedAt: new Date().toISOString(), requestedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }) });
    expect((await ask('U-profile-burst')).profileAsked).toBe(false);
    // Without `askProfileAfter` (WhatsApp, e-mail), nothing is said of it and nothing is marked.
    const plain = await db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: lineId, externalId: 'U-profile-plain' }));
    expect(plain.profileAsked).toBeUndefined();
    expect((await contactsOf('U-profile-plain'))[0].profile).toEqual({});
  });

  it('joins a new WhatsApp number to the contact that already has it', async () => {
    const [{ id }] = await db.knex('contacts').insert({ org_id: orgId, display_name: 'Somchai', phone: '+66811112222' }).returning('id');
    const r = await db.knex.transaction((trx) => resolveContact(trx, { orgId, channelId: whatsappId, externalId: 'whatsapp:+66811112222', phone: '+66811112222' }));
    expect(r).toEqual({ contactId: id, created: false });
  });
});
