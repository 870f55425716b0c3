import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { lineId } from '../../dev/fakes/line-api.ts';
import { expectAccessible } from './accessibility.ts';
import { liffDevice, PHONE, screenshotDir } from './browser.ts';
import { until } from './test-system.ts';
import type { LiffHarness } from './liff-customer.ts';
import type { EnrolledStaff } from './staff-desk.ts';

export { PHONE };
export const TABLET = { width: 820, height: 1180 };

/** A phone (or tablet) signed in to LINE as this staff member (`liffDevice`). */
export function staffDevice(browser: Browser, h: LiffHarness, who: EnrolledStaff, o: { dark?: boolean; size?: { width: number; height: number } } = {}): Promise<Page> {
  return liffDevice(browser, h, { ...o, line: { userId: who.lineUserId, name: who.displayName } });
}

/** A screen as every desk test checks it: no sideways scrolling, axe-core WCAG 2.1 AA, and photographed (test-results/screenshots/desk-<name>.png). */
export async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
  await expectAccessible(page, name);
  await page.screenshot({ path: `${screenshotDir()}/desk-${name}.png`, fullPage: true });
}

/** A LINE customer (a profile with this name) who asks for a person in these words, and their waiting conversation once their name is known. */
export async function customerAsking(h: LiffHarness, name: string, text: string, language: 'th' | 'en' = 'th') {
  const customer = lineId('U');
  h.line.state.addProfile({ userId: customer, displayName: name, language });
  await h.ask(customer, { text });
  const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: customer, inbox_status: 'waiting' }).first()) ?? false);
  // The name comes from the customer's LINE profile.
  await until(async () => (await h.sys.knex('contacts').where({ id: row.contact_id, display_name: name }).first()) ?? false);
  return { customer, id: row.id as string, contactId: row.contact_id as string, name };
}

/** What a person reads on the page: no ids, no ISO dates, none of these internal keys. */
export async function expectWords(page: Page, keys: string[]): Promise<void> {
  const text = (await page.textContent('main'))!;
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  for (const k of keys) expect(text).not.toContain(k);
}
