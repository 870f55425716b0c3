import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { enrolStaff } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';

/**
 * The staff rich menu (bot/line/staff-rich-menu.ts), against the fake LINE server: linked to a
 * staff member alone through LINE's per-user rich menu API when they enrol, changed with their
 * role, taken away when they leave. Its buttons: My queue (a message the bot answers), Dashboard
 * and Desk (the staff apps).
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness({ LIFF_ID_STAFF: '1657000000-StAfFaPp' });
}, 60_000);
afterAll(() => h?.close());

const menuOf = (userId: string) => h.line.state.userRichMenu(DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, userId);
const menu = (id: string) => {
  const m = h.line.state.richMenus.get(id)!;
  return { image: m.image, name: m.menu.name ?? '', areas: m.menu.areas ?? [] };
};

describe('the staff rich menu', () => {
  it('is linked to a staff member alone when they enrol: My queue, Dashboard, Desk, with its image', async () => {
    const mali = await enrolStaff(h, { displayName: 'Mali Manager', role: 'manager' });
    const id = await until(async () => menuOf(mali.lineUserId));
    const m = menu(id);
    expect(m.image?.contentType).toBe('image/png');
    expect(m.areas.map((a) => a.action)).toEqual([
      { type: 'message', label: 'My queue', text: 'คิวของฉัน' },
      { type: 'uri', label: 'Dashboard', uri: 'https://liff.line.me/1657000000-StAfFaPp/dashboard' },
      { type: 'uri', label: 'Desk', uri: 'https://liff.line.me/1657000000-StAfFaPp/desk' },
    ]);
    // Through the per-user API: the channel's default (the customer's menu) is not touched.
    expect(h.line.state.requests.some((r) => r.method === 'POST' && r.path === `/v2/bot/user/${mali.lineUserId}/richmenu/${id}`)).toBe(true);
    expect(h.line.state.defaultRichMenus.get(DEFAULT_LINE_CHANNEL_ACCESS_TOKEN)).toBeUndefined();

    // "My queue" is a message the bot answers with their open cases.
    const reply = await h.ask(mali.lineUserId, { text: (m.areas[0].action as { text: string }).text });
    expect(reply.text).toMatch(/Your queue/);

    // A second staff member gets the same menu: it is made once per channel.
    const sam = await enrolStaff(h, { displayName: 'Sam Support', role: 'support' });
    expect(await until(async () => menuOf(sam.lineUserId))).toBe(id);
    expect([...h.line.state.richMenus.values()].filter((x) => x.menu.name?.startsWith('opsdesk staff menu full')).length).toBe(1);
  });

  it('changes with their role, and goes when they leave', async () => {
    const api = apiClient(h.sys);
    const ann = await enrolStaff(h, { displayName: 'Ann Accounts', role: 'support' });
    const first = await until(async () => menuOf(ann.lineUserId));
    const changed = await api('PATCH', `/api/v1/staff/${ann.id}`, { role: 'accountant' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ id: ann.id, role: 'accountant' });
    const second = await until(async () => (menuOf(ann.lineUserId) !== first ? menuOf(ann.lineUserId) : undefined));
    // The accountant reads no analytics: no dashboard on their menu.
    expect(menu(second!).areas.map((a) => (a.action as { label: string }).label)).toEqual(['My queue', 'Desk']);
    const audit = await h.sys.knex('audit_log').where({ action: 'staff.role_changed', subject_id: ann.id }).first();
    expect(audit.details).toEqual({ from: 'support', to: 'accountant' });

    expect((await api('DELETE', `/api/v1/staff/${ann.id}`)).status).toBe(200);
    await until(async () => menuOf(ann.lineUserId) === undefined);
    expect(h.line.state.requests.some((r) => r.method === 'DELETE' && r.path === `/v2/bot/user/${ann.lineUserId}/richmenu`)).toBe(true);
    // A role change of someone who has left is refused, and nothing is linked again.
    expect((await api('PATCH', `/api/v1/staff/${ann.id}`, { role: 'manager' })).status).toBe(409);
    expect((await api('PATCH', `/api/v1/staff/${ann.id}`, { role: 'owner' })).status).toBe(422);
  });

  it('when LINE is down, links once it is back (the job is retried)', async () => {
    h.line.state.failNext(/\/v2\/bot\/user\/U[0-9a-f]{32}\/richmenu\//, { status: 500 }, 1);
    const lee = await enrolStaff(h, { displayName: 'Lee Later', role: 'ceo' });
    expect(await until(async () => menuOf(lee.lineUserId), 30_000)).toBeDefined();
  });
});
