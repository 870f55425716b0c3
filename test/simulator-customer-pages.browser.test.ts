import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineUserId } from '../dev/simulator/chat-simulator.ts';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, screenshotDir, simulatorPage } from './support/browser.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * The members' check tried by hand, as docs/members.md "Try it by hand" says, with no LINE account:
 * a customer of the chat simulator becomes a member with a 5-class package through the API, books a
 * class paying with a credit, and opens their member card from the simulator's "My pages", signed
 * in as that customer, where the credit count shows one fewer.
 */

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)("the customer's own pages from the chat simulator", () => {
  let sys: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sys = await startTestSystem({ env: { CLASSIFIER: 'offline' } });
    api = apiClient(sys);
    ({ browser, page } = await simulatorPage(sys.simulatorUrl!, pageErrors));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stopAll();
  });

  it('opens the member card signed in as the customer played: a class booked with a credit leaves 4 of 5', async () => {
    // The customer writes once, so that the business knows them.
    await page.locator('label', { hasText: 'LINE customer' }).click();
    await page.fill('#displayName', 'Mali');
    await page.press('#displayName', 'Tab');
    const userId = lineUserId(await page.inputValue('#userId'));
    await page.fill('#text', 'hello');
    await page.press('#text', 'Enter');
    const identity = await until(() => sys.knex('contact_identities').where({ external_id: userId }).first());

    // Staff make them a member with a package and book a class with a credit, through the API.
    const pkg = await api('POST', '/api/v1/member-packages', { key: 'five_thai', nameTh: 'แพ็กเกจ 5 คลาส', nameEn: '5 Thai cooking classes', credits: 5, services: ['thai_cooking_class'], priceMinor: 500_000, validityDays: 90 });
    expect(pkg.status, JSON.stringify(pkg.json)).toBe(201);
    const member = await api('POST', '/api/v1/members', { contactId: identity.contact_id });
    expect(member.status, JSON.stringify(member.json)).toBe(201);
    expect((await api('POST', `/api/v1/members/${member.json.id}/packages`, { packageKey: 'five_thai', paidWith: 'transfer' })).status).toBe(201);
    const date = new Date(new Date(`${localMoment('Asia/Bangkok').date}T00:00:00Z`).getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
    const session = await api('POST', '/api/v1/services/thai_cooking_class/sessions', { date, time: '10:00', capacity: 10 });
    expect(session.status, JSON.stringify(session.json)).toBe(201);
    const booked = await api('POST', '/api/v1/bookings', { session_id: session.json.items[0].id, member_number: member.json.number, pay_with: 'credits', language: 'en' });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);

    // "My pages" → Member card, in a new tab, signed in as Mali.
    const [card] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Member card' }).click()]);
    await card.setViewportSize({ width: 390, height: 844 });
    card.on('pageerror', (err) => pageErrors.push(err.message));
    await card.getByText(member.json.number).waitFor({ timeout: 20_000 });
    await card.getByText('4 of 5 left').waitFor();
    // The usage names the class's own date and time, not when it was booked.
    const classTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(`${date}T03:00:00Z`));
    await card.getByText(`${classTime} · 1 credit used`).waitFor();
    expect(await card.innerText('body')).toContain('Mali');
    await card.screenshot({ path: join(screenshotDir(), 'simulator-member-card.png'), fullPage: true });

    // Another customer of the simulator is not Mali: their card says they are not a member.
    await page.getByRole('button', { name: 'New person' }).click();
    const [other] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Member card' }).click()]);
    await other.waitForLoadState();
    await expect.poll(() => other.innerText('body'), { timeout: 20_000 }).toMatch(/You are not a member yet|คุณยังไม่ได้เป็นสมาชิก/);
    expect(await other.innerText('body')).not.toContain(member.json.number);
    expect(pageErrors).toEqual([]);
  });
});
