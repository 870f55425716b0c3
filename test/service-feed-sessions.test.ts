import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystemIn, type TestSystem } from './support/test-system.ts';

/**
 * The catalog feed (`GET /public/v1/services`) with sessions (docs/bookings.md, "Sessions and
 * seats"): each service says whether it is booked by session and lists its next sessions with
 * room; a seat taken changes the feed's ETag, so a website asking with `If-None-Match` is not
 * answered 304 with seats that are gone.
 */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const ZONE = 'Asia/Bangkok';

beforeAll(async () => {
  sys = await startTestSystemIn(ZONE);
});
afterAll(() => sys?.stopAll());

const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
const inDays = (n: number) => addDays(localMoment(ZONE).date, n);

async function aService(key: string): Promise<string> {
  const r = await api('POST', '/api/v1/services', { key, name: { th: 'คลาสทำขนม', en: 'Dessert class' }, durationMinutes: 120, capacity: 12 });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return key;
}

async function sessions(service: string, body: Record<string, unknown>) {
  const r = await api('POST', `/api/v1/services/${service}/sessions`, body);
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.items as { id: string; date: string; time: string }[];
}

const staffBooking = (body: Record<string, unknown>) =>
  api('POST', '/api/v1/bookings', { language: 'en', name: 'Guest', email: `g.${randomUUID().slice(0, 8)}@example.com`, ...body });

const feed = (headers: Record<string, string> = {}) => fetch(`${sys.url}/public/v1/services?limit=100`, { headers });
const itemOf = async (res: Response, key: string) => ((await res.json()) as { items: { key: string }[] }).items.find((s) => s.key === key) as any;

describe('the catalog feed with sessions', () => {
  it('gives each service whether it is booked by session and its next sessions with room, at most five, with the seats left when few', async () => {
    const key = await aService('dessert_class');
    const [full] = await sessions(key, { date: inDays(3), time: '10:00', capacity: 1 });
    const [lastSeat] = await sessions(key, { date: inDays(4), time: '13:30', capacity: 2 });
    const [roomy] = await sessions(key, { date: inDays(5), time: '09:00', capacity: 12 });
    expect((await staffBooking({ session_id: full.id })).status).toBe(201);
    expect((await staffBooking({ session_id: lastSeat.id })).status).toBe(201);

    const res = await feed();
    expect(res.status).toBe(200);
    // Seats change by the minute: a minute of caching while a service is booked by session.
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const item = await itemOf(res, key);
    expect(item.bookedBySession).toBe(true);
    expect(item.nextSessions).toEqual([
      { sessionId: lastSeat.id, date: inDays(4), time: '13:30', startsAt: expect.any(String), endsAt: expect.any(String), seatsLeft: 1, fewLeft: true },
      { sessionId: roomy.id, date: inDays(5), time: '09:00', startsAt: expect.any(String), endsAt: expect.any(String), seatsLeft: 12, fewLeft: false },
    ]);

    // A weekly class: only the next five are listed (the availability route has them all).
    const weekly = await aService('weekly_class');
    const made = await sessions(weekly, { date: inDays(1), time: '18:00', repeat: { weekdays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], until: inDays(10) } });
    expect(made.length).toBeGreaterThan(5);
    const listed = (await itemOf(await feed(), weekly)).nextSessions;
    expect(listed.map((s: { sessionId: string }) => s.sessionId)).toEqual(made.slice(0, 5).map((s) => s.id));

    // A service without sessions is booked by a date and a time, as before.
    const sushi = await itemOf(await feed(), 'sushi_class');
    expect(sushi).toMatchObject({ bookedBySession: false, nextSessions: [] });
  });

  it('a booking that takes a seat changes the ETag: asked again with the old one, the new seats come back, not a 304', async () => {
    const key = await aService('pastry_class');
    const [s] = await sessions(key, { date: inDays(6), time: '14:00', capacity: 3 });
    const first = await feed();
    const etag = first.headers.get('etag')!;
    expect((await itemOf(first, key)).nextSessions[0]).toMatchObject({ sessionId: s.id, seatsLeft: 3, fewLeft: true });
    expect((await feed({ 'if-none-match': etag })).status).toBe(304);

    // A customer books a seat through the website's form.
    const booked = await fetch(`${sys.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ session_id: s.id, name: 'Web Guest', email: `w.${randomUUID().slice(0, 8)}@example.com`, language: 'th' }),
    });
    expect(booked.status).toBe(201);
    await formBooked(sys.knex, (await booked.json()).booking_id);

    const after = await feed({ 'if-none-match': etag });
    expect(after.status).toBe(200);
    const etag2 = after.headers.get('etag')!;
    expect(etag2).not.toBe(etag);
    expect((await itemOf(after, key)).nextSessions[0]).toMatchObject({ sessionId: s.id, seatsLeft: 2 });

    // The last two seats taken: the session leaves the list, the service is still booked by session.
    expect((await staffBooking({ session_id: s.id, travelers: 2 })).status).toBe(201);
    const gone = await feed({ 'if-none-match': etag2 });
    expect(gone.status).toBe(200);
    expect(await itemOf(gone, key)).toMatchObject({ bookedBySession: true, nextSessions: [] });
  });

  it('the OpenAPI document describes the new fields', async () => {
    const doc = await (await fetch(`${sys.url}/api/v1/openapi.json`)).json();
    const item = doc.components.schemas.ServiceFeed.properties.items.items;
    expect(item.required).toEqual(expect.arrayContaining(['bookedBySession', 'nextSessions']));
    expect(item.properties.nextSessions).toMatchObject({ type: 'array', maxItems: 5, items: { $ref: '#/components/schemas/SessionWithRoom' } });
    expect(doc.components.schemas.SessionWithRoom.required).toEqual(['sessionId', 'date', 'time', 'startsAt', 'endsAt', 'seatsLeft', 'fewLeft']);
    expect(doc.components.schemas.Availability.properties.items.items).toEqual({ $ref: '#/components/schemas/SessionWithRoom' });
  });
});
