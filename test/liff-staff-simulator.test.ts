import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLineState, startFakeLineApi } from '../dev/fakes/line-api.ts';
import { SIMULATOR_LOGIN_CHANNEL_ID } from '../dev/simulator/simulator-staff.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { startTestSystem } from './support/test-system.ts';

/**
 * Trying the staff apps without LINE: on the embedded default with the chat simulator on, the
 * simulator opens an app as a chosen staff member, with an ID token its own fake LINE signed that
 * the api accepts only while the simulator runs; never in production.
 */
describe('the staff apps from the chat simulator', () => {
  let h: LineCustomerHarness;
  let sim: URL;
  beforeAll(async () => {
    // No LINE Login channel: the embedded default, where LINE could vouch for nobody.
    h = await startLineCustomerHarness({ DEV_SIMULATOR: 'auto' });
    sim = new URL(h.sys.simulatorUrl!);
  }, 60_000);
  afterAll(() => h?.close());

  const simCall = (path: string, body?: unknown) =>
    fetch(`${sim.origin}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'x-simulator-token': sim.searchParams.get('token')!, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("lists the demo org's staff, and opens an app as one of them, enrolling them on the simulator's channel first", async () => {
    const { staff, apps } = (await (await simCall('/dev/chat/staff')).json()) as { staff: { id: string; role: string; linked: boolean }[]; apps: string[] };
    expect(apps).toEqual(['dashboard', 'desk', 'settings']);
    const manager = staff.find((s) => s.role === 'manager' && !s.linked)!;
    expect(manager).toBeDefined();
    const res = await simCall('/dev/chat/staff-app', { staffId: manager.id, app: 'dashboard' });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url.startsWith(`${h.sys.url}/liff/dashboard#liff-mock-id-token=`)).toBe(true);
    const token = decodeURIComponent(url.split('#liff-mock-id-token=')[1]);
    const simChannel = await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).whereRaw("settings->>'origin' = 'simulator'").first();
    expect(await h.sys.knex('staff').where({ id: manager.id }).first()).toMatchObject({ line_channel_id: simChannel.id, line_user_id: expect.stringMatching(/^U[0-9a-f]{32}$/) });
    const me = await fetch(`${h.sys.url}/liff-api/v1/staff/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: manager.id, role: 'manager' });
    // Opening it again signs in as the same person, without enrolling again.
    const again = (await (await simCall('/dev/chat/staff-app', { staffId: manager.id, app: 'desk' })).json()) as { url: string };
    expect(again.url).toContain('/liff/desk#liff-mock-id-token=');
    // A token the simulator did not sign is nobody's.
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await fetch(`${h.sys.url}/liff-api/v1/staff/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });

  it('refuses an unknown staff member, an unknown app, and calls without its token', async () => {
    expect((await simCall('/dev/chat/staff-app', { staffId: '00000000-0000-4000-8000-000000000000', app: 'dashboard' })).status).toBe(404);
    const { staff } = (await (await simCall('/dev/chat/staff')).json()) as { staff: { id: string }[] };
    expect((await simCall('/dev/chat/staff-app', { staffId: staff[0].id, app: 'billing' })).status).toBe(422);
    expect((await fetch(`${sim.origin}/dev/chat/staff`)).status).toBe(404);
  });
});

describe('in production', () => {
  it('accepts no simulator token: there is no simulator, and LINE refuses the token (401)', async () => {
    const line = await startFakeLineApi();
    const sys = await startTestSystem({
      roles: ['api'],
      env: {
        NODE_ENV: 'production',
        DEV_SIMULATOR: 'auto',
        ADMIN_API_KEY: randomBytes(24).toString('hex'),
        APP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        PUBLIC_BASE_URL: 'https://desk.example',
        LINE_LOGIN_CHANNEL_ID: '1657000000',
        LINE_API_BASE_URL: line.url,
        DEMO_SEED: 'off',
      },
    });
    try {
      expect(sys.simulatorUrl).toBeUndefined();
      // A token exactly as the simulator would sign one (its own fake LINE, its own audience).
      const token = new FakeLineState().issueIdToken({ sub: `U${randomBytes(16).toString('hex')}`, channelId: SIMULATOR_LOGIN_CHANNEL_ID });
      const res = await fetch(`${sys.url}/liff-api/v1/staff/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(line.state.requests.some((r) => r.path === '/oauth2/v2.1/verify')).toBe(true);
    } finally {
      await sys.stopAll();
      await line.close();
    }
  }, 60_000);
});
