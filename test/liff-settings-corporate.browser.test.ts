import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { hasChromium, liffDevice, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice, TABLET } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * Corporate clients in the Settings app (liff/src/settings/corporate.tsx, a lazy chunk), in
 * Debian's Chromium: an admin in Thai on a phone (light) sees the clients with seats taken and
 * their code, opens one and reads who holds each seat and what they used, and releases a seat;
 * in English on a tablet (dark) adds a client, and is told on the field when the package does not
 * exist (nothing added). The LINE join link: absent with the reason until the LINE channel is checked,
 * then shown and copied. The usage link: made, copied, opened by the client's contact person on a
 * phone (Thai light, English dark), revoked (the same 404 page). Support reads only. axe-core WCAG
 * 2.1 AA. Screenshots: settings-corporate-*.png, corporate-usage-*.png.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe.skipIf(!hasChromium)('corporate clients, in the Settings app', () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  let support: EnrolledStaff;
  let api: ReturnType<typeof apiClient>;
  let client: { id: string; code: string };
  const people: string[] = [];

  beforeAll(async () => {
    h = await startLiffHarness();
    api = apiClient(h.sys);
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    support = await enrolStaff(h, { displayName: 'Sup Support', role: 'support' });
    browser = await openBrowser();
    const service = await h.bookableService({ name: { th: 'บริการคอนเซียร์จ', en: 'Concierge request' }, capacity: 5, durationMinutes: 60 });
    expect((await api('POST', '/api/v1/member-packages', { key: 'corp-ten', nameTh: 'สมาชิกองค์กร 10 ครั้ง', nameEn: 'Corporate, 10 requests', credits: 10, services: [service], priceMinor: 0, validityDays: 365 })).status).toBe(201);
    const c = await api('POST', '/api/v1/corporate-clients', { name: 'Siam Logistics', codePrefix: 'SIAM', seats: 5, packageKey: 'corp-ten', validUntil: inDays(365), contactName: 'Khun Nok' });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    client = c.json;
    for (const name of ['Somchai Jaidee', 'Malee Suksai']) {
      const [row] = await h.sys.knex('contacts').insert({ org_id: h.sys.defaultOrgId, display_name: name, language: 'th' }).returning('id');
      const j = await api('POST', '/api/v1/corporate-clients/join', { code: client.code, contactId: row.id });
      expect(j.status, JSON.stringify(j.json)).toBe(201);
      people.push(j.json.memberNumber);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('an admin in Thai on a phone: the clients, one client\'s seats and what each used, a seat released', async () => {
    const page = await staffDevice(browser, h, admin);
    await page.goto(`${h.sys.url}/liff/settings?lang=th`);
    await page.getByRole('link', { name: /^ลูกค้าองค์กร/ }).click();
    await poll(() => page.textContent('h1')).toBe('ลูกค้าองค์กร');
    const row = page.locator('[data-clients] > li').first();
    await poll(() => row.textContent()).toContain(`ใช้ที่นั่งแล้ว 2/5 · รหัส ${client.code}`);
    await checkScreen(page, 'settings-corporate-list-th');

    await page.getByRole('link', { name: /Siam Logistics/ }).click();
    await poll(() => page.textContent('h1')).toBe('Siam Logistics');
    expect(await page.textContent('[data-join]')).toBe(`เข้าร่วม ${client.code}`);
    const seat = page.locator(`[data-seat="${people[0]}"]`);
    await poll(() => seat.textContent()).toContain('ใช้ไป 0 ครั้ง · เหลือ 10 จาก 10');
    expect(await seat.textContent()).toContain('Somchai Jaidee');
    await checkScreen(page, 'settings-corporate-seats-th');

    await seat.getByRole('button', { name: 'ยกเลิกที่นั่ง' }).click();
    await seat.getByLabel('เหตุผล').fill('ลาออกจากบริษัท');
    await seat.getByRole('button', { name: 'ยืนยันยกเลิกที่นั่ง' }).click();
    await poll(() => page.textContent('#cc-about')).toContain('ใช้ที่นั่งแล้ว 1/5');
    await poll(() => page.locator(`[data-seat="${people[0]}"]`).textContent()).toContain('ลาออกจากบริษัท');
    // Released: no form, no button left on that seat.
    await poll(() => page.locator(`[data-seat="${people[0]}"] form, [data-seat="${people[0]}"] button`).count()).toBe(0);
    expect(Number((await h.sys.knex('corporate_seats').where({ client_id: client.id }).whereNull('released_at').count('* as n'))[0].n)).toBe(1);
    await checkScreen(page, 'settings-corporate-released-th');
  });

  it("an admin in Thai on a phone: the LINE join link (why it is missing, then copied), the usage link made, opened by the client's contact person in Thai and English, and revoked", async () => {
    const page = await staffDevice(browser, h, admin);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.sys.url });
    await page.goto(`${h.sys.url}/liff/settings/corporate/${client.id}?lang=th`);
    await poll(() => page.textContent('h1')).toBe('Siam Logistics');
    // The LINE channel was never checked with LINE: no link, and what to do about it.
    await poll(() => page.textContent('[data-no-link]')).toBe('ยังไม่มีลิงก์: กด "ตรวจอีกครั้ง" ที่ช่องทาง LINE');
    await checkScreen(page, 'settings-corporate-no-link-th');

    const line = (await api('GET', '/api/v1/channels')).json.find((c: { kind: string }) => c.kind === 'line');
    expect((await api('POST', `/api/v1/channels/${line.id}/check`)).status).toBe(200);
    await page.reload();
    const about = page.locator('section[aria-labelledby="cc-about"]');
    const joinLink = about.locator('a.link-text');
    await poll(() => joinLink.getAttribute('href')).toMatch(/^https:\/\/line\.me\/R\/oaMessage\/@\d{3}[a-z]{5}\/\?/);
    expect(decodeURIComponent(new URL((await joinLink.getAttribute('href'))!).search.slice(1))).toBe(`เข้าร่วม ${client.code}`);
    expect(await page.locator('[data-no-link]').count()).toBe(0);
    await about.getByRole('button', { name: 'คัดลอก' }).click();
    await poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await joinLink.getAttribute('href'));
    await checkScreen(page, 'settings-corporate-link-th');

    // The company's usage link: none yet; made, then copied.
    const usage = page.locator('section[aria-labelledby="cc-usage"]');
    expect(await usage.locator('a').count()).toBe(0);
    await usage.getByRole('button', { name: 'สร้างลิงก์' }).click();
    await poll(() => usage.locator('a').count()).toBe(1);
    await usage.getByRole('button', { name: 'คัดลอก' }).click();
    await poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/public\/v1\/corporate-usage\/[0-9a-f]{32}$/);
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(await usage.locator('a').getAttribute('href')).toBe(url);
    await checkScreen(page, 'settings-corporate-usage-link-th');

    // The contact person opens it on their phone: no sign-in, in Thai, then in English, dark
    // (PUBLIC_BASE_URL names the desk's public address; here it is this test system's).
    const opened = `${h.sys.url}${new URL(url).pathname}`;
    const taken = Number((await h.sys.knex('corporate_seats').where({ client_id: client.id }).whereNull('released_at').count('* as n'))[0].n);
    const contact = await liffDevice(browser, h);
    await contact.goto(opened);
    await poll(() => contact.textContent('h1')).toBe('การใช้ที่นั่งสมาชิก: Siam Logistics');
    expect(await contact.textContent('[data-taken]')).toBe(`ใช้ที่นั่งแล้ว ${taken} จาก 5`);
    expect(await contact.locator('[data-holders] li').count()).toBe(taken);
    await checkScreen(contact, 'corporate-usage-th');
    const dark = await liffDevice(browser, h, { dark: true, locale: 'en-GB' });
    await dark.goto(opened);
    await dark.getByRole('link', { name: 'English' }).click();
    await poll(() => dark.textContent('[data-taken]')).toBe(`${taken} of 5 seats taken`);
    const left = Number((await h.sys.knex('corporate_seats').where({ client_id: client.id }).whereNotNull('released_at').count('* as n'))[0].n);
    expect(await dark.locator('[data-released] li').count()).toBe(left);
    await checkScreen(dark, 'corporate-usage-en-dark');

    // Revoked from the screen: the link is gone, and the page it led to is the same 404 as any wrong link.
    await usage.getByRole('button', { name: 'ยกเลิกลิงก์' }).click();
    await poll(() => usage.locator('a').count()).toBe(0);
    const gone = await contact.goto(opened);
    expect(gone?.status()).toBe(404);
    await poll(() => contact.textContent('h1')).toBe('ลิงก์นี้ใช้ไม่ได้');
    await checkScreen(contact, 'corporate-usage-gone');
    await Promise.all([contact.context().close(), dark.context().close(), page.context().close()]);
  });

  it('an admin in English on a tablet (dark): a package that does not exist is refused on the field, then a client added', async () => {
    const page = await staffDevice(browser, h, admin, { dark: true, size: TABLET });
    await page.goto(`${h.sys.url}/liff/settings/corporate?lang=en`);
    await poll(() => page.textContent('h1')).toBe('Corporate clients');
    const before = Number((await h.sys.knex('corporate_clients').count('* as n'))[0].n);
    await page.getByLabel('Company name').fill('Bangkok Bank Club');
    await page.getByLabel('Seats', { exact: true }).fill('20');
    await page.getByLabel('Package each seat carries (key, optional)').fill('nope');
    await page.getByLabel('People may join until').fill(inDays(180).slice(0, 10));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => page.locator('#cc-package-e').textContent()).toBe('No package has this key');
    expect(await page.locator('form .error').count()).toBe(1);
    expect(Number((await h.sys.knex('corporate_clients').count('* as n'))[0].n)).toBe(before);
    await checkScreen(page, 'settings-corporate-refused-en-dark');

    await page.getByLabel('Package each seat carries (key, optional)').fill('corp-ten');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => page.locator('[data-clients] > li').count()).toBe(2);
    expect(await page.locator('[data-clients]').textContent()).toMatch(/Bangkok Bank Club0\/20 seats taken · Code BANGKOKB-/);
    await checkScreen(page, 'settings-corporate-added-en-dark');
  });

  it('support reads the clients and seats but changes nothing', async () => {
    const page = await staffDevice(browser, h, support);
    await page.goto(`${h.sys.url}/liff/settings/corporate/${client.id}?lang=en`);
    await poll(() => page.textContent('h1')).toBe('Siam Logistics');
    expect(await page.getByRole('button', { name: 'Release seat' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New link' }).count()).toBe(0);
    expect(await page.getByRole('note').count()).toBe(1);
  });
});
