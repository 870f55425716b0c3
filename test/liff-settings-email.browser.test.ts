import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtp, type FakeSmtp } from '../dev/fakes/smtp-server.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice, TABLET } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * The e-mail channel in the Settings app (liff/src/settings/email-channel.tsx), in Debian's
 * Chromium, against a real SMTP server on loopback: an admin on a phone, in Thai, connects the
 * org's mailbox (a wrong password is said under the password, nothing stored), sends a test
 * e-mail, and mistypes the server when changing it (said under the server, the channel untouched);
 * on a tablet in English (dark) the settings read back without the password. axe-core WCAG 2.1 AA.
 * Screenshots: settings-email-*.png.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const SNAKE = /\b[a-z]+_[a-z_]+\b/g;

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the e-mail channel, in the Settings app', () => {
  let h: LiffHarness;
  let smtp: FakeSmtp;
  let browser: Browser;
  let admin: EnrolledStaff;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    h = await startLiffHarness();
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await smtp?.close();
  });

  it('an admin on a phone, in Thai: connects the mailbox, sends a test e-mail, and a mistyped server changes nothing', async () => {
    const page = await staffDevice(browser, h, admin);
    await page.goto(`${h.sys.url}/liff/settings/channels?lang=th`);
    await poll(() => page.textContent('#email-heading')).toBe('อีเมล');
    const form = page.locator('section[aria-labelledby="connect-email"]');
    await form.getByLabel('ชื่อช่องทาง', { exact: true }).fill('อีเมลทัวร์');
    await form.getByLabel('เซิร์ฟเวอร์ SMTP', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('พอร์ต', { exact: true }).fill(String(smtp.port));
    await form.getByLabel('ชื่อผู้ใช้', { exact: true }).fill(smtp.user);
    await form.getByLabel('รหัสผ่าน', { exact: true }).fill('not-the-password');
    await form.getByLabel('อีเมลผู้ส่ง', { exact: true }).fill('hello@tour.example');
    await form.getByLabel('ชื่อผู้ส่ง', { exact: true }).fill('ทัวร์เชียงใหม่');
    await form.getByLabel('อีเมลรับคำตอบจากลูกค้า', { exact: true }).fill('replies@in.tour.example');
    await form.getByRole('button', { name: 'เชื่อมต่ออีเมล' }).click();
    // The server refused the login: said under the password, and nothing stored.
    await poll(() => form.locator('#new-email-e-password').textContent()).toBe('เซิร์ฟเวอร์ไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่านนี้ ยังไม่มีการเปลี่ยนแปลงใด ๆ');
    expect(await h.sys.knex('channels').where({ kind: 'email' }).first()).toBeUndefined();
    await checkScreen(page, 'settings-email-th-phone-refused');

    await form.getByLabel('รหัสผ่าน', { exact: true }).fill(smtp.password);
    await form.getByRole('button', { name: 'เชื่อมต่ออีเมล' }).click();
    const card = page.locator('li[data-channel="อีเมลทัวร์"]');
    await poll(() => card.locator('[data-field="server"]').textContent()).toBe(`127.0.0.1:${smtp.port} · ${smtp.user}`);
    const row = await h.sys.knex('channels').where({ kind: 'email' }).first();
    expect(row.credentials_encrypted).not.toContain(smtp.password);
    expect(await page.content()).not.toContain(smtp.password);

    await card.getByLabel('ส่งอีเมลทดสอบถึง', { exact: true }).fill('ada@tour.example');
    await card.getByRole('button', { name: 'ส่งอีเมลทดสอบ' }).click();
    await poll(() => card.locator('[data-test-result]').getAttribute('data-test-result')).toBe('ok');
    expect(await card.locator('[data-test-result]').textContent()).toContain('ada@tour.example');
    expect((await smtp.waitFor((m) => m.to.includes('ada@tour.example'))).parsed.subject).toContain('อีเมลทดสอบ');
    expect([...(await page.innerText('main')).matchAll(SNAKE)].map((m) => m[0])).toEqual([]);
    await checkScreen(page, 'settings-email-th-phone-connected');

    // A new password with a mistyped server: refused under the server's field; the channel keeps what it had.
    await card.getByRole('button', { name: 'แก้ไขการตั้งค่า' }).click();
    const prefix = `#e-${row.id.slice(0, 8)}`;
    expect(await page.inputValue(`${prefix}-password`)).toBe('');
    await page.fill(`${prefix}-host`, 'smtp.wrong-host.invalid');
    await page.fill(`${prefix}-password`, 'a-new-password');
    await card.getByRole('button', { name: 'ลองเชื่อมต่อและบันทึก' }).click();
    await poll(() => page.locator(`${prefix}-e-host`).textContent()).toBe('ไม่พบเซิร์ฟเวอร์ชื่อนี้ ตรวจชื่อเซิร์ฟเวอร์ SMTP อีกครั้ง ยังไม่มีการเปลี่ยนแปลงใด ๆ');
    expect(await page.inputValue(`${prefix}-password`)).toBe('');
    const after = await h.sys.knex('channels').where({ id: row.id }).first();
    expect(after.settings.email.host).toBe('127.0.0.1');
    expect(after.credentials_encrypted).toBe(row.credentials_encrypted);
    await checkScreen(page, 'settings-email-th-phone-wrong-host');
    await page.close();
  });

  it('on a tablet in English (dark): the settings read back, the password never; the sender changes without retyping it', async () => {
    const page = await staffDevice(browser, h, admin, { dark: true, size: TABLET });
    await page.goto(`${h.sys.url}/liff/settings/channels?lang=en`);
    const card = page.locator('li[data-channel="อีเมลทัวร์"]');
    await poll(() => card.locator('[data-field="server"]').textContent()).toBe(`127.0.0.1:${smtp.port} · ${smtp.user}`);
    expect(await card.textContent()).toContain('Password: stored (not shown)');
    expect(await card.textContent()).toContain('Working');
    await card.getByRole('button', { name: 'Change settings' }).click();
    await card.getByLabel('From name', { exact: true }).fill('Chiang Mai Tours');
    await card.getByRole('button', { name: 'Try and save' }).click();
    await poll(() => card.textContent()).toContain('Chiang Mai Tours <hello@tour.example>');
    expect((await h.sys.knex('channels').where({ kind: 'email' }).first()).settings.email.fromName).toBe('Chiang Mai Tours');
    expect(await page.content()).not.toContain(smtp.password);
    expect([...(await page.innerText('main')).matchAll(SNAKE)].map((m) => m[0])).toEqual([]);
    await checkScreen(page, 'settings-email-en-tablet-dark');
    await page.close();
  });
});
