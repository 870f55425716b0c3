import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { localMoment } from '../core/time/org-time.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';

/**
 * Leaving a session's waitlist on one's own (docs/bookings.md, "The waitlist"): from the chat (the
 * quick reply under the place, or typed while waiting), by the website's link, and through staff;
 * an offer left goes to the next in line; leaving twice changes nothing. And a merge of two
 * contacts moves their places to the contact kept. Runs on PostgreSQL too (TEST_DATABASE_URL).
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
  return { name: `Leaver ${people}`, email: `leave${people}.${randomUUID().slice(0, 8)}@example.com` };
};
const joinFromWebsite = (sessionId: string, who = aCustomer()) => h.pub('POST', `/public/v1/sessions/${sessionId}/waitlist`, { body: { language: 'en', ...who } });
const statusOf = async (token: string) => (await h.sys.knex('session_waitlist').where({ token }).first('status')).status as string;
const seatsOf = async (sessionId: string) => (await h.sys.knex('service_sessions').where({ id: sessionId }).first('seats_taken')).seats_taken as number;

/** A session of one seat, taken by a walk-in: its number to cancel, to free the seat. */
async function aFullSession(name: string, day: number): Promise<{ service: string; sessionId: string; walkIn: string }> {
  const service = await h.bookableService({ name: { th: name, en: name }, capacity: 10, durationMinutes: 60 });
  const s = await api('POST', `/api/v1/services/${service}/sessions`, { date: inDays(day), time: '10:00', capacity: 1 });
  expect(s.status, JSON.stringify(s.json)).toBe(201);
  const sessionId = s.json.items[0].id as string;
  const b = await api('POST', '/api/v1/bookings', { session_id: sessionId, language: 'en', ...aCustomer() });
  expect(b.status, JSON.stringify(b.json)).toBe(201);
  return { service, sessionId, walkIn: b.json.number ?? b.json.booking?.number };
}

async function cancelBooking(number: string) {
  const b = await h.sys.knex('bookings').where({ number }).first('version');
  expect((await api('POST', `/api/v1/bookings/${number}/stage`, { to: 'cancelled', expectedVersion: b.version, reason: 'Cannot come' })).status).toBe(200);
}

describe('leaving by the place’s link', () => {
  it('a waiting place leaves and the next moves up; an offered one gives its seat to the next; twice, or after booking: 409, nothing changed', async () => {
    const { sessionId, walkIn } = await aFullSession('Leave link class', 20);
    const [a, b, c] = [await joinFromWebsite(sessionId), await joinFromWebsite(sessionId), await joinFromWebsite(sessionId)];
    expect([a, b, c].map((x) => x.json.position)).toEqual([1, 2, 3]);

    const left = await h.pub('POST', `/public/v1/waitlist/${a.json.token}/leave`);
    expect(left.status, JSON.stringify(left.json)).toBe(200);
    expect(left.json).toMatchObject({ status: 'left', position: null, message: expect.stringContaining("You've left the waitlist for Leave link class") });
    expect((await h.pub('GET', `/public/v1/waitlist/${b.json.token}`)).json.position).toBe(1);
    const again = await h.pub('POST', `/public/v1/waitlist/${a.json.token}/leave`);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', message: 'This place left the waitlist already: nothing changed', details: { reason: 'left', place: { status: 'left' } } });
    expect(await h.sys.knex('session_waitlist').where({ session_id: sessionId }).orderBy('created_at').pluck('status')).toEqual(['left', 'waiting', 'waiting']);

    // b is offered the freed seat, then leaves holding it: c is offered it at once, the seat held all along.
    await cancelBooking(walkIn);
    expect(await statusOf(b.json.token)).toBe('offered');
    const leftOffer = await h.pub('POST', `/public/v1/waitlist/${b.json.token}/leave`);
    expect(leftOffer.status).toBe(200);
    expect(leftOffer.json).toMatchObject({ status: 'left', offerExpiresAt: null });
    expect(await statusOf(c.json.token)).toBe('offered');
    expect(await seatsOf(sessionId)).toBe(1);
    // A left offer cannot be accepted after all.
    expect((await h.pub('POST', `/public/v1/waitlist/${b.json.token}/accept`)).json.error).toMatchObject({ code: 'conflict', details: { reason: 'answered' } });

    const booked = await h.pub('POST', `/public/v1/waitlist/${c.json.token}/accept`);
    expect(booked.json.status).toBe('booked');
    const late = await h.pub('POST', `/public/v1/waitlist/${c.json.token}/leave`);
    expect(late.status).toBe(409);
    expect(late.json.error).toMatchObject({ code: 'conflict', message: 'This place waits no more (booked): nothing changed', details: { reason: 'not_waiting', place: { status: 'booked', bookingNumber: booked.json.bookingNumber } } });
    expect(await h.sys.knex('bookings').where({ session_id: sessionId, stage: 'new' })).toHaveLength(1);
    expect((await h.pub('POST', '/public/v1/waitlist/no-such-place/leave')).status).toBe(404);
  });
});

describe('leaving in the chat', () => {
  it('the quick reply under the place, typed "ออกจากคิว" or "leave the waitlist" while waiting or offered; a second tap changes nothing', async () => {
    const { sessionId, walkIn } = await aFullSession('คลาสออกคิว', 21);
    const [tapper, typer, offeredOne] = [lineId('U'), lineId('U'), lineId('U')];
    const join = async (user: string) => {
      await h.ask(user, { text: 'สวัสดีค่ะ' });
      return h.ask(user, { postback: { data: replyData('waitlist', `${sessionId}:1`) } });
    };
    const joined = await join(tapper);
    const place = await h.sys.knex('session_waitlist').where({ session_id: sessionId }).first('id');
    expect(joined.quickReplies).toEqual([expect.objectContaining({ label: 'ออกจากคิว', data: replyData('waitlist_leave', place.id) })]);
    await join(typer);
    const byWeb = await joinFromWebsite(sessionId);

    const tapped = await h.ask(tapper, { postback: { data: replyData('waitlist_leave', place.id) } });
    expect(tapped.text).toMatch(/^ออกจากคิวรอบ คลาสออกคิว วันที่ .* ให้แล้วค่ะ/);
    const tappedAgain = await h.ask(tapper, { postback: { data: replyData('waitlist_leave', place.id) } });
    expect(tappedAgain.text).toMatch(/^คุณไม่ได้อยู่ในคิวรอบ คลาสออกคิว .* ไม่มีการเปลี่ยนแปลงใดๆ$/);
    // Someone else's place is not theirs to leave.
    const typerPlace = await h.sys.knex('session_waitlist').where({ session_id: sessionId, status: 'waiting', source: 'line' }).first('id');
    await h.send(tapper, { postback: { data: replyData('waitlist_leave', typerPlace.id) } });
    // Answered nothing; the tap after it is answered, so the foreign one was dealt with before.
    expect((await h.ask(tapper, { postback: { data: replyData('waitlist_leave', place.id) } })).text).toMatch(/^คุณไม่ได้อยู่ในคิวรอบ/);
    expect((await h.sys.knex('session_waitlist').where({ id: typerPlace.id }).first('status')).status).toBe('waiting');

    const typed = await h.ask(typer, { text: 'ขอออกจากคิวค่ะ' });
    expect(typed.text).toMatch(/^ออกจากคิวรอบ คลาสออกคิว/);
    expect((await h.sys.knex('session_waitlist').where({ id: typerPlace.id }).first('status')).status).toBe('left');
    // Not waiting any more: the words are not read as leaving (nothing to leave), and nothing changes.
    const notWaiting = await h.ask(typer, { text: 'ออกจากคิว' });
    expect(notWaiting.text).not.toMatch(/ออกจากคิวรอบ/);

    // Offered a seat, a chat customer types it in English: the seat goes to the next (the website's place).
    await join(offeredOne);
    await cancelBooking(walkIn);
    expect(await statusOf(byWeb.json.token)).toBe('offered');
    await h.pub('POST', `/public/v1/waitlist/${byWeb.json.token}/decline`);
    expect(await h.sys.knex('session_waitlist').where({ session_id: sessionId, status: 'offered' }).first('source')).toMatchObject({ source: 'line' });
    const leftOffer = await h.ask(offeredOne, { text: 'Please take me off the waitlist' });
    expect(leftOffer.text).toMatch(/ออกจากคิวรอบ|You've left the waitlist/);
    expect(await h.sys.knex('session_waitlist').where({ session_id: sessionId }).whereIn('status', ['waiting', 'offered'])).toHaveLength(0);
    expect(await seatsOf(sessionId)).toBe(0);
  }, 60_000);
});

describe('staff take a customer off the line', () => {
  it('by the place in the session’s line: left and audited; twice, another session or service: refused, nothing changed', async () => {
    const { service, sessionId } = await aFullSession('Staff leave class', 22);
    const other = await aFullSession('Other class', 22);
    const joined = await joinFromWebsite(sessionId);
    const line = await api('GET', `/api/v1/services/${service}/sessions/${sessionId}/waitlist`);
    const placeId = line.json.items[0].id as string;
    expect(placeId).toMatch(/^[0-9a-f-]{36}$/);
    const url = `/api/v1/services/${service}/sessions/${sessionId}/waitlist/${placeId}/leave`;
    // The place is looked for in the session named: another's is not found, nothing changed.
    expect((await api('POST', `/api/v1/services/${other.service}/sessions/${other.sessionId}/waitlist/${placeId}/leave`)).status).toBe(404);
    expect((await api('POST', `/api/v1/services/${other.service}/sessions/${sessionId}/waitlist/${placeId}/leave`)).status).toBe(404);
    expect(await statusOf(joined.json.token)).toBe('waiting');
    const left = await api('POST', url);
    expect(left.status, JSON.stringify(left.json)).toBe(200);
    expect(left.json).toMatchObject({ status: 'left', sessionId });
    const audit = await h.sys.knex('audit_log').where({ action: 'waitlist.left', subject_id: sessionId });
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ placeId, seats: 1 });
    const again = await api('POST', url);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', details: { reason: 'left' } });
    expect(await h.sys.knex('audit_log').where({ action: 'waitlist.left', subject_id: sessionId })).toHaveLength(1);
    expect((await api('GET', `/api/v1/services/${service}/sessions/${sessionId}/waitlist`)).json.items.map((i: { status: string }) => i.status)).toEqual(['left']);
    // Both doors are in the API's document, answering the place.
    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/api/v1/services/{key}/sessions/{id}/waitlist/{placeId}/leave', '/public/v1/waitlist/{token}/leave']) {
      expect(doc.paths[path]?.post?.responses['200'].content['application/json'].schema, path).toEqual({ $ref: '#/components/schemas/WaitlistPlace' });
    }
  });
});

describe('two contacts merged', () => {
  it('their places move to the contact kept; both in one line, the one further along stays; an undo moves them back', async () => {
    const s1 = await aFullSession('Merge class one', 23);
    const s2 = await aFullSession('Merge class two', 24);
    const keepWho = aCustomer();
    const mergeWho = aCustomer();
    const keptFirst = await joinFromWebsite(s1.sessionId, keepWho);
    const mergedSecond = await joinFromWebsite(s1.sessionId, mergeWho);
    const mergedOnly = await joinFromWebsite(s2.sessionId, mergeWho);
    const contactOf = async (token: string) => (await h.sys.knex('session_waitlist').where({ token }).first('contact_id')).contact_id as string;
    const keepId = await contactOf(keptFirst.json.token);
    const mergeId = await contactOf(mergedSecond.json.token);
    expect(keepId).not.toBe(mergeId);

    const merged = await api('POST', `/api/v1/contacts/${keepId}/merge`, { mergeContactId: mergeId });
    expect(merged.status, JSON.stringify(merged.json)).toBe(200);
    expect(await contactOf(mergedOnly.json.token)).toBe(keepId);
    expect(await statusOf(mergedOnly.json.token)).toBe('waiting');
    // One person waits once per session: the earlier place stays, the later one left.
    expect(await statusOf(keptFirst.json.token)).toBe('waiting');
    expect(await statusOf(mergedSecond.json.token)).toBe('left');
    expect(await contactOf(mergedSecond.json.token)).toBe(keepId);
    // Their places follow them: the freed seat of the second session is offered to the kept contact.
    await cancelBooking(s2.walkIn);
    expect(await h.sys.knex('session_waitlist').where({ token: mergedOnly.json.token }).first('status', 'contact_id')).toEqual({ status: 'offered', contact_id: keepId });

    const undone = await api('POST', `/api/v1/contacts/${keepId}/merges/${merged.json.mergeId}/undo`);
    expect(undone.status, JSON.stringify(undone.json)).toBe(200);
    expect(await contactOf(mergedOnly.json.token)).toBe(mergeId);
    expect(await contactOf(mergedSecond.json.token)).toBe(mergeId);
    expect(await contactOf(keptFirst.json.token)).toBe(keepId);
  });
});
