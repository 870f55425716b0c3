import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../core/cases/open-case.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';

/**
 * The staff desk's API (`/liff-api/v1/desk/*`): the queue and a case as the signed-in staff member
 * sees them, and the case actions with the REST API's bodies and answers: the same role rules as
 * the LINE buttons, 409 when the case changed, and nothing written on any refusal.
 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let h: LiffHarness;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let mali: EnrolledStaff;
let boss: EnrolledStaff;

beforeAll(async () => {
  h = await startLiffHarness();
  [somchai, nok, mali, boss] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Nok', role: 'support' }),
    enrolStaff(h, { displayName: 'Mali', role: 'manager' }),
    enrolStaff(h, { displayName: 'Boss', role: 'ceo' }),
  ]);
}, 90_000);
afterAll(() => h?.close());

const as = (who: EnrolledStaff) => ({
  get: (path: string) => h.pub('GET', `/liff-api/v1/desk/${path}`, { headers: { authorization: `Bearer ${h.idToken(who.lineUserId)}` } }),
  post: (path: string, body: unknown) => h.pub('POST', `/liff-api/v1/desk/${path}`, { body, headers: { authorization: `Bearer ${h.idToken(who.lineUserId)}` } }),
});

const snapshot = async (number: string) => {
  const c = await h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number }).first();
  const events = await h.sys.knex('case_events').where({ case_id: c.id }).count<{ n: string }[]>('* as n');
  const out = await h.sys.knex('messages').where({ case_id: c.id, direction: 'out', sender_type: 'staff' }).count<{ n: string }[]>('* as n');
  return { status: c.status, owner: c.owner_staff_id, version: c.version, events: Number(events[0].n), out: Number(out[0].n) };
};

describe('the desk reads', () => {
  it('lists open cases by due time with names, mine and unassigned; a case whole with what the viewer may do', async () => {
    const customer = lineId('U');
    const c = await h.reportProblem(customer);
    const open = await as(somchai).get('cases?view=open');
    expect(open.status).toBe(200);
    const row = open.json.cases.find((r: { number: string }) => r.number === c.number);
    expect(row).toMatchObject({ status: 'new', ownerName: null, type: { en: 'Top-up not credited' } });
    const dues = open.json.cases.map((r: { resolutionDueAt: string | null }) => r.resolutionDueAt ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    expect((await as(somchai).get('cases?view=unassigned')).json.cases.map((r: { number: string }) => r.number)).toContain(c.number);
    expect((await as(somchai).get('cases?view=mine')).json.cases.map((r: { number: string }) => r.number)).not.toContain(c.number);
    expect((await as(somchai).get('cases?view=everything')).status).toBe(422);

    const one = await as(somchai).get(`cases/${c.number}`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({
      number: c.number,
      customer: { channel: 'line' },
      canWriteToCustomer: true,
      allowed: ['take', 'move', 'resolve', 'reply'],
      refusals: { reassign: { reason: 'role_forbids' } },
      clocks: { resolution: { state: 'running', breached: false } },
    });
    expect(one.json.orderIds).toEqual([]);
    expect(one.json.nextStatuses).toContain('investigating');
    expect(one.json.rootCauses).toContain('provider_issue');
    expect(one.json.assignees.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['Somchai', 'Nok', 'Mali']));
    expect(one.json.assignees.map((a: { name: string }) => a.name)).not.toContain('Boss');
    expect(one.json.timeline[0]).toMatchObject({ type: 'created' });
    expect(one.json.summary).toContain('เติมเงิน');

    // The customer writes again and sends a photo: both on the timeline, the photo as a link to our copy.
    await h.send(customer, { text: 'ยังไม่เข้าเลยค่ะ' });
    const photoId = String(BigInt('0x' + randomBytes(7).toString('hex')));
    h.line.state.addContent(photoId, PNG, 'image/png');
    await h.postEvents([
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: customer },
        webhookEventId: `01K${Date.now().toString(36).toUpperCase()}${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 26),
        deliveryContext: { isRedelivery: false },
        replyToken: h.line.state.issueReplyToken(),
        message: { id: photoId, type: 'image', quoteToken: 'q', contentProvider: { type: 'line' } },
      },
    ]);
    const withPhoto = await until(async () => {
      const t = (await as(somchai).get(`cases/${c.number}`)).json.timeline as { type: string; text: string | null; attachments: { kind: string; url: string }[] }[];
      return t.some((e) => e.attachments.length) ? t : false;
    }, 20_000);
    expect(withPhoto.find((e) => e.type === 'message_in' && e.text === 'ยังไม่เข้าเลยค่ะ')).toBeTruthy();
    const photo = withPhoto.find((e) => e.attachments.length)!.attachments[0];
    expect(photo.kind).toBe('image');
    const file = await until<Response>(async () => {
      // The desk's links are its own origin's (relative), as the Inbox's are.
      const res = await fetch(new URL(photo.url, h.sys.url));
      return res.status === 200 ? res : false;
    }, 20_000);
    expect(file.headers.get('content-type')).toBe('image/png');

    const ceo = await as(boss).get(`cases/${c.number}`);
    expect(ceo.json.allowed).toEqual([]);
    expect(ceo.json.refusals.take).toEqual({ reason: 'role_forbids', ownerName: null });
  });

  it("answers 404 for another org's case number and for one that does not exist", async () => {
    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    await h.sys.knex('case_types').insert({ org_id: other.id, key: 'theirs', name_th: 'x', name_en: 'x', category: 'other', first_response_minutes: 10, resolution_minutes: 20 });
    const opened = await h.sys.knex.transaction((trx) =>
      openCase(trx, { orgId: other.id, caseTypeKey: 'theirs', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'theirs', language: 'en', fields: {} }),
    );
    const number = `C-8${Math.floor(Math.random() * 1e5)}`;
    await h.sys.knex('cases').where({ id: opened.id }).update({ number });
    const before = await h.sys.knex('cases').where({ id: opened.id }).first();
    expect((await as(mali).get(`cases/${number}`)).status).toBe(404);
    expect((await as(mali).post(`cases/${number}/take`, { expectedVersion: 1 })).status).toBe(404);
    expect((await as(mali).get('cases/C-999999')).status).toBe(404);
    expect(await h.sys.knex('cases').where({ id: opened.id }).first()).toEqual(before);
  });
});

describe('the desk acts', () => {
  it('takes, writes to the customer, moves, names the provider and resolves with a root cause, as the LINE buttons do', async () => {
    const customer = lineId('U');
    const c = await h.reportProblem(customer);
    let v = (await as(somchai).get(`cases/${c.number}`)).json.version;
    const took = await as(somchai).post(`cases/${c.number}/take`, { expectedVersion: v });
    expect(took.status).toBe(200);
    expect(took.json).toMatchObject({ ownerStaffId: somchai.id, status: 'investigating' });
    v = took.json.version;

    const wrote = await as(somchai).post(`cases/${c.number}/messages`, { text: 'Checking your top-up now', expectedVersion: v });
    expect(wrote.status).toBe(201);
    await until(async () => h.line.state.deliveriesTo(customer).some((d) => d.messages.some((m) => 'text' in m && m.text === 'Checking your top-up now')) || false);

    const [provider] = await h.sys.knex('providers').insert({ org_id: h.sys.defaultOrgId, key: `bank${randomBytes(2).toString('hex')}`, name: 'Krungthai gateway' }).returning(['key']);
    const waiting = await as(somchai).post(`cases/${c.number}/transitions`, { to: 'waiting_provider', providerKey: provider.key, expectedVersion: v });
    expect(waiting.status).toBe(200);
    expect(waiting.json).toMatchObject({ from: 'investigating', to: 'waiting_provider', version: v + 2 });
    const seen = (await as(somchai).get(`cases/${c.number}`)).json;
    expect(seen.provider).toEqual({ key: provider.key, name: 'Krungthai gateway' });
    expect(seen.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['owner_changed', 'message_out', 'provider_changed', 'status_changed']));
    expect(seen.timeline.find((e: { type: string }) => e.type === 'owner_changed')).toMatchObject({ to: 'Somchai', actor: { type: 'staff', name: 'Somchai' } });

    const noCause = await as(somchai).post(`cases/${c.number}/transitions`, { to: 'resolved', rootCause: 'bad luck', expectedVersion: seen.version });
    expect(noCause.status).toBe(422);
    const resolved = await as(somchai).post(`cases/${c.number}/transitions`, { to: 'resolved', rootCause: 'provider_issue', expectedVersion: seen.version });
    expect(resolved.status).toBe(200);
    const row = await h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number: c.number }).first();
    expect(row).toMatchObject({ status: 'resolved', root_cause: 'provider_issue' });
  });

  it('refuses: a stale version with who has it, a role that may not, support on another\'s case, a manager reassigns; nothing written on refusal', async () => {
    const c = await h.reportProblem(lineId('U'));
    const v = (await as(nok).get(`cases/${c.number}`)).json.version;
    expect((await as(somchai).post(`cases/${c.number}/take`, { expectedVersion: v })).status).toBe(200);
    const before = await snapshot(c.number);

    // Nok's desk no longer offers Take: it would be taking it over, which is for managers.
    expect((await as(nok).get(`cases/${c.number}`)).json).toMatchObject({ allowed: [], refusals: { take: { reason: 'owner', ownerName: 'Somchai' }, move: { reason: 'owner' } } });
    expect((await as(mali).get(`cases/${c.number}`)).json.allowed).toEqual(['take', 'reassign', 'move', 'resolve', 'reply']);
    const late = await as(nok).post(`cases/${c.number}/take`, { expectedVersion: v });
    expect(late.status).toBe(409);
    expect(late.json.error.details).toMatchObject({ ownerName: 'Somchai', ownerStaffId: somchai.id });
    const ceo = await as(boss).post(`cases/${c.number}/take`, { expectedVersion: before.version });
    expect(ceo.status).toBe(403);
    expect(ceo.json.error.details).toMatchObject({ reason: 'role_forbids', role: 'ceo' });
    const notHers = await as(nok).post(`cases/${c.number}/transitions`, { to: 'fixing', expectedVersion: before.version });
    expect(notHers.status).toBe(403);
    expect(notHers.json.error.details).toMatchObject({ reason: 'owner', ownerName: 'Somchai' });
    const noVersion = await as(somchai).post(`cases/${c.number}/transitions`, { to: 'fixing' });
    expect(noVersion.status).toBe(422);
    const reassignBySupport = await as(somchai).post(`cases/${c.number}/assignee`, { staffId: nok.id, expectedVersion: before.version });
    expect(reassignBySupport.status).toBe(403);
    expect(await snapshot(c.number)).toEqual(before);

    const given = await as(mali).post(`cases/${c.number}/assignee`, { staffId: nok.id, expectedVersion: before.version });
    expect(given.status).toBe(200);
    expect(given.json.ownerStaffId).toBe(nok.id);
  });

  it('refuses a staff member removed while the desk is open, with the reason, and writes nothing', async () => {
    const leaver = await enrolStaff(h, { displayName: 'Leaver', role: 'support' });
    const c = await h.reportProblem(lineId('U'));
    const shown = await as(leaver).get(`cases/${c.number}`);
    expect(shown.status).toBe(200);
    expect((await apiClient(h.sys)('DELETE', `/api/v1/staff/${leaver.id}`)).status).toBe(200);
    const before = await snapshot(c.number);
    const res = await as(leaver).post(`cases/${c.number}/take`, { expectedVersion: shown.json.version });
    expect(res.status).toBe(403);
    expect(res.json.error.details.reason).toBe('staff_removed');
    expect(await snapshot(c.number)).toEqual(before);
  });

  it('a role changed while the desk is open: the next action goes by the new role, refused with the reason, nothing written', async () => {
    const mover = await enrolStaff(h, { displayName: 'Mover', role: 'support' });
    const c = await h.reportProblem(lineId('U'));
    const shown = await as(mover).get(`cases/${c.number}`);
    expect(shown.json.allowed).toContain('take');
    expect((await apiClient(h.sys)('PATCH', `/api/v1/staff/${mover.id}`, { role: 'ceo' })).status).toBe(200);
    const before = await snapshot(c.number);
    const res = await as(mover).post(`cases/${c.number}/take`, { expectedVersion: shown.json.version });
    expect(res.status).toBe(403);
    expect(res.json.error.details).toMatchObject({ reason: 'role_forbids', role: 'ceo' });
    expect(await snapshot(c.number)).toEqual(before);
    expect((await as(mover).get(`cases/${c.number}`)).json.allowed).toEqual([]);
  });

  it("refuses a customer's token on the desk", async () => {
    const customer = lineId('U');
    const c = await h.reportProblem(customer);
    const res = await h.pub('POST', `/liff-api/v1/desk/cases/${c.number}/take`, { body: { expectedVersion: 1 }, headers: { authorization: `Bearer ${h.idToken(customer)}` } });
    expect(res.status).toBe(403);
    expect(res.json.error.details.reason).toBe('not_staff');
    expect((await h.pub('GET', `/liff-api/v1/desk/cases/${c.number}`, { headers: { authorization: `Bearer ${h.idToken(customer)}` } })).status).toBe(403);
  });

  it("corrects a case's type as support, and refuses support the severity, as POST /api/v1/cases/:number/corrections", async () => {
    const c = await h.reportProblem(lineId('U'));
    const seen = (await as(somchai).get(`cases/${c.number}`)).json;
    const before = await snapshot(c.number);
    const refusedSeverity = await as(nok).post(`cases/${c.number}/corrections`, { severity: 'low', reason: 'not urgent', expectedVersion: seen.version });
    expect(refusedSeverity.status).toBe(403);
    expect(refusedSeverity.json.error.details).toMatchObject({ reason: 'role_forbids', action: 'case.correct_severity' });
    expect(await snapshot(c.number)).toEqual(before);
    const res = await as(somchai).post(`cases/${c.number}/corrections`, { caseType: 'wrong_amount', reason: 'Paid the wrong amount', expectedVersion: seen.version });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ caseType: 'wrong_amount', version: seen.version + 1, changed: true });
    const shown = (await as(somchai).get(`cases/${c.number}`)).json;
    expect(shown.type).toMatchObject({ en: 'Wrong amount charged' });
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    expect(JSON.stringify(doc.paths['/liff-api/v1/desk/cases/{number}/corrections']?.post?.requestBody)).toContain('CaseCorrection');
  });
});

describe('the bookings pipeline on the desk', () => {
  /** A website booking, as the public form makes it. */
  async function webBooking() {
    const res = await h.pub('POST', '/public/v1/bookings', {
      headers: { 'idempotency-key': randomBytes(16).toString('hex') },
      body: { destination: 'Chiang Mai', travelers: 2, name: 'Board Guest', email: `b${randomBytes(4).toString('hex')}@example.com`, language: 'en' },
    });
    expect(res.status).toBe(201);
    return res.json.booking_id as string;
  }
  const bookingRow = (number: string) => h.sys.knex('bookings').where({ org_id: h.sys.defaultOrgId, number }).first();
  const bookingEvents = async (number: string) => Number((await h.sys.knex('booking_events').where({ booking_id: (await bookingRow(number)).id }).count({ n: '*' }))[0].n);

  it("shows a board by stage; support sees their own and those nobody has, not a colleague's", async () => {
    const number = await webBooking();
    const stage = (await bookingRow(number)).stage;
    const board = await as(mali).get('bookings');
    expect(board.status).toBe(200);
    const column = board.json.stages.find((s: { key: string }) => s.key === stage);
    expect(column.label.en).toBeTruthy();
    expect(column.bookings.map((b: { number: string }) => b.number)).toContain(number);
    const onBoard = async (who: EnrolledStaff) => (await as(who).get('bookings')).json.stages.flatMap((s: { bookings: { number: string }[] }) => s.bookings.map((b) => b.number));
    // Nobody has it yet: support sees it (a new business's bookings stay unassigned until it writes a rule).
    expect((await bookingRow(number)).assignee_staff_id).toBeNull();
    expect(await onBoard(somchai)).toContain(number);
    expect((await as(somchai).get(`bookings/${number}`)).status).toBe(200);
    // Given to Nok, it is Nok's: Somchai no longer sees it.
    const v = (await bookingRow(number)).version;
    expect((await as(mali).post(`bookings/${number}/assignee`, { staffId: nok.id, expectedVersion: v })).status).toBe(200);
    expect(await onBoard(somchai)).not.toContain(number);
    expect(await onBoard(nok)).toContain(number);
    expect((await as(somchai).get(`bookings/${number}`)).status).toBe(404);
  });

  it('moves a booking with the version seen: stale 409, a missing reason 422, the CEO 403, nothing written on refusal', async () => {
    const number = await webBooking();
    const detail = await as(mali).get(`bookings/${number}`);
    expect(detail.status).toBe(200);
    expect(detail.json.allowedMoves).toContain('contacted');
    expect(detail.json.stageLabels.contacted).toEqual({ th: 'ติดต่อลูกค้าแล้ว', en: 'Contacted' });
    const v = detail.json.version;
    const before = { row: await bookingRow(number), events: await bookingEvents(number) };

    expect((await as(mali).post(`bookings/${number}/stage`, { to: 'contacted', expectedVersion: v + 5 })).status).toBe(409);
    const noReason = await as(mali).post(`bookings/${number}/stage`, { to: 'lost', expectedVersion: v });
    expect(noReason.status).toBe(422);
    const ceo = await as(boss).post(`bookings/${number}/stage`, { to: 'contacted', expectedVersion: v });
    expect(ceo.status).toBe(403);
    expect(ceo.json.error.details).toMatchObject({ reason: 'role_forbids', role: 'ceo' });
    expect(await bookingRow(number)).toEqual(before.row);
    expect(await bookingEvents(number)).toBe(before.events);

    const moved = await as(mali).post(`bookings/${number}/stage`, { to: 'contacted', expectedVersion: v, note: 'Called, they want a quote' });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ number, to: 'contacted', version: v + 1 });
    const event = await h.sys.knex('booking_events').where({ booking_id: before.row.id, type: 'stage_changed' }).orderBy('id', 'desc').first();
    expect(event).toMatchObject({ actor_type: 'staff', actor_id: mali.id });
  });

  it('drafts and sends a quote as the staff member; the CEO, support on a booking not theirs and an expired date are refused, nothing written', async () => {
    const number = await webBooking();
    // Nok's booking: not Somchai's to quote.
    expect((await as(mali).post(`bookings/${number}/assignee`, { staffId: nok.id, expectedVersion: (await bookingRow(number)).version })).status).toBe(200);
    const booking = await bookingRow(number);
    const quotes = () => h.sys.knex('booking_quotes').where({ booking_id: booking.id });
    const body = { lines: [{ description: 'Guided day trip', quantity: 2, unitPrice: 1500 }], discount: { kind: 'amount', value: 200 }, validUntil: `${new Date().getUTCFullYear() + 1}-01-31` };
    const ceo = await as(boss).post(`bookings/${number}/quotes`, body);
    expect(ceo.status).toBe(403);
    expect(ceo.json.error.details.reason).toBe('role_forbids');
    expect((await as(somchai).post(`bookings/${number}/quotes`, body)).status).toBe(404);
    expect((await as(mali).post(`bookings/${number}/quotes`, { ...body, validUntil: '2020-01-01' })).status).toBe(422);
    expect(await quotes()).toHaveLength(0);

    const drafted = await as(mali).post(`bookings/${number}/quotes`, body);
    expect(drafted.status).toBe(201);
    expect(drafted.json).toMatchObject({ version: 1, status: 'draft', subtotal: 3000, discountAmount: 200, total: 2800 });
    const sent = await as(mali).post(`bookings/${number}/quotes/1/send`, undefined);
    expect(sent.status).toBe(200);
    expect(sent.json.url).toMatch(/\/liff\/quote\/[0-9a-f]+$/);
    expect(await quotes()).toMatchObject([{ version: 1, status: 'sent' }]);
    expect((await bookingRow(number)).stage).toBe('quoted');
    const event = await h.sys.knex('booking_events').where({ booking_id: booking.id, type: 'quote_sent' }).first();
    expect(event).toMatchObject({ actor_type: 'staff', actor_id: mali.id });
  });

  it('a manager hands a booking to a support member, who then sees it on their board; support may not hand bookings out; stale is 409', async () => {
    const number = await webBooking();
    const v = (await as(mali).get(`bookings/${number}`)).json.version;
    expect((await as(mali).get(`bookings/${number}`)).json.assignees.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['Somchai', 'Nok', 'Mali']));
    const before = await bookingRow(number);
    const bySupport = await as(somchai).post(`bookings/${number}/assignee`, { staffId: somchai.id, expectedVersion: v });
    expect(bySupport.status).toBe(403);
    expect(bySupport.json.error.details).toMatchObject({ reason: 'role_forbids', role: 'support' });
    expect((await as(mali).post(`bookings/${number}/assignee`, { staffId: somchai.id, expectedVersion: v + 3 })).status).toBe(409);
    expect(await bookingRow(number)).toEqual(before);

    const given = await as(mali).post(`bookings/${number}/assignee`, { staffId: somchai.id, expectedVersion: v });
    expect(given.status).toBe(200);
    expect(given.json).toMatchObject({ number, assigneeStaffId: somchai.id, version: v + 1 });
    const board = await as(somchai).get('bookings');
    expect(board.json.stages.flatMap((s: { bookings: { number: string }[] }) => s.bookings.map((b) => b.number))).toContain(number);
    expect((await as(somchai).get(`bookings/${number}`)).status).toBe(200);
    // Somchai's now: Nok no longer sees it.
    expect((await as(nok).get(`bookings/${number}`)).status).toBe(404);
  });

  it("answers 404 for a booking number that is not this org's", async () => {
    expect((await as(mali).get('bookings/B-999999')).status).toBe(404);
    expect((await as(mali).post('bookings/B-999999/stage', { to: 'contacted', expectedVersion: 1 })).status).toBe(404);
  });
});

describe("a customer's 360 view on the desk", () => {
  it("shows the case's customer with their cases; an unknown or another org's contact is 404", async () => {
    const c = await h.reportProblem(lineId('U'));
    const shown = (await as(nok).get(`cases/${c.number}`)).json;
    const res = await as(nok).get(`contacts/${shown.customer.id}`);
    expect(res.status).toBe(200);
    expect(res.json.cases.map((k: { number: string }) => k.number)).toContain(c.number);
    expect(res.json.identities[0]).toMatchObject({ channel: 'line' });
    expect(res.json.messages.length).toBeGreaterThan(0);

    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const [theirs] = await h.sys.knex('contacts').insert({ org_id: other.id, display_name: 'Not yours' }).returning('id');
    for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const r = await as(nok).get(`contacts/${id}`);
      expect(r.status, id).toBe(404);
      expect(JSON.stringify(r.json)).not.toContain('Not yours');
    }
  });
});

describe('the Inbox on the desk', () => {
  it("serves the REST inbox to the signed-in staff member: lists with the customer's last words, take, write, refusals in the API's words", async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'I want to talk to a person' });
    const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: customer, inbox_status: 'waiting' }).first()) ?? false);
    // The harness parses objects only: the lists are arrays.
    const list = async (who: EnrolledStaff, path: string) => JSON.parse((await as(who).get(path)).json as string) as { id: string; name: string; version: number }[];
    const listed = (await list(somchai, 'conversations?status=waiting')).find((c: { id: string }) => c.id === row.id)!;
    expect(listed).toMatchObject({ status: 'waiting', channel: 'line', assignee: null, lastFromCustomer: { text: 'I want to talk to a person' } });

    // The CEO reads, and may not take.
    expect((await as(boss).get(`conversations/${row.id}`)).status).toBe(200);
    const refused = await as(boss).post(`conversations/${row.id}/take`, { expectedVersion: listed.version });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toMatchObject({ reason: 'role_forbids' });

    const taken = await as(somchai).post(`conversations/${row.id}/take`, { expectedVersion: listed.version });
    expect(taken.json).toMatchObject({ status: 'assigned', assigneeStaffId: somchai.id, assigneeName: 'Somchai' });
    expect((await list(somchai, 'conversations?status=mine')).map((c) => c.id)).toContain(row.id);
    expect((await list(nok, 'conversations?status=mine')).map((c) => c.id)).not.toContain(row.id);

    // Nok may not write to Somchai's customer, but may leave a note; a stale version is a 409 with the conversation now.
    const hers = await as(nok).post(`conversations/${row.id}/messages`, { text: 'hello', expectedVersion: taken.json.version });
    expect(hers.status).toBe(409);
    expect(hers.json.error).toMatchObject({ message: 'Somchai has this conversation', details: { reason: 'owned_by' } });
    expect((await as(nok).post(`conversations/${row.id}/messages`, { text: 'call them back', note: true, expectedVersion: taken.json.version })).status).toBe(201);
    expect((await as(somchai).post(`conversations/${row.id}/resolve`, { expectedVersion: listed.version })).json.error.code).toBe('stale_version');

    // Whom the Inbox may hand it to: staff who work conversations.
    const staff = (await list(mali, 'staff')).map((s) => s.name);
    expect(staff).toEqual(expect.arrayContaining(['Somchai', 'Nok', 'Mali']));
    expect(staff).not.toContain('Boss');
  });
});

describe('the OpenAPI document', () => {
  it("declares the desk's routes under the staff apps' tag, with the REST bodies", async () => {
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/liff-api/v1/desk/cases', '/liff-api/v1/desk/cases/{number}', '/liff-api/v1/desk/bookings', '/liff-api/v1/desk/contacts/{contactId}', '/liff-api/v1/desk/conversations', '/liff-api/v1/desk/conversations/{id}', '/liff-api/v1/desk/staff', '/liff-api/v1/desk/conversations/{id}/saved-replies', '/liff-api/v1/desk/case-types', '/liff-api/v1/desk/services']) {
      expect(doc.paths[path]?.get?.tags, path).toEqual(['liff-staff']);
    }
    for (const [path, schema] of [
      ['/liff-api/v1/desk/cases/{number}/take', 'CaseTake'],
      ['/liff-api/v1/desk/cases/{number}/assignee', 'CaseAssignee'],
      ['/liff-api/v1/desk/cases/{number}/transitions', 'CaseTransition'],
      ['/liff-api/v1/desk/cases/{number}/messages', 'CaseMessage'],
      ['/liff-api/v1/desk/bookings/{number}/stage', 'BookingStageMove'],
      ['/liff-api/v1/desk/bookings/{number}/assignee', 'BookingAssignment'],
      ['/liff-api/v1/desk/bookings/{number}/quotes', 'QuoteInput'],
      ['/liff-api/v1/desk/conversations/{id}/take', 'ConversationTake'],
      ['/liff-api/v1/desk/conversations/{id}/assign', 'ConversationAssign'],
      ['/liff-api/v1/desk/conversations/{id}/messages', 'ConversationMessage'],
      ['/liff-api/v1/desk/conversations/{id}/resolve', 'ConversationResolve'],
      ['/liff-api/v1/desk/conversations/{id}/snooze', 'ConversationSnooze'],
      ['/liff-api/v1/desk/conversations/{id}/cases', 'ConversationCaseOpen'],
      ['/liff-api/v1/desk/conversations/{id}/bookings', 'ConversationBookingOpen'],
    ]) {
      expect(JSON.stringify(doc.paths[path]?.post?.requestBody), path).toContain(schema);
    }
    // The REST routes they are: a conversation's page with the customer's case and booking events, the saved replies as the customer reads them.
    expect(doc.paths['/api/v1/conversations/{id}/saved-replies']?.get).toBeDefined();
    expect(doc.paths['/api/v1/conversations/{id}/cases']?.post).toBeDefined();
    expect(doc.paths['/api/v1/conversations/{id}/bookings']?.post).toBeDefined();
    expect(Object.keys(doc.components.schemas.ConversationDetail.properties)).toContain('events');
  });
});
