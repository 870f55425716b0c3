import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { proposalReplies } from '../../bot/conversation/proposal-replies.ts';
import { bookingWorldForFile, eventsOf, messagesAbout, type BookingWorld } from '../../test/support/booking-world.ts';
import { confirmRequest, declineRequest, moveBookingStage, proposeAnotherTime } from './booking-commands.ts';
import { loadBooking, reopenForAnotherTime } from './booking-desk.ts';
import { bookingCustomerNotices } from './booking-notifications.ts';
import { createQuote, remindQuote, sendQuote, viewQuote } from './booking-quotes.ts';
import { sendDayBeforeReminder } from './booking-reminders.ts';
import { subscribeToBookingEvents } from './booking-timeline.ts';

/**
 * The customer's booking notices follow the booking timeline: one per kind of event, sent once,
 * in the transaction of the change that caused it (a change rolled back tells nobody).
 */
subscribeToBookingEvents('customer-notices', bookingCustomerNotices({ proposalReplies }));
const world = bookingWorldForFile('booking-notices');
let knex: Knex;
let w: BookingWorld;
beforeAll(() => ((knex = world.knex), (w = world.w)));

const staff = () => ({ type: 'staff' as const, staffId: w.staff.support, role: 'support' as const });
const decision = (bookingId: string) => ({ orgId: w.orgId, bookingId, actor: staff() });
const texts = async (bookingId: string) => (await messagesAbout(knex, bookingId)).map((m) => m.text as string);
const notices = async (bookingId: string) => (await eventsOf(knex, bookingId)).filter((e) => e.type.startsWith('notification_')).map((e) => [e.type, e.data.template]);

describe('a notice per event', () => {
  it('a confirmation (stage_changed to confirmed): the customer is told once, with the staff member as its actor', async () => {
    const b = await w.booking();
    const r = await knex.transaction((trx) => confirmRequest(trx, decision(b.id)));
    expect(r).toMatchObject({ ok: true, customerTold: true });
    expect(await texts(b.id)).toEqual([expect.stringMatching(new RegExp(`^Booking ${b.number} is confirmed for .* 10:00\\.$`))]);
    const events = await eventsOf(knex, b.id);
    expect(events.map((e) => [e.type, e.actor_type])).toEqual([
      ['stage_changed', 'staff'],
      ['notification_sent', 'staff'],
    ]);
    expect(events[1].data).toEqual({ template: 'booking_confirmed' });
  });

  it('a decline, a proposal with its quick replies, and the customer turning the proposal down', async () => {
    const declined = await w.booking();
    await knex.transaction((trx) => declineRequest(trx, { ...decision(declined.id), reason: 'full' }));
    expect(await texts(declined.id)).toEqual([`Sorry, we cannot take booking ${declined.number}.`]);

    const proposed = await w.booking();
    const nextYear = new Date().getUTCFullYear() + 1;
    const r = await knex.transaction((trx) => proposeAnotherTime(trx, { ...decision(proposed.id), at: { date: `${nextYear}-03-11`, time: '15:00' }, now: new Date() }));
    expect(r).toMatchObject({ ok: true, customerTold: true });
    const [proposal] = await messagesAbout(knex, proposed.id);
    expect(proposal.text).toMatch(new RegExp(`^Could .* 15:00 work for ${proposed.number}\\?$`));
    expect(proposal.payload.outbound.quickReplies.map((q: { label: string; data: string }) => [q.label, q.data])).toEqual([
      ['OK', `act=proposal&v=accept%3A${proposed.number}`],
      ['Another time', `act=proposal&v=other%3A${proposed.number}`],
    ]);

    // The customer's "another time" answers their own tap: the reply token goes with the notice.
    await knex.transaction(async (trx) => reopenForAnotherTime(trx, (await loadBooking(trx, proposed.id))!, { type: 'customer', id: w.contactId }, { replyToEventId: 4242 }));
    expect(await notices(proposed.id)).toEqual([
      ['notification_sent', 'booking_proposed_time'],
      ['notification_sent', 'booking_proposal_declined'],
    ]);
    const last = (await messagesAbout(knex, proposed.id)).at(-1)!;
    expect(last.text).toBe(`We will look again at ${proposed.number}.`);
    expect((await knex('outbox').where({ id: last.outbox_id }).first()).payload.replyToEventId).toBe(4242);
  });

  it('a quote sent and its one reminder carry the link; the day-before reminder goes once per date', async () => {
    const b = await w.booking();
    const nextYear = new Date().getUTCFullYear() + 1;
    await createQuote(knex, { orgId: w.orgId, number: b.number, quote: { currency: 'THB', lines: [{ description: 'Tour', quantity: 2, unitPrice: 1500 }], validUntil: `${nextYear}-01-31` }, actor: { type: 'staff', id: w.staff.support } });
    const sent = await sendQuote(knex, { orgId: w.orgId, number: b.number, version: 1, actor: { type: 'staff', id: w.staff.support }, baseUrl: 'https://desk.example' });
    expect(sent.customerTold).toBe(true);
    expect(sent.url).toMatch(/^https:\/\/desk\.example\/liff\/quote\/[0-9a-f]{32}$/);
    // The link goes to the customer; the timeline never shows it.
    expect((await texts(b.id))[0]).toBe(sent.message);
    expect(sent.message).toContain(sent.url);
    expect(JSON.stringify(await eventsOf(knex, b.id))).not.toContain(sent.url);

    await viewQuote(knex, sent.url.split('/').at(-1)!);
    expect(await knex.transaction((trx) => remindQuote(trx, sent.quote.id, { baseUrl: 'https://desk.example' }))).toBe(true);
    expect(await knex.transaction((trx) => remindQuote(trx, sent.quote.id, { baseUrl: 'https://desk.example' }))).toBe(false);
    const reminded = (await eventsOf(knex, b.id)).find((e) => e.type === 'quote_reminded')!;
    expect(reminded.data).toMatchObject({ version: 1, customerTold: true });
    expect((await texts(b.id)).filter((t) => t.startsWith('A reminder: your quote'))).toEqual([`A reminder: your quote for ${b.number} (3,000 THB) ${sent.url}`]);

    const day = await w.booking();
    await knex.transaction((trx) => confirmRequest(trx, decision(day.id)));
    const date = (await knex('bookings').where({ id: day.id }).first()).requested_date as string;
    expect(await knex.transaction((trx) => sendDayBeforeReminder(trx, { bookingId: day.id, date }))).toBe(true);
    expect(await knex.transaction((trx) => sendDayBeforeReminder(trx, { bookingId: day.id, date }))).toBe(false);
    expect(await notices(day.id)).toEqual([
      ['notification_sent', 'booking_confirmed'],
      ['notification_sent', 'booking_day_before'],
    ]);
    expect((await eventsOf(knex, day.id)).find((e) => e.data.template === 'booking_day_before')!.data).toEqual({ template: 'booking_day_before', date });
  });

  it('other moves tell nobody, and a customer with no chat gets it recorded as undelivered', async () => {
    const b = await w.booking();
    const r = await knex.transaction((trx) => moveBookingStage(trx, { orgId: w.orgId, number: b.number, to: 'contacted', expectedVersion: 1, actor: { ...staff(), staffId: w.staff.manager, role: 'manager' } }));
    expect(r).toMatchObject({ ok: true, customerTold: false });
    expect(await texts(b.id)).toEqual([]);
    expect(await notices(b.id)).toEqual([]);

    const web = await w.booking({ chat: false });
    const told = await knex.transaction((trx) => confirmRequest(trx, decision(web.id)));
    expect(told).toMatchObject({ ok: true, customerTold: false });
    expect(await texts(web.id)).toEqual([]);
    expect((await eventsOf(knex, web.id)).at(-1)).toMatchObject({ type: 'notification_undelivered', data: { template: 'booking_confirmed', reason: 'no_chat' } });
  });
});

describe('in the transaction of its cause', () => {
  it('a confirmation rolled back tells nobody and leaves nothing', async () => {
    const b = await w.booking();
    const outbox = Number((await knex('outbox').count({ n: '*' }))[0].n);
    await expect(
      knex.transaction(async (trx) => {
        expect(await confirmRequest(trx, decision(b.id))).toMatchObject({ ok: true, customerTold: true });
        throw new Error('the change fails after the notice was queued');
      }),
    ).rejects.toThrow('the change fails');
    expect(await texts(b.id)).toEqual([]);
    expect(await eventsOf(knex, b.id)).toEqual([]);
    expect(Number((await knex('outbox').count({ n: '*' }))[0].n)).toBe(outbox);
    expect((await knex('bookings').where({ id: b.id }).first()).stage).toBe('new');
  });
});
