import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { todayIn } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';

/**
 * Booking a class in chat when the class has sessions: the bot offers only the sessions with room
 * (the seats left when few remain), the session tapped fixes the date and time, and a session that
 * fills up before the customer confirms is said so, with the others offered again. Through signed
 * LINE webhooks, the offline classifier and the fake LINE server.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const SERVICE = 'thai_cooking_class';
const inDays = (n: number) => {
  const today = todayIn('Asia/Bangkok');
  return new Date(new Date(`${today}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
};
const sessions: Record<string, { id: string; date: string; time: string }> = {};

beforeAll(async () => {
  h = await startLineCustomerHarness();
  for (const [name, days, time, capacity] of [
    ['roomy', 3, '10:00', 12],
    ['lastSeat', 4, '10:00', 2],
    ['full', 5, '10:00', 1],
  ] as const) {
    const r = await api('POST', `/api/v1/services/${SERVICE}/sessions`, { date: inDays(days), time, capacity });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    sessions[name] = { id: r.json.items[0].id, date: inDays(days), time };
  }
  // The full one is taken by a staff booking; the one with two seats keeps one.
  for (const [name, partySize] of [
    ['full', 1],
    ['lastSeat', 1],
  ] as const) {
    const r = await api('POST', '/api/v1/bookings', { session_id: sessions[name].id, travelers: partySize, name: `Walk-in ${name}`, email: `walk-in-${name.toLowerCase()}@example.com`, language: 'en' });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
  }
}, 60_000);
afterAll(() => h?.close());

const offeredSessions = (quickReplies: { data?: string; label?: string }[]) => quickReplies.filter((q) => q.data?.includes('act=session'));

describe('a class with sessions, booked in chat', () => {
  it('offers only sessions with room, says the seats left when few remain, and books the one tapped', async () => {
    const customer = lineId('U');
    const asked = await h.ask(customer, { text: 'อยากจองคลาสทำอาหารไทย 1 ท่านค่ะ' });
    const offered = offeredSessions(asked.quickReplies);
    expect(offered.map((q) => q.data)).toEqual([replyData('session', sessions.roomy.id), replyData('session', sessions.lastSeat.id)]);
    // The day and time on each button ("พฤ." for Thursday has two letters); the seats left, when few, in the question.
    expect(offered[1].label).toMatch(/^[ก-๙]{1,2}\. \d{1,2} [ก-๙.]+ 10:00$/);
    expect(asked.text).toContain(`${offered[1].label}: เหลือ 1 ที่`);
    expect(asked.text).not.toContain(`${offered[0].label}:`);

    const summary = await h.ask(customer, { postback: { data: replyData('session', sessions.roomy.id) } });
    expect(summary.text).toContain('10:00');
    await h.ask(customer, { postback: { data: replyData('confirm') } });
    const booking = await h.sys.knex('bookings').join('conversations', 'conversations.id', 'bookings.conversation_id').where('conversations.external_id', customer).first('bookings.session_id', 'bookings.requested_date', 'bookings.requested_time');
    expect(booking).toMatchObject({ session_id: sessions.roomy.id, requested_date: sessions.roomy.date });
    expect(String(booking.requested_time)).toMatch(/^10:00/);
  });

  it('tells a customer whose session filled up before they confirmed, and offers the others again', async () => {
    const [first, second] = [lineId('U'), lineId('U')];
    for (const c of [first, second]) {
      await h.ask(c, { text: 'จองคลาสทำอาหารไทย 1 ท่านค่ะ' });
      await h.ask(c, { postback: { data: replyData('session', sessions.lastSeat.id) } });
    }
    await h.ask(first, { postback: { data: replyData('confirm') } });
    const told = await h.ask(second, { postback: { data: replyData('confirm') } });
    expect(told.text).toMatch(/เต็มแล้ว/);
    expect(offeredSessions(told.quickReplies).map((q) => q.data)).toEqual([replyData('session', sessions.roomy.id)]);
    // The full session can be waited for: its waitlist comes first.
    expect(told.quickReplies[0]).toMatchObject({ label: 'ลงชื่อรอคิว', data: replyData('waitlist', `${sessions.lastSeat.id}:1`) });
    const seats = await h.sys.knex('service_sessions').where({ id: sessions.lastSeat.id }).first('seats_taken', 'capacity');
    expect(seats).toEqual({ seats_taken: 2, capacity: 2 });
    // The second customer has no booking for it; the dialogue waits for another session.
    const theirs = await h.sys.knex('bookings').join('conversations', 'conversations.id', 'bookings.conversation_id').where('conversations.external_id', second).count({ n: '*' }).first();
    expect(Number(theirs?.n)).toBe(0);
    const again = await h.ask(second, { postback: { data: replyData('session', sessions.roomy.id) } });
    expect(again.text).toContain('10:00');
  });

  it('a session that started after it was offered: its button books nothing, the customer is told, and the session is not offered again', async () => {
    const r = await api('POST', `/api/v1/services/${SERVICE}/sessions`, { date: inDays(6), time: '09:00', capacity: 5 });
    expect(r.status).toBe(201);
    const soon = r.json.items[0].id as string;
    const customer = lineId('U');
    const asked = await h.ask(customer, { text: 'จองคลาสทำอาหารไทย 1 ท่านค่ะ' });
    expect(offeredSessions(asked.quickReplies).map((q) => q.data)).toContain(replyData('session', soon));
    await h.ask(customer, { postback: { data: replyData('session', soon) } });
    // Its time comes before the customer confirms (moved into the past, as the clock would).
    await h.sys.knex('service_sessions').where({ id: soon }).update({ starts_at: h.sys.knex.raw("now() - interval '1 hour'"), ends_at: h.sys.knex.raw("now() + interval '1 hour'") });
    const before = await h.sys.knex('bookings').count({ n: '*' }).first();
    const told = await h.ask(customer, { postback: { data: replyData('confirm') } });
    expect(told.text).toMatch(/รอบไหนสะดวก/);
    expect(offeredSessions(told.quickReplies).map((q) => q.data)).not.toContain(replyData('session', soon));
    // Not a waitlist for a session that has started.
    expect(told.quickReplies.some((q) => q.data?.includes('act=waitlist'))).toBe(false);
    expect(await h.sys.knex('bookings').count({ n: '*' }).first()).toEqual(before);
    expect(await h.sys.knex('service_sessions').where({ id: soon }).first('seats_taken')).toEqual({ seats_taken: 0 });
  });
});
