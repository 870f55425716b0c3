import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookingWorldForFile, eventsOf, type BookingWorld } from '../../test/support/booking-world.ts';
import type { StaffRole } from '../vocabulary.ts';
import { assignBooking, confirmRequest, declineRequest, moveBookingStage, proposeAnotherTime, takeBooking, type BookingCommandActor } from './booking-commands.ts';

/**
 * Each booking command holds its rules and answers a refusal by name, changing nothing: the
 * doors (LINE taps, REST, the LIFF desk) only put it into words.
 */
const world = bookingWorldForFile('booking-commands');
let knex: Knex;
let w: BookingWorld;
beforeAll(() => ((knex = world.knex), (w = world.w)));

const as = (staffId: string, role: StaffRole) => ({ type: 'staff' as const, staffId, role });
const support = () => as(w.staff.support, 'support');
const run = <T>(f: (trx: Knex.Transaction) => Promise<T>) => knex.transaction(f);
const row = (id: string) => knex('bookings').where({ id }).first();

/** The booking row and timeline, to show a refusal changed nothing. */
async function unchanged(id: string, act: () => Promise<unknown>) {
  const before = { row: await row(id), events: await eventsOf(knex, id) };
  await act();
  expect({ row: await row(id), events: await eventsOf(knex, id) }).toEqual(before);
}

describe('the card buttons', () => {
  it('take: not_found, not_allowed for a role that only reads, taken for support on someone else\'s, already_yours, stage when closed', async () => {
    const d = (bookingId: string, actor = support()) => ({ orgId: w.orgId, bookingId, actor });
    expect(await run((trx) => takeBooking(trx, d('00000000-0000-4000-8000-000000000000')))).toEqual({ ok: false, refusal: 'not_found' });
    const b = await w.booking();
    await unchanged(b.id, async () => expect(await run((trx) => takeBooking(trx, d(b.id, as(w.staff.ceo, 'ceo'))))).toMatchObject({ ok: false, refusal: 'not_allowed' }));
    expect(await run((trx) => takeBooking(trx, d(b.id)))).toMatchObject({ ok: true, booking: { assigneeStaffId: w.staff.support } });
    await unchanged(b.id, async () => {
      expect(await run((trx) => takeBooking(trx, d(b.id, as(w.staff.other, 'support'))))).toMatchObject({ ok: false, refusal: 'taken', booking: { assigneeName: 'Somchai' } });
      expect(await run((trx) => takeBooking(trx, d(b.id)))).toMatchObject({ ok: false, refusal: 'already_yours' });
    });
    // A manager takes it over.
    expect(await run((trx) => takeBooking(trx, d(b.id, as(w.staff.manager, 'manager'))))).toMatchObject({ ok: true, booking: { assigneeStaffId: w.staff.manager } });
    const closed = await w.booking({ stage: 'completed' });
    await unchanged(closed.id, async () => expect(await run((trx) => takeBooking(trx, d(closed.id)))).toMatchObject({ ok: false, refusal: 'stage' }));
  });

  it('a used button is replayed: nothing changes and the booking comes back as it is now', async () => {
    const b = await w.booking();
    await unchanged(b.id, async () =>
      expect(await run((trx) => confirmRequest(trx, { orgId: w.orgId, bookingId: b.id, actor: support(), claim: async () => false }))).toMatchObject({
        ok: false,
        refusal: 'replayed',
        booking: { stage: 'new' },
      }),
    );
  });

  it('confirm, propose and decline: stage, no_time, past_time, reason_required', async () => {
    const d = (bookingId: string) => ({ orgId: w.orgId, bookingId, actor: support() });
    const quoted = await w.booking({ stage: 'quoted' });
    await unchanged(quoted.id, async () => {
      expect(await run((trx) => confirmRequest(trx, d(quoted.id)))).toMatchObject({ ok: false, refusal: 'stage' });
      expect(await run((trx) => declineRequest(trx, { ...d(quoted.id), reason: 'full' }))).toMatchObject({ ok: false, refusal: 'stage' });
    });
    const b = await w.booking();
    const now = new Date();
    await unchanged(b.id, async () => {
      expect(await run((trx) => proposeAnotherTime(trx, { ...d(b.id), at: undefined, now }))).toMatchObject({ ok: false, refusal: 'no_time' });
      expect(await run((trx) => proposeAnotherTime(trx, { ...d(b.id), at: { date: '2020-01-01', time: '10:00' }, now }))).toMatchObject({ ok: false, refusal: 'past_time' });
      expect(await run((trx) => declineRequest(trx, { ...d(b.id), reason: undefined }))).toMatchObject({ ok: false, refusal: 'reason_required', booking: { number: b.number } });
    });
    // A date alone keeps the time the customer asked for.
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(await run((trx) => proposeAnotherTime(trx, { ...d(b.id), at: { date: `${nextYear}-04-01` }, now }))).toMatchObject({ ok: true, booking: { stage: 'proposed', proposedDate: `${nextYear}-04-01`, proposedTime: '10:00' } });
  });
});

describe('the pipeline by number, with the version the actor saw', () => {
  const key = (role: string, staffId: string | null = null): BookingCommandActor => ({ type: 'integration', apiKeyId: '00000000-0000-4000-8000-00000000000a', role, staffId });

  it("stage moves: not_found (also for support on a colleague's booking), stale_version, unknown_stage, stage, reason_required", async () => {
    const b = await w.booking();
    const move = (to: string, o: { expectedVersion?: number; actor?: BookingCommandActor; reason?: string; number?: string } = {}) =>
      run((trx) => moveBookingStage(trx, { orgId: w.orgId, number: o.number ?? b.number, to, expectedVersion: o.expectedVersion ?? 1, reason: o.reason, actor: o.actor ?? key('admin') }));
    // Support sees their own bookings and those nobody has, not a colleague's: it is not there for them.
    const colleagues = await w.booking({ assignee: w.staff.other });
    await unchanged(colleagues.id, async () => {
      expect(await move('contacted', { number: colleagues.number, actor: key('support', w.staff.support) })).toEqual({ ok: false, refusal: 'not_found' });
      expect(await move('contacted', { number: colleagues.number, actor: as(w.staff.support, 'support') })).toEqual({ ok: false, refusal: 'not_found' });
    });
    await unchanged(b.id, async () => {
      expect(await run((trx) => moveBookingStage(trx, { orgId: w.orgId, number: 'B-999999', to: 'contacted', expectedVersion: 1, actor: key('admin') }))).toEqual({ ok: false, refusal: 'not_found' });
      expect(await move('contacted', { expectedVersion: 7 })).toMatchObject({ ok: false, refusal: 'stale_version', expectedVersion: 7, booking: { version: 1 } });
      expect(await move('somewhere')).toMatchObject({ ok: false, refusal: 'unknown_stage', to: 'somewhere' });
      expect(await move('completed')).toMatchObject({ ok: false, refusal: 'stage', to: 'completed', allowedMoves: expect.arrayContaining(['contacted', 'lost']) });
      expect(await move('lost', { reason: '  ' })).toMatchObject({ ok: false, refusal: 'reason_required', to: 'lost' });
    });
    expect(await move('lost', { reason: 'Went elsewhere' })).toMatchObject({ ok: true, from: 'new', booking: { stage: 'lost', version: 2 }, customerTold: false });
    expect((await eventsOf(knex, b.id)).map((e) => [e.type, e.actor_type])).toEqual([['stage_changed', 'api_key']]);
  });

  it('assignment: not_found, stale_version, unknown_staff, stage when closed; the same assignee again is no change', async () => {
    const b = await w.booking();
    const assign = (staffId: string | null, expectedVersion = 1, number = b.number) => run((trx) => assignBooking(trx, { orgId: w.orgId, number, staffId, expectedVersion, actor: as(w.staff.manager, 'manager') }));
    await unchanged(b.id, async () => {
      expect(await assign(w.staff.support, 1, 'B-999999')).toEqual({ ok: false, refusal: 'not_found' });
      expect(await assign(w.staff.support, 3)).toMatchObject({ ok: false, refusal: 'stale_version', expectedVersion: 3 });
      expect(await assign('00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, refusal: 'unknown_staff' });
      expect(await assign(null)).toMatchObject({ ok: true, booking: { version: 1 } });
    });
    expect(await assign(w.staff.support)).toMatchObject({ ok: true, booking: { assigneeStaffId: w.staff.support, version: 2 } });
    expect((await eventsOf(knex, b.id)).map((e) => [e.type, e.actor_type, e.data])).toEqual([['assignee_changed', 'staff', { from: null, to: w.staff.support }]]);
    const closed = await w.booking({ stage: 'declined' });
    await unchanged(closed.id, async () => expect(await assign(w.staff.support, 1, closed.number)).toMatchObject({ ok: false, refusal: 'stage' }));
  });
});
