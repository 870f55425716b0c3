import { DEFAULT_ANALYTICS_RULES } from '../core/contracts/analytics.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/test-system.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';

/** The org's settings through the admin API: validated, merged into orgs.settings, audited, guarded by role, and used. */
let sys: TestSystem;
let supportKey: string;
let managerKey: string;
let ceoKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  const key = async (role: string) => (await api('POST', '/api/v1/api-keys', { name: role, role })).json.key as string;
  [supportKey, managerKey, ceoKey] = [await key('support'), await key('manager'), await key('ceo')];
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const orgRow = async () => sys.knex('orgs').select('settings', 'time_zone').where({ id: sys.defaultOrgId }).first();
const audits = async () => sys.knex('audit_log').where({ org_id: sys.defaultOrgId, action: 'org.settings_updated' }).orderBy('id');

describe('org settings through the admin API', () => {
  it('shows every setting with its default while nothing is set, and is in the OpenAPI document', async () => {
    const res = await api('GET', '/api/v1/org/settings');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      reopenWindowHours: 72,
      orderIdPatterns: [],
      rootCauses: [],
      topupCreditWindowMinutes: 10,
      actWhenSure: 80,
      signStaffReplies: false,
      digestTime: '09:00',
      staffScoreWeights: { sla: 40, speed: 30, load: 20, customerImpact: 10 },
      analyticsRules: DEFAULT_ANALYTICS_RULES,
      publicFormLimit: null,
      inboundEventRetentionDays: 30,
      bookingFormOrigins: [],
      customerNotices: { workStarted: true, waitingCustomer: true, resolved: true, satisfaction: true },
      staffAlerts: { slaWarning: true, escalated: true, paymentAlert: true, providerOverdue: true },
      responseTimes: { firstResponseMinutes: 15, nextResponseMinutes: 30, warnAtRatio: 0.75 },
      learnFromStaff: true,
      waitlistOfferMinutes: 120,
      providerHealth: { failedOrders: 5, windowMinutes: 60, autoPause: false },
      paymentRule: { kind: 'full' },
      balanceReminderDays: 3,
      membership: { pointsPerBaht: 1, tiers: [], cancelCreditHours: 24, adjustmentApprovalAbove: { credits: 5, walletMinor: 100000, points: 1000 }, expiryNoticeDays: 7 },
      documentSeller: null,
      timeZone: 'Asia/Bangkok',
    });
    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    expect(Object.keys(doc.paths['/api/v1/org/settings'])).toEqual(['get', 'patch']);
    expect(doc.paths['/api/v1/org/settings'].patch['x-permission']).toBe('org.settings.manage');
  });

  it('merges a change into orgs.settings, keeping keys it does not know, and records who changed what', async () => {
    await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ settings: sys.knex.raw(`settings || '{"legacyFlag": "keep me"}'::jsonb`) });
    const change = {
      reopenWindowHours: 24,
      orderIdPatterns: ['\\bMX-(\\d{2}-\\d{4})\\b', 'TU-\\d{3}'],
      topupCreditWindowMinutes: 30,
      signStaffReplies: true,
      actWhenSure: 85,
      digestTime: '18:30',
      timeZone: 'Asia/Tokyo',
    };
    const patched = await api('PATCH', '/api/v1/org/settings', change);
    expect(patched.status).toBe(200);
    const expected = { ...change, rootCauses: [], staffScoreWeights: { sla: 40, speed: 30, load: 20, customerImpact: 10 }, analyticsRules: DEFAULT_ANALYTICS_RULES, publicFormLimit: null, inboundEventRetentionDays: 30, bookingFormOrigins: [], customerNotices: { workStarted: true, waitingCustomer: true, resolved: true, satisfaction: true }, staffAlerts: { slaWarning: true, escalated: true, paymentAlert: true, providerOverdue: true }, responseTimes: { firstResponseMinutes: 15, nextResponseMinutes: 30, warnAtRatio: 0.75 }, learnFromStaff: true, waitlistOfferMinutes: 120, providerHealth: { failedOrders: 5, windowMinutes: 60, autoPause: false }, paymentRule: { kind: 'full' }, balanceReminderDays: 3, membership: { pointsPerBaht: 1, tiers: [], cancelCreditHours: 24, adjustmentApprovalAbove: { credits: 5, walletMinor: 100000, points: 1000 }, expiryNoticeDays: 7 }, documentSeller: null };
    expect(patched.json).toEqual(expected);
    expect((await api('GET', '/api/v1/org/settings')).json).toEqual(expected);

    const row = await orgRow();
    expect(row.time_zone).toBe('Asia/Tokyo');
    const { timeZone: _zone, ...stored } = change;
    expect(row.settings).toEqual({ legacyFlag: 'keep me', ...stored });
    const [audit] = await audits();
    expect(audit.details.changed.sort()).toEqual(Object.keys(change).sort());
    expect(audit.details.before).toMatchObject({ timeZone: 'Asia/Bangkok', digestTime: null });
    expect(audit.details.after).toMatchObject({ timeZone: 'Asia/Tokyo', digestTime: '18:30' });

    // null puts one setting back to its default; the rest stay, and only that key is audited
    const reset = await api('PATCH', '/api/v1/org/settings', { digestTime: null, reopenWindowHours: 24 });
    expect(reset.json).toMatchObject({ digestTime: '09:00', reopenWindowHours: 24, signStaffReplies: true });
    expect((await orgRow()).settings).toEqual({ legacyFlag: 'keep me', ...stored, digestTime: undefined });
    expect('digestTime' in (await orgRow()).settings).toBe(false);
    const all = await audits();
    expect(all).toHaveLength(2);
    expect(all[1].details.changed).toEqual(['digestTime']);
  });

  it('refuses each bad value with 422, saying which one, and changes nothing', async () => {
    const before = await orgRow();
    const auditCount = (await audits()).length;
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ orderIdPatterns: ['ORD-\\d+', 'MX-(\\d+'] }, 'orderIdPatterns.1', /^order id pattern `MX-\(\\d\+` is not a valid regular expression \(RE2 syntax.*\): missing closing \)$/],
      // The linear-time engine has no lookarounds or backreferences: refused, not silently ignored.
      [{ orderIdPatterns: ['ORD-(?=\\d)'] }, 'orderIdPatterns.0', /RE2 syntax/],
      [{ orderIdPatterns: ['(\\w)\\1'] }, 'orderIdPatterns.0', /RE2 syntax/],
      [{ orderIdPatterns: ['x'.repeat(201)] }, 'orderIdPatterns.0', /./],
      [{ digestTime: '24:00' }, 'digestTime', /HH:MM/],
      [{ digestTime: '9:00' }, 'digestTime', /HH:MM/],
      [{ reopenWindowHours: 721 }, 'reopenWindowHours', /./],
      [{ reopenWindowHours: 1.5 }, 'reopenWindowHours', /./],
      [{ topupCreditWindowMinutes: 0 }, 'topupCreditWindowMinutes', /./],
      [{ signStaffReplies: 'yes' }, 'signStaffReplies', /./],
      [{ actWhenSure: 49 }, 'actWhenSure', /50/],
      [{ actWhenSure: 100 }, 'actWhenSure', /99/],
      [{ rootCauses: ['payment_gateway'] }, 'rootCauses.0', /built-in/],
      [{ rootCauses: ['Courier Lost'] }, 'rootCauses.0', /snake case/],
      [{ rootCauses: ['courier_lost', 'courier_lost'] }, 'rootCauses', /twice/],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', /time zone/],
      [{ reopenWindowHours: 48, colour: 'blue' }, '', /colour/],
      [{}, '', /nothing to change/],
    ];
    for (const [body, path, message] of bad) {
      const res = await api('PATCH', '/api/v1/org/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.details, JSON.stringify(body)).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
    }
    expect(await orgRow()).toEqual(before);
    expect(await audits()).toHaveLength(auditCount);
  });

  it('lets admin change, manager and ceo read, and support neither', async () => {
    const before = await orgRow();
    const get = await api('GET', '/api/v1/org/settings', undefined, supportKey);
    expect(get.status).toBe(403);
    expect(get.json.error.details).toMatchObject({ permission: 'org.settings.read' });
    for (const key of [supportKey, managerKey, ceoKey]) {
      const patch = await api('PATCH', '/api/v1/org/settings', { signStaffReplies: false }, key);
      expect(patch.status).toBe(403);
      expect(patch.json.error.details).toMatchObject({ permission: 'org.settings.manage' });
    }
    for (const key of [managerKey, ceoKey]) {
      const get = await api('GET', '/api/v1/org/settings', undefined, key);
      expect(get.status).toBe(200);
      expect(get.json.signStaffReplies).toBe(true);
    }
    expect(await orgRow()).toEqual(before);
  });

  it("takes effect: a case closes with the org's own root cause once it is set", async () => {
    const c = await openTopUpCase(sys);
    const move = (body: Record<string, unknown>) => api('POST', `/api/v1/cases/${c.number}/transitions`, body);
    expect((await move({ to: 'resolved' })).status).toBe(200);
    const refused = await move({ to: 'closed', rootCause: 'courier_lost' });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.allowed).not.toContain('courier_lost');

    const patched = await api('PATCH', '/api/v1/org/settings', { rootCauses: ['courier_lost'] });
    expect(patched.json.rootCauses).toEqual(['courier_lost']);
    const closed = await move({ to: 'closed', rootCause: 'courier_lost' });
    expect(closed.status).toBe(200);
    expect(await sys.knex('cases').where({ id: c.id }).first()).toMatchObject({ status: 'closed', root_cause: 'courier_lost' });
  });
});
