import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, openTopUpCase } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/** Admin-editable texts, and master data that cases still use. */
let sys: TestSystem;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
});
afterAll(() => sys?.stopAll());

describe('templates', () => {
  it('lets an admin change a text, audited', async () => {
    const res = await api('PUT', '/api/v1/templates/case_resolved/en', { body: 'Case {{case_id}} is fixed. Track it: {{tracking_url}}' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ key: 'case_resolved', language: 'en', body: 'Case {{case_id}} is fixed. Track it: {{tracking_url}}' });
    expect(await sys.knex('audit_log').where({ action: 'template.updated' }).first()).toBeDefined();
  });

  it('refuses a variable the product does not fill, and changes nothing', async () => {
    const before = await sys.knex('templates').where({ org_id: sys.defaultOrgId, key: 'case_created', language: 'th' }).first();
    const res = await api('PUT', '/api/v1/templates/case_created/th', { body: 'เคส {{case_id}} ของคุณ {{customer_name}} ค่ะ' });
    expect(res.status).toBe(422);
    expect(res.json.error.details.unknown).toEqual(['customer_name']);
    expect(await sys.knex('templates').where({ id: before.id }).first()).toMatchObject({ body: before.body });
  });

  it('404s a template that does not exist', async () => {
    expect((await api('PUT', '/api/v1/templates/no_such_text/en', { body: 'x' })).status).toBe(404);
    expect((await api('PUT', '/api/v1/templates/case_created/fr', { body: 'x' })).status).toBe(404);
  });
});

describe('a case type that cases use', () => {
  it('is deactivated, not deleted: its cases keep it, and the database refuses to delete it', async () => {
    const c = await openTopUpCase(sys);
    const off = await api('DELETE', '/api/v1/case-types/topup_not_credited');
    expect(off.status).toBeLessThan(300);
    const row = await sys.knex('cases').join('case_types', 'case_types.id', 'cases.case_type_id').select('case_types.key', 'case_types.is_active').where('cases.id', c.id).first();
    expect(row).toEqual({ key: 'topup_not_credited', is_active: false });
    expect((await api('GET', `/api/v1/cases/${c.number}`)).json.type).toBe('topup_not_credited');
    await expect(sys.knex('case_types').where({ org_id: sys.defaultOrgId, key: 'topup_not_credited' }).delete()).rejects.toMatchObject({ code: '23503' });
    // New cases of it are not opened any more.
    await expect(openTopUpCase(sys)).rejects.toMatchObject({ code: 'not_found' });
  });
});
