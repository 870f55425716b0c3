import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice, TABLET } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * A text's e-mail form in the Settings template editor (liff/src/settings/template-email.tsx), in
 * Debian's Chromium: an admin on a phone, in Thai, writes the quote's e-mail with a script and a
 * remote image; the preview (a sandboxed frame) shows it filled with sample values and without
 * them, says what will be taken out, and saving stores it sanitised. On a tablet in English (dark)
 * the English e-mail previews beside its chat text. axe-core WCAG 2.1 AA.
 * Screenshots: settings-email-template-*.png.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the e-mail form of a text, in the Settings template editor', () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  const remoteLoads: string[] = [];

  beforeAll(async () => {
    h = await startLiffHarness();
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    browser = await openBrowser();
    // Generous: a harness and a browser on a loaded shared machine have taken over a minute.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('an admin on a phone, in Thai: the preview is filled and sanitised in a sandboxed frame, nothing loads from elsewhere, and the save stores it sanitised', async () => {
    const page = await staffDevice(browser, h, admin);
    page.on('request', (r) => {
      if (!r.url().startsWith(h.sys.url!) && !r.url().startsWith('data:')) remoteLoads.push(r.url());
    });
    await page.goto(`${h.sys.url}/liff/settings/templates/quote_sent?lang=th`);
    const th = page.locator('details[data-email="th"]');
    await th.locator('summary').click();
    await th.getByLabel('หัวเรื่อง', { exact: true }).fill('ใบเสนอราคา {{booking_id}} พร้อมแล้วค่ะ');
    await th
      .getByLabel('เนื้อหา HTML', { exact: true })
      .fill('<h2 style="color:#0b69a3">ใบเสนอราคาพร้อมแล้วค่ะ</h2><p>ยอดรวม <b>{{amount}}</b></p><script>document.title="ran"</script><img src="https://tracker.example/open.gif"><p><a href="{{quote_url}}">ดูใบเสนอราคาค่ะ</a></p>');
    const preview = page.locator('[data-email-preview="th"]');
    await poll(() => preview.locator('b').first().textContent()).toBe('ใบเสนอราคา B-000045 พร้อมแล้วค่ะ');
    const frame = page.frameLocator('[data-email-preview="th"] iframe');
    await poll(() => frame.locator('h2').textContent()).toBe('ใบเสนอราคาพร้อมแล้วค่ะ');
    expect(await frame.locator('b').textContent()).toBe('1,500 บาท');
    expect(await frame.locator('script, img').count()).toBe(0);
    expect(await page.locator('[data-email-preview="th"] iframe').getAttribute('sandbox')).toBe('');
    await poll(() => preview.getByRole('alert').textContent()).toContain('<script>');
    expect(await preview.getByRole('alert').textContent()).toContain('<img>');
    await checkScreen(page, 'settings-email-template-th-phone');
    // The frame close up, in view: a full-page screenshot leaves a frame below the fold unpainted.
    await preview.scrollIntoViewIfNeeded();
    await preview.screenshot({ path: `${screenshotDir()}/settings-email-template-th-phone-preview.png` });

    const [put] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/templates/quote_sent/th')), page.getByRole('button', { name: 'บันทึก' }).click()]);
    expect(put.status(), await put.text()).toBe(200);
    await poll(async () => (await h.sys.knex('templates').where({ key: 'quote_sent', language: 'th', org_id: h.sys.defaultOrgId }).first()).email_subject).toBe('ใบเสนอราคา {{booking_id}} พร้อมแล้วค่ะ');
    const row = await h.sys.knex('templates').where({ key: 'quote_sent', language: 'th', org_id: h.sys.defaultOrgId }).first();
    expect(row.email_html).toContain('<a href="{{quote_url}}">ดูใบเสนอราคาค่ะ</a>');
    expect(row.email_html).not.toMatch(/script|<img|tracker/);
    // The chat text was not touched.
    expect(row.body).toContain('{{quote_url}}');
    expect(remoteLoads).toEqual([]);
    await page.close();
  });

  it('on a tablet in English (dark): the English e-mail previews beside the chat text', async () => {
    const page = await staffDevice(browser, h, admin, { dark: true, size: TABLET });
    await page.goto(`${h.sys.url}/liff/settings/templates/quote_sent?lang=en`);
    const en = page.locator('details[data-email="en"]');
    await en.locator('summary').click();
    await poll(() => page.locator('[data-email-preview="en"] b').first().textContent()).toBe('Your quote for booking B-000045 (Thai cooking class) is ready.');
    const frame = page.frameLocator('[data-email-preview="en"] iframe');
    await poll(() => frame.locator('a').first().getAttribute('href')).toBe('https://example.com/liff/quote/xyz789');
    expect(await en.getByLabel('Plain-text body', { exact: true }).inputValue()).toContain('{{quote_url}}');
    await checkScreen(page, 'settings-email-template-en-tablet-dark');
    const preview = page.locator('[data-email-preview="en"]');
    await preview.scrollIntoViewIfNeeded();
    await preview.screenshot({ path: `${screenshotDir()}/settings-email-template-en-tablet-dark-preview.png` });
    expect(remoteLoads).toEqual([]);
    await page.close();
  });
});
