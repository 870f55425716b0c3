import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * The bookings figures on a hand-built week (Mon 2 to Sun 8 March 2026, Asia/Bangkok, business
 * hours Mon-Fri 09:00-18:00). The rows are written as the bookings' owner would have written
 * them, with the times set by hand; every expected number is worked out in the comments.
 *
 * BK1 web, utm google/cpc/spring, Mon 09:00 in new. Staff: contacted 09:30 (first contact 30/30),
 *     quoted with a quote sent 11:00 (quote 120/120, THB 12,000.00), the customer accepts Tue 10:00
 *     and it is confirmed. Revenue THB 12,000.00.
 * BK2 web, google/cpc/spring, Mon 17:00 in new. Contacted Tue 09:30 (business 60 + 30 = 90,
 *     calendar 16 h 30 = 990), quote sent Tue 10:00 (business 60 + 60 = 120, calendar 17 h = 1020),
 *     declined Wed 09:00, lost (price).
 * BK3 line, no utm, Tue 08:00 in collecting (chat): the customer confirms the details 08:10 (new:
 *     arrival), staff confirm it 09:10 (first contact: business 10, calendar 60), completed Thu 12:00.
 *     No quote: revenue without an amount.
 * BK4 web, facebook/social, no campaign, Wed 10:00, still new: first contact pending.
 * BK5 web, facebook/social, Wed 14:00. Contacted 14:20 (20/20), quote sent Thu 09:00 (business
 *     14:00-18:00 = 240, calendar 19 h = 1140, USD 300.00), unanswered: quoted.
 * BK6 api, no utm, Thu 10:00, the customer cancels 11:00: no contact.
 * BK7 web, Sun 1 March 23:00 local: before the week.
 * BK8 web, no utm, Mon 06:00 local = Sun 1 March 23:00 UTC: in the week only in the org's zone.
 *     Declined by staff 09:05 (a decline is no first contact).
 *
 * Funnel (at or beyond): new 7, contacted 4 (1, 2, 3, 5), quoted 4, confirmed 2 (1, 3), completed 1.
 * First contact: 4 done, avg business (30+90+10+20)/4 = 37.5, calendar (30+990+60+20)/4 = 275,
 * p90 (4th of 4) 90 and 990; pending 1 (BK4). Quote: 3 sent, avg 160 / 760, p90 240 / 1140.
 * Acceptance 1/3. Attribution: (none) 3 (BK3, 6, 8: 1 confirmed), facebook 2, google 2 (1 confirmed).
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let supportKey: string;
let contactId: string;
const num: Record<string, string> = {};
const at = (local: string) => new Date(`${local}+07:00`);
const WEEK = 'from=2026-03-02&to=2026-03-08';

type Ev = [type: string, local: string, actor: 'staff' | 'customer' | 'system', data?: Record<string, unknown>];

async function booking(name: string, source: string, utm: Record<string, string>, createdLocal: string, stage: string, events: Ev[], quotes: { currency: string; minor: number; status: string; sentLocal: string }[] = []) {
  const orgId = sys.defaultOrgId;
  const number = `B-T${name}`;
  num[name] = number;
  const [row] = await sys.knex('bookings').insert({ org_id: orgId, number, contact_id: contactId, stage, source, utm: JSON.stringify(utm), lost_reason: stage === 'lost' ? 'price' : null, created_at: at(createdLocal) }).returning('id');
  const all: Ev[] = [['created', createdLocal, 'customer'], ...events];
  for (const [type, local, actor, data] of all) {
    await sys.knex('booking_events').insert({ org_id: orgId, booking_id: row.id, type, actor_type: actor, data: JSON.stringify(data ?? {}), created_at: at(local) });
  }
  let version = 1;
  for (const q of quotes) {
    await sys.knex('booking_quotes').insert({
      org_id: orgId, booking_id: row.id, version: version++, status: q.status, currency: q.currency, subtotal_minor: q.minor, total_minor: q.minor,
      valid_until: '2026-03-31', token: randomUUID(), created_by_type: 'staff', sent_at: at(q.sentLocal),
    });
  }
}

const move = (from: string, to: string, local: string, actor: 'staff' | 'customer' = 'staff'): Ev => ['stage_changed', local, actor, { from, to }];

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({
    time_zone: 'Asia/Bangkok',
    business_hours: JSON.stringify(Object.fromEntries(weekdays.map((d) => [d, [['09:00', '18:00']]]))),
    holidays: JSON.stringify([]),
  });
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
  [{ id: contactId }] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Booker' }).returning('id');
  const google = { source: 'google', medium: 'cpc', campaign: 'spring' };
  const facebook = { source: 'facebook', medium: 'social' };
  await booking('1', 'web', google, '2026-03-02T09:00', 'confirmed', [
    move('new', 'contacted', '2026-03-02T09:30'),
    move('contacted', 'quoted', '2026-03-02T11:00'),
    ['quote_sent', '2026-03-02T11:00', 'staff', { version: 1 }],
    ['quote_accepted', '2026-03-03T10:00', 'customer', { version: 1 }],
    move('quoted', 'confirmed', '2026-03-03T10:00', 'customer'),
  ], [{ currency: 'THB', minor: 1_200_000, status: 'accepted', sentLocal: '2026-03-02T11:00' }]);
  await booking('2', 'web', google, '2026-03-02T17:00', 'lost', [
    move('new', 'contacted', '2026-03-03T09:30'),
    move('contacted', 'quoted', '2026-03-03T10:00'),
    ['quote_sent', '2026-03-03T10:00', 'staff', { version: 1 }],
    ['quote_declined', '2026-03-04T09:00', 'customer', { version: 1, reason: 'price' }],
    move('quoted', 'lost', '2026-03-04T09:00'),
  ], [{ currency: 'THB', minor: 500_050, status: 'declined', sentLocal: '2026-03-03T10:00' }]);
  await booking('3', 'line', {}, '2026-03-03T08:00', 'completed', [
    move('collecting', 'pending_confirmation', '2026-03-03T08:05', 'customer'),
    move('pending_confirmation', 'new', '2026-03-03T08:10', 'customer'),
    move('new', 'confirmed', '2026-03-03T09:10'),
    move('confirmed', 'completed', '2026-03-05T12:00'),
  ]);
  await booking('4', 'web', facebook, '2026-03-04T10:00', 'new', []);
  await booking('5', 'web', facebook, '2026-03-04T14:00', 'quoted', [
    move('new', 'contacted', '2026-03-04T14:20'),
    move('contacted', 'quoted', '2026-03-05T09:00'),
    ['quote_sent', '2026-03-05T09:00', 'staff', { version: 1 }],
  ], [{ currency: 'USD', minor: 30_000, status: 'sent', sentLocal: '2026-03-05T09:00' }]);
  await booking('6', 'api', {}, '2026-03-05T10:00', 'cancelled', [move('new', 'cancelled', '2026-03-05T11:00', 'customer')]);
  await booking('7', 'web', {}, '2026-03-01T23:00', 'new', []);
  await booking('8', 'web', {}, '2026-03-02T06:00', 'declined', [move('new', 'declined', '2026-03-02T09:05')]);
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

describe('GET /api/v1/analytics/bookings', () => {
  it('counts the funnel, the times, the quotes, the revenue and the attribution of the week, as worked out by hand', async () => {
    const r = await api('GET', `/api/v1/analytics/bookings?${WEEK}`, undefined, supportKey);
    expect(r.status).toBe(200);
    const b = r.json;
    expect(b.bookings.value).toBe(7);
    expect(b.funnel.map((s: { stage: string; reached: { value: number } }) => [s.stage, s.reached.value])).toEqual([
      ['new', 7], ['contacted', 4], ['quoted', 4], ['confirmed', 2], ['completed', 1],
    ]);
    expect(b.funnel.map((s: { conversionFromPrevious: number | null }) => s.conversionFromPrevious)).toEqual([null, 0.5714, 1, 0.5, 0.5]);
    expect(b.conversionRate).toBe(0.2857);
    expect([b.outcomes.lost.value, b.outcomes.declined.value, b.outcomes.cancelled.value, b.outcomes.open.value]).toEqual([1, 1, 1, 3]);
    expect(b.stagesNow).toEqual(['cancelled', 'completed', 'confirmed', 'declined', 'lost', 'new', 'quoted'].map((stage) => ({ stage, bookings: 1 })));
    expect(b.timeToFirstContact).toMatchObject({ done: { value: 4 }, pending: { value: 1 }, averageBusinessMinutes: 37.5, averageCalendarMinutes: 275, p90BusinessMinutes: 90, p90CalendarMinutes: 990 });
    expect(b.timeToQuote).toMatchObject({ done: { value: 3 }, pending: { value: 0 }, averageBusinessMinutes: 160, averageCalendarMinutes: 760, p90BusinessMinutes: 240, p90CalendarMinutes: 1140 });
    expect(b.quotes).toMatchObject({ sent: { value: 3 }, accepted: { value: 1 }, declined: { value: 1 }, acceptanceRate: 0.3333 });
    expect(b.revenue.byCurrency).toMatchObject([{ currency: 'THB', amountMinor: 1_200_000, amount: 12_000, bookings: { value: 1 } }]);
    expect(b.revenue.withoutAmount.value).toBe(1);
    expect(b.attribution.map((a: { utmSource: string; utmMedium: string; utmCampaign: string; bookings: { value: number }; confirmed: { value: number }; conversionRate: number }) => [a.utmSource, a.utmMedium, a.utmCampaign, a.bookings.value, a.confirmed.value, a.conversionRate])).toEqual([
      ['(none)', '(none)', '(none)', 3, 1, 0.3333],
      ['facebook', 'social', '(none)', 2, 0, 0],
      ['google', 'cpc', 'spring', 2, 1, 0.5],
    ]);
    expect(b.attribution[2].revenue).toEqual([{ currency: 'THB', amountMinor: 1_200_000, amount: 12_000 }]);
  });

  it('drills from every figure to the bookings behind it', async () => {
    const b = (await api('GET', `/api/v1/analytics/bookings?${WEEK}`)).json;
    const drill = async (path: string) => (await api('GET', path)).json.bookings.map((x: { number: string }) => x.number);
    expect(await drill(b.timeToFirstContact.pending.drill)).toEqual([num['4']]);
    expect(await drill(b.funnel[3].reached.drill)).toEqual([num['1'], num['3']]);
    expect(await drill(b.revenue.byCurrency[0].bookings.drill)).toEqual([num['1']]);
    expect(await drill(b.revenue.withoutAmount.drill)).toEqual([num['3']]);
    expect(await drill(b.quotes.declined.drill)).toEqual([num['2']]);
    expect(await drill(b.attribution[0].bookings.drill)).toEqual([num['3'], num['6'], num['8']]);
    expect(await drill(b.attribution[2].confirmed.drill)).toEqual([num['1']]);
  });

  it('filters by source and UTM', async () => {
    const count = async (q: string) => (await api('GET', `/api/v1/analytics/bookings?${WEEK}&${q}`)).json.bookings.value;
    expect(await count('utmSource=google')).toBe(2);
    expect(await count('source=line')).toBe(1);
    expect(await count('utmCampaign=(none)')).toBe(5);
    expect(await count('utmSource=facebook&utmMedium=social')).toBe(2);
  });

  it('answers its tables as CSV', async () => {
    const res = await fetch(`${sys.url}/api/v1/analytics/bookings?${WEEK}&format=csv&table=attribution`, { headers: { authorization: `Bearer ${supportKey}` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('utmSource,utmMedium,utmCampaign,bookings.value,bookings.drill,confirmed.value,confirmed.drill,conversionRate,revenue');
    expect(lines[3]).toMatch(/^google,cpc,spring,2,.*,1,.*,0\.5,12000 THB$/);
    const funnel = await fetch(`${sys.url}/api/v1/analytics/bookings?${WEEK}`, { headers: { authorization: `Bearer ${supportKey}`, accept: 'text/csv' } });
    expect((await funnel.text()).split('\r\n')[1]).toMatch(/^new,7,/);
  });

  it('refuses bad input with 422', async () => {
    for (const [q, why] of [
      [`${WEEK}&caseType=x`, /caseType/],
      ['from=2026-03-08&to=2026-03-02', /ends before/],
      ['from=2026-03-02', /both/],
      [`${WEEK}&source=fax`, /source/],
      [`${WEEK}&service=nope`, /Unknown service/],
      [`${WEEK}&assignee=${randomUUID()}`, /Unknown staff/],
      [`${WEEK}&format=csv&table=nope`, /Unknown table/],
      ['from=2025-01-01&to=2026-03-08', /366/],
    ] as const) {
      const r = await api('GET', `/api/v1/analytics/bookings?${q}`);
      expect([q, r.status]).toEqual([q, 422]);
      expect(JSON.stringify(r.json)).toMatch(why);
    }
    expect((await api('GET', `/api/v1/analytics/bookings/list?${WEEK}&figure=nope`)).status).toBe(422);
    expect((await api('GET', `/api/v1/analytics/bookings/list?${WEEK}&currency=baht`)).status).toBe(422);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await fetch(`${sys.url}/api/v1/openapi.json`)).json();
    expect(doc.paths['/api/v1/analytics/bookings'].get.tags).toEqual(['analytics']);
    expect(doc.paths['/api/v1/analytics/bookings/list']).toBeDefined();
  });
});
