import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, sentTo, waitForMessageTo } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * A case whose type staff correct is posted again, as it is now, to every group routed for it:
 * the group that had the old card sees the new type below it, and the group of the new type, which
 * never had the case, gets it. Once per correction. Through the REST API and the fake LINE server.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let topUpGroup: string;
let amountGroup: string;
let supportKey: string;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  ({ groupId: topUpGroup } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['topup_not_credited'] }, language: 'en' }));
  ({ groupId: amountGroup } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['wrong_amount'] }, language: 'en' }));
  const staff = await api('POST', '/api/v1/staff', { displayName: 'Somchai', role: 'support', language: 'en' });
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support', staffId: staff.json.id })).json.key;
}, 60_000);
afterAll(() => h?.close());

const cardsFor = (group: string, number: string) => sentTo(h, group).filter((m) => m.type === 'flex' && String(m.altText).includes(number));

describe('a corrected case type', () => {
  it("brings the card, as it is now, to the new type's group, once", async () => {
    const c = await openTopUpCase(h.sys);
    await waitForMessageTo(h, topUpGroup, (m) => m.type === 'flex' && String(m.altText).includes(c.number), 20_000);
    expect(cardsFor(amountGroup, c.number)).toHaveLength(0);

    const version = (await api('GET', `/api/v1/cases/${c.number}`)).json.version;
    const corrected = await api('POST', `/api/v1/cases/${c.number}/corrections`, { caseType: 'wrong_amount', reason: 'Charged twice, not a top-up', expectedVersion: version }, supportKey);
    expect(corrected.status, JSON.stringify(corrected.json)).toBe(200);

    const newCard = await waitForMessageTo(h, amountGroup, (m) => m.type === 'flex' && String(m.altText).includes(c.number), 20_000);
    expect(String(newCard.altText)).toContain('Wrong amount');
    // Recorded on the case, once, with where it went.
    const record = await until(async () => h.sys.knex('case_events').where({ case_id: c.id, type: 'staff_alerted' }).whereRaw(`data->>'kind' = 'corrected'`).first());
    const amountGroupId = (await h.sys.knex('staff_groups').where({ line_group_id: amountGroup }).first('id')).id;
    expect(record.data.to).toEqual([{ groupId: amountGroupId }]);
    await untilSettled(h.sys.knex);
    expect(cardsFor(amountGroup, c.number)).toHaveLength(1);
  });
});
