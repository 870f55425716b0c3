import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBooking } from '../core/bookings/request-booking.ts';
import { bookingsOfCustomer } from '../core/bookings/customer-bookings.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Stages of the org's own: the built-in pipeline while the org configures nothing; an org renames,
 * adds, hides and reorders stages and sets the moves, and stage moves through the API obey them.
 * Each refusal names the field and changes nothing.
 */
let sys: TestSystem;
let supportKey: string;
let managerKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

let seq = 0;
async function newBooking() {
  seq += 1;
  return sys.knex.transaction(async (trx) => {
    const [contact] = await trx('contacts').insert({ org_id: sys.defaultOrgId, display_name: `Guest ${seq}`, email: `stage${seq}@example.com`, language: 'en' }).returning('id');
    return requestBooking(trx, { orgId: sys.defaultOrgId, contactId: contact.id, conversationId: null, serviceKey: 'sushi_class', date: '2030-01-12', time: '10:00', partySize: 2, language: 'en', source: 'api' });
  });
}
const row = (number: string) => sys.knex('bookings').where({ number }).first();
const eventCount = async (number: string) => (await sys.knex('booking_events').where({ booking_id: (await row(number)).id })).length;
const move = (number: string, body: Record<string, unknown>) => api('POST', `/api/v1/bookings/${number}/stage`, body);

/** The built-in pipeline as GET shows it, changed by `edit`. */
async function pipelineWith(edit: (stages: { key: string; label?: unknown; hidden?: boolean; moves: string[] }[]) => void) {
  const current = (await api('GET', '/api/v1/booking-stages')).json;
  const stages = current.stages.map((s: { key: string; label: unknown; hidden: boolean; moves: string[] }) => ({ key: s.key, label: s.label, hidden: s.hidden, moves: [...s.moves] }));
  edit(stages);
  return { stages, expectedVersion: current.version };
}

describe('the built-in pipeline', () => {
  it('is what an org that configured nothing has, with the moves of docs/bookings.md', async () => {
    const r = await api('GET', '/api/v1/booking-stages', undefined, managerKey);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ custom: false, version: 0 });
    const byKey = Object.fromEntries(r.json.stages.map((s: { key: string }) => [s.key, s]));
    expect(byKey.contacted).toMatchObject({ moves: ['quoted', 'confirmed', 'proposed', 'lost', 'cancelled'], closed: false, builtIn: true });
    expect(byKey.lost).toMatchObject({ closed: true, moves: [] });
    const b = await newBooking();
    expect((await api('GET', `/api/v1/bookings/${b.number}`)).json.allowedMoves).toEqual(['contacted', 'quoted', 'confirmed', 'proposed', 'declined', 'lost', 'cancelled']);
  });
});

describe("an org's own stages", () => {
  it('refuses bad pipelines with a 422 naming the field, and support with a 403; nothing is written', async () => {
    const cases: [Awaited<ReturnType<typeof pipelineWith>>, string][] = [
      [await pipelineWith((s) => s.find((x) => x.key === 'new')!.moves.push('teleported')), 'stages.2.moves.7'],
      [await pipelineWith((s) => s.splice(s.findIndex((x) => x.key === 'quoted'), 1)), 'stages'],
      [await pipelineWith((s) => s.forEach((x) => { if (['new', 'contacted', 'quoted', 'proposed', 'confirmed'].includes(x.key)) x.moves = x.moves.filter((m) => !['declined', 'lost', 'cancelled', 'completed'].includes(m)); })), 'stages.2.moves'],
      [await pipelineWith((s) => s.push({ key: 'Deposit Paid', moves: [] })), 'stages.11.key'],
      [await pipelineWith((s) => { s.find((x) => x.key === 'proposed')!.hidden = true; }), 'stages.2.moves.3'],
      [await pipelineWith((s) => s.find((x) => x.key === 'lost')!.moves.push('new')), 'stages.8.moves'],
    ];
    for (const [body, field] of cases) {
      const r = await api('PUT', '/api/v1/booking-stages', body);
      expect(r.status, field).toBe(422);
      expect(r.json.error.details.map((d: { path: string }) => d.path), field).toContain(field);
    }
    expect((await api('PUT', '/api/v1/booking-stages', await pipelineWith(() => {}), supportKey)).status).toBe(403);
    expect(await sys.knex('booking_stage_settings')).toHaveLength(0);
    expect((await api('GET', '/api/v1/booking-stages')).json).toMatchObject({ custom: false, version: 0 });
  });

  it('renames, adds, hides and reorders; moves through the API obey the org (409 with the allowed moves, 422 for an unknown stage)', async () => {
    const body = await pipelineWith((s) => {
      const at = (k: string) => s.find((x) => x.key === k)!;
      at('contacted').label = { th: 'โทรแล้ว', en: 'Called' };
      at('new').moves = ['contacted', 'lost', 'cancelled', 'declined', 'confirmed'];
      at('contacted').moves = ['deposit_paid', 'quoted', 'lost', 'cancelled'];
      at('quoted').moves = ['deposit_paid', 'contacted', 'lost', 'cancelled'];
      at('proposed').hidden = true;
      at('proposed').moves = ['confirmed', 'new', 'lost', 'cancelled'];
      at('confirmed').moves = ['completed', 'cancelled'];
      s.splice(s.findIndex((x) => x.key === 'quoted') + 1, 0, { key: 'deposit_paid', label: { th: 'ชำระมัดจำแล้ว', en: 'Deposit paid' }, moves: ['confirmed', 'lost', 'cancelled'] });
    });
    const put = await api('PUT', '/api/v1/booking-stages', body, managerKey);
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ custom: true, version: 1 });
    const got = (await api('GET', '/api/v1/booking-stages')).json;
    expect(got.stages.map((s: { key: string }) => s.key).indexOf('deposit_paid')).toBe(got.stages.map((s: { key: string }) => s.key).indexOf('quoted') + 1);
    expect(got.stages.find((s: { key: string }) => s.key === 'contacted').label.en).toBe('Called');
    expect(await sys.knex('audit_log').where({ action: 'booking_stages.changed' })).toHaveLength(1);
    // A stale version of the settings is a 409.
    expect((await api('PUT', '/api/v1/booking-stages', body)).status).toBe(409);

    const b = await newBooking();
    expect((await api('GET', `/api/v1/bookings/${b.number}`)).json.allowedMoves).toEqual(['contacted', 'lost', 'cancelled', 'declined', 'confirmed']);
    const before = await eventCount(b.number);
    const skip = await move(b.number, { to: 'quoted', expectedVersion: 1 });
    expect(skip.status).toBe(409);
    expect(skip.json.error.details.allowedMoves).toEqual(['contacted', 'lost', 'cancelled', 'declined', 'confirmed']);
    const unknown = await move(b.number, { to: 'teleported', expectedVersion: 1 });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json.error.details)).toContain('to');
    expect(await row(b.number)).toMatchObject({ stage: 'new', version: 1 });
    expect(await eventCount(b.number)).toBe(before);

    expect((await move(b.number, { to: 'contacted', expectedVersion: 1 })).status).toBe(200);
    const deposit = await move(b.number, { to: 'deposit_paid', expectedVersion: 2 });
    expect(deposit.status).toBe(200);
    expect(deposit.json).toMatchObject({ from: 'contacted', to: 'deposit_paid', version: 3 });
    const detail = (await api('GET', `/api/v1/bookings/${b.number}`)).json;
    expect(detail).toMatchObject({ stage: 'deposit_paid', allowedMoves: ['confirmed', 'lost', 'cancelled'] });
    const listed = await api('GET', '/api/v1/bookings?stage=deposit_paid');
    expect(listed.json.items.map((i: { number: string }) => i.number)).toEqual([b.number]);
    expect((await api('GET', '/api/v1/bookings?stage=teleported')).status).toBe(422);
    // The customer reads the stage the org added in the org's words ("my bookings", "is my booking
    // confirmed?" in chat), not by its key; a built-in stage in the customer's words, not staff's.
    const contactId = (await row(b.number)).contact_id;
    const [theirs] = await bookingsOfCustomer(sys.knex, { orgId: sys.defaultOrgId, contactId });
    expect(theirs).toMatchObject({ number: b.number, stage: 'deposit_paid', stageLabel: { th: 'ชำระมัดจำแล้ว', en: 'Deposit paid' } });
    const fresh = await newBooking();
    const [waiting] = await bookingsOfCustomer(sys.knex, { orgId: sys.defaultOrgId, contactId: (await row(fresh.number)).contact_id });
    expect(waiting).toMatchObject({ stage: 'new', stageLabel: { th: 'รอเจ้าหน้าที่ยืนยัน', en: 'To be confirmed' } });

    // Removing a stage a booking sits in is refused; once it moved on, removing is fine.
    const drop = await pipelineWith((s) => {
      s.splice(s.findIndex((x) => x.key === 'deposit_paid'), 1);
      for (const x of s) x.moves = x.moves.filter((m) => m !== 'deposit_paid');
    });
    const refused = await api('PUT', '/api/v1/booking-stages', drop);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json.error.details)).toContain('deposit_paid');
    expect((await api('GET', '/api/v1/booking-stages')).json.version).toBe(1);
    expect((await move(b.number, { to: 'confirmed', expectedVersion: 3 })).status).toBe(200);
    expect((await api('PUT', '/api/v1/booking-stages', drop)).status).toBe(200);
  });
});
