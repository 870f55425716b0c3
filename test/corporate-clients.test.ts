import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { CODE_MISSES_PER_HOUR } from '../core/members/corporate-clients.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * Corporate clients with seats (seed 000; docs/members.md "Corporate clients"): an admin sets one
 * up, its people join by code in the chat or through the API, each taking a seat as a member with
 * the client's package; the seats' usage; a seat released. Every bad input shows the answer and
 * that nothing was written: over the seats, a wrong code (the same answer for any, then no more
 * tries), a suspended or ended client, two people racing for the last seat, one person twice.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
let n = 0;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  const s = await api('POST', '/api/v1/services', { key: 'concierge', name: { th: 'บริการคอนเซียร์จ', en: 'Concierge request' }, durationMinutes: 60, capacity: 10, price: '1500' });
  expect(s.status, JSON.stringify(s.json)).toBe(201);
  const p = await api('POST', '/api/v1/member-packages', { key: 'corp-ten', nameTh: 'สมาชิกองค์กร 10 ครั้ง', nameEn: 'Corporate membership, 10 requests', credits: 10, services: ['concierge'], priceMinor: 0, validityDays: 365 });
  expect(p.status, JSON.stringify(p.json)).toBe(201);
}, 60_000);
afterAll(() => h?.close());

async function aClient(over: Record<string, unknown> = {}) {
  const r = await api('POST', '/api/v1/corporate-clients', { name: `Acme ${++n}`, codePrefix: 'ACME', seats: 3, packageKey: 'corp-ten', validUntil: inDays(365), contactName: 'Khun Nok', ...over });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as { id: string; code: string; name: string; seats: number };
}

async function aContact(language: 'th' | 'en' = 'th'): Promise<string> {
  const [c] = await h.sys.knex('contacts').insert({ org_id: h.sys.defaultOrgId, display_name: `Person ${++n}`, language }).returning('id');
  return c.id;
}

/** A LINE customer who wrote once (a contact with a chat), in their language. */
async function aLineCustomer(language: 'th' | 'en' = 'th') {
  const user = lineId('U');
  await h.tell(user, language === 'th' ? 'สวัสดีค่ะ' : 'hello');
  const { contact_id } = (await until(() => h.sys.knex('contact_identities').where({ external_id: user }).first('contact_id'))) as { contact_id: string };
  await h.sys.knex('contacts').where({ id: contact_id }).update({ language });
  return { user, contactId: contact_id };
}

const join = (code: string, contactId: string) => api('POST', '/api/v1/corporate-clients/join', { code, contactId });
const seatsOf = async (clientId: string) => Number((await h.sys.knex('corporate_seats').where({ client_id: clientId }).whereNull('released_at').count('* as n'))[0].n);
const isMember = async (contactId: string) => Boolean(await h.sys.knex('members').where({ contact_id: contactId }).first('id'));
const salesOf = async (contactId: string) => Number((await h.sys.knex('member_package_sales as s').join('members as m', 'm.id', 's.member_id').where('m.contact_id', contactId).count('* as n'))[0].n);

async function ledgerSound() {
  expect((await trialBalance(h.sys.knex, h.sys.defaultOrgId)).balanced).toBe(true);
  expect(await rebuildBalances(h.sys.knex)).toBe(0);
}

describe('an admin sets up a corporate client', () => {
  it('gets a code of its prefix and four random characters, listed with its seats taken', async () => {
    const c = await aClient();
    expect(c.code).toMatch(/^ACME-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(c).toMatchObject({ seats: 3, seatsTaken: 0, packageKey: 'corp-ten', status: 'active', contactName: 'Khun Nok', joinText: { th: `เข้าร่วม ${c.code}`, en: `join ${c.code}` } });
    const list = await api('GET', '/api/v1/corporate-clients');
    expect(list.json.map((x: { id: string }) => x.id)).toContain(c.id);
    // A name in Thai letters only: the code begins with CORP.
    expect((await aClient({ name: 'บริษัท สยาม', codePrefix: undefined })).code).toMatch(/^CORP-/);
  });

  it('refuses a package that does not exist and an end before the start, writing nothing', async () => {
    const before = Number((await h.sys.knex('corporate_clients').count('* as n'))[0].n);
    const noPkg = await api('POST', '/api/v1/corporate-clients', { name: 'X', seats: 2, packageKey: 'nope', validUntil: inDays(30) });
    expect(noPkg.status).toBe(404);
    const backwards = await api('POST', '/api/v1/corporate-clients', { name: 'X', seats: 2, validFrom: inDays(30), validUntil: inDays(1) });
    expect(backwards.status).toBeGreaterThanOrEqual(400);
    expect(Number((await h.sys.knex('corporate_clients').count('* as n'))[0].n)).toBe(before);
  });
});

describe('joining by code in the chat', () => {
  it('"เข้าร่วม acme xxxx" (any case, a space for the dash) makes the customer a member with the seat\'s package, told in Thai; again: the same seat', async () => {
    const c = await aClient();
    const { user, contactId } = await aLineCustomer('th');
    const typed = c.code.toLowerCase().replace('-', ' ');
    const answer = await h.ask(user, { text: `เข้าร่วม ${typed}` });
    const member = await h.sys.knex('members').where({ contact_id: contactId }).first('number');
    expect(answer.text).toContain(`ยินดีต้อนรับค่ะ คุณได้เป็นสมาชิกในนามของ ${c.name}`);
    expect(answer.text).toContain(member.number);
    expect(answer.text).toContain('สมาชิกองค์กร 10 ครั้ง (10 ครั้ง)');
    expect(answer.text).toContain('/liff/card');
    const card = (await api('GET', `/api/v1/members/lookup?number=${member.number}`)).json;
    expect(card.packages).toMatchObject([{ packageKey: 'corp-ten', creditsLeft: 10, paidWith: 'free', status: 'active' }]);

    const again = await h.ask(user, { text: `รหัสบริษัท ${c.code}` });
    expect(again.text).toContain(`เป็นสมาชิกในนามของ ${c.name} อยู่แล้ว`);
    // The answer follows the language the customer writes in.
    expect((await h.ask(user, { text: `join ${c.code}` })).text).toContain(`You are a member through ${c.name} already`);
    expect(await seatsOf(c.id)).toBe(1);
    expect(await salesOf(contactId)).toBe(1);
    await ledgerSound();
  });

  it('over its seats: the next person is told in English that the seats are taken; no member row, no seat', async () => {
    const c = await aClient({ seats: 1 });
    expect((await join(c.code, await aContact())).status).toBe(201);
    const { user, contactId } = await aLineCustomer('en');
    const answer = await h.ask(user, { text: `join ${c.code}` });
    expect(answer.text).toBe(`Sorry, all of ${c.name}'s membership seats are taken, so you could not join. Please ask whoever manages the membership at your company.`);
    expect(await isMember(contactId)).toBe(false);
    expect(await seatsOf(c.id)).toBe(1);
    expect((await api('GET', `/api/v1/corporate-clients/${c.id}`)).json).toMatchObject({ seats: 1, seatsTaken: 1 });
  });

  it('a wrong code gets the same answer whatever it is; after the hour\'s tries even the right code is not looked up', async () => {
    const c = await aClient();
    const { user, contactId } = await aLineCustomer('th');
    const wrong = [`${c.code.slice(0, -1)}${c.code.endsWith('Z') ? 'Y' : 'Z'}`, 'ACME-0000', 'NOPE-1234', 'join-join', 'ZZZZZZZZ-ZZZZ'].slice(0, CODE_MISSES_PER_HOUR);
    const answers = [];
    for (const code of wrong) answers.push((await h.ask(user, { text: `เข้าร่วม ${code}` })).text);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBe('ขออภัยค่ะ ไม่พบรหัสนี้ กรุณาตรวจสอบรหัสที่ได้รับจากบริษัทของคุณแล้วพิมพ์อีกครั้งค่ะ');
    for (const a of answers) expect(a).not.toMatch(/ACME|NOPE|ZZZZ/);
    const blocked = await h.ask(user, { text: `เข้าร่วม ${c.code}` });
    expect(blocked.text).toContain('พิมพ์รหัสไม่ถูกต้องหลายครั้ง');
    expect(await isMember(contactId)).toBe(false);
    expect(await seatsOf(c.id)).toBe(0);
  });

  it('a suspended client and one whose time ended: told it is not open, nothing written', async () => {
    const suspended = await aClient();
    expect((await api('PATCH', `/api/v1/corporate-clients/${suspended.id}`, { status: 'suspended' })).status).toBe(200);
    const ended = await aClient({ validFrom: inDays(-30), validUntil: inDays(-1) });
    const { user, contactId } = await aLineCustomer('en');
    for (const c of [suspended, ended]) {
      const answer = await h.ask(user, { text: `join ${c.code}` });
      expect(answer.text).toBe(`Sorry, membership through ${c.name} is not open to join at the moment. Please ask whoever manages the membership at your company.`);
      expect(await seatsOf(c.id)).toBe(0);
    }
    expect(await isMember(contactId)).toBe(false);
  });
});

describe('joining through the API', () => {
  it('a wrong code: the same 404 for any code, naming none; suspended, not started, ended: 409 with the reason; nothing written', async () => {
    const c = await aClient();
    const contactId = await aContact();
    const answers = await Promise.all(['ACME-0000', `${c.code}X`, 'hello', 'MEM-2026-ABCD'].map((code) => join(code, contactId)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.json.error.message).toBe('Corporate client code not found');
      expect(JSON.stringify(a.json)).not.toContain(c.code);
    }
    await api('PATCH', `/api/v1/corporate-clients/${c.id}`, { status: 'suspended' });
    expect((await join(c.code, contactId)).json.error.details.reason).toBe('client_suspended');
    const later = await aClient({ validFrom: inDays(5), validUntil: inDays(30) });
    expect((await join(later.code, contactId)).json.error.details.reason).toBe('client_not_started');
    const ended = await aClient({ validFrom: inDays(-30), validUntil: inDays(-1) });
    const r = await join(ended.code, contactId);
    expect(r.status).toBe(409);
    expect(r.json.error.details.reason).toBe('client_expired');
    expect(await isMember(contactId)).toBe(false);
  });

  it('eight people racing for three seats: three take one, five are told seats_full, and only the three are members', async () => {
    const c = await aClient({ seats: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, () => aContact()));
    const answers = await Promise.all(people.map((p) => join(c.code, p)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(5);
    for (const a of refused) expect(a.json.error).toMatchObject({ code: 'conflict', details: { reason: 'seats_full' } });
    expect(await seatsOf(c.id)).toBe(3);
    const members = await Promise.all(people.map(isMember));
    expect(members.filter(Boolean)).toHaveLength(3);
    await ledgerSound();
  });

  it('the same person joining twice at once: one seat, one package, one member', async () => {
    const c = await aClient({ seats: 5 });
    const contactId = await aContact();
    const answers = await Promise.all([join(c.code, contactId), join(c.code, contactId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0].json.seatId).toBe(answers[1].json.seatId);
    expect(await seatsOf(c.id)).toBe(1);
    expect(await salesOf(contactId)).toBe(1);
  });

  it("a member holding another client's seat is refused (seated_elsewhere), nothing written", async () => {
    const a = await aClient();
    const b = await aClient();
    const contactId = await aContact();
    expect((await join(a.code, contactId)).status).toBe(201);
    const r = await join(b.code, contactId);
    expect(r.status).toBe(409);
    expect(r.json.error.details).toMatchObject({ reason: 'seated_elsewhere', client: a.name });
    expect(await seatsOf(b.id)).toBe(0);
    expect(await salesOf(contactId)).toBe(1);
  });
});

describe("the seats' usage and releasing a seat", () => {
  it('shows who holds each seat and what they used; a released seat is free again, its credits taken back, the ledger balanced', async () => {
    const c = await aClient({ seats: 1 });
    const first = await aContact();
    const joined = (await join(c.code, first)).json;
    // One credit used: a booking paid with the seat's package.
    const session = await api('POST', '/api/v1/services/concierge/sessions', { date: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10), time: '10:00', capacity: 5 });
    expect(session.status, JSON.stringify(session.json)).toBe(201);
    const booked = await api('POST', '/api/v1/bookings', { session_id: session.json.items[0].id, member_number: joined.memberNumber, pay_with: 'credits', language: 'th' });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);

    const usage = (await api('GET', `/api/v1/corporate-clients/${c.id}/seats`)).json;
    expect(usage.client).toMatchObject({ seats: 1, seatsTaken: 1 });
    expect(usage.seats).toMatchObject([{ memberNumber: joined.memberNumber, releasedAt: null, package: { credits: 10, creditsUsed: 1, creditsLeft: 9, status: 'active' }, bookingsPaid: 1 }]);

    // Seats may not go below those taken.
    const lower = await api('PATCH', `/api/v1/corporate-clients/${c.id}`, { seats: 0 });
    expect(lower.status).toBe(422);

    const second = await aContact();
    expect((await join(c.code, second)).json.error.details.reason).toBe('seats_full');
    const released = await api('POST', `/api/v1/corporate-clients/${c.id}/seats/${joined.seatId}/release`, { reason: 'Left the company' });
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    expect(released.json.creditsTakenBack).toBe(9);
    expect((await api('POST', `/api/v1/corporate-clients/${c.id}/seats/${joined.seatId}/release`, { reason: 'again' })).json.error.details.reason).toBe('released');
    expect((await join(c.code, second)).status).toBe(201);

    const after = (await api('GET', `/api/v1/corporate-clients/${c.id}/seats`)).json;
    expect(after.client.seatsTaken).toBe(1);
    expect(after.seats).toHaveLength(2);
    expect(after.seats[1]).toMatchObject({ memberNumber: joined.memberNumber, releasedReason: 'Left the company', package: { creditsLeft: 0, status: 'refunded' } });
    // The one who left is still a member (their number, wallet and points stay theirs).
    expect(await isMember(first)).toBe(true);
    await ledgerSound();
  });

  it('seats lowered below those taken: 409 seats_taken, the client unchanged', async () => {
    const c = await aClient({ seats: 2 });
    await join(c.code, await aContact());
    await join(c.code, await aContact());
    const r = await api('PATCH', `/api/v1/corporate-clients/${c.id}`, { seats: 1 });
    expect(r.status).toBe(409);
    expect(r.json.error.details).toMatchObject({ reason: 'seats_taken', seatsTaken: 2 });
    expect((await api('GET', `/api/v1/corporate-clients/${c.id}`)).json.seats).toBe(2);
  });
});
