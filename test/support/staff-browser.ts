import type { Browser, Page } from 'playwright-core';
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
