import { type Browser } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice } from './support/staff-browser.ts';

/**
 * A new business's owner is walked through set-up (docs/tenants.md, "The set-up walk-through"):
 * the invitation opens the checklist in Settings, each step says whether it is done and opens its
 * screen, and the starter kit is chosen there. In Debian's Chromium, Thai and English, axe-core
 * WCAG 2.1 AA. Screenshots: settings-setup-*.png.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const PLATFORM_KEY = 'platform-key-' + randomBytes(12).toString('hex');

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)("a new business's set-up checklist, in the Settings app", () => {
  let h: LiffHarness;
  let browser: Browser;
  let org: { id: string; invitation: { url: string } };
  const owner = { lineUserId: lineId('U'), displayName: 'Ploy Owner', id: '', role: 'admin' as const };
  const steps = (page: import('playwright-core').Page) => page.locator('main ol li').allTextContents();

  beforeAll(async () => {
    h = await startLiffHarness({ PLATFORM_API_KEY: PLATFORM_KEY });
    browser = await openBrowser();
    org = (await apiClient(h.sys)('POST', '/platform/v1/orgs', { name: 'Chiang Rai Trails', businessType: 'tour_operator' }, PLATFORM_KEY)).json;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('opens on the checklist after the invitation, with nothing done yet, and applies the starter kit chosen there (Thai)', async () => {
    const page = await staffDevice(browser, h, owner);
    await page.goto(`${h.sys.url}/liff/settings${new URL(org.invitation.url).search}&lang=th`);
    await poll(() => page.locator('h1').textContent()).toBe('เริ่มต้นใช้งาน');
    expect(new URL(page.url()).pathname).toBe('/liff/settings/setup');
    await poll(async () => (await steps(page)).length).toBe(4);
    const [line, more, hours, staff] = await steps(page);
    expect(line).toContain('เชื่อมต่อ LINE Official Account');
    expect(line).toContain('ยังไม่ได้ทำ');
    expect(more).toContain('ไม่บังคับ');
    expect(hours).toContain('ยังไม่ได้ทำ');
    expect(staff).toContain('ยังไม่ได้ทำ');
    await checkScreen(page, 'settings-setup-new-th');

    // The business's own kind is the one offered first; applied, it is there in the database.
    const tour = page.getByRole('button', { name: 'บริษัททัวร์' });
    expect(await tour.getAttribute('class')).toContain('primary');
    await tour.click();
    await poll(() => page.getByRole('status').last().textContent()).toMatch(/เพิ่มประเภทเคส \d+ บริการ \d+/);
    await poll(() => page.getByRole('button', { name: 'บริษัททัวร์ · ใช้แล้ว' }).count()).toBe(1);
    expect((await h.sys.knex('orgs').where({ id: org.id }).first('starter_kits')).starter_kits).toEqual(['tour_operator']);
    const caseTypes = Number((await h.sys.knex('case_types').where({ org_id: org.id }).count({ n: '*' }))[0].n);
    expect(caseTypes).toBeGreaterThan(0);
    // Applied again from the screen, it adds nothing.
    await page.getByRole('button', { name: 'บริษัททัวร์ · ใช้แล้ว' }).click();
    await poll(() => page.getByRole('status').last().textContent()).toContain('เพิ่มประเภทเคส 0 บริการ 0 พาร์ทเนอร์ 0 คำตอบ 0');
    expect(Number((await h.sys.knex('case_types').where({ org_id: org.id }).count({ n: '*' }))[0].n)).toBe(caseTypes);
    await checkScreen(page, 'settings-setup-kit-th');

    // A step opens its own screen.
    await page.getByRole('link', { name: /เวลาทำการ/ }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/liff/settings/hours');
  });

  it('shows each step done once it is done on its own screen (English)', async () => {
    const page = await staffDevice(browser, h, owner);
    const as = (method: string, path: string, body: unknown) => h.pub(method, path, { headers: { authorization: `Bearer ${h.idToken(owner.lineUserId)}` }, body });
    // LINE connected, hours set and a person added, each through the screens' own API.
    const token = `tok-${randomBytes(8).toString('hex')}`;
    const secret = randomBytes(16).toString('hex');
    h.line.state.addChannel({ channelAccessToken: token, channelSecret: secret });
    expect((await as('POST', '/liff-api/v1/settings/channels', { name: 'Trails LINE', credentials: { channelAccessToken: token, channelSecret: secret } })).status).toBe(201);
    const open = [['09:00', '18:00']];
    expect((await as('PATCH', '/liff-api/v1/settings/business-calendar', { hours: { mon: open, tue: open, wed: open, thu: open, fri: open } })).status).toBe(200);
    // The operator gives it an AI budget and a storage limit: shown under the checklist.
    expect((await apiClient(h.sys)('PUT', `/platform/v1/orgs/${org.id}/limits`, { llmTokensPerDay: 5000, storageMb: 200 }, PLATFORM_KEY)).status).toBe(200);
    await page.goto(`${h.sys.url}/liff/settings/setup?lang=en`);
    await poll(async () => (await steps(page)).length).toBe(4);
    const [line, more, hours, staff] = await steps(page);
    expect(line).toContain('Connect your LINE Official Account');
    expect(line).toContain('Done');
    expect(more).toContain('Optional');
    expect(hours).toContain('Done');
    expect(staff).toContain('To do');
    expect(await page.getByRole('button', { name: 'Tour operator · Applied' }).count()).toBe(1);
    const use = page.getByRole('region', { name: "The business's use" });
    await poll(() => use.locator('li').allTextContents()).toEqual(['AI tokens today: 0 / 5,000', 'File storage (MB): 0 / 200', 'Messages the bot read today: 0 / no limit']);
    await checkScreen(page, 'settings-setup-done-en');

    expect((await as('POST', '/liff-api/v1/settings/staff', { displayName: 'Mai Guide', role: 'support', language: 'th' })).status).toBe(201);
    await page.reload();
    await poll(async () => (await steps(page))[3]).toContain('Done');
    // The checklist is also on the first screen of Settings.
    await page.goto(`${h.sys.url}/liff/settings?lang=en`);
    await page.getByRole('link', { name: /Set-up checklist/ }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Set-up checklist');
  });
});
