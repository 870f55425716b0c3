import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { buttonData, configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled, type TestSystem } from './support/test-system.ts';

/**
 * Booking cards in the sales group, through signed webhooks into the running system: a customer
 * books 1:1, the card reaches the sales group, staff tap Take, Confirm, Propose another time (LINE's
 * date-and-time picker) or Decline, and the customer is told the outcome from the templates. Taps
 * a role forbids, replayed buttons and lost races change nothing.
 */
let h: LineCustomerHarness;
let sys: TestSystem;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let ceo: EnrolledStaff;
let salesGroup: string;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
  somchai = await enrolStaff(h, { displayName: 'Somchai', role: 'support' });
  nok = await enrolStaff(h, { displayName: 'Nok', role: 'support' });
  ceo = await enrolStaff(h, { displayName: 'Preeya', role: 'ceo' });
  ({ groupId: salesGroup } = await configureGroup(h, lineId('C'), { purpose: 'sales' }));
}, 60_000);
afterAll(() => h?.close());

/** A customer books the sushi class for next Saturday (never today, whose 10:00 may be gone) at 10:00 for 2 through the dialogue; returns the booking and its card in the sales group. */
async function book(english = false) {
  const customer = lineId('U');
  const first = await h.ask(customer, { text: english ? 'Can I book the sushi class next Saturday for 2?' : 'อยากจองคลาสทำซูชิวันเสาร์หน้า 2 คน' });
  const ten = first.quickReplies.find((q) => q.label === '10:00')!;
  await h.ask(customer, { postback: { data: ten.data! } });
  const done = await h.ask(customer, { postback: { data: replyData('confirm') } });
  const number = done.text.match(/B-\d{6}/)![0];
  const booking = await sys.knex('bookings').where({ number }).first();
  const card = await waitForMessageTo(h, salesGroup, (m) => m.type === 'flex' && String(m.altText).includes(number));
  return { customer, booking, card, number };
}

const tap = (staff: EnrolledStaff, data: string, params?: Record<string, string>) => h.ask(staff.lineUserId, { postback: { data, ...(params ? { params } : {}) }, groupId: salesGroup });
const bookingRow = (id: string) => sys.knex('bookings').where({ id }).first();
const eventsOf = (id: string) => sys.knex('booking_events').where({ booking_id: id }).orderBy('id');
const textsTo = (to: string) => sentTo(h, to).map((m) => String(m.text ?? ''));

describe('a booking card in the sales group', () => {
  it('shows the request with Take, Confirm, Propose another time (a date-and-time picker) and Decline', async () => {
    const { card, number, booking } = await book(true);
    const json = JSON.stringify(card.contents);
    expect(json).toContain(`New booking ${number}`);
    expect(json).toContain('Sushi cooking class');
    expect(json).toContain('10:00');
    expect(json).toContain('"text":"2"');
    for (const label of ['Take', 'Confirm', 'Decline']) expect(buttonData(card, label)).toMatch(/^sa1\./);
    const picker = card.contents.footer.contents.map((b: any) => b.action).find((a: any) => a.label === 'Propose another time');
    expect(picker).toMatchObject({ type: 'datetimepicker', mode: 'datetime', initial: `${booking.requested_date}T10:00` });
    expect(picker.data).toMatch(/^sa1\./);
    // A quote-reply to the card finds its booking.
    expect(await sys.knex('messages').where({ direction: 'out', booking_id: booking.id }).first()).toBeDefined();
  });

  it('Take, then Confirm: the booking is confirmed and the customer told in their language; the CEO, another support and the old card\'s button change nothing', async () => {
    const { customer, booking, card, number } = await book();

    const took = await tap(somchai, buttonData(card, 'Take'));
    expect(took.text).toContain(`Somchai took ${number}.`);
    expect(await bookingRow(booking.id)).toMatchObject({ assignee_staff_id: somchai.id, stage: 'new', version: 2 });

    // The CEO reads only.
    const nonces = async () => Number((await sys.knex('staff_action_nonces').count({ n: '*' }))[0].n);
    const spent = await nonces();
    const refused = await tap(ceo, buttonData(card, 'Confirm'));
    expect(refused.text).toContain(`The ceo role cannot do this on ${number}.`);
    // Another support member: the booking is Somchai's.
    const theirs = await tap(nok, buttonData(card, 'Confirm'));
    expect(theirs.text).toContain(`Somchai already has ${number}.`);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'new', version: 2, confirmed_at: null });
    expect(await nonces()).toBe(spent);

    const confirmData = buttonData(card, 'Confirm');
    const confirmed = await tap(somchai, confirmData);
    expect(confirmed.text).toContain(`Somchai confirmed ${number} (`);
    expect(confirmed.text).toContain('10:00, 2 guests). The customer has been told.');
    const row = await bookingRow(booking.id);
    expect(row).toMatchObject({ stage: 'confirmed', version: 3 });
    expect(row.confirmed_at).not.toBeNull();
    const events = await eventsOf(booking.id);
    expect(events.filter((e) => e.actor_type === 'staff').map((e) => [e.type, e.actor_id])).toEqual([
      ['assignee_changed', somchai.id],
      ['stage_changed', somchai.id],
      ['notification_sent', somchai.id],
    ]);
    expect(events.find((e) => e.type === 'stage_changed' && e.actor_type === 'staff').data).toEqual({ from: 'new', to: 'confirmed' });
    const told = await until(async () => textsTo(customer).find((t) => t.includes(`ยืนยันการจอง ${number} เรียบร้อยแล้วค่ะ`)) ?? false);
    expect(told).toContain('10:00');

    // The old card's button again: it acts on the booking as it is now, which is confirmed already.
    const replayed = await tap(somchai, confirmData);
    expect(replayed.text).toContain(`${number} is "Confirmed" now, so this cannot be done.`);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'confirmed', version: 3 });
    expect(await eventsOf(booking.id)).toHaveLength(events.length);
    await untilSettled(h.sys.knex);
    expect(textsTo(customer).filter((t) => t.includes('ยืนยันการจอง'))).toHaveLength(1);
  });

  it('two people tap Take at once: one has it, the other is told who', async () => {
    const { booking, card, number } = await book(true);
    const take = buttonData(card, 'Take');
    const [a, b] = await Promise.all([tap(somchai, take), tap(nok, take)]);
    const row = await bookingRow(booking.id);
    const winner = row.assignee_staff_id === somchai.id ? 'Somchai' : 'Nok';
    expect([somchai.id, nok.id]).toContain(row.assignee_staff_id);
    expect(row.version).toBe(2);
    expect([a.text, b.text].filter((t) => t.includes(`${winner} took ${number}.`))).toHaveLength(1);
    expect([a.text, b.text].filter((t) => t.includes(`${winner} already has ${number}.`))).toHaveLength(1);
    expect((await eventsOf(booking.id)).filter((e) => e.type === 'assignee_changed')).toHaveLength(1);
  });
});

describe('proposing another time', () => {
  it('stores the picked time, tells the customer, and their acceptance confirms it; a replayed picker changes nothing', async () => {
    const { customer, booking, card, number } = await book(true);
    const picker = card.contents.footer.contents.map((x: any) => x.action).find((a: any) => a.label === 'Propose another time');
    const proposed = await tap(somchai, picker.data, { datetime: `${booking.requested_date}T15:00` });
    expect(proposed.text).toContain(`Somchai proposed`);
    expect(proposed.text).toContain(`15:00 for ${number}. Waiting for the customer. The customer has been told.`);
    const row = await bookingRow(booking.id);
    expect(row).toMatchObject({ stage: 'proposed', proposed_date: booking.requested_date, assignee_staff_id: somchai.id });
    expect(String(row.proposed_time)).toMatch(/^15:00/);
    expect((await eventsOf(booking.id)).find((e) => e.type === 'time_proposed')).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, data: { date: booking.requested_date, time: '15:00' } });

    // The same picker again (a replayed token, another time picked): refused, nothing changes.
    const replayed = await tap(somchai, picker.data, { datetime: `${booking.requested_date}T17:00` });
    expect(replayed.text).toContain('This button was already used; nothing changed.');
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'proposed', version: row.version });
    expect((await eventsOf(booking.id)).filter((e) => e.type === 'time_proposed')).toHaveLength(1);

    // The customer gets the proposal with quick replies to answer it.
    const proposal = await until(async () => sentTo(h, customer).find((m) => String(m.text ?? '').includes('Would')) ?? false);
    expect(proposal.text).toContain('15:00');
    const accept = proposal.quickReply.items.map((i: any) => i.action).find((a: any) => a.label === 'Confirm');
    expect(proposal.quickReply.items.map((i: any) => i.action.label)).toEqual(['Confirm', 'Another time']);

    const answer = await h.ask(customer, { postback: { data: accept.data } });
    expect(answer.text).toContain(`Your booking ${number} is confirmed.`);
    expect(answer.text).toContain('15:00');
    const after = await bookingRow(booking.id);
    expect(after).toMatchObject({ stage: 'confirmed', proposed_date: null });
    expect(String(after.requested_time)).toMatch(/^15:00/);
    expect((await eventsOf(booking.id)).filter((e) => e.type === 'stage_changed').map((e) => [e.actor_type, e.data.to])).toEqual([
      ['staff', 'proposed'],
      ['customer', 'confirmed'],
    ]);
    await waitForMessageTo(h, salesGroup, (m) => String(m.text ?? '').startsWith('The customer accepted') && m.text.includes(number));

    // A second tap of the answer: nothing more happens.
    await h.send(customer, { postback: { data: accept.data } });
    await untilSettled(h.sys.knex);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'confirmed', version: after.version });
  });

  it('hands the request back to staff when the customer asks for another time', async () => {
    const { customer, booking, card, number } = await book(true);
    const picker = card.contents.footer.contents.map((x: any) => x.action).find((a: any) => a.label === 'Propose another time');
    await tap(somchai, picker.data, { datetime: `${booking.requested_date}T16:30` });
    const proposal = await until(async () => sentTo(h, customer).find((m) => String(m.text ?? '').includes('16:30')) ?? false);
    const other = proposal.quickReply.items.map((i: any) => i.action).find((a: any) => a.label === 'Another time');
    const answer = await h.ask(customer, { postback: { data: other.data } });
    expect(answer.text).toContain(`We have asked the team to find another time for booking ${number}.`);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'new', proposed_date: null, proposed_time: null });
    const news = await waitForMessageTo(h, salesGroup, (m) => String(m.text ?? '') === `The customer would like another time for ${number}.`);
    expect(news).toBeDefined();
    // With it, a fresh card whose buttons work for the booking as it is now.
    const cards = await until(async () => {
      const found = sentTo(h, salesGroup).filter((m) => m.type === 'flex' && String(m.altText).includes(number));
      return found.length >= 2 && found;
    });
    const fresh = cards.at(-1)!;
    expect(fresh).not.toEqual(card);
    const again = await tap(somchai, buttonData(fresh, 'Confirm'));
    expect(again.text).toContain(`Somchai confirmed ${number}`);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'confirmed' });
  });

  it('refuses a picked date in the past and a tap without a pick, changing nothing', async () => {
    const { booking, card } = await book(true);
    const picker = card.contents.footer.contents.map((x: any) => x.action).find((a: any) => a.label === 'Propose another time');
    expect((await tap(somchai, picker.data, { datetime: '2020-01-01T10:00' })).text).toContain('Pick a date from today on.');
    expect((await tap(somchai, picker.data)).text).toContain('Pick a date and time');
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'new', version: 1, proposed_date: null });
  });
});

describe('declining', () => {
  it('asks for the reason, then declines and tells the customer', async () => {
    const { customer, booking, card, number } = await book();
    const ask = await tap(somchai, buttonData(card, 'Decline'));
    expect(ask.text).toContain(`Why decline ${number}?`);
    expect(ask.quickReplies.map((q) => q.label)).toEqual(['Fully booked', 'Not available then', 'Other reason']);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'new', version: 1 });

    const declined = await tap(somchai, ask.quickReplies[0].data!);
    expect(declined.text).toContain(`Somchai declined ${number} (Fully booked). The customer has been told.`);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'declined', decline_reason: 'full', assignee_staff_id: somchai.id });
    await until(async () => textsTo(customer).some((t) => t.includes(`ไม่สามารถรับการจอง ${number}`)));

    // The card's Confirm on a declined booking: refused for its stage.
    const late = await tap(somchai, buttonData(card, 'Confirm'));
    expect(late.text).toContain(`${number} is "Declined" now`);
    expect(await bookingRow(booking.id)).toMatchObject({ stage: 'declined' });
  });
});
