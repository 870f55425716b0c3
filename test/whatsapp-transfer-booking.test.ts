import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilioApi, type RunningFakeTwilioApi, type TwilioDelivery } from '../dev/fakes/twilio-api.ts';
import { todayIn } from '../core/time/org-time.ts';
import { postWhatsApp, randomPhone, whatsAppEnv, whatsAppMessage } from './support/whatsapp-customer.ts';
import { startTestSystem, until, untilSettled, type TestSystem } from './support/test-system.ts';

/**
 * An airport transfer booked on WhatsApp, as a Thai customer did in the simulator (#37): the
 * number of people no longer turns it into a city tour, where to is asked, and the date is asked
 * and shown the way people write it.
 */
let twilio: RunningFakeTwilioApi;
let sys: TestSystem;
beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  sys = await startTestSystem({ env: { ...whatsAppEnv(twilio), CLASSIFIER: 'offline', DEV_SIMULATOR: 'off' } });
}, 60_000);
afterAll(async () => {
  await sys?.stopAll();
  await twilio?.close();
});

const textOf = (d: TwilioDelivery) => d.renderedBody ?? d.body ?? '';

/** The customer writes; what the bot answers, every message of it. */
async function say(phone: string, text: string): Promise<string> {
  const before = twilio.state.deliveriesTo(`whatsapp:${phone}`).length;
  const params = whatsAppMessage(phone, text);
  expect((await postWhatsApp(sys, params)).status).toBe(200);
  await until(async () => (await sys.knex('messages').where({ platform_message_id: params.MessageSid }).whereNotNull('routed_at').first()) ?? false);
  await until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`).length > before);
  await untilSettled(sys.knex);
  return twilio.state.deliveriesTo(`whatsapp:${phone}`).slice(before).map(textOf).join('\n');
}

describe('an airport transfer on WhatsApp', () => {
  it('stays a transfer when the customer gives the number of people, asks where to, and asks and shows dates as people write them', async () => {
    const phone = randomPhone();
    const dateQuestion = await say(phone, 'ขอจองรถรับส่งสนามบินค่ะ');
    expect(dateQuestion).toContain('วันไหน');
    // The typed date's example is a date as people write it, never an ISO date.
    expect(dateQuestion).not.toMatch(/\d{4}-\d{2}-\d{2}|YYYY/);
    expect(dateQuestion).toMatch(/เช่น \d{1,2} [ก-๙.]+/);

    expect(await say(phone, 'พรุ่งนี้ค่ะ')).toContain('กี่โมง');
    expect(await say(phone, 'ตี 5 ค่ะ')).toContain('ที่ไหน');
    // "2 คน" is the number of people: the service stays, and where to is still asked.
    const stillWhere = await say(phone, '2 คน');
    expect(stillWhere).toContain('ที่ไหน');
    expect(stillWhere).not.toContain('ทัวร์');
    const summary = await say(phone, 'สุวรรณภูมิไปโรงแรมแถวสีลมค่ะ');
    expect(summary).toContain('รถรับส่งสนามบิน');
    expect(summary).toContain('สีลม');
    expect(summary).toContain('2 ท่าน');
    expect(summary).toContain('05:00');
    expect(summary).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(summary).toMatch(/\d{1,2} [ก-๙.]+ 25\d\d/);
    const received = await say(phone, 'ยืนยันค่ะ');
    expect(received).toContain('รถรับส่งสนามบิน');

    const identity = await sys.knex('contact_identities').where({ external_id: `whatsapp:${phone}` }).first();
    const bookings = await sys.knex('bookings').join('services', 'services.id', 'bookings.service_id').where('bookings.contact_id', identity.contact_id).select('bookings.*', 'services.key');
    expect(bookings).toHaveLength(1);
    const [b] = bookings;
    const tomorrow = new Date(Date.parse(`${todayIn('Asia/Bangkok', new Date())}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect([b.key, b.party_size, String(b.requested_date).slice(0, 10), String(b.requested_time).slice(0, 5)]).toEqual(['airport_transfer', 2, tomorrow, '05:00']);
    // The place typed is read as the route it names, from the airport to the hotel (docs/understanding.md, item 264).
    expect((typeof b.details === 'string' ? JSON.parse(b.details) : b.details).destination).toBe('จากสุวรรณภูมิไปโรงแรมแถวสีลม');
    expect(received).toContain(b.number);
  });
});
