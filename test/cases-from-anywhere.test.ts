import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, sentTo, waitForMessageTo } from './support/staff-desk.ts';
import { TEST_ADMIN_KEY, untilSettled } from './support/test-system.ts';

/**
 * Cases from anywhere: `POST /api/v1/cases` opens a case for a customer named by id, LINE id,
 * phone or e-mail, as a chat's case opens (its SLA, its card in the staff group, the customer
 * told on their chat when they have one), once per `Idempotency-Key`. Every refusal shows that
 * no case, contact, identity, timeline event or outbox row was made.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let groupId: string;
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  for (const role of ['integration', 'support', 'ceo', 'accountant']) {
    const res = await api('POST', '/api/v1/api-keys', { name: `cases from anywhere ${role}`, role });
    expect(res.status).toBe(201);
    keys[role] = res.json.key;
  }
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['order_not_delivered'] }, language: 'en' }));
}, 60_000);
afterAll(() => h?.close());

/** POST /api/v1/cases with an Idempotency-Key (none when `key` is null). */
async function openCase(body: Record<string, unknown>, key: string | null = randomUUID(), apiKey = keys.integration) {
  const res = await fetch(`${h.sys.url}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, location: res.headers.get('location'), replayed: res.headers.get('idempotent-replayed') };
}

/** What a refused request must leave as it was. */
async function counts() {
  const k = h.sys.knex;
  const n = async (table: string) => Number((await k(table).count<{ c: string }[]>('* as c'))[0].c);
  return { cases: await n('cases'), contacts: await n('contacts'), identities: await n('contact_identities'), caseEvents: await n('case_events'), outbox: await n('outbox'), conversations: await n('conversations') };
}

const aPhone = () => `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const order = { source: 'ticket', caseType: 'order_not_delivered', summary: 'Parcel not delivered after 5 days', fields: { orderIds: ['ORD-7788'] } };

describe('POST /api/v1/cases opens a case as a chat case opens', () => {
  it('for a new phone number: a contact in E.164, the SLA, the card in the staff group, the source on the timeline; the same key again answers the same case', async () => {
    const phone = aPhone();
    const key = randomUUID();
    const res = await openCase({ ...order, phone: phone.replace(/^(\d{3})(\d{3})/, '$1-$2-'), contactName: 'Khun Dao' }, key);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'new', severity: 'high', source: 'ticket', contactCreated: true, customerNotified: false });
    expect(res.json.number).toMatch(/\d/);
    expect(res.location).toBe(`/api/v1/cases/${res.json.number}`);
    expect(new Date(res.json.firstResponseDueAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(res.json.resolutionDueAt).getTime()).toBeGreaterThan(new Date(res.json.firstResponseDueAt).getTime());

    const contact = await h.sys.knex('contacts').where({ id: res.json.contactId }).first();
    expect(contact).toMatchObject({ phone: `+66${phone.slice(1)}`, display_name: 'Khun Dao' });
    const row = await h.sys.knex('cases').where({ number: res.json.number }).first();
    expect(row).toMatchObject({ source: 'ticket', contact_id: contact.id, conversation_id: null, idempotency_key: key });
    expect(await h.sys.knex('case_orders').where({ case_id: row.id }).pluck('order_id')).toEqual(['ORD-7788']);

    // The card in the staff group the case type is routed to.
    const card = await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).includes(res.json.number), 20_000);
    expect(card.altText).toContain('Order not delivered');
    expect(JSON.stringify(card.contents.body)).toContain('ORD-7788');

    // The timeline says where it came from and who opened it.
    const detail = await api('GET', `/api/v1/cases/${res.json.number}`);
    expect(detail.json.timeline[0]).toMatchObject({ type: 'created', actorType: 'api_key', data: { source: 'ticket', caseType: 'order_not_delivered', severity: 'high' } });

    // A retry with the same key and the same body (its keys in another order): the same case, nothing new.
    await untilSettled(h.sys.knex);
    const before = await counts();
    const again = await openCase({ contactName: 'Khun Dao', phone: phone.replace(/^(\d{3})(\d{3})/, '$1-$2-'), ...order }, key);
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect(again.location).toBe(res.location);
    expect(again.json).toMatchObject({ number: res.json.number, contactId: contact.id, contactCreated: false, firstResponseDueAt: res.json.firstResponseDueAt });
    expect(await counts()).toEqual(before);
    expect(sentTo(h, groupId).filter((m) => String(m.altText).includes(res.json.number))).toHaveLength(1);
  });

  it('for a LINE user: the customer is told of the case on LINE, as a chat case tells them', async () => {
    const user = lineId('U');
    const res = await openCase({ source: 'api', caseType: 'order_not_delivered', severity: 'critical', summary: 'Order stuck at the provider', lineUserId: user, language: 'en' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ severity: 'critical', source: 'api', contactCreated: true, customerNotified: true });
    const identity = await h.sys.knex('contact_identities').where({ external_id: user }).first();
    expect(identity.contact_id).toBe(res.json.contactId);
    const pushed = await waitForMessageTo(h, user, (m) => m.type === 'text' && String(m.text).includes(res.json.number));
    expect(pushed.text).toContain('We have received your report');
    expect(pushed.text).toContain('https://desk.example/');
    expect((await h.sys.knex('cases').where({ number: res.json.number }).first()).conversation_id).not.toBeNull();
  });

  it('five retries of one request at once: one case, one contact, one card', async () => {
    const key = randomUUID();
    const phone = aPhone();
    const answers = await Promise.all(Array.from({ length: 5 }, () => openCase({ ...order, phone }, key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.number)).size).toBe(1);
    expect(await h.sys.knex('cases').where({ idempotency_key: key })).toHaveLength(1);
    expect(await h.sys.knex('contacts').where({ phone: `+66${phone.slice(1)}` })).toHaveLength(1);
    await waitForMessageTo(h, groupId, (m) => String(m.altText).includes(answers[0].json.number), 20_000);
    await untilSettled(h.sys.knex);
    expect(sentTo(h, groupId).filter((m) => String(m.altText).includes(answers[0].json.number))).toHaveLength(1);
  });

  it('for a contact known by id, with a support key (support works cases)', async () => {
    const first = await openCase({ ...order, email: `dao.${randomBytes(3).toString('hex')}@Example.com` });
    expect(first.status).toBe(201);
    const res = await openCase({ source: 'manual', caseType: 'topup_not_credited', summary: 'Top-up of 300 not credited', contactId: first.json.contactId }, randomUUID(), keys.support);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ contactId: first.json.contactId, contactCreated: false, severity: 'critical', source: 'manual' });
    // The e-mail is kept as the booking forms keep it: lower case.
    expect((await h.sys.knex('contacts').where({ id: first.json.contactId }).first()).email).toMatch(/^dao\.[0-9a-f]{6}@example\.com$/);
  });
});

describe('refusals create nothing', () => {
  /** The request is refused with this status and code, and no row of any kind was added. */
  async function refused(send: () => Promise<Awaited<ReturnType<typeof openCase>>>, status: number, code: string) {
    await untilSettled(h.sys.knex);
    const before = await counts();
    const res = await send();
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(await counts()).toEqual(before);
    return res.json.error;
  }

  it('the same Idempotency-Key with another body: 422 idempotency_key_reused, naming the case', async () => {
    const key = randomUUID();
    const first = await openCase({ ...order, phone: aPhone() }, key);
    expect(first.status).toBe(201);
    const error = await refused(() => openCase({ ...order, summary: 'Another problem', phone: aPhone() }, key), 422, 'idempotency_key_reused');
    expect(error.message).toContain(first.json.number);
    expect(error.details).toEqual([{ path: 'Idempotency-Key', message: expect.stringContaining('another body') }]);
  });

  it("another org's contact is answered as a contact that does not exist", async () => {
    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const [theirs] = await h.sys.knex('contacts').insert({ org_id: other.id, display_name: 'Not yours', phone: '+66899999999' }).returning('id');
    const foreign = await refused(() => openCase({ ...order, contactId: theirs.id }), 422, 'validation_failed');
    const unknown = await refused(() => openCase({ ...order, contactId: randomUUID() }), 422, 'validation_failed');
    expect(foreign).toEqual(unknown);
    expect(foreign.details).toEqual([{ path: 'contactId', message: 'No contact of this business has this id' }]);
  });

  it('an erased customer by id: 422 on contactId, telling to name them afresh', async () => {
    const first = await openCase({ ...order, phone: aPhone() });
    expect((await api('POST', `/api/v1/contacts/${first.json.contactId}/erase`)).status).toBe(200);
    const error = await refused(() => openCase({ ...order, contactId: first.json.contactId }), 422, 'validation_failed');
    expect(error.details).toEqual([{ path: 'contactId', message: 'This customer was erased: name them by their phone, e-mail or LINE id' }]);
  });

  it('two ways of naming the customer, or none: 422 naming the fields', async () => {
    const two = await refused(() => openCase({ ...order, phone: aPhone(), email: 'two@example.com' }), 422, 'validation_failed');
    expect(two.details.map((d: { path: string }) => d.path)).toEqual(['phone', 'email']);
    expect(two.details[0].message).toContain('not phone and email');
    const none = await refused(() => openCase({ ...order }), 422, 'validation_failed');
    expect(none.details).toEqual([{ path: 'contactId', message: 'Name the customer by one of contactId, lineUserId, phone, email', code: 'custom' }]);
  });

  it('an unknown case type: 422 naming caseType, and the new phone number did not become a contact', async () => {
    const phone = aPhone();
    const error = await refused(() => openCase({ ...order, caseType: 'no_such_type', phone }), 422, 'validation_failed');
    expect(error.details).toEqual([{ path: 'caseType', message: 'No case type in use has the key "no_such_type"' }]);
    expect(await h.sys.knex('contacts').where({ phone: `+66${phone.slice(1)}` }).first()).toBeUndefined();
  });

  it('no Idempotency-Key: 422 naming the header', async () => {
    const error = await refused(() => openCase({ ...order, phone: aPhone() }, null), 422, 'validation_failed');
    expect(error.details).toEqual([{ path: 'Idempotency-Key', message: 'Required: one key per case to open' }]);
  });

  it('the CEO and the accountant read cases and do not open them: 403; an admin key may', async () => {
    await refused(() => openCase({ ...order, phone: aPhone() }, randomUUID(), keys.ceo), 403, 'forbidden');
    await refused(() => openCase({ ...order, phone: aPhone() }, randomUUID(), keys.accountant), 403, 'forbidden');
    expect((await openCase({ ...order, phone: aPhone() }, randomUUID(), TEST_ADMIN_KEY)).status).toBe(201);
  });

  it('a LINE id for a business without a LINE channel in use: 422 naming lineUserId', async () => {
    await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).update({ is_active: false });
    try {
      const error = await refused(() => openCase({ ...order, lineUserId: lineId('U') }), 422, 'validation_failed');
      expect(error.details[0].path).toBe('lineUserId');
    } finally {
      await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).update({ is_active: true });
    }
  });
});
