import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * The settings an admin changes (issue 13, Settings): what the REST API adds for them (template
 * preview, business hours and holidays, a LINE channel's test message and new credentials, the
 * org's customer-notification switches), each audited, and every bad input refused with nothing
 * written. LINE is the fake LINE server, reached by the real SDK client.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  h = await startLineCustomerHarness();
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
