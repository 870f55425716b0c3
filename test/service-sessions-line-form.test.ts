import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';

/**
 * The booking form inside LINE books seats of a session in the booking's own transaction, like
 * the other doors (docs/bookings.md, "Sessions and seats"): the last seat goes to one LINE user,
 * the others are told it is full and nothing of theirs is written (not even their LINE contact).
 */
let h: LiffHarness;
beforeAll(async () => {
  h = await startLiffHarness();
});
afterAll(() => h?.close());

describe('the form inside LINE and a session', () => {
  it('five LINE users at once for the last 2 seats: 2 bookings, 3 told it is full in Thai and English, nothing of theirs written', async () => {
    const service = await h.bookableService({ name: { th: 'คลาสซูชิ', en: 'Sushi class' }, durationMinutes: 120, capacity: 8 });
    const zone = (await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).first('time_zone')).time_zone;
    const date = new Date(new Date(`${localMoment(zone).date}T00:00:00Z`).getTime() + 4 * 86_400_000).toISOString().slice(0, 10);
    const made = await apiClient(h.sys)('POST', `/api/v1/services/${service}/sessions`, { date, time: '10:00', capacity: 2 });
    expect(made.status).toBe(201);
    const sessionId = made.json.items[0].id;
    const users = Array.from({ length: 5 }, () => lineId('U'));
    const answers = await Promise.all(
      users.map((u, i) =>
        h.pub('POST', '/liff-api/v1/bookings', {
          headers: { authorization: `Bearer ${h.idToken(u, { name: `Guest ${i}` })}`, 'idempotency-key': randomUUID() },
          body: { session_id: sessionId, name: `Guest ${i}`, language: 'th' },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.json.error.code])).toEqual([
      [409, 'session_full'],
      [409, 'session_full'],
      [409, 'session_full'],
    ]);
    expect(refused[0].json.error.details.customerMessage.th).toContain('คลาสซูชิ');
    const bookings = await h.sys.knex('bookings').where({ session_id: sessionId });
    expect(bookings.map((b) => [b.requested_date, String(b.requested_time).slice(0, 5), b.session_seats])).toEqual([
      [date, '10:00', 1],
      [date, '10:00', 1],
    ]);
    expect(await h.sys.knex('service_sessions').where({ id: sessionId }).first('seats_taken')).toEqual({ seats_taken: 2 });
    // The refused LINE users did not become contacts, and their keys were not kept.
    const refusedUsers = users.filter((_, i) => answers[i].status !== 201);
    expect(await h.sys.knex('contact_identities').whereIn('external_id', refusedUsers)).toEqual([]);
    expect(await h.sys.knex('contact_identities').whereIn('external_id', users.filter((u) => !refusedUsers.includes(u)))).toHaveLength(2);
  });
});
