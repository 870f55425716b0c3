import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingEventsOfContact } from '../core/bookings/customer-bookings.ts';
import { requestBooking } from '../core/bookings/request-booking.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * The booking pipeline through the REST API of the running system: the list with its filters and
 * cursor, one booking with its timeline, stage moves along the allowed edges with optimistic
 * concurrency, assignment and notes; each refusal shows that nothing was written.
 */
let sys: TestSystem;
let keys: Record<'support' | 'manager' | 'ceo' | 'integration' | 'accountant', string>;
let staff: { id: string; display_name: string; role: string }[];

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  keys = {} as typeof keys;
  for (const role of ['support', 'manager', 'ceo', 'integration', 'accountant'] as const) {
    keys[role] = (await api('POST', '/api/v1/api-keys', { name: role, role })).json.key;
  }
  staff = await sys.knex('staff').where({ org_id: sys.defaultOrgId }).select('id', 'display_name', 'role');
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

let seq = 0;
/** A booking as a chat confirmation makes one, for a new contact (or the one given). */
async function newBooking(o: { service?: string; name?: string; email?: string; date?: string; contactId?: string } = {}) {
  seq += 1;
  return sys.knex.transaction(async (trx) => {
    const [contact] = o.contactId
      ? [{ id: o.contactId }]
      : await trx('contacts')
          .insert({ org_id: sys.defaultOrgId, display_name: o.name ?? `Guest ${seq}`, email: o.email ?? `guest${seq}@example.com`, phone: `+6681000${String(seq).padStart(4, '0')}`, language: 'en' })
          .returning('id');
    return requestBooking(trx, {
      orgId: sys.defaultOrgId,
      contactId: contact.id,
      conversationId: null,
      serviceKey: o.service ?? 'sushi_class',
      date: o.date ?? '2030-01-12',
      time: '10:00',
      partySize: 2,
      language: 'en',
      source: 'api',
    });
  });
}

const row = (number: string) => sys.knex('bookings').where({ number }).first();
const events = async (number: string) => sys.knex('booking_events').where({ booking_id: (await row(number)).id }).orderBy('id');
const move = (number: string, body: Record<string, unknown>, key?: string) => api('POST', `/api/v1/bookings/${number}/stage`, body, key);

describe('the booking list', () => {
  it('filters by stage, service, assignee and text, and pages with a cursor without repeats', async () => {
    const a = await newBooking({ service: 'thai_cooking_class', name: 'Alice Farmer', email: 'alice@farm.example' });
    const b = await newBooking({ service: 'thai_cooking_class' });
    const c = await newBooking({ service: 'spa_massage' });
    const manager = staff.find((s) => s.role === 'manager')!;
    await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: manager.id, expectedVersion: 1 });
    await move(c.number, { to: 'contacted', expectedVersion: 1 });

    const cooking = await api('GET', '/api/v1/bookings?service=thai_cooking_class');
    expect(cooking.status).toBe(200);
    expect(cooking.json.items.map((i: any) => i.number)).toEqual([b.number, a.number]);
    expect(cooking.json.items[0]).toMatchObject({ stage: 'new', service: 'thai_cooking_class', assigneeStaffId: manager.id, assigneeName: manager.display_name, partySize: 2, requestedDate: '2030-01-12', requestedTime: '10:00' });

    expect((await api('GET', `/api/v1/bookings?assignee=${manager.id}`)).json.items.map((i: any) => i.number)).toEqual([b.number]);
    expect((await api('GET', '/api/v1/bookings?assignee=none&service=thai_cooking_class')).json.items.map((i: any) => i.number)).toEqual([a.number]);
    expect((await api('GET', '/api/v1/bookings?stage=contacted')).json.items.map((i: any) => i.number)).toEqual([c.number]);
    expect((await api('GET', '/api/v1/bookings?stage=contacted,new&service=spa_massage')).json.items.map((i: any) => i.number)).toEqual([c.number]);
    for (const text of ['alice farm', 'ALICE@FARM', a.number]) {
      expect((await api('GET', `/api/v1/bookings?search=${encodeURIComponent(text)}`)).json.items.map((i: any) => i.number)).toEqual([a.number]);
    }

    for (let i = 0; i < 4; i++) await newBooking();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api('GET', `/api/v1/bookings?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((i: any) => i.number));
      cursor = page.json.nextCursor;
    } while (cursor);
    const all = await sys.knex('bookings').where({ org_id: sys.defaultOrgId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).pluck('number');
    expect(seen).toEqual(all);
  });

  it('filters by when bookings were made and by the requested date, sorts four ways, and finds a customer by their phone as people write it', async () => {
    // Three bookings made on three days long ago (a window no other test uses), for three dates.
    const made = [await newBooking({ date: '2031-05-10' }), await newBooking({ date: '2031-05-20' }), await newBooking({ date: '2031-06-01' })];
    // The system's own work on a new booking (its assignment, its clock) changes the row too: let
    // it finish, so that the rows change last in the order below.
    await until(async () => !(await sys.knex('outbox').whereIn('status', ['pending', 'enqueued']).where('available_at', '<=', sys.knex.fn.now()).first()));
    // Each update in a millisecond of its own: the embedded database's clock counts milliseconds,
    // and two updates within one share their updated_at (a run that was fast enough saw it).
    for (const [i, b] of made.entries()) {
      await sys.knex('bookings').where({ number: b.number }).update({ created_at: `2001-01-0${i + 1}T12:00:00Z` });
      await new Promise((r) => setTimeout(r, 2));
    }
    const numbers = async (query: string) => {
      const r = await api('GET', `/api/v1/bookings?${query}`);
      expect(r.status, query).toBe(200);
      return r.json.items.map((i: any) => i.number);
    };
    const [first, second, third] = made.map((b) => b.number);
    // createdFrom is inclusive, createdTo exclusive: [from, to).
    expect(await numbers('createdFrom=2001-01-01&createdTo=2001-01-04')).toEqual([third, second, first]);
    expect(await numbers('createdFrom=2001-01-02T00:00:00Z&createdTo=2001-01-03T12:00:00Z')).toEqual([second]);
    expect(await numbers('createdTo=2001-01-02')).toEqual([first]);
    // The requested date: both ends included.
    expect(await numbers('dateFrom=2031-05-10&dateTo=2031-05-20')).toEqual([second, first]);
    expect(await numbers('dateFrom=2031-05-11&dateTo=2031-06-01')).toEqual([third, second]);
    expect(await numbers('dateFrom=2031-06-02&dateTo=2031-12-31')).toEqual([]);

    const window = 'createdFrom=2001-01-01&createdTo=2001-01-04';
    expect(await numbers(`${window}&sort=created_at`)).toEqual([first, second, third]);
    expect(await numbers(`${window}&sort=-created_at`)).toEqual([third, second, first]);
    // The first one changed last: it leads by last change.
    expect((await move(first, { to: 'contacted', expectedVersion: 1 })).status).toBe(200);
    expect(await numbers(`${window}&sort=-updated_at`)).toEqual([first, third, second]);
    expect(await numbers(`${window}&sort=updated_at`)).toEqual([second, third, first]);
    expect((await api('GET', '/api/v1/bookings?sort=price')).status).toBe(422);
    expect((await api('GET', '/api/v1/bookings?createdFrom=yesterday')).status).toBe(422);

    // The customer's phone (+6681000NNNN in E.164) as people write it.
    const phone = (await sys.knex('contacts').where({ id: (await row(second)).contact_id }).first()).phone as string;
    const local = `0${phone.slice(3)}`;
    for (const written of [phone, `${local.slice(0, 3)}-${local.slice(3, 6)}-${local.slice(6)}`, `+66 ${phone.slice(3, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`]) {
      expect(await numbers(`search=${encodeURIComponent(written)}`), written).toEqual([second]);
    }
  });

  it('refuses an unknown filter, stage or cursor with a 422 naming it', async () => {
    for (const [query, field] of [
      ['stage=maybe', 'stage'],
      ['colour=red', ''],
      ['cursor=nonsense', 'cursor'],
      ['limit=1000', 'limit'],
      ['assignee=bob', 'assignee'],
    ]) {
      const r = await api('GET', `/api/v1/bookings?${query}`);
      expect(r.status, query).toBe(422);
      if (field) expect(JSON.stringify(r.json.error.details), query).toContain(field);
    }
  });

  it('lets the CEO and an integration read; 404s another number', async () => {
    const b = await newBooking();
    for (const key of [keys.ceo, keys.integration, keys.support]) {
      expect((await api('GET', `/api/v1/bookings/${b.number}`, undefined, key)).status).toBe(200);
      expect((await api('GET', '/api/v1/bookings', undefined, key)).status).toBe(200);
    }
    expect((await api('GET', '/api/v1/bookings/B-999999')).status).toBe(404);
  });
});

describe('one booking', () => {
  it('shows the booking with its contact, timeline and allowed moves', async () => {
    const b = await newBooking({ name: 'Bob Baker', email: 'bob@bake.example' });
    const r = await api('GET', `/api/v1/bookings/${b.number}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      number: b.number,
      stage: 'new',
      version: 1,
      source: 'api',
      contact: { name: 'Bob Baker', email: 'bob@bake.example', language: 'en' },
      serviceName: { en: 'Sushi cooking class' },
      allowedMoves: ['contacted', 'quoted', 'confirmed', 'proposed', 'declined', 'lost', 'cancelled'],
    });
    expect(r.json.timeline.map((e: any) => e.type)).toEqual(['created']);
  });
});

describe('stage moves', () => {
  it('moves along the pipeline, each move on the timeline with who made it, and the first contact recorded', async () => {
    const b = await newBooking();
    const contacted = await move(b.number, { to: 'contacted', expectedVersion: 1, note: 'Called, wants a vegetarian menu' });
    expect(contacted).toMatchObject({ status: 200, json: { number: b.number, from: 'new', to: 'contacted', version: 2, customerTold: false } });
    expect((await row(b.number)).first_responded_at).not.toBeNull();
    expect((await move(b.number, { to: 'quoted', expectedVersion: 2 })).json.to).toBe('quoted');
    expect((await move(b.number, { to: 'confirmed', expectedVersion: 3 })).json).toMatchObject({ to: 'confirmed', version: 4, customerTold: false });
    expect((await move(b.number, { to: 'completed', expectedVersion: 4 })).json).toMatchObject({ to: 'completed', version: 5 });
    const stored = await row(b.number);
    expect(stored.confirmed_at).not.toBeNull();
    expect(stored.completed_at).not.toBeNull();
    const timeline = (await api('GET', `/api/v1/bookings/${b.number}`)).json.timeline;
    expect(timeline.map((e: any) => [e.type, e.data.to ?? e.data.kind])).toEqual([
      ['created', undefined],
      ['stage_changed', 'contacted'],
      ['note', 'note'],
      ['stage_changed', 'quoted'],
      ['stage_changed', 'confirmed'],
      // The customer has no chat to be told in: staff see that they must call or write.
      ['notification_undelivered', undefined],
      ['stage_changed', 'completed'],
    ]);
    expect(timeline[5].data).toEqual({ template: 'booking_confirmed', reason: 'no_chat' });
    expect(timeline[1]).toMatchObject({ actorType: 'api_key' });
    expect(timeline[2].data.text).toBe('Called, wants a vegetarian menu');
  });

  it('needs a reason to mark a lead lost, and keeps it', async () => {
    const b = await newBooking();
    const refused = await move(b.number, { to: 'lost', expectedVersion: 1 });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details[0].path).toBe('reason');
    expect(await row(b.number)).toMatchObject({ stage: 'new', version: 1, lost_reason: null });
    const lost = await move(b.number, { to: 'lost', expectedVersion: 1, reason: 'Went with another operator' });
    expect(lost.json).toMatchObject({ to: 'lost', version: 2 });
    expect(await row(b.number)).toMatchObject({ stage: 'lost', lost_reason: 'Went with another operator' });
    expect((await api('GET', `/api/v1/bookings/${b.number}`)).json).toMatchObject({ lostReason: 'Went with another operator', allowedMoves: [] });
  });

  it('answers a stale version with 409 and the current version, and a move the stage does not allow with 409 and the allowed moves; nothing written', async () => {
    const b = await newBooking();
    await move(b.number, { to: 'contacted', expectedVersion: 1 });
    const before = (await events(b.number)).length;
    const stale = await move(b.number, { to: 'quoted', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    const skip = await move(b.number, { to: 'completed', expectedVersion: 2 });
    expect(skip.status).toBe(409);
    expect(skip.json.error.details).toMatchObject({ stage: 'contacted', allowedMoves: ['quoted', 'confirmed', 'proposed', 'lost', 'cancelled'] });
    expect(await row(b.number)).toMatchObject({ stage: 'contacted', version: 2 });
    expect((await events(b.number)).length).toBe(before);
  });

  it('lets one of two simultaneous moves win; the other gets a 409', async () => {
    const b = await newBooking();
    const [x, y] = await Promise.all([move(b.number, { to: 'contacted', expectedVersion: 1 }), move(b.number, { to: 'lost', expectedVersion: 1, reason: 'No answer' })]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect((await row(b.number)).version).toBe(2);
    expect((await events(b.number)).filter((e) => e.type === 'stage_changed')).toHaveLength(1);
  });

  it('refuses the CEO and an integration (403), and a body with unknown fields (422), changing nothing', async () => {
    const b = await newBooking();
    for (const key of [keys.ceo, keys.integration]) expect((await move(b.number, { to: 'contacted', expectedVersion: 1 }, key)).status).toBe(403);
    const odd = await move(b.number, { to: 'contacted', expectedVersion: 1, colour: 'red' });
    expect(odd.status).toBe(422);
    expect((await move(b.number, { to: 'contacted' })).status).toBe(422);
    expect(await row(b.number)).toMatchObject({ stage: 'new', version: 1 });
    expect((await events(b.number)).length).toBe(1);
  });
});

describe('assignment and notes', () => {
  it('a manager assigns and unassigns with the version; support may not assign; a stranger id is refused', async () => {
    const b = await newBooking();
    const support = staff.find((s) => s.role === 'support')!;
    expect((await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: support.id, expectedVersion: 1 }, keys.support)).status).toBe(403);
    const unknown = await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1 }, keys.manager);
    expect(unknown.status).toBe(422);
    expect(await row(b.number)).toMatchObject({ assignee_staff_id: null, version: 1 });

    const given = await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: support.id, expectedVersion: 1 }, keys.manager);
    expect(given.json).toEqual({ number: b.number, assigneeStaffId: support.id, version: 2 });
    expect((await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: null, expectedVersion: 1 }, keys.manager)).status).toBe(409);
    expect((await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: null, expectedVersion: 2 }, keys.manager)).json).toMatchObject({ assigneeStaffId: null, version: 3 });
    const changes = (await events(b.number)).filter((e) => e.type === 'assignee_changed').map((e) => e.data);
    expect(changes).toEqual([{ from: null, to: support.id }, { from: support.id, to: null }]);
  });

  it('keeps notes, tasks and call logs on the timeline; the CEO may not write one; an empty note is refused', async () => {
    const b = await newBooking();
    expect((await api('POST', `/api/v1/bookings/${b.number}/notes`, { text: 'Prefers the morning class' }, keys.support)).status).toBe(201);
    expect((await api('POST', `/api/v1/bookings/${b.number}/notes`, { kind: 'task', text: 'Send the menu', dueAt: '2030-01-10T03:00:00Z' })).status).toBe(201);
    expect((await api('POST', `/api/v1/bookings/${b.number}/notes`, { kind: 'call', text: 'No answer', minutes: 0 })).status).toBe(201);
    expect((await api('POST', `/api/v1/bookings/${b.number}/notes`, { text: 'x' }, keys.ceo)).status).toBe(403);
    expect((await api('POST', `/api/v1/bookings/${b.number}/notes`, { text: '   ' })).status).toBe(422);
    expect((await api('POST', `/api/v1/bookings/${b.number}/notes`, { kind: 'memo', text: 'x' })).status).toBe(422);
    const notes = (await events(b.number)).filter((e) => e.type === 'note').map((e) => ({ ...e.data, public: e.is_public }));
    expect(notes).toEqual([
      { kind: 'note', text: 'Prefers the morning class', public: false },
      { kind: 'task', text: 'Send the menu', dueAt: '2030-01-10T03:00:00Z', public: false },
      { kind: 'call', text: 'No answer', minutes: 0, public: false },
    ]);
    expect((await api('GET', `/api/v1/bookings?search=${encodeURIComponent('morning class')}`)).json.items.map((i: any) => i.number)).toEqual([b.number]);
  });
});

describe('the accountant', () => {
  it('reads every booking and moves stages, but may not assign, write notes or quotes, create bookings or read contacts (403, nothing written)', async () => {
    const b = await newBooking();
    const k = keys.accountant;
    expect((await api('GET', '/api/v1/bookings', undefined, k)).status).toBe(200);
    const one = await api('GET', `/api/v1/bookings/${b.number}`, undefined, k);
    expect(one.status).toBe(200);
    const before = (await events(b.number)).length;
    const refused = [
      await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: staff[0].id, expectedVersion: 1 }, k),
      await api('POST', `/api/v1/bookings/${b.number}/notes`, { kind: 'note', text: 'paid?' }, k),
      await api('POST', `/api/v1/bookings/${b.number}/quotes`, { lines: [{ description: 'x', quantity: 1, unitPrice: 100 }] }, k),
      await api('POST', '/api/v1/bookings', { service: 'sushi_class', name: 'A', email: 'acc@example.com' }, k),
      await api('GET', `/api/v1/contacts/${one.json.contact?.id ?? '00000000-0000-0000-0000-000000000000'}`, undefined, k),
      await api('GET', '/api/v1/contacts?search=guest', undefined, k),
      await api('POST', '/api/v1/booking-rules', { name: 'x', position: 1, services: [], destinations: [], languages: [], staffIds: [], strategy: 'round_robin' }, k),
    ];
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 403));
    expect(await row(b.number)).toMatchObject({ stage: 'new', version: 1, assignee_staff_id: null });
    expect((await events(b.number)).length).toBe(before);
    expect(await sys.knex('booking_quotes').where({ booking_id: (await row(b.number)).id })).toHaveLength(0);
    const moved = await move(b.number, { to: 'contacted', expectedVersion: 1 }, k);
    expect(moved.status).toBe(200);
    expect((await events(b.number)).at(-1)).toMatchObject({ type: 'stage_changed', actor_type: 'api_key' });
  });

  it('is a role staff records and API keys accept', async () => {
    const s = await api('POST', '/api/v1/staff', { displayName: 'Khun Bunchee', role: 'accountant', language: 'th' });
    expect(s.status).toBe(201);
    expect((await sys.knex('staff').where({ id: s.json.id }).first()).role).toBe('accountant');
    expect((await api('POST', '/api/v1/api-keys', { name: 'bad', role: 'auditor' })).status).toBe(422);
  });
});

describe("a support key that belongs to a staff member", () => {
  it("sees on a customer's 360 view and thread only that member's bookings and those nobody has: a colleague's booking and its attribution are not there", async () => {
    const [mine, other] = staff.filter((s) => s.role === 'support');
    const k = (await api('POST', '/api/v1/api-keys', { name: 'Somying 360', role: 'support', staffId: mine.id })).json.key;
    const colleagues = await newBooking({ name: 'Khun Kanya', email: 'kanya@example.com' });
    const contactId = (await row(colleagues.number)).contact_id;
    const own = await newBooking({ contactId });
    const nobodys = await newBooking({ contactId });
    // The colleague's booking is the customer's first, from the website: its attribution names the customer's address.
    await sys.knex('bookings').where({ number: colleagues.number }).update({ utm: JSON.stringify({ campaign: 'krabi-2027', ip_address: '203.0.113.9' }) });
    expect((await api('POST', `/api/v1/bookings/${colleagues.number}/assignee`, { staffId: other.id, expectedVersion: 1 })).status).toBe(200);
    expect((await api('POST', `/api/v1/bookings/${own.number}/assignee`, { staffId: mine.id, expectedVersion: 1 })).status).toBe(200);
    const before = await sys.knex('bookings').where({ contact_id: contactId }).orderBy('number');

    expect((await api('GET', `/api/v1/bookings/${colleagues.number}`, undefined, k)).status).toBe(404);
    const found = await api('GET', '/api/v1/contacts?search=kanya%40example', undefined, k);
    expect(found.json.map((c: { id: string }) => c.id)).toEqual([contactId]);
    const view = await api('GET', `/api/v1/contacts/${contactId}`, undefined, k);
    expect(view.status).toBe(200);
    expect(view.json.bookings.map((b: { number: string }) => b.number).sort()).toEqual([own.number, nobodys.number].sort());
    expect(view.json.firstBookingAttribution.booking).toBe(own.number);
    expect(JSON.stringify(view.json)).not.toContain(colleagues.number);
    expect(JSON.stringify(view.json)).not.toContain('203.0.113.9');
    // The booking events beside the desk's conversation thread follow the same rule.
    const events = await bookingEventsOfContact(sys.knex, sys.defaultOrgId, contactId, { role: 'support', staffId: mine.id }, { limit: 50 });
    expect(new Set(events.map((e) => e.number))).toEqual(new Set([own.number, nobodys.number]));

    // A manager sees the three, and where the first came from.
    const full = await api('GET', `/api/v1/contacts/${contactId}`, undefined, keys.manager);
    expect(full.json.bookings).toHaveLength(3);
    expect(full.json.firstBookingAttribution).toMatchObject({ booking: colleagues.number, utm: { ip_address: '203.0.113.9' } });
    expect(await sys.knex('bookings').where({ contact_id: contactId }).orderBy('number')).toEqual(before);
  });

  it("sees and changes that member's bookings and those nobody has; a colleague's are 404 and unchanged", async () => {
    const [mine, other] = staff.filter((s) => s.role === 'support');
    const key = await api('POST', '/api/v1/api-keys', { name: 'Somying', role: 'support', staffId: mine.id });
    expect(key.status).toBe(201);
    const k = key.json.key;
    const a = await newBooking();
    const b = await newBooking();
    const c = await newBooking();
    expect((await api('POST', `/api/v1/bookings/${a.number}/assignee`, { staffId: mine.id, expectedVersion: 1 })).status).toBe(200);
    expect((await api('POST', `/api/v1/bookings/${b.number}/assignee`, { staffId: other.id, expectedVersion: 1 })).status).toBe(200);

    const listed = (await api('GET', '/api/v1/bookings?limit=100', undefined, k)).json.items.map((i: { number: string }) => i.number);
    expect(listed).toContain(a.number);
    expect(listed).not.toContain(b.number);
    // Nobody has c yet: support may take it, so they see it (a new business has no assignment rule).
    expect(listed).toContain(c.number);
    expect((await api('GET', `/api/v1/bookings/${a.number}`, undefined, k)).status).toBe(200);
    expect((await api('GET', `/api/v1/bookings/${c.number}`, undefined, k)).status).toBe(200);
    // The 1:1 alert to b's new assignee is recorded by a job whenever it runs: count what a
    // request could have written, not that alert.
    const written = async (n: string) => (await events(n)).filter((e) => e.type !== 'staff_alerted').length;
    const before = { b: await row(b.number), eb: await written(b.number) };
    const n = b.number;
    expect((await api('GET', `/api/v1/bookings/${n}`, undefined, k)).status).toBe(404);
    expect((await move(n, { to: 'contacted', expectedVersion: 2 }, k)).status).toBe(404);
    expect((await api('POST', `/api/v1/bookings/${n}/notes`, { kind: 'note', text: 'mine now' }, k)).status).toBe(404);
    expect((await api('GET', `/api/v1/bookings/${n}/quotes`, undefined, k)).status).toBe(404);
    expect(await row(b.number)).toEqual(before.b);
    expect(await written(b.number)).toBe(before.eb);
    expect((await move(a.number, { to: 'contacted', expectedVersion: 2 }, k)).status).toBe(200);
    // A support key of nobody in particular still sees every booking.
    expect((await api('GET', `/api/v1/bookings/${b.number}`, undefined, keys.support)).status).toBe(200);
  });

  it('must name an active staff member of the org (422 naming staffId, no key written)', async () => {
    const count = async () => Number((await sys.knex('api_keys').count({ n: '*' }))[0].n);
    const n = await count();
    const bad = await api('POST', '/api/v1/api-keys', { name: 'ghost', role: 'support', staffId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json.error.details)).toContain('staffId');
    expect(await count()).toBe(n);
  });
});
