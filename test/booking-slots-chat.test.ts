import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { todayIn } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';

/**
 * A service booked in slots (two therapists), booked in chat: once the day is known the bot offers
 * that day's starts with a therapist free as buttons ("11:00–12:00"), says how many are free when
 * few, leaves out the full and the past ones, and books the one tapped; a slot taken by someone
 * else before the customer confirms is said so and the free ones offered again, nothing booked; a
 * day with nothing free asks for another day. Through signed LINE webhooks and the fake LINE server.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const inDays = (n: number) => new Date(new Date(`${todayIn('Asia/Bangkok')}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
let service: string;
const DAY = inDays(3);
const FULL_DAY = inDays(4);

const staffBooking = (date: string, time: string) =>
  api('POST', '/api/v1/bookings', { service, start_date: date, time, travelers: 1, name: 'Walk-in', email: `walk-${randomUUID().slice(0, 8)}@example.com`, language: 'en' });

beforeAll(async () => {
  h = await startLineCustomerHarness();
  await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ time_zone: 'Asia/Bangkok' });
  service = `massage_${randomUUID().slice(0, 6)}`;
  const made = await api('POST', '/api/v1/services', {
    key: service,
    name: { th: 'นวดแผนไทย', en: 'Thai massage' },
    durationMinutes: 60,
    hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['10:00', '13:00']]])),
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  expect((await api('PUT', `/api/v1/services/${service}/slot-rule`, { resources: 2, stepMinutes: 60 })).status).toBe(200);
  // 10:00 full, 11:00 with one therapist left, 12:00 free; the next day full all day.
  for (const [date, time] of [
    [DAY, '10:00'],
    [DAY, '10:00'],
    [DAY, '11:00'],
    ...['10:00', '11:00', '12:00'].flatMap((t) => [
      [FULL_DAY, t],
      [FULL_DAY, t],
    ]),
  ] as const) {
    const r = await staffBooking(date, time);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
  }
}, 60_000);
afterAll(() => h?.close());

const times = (quickReplies: { data?: string; label?: string }[]) => quickReplies.filter((q) => q.data?.includes('act=time'));

/** A customer who chose the service and the day: the bot's question for the time. */
async function upToTheTime(customer: string, date: string) {
  await h.ask(customer, { text: 'อยากจองนวดค่ะ 1 ท่าน' });
  await h.ask(customer, { postback: { data: replyData('service', service) } });
  return h.ask(customer, { postback: { data: replyData('date'), params: { date } } });
}

describe('a service booked in slots, in chat', () => {
  it("offers the day's free starts as buttons, the few free said in the question, and books the one tapped", async () => {
    const customer = lineId('U');
    const asked = await upToTheTime(customer, DAY);
    expect(times(asked.quickReplies).map((q) => [q.label, q.data])).toEqual([
      ['11:00–12:00', replyData('time', '11:00')],
      ['12:00–13:00', replyData('time', '12:00')],
    ]);
    for (const q of asked.quickReplies) expect(q.label!.length).toBeLessThanOrEqual(20);
    expect(asked.text).toMatch(/^สะดวกเวลากี่โมงคะ\?\n• 11:00: เหลือ 1 ที่$/);
    const summary = await h.ask(customer, { postback: { data: replyData('time', '12:00') } });
    expect(summary.text).toContain('12:00');
    await h.ask(customer, { postback: { data: replyData('confirm') } });
    const b = await h.sys.knex('bookings').join('conversations', 'conversations.id', 'bookings.conversation_id').where('conversations.external_id', customer).first('bookings.requested_date', 'bookings.requested_time');
    expect(String(b.requested_time)).toMatch(/^12:00/);
  });

  it('a slot taken before the customer confirms: told, the free ones offered again, nothing booked', async () => {
    const customer = lineId('U');
    await upToTheTime(customer, DAY);
    await h.ask(customer, { postback: { data: replyData('time', '11:00') } });
    // Someone else takes the last therapist at 11:00 meanwhile.
    expect((await staffBooking(DAY, '11:00')).status).toBe(201);
    const before = await h.sys.knex('bookings').count({ n: '*' }).first();
    const told = await h.ask(customer, { postback: { data: replyData('confirm') } });
    expect(told.text).toMatch(/^ขออภัยค่ะ นวดแผนไทย วันที่ .* เวลา 11:00 ไม่ว่างแล้ว กรุณาเลือกเวลาอื่นนะคะ\nสะดวกเวลากี่โมงคะ\?(\n• 12:00: เหลือ 1 ที่)?$/);
    expect(told.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(times(told.quickReplies).map((q) => q.label)).toEqual(['12:00–13:00']);
    expect(await h.sys.knex('bookings').count({ n: '*' }).first()).toEqual(before);
    // The 11:00 cell holds the two it had, not a third.
    const cell = await h.sys.knex('service_slot_usage as u').join('services as s', 's.id', 'u.service_id').where('s.key', service).andWhere('u.starts_at', new Date(`${DAY}T11:00:00+07:00`)).first('u.taken');
    expect(cell).toEqual({ taken: 2 });
  });

  it('a day with nothing free asks for another day; a day in the past offers nothing', async () => {
    const customer = lineId('U');
    const asked = await upToTheTime(customer, FULL_DAY);
    expect(asked.text).toMatch(/^ขออภัยค่ะ นวดแผนไทย วันที่ .* ไม่มีเวลาว่างแล้ว กรุณาเลือกวันอื่นนะคะ$/);
    expect(times(asked.quickReplies)).toEqual([]);
    expect(asked.quickReplies[0]).toMatchObject({ type: 'datetimepicker', mode: 'date' });
    const past = await h.ask(customer, { postback: { data: replyData('date'), params: { date: inDays(-1) } } });
    expect(times(past.quickReplies)).toEqual([]);
    const other = await h.ask(customer, { postback: { data: replyData('date'), params: { date: inDays(5) } } });
    expect(times(other.quickReplies).map((q) => q.label)).toEqual(['10:00–11:00', '11:00–12:00', '12:00–13:00']);
  });
});
