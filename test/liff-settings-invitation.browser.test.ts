import { type Browser } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice } from './support/staff-browser.ts';
import { until } from './support/test-system.ts';

/**
 * A new business's owner opens the invitation link in LINE (docs/tenants.md): the Settings app
 * accepts it and greets them as the admin; the same link opened again says it was used; a person
 * who is staff of two businesses picks the one they work for. In Debian's Chromium, Thai and
 * English, axe-core WCAG 2.1 AA. Screenshots: settings-invitation-*.png.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const PLATFORM_KEY = 'platform-key-' + randomBytes(12).toString('hex');

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('a business invitation, in the Settings app', () => {
  let h: LiffHarness;
  let browser: Browser;
  let link: string;
  let slug: string;
  const owner = { lineUserId: lineId('U'), displayName: 'Nok Owner', id: '', role: 'admin' as const };

  beforeAll(async () => {
    h = await startLiffHarness({ PLATFORM_API_KEY: PLATFORM_KEY });
    browser = await openBrowser();
    const made = await apiClient(h.sys)('POST', '/platform/v1/orgs', { name: 'Baan Cooking School', businessType: 'school', starterKit: 'school' }, PLATFORM_KEY);
    slug = made.json.slug;
    link = new URL(made.json.invitation.url).search;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("accepts the link for the LINE user who opens it and greets them as the business's admin", async () => {
    const page = await staffDevice(browser, h, owner);
    await page.goto(`${h.sys.url}/liff/settings${link}&lang=th`);
    // The new owner is walked through set-up first; the first screen greets them as the admin.
    await poll(() => page.locator('h1').textContent()).toBe('เริ่มต้นใช้งาน');
    await page.getByRole('link', { name: '← ตั้งค่าทั้งหมด' }).click();
    await poll(() => page.textContent('main')).toContain('สวัสดี Nok Owner (ผู้ดูแลระบบ)');
    const staff = await h.sys.knex('staff as s').join('orgs as o', 'o.id', 's.org_id').where({ 'o.slug': slug, 's.line_user_id': owner.lineUserId }).first('s.role');
    expect(staff?.role).toBe('admin');
    // The spent link leaves the address; the language stays.
    expect(new URL(page.url()).search).toBe('?lang=th');
    expect(await page.textContent('main')).not.toContain('inv_');
    await checkScreen(page, 'settings-invitation-accepted-th');
  });

  it('says the link was used when it is opened again, by anyone, and changes nothing', async () => {
    const other = { lineUserId: lineId('U'), displayName: 'Late Comer', id: '', role: 'admin' as const };
    const before = await h.sys.knex('staff').count({ n: '*' });
    const page = await staffDevice(browser, h, other);
    await page.goto(`${h.sys.url}/liff/settings${link}&lang=en`);
    await poll(() => page.locator('[data-refusal]').getAttribute('data-refusal')).toBe('invitation_used');
    expect(await page.getByRole('alert').textContent()).toContain('this invitation has been used already');
    expect(await h.sys.knex('staff').count({ n: '*' })).toEqual(before);
    await checkScreen(page, 'settings-invitation-used-en');
  });

  it('lets a person who is staff of two businesses choose the one they work for', async () => {
    // The owner is also enrolled as a manager of the first business (the default one).
    const added = await apiClient(h.sys)('POST', '/api/v1/staff', { displayName: 'Nok Owner', role: 'manager', language: 'th' });
    await h.send(owner.lineUserId, { text: added.json.enrolment.code });
    await until(() => h.sys.knex('staff').where({ id: added.json.id, line_user_id: owner.lineUserId }).first());
    const page = await staffDevice(browser, h, owner);
    await page.goto(`${h.sys.url}/liff/settings?lang=th`);
    await poll(() => page.locator('[data-refusal]').getAttribute('data-refusal')).toBe('choose_org');
    expect(await page.getByRole('alert').textContent()).toContain('เลือกธุรกิจที่จะทำงานให้');
    await checkScreen(page, 'settings-invitation-choose-th');
    await page.getByRole('button', { name: 'Baan Cooking School' }).click();
    await poll(() => page.textContent('main')).toContain('สวัสดี Nok Owner (ผู้ดูแลระบบ)');
    // The other business, as its manager, after choosing it instead.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByRole('button', { name: 'Demo Bangkok Services' }).click();
    await poll(() => page.textContent('main')).toContain('สวัสดี Nok Owner (ผู้จัดการ)');
  });
});
