import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnFromStaff } from '../core/understanding/learned-examples.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * "Learned from staff" in the Settings app (liff/src/settings/learned.tsx), in Debian's Chromium as
 * an admin uses it from LINE: the messages support corrected, each under the case type's name as
 * the business wrote it (never its key) with what became of it; the admin removes one (it leaves
 * the examples), accepts a conflict (the phrase moves to the type support chose), and switches
 * learning at once off. Thai and English, light and dark, axe-core WCAG 2.1 AA.
 * Screenshots: settings-learned-*.png (test/support/browser.ts).
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('what the bot learned from staff, in the Settings app', () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  let support: EnrolledStaff;
  const org = () => h.sys.defaultOrgId;

  const phrases = async (key: string) => {
    const row = await h.sys.knex('case_types').where({ org_id: org(), key }).first('examples');
    return [...row.examples.th, ...row.examples.en] as string[];
  };

  /** A customer's message that support put in this case type. */
  async function corrected(text: string, caseType: string) {
    const [channel] = await h.sys.knex('channels').where({ org_id: org() }).select('id');
    const [contact] = await h.sys.knex('contacts').insert({ org_id: org(), language: 'th' }).returning('id');
    const [conversation] = await h.sys.knex('conversations').insert({ org_id: org(), channel_id: channel.id, kind: 'direct', external_id: 'U' + contact.id.replaceAll('-', ''), contact_id: contact.id }).returning('id');
    const [m] = await h.sys.knex('messages').insert({ org_id: org(), conversation_id: conversation.id, direction: 'in', sender_type: 'customer', text }).returning('id');
    await h.sys.knex.transaction((trx) => learnFromStaff(trx, { orgId: org(), messageId: m.id, source: 'case_correction', classKind: 'case_type', classKey: caseType, staffId: support.id, now: new Date() }));
  }

  beforeAll(async () => {
    h = await startLiffHarness();
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin' });
    support = await enrolStaff(h, { displayName: 'Sup Support', role: 'support' });
    browser = await openBrowser();
    await corrected('เติมเงิน 300 แล้วยอดไม่ขึ้นเลยค่ะ', 'topup_not_credited');
    // Word for word a "Wrong amount charged" phrase: a conflict.
    await corrected('I was charged twice for the same order', 'refund_request');
    await corrected('   ', 'refund_request');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const check = (page: Page, name: string) => checkScreen(page, `settings-learned-${name}`);

  const card = (page: Page, text: string | RegExp) => page.locator('ul.list > li', { hasText: text });

  it('an admin reads the list in the business words, removes one, accepts a conflict and switches learning at once off', async () => {
    const page = await staffDevice(browser, h, admin);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${h.sys.url}/liff/settings?lang=en`);
    await page.getByRole('link', { name: /^Learned from staff/ }).click();
    await poll(() => page.textContent('h1')).toBe('Learned from staff');
    await poll(() => page.locator('ul.list > li').count()).toBe(3);

    const added = card(page, 'เติมเงิน 300');
    await poll(() => added.textContent()).toContain('Top-up not credited');
    expect(await added.textContent()).toContain('Added');
    expect(await added.textContent()).toContain('Sup Support');
    const clash = card(page, 'charged twice');
    expect(await clash.textContent()).toContain('Refund request');
    expect(await clash.textContent()).toContain('Also in Wrong amount charged');
    expect(await card(page, /Not added: empty/).count()).toBe(1);
    expect(await page.textContent('main')).toContain('Today Sup Support: 1/20');
    // No key is shown, only the names the business gave.
    expect(await page.textContent('main')).not.toMatch(/topup_not_credited|refund_request|wrong_amount/);
    await check(page, 'en-light');

    // Remove: gone from the list and from the case type's phrases.
    expect(await phrases('topup_not_credited')).toContain('เติมเงิน 300 แล้วยอดไม่ขึ้นเลยค่ะ');
    await added.getByRole('button', { name: 'Remove' }).click();
    await poll(() => card(page, 'เติมเงิน 300').count()).toBe(0);
    expect(await phrases('topup_not_credited')).not.toContain('เติมเงิน 300 แล้วยอดไม่ขึ้นเลยค่ะ');

    // Accept the conflict: support's type wins, the phrase moves.
    await clash.getByRole('button', { name: 'Accept' }).click();
    await poll(() => clash.textContent()).toContain('Added');
    expect(await phrases('refund_request')).toContain('I was charged twice for the same order');
    expect(await phrases('wrong_amount')).not.toContain('I was charged twice for the same order');

    // The switch: learning at once off, stored as the org setting.
    const toggle = page.getByRole('checkbox', { name: /at once/ });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await poll(async () => (await h.sys.knex('orgs').where({ id: org() }).first()).settings.learnFromStaff).toBe(false);
    await page.reload();
    await poll(() => page.getByRole('checkbox', { name: /at once/ }).isChecked()).toBe(false);
  });

  it('in Thai and dark, and read-only for support', async () => {
    const page = await staffDevice(browser, h, admin, { dark: true });
    await page.goto(`${h.sys.url}/liff/settings/learned?lang=th`);
    await poll(() => page.textContent('h1')).toBe('บอตเรียนรู้จากพนักงาน');
    await poll(() => page.textContent('main')).toContain('เพิ่มแล้ว');
    expect(await page.textContent('main')).toContain('ไม่ได้เพิ่ม: ว่าง');
    expect(await page.textContent('main')).toContain('ขอคืนเงิน');
    await check(page, 'th-dark');

    const theirs = await staffDevice(browser, h, support);
    await theirs.goto(`${h.sys.url}/liff/settings/learned?lang=en`);
    await poll(() => theirs.locator('ul.list > li').count()).toBe(2);
    expect(await theirs.getByRole('button').filter({ hasText: /Accept|Remove/ }).count()).toBe(0);
    expect(await theirs.getByRole('checkbox', { name: /at once/ }).isDisabled()).toBe(true);
  });
});
