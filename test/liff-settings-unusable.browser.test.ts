import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessage, recordRefusedMedia } from '../core/conversations/conversation-log.ts';
import { storeInboundEvents } from '../core/inbound/inbound-events.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * "What could not be used" in the Settings app (liff/src/settings/unusable.tsx), in Debian's
 * Chromium: the events recorded as malformed and the files not fetched, newest first, with why,
 * the channel's name and when; no ids, keys or raw bodies. Read only, for admins and managers;
 * support is told it is not for their role. Thai and English, light and dark, axe-core WCAG 2.1 AA.
 * Screenshots: settings-unusable-*.png (test/support/browser.ts).
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('what could not be used, in the Settings app', () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  let support: EnrolledStaff;
  let channel: { id: string; org_id: string; name: string };
  let messageId: string;

  beforeAll(async () => {
    h = await startLiffHarness();
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin' });
    support = await enrolStaff(h, { displayName: 'Sup Support', role: 'support' });
    browser = await openBrowser();
    channel = await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).first();
    const ref = { id: channel.id, orgId: channel.org_id };
    await storeInboundEvents(h.sys.knex, ref, [
      { platformEventId: 'malformed:one', eventType: 'malformed', occurredAt: null, payload: { malformed: true, reason: 'x', excerpt: '{"replyToken":"tok"}' }, malformed: 'Malformed LINE message event: message.id is missing' },
    ]);
    await storeInboundEvents(h.sys.knex, ref, [
      { platformEventId: 'malformed:two', eventType: 'malformed', occurredAt: null, payload: { malformed: true, reason: 'x', excerpt: 'not json' }, malformed: 'the body is not JSON' },
    ]);
    const [conversation] = await h.sys.knex('conversations').insert({ org_id: channel.org_id, channel_id: channel.id, kind: 'direct', external_id: 'U' + 'e'.repeat(32) }).returning('id');
    messageId = (await h.sys.knex.transaction((trx) =>
      appendMessage(trx, { orgId: channel.org_id, conversationId: conversation.id, direction: 'in', senderType: 'customer', kind: 'image', payload: {}, sentAt: new Date(), deliveryStatus: 'received' }),
    ))!;
    await recordRefusedMedia(h.sys.knex, messageId, 'the address is not allowed (a private, loopback, link-local or reserved network)');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const check = (page: Page, name: string) => checkScreen(page, `settings-unusable-${name}`);

  it('an admin reads both lists, newest first, with the reason, the channel by name and the time; no ids or keys', async () => {
    const page = await staffDevice(browser, h, admin);
    await page.goto(`${h.sys.url}/liff/settings?lang=en`);
    await page.getByRole('link', { name: /^What could not be used/ }).click();
    await poll(() => page.textContent('h1')).toBe('What could not be used');
    const events = page.locator('section', { hasText: 'Messages that could not be read' }).locator('ul.list > li');
    await poll(() => events.count()).toBe(2);
    expect(await events.nth(0).textContent()).toContain('the body is not JSON');
    expect(await events.nth(1).textContent()).toContain('message.id is missing');
    expect(await events.nth(0).textContent()).toContain(channel.name);
    const files = page.locator('section', { hasText: 'Files not fetched' }).locator('ul.list > li');
    await poll(() => files.count()).toBe(1);
    expect(await files.nth(0).textContent()).toMatch(/^Image: the address is not allowed/);
    const main = (await page.textContent('main'))!;
    expect(main).not.toContain(channel.id);
    expect(main).not.toContain(messageId);
    expect(main).not.toMatch(/replyToken|malformed:|inbound-events/);
    await check(page, 'en-light');
  });

  it('in Thai and dark; support is told it is not for their role', async () => {
    const page = await staffDevice(browser, h, admin, { dark: true });
    await page.goto(`${h.sys.url}/liff/settings/unusable?lang=th`);
    await poll(() => page.textContent('h1')).toBe('สิ่งที่ระบบใช้ไม่ได้');
    await poll(() => page.textContent('main')).toContain('รูปภาพ');
    expect(await page.textContent('main')).toContain('ข้อความที่อ่านไม่ได้');
    expect(await page.textContent('main')).toContain('ไฟล์ที่ไม่ได้ดึงมา');
    await check(page, 'th-dark');

    const theirs = await staffDevice(browser, h, support);
    await theirs.goto(`${h.sys.url}/liff/settings?lang=en`);
    await poll(() => theirs.getByRole('link', { name: /^What could not be used/ }).textContent()).toContain('Not for your role');
    await theirs.goto(`${h.sys.url}/liff/settings/unusable?lang=en`);
    await poll(() => theirs.getByRole('alert').count()).toBe(2);
    expect(await theirs.locator('ul.list > li').count()).toBe(0);
  });
});
