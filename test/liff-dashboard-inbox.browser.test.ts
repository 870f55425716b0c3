import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { expectAccessible } from './support/accessibility.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { staffDevice } from './support/staff-browser.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * The Dashboard's Inbox screen in Debian's Chromium at a phone's size, in Thai and English, light
 * and dark, checked by axe-core: a manager reads how many conversations the bot handled alone and
 * how many a person did, who waits now, the response times by staff member, and drills down from a
 * number to the conversations behind it, named by customer. Screenshots: test-results/screenshots/.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the Inbox screen of the Dashboard app', () => {
  let h: LiffHarness;
  let browser: Browser;
  let manager: EnrolledStaff;
  let somchai: EnrolledStaff;
  const contexts: BrowserContext[] = [];
  const names = { bot: 'Khun Bot Only', answered: 'Khun Answered', waiting: 'Khun Still Waiting' };

  /** A customer who writes (and asks for a person), named. */
  async function customer(name: string, text: string): Promise<string> {
    const user = lineId('U');
    await h.ask(user, { text });
    const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: user }).first()) ?? false);
    await untilSettled(h.sys.knex);
    await h.sys.knex('contacts').where({ id: row.contact_id }).update({ display_name: name });
    return row.id;
  }

  beforeAll(async () => {
    h = await startLiffHarness();
    manager = await enrolStaff(h, { displayName: 'Mali Manager', role: 'manager' });
    somchai = await enrolStaff(h, { displayName: 'Somchai', role: 'support', language: 'th' });
    const api = apiClient(h.sys);
    const key = (await api('POST', '/api/v1/api-keys', { name: 'inbox screen', role: 'support', staffId: somchai.id })).json.key;
    await customer(names.bot, 'hello');
    const answered = await customer(names.answered, 'I want to talk to a person');
    await customer(names.waiting, 'I want to talk to a person');
    const { version } = await h.sys.knex('conversations').where({ id: answered }).first();
    const taken = await api('POST', `/api/v1/conversations/${answered}/take`, { expectedVersion: version }, key);
    expect(taken.status).toBe(200);
    expect((await api('POST', `/api/v1/conversations/${answered}/messages`, { text: 'Hello, Somchai here', expectedVersion: taken.json.version }, key)).status).toBe(201);
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await h?.close();
  });

  async function device(who: EnrolledStaff, o: { dark?: boolean } = {}): Promise<Page> {
    const page = await staffDevice(browser, h, who, o);
    contexts.push(page.context());
    return page;
  }
  const expectNoOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/dashboard-${name}.png`, fullPage: true });
  const statValue = (page: Page, label: string) => page.locator('.stat', { hasText: label }).first().locator('.big').textContent();

  it('a manager reads the inbox figures on a phone in Thai, light: the bot alone, a person, waiting now, by staff member', async () => {
    const page = await device(manager);
    await page.goto(`${h.sys.url}/liff/dashboard?lang=th#/inbox`);
    await poll(() => page.textContent('h1')).toBe('กล่องข้อความ');
    await poll(() => statValue(page, 'บทสนทนา')).toBe('3');
    expect(await statValue(page, 'บอทดูแลจบเอง')).toBe('1');
    expect(await statValue(page, 'เจ้าหน้าที่ดูแล')).toBe('2');
    expect(await statValue(page, 'บอทจบเองได้')).toBe('33.3%');
    expect(await statValue(page, 'รอเจ้าหน้าที่ตอนนี้')).toBe('1');
    const staffRow = page.locator('#inbox-staff ~ * tr', { hasText: 'Somchai' });
    await poll(() => staffRow.count()).toBe(1);
    expect(await staffRow.getByRole('link', { name: 'Somchai, ตอบครั้งแรก: 1' }).count()).toBe(1);
    // Names, never internal keys or ids.
    const text = await page.textContent('main');
    expect(text).not.toMatch(/first_response|next_response|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expectNoOverflow(page);
    await expectAccessible(page, 'inbox th light');
    await shot(page, 'inbox-th-light');
  });

  it('a manager in English, dark, drills down from "Waiting now" to the customer who waits, and opens the conversation in the desk', async () => {
    const page = await device(manager, { dark: true });
    await page.goto(`${h.sys.url}/liff/dashboard?lang=en#/inbox?preset=last_7_days`);
    await poll(() => statValue(page, 'Waiting now')).toBe('1');
    await expectNoOverflow(page);
    await expectAccessible(page, 'inbox en dark');
    await shot(page, 'inbox-en-dark');

    await page.locator('.stat', { hasText: 'Waiting now' }).locator('a.num').click();
    await poll(() => page.textContent('h2')).toBe('The conversations behind the figure');
    await poll(() => page.textContent('main')).toContain(names.waiting);
    const main = await page.textContent('main');
    expect(main).not.toContain(names.answered);
    expect(main).toContain('Waiting');
    expect(main).toContain('LINE');
    await expectNoOverflow(page);
    await expectAccessible(page, 'inbox drill en dark');
    await shot(page, 'inbox-drill-en-dark');
    const link = page.getByRole('link', { name: `Open the conversation with ${names.waiting}` });
    expect(await link.getAttribute('href')).toMatch(/^\/liff\/desk\/conversation\/[0-9a-f-]{36}$/);

    // Back, and the people who answered: Somchai's answer opens the conversation he answered, with his name as its holder.
    await page.goBack();
    await page.locator('#inbox-staff ~ * tr', { hasText: 'Somchai' }).locator('a.num').first().click();
    await poll(() => page.textContent('main')).toContain(names.answered);
    expect(await page.textContent('main')).toContain('Held by Somchai');
  });

  it('a support member is told the Inbox figures are for managers', async () => {
    const page = await device(somchai);
    await page.goto(`${h.sys.url}/liff/dashboard?lang=en`);
    await poll(() => page.locator('nav.tabs a').count()).toBeGreaterThan(0);
    expect(await page.locator('nav.tabs a').allTextContents()).not.toContain('Inbox');
    await page.goto(`${h.sys.url}/liff/dashboard?lang=en#/inbox`);
    await poll(() => page.textContent('main')).toMatch(/role|manager/i);
    expect(await page.textContent('main')).not.toContain(names.waiting);
  });
});
