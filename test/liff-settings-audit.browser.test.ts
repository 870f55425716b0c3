import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../core/audit/audit-log.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice, TABLET } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * The audit log in the Settings app (liff/src/settings/audit.tsx), in Debian's Chromium: changes
 * made through the REST API (an API key) and through the app (a staff member) read in words, who
 * by name, what in a phrase, the thing by its name, when in Thai dates; no key of an action on
 * screen. Filtered by period and by who, a page at a time with "Load more", and the same filter as
 * CSV. An admin on a phone in Thai and on a tablet in English (dark); support is told it is not for
 * their role. axe-core WCAG 2.1 AA. Screenshots: settings-audit-*.png (test/support/browser.ts).
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

/** Words that are keys, not labels (as test/liff-dashboard-labels.browser.test.ts): `snake_case`. */
const SNAKE = /\b[a-z]+_[a-z_]+\b/g;

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the audit log, in the Settings app', () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  let support: EnrolledStaff;
  let keyName: string;
  let orderType: { th: string; en: string };
  let topupType: { th: string; en: string };

  beforeAll(async () => {
    h = await startLiffHarness();
    const api = apiClient(h.sys);
    const orgId = h.sys.defaultOrgId;
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    support = await enrolStaff(h, { displayName: 'Sup Support', role: 'support' });
    browser = await openBrowser();
    // Older than the last week: a customer message Ada changed ten days ago (the table refuses
    // updates: its append-only trigger is off while the row is moved back).
    await recordAudit(h.sys.knex, { orgId, actorType: 'staff', actorId: admin.id, action: 'template.updated', subjectType: 'template', details: {} });
    await h.sys.knex.raw(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    try {
      await h.sys.knex('audit_log').where({ action: 'template.updated', actor_id: admin.id }).update({ created_at: h.sys.knex.raw(`now() - interval '10 days'`) });
    } finally {
      await h.sys.knex.raw(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    }
    // Enough for more than a page: the system checking the LINE channel.
    const channel = await h.sys.knex('channels').where({ org_id: orgId, kind: 'line' }).first();
    for (let i = 0; i < 22; i++) await recordAudit(h.sys.knex, { orgId, actorType: 'system', action: 'channel.checked', subjectType: 'channel', subjectId: channel.id, details: { ok: true } });
    // Through the REST API, as the admin key: a setting and a case type.
    expect((await api('PATCH', '/api/v1/org/settings', { actWhenSure: 90 })).status).toBe(200);
    expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { resolutionMinutes: 1400 })).status).toBe(200);
    // Through the Settings app's API, as Ada.
    const asAda = await fetch(`${h.sys.url}/liff-api/v1/settings/case-types/order_not_delivered`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.idToken(admin.lineUserId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ firstResponseMinutes: 20 }),
    });
    expect(asAda.status).toBe(200);
    const newest = await api('GET', '/api/v1/audit?limit=3');
    keyName = newest.json.items[1].actorName;
    expect(keyName).toBeTruthy();
    const names = async (key: string) => {
      const r = await h.sys.knex('case_types').where({ org_id: orgId, key }).first();
      return { th: r.name_th as string, en: r.name_en as string };
    };
    [orderType, topupType] = [await names('order_not_delivered'), await names('topup_not_credited')];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const entries = (page: Page) => page.locator('main ul.list > li');
  const texts = (page: Page) => entries(page).allTextContents();

  async function check(page: Page, name: string) {
    expect([...(await page.innerText('main')).matchAll(SNAKE)].map((m) => m[0])).toEqual([]);
    await checkScreen(page, `settings-audit-${name}`);
  }

  it('an admin on a phone, in Thai: the changes in words, a page at a time, by who and by period', async () => {
    const page = await staffDevice(browser, h, admin);
    await page.goto(`${h.sys.url}/liff/settings?lang=th`);
    await page.getByRole('link', { name: /^บันทึกการเปลี่ยนแปลง/ }).click();
    await poll(() => page.textContent('h1')).toBe('บันทึกการเปลี่ยนแปลง');
    await poll(() => entries(page).count()).toBe(20);
    const [first, second, third] = await texts(page);
    // Newest first: Ada's case type change, then the key's case type and settings changes.
    expect(first).toContain('Ada Admin แก้ไขประเภทเคส');
    expect(first).toContain(orderType.th);
    expect(second).toContain(`คีย์ API ${keyName} แก้ไขประเภทเคส`);
    expect(second).toContain(topupType.th);
    expect(third).toContain(`คีย์ API ${keyName} แก้ไขการตั้งค่าธุรกิจ`);
    // A Thai date: the Buddhist year.
    expect(first).toContain(String(new Date().getFullYear() + 543));
    expect((await texts(page)).some((t) => t.includes('ระบบ ตรวจการเชื่อมต่อช่องทาง'))).toBe(true);
    await check(page, 'th-phone');

    // The next page, after the first: together, every entry of the week, as the API counts them.
    const day = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date(Date.now() - daysAgo * 86_400_000));
    const week = (await apiClient(h.sys)('GET', `/api/v1/audit?from=${day(6)}&to=${day(0)}&limit=500`)).json.items.length;
    expect(week).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'ดูเพิ่ม' }).click();
    await poll(() => entries(page).count()).toBe(Math.min(week, 40));
    const all = await texts(page);
    // Ada's own enrolment is there; her change of ten days ago is not (the last week only).
    expect(all.some((t) => t.includes('แก้ไขข้อความถึงลูกค้า'))).toBe(false);
    expect(all.some((t) => t.includes('เพิ่มพนักงาน') && t.includes('Ada Admin'))).toBe(true);
    await check(page, 'th-phone-more');

    // By who: Ada only (her case type change, and linking her LINE account).
    await page.getByLabel('ใคร').selectOption({ label: 'Ada Admin' });
    await poll(() => entries(page).count()).toBe(2);
    expect(await entries(page).locator('strong').allTextContents()).toEqual(['Ada Admin', 'Ada Admin']);
    expect((await texts(page))[1]).toContain('เชื่อมบัญชี LINE ของพนักงาน');
    // By period: from twelve days ago, her change of ten days ago too.
    await page.fill('#a-from', day(12));
    await poll(() => entries(page).count()).toBe(3);
    expect((await texts(page))[2]).toContain('Ada Admin แก้ไขข้อความถึงลูกค้า');
    // And a period with nothing in it.
    await page.fill('#a-to', day(11));
    await poll(() => page.textContent('main')).toContain('ไม่มีการเปลี่ยนแปลงในช่วงนี้');
    expect(await entries(page).count()).toBe(0);
    await check(page, 'th-phone-filtered');
  });

  it('an admin on a tablet, in English and dark: the words, a kind of change, more, and the CSV of the filter', async () => {
    const page = await staffDevice(browser, h, admin, { dark: true, size: TABLET });
    await page.goto(`${h.sys.url}/liff/settings/audit?lang=en`);
    await poll(() => page.textContent('h1')).toBe('Audit log');
    await poll(() => entries(page).count()).toBe(20);
    const [first, second, third] = await texts(page);
    expect(first).toContain('Ada Admin changed a case type');
    expect(first).toContain(orderType.en);
    expect(second).toContain(`API key ${keyName} changed a case type`);
    expect(third).toContain(`API key ${keyName} changed the business settings`);
    expect(first).toContain(String(new Date().getFullYear()));
    await check(page, 'en-tablet-dark');

    await page.getByRole('button', { name: 'Load more' }).click();
    await poll(() => entries(page).count()).toBeGreaterThan(20);
    await poll(() => page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('What changed').selectOption({ label: 'Case types' });
    await poll(() => entries(page).count()).toBe(2);
    for (const t of await texts(page)) expect(t).toContain('changed a case type');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const file = join(tmpdir(), `audit-${process.pid}.csv`);
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toContain('actorName');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Ada Admin');
    expect(lines[1]).toContain('case_type.updated');
    await check(page, 'en-tablet-dark-case-types');
  });

  it('support is told it is not for their role', async () => {
    const page = await staffDevice(browser, h, support);
    await page.goto(`${h.sys.url}/liff/settings?lang=en`);
    await poll(() => page.getByRole('link', { name: /^Audit log/ }).textContent()).toContain('Not for your role');
    await page.goto(`${h.sys.url}/liff/settings/audit?lang=en`);
    await poll(() => page.locator('[data-refusal]').getAttribute('data-refusal')).toBe('role_forbids');
    expect(await page.textContent('main')).toContain('may not see this');
    expect(await entries(page).count()).toBe(0);
    expect(await page.locator('#a-who').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/settings-audit-support.png`, fullPage: true });
  });
});
