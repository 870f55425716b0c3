import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * `/liff-api/v1/dashboard/names`: what the dashboard calls the keys its reports carry, in the
 * org's own words (the taxonomy's case type names, the catalog's services, the pipeline's stage
 * labels), for any staff member who reads the dashboard, and only their org's.
 */
let h: LiffHarness;
let manager: EnrolledStaff;
let support: EnrolledStaff;
beforeAll(async () => {
  h = await startLiffHarness();
  manager = await enrolStaff(h, { displayName: 'Mali Manager', role: 'manager' });
  support = await enrolStaff(h, { displayName: 'Sam Support', role: 'support' });
}, 90_000);
afterAll(() => h?.close());

const get = (token: string) => h.pub('GET', '/liff-api/v1/dashboard/names', { headers: { authorization: `Bearer ${token}` } });

describe("the dashboard's names", () => {
  it("gives the org's case type, service and stage names as they are in the database", async () => {
    const orgId = h.sys.defaultOrgId;
    await h.sys.knex('case_types').where({ org_id: orgId, key: 'order_not_delivered' }).update({ name_en: 'Parcel never came' });
    for (const who of [manager, support]) {
      const res = await get(h.idToken(who.lineUserId));
      expect(res.status).toBe(200);
      const types = await h.sys.knex('case_types').where({ org_id: orgId });
      expect(Object.keys(res.json.caseTypes).sort()).toEqual(types.map((t) => t.key).sort());
      expect(res.json.caseTypes.order_not_delivered).toEqual({ th: types.find((t) => t.key === 'order_not_delivered')!.name_th, en: 'Parcel never came' });
      const spa = await h.sys.knex('services').where({ org_id: orgId, key: 'spa_massage' }).first();
      expect(res.json.services.spa_massage).toEqual({ th: spa.name_th, en: spa.name_en });
      expect(res.json.stages.new).toEqual({ th: expect.any(String), en: expect.any(String) });
    }
    // Another org's services are not here.
    const other = await h.otherOrg({ key: 'other_only_service', name: { th: 'อื่น', en: 'Elsewhere' } });
    expect(other.id).not.toBe(orgId);
    expect((await get(h.idToken(manager.lineUserId))).json.services.other_only_service).toBeUndefined();
  });

  it('is refused to someone who is not staff, and is in the OpenAPI document', async () => {
    expect((await get(h.idToken(lineId('U')))).status).toBe(403);
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    expect(doc.paths['/liff-api/v1/dashboard/names'].get).toBeDefined();
  });
});
