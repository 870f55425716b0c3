import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { lineId } from '../../dev/fakes/line-api.ts';
import { expectAccessible } from './accessibility.ts';
import { screenshotDir } from './browser.ts';
import { until } from './test-system.ts';
import type { LiffHarness } from './liff-customer.ts';
import type { EnrolledStaff } from './staff-desk.ts';

export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 820, height: 1180 };

/**
 * A phone (or tablet) signed in to LINE as this staff member: LIFF Mock hands the page an ID token
 * the fake LINE server issued, which the server checks with LINE on every call. A page error
 * fails the test.
 */
export async function staffDevice(browser: Browser, h: LiffHarness, who: EnrolledStaff, o: { dark?: boolean; size?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: o.size ?? PHONE, colorScheme: o.dark ? 'dark' : 'light', locale: 'th-TH', hasTouch: true });
  const token = h.idToken(who.lineUserId, { name: who.displayName });
  await context.addInitScript(
    ([t, name, sub]) => {
      (window as unknown as { __liffMock: object }).__liffMock = { getIDToken: t, getDecodedIDToken: { sub, name }, isInClient: true, isLoggedIn: true };
    },
    [token, who.displayName, who.lineUserId] as const,
  );
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
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
