import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { localMoment } from '../core/time/org-time.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until } from './support/test-system.ts';

/**
 * What the business changes under its customers' feet (docs/bookings.md, "Sessions and seats"):
 * staff taking a customer off a waitlist tell them; a holiday added to the business calendar after
 * sessions were scheduled cancels those sessions as an admin would (bookings cancelled with the
 * reason and their customers told, the waitlist closed and told, the timeline and the audit log),
 * and is refused, nothing changed, on a day whose session has customers checked in. Runs on
 * PostgreSQL too (TEST_DATABASE_URL).
 */
let h: LiffHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const ZONE = 'Asia/Bangkok';

beforeAll(async () => {
  h = await startLiffHarness();
  await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ time_zone: ZONE });
}, 60_000);
afterAll(() => h?.close());

const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
let people = 0;
const aCustomer = () => {
  people += 1;
  return { name: `Guest ${people}`, email: `sched${people}.${randomUUID().slice(0, 8)}@example.com` };
};
/** The pushes to a LINE user whose text matches: what the business told them on its own. */
const pushedTo = (user: string, text: RegExp) =>
  until(() => Promise.resolve(h.line.state.deliveriesTo(user).find((d) => d.kind === 'push' && d.messages.some((m) => 'text' in m && text.test(String(m.text))))), 15_000);
const textOf = (d: { messages: unknown[] }) => d.messages.map((m) => String((m as { text?: string }).text ?? '')).join('\n');

async function aSession(name: string, day: number, capacity: number, time = '10:00') {
  const service = await h.bookableService({ name: { th: name, en: `${name} (en)` }, capacity: 10, durationMinutes: 60 });
  const s = await api('POST', `/api/v1/services/${service}/sessions`, { date: inDays(day), time, capacity });
  expect(s.status, JSON.stringify(s.json)).toBe(201);
  return { service, sessionId: s.json.items[0].id as string };
}

/** A LINE customer books a session on the form inside LINE, in their language. */
async function lineBooking(user: string, sessionId: string, language: 'th' | 'en') {
  const r = await h.pub('POST', '/liff-api/v1/bookings', {
    headers: { authorization: `Bearer ${h.idToken(user, { name: `Line ${language}` })}`, 'idempotency-key': randomUUID() },
    body: { session_id: sessionId, name: `Line ${language}`, language },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return (r.json.booking_id ?? r.json.number) as string;
}

/** A LINE customer joins a full session's waitlist from the chat (the quick reply under "full"). */
async function joinInChat(user: string, sessionId: string) {
  await h.ask(user, { text: 'สวัสดีค่ะ' });
  const joined = await h.ask(user, { postback: { data: replyData('waitlist', `${sessionId}:1`) } });
  expect(joined.text).toMatch(/คิวที่/);
}

describe('staff take a customer off the waitlist', () => {
  it('the customer is told in their chat, politely, in their language; the place is left', async () => {
    const { service, sessionId } = await aSession('คลาสทีมงานนำออก', 12, 1);
    await lineBooking(lineId('U'), sessionId, 'th');
    const waiter = lineId('U');
    await joinInChat(waiter, sessionId);
    const place = await h.sys.knex('session_waitlist').where({ session_id: sessionId }).first('id');
    const r = await api('POST', `/api/v1/services/${service}/sessions/${sessionId}/waitlist/${place.id}/leave`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const told = await pushedTo(waiter, /ทีมงานได้นำชื่อคุณออกจากคิวรอบ/);
    expect(textOf(told)).toMatch(/^ทีมงานได้นำชื่อคุณออกจากคิวรอบ คลาสทีมงานนำออก วันที่ .* 10:00 แล้วค่ะ .*ค่ะ$/);
    // No ISO date on the customer's screen.
    expect(textOf(told)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect((await h.sys.knex('session_waitlist').where({ id: place.id }).first('status')).status).toBe('left');
  });
});

describe('a holiday added after sessions were scheduled', () => {
  it('cancels that day’s sessions: bookings cancelled with the reason and told (Thai, English), the waitlist closed and told, staff see it; other days untouched', async () => {
    const day = 15;
    const { sessionId } = await aSession('คลาสวันหยุด', day, 2);
    const later = await aSession('คลาสวันหยุดเย็น', day, 5, '23:30');
    const otherDay = await aSession('คลาสวันอื่น', day + 1, 5);
    const [thai, english, waiter] = [lineId('U'), lineId('U'), lineId('U')];
    const thaiBooking = await lineBooking(thai, sessionId, 'th');
    const englishBooking = await lineBooking(english, sessionId, 'en');
    const website = await api('POST', '/api/v1/bookings', { session_id: later.sessionId, language: 'en', ...aCustomer() });
    expect(website.status, JSON.stringify(website.json)).toBe(201);
    const untouched = await api('POST', '/api/v1/bookings', { session_id: otherDay.sessionId, language: 'en', ...aCustomer() });
    expect(untouched.status).toBe(201);
    await joinInChat(waiter, sessionId);

    const before = (await api('GET', '/api/v1/org/business-calendar')).json.holidays as string[];
    const r = await api('PATCH', '/api/v1/org/business-calendar', { holidays: [...before, inDays(day)] });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.holidays).toContain(inDays(day));

    // Both sessions of the day (23:30 in Bangkok is on that day) are cancelled with the holiday as the reason.
    const sessions = await h.sys.knex('service_sessions').whereIn('id', [sessionId, later.sessionId, otherDay.sessionId]).orderBy('starts_at');
    expect(sessions.map((s) => [s.id, s.status, s.seats_taken])).toEqual([
      [sessionId, 'cancelled', 0],
      [later.sessionId, 'cancelled', 0],
      [otherDay.sessionId, 'scheduled', 1],
    ]);
    expect(sessions[0].cancel_reason).toMatch(/^Holiday: \w{3},? \d{1,2} \w{3} \d{4}$/);
    const bookings = await h.sys.knex('bookings').whereIn('number', [thaiBooking, englishBooking, website.json.number, untouched.json.number]).orderBy('number');
    expect(bookings.map((b) => [b.number, b.stage])).toEqual(
      [
        [thaiBooking, 'cancelled'],
        [englishBooking, 'cancelled'],
        [website.json.number, 'cancelled'],
        [untouched.json.number, 'new'],
      ].sort((a, b) => a[0].localeCompare(b[0])),
    );
    // Staff see it on each booking's timeline, with the reason, and in the audit log.
    const moved = await h.sys.knex('booking_events').whereIn('booking_id', bookings.filter((b) => b.stage === 'cancelled').map((b) => b.id)).where({ type: 'stage_changed' });
    expect(moved).toHaveLength(3);
    for (const e of moved) expect(e.data).toMatchObject({ to: 'cancelled', reason: sessions[0].cancel_reason });
    expect(await h.sys.knex('audit_log').whereIn('subject_id', [sessionId, later.sessionId]).where({ action: 'session.cancelled' })).toHaveLength(2);
    // Everyone booked is told in their own language, politely in Thai; the waitlist is told its line closed.
    expect(textOf(await pushedTo(thai, /ถูกยกเลิก/))).toMatch(/^ขออภัยค่ะ รอบ คลาสวันหยุด วันที่ .* ถูกยกเลิก การจอง B-\d+ จึงถูกยกเลิกด้วย .*ค่ะ$/);
    expect(textOf(await pushedTo(english, /has been cancelled/))).toMatch(/^Sorry, the คลาสวันหยุด \(en\) session on \w{3},? \d+ \w{3} \d{4} at 10:00 has been cancelled/);
    expect(textOf(await pushedTo(waiter, /คิวที่คุณรออยู่จึงปิดลง/))).toMatch(/^ขออภัยค่ะ รอบ คลาสวันหยุด .*ค่ะ$/);
    expect(await h.sys.knex('session_waitlist').where({ session_id: sessionId }).pluck('status')).toEqual(['closed']);
    // The website customer has no chat: staff see the notice could not go.
    const web = bookings.find((b) => b.number === website.json.number)!;
    expect(await h.sys.knex('booking_events').where({ booking_id: web.id, type: 'notification_undelivered' }).pluck('data')).toEqual([expect.objectContaining({ template: 'booking_session_cancelled' })]);
    // Listing the day again cancels nothing twice.
    const again = await api('PATCH', '/api/v1/org/business-calendar', { holidays: [...before, inDays(day)] });
    expect(again.status).toBe(200);
    expect(await h.sys.knex('audit_log').whereIn('subject_id', [sessionId, later.sessionId]).where({ action: 'session.cancelled' })).toHaveLength(2);
  });

  it('on a day whose session has customers checked in: 409 naming them, the calendar, session and bookings as they were', async () => {
    const day = 18;
    const { sessionId } = await aSession('คลาสเช็คอินแล้ว', day, 4);
    const a = await api('POST', '/api/v1/bookings', { session_id: sessionId, language: 'en', ...aCustomer() });
    const b = await api('POST', '/api/v1/bookings', { session_id: sessionId, language: 'en', ...aCustomer() });
    const checkIn = await api('POST', `/api/v1/bookings/${a.json.number}/attendance`, { attendance: 'attended' });
    expect(checkIn.status, JSON.stringify(checkIn.json)).toBe(200);
    const before = (await api('GET', '/api/v1/org/business-calendar')).json;
    const r = await api('PATCH', '/api/v1/org/business-calendar', { holidays: [...before.holidays, inDays(day)] });
    expect(r.status, JSON.stringify(r.json)).toBe(409);
    expect(r.json.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'sessions_checked_in', path: 'holidays', sessions: [{ sessionId, date: inDays(day), time: '10:00' }], bookings: [{ number: a.json.number, attendance: 'attended', sessionId }] },
    });
    expect((await api('GET', '/api/v1/org/business-calendar')).json).toEqual(before);
    expect(await h.sys.knex('service_sessions').where({ id: sessionId }).first('status', 'seats_taken')).toEqual({ status: 'scheduled', seats_taken: 2 });
    expect(await h.sys.knex('bookings').whereIn('number', [a.json.number, b.json.number]).orderBy('number').pluck('stage')).toEqual(['new', 'new']);
    expect(await h.sys.knex('audit_log').where({ action: 'org.business_calendar_updated' }).whereRaw("details->'after'->'holidays' \\? ?", [inDays(day)])).toHaveLength(0);
  });
});
