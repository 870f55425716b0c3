import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleSlaTimers } from '../core/cases/sla-timers.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { configureGroup, enrolStaff, joinGroup, sentTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';

/**
 * The settings an admin changes (issue 13, Settings): what the REST API adds for them (template
 * preview, business hours and holidays, a LINE channel's test message and new credentials, the
 * org's customer-notification switches), each audited, and every bad input refused with nothing
 * written. LINE is the fake LINE server, reached by the real SDK client.
 */
let h: LiffHarness;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  h = await startLiffHarness();
  api = apiClient(h.sys);
}, 60_000);
afterAll(() => h?.close());

const auditCount = async (action: string) => Number((await h.sys.knex('audit_log').where({ action }).count({ n: '*' }).first())!.n);

describe('template preview', () => {
  it('fills a text with sample values in Thai and English, and names the variables the product would leave blank', async () => {
    const before = await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId }).select('id', 'body', 'updated_at').orderBy('id');
    const res = await api('POST', '/api/v1/templates/preview', {
      th: 'เคส {{case_id}} ได้รับแล้ว คาดว่าเสร็จ {{eta}} ดูสถานะ {{tracking_url}}',
      en: 'Case {{case_id}} for {{customer_name}}: {{ status }}',
    });
    expect(res.status).toBe(200);
    expect(res.json.th).toEqual({ text: 'เคส C-000123 ได้รับแล้ว คาดว่าเสร็จ 23 พ.ย. 14:30 ดูสถานะ https://example.com/liff/track/abc123', unknown: [] });
    expect(res.json.en).toEqual({ text: 'Case C-000123 for : Investigating', unknown: ['customer_name'] });
    expect(res.json.unknown).toEqual(['customer_name']);
    expect(res.json.known).toContain('order_id');
    // A preview writes nothing.
    expect(await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId }).select('id', 'body', 'updated_at').orderBy('id')).toEqual(before);
  });

  it('refuses an empty request, and a support key may preview but not save', async () => {
    expect((await api('POST', '/api/v1/templates/preview', {})).status).toBe(422);
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    expect((await api('POST', '/api/v1/templates/preview', { en: 'Hi {{name}}' }, support)).status).toBe(200);
    expect((await api('PUT', '/api/v1/templates/case_created/en', { body: 'Hi {{name}}' }, support)).status).toBe(403);
  });

  it('saving a text with an unknown variable is a 422 naming it, and nothing is saved', async () => {
    const before = await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'case_created', language: 'en' }).first();
    const audits = await auditCount('template.updated');
    const res = await api('PUT', '/api/v1/templates/case_created/en', { body: 'Got it, {{case_id}} for {{nickname}}' });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain('{{nickname}}');
    expect(res.json.error.details.unknown).toEqual(['nickname']);
    expect(await h.sys.knex('templates').where({ id: before.id }).first()).toEqual(before);
    expect(await auditCount('template.updated')).toBe(audits);
  });
});

describe('case types', () => {
  it('a negative SLA is a 422 naming the field, and nothing is saved', async () => {
    const before = await h.sys.knex('case_types').where({ org_id: h.sys.defaultOrgId, key: 'topup_not_credited' }).first();
    const audits = Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n);
    const res = await api('PATCH', '/api/v1/case-types/topup_not_credited', { firstResponseMinutes: -15, sop: 'should not be saved' });
    expect(res.status).toBe(422);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain('firstResponseMinutes');
    expect(await h.sys.knex('case_types').where({ id: before.id }).first()).toEqual(before);
    expect(Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n)).toBe(audits);
  });
});

describe('business hours and holidays', () => {
  it('starts round the clock with no holidays; an admin sets them, audited; a manager reads but may not change them', async () => {
    expect((await api('GET', '/api/v1/org/business-calendar')).json).toEqual({ timeZone: 'Asia/Bangkok', hours: null, holidays: [] });
    const hours = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '12:00'], ['13:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']], sat: [['10:00', '14:00']] };
    const res = await api('PATCH', '/api/v1/org/business-calendar', { hours, holidays: ['2026-12-31', '2026-12-05', '2026-12-05'] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ timeZone: 'Asia/Bangkok', hours, holidays: ['2026-12-05', '2026-12-31'] });
    const org = await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).first();
    expect(org.business_hours).toEqual(hours);
    expect(org.holidays).toEqual(['2026-12-05', '2026-12-31']);
    const audit = await h.sys.knex('audit_log').where({ action: 'org.business_calendar_updated' }).orderBy('id', 'desc').first();
    expect(audit.details.after.holidays).toEqual(['2026-12-05', '2026-12-31']);
    expect(audit.details.before.hours).toBeNull();

    const manager = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
    expect((await api('GET', '/api/v1/org/business-calendar', undefined, manager)).status).toBe(200);
    expect((await api('PATCH', '/api/v1/org/business-calendar', { holidays: [] }, manager)).status).toBe(403);
  });

  it('refuses what the SLA arithmetic cannot count, naming it, and keeps what was there', async () => {
    const before = await h.sys.knex('orgs').select('business_hours', 'holidays').where({ id: h.sys.defaultOrgId }).first();
    const audits = await auditCount('org.business_calendar_updated');
    const bad = [
      [{ hours: { mon: [['09:00', '09:00']] } }, 'no length'],
      [{ hours: { mon: [['25:00', '26:00']] } }, 'HH:MM'],
      [{ hours: { funday: [['09:00', '18:00']] } }, 'funday'],
      [{ hours: {} }, 'no open period'],
      [{ holidays: ['2026-02-30'] }, 'holidays'],
      [{}, 'nothing to change'],
    ] as const;
    for (const [body, says] of bad) {
      const res = await api('PATCH', '/api/v1/org/business-calendar', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(res.json.error), JSON.stringify(body)).toContain(says);
    }
    expect(await h.sys.knex('orgs').select('business_hours', 'holidays').where({ id: h.sys.defaultOrgId }).first()).toEqual(before);
    expect(await auditCount('org.business_calendar_updated')).toBe(audits);
  });

  it('a case opened after the change counts its SLA in the new hours', async () => {
    // A whole week closed but one short window far away: the due time lands in it.
    await api('PATCH', '/api/v1/org/business-calendar', { hours: { sun: [['09:00', '10:00']] }, holidays: [] });
    const opened = await openTestCase(h.sys, 'topup_not_credited');
    const due = opened.resolutionDueAt!;
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(due);
    expect(local).toMatch(/^Sun,? (09|10):/);
    await api('PATCH', '/api/v1/org/business-calendar', { hours: null });
  });
});

describe("the org's customer-notification switches", () => {
  it('are all on by default; with "resolved" off the customer hears nothing when their case is resolved, while "work started" still goes', async () => {
    expect((await api('GET', '/api/v1/org/settings')).json.customerNotices).toEqual({ workStarted: true, waitingCustomer: true, resolved: true, satisfaction: true });
    const off = await api('PATCH', '/api/v1/org/settings', { customerNotices: { workStarted: true, waitingCustomer: true, resolved: false, satisfaction: true } });
    expect(off.status).toBe(200);
    expect(off.json.customerNotices.resolved).toBe(false);
    expect((await h.sys.knex('audit_log').where({ action: 'org.settings_updated' }).orderBy('id', 'desc').first()).details.changed).toEqual(['customerNotices']);

    const customer = lineId('U');
    await h.ask(customer, { text: 'เติมเงิน 500 บาทแล้วเครดิตไม่เข้า ORD-55501' });
    const c = await until(async () => {
      const identity = await h.sys.knex('contact_identities').where({ external_id: customer }).first();
      return identity && (await h.sys.knex('cases').where({ contact_id: identity.contact_id }).first());
    });
    const told = async () => (await h.sys.knex('messages').where({ conversation_id: c.conversation_id, direction: 'out' }).select('text')).map((m) => m.text as string);
    const afterAck = (await told()).length;
    // The notice is queued in the transition's own transaction: it is there when the answer is.
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
    expect((await told()).length).toBe(afterAck + 1);
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'resolved' })).status).toBe(200);
    expect((await told()).length).toBe(afterAck + 1);
    // Switched back on, the next resolution is told.
    await api('PATCH', '/api/v1/org/settings', { customerNotices: null });
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'resolved' })).status).toBe(200);
    expect((await told()).length).toBeGreaterThan(afterAck + 1);
    await api('PATCH', '/api/v1/org/settings', { customerNotices: { workStarted: true, waitingCustomer: true, resolved: false, satisfaction: true } });
  });

  it('with "satisfaction" off no customer is asked for a rating, even where the case type asks; on, they are', async () => {
    expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { notify: { satisfaction: true } })).status).toBe(200);
    const resolveCaseOf = async (text: string) => {
      const customer = lineId('U');
      await h.ask(customer, { text });
      const c = await until(async () => {
        const identity = await h.sys.knex('contact_identities').where({ external_id: customer }).first();
        return identity && (await h.sys.knex('cases').where({ contact_id: identity.contact_id }).first());
      });
      expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
      expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'resolved' })).status).toBe(200);
      return c;
    };
    const asked = async (caseId: string) => Boolean(await h.sys.knex('case_events').where({ case_id: caseId, type: 'satisfaction_requested' }).first());
    const all = { workStarted: true, waitingCustomer: true, resolved: true };
    await api('PATCH', '/api/v1/org/settings', { customerNotices: { ...all, satisfaction: false } });
    const quiet = await resolveCaseOf('เติมเงิน 200 บาทแล้วเครดิตไม่เข้า ORD-66001');
    expect(await asked(quiet.id)).toBe(false);
    await api('PATCH', '/api/v1/org/settings', { customerNotices: { ...all, satisfaction: true } });
    const askedCase = await resolveCaseOf('เติมเงิน 300 บาทแล้วเครดิตไม่เข้า ORD-66002');
    expect(await asked(askedCase.id)).toBe(true);
    await api('PATCH', '/api/v1/case-types/topup_not_credited', { notify: { satisfaction: false } });
    await api('PATCH', '/api/v1/org/settings', { customerNotices: { ...all, resolved: false, satisfaction: true } });
  });

  it('refuses a switch it does not know, and keeps the stored ones', async () => {
    const res = await api('PATCH', '/api/v1/org/settings', { customerNotices: { resolved: true, birthday: true } });
    expect(res.status).toBe(422);
    expect((await api('GET', '/api/v1/org/settings')).json.customerNotices.resolved).toBe(false);
    await api('PATCH', '/api/v1/org/settings', { customerNotices: null });
  });
});

describe('a LINE channel: token and secret pasted, a test message sent', () => {
  const goodToken = 'line-token-accepted-' + Math.random().toString(36).slice(2);
  let channelId: string;

  it('a token LINE accepts: the message reaches the admin, the channel is marked working and learns its bot id', async () => {
    const bot = h.line.state.addChannel({ channelAccessToken: goodToken, bot: { displayName: 'Siam Tours' } });
    const created = await api('POST', '/api/v1/channels', { kind: 'line', name: 'Siam Tours OA', credentials: { channelSecret: 'secret-0123456789', channelAccessToken: goodToken } });
    expect(created.status).toBe(201);
    expect(created.json.lastTest).toBeNull();
    channelId = created.json.id;
    const admin = lineId('U');
    const res = await api('POST', `/api/v1/channels/${channelId}/test-message`, { to: admin });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, status: 200, botName: 'Siam Tours' });
    const delivered = h.line.state.deliveriesTo(admin);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].channelAccessToken).toBe(goodToken);
    expect(JSON.stringify(delivered[0].messages)).toContain('Siam Tours OA');
    const listed = (await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === channelId);
    expect(listed).toMatchObject({ externalId: bot.userId, lastTest: { ok: true } });
    expect((await h.sys.knex('audit_log').where({ action: 'channel.tested', subject_id: channelId }).first()).details).toMatchObject({ ok: true, to: admin });
  });

  it('a token LINE refuses: the test reports LINE\'s answer, nothing is sent, and the channel is not marked working', async () => {
    const created = await api('POST', '/api/v1/channels', { kind: 'line', name: 'Typo OA', credentials: { channelSecret: 'secret-0123456789', channelAccessToken: 'not-a-token-line-knows' } });
    const admin = lineId('U');
    const res = await api('POST', `/api/v1/channels/${created.json.id}/test-message`, { to: admin });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: false, status: 401, botName: null });
    expect(res.json.message).toMatch(/Authentication failed/);
    expect(h.line.state.deliveriesTo(admin)).toHaveLength(0);
    const row = await h.sys.knex('channels').where({ id: created.json.id }).first();
    expect(row.settings.lastTest).toMatchObject({ ok: false, status: 401 });
    expect(row.external_id).toBeNull();
    expect((await api('GET', '/api/v1/channels')).json.find((c: { id: string }) => c.id === created.json.id).lastTest.ok).toBe(false);
  });

  it('new credentials forget the last answer; a rename keeps it; all audited without the secrets', async () => {
    const renamed = await api('PATCH', `/api/v1/channels/${channelId}`, { name: 'Siam Tours' });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'Siam Tours', lastTest: { ok: true } });
    const replaced = await api('PATCH', `/api/v1/channels/${channelId}`, { credentials: { channelSecret: 'secret-new-0123456', channelAccessToken: 'rotated-token-line-does-not-know' } });
    expect(replaced.json.lastTest).toBeNull();
    const audits = await h.sys.knex('audit_log').where({ action: 'channel.updated', subject_id: channelId }).orderBy('id');
    expect(audits.map((a) => a.details.credentialsReplaced)).toEqual([false, true]);
    expect(JSON.stringify(audits)).not.toContain('rotated-token');
    // The test now goes with the new token, which LINE refuses.
    const res = await api('POST', `/api/v1/channels/${channelId}/test-message`, { to: lineId('U') });
    expect(res.json).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a recipient that is not a LINE user id, another org\'s or an unknown channel, and a support key', async () => {
    expect((await api('POST', `/api/v1/channels/${channelId}/test-message`, { to: 'someone' })).status).toBe(422);
    expect((await api('POST', `/api/v1/channels/00000000-0000-4000-8000-000000000000/test-message`, { to: lineId('U') })).status).toBe(404);
    expect((await api('PATCH', `/api/v1/channels/not-a-uuid`, { name: 'x' })).status).toBe(404);
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support2', role: 'support' })).json.key;
    expect((await api('POST', `/api/v1/channels/${channelId}/test-message`, { to: lineId('U') }, support)).status).toBe(403);
  });
});

describe("the Settings app's API (/liff-api/v1/settings): the same core, the signed-in staff member as the actor", () => {
  let admin: EnrolledStaff;
  let manager: EnrolledStaff;
  let support: EnrolledStaff;
  const call = async (method: string, path: string, who: string, body?: unknown) => {
    const res = await fetch(`${h.sys.url}/liff-api/v1/settings${path}`, {
      method,
      headers: { authorization: `Bearer ${h.idToken(who)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin' });
    manager = await enrolStaff(h, { displayName: 'Mana Manager', role: 'manager', language: 'th' });
    support = await enrolStaff(h, { displayName: 'Sup Support', role: 'support' });
  }, 60_000);

  it('an admin edits a case type: saved, and audited as theirs', async () => {
    const res = await call('PATCH', '/case-types/topup_not_credited', admin.lineUserId, {
      firstResponseMinutes: 10,
      resolutionMinutes: 45,
      sop: '1. Check the payment gateway\n2. Credit by hand',
      notify: { resolved: true },
      escalation: { notifyManagers: true, raiseSeverity: true },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ key: 'topup_not_credited', firstResponseMinutes: 10, resolutionMinutes: 45, escalation: { raiseSeverity: true } });
    const audit = await h.sys.knex('audit_log').where({ subject_type: 'case_type' }).orderBy('id', 'desc').first();
    expect(audit).toMatchObject({ actor_type: 'staff', actor_id: admin.id });
    const listed = await call('GET', '/case-types', support.lineUserId);
    expect(listed.status, JSON.stringify(listed.json)).toBe(200);
    expect(listed.json.find((t: { key: string }) => t.key === 'topup_not_credited').sop).toContain('payment gateway');
  });

  it('a negative SLA from the app: 422 naming the field, nothing saved', async () => {
    const before = await h.sys.knex('case_types').where({ org_id: h.sys.defaultOrgId, key: 'topup_not_credited' }).first();
    const res = await call('PATCH', '/case-types/topup_not_credited', admin.lineUserId, { resolutionMinutes: -1 });
    expect(res.status).toBe(422);
    expect(res.json.error.details[0].path).toBe('resolutionMinutes');
    expect(await h.sys.knex('case_types').where({ id: before.id }).first()).toEqual(before);
  });

  it('a template with an unknown variable from the app: 422 naming it, nothing saved; the preview says so first', async () => {
    const preview = await call('POST', '/templates/preview', manager.lineUserId, { th: 'เคส {{case_id}} ของ {{nickname}}' });
    expect(preview.json.unknown).toEqual(['nickname']);
    const before = await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'case_created', language: 'th' }).first();
    const res = await call('PUT', '/templates/case_created/th', manager.lineUserId, { body: 'เคส {{case_id}} ของ {{nickname}}' });
    expect(res.status).toBe(422);
    expect(res.json.error.details.unknown).toEqual(['nickname']);
    expect(await h.sys.knex('templates').where({ id: before.id }).first()).toEqual(before);
    const ok = await call('PUT', '/templates/case_created/th', manager.lineUserId, { body: before.body });
    expect(ok.status).toBe(200);
    expect(await h.sys.knex('audit_log').where({ action: 'template.updated', actor_type: 'staff', actor_id: manager.id }).first()).toBeDefined();
  });

  it('an admin connects a LINE channel and sends a test message to themselves', async () => {
    const token = 'line-token-from-app-' + Math.random().toString(36).slice(2);
    h.line.state.addChannel({ channelAccessToken: token, bot: { displayName: 'Chiang Mai Cooking' } });
    const created = await call('POST', '/channels', admin.lineUserId, { name: 'Cooking OA', credentials: { channelSecret: 'secret-abcdefgh', channelAccessToken: token } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: 'line', name: 'Cooking OA', lastTest: null });
    expect(JSON.stringify(created.json)).not.toContain(token);
    const test = await call('POST', `/channels/${created.json.id}/test-message`, admin.lineUserId, {});
    expect(test.json).toMatchObject({ ok: true, botName: 'Chiang Mai Cooking' });
    expect(h.line.state.deliveriesTo(admin.lineUserId).filter((d) => d.channelAccessToken === token)).toHaveLength(1);
    expect(await h.sys.knex('audit_log').where({ action: 'channel.tested', actor_type: 'staff', actor_id: admin.id }).first()).toBeDefined();
  });

  it('the org-wide switches and business hours, changed from the app', async () => {
    const off = { workStarted: true, waitingCustomer: false, resolved: true, satisfaction: false };
    expect((await call('PUT', '/customer-notices', admin.lineUserId, { customerNotices: off })).json.customerNotices).toEqual(off);
    expect((await call('GET', '/customer-notices', manager.lineUserId)).json.customerNotices).toEqual(off);
    await call('PUT', '/customer-notices', admin.lineUserId, { customerNotices: { workStarted: true, waitingCustomer: true, resolved: true, satisfaction: true } });
    const res = await call('PATCH', '/business-calendar', admin.lineUserId, { holidays: ['2026-12-10'] });
    expect(res.json.holidays).toEqual(['2026-12-10']);
  });

  it("says where the managers' alerts go: without a managers' group, to the managers and admins in LINE; with one, to it", async () => {
    const reach = async () => (await call('GET', '/staff-alerts', manager.lineUserId)).json.managersReach;
    const withoutGroup = await reach();
    expect(withoutGroup.via).toBe('people');
    expect(withoutGroup.people).toEqual(expect.arrayContaining(['Ada Admin', 'Mana Manager']));
    expect(withoutGroup.people).not.toContain('Sup Support');
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'managers' });
    try {
      const row = await h.sys.knex('staff_groups').where({ line_group_id: groupId }).first('name');
      expect(await reach()).toEqual({ via: 'groups', groups: [row.name ?? groupId], people: [] });
      // Flipping a switch answers with the reach too: the screen keeps its warning in step.
      const put = await call('PUT', '/staff-alerts', admin.lineUserId, { staffAlerts: { slaWarning: true, escalated: true, paymentAlert: true, providerOverdue: true } });
      expect(put.json.managersReach.via).toBe('groups');
    } finally {
      await h.sys.knex('staff_groups').where({ line_group_id: groupId }).update({ is_active: false });
    }
  });

  it('a role that may not: 403 with the reason and the roles that may; nothing written', async () => {
    const audits = Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n);
    const channels = await h.sys.knex('channels').count({ n: '*' }).first();
    const refusals = [
      [support.lineUserId, 'GET', '/channels', undefined, 'channels.read', ['admin', 'manager']],
      [manager.lineUserId, 'POST', '/channels', { name: 'x', credentials: { channelSecret: 'secret-abcdefgh', channelAccessToken: 'token-abcdefgh' } }, 'channels.manage', ['admin']],
      [manager.lineUserId, 'PATCH', '/business-calendar', { holidays: [] }, 'org.settings.manage', ['admin']],
      [support.lineUserId, 'PATCH', '/case-types/topup_not_credited', { sop: 'x' }, 'taxonomy.manage', ['admin', 'manager']],
      [manager.lineUserId, 'POST', '/staff', { displayName: 'New', role: 'support' }, 'staff.manage', ['admin']],
    ] as const;
    for (const [who, method, path, body, permission, roles] of refusals) {
      const res = await call(method, path, who, body);
      expect(res.status, path).toBe(403);
      expect(res.json.error.details, path).toMatchObject({ reason: 'role_forbids', permission, roles });
    }
    expect(Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n)).toBe(audits);
    expect(await h.sys.knex('channels').count({ n: '*' }).first()).toEqual(channels);
  });

  it("a customer's token is not staff; a staff member removed while the app is open is refused on the next call", async () => {
    const customer = lineId('U');
    const res = await call('GET', '/case-types', customer);
    expect(res.status).toBe(403);
    expect(res.json.error.details.reason).toBe('not_staff');
    const leaver = await enrolStaff(h, { displayName: 'Lee Leaver', role: 'admin' });
    expect((await call('GET', '/staff', leaver.lineUserId)).status).toBe(200);
    expect((await call('DELETE', `/staff/${leaver.id}`, admin.lineUserId)).status).toBe(200);
    const after = await call('PATCH', '/case-types/topup_not_credited', leaver.lineUserId, { sop: 'sneaky' });
    expect(after.status).toBe(403);
    expect(after.json.error.details.reason).toBe('staff_removed');
    expect((await h.sys.knex('case_types').where({ org_id: h.sys.defaultOrgId, key: 'topup_not_credited' }).first()).sop).not.toBe('sneaky');
  });

  it("a manager routes a staff group's cases from the app; an unknown case type is refused with nothing changed; support may not", async () => {
    const lineGroup = await joinGroup(h);
    const group = await h.sys.knex('staff_groups').where({ line_group_id: lineGroup }).first();
    const listed = await call('GET', '/staff-groups', manager.lineUserId);
    expect(listed.json.find((g: { id: string }) => g.id === group.id)).toMatchObject({ purpose: 'unassigned' });
    const res = await call('PATCH', `/staff-groups/${group.id}`, manager.lineUserId, { purpose: 'support', language: 'th', routing: { caseTypes: ['topup_not_credited'], severities: ['critical', 'high'] } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ purpose: 'support', language: 'th', routing: { caseTypes: ['topup_not_credited'], severities: ['critical', 'high'] } });
    expect(await h.sys.knex('audit_log').where({ subject_id: group.id, actor_type: 'staff', actor_id: manager.id }).first()).toBeDefined();

    const before = await h.sys.knex('staff_groups').where({ id: group.id }).first();
    const bad = await call('PATCH', `/staff-groups/${group.id}`, manager.lineUserId, { routing: { caseTypes: ['no_such_type'] } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json.error)).toContain('no_such_type');
    expect(await h.sys.knex('staff_groups').where({ id: group.id }).first()).toEqual(before);
    const refused = await call('PATCH', `/staff-groups/${group.id}`, support.lineUserId, { language: 'en' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toMatchObject({ reason: 'role_forbids', permission: 'staff_groups.manage' });
  });

  it('a manager adds, edits and pauses a provider from the app, as themselves; support may read but not change', async () => {
    const created = await call('POST', '/providers', manager.lineUserId, { key: 'fast_topup', name: 'Fast Topup', caseTypeKeys: ['topup_not_credited'] });
    expect(created.status).toBe(201);
    const edited = await call('PATCH', '/providers/fast_topup', manager.lineUserId, { defaultSlaMinutes: 20, contact: { phone: '+66 2 123 4567' } });
    expect(edited.json).toMatchObject({ defaultSlaMinutes: 20, contact: { phone: '+66 2 123 4567' } });
    const paused = await call('POST', '/providers/fast_topup/pause', manager.lineUserId, { reason: 'Top-ups failing since 09:00' });
    expect(paused.json).toMatchObject({ paused: true, pauseReason: 'Top-ups failing since 09:00' });
    expect((await h.sys.knex('audit_log').where({ actor_type: 'staff', actor_id: manager.id }).whereIn('action', ['provider.created', 'provider.updated'])).length).toBe(2);
    expect((await call('GET', '/providers', support.lineUserId)).json.find((p: { key: string }) => p.key === 'fast_topup')).toMatchObject({ paused: true });
    const refused = await call('PATCH', '/providers/fast_topup', support.lineUserId, { name: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toMatchObject({ reason: 'role_forbids', permission: 'providers.manage', roles: ['admin', 'manager'] });
  });

  it('the bookings pipeline and its assignment rules from the app: saved as the staff member; a stale version is a 409 with nothing changed', async () => {
    const pipeline = await call('GET', '/booking-stages', manager.lineUserId);
    expect(pipeline.status).toBe(200);
    const stages = pipeline.json.stages.map((s: { key: string; label: object; hidden: boolean; moves: string[] }) => ({ key: s.key, label: s.label, hidden: s.hidden, moves: s.moves }));
    const renamed = stages.map((s: { key: string; label: { th: string; en: string } }) => (s.key === 'contacted' ? { ...s, label: { th: 'ติดต่อลูกค้าแล้ว', en: 'Customer called' } } : s));
    const saved = await call('PUT', '/booking-stages', manager.lineUserId, { stages: renamed, expectedVersion: pipeline.json.version });
    expect(saved.status).toBe(200);
    expect(saved.json.stages.find((s: { key: string }) => s.key === 'contacted').label.en).toBe('Customer called');
    const stale = await call('PUT', '/booking-stages', admin.lineUserId, { stages, expectedVersion: pipeline.json.version });
    expect(stale.status).toBe(409);
    expect((await call('GET', '/booking-stages', admin.lineUserId)).json.stages.find((s: { key: string }) => s.key === 'contacted').label.en).toBe('Customer called');
    expect(await h.sys.knex('audit_log').where({ action: 'booking_stages.changed', actor_type: 'staff', actor_id: manager.id }).first()).toBeDefined();

    const rule = await call('POST', '/booking-rules', manager.lineUserId, { name: 'Thai bookings to Sup', strategy: 'least_loaded', staffIds: [support.id], languages: ['th'] });
    expect(rule.status).toBe(201);
    const off = await call('PATCH', `/booking-rules/${rule.json.id}`, admin.lineUserId, { isActive: false });
    expect(off.json.isActive).toBe(false);
    expect((await call('POST', '/booking-rules', manager.lineUserId, { name: '', strategy: 'sometimes' })).status).toBe(422);
    const refused = await call('GET', '/booking-rules', support.lineUserId);
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toMatchObject({ reason: 'role_forbids', permission: 'bookings.rules.read' });
  });

  it("a manager sets a service's booking form and opening hours from the app; a time asked without a date is refused, nothing saved", async () => {
    const list = await call('GET', '/services', manager.lineUserId);
    expect(list.json.map((x: { key: string }) => x.key)).toContain('sushi_class');
    const before = await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, key: 'sushi_class' }).first();
    const bad = await call('PATCH', '/services/sushi_class', manager.lineUserId, { formFields: [{ field: 'time', required: true }] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json.error)).toContain('a time needs a date');
    expect(await h.sys.knex('services').where({ id: before.id }).first()).toEqual(before);
    const res = await call('PATCH', '/services/sushi_class', manager.lineUserId, {
      formFields: [{ field: 'start_date', required: true }, { field: 'time', required: true }, { field: 'travelers', required: false }],
      hours: { sat: [['10:00', '16:00']], sun: [['10:00', '16:00']] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ formFields: [{ field: 'start_date', required: true }, { field: 'time', required: true }, { field: 'travelers', required: false }], hours: { sat: [['10:00', '16:00']] } });
    expect(await h.sys.knex('audit_log').where({ subject_type: 'service', actor_type: 'staff', actor_id: manager.id }).first()).toBeDefined();
  });

  it('a manager adds a FAQ entry and its ways of asking from the app; the next customer asking one of them gets its answer; bad input is refused with nothing saved', async () => {
    const entry = () => h.sys.knex('faq_entries').where({ org_id: h.sys.defaultOrgId, key: 'parking' }).first();
    // No question in either language, an empty answer, a key already taken: each named, nothing added.
    const refusedAdds = [
      [{ key: 'parking', question: { th: null, en: null }, answer: { th: 'มีที่จอดรถ', en: 'There is parking.' } }, 'question'],
      [{ key: 'parking', question: { en: 'Can I park there?' }, answer: { th: '', en: 'There is parking.' } }, 'answer.th'],
    ] as const;
    for (const [body, path] of refusedAdds) {
      const res = await call('POST', '/faq', manager.lineUserId, body);
      expect(res.status, path).toBe(422);
      expect(res.json.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
    expect(await entry()).toBeUndefined();
    const taken = await call('POST', '/faq', manager.lineUserId, { key: 'opening_hours', question: { en: 'Open?' }, answer: { th: 'เปิด', en: 'Open' } });
    expect(taken.status).toBe(409);

    const added = await call('POST', '/faq', manager.lineUserId, { key: 'parking', question: { en: 'Is there parking?' }, answer: { th: 'มีที่จอดรถฟรีหน้าร้านค่ะ', en: 'Free parking in front of the shop.' } });
    expect(added.status).toBe(201);
    const ways = ['Is there parking?', 'Where can I park my car?', 'Do you have a car park?', 'Can I park at the shop?', 'Is parking free?'];
    const changed = await call('PATCH', '/faq/parking', manager.lineUserId, { question: { en: ways.join('\n'), th: 'มีที่จอดรถไหมคะ\nจอดรถได้ที่ไหน' } });
    expect(changed.status).toBe(200);
    expect(changed.json.question).toEqual({ en: ways.join('\n'), th: 'มีที่จอดรถไหมคะ\nจอดรถได้ที่ไหน' });
    expect((await h.sys.knex('audit_log').where({ subject_type: 'faq_entry', actor_type: 'staff', actor_id: manager.id }).select('action')).map((a) => a.action)).toEqual(
      expect.arrayContaining(['faq_entry.created', 'faq_entry.updated']),
    );

    // Both languages emptied, or the answer: refused, and the entry is as it was.
    const before = await entry();
    for (const [body, path] of [
      [{ question: { th: null, en: null } }, 'question'],
      [{ answer: { en: ' ' } }, 'answer.en'],
    ] as const) {
      const res = await call('PATCH', '/faq/parking', manager.lineUserId, body);
      expect(res.status, path).toBe(422);
      expect(res.json.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
    expect(await entry()).toEqual(before);
    const refused = await call('PATCH', '/faq/parking', support.lineUserId, { isActive: false });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toMatchObject({ reason: 'role_forbids', permission: 'taxonomy.manage' });
    expect((await call('GET', '/faq', support.lineUserId)).json.map((f: { key: string }) => f.key)).toContain('parking');

    // Ways of asking the entry never had word for word are answered from it, in Thai only since
    // the Thai lines were added.
    expect((await h.ask(lineId('U'), { text: 'where do I park the car when I come?' })).text).toBe('Free parking in front of the shop.');
    expect((await h.ask(lineId('U'), { text: 'ไปร้านแล้วจอดรถตรงไหนได้บ้างคะ' })).text).toBe('มีที่จอดรถฟรีหน้าร้านค่ะ');
  });

  it('an admin adds a staff member and gets their enrolment code; the routes are in the OpenAPI document under their own tag', async () => {
    const res = await call('POST', '/staff', admin.lineUserId, { displayName: 'Nok', role: 'support', language: 'th' });
    expect(res.status).toBe(201);
    expect(res.json.enrolment.code).toMatch(/\S{6,}/);
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    const op = doc.paths['/liff-api/v1/settings/channels/{id}/test-message'].post;
    expect(op.tags).toEqual(['liff-settings']);
    expect(op['x-permission']).toBe('channels.manage');
    expect(doc.paths['/api/v1/templates/preview'].post).toBeDefined();
    expect(doc.paths['/api/v1/org/business-calendar'].patch).toBeDefined();
  });
});

describe("providers' settings (seed 004 section 4.4.1)", () => {
  it('an admin adds a provider with the case types it handles, its SLA, contact and how it is told; audited', async () => {
    const res = await api('POST', '/api/v1/providers', {
      key: 'smm_king',
      name: 'SMM King',
      kind: 'api',
      caseTypeKeys: ['topup_not_credited'],
      defaultSlaMinutes: 30,
      contact: { line: '@smmking', email: 'ops@smmking.example' },
      notifyBy: 'none',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ key: 'smm_king', kind: 'api', caseTypeKeys: ['topup_not_credited'], defaultSlaMinutes: 30, notifyBy: 'none', active: true, paused: false, risk: null });
    expect((await h.sys.knex('audit_log').where({ action: 'provider.created', actor_type: 'api_key' }).orderBy('id', 'desc').first()).details).toMatchObject({ key: 'smm_king' });
    expect((await api('GET', '/api/v1/providers/smm_king/settings')).json.contact).toEqual({ line: '@smmking', email: 'ops@smmking.example' });
  });

  it('refuses an unknown case type, a negative SLA, a bad e-mail and a taken key; nothing written', async () => {
    const count = async () => Number((await h.sys.knex('providers').count({ n: '*' }).first())!.n);
    const before = await count();
    const audits = Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n);
    const bad = [
      [{ key: 'p_one', name: 'One', caseTypeKeys: ['no_such_type'] }, 422, 'no_such_type'],
      [{ key: 'p_two', name: 'Two', defaultSlaMinutes: -10 }, 422, 'defaultSlaMinutes'],
      [{ key: 'p_three', name: 'Three', contact: { email: 'not-an-email' } }, 422, 'contact.email'],
      [{ key: 'smm_king', name: 'Again' }, 409, 'already_exists'],
    ] as const;
    for (const [body, status, says] of bad) {
      const res = await api('POST', '/api/v1/providers', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(res.json), JSON.stringify(body)).toContain(says);
    }
    const patched = await api('PATCH', '/api/v1/providers/smm_king', { defaultSlaMinutes: 0 });
    expect(patched.status).toBe(422);
    expect(await count()).toBe(before);
    expect(Number((await h.sys.knex('audit_log').count({ n: '*' }).first())!.n)).toBe(audits);
    expect((await api('GET', '/api/v1/providers/smm_king/settings')).json.defaultSlaMinutes).toBe(30);
  });

  it('"reached by staff themselves" hands a waiting case to no LINE group; switched to its group, the next wait is handed off', async () => {
    const provider = await h.sys.knex('providers').where({ org_id: h.sys.defaultOrgId, key: 'smm_king' }).first();
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'provider', providerId: provider.id });
    const c = await openTestCase(h.sys, 'topup_not_credited', { orderIds: ['ORD-SK-1'] });
    await h.sys.knex('cases').where({ id: c.id }).update({ provider_id: provider.id });
    const handoffDone = async (n: number) =>
      until(async () => Number((await h.sys.knex('outbox').where({ job_name: 'provider-handoff', status: 'done' }).whereRaw(`payload->>'caseId' = ?`, [c.id]).count({ n: '*' }).first())!.n) >= n || false);
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'waiting_provider' })).status).toBe(200);
    await handoffDone(1);
    expect(await h.sys.knex('case_events').where({ case_id: c.id, type: 'provider_notified' }).first()).toBeUndefined();
    expect(sentTo(h, groupId).filter((m) => String(m.text).includes(c.number))).toEqual([]);

    expect((await api('PATCH', '/api/v1/providers/smm_king', { notifyBy: 'line_group' })).json.notifyBy).toBe('line_group');
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'waiting_provider' })).status).toBe(200);
    await until(async () => (await h.sys.knex('case_events').where({ case_id: c.id, type: 'provider_notified' }).first()) ?? false);
    await until(async () => sentTo(h, groupId).some((m) => String(m.text).includes(c.number)) || false);
  });
});

describe("the org's staff-alert switches (seed 004 sections 4.7.3 and 4.7.5)", () => {
  it('with "SLA warning" off no warning is posted; on again, the next one is', async () => {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    const warnSoon = async () => {
      const c = await openTestCase(h.sys, 'order_not_delivered', {}, 'parcel late');
      const now = Date.now();
      const times = { first_response_due_at: new Date(now + 3_600_000), resolution_warn_at: new Date(now + 300), resolution_due_at: new Date(now + 25 * 60_000) };
      await h.sys.knex.transaction(async (trx) => {
        await trx('cases').where({ id: c.id }).update(times);
        await scheduleSlaTimers(trx, { id: c.id, org_id: h.sys.defaultOrgId, ...times });
      });
      return c;
    };
    const alertJobDone = (caseId: string) =>
      until(async () => {
        const jobs = await h.sys.knex('outbox').where({ queue: 'staff', job_name: 'case-alert' }).whereRaw(`payload->>'caseId' = ?`, [caseId]);
        return (jobs.length > 0 && jobs.every((j) => j.status === 'done')) || false;
      });
    const warningsAbout = (number: string) => sentTo(h, groupId).filter((m) => m.type === 'flex' && String(m.altText).startsWith(`${number} will breach`));

    expect((await api('GET', '/api/v1/org/settings')).json.staffAlerts).toEqual({ slaWarning: true, escalated: true, paymentAlert: true, providerOverdue: true });
    expect((await api('PATCH', '/api/v1/org/settings', { staffAlerts: { slaWarning: false, escalated: true, paymentAlert: true } })).status).toBe(200);
    const quiet = await warnSoon();
    await alertJobDone(quiet.id);
    expect(await h.sys.knex('case_events').where({ case_id: quiet.id, type: 'staff_alerted' }).first()).toBeUndefined();
    expect(warningsAbout(quiet.number)).toEqual([]);

    expect((await api('PATCH', '/api/v1/org/settings', { staffAlerts: null })).status).toBe(200);
    const loud = await warnSoon();
    await until(async () => warningsAbout(loud.number).length === 1 || false);
    expect((await api('PATCH', '/api/v1/org/settings', { staffAlerts: { slaWarning: true, escalated: 'yes' } })).status).toBe(422);
  });
});

describe("a provider that has not answered within its time to answer (seed 004 section 4.7.3)", () => {
  it("is told to the case's groups once its time has passed, while the case still waits on it; not once the case moved on", async () => {
    const created = await api('POST', '/api/v1/providers', { key: 'slow_pay', name: 'Slow Pay', defaultSlaMinutes: 30, notifyBy: 'none' });
    expect(created.status).toBe(201);
    const provider = await h.sys.knex('providers').where({ org_id: h.sys.defaultOrgId, key: 'slow_pay' }).first();
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    const waitingCase = async () => {
      const c = await openTestCase(h.sys, 'topup_not_credited', { orderIds: ['ORD-SP-' + Math.floor(Math.random() * 1e6)] });
      await h.sys.knex('cases').where({ id: c.id }).update({ provider_id: provider.id });
      const waiting = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'waiting_provider' });
      expect(waiting.status, JSON.stringify(waiting.json)).toBe(200);
      const job = await h.sys.knex('outbox').where({ queue: 'staff', job_name: 'case-alert' }).whereRaw(`payload->>'caseId' = ? AND payload->>'kind' = 'provider_overdue'`, [c.id]).first();
      return { c, job };
    };
    // Its time to answer passes: the queue row becomes due now instead of in 30 minutes, and runs.
    // On Redis the row is handed to BullMQ as a delayed job, perhaps at this very moment with the
    // old delay: delayed jobs are brought forward until it has run.
    const timePasses = async (jobId: string) => {
      await h.sys.knex('outbox').where({ id: jobId }).update({ available_at: h.sys.knex.fn.now() });
      await until(async () => {
        await h.sys.queues.queue('staff').promoteJobs({ count: 1000 });
        return (await h.sys.knex('outbox').where({ id: jobId }).first()).status === 'done' || false;
      });
    };
    const overdueAbout = (number: string) => sentTo(h, groupId).filter((m) => m.type === 'flex' && String(m.altText).startsWith(`${number}: Slow Pay has not answered`));

    const { c, job } = await waitingCase();
    const dueInMinutes = (new Date(job.available_at).getTime() - Date.now()) / 60_000;
    expect(dueInMinutes).toBeGreaterThan(29);
    expect(dueInMinutes).toBeLessThanOrEqual(30);
    await timePasses(job.id);
    await until(async () => overdueAbout(c.number).length === 1 || false);
    expect(String(overdueAbout(c.number)[0].altText)).toMatch(/given 30 min\)$/);

    const moved = await waitingCase();
    expect((await api('POST', `/api/v1/cases/${moved.c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
    await timePasses(moved.job.id);
    expect(overdueAbout(moved.c.number)).toEqual([]);
    expect(await h.sys.knex('case_events').where({ case_id: moved.c.id, type: 'staff_alerted' }).first()).toBeUndefined();
  });
});
