import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../core/analytics/csv-columns.ts';
import { openCase } from '../core/cases/open-case.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * The analytics CSVs as a spreadsheet opens them (core/analytics/csv.ts): moments in the org's
 * time zone with the zone named in the column (`openedAt (Asia/Bangkok)`), and a report with no
 * rows is still its header, for every table that may be empty.
 *
 * One case opened Monday 2 March 2026 at 09:00 in Bangkok (02:00 UTC), resolved at 10:30 as a
 * user error; the period 1-31 January 2026 has nothing at all.
 */
let sys: TestSystem;
let managerKey: string;
let number = '';
const WITH = 'from=2026-03-02&to=2026-03-08';
const EMPTY = 'from=2026-01-01&to=2026-01-31';
const at = (local: string) => new Date(`${local}+07:00`);

/** The endpoint and table of each CSV file name of CSV_COLUMNS. */
function endpointOf(file: string): string {
  if (file === 'cases') return 'cases?figure=cases&table=cases';
  if (file === 'bookings-list') return 'bookings/list?figure=bookings&table=bookings';
  if (file === 'staff-performance') return 'staff-performance?table=staff';
  if (file === 'inbox-conversations') return 'inbox/conversations?figure=conversations&table=conversations';
  const cut = file.lastIndexOf('-');
  return `${file.slice(0, cut)}?table=${file.slice(cut + 1)}`;
}

async function csv(endpoint: string, period: string) {
  const res = await fetch(`${sys.url}/api/v1/analytics/${endpoint}${endpoint.includes('?') ? '&' : '?'}${period}&format=csv`, { headers: { authorization: `Bearer ${managerKey}` } });
  expect([endpoint, res.status, res.headers.get('content-type')]).toEqual([endpoint, 200, 'text/csv; charset=utf-8']);
  return res.text();
}

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  const api = apiClient(sys);
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: 'Asia/Bangkok' });
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  const orgId = sys.defaultOrgId;
  const opened = await sys.knex.transaction((trx) =>
    openCase(trx, { orgId, caseTypeKey: 'topup_not_credited', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'csv', language: 'en', fields: {}, now: at('2026-03-02T09:00:00') }),
  );
  number = opened.number;
  await sys.knex.transaction((trx) => transitionCase(trx, { orgId, caseId: opened.id, to: 'resolved', rootCause: 'user_error', actor: { type: 'staff', id: null }, now: at('2026-03-02T10:30:00') }));
}, 60_000);
afterAll(() => sys?.stopAll());

describe('analytics CSV', () => {
  it("writes moments in the org's time zone and names the zone in the column", async () => {
    for (const endpoint of ['time-tracking?table=cases', 'cases?figure=cases']) {
      const [header, row] = (await csv(endpoint, WITH)).split('\r\n');
      expect(header.split(',')).toContain('openedAt (Asia/Bangkok)');
      expect(header).not.toMatch(/(^|,)openedAt(,|$)/);
      // 02:00 UTC is 09:00 in Bangkok; no UTC instant is left anywhere in the file.
      expect(row.split(',')[header.split(',').indexOf('openedAt (Asia/Bangkok)')]).toBe('2026-03-02 09:00:00');
      expect(row).toContain(number);
      expect(row).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
    // Another zone, other clocks: the same case opened at 03:00 in Paris (UTC+1 in March).
    await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: 'Europe/Paris' });
    try {
      const [header, row] = (await csv('cases?figure=cases', WITH)).split('\r\n');
      expect(header).toBe('number,caseType,status,openedAt (Europe/Paris)');
      expect(row).toBe(`${number},topup_not_credited,resolved,2026-03-02 03:00:00`);
    } finally {
      await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: 'Asia/Bangkok' });
    }
  });

  it('gives an empty report its header row, the same columns its rows have', async () => {
    let [compared, headerOnly] = [0, 0];
    for (const [file, columns] of Object.entries(CSV_COLUMNS)) {
      const endpoint = endpointOf(file);
      const empty = await csv(endpoint, EMPTY);
      const header = empty.split('\r\n')[0];
      expect([file, header.split(',').map((c) => c.replace(' (Asia/Bangkok)', ''))]).toEqual([file, [...columns]]);
      // A table with no rows is the header alone, one line: never a 0-byte file. (Staff and
      // providers are listed whether or not they had cases.)
      if (!['staff-performance', 'providers-providers'].includes(file)) {
        expect([file, empty]).toEqual([file, `${header}\r\n`]);
        headerOnly++;
      }
      // Where the week has rows, they have the very same columns (the list cannot drift from the rows).
      const full = (await csv(endpoint, WITH)).split('\r\n');
      if (full.length > 2) {
        expect([file, full[0]]).toEqual([file, header]);
        compared++;
      }
    }
    // The case above fills at least the per-case tables, staff, providers and root causes.
    expect(compared).toBeGreaterThanOrEqual(5);
    expect(headerOnly).toBe(Object.keys(CSV_COLUMNS).length - 2);
  });

  it('checks the request before the first byte: a bad one is JSON 422, not a CSV', async () => {
    const res = await fetch(`${sys.url}/api/v1/analytics/system-debt?${EMPTY}&format=csv&table=nope`, { headers: { authorization: `Bearer ${managerKey}` } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});
