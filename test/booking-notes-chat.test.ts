import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { updateOrgSettings } from '../core/orgs/org-settings.ts';
import { zoneWhereTheClockReads } from './support/clock-zones.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { untilSettled } from './support/test-system.ts';
import { apiClient } from './support/api-client.ts';

/**
 * What a customer says with a booking beyond its service, day, time and people goes to the team as
 * a note, said under the summary and the request and kept with the booking
 * (bot/conversation/booking-slots.ts): a wish in the first message (a female therapist, a teacher
 * by name, a flight), and a detail the service does not take (a time for a two-day trip). Through
 * signed LINE webhooks and the fake LINE server, the business just past midnight so that
 * "tomorrow" is ahead.
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
  await updateOrgSettings(h.sys.knex, { orgId: h.sys.defaultOrgId, actor: { type: 'system', id: null } }, { timeZone: zoneWhereTheClockReads(0, new Date()) });
});
afterAll(() => h?.close());

const bookingOf = async (customer: string) =>
  (await h.sys.knex('bookings').join('conversations', 'conversations.id', 'bookings.conversation_id').where('conversations.external_id', customer).select('bookings.requested_time', 'bookings.party_size', 'bookings.details'))[0];

describe("what the customer says beyond the booking's details", () => {
  it('a wish in the first message: noted at the summary, with the request and in the booking (r128, th)', async () => {
    const customer = lineId('U');
    const summary = await h.ask(customer, { text: 'จองนวดพรุ่งนี้ 4 โมงเย็น 1 ท่าน ขอหมอนวดผู้หญิงนะคะ' });
    expect(summary.text).toContain('ข้อมูลเพิ่มเติม "ขอหมอนวดผู้หญิงนะคะ"');
    expect(summary.text).toContain('16:00');
    const sent = await h.ask(customer, { text: 'ยืนยันค่ะ' });
    expect(sent.text).toContain('ขอหมอนวดผู้หญิงนะคะ');
    await untilSettled(h.sys.knex);
    const b = await bookingOf(customer);
    expect([String(b.requested_time).slice(0, 5), b.party_size, b.details.notes]).toEqual(['16:00', 1, 'ขอหมอนวดผู้หญิงนะคะ']);
  });

  it('a time for a service whose form asks none: not booked, the words noted for the team, at the summary and with the request (r125, en)', async () => {
    const made = await apiClient(h.sys)('POST', '/api/v1/services', { key: 'island_two_days', name: { th: 'ทริปเกาะ 2 วัน', en: 'Two-day island trip' }, keywords: ['island trip'], durationMinutes: 2 * 24 * 60, formFields: [{ field: 'start_date', required: true }, { field: 'travelers', required: true }] });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const customer = lineId('U');
    const summary = await h.ask(customer, { text: 'Two-day island trip for 5 people starting tomorrow' });
    expect(summary.text).not.toContain('Time:');
    expect(summary.text).not.toContain('Noted');
    // The start time typed at the summary was dropped: the same summary came back.
    const noted = await h.ask(customer, { text: '8am' });
    expect(noted.text).toContain('Noted for our team with this request: "8am"');
    expect(noted.text).not.toContain('Time:');
    const sent = await h.ask(customer, { text: 'confirm' });
    expect(sent.text).toContain('"8am"');
    await untilSettled(h.sys.knex);
    const [b] = await h.sys.knex('bookings').join('conversations', 'conversations.id', 'bookings.conversation_id').where('conversations.external_id', customer).select('bookings.requested_time', 'bookings.party_size', 'bookings.details');
    expect([b.requested_time, b.party_size, b.details.notes]).toEqual([null, 5, '8am']);
  });

});
