import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.ts';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { overflowing } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { staffDevice, TABLET } from './support/staff-browser.ts';

/**
 * The Settings app's rough edges for a new owner, in Debian's Chromium at a phone's (390 px) and a
 * tablet's size, Thai and English, axe-core on every screen shown and nothing running off the
 * screen or its card (test/support/fits.ts). This desk runs as on a development machine: its
 * address (PUBLIC_BASE_URL) is http://127.0.0.1, which LINE cannot call.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const LOCAL = 'http://127.0.0.1:3999';

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the Settings app for a new owner, in a browser', () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    h = await startLiffHarness({ PUBLIC_BASE_URL: LOCAL });
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function device(who: EnrolledStaff, o: { dark?: boolean; size?: { width: number; height: number } } = {}): Promise<Page> {
    const page = await staffDevice(browser, h, who, o);
    // A step that cannot happen fails with its reason, not with the test's timeout.
    page.setDefaultTimeout(15_000);
    contexts.push(page.context());
    page.on('dialog', (d) => void d.accept());
    return page;
  }

  /** Fits (nothing off the screen or off its card), accessible, and photographed. */
  async function check(page: Page, name: string) {
    expect(await overflowing(page), name).toEqual([]);
    await expectAccessible(page, name);
    await page.screenshot({ path: `${SHOTS}/settings-edges-${name}.png`, fullPage: true });
  }

  it('connecting LINE on a development machine: the token is checked, and the card says LINE needs a public https address and what to do', async () => {
    for (const [lang, size, name] of [
      ['th', undefined, 'ร้านข้าวซอย'],
      ['en', TABLET, 'Khao Soi shop'],
    ] as const) {
      const token = `dev-machine-token-${lang}`;
      h.line.state.addChannel({ channelAccessToken: token, bot: { displayName: 'Khao Soi House' } });
      const page = await device(admin, { size });
      await page.goto(`${h.sys.url}/liff/settings/channels?lang=${lang}`);
      await poll(() => page.locator('#new-name').count()).toBe(1);
      await page.fill('#new-name', name);
      await page.fill('#new-secret', '0123456789abcdef0123456789abcdef');
      await page.fill('#new-token', token);
      await page.getByRole('button', { name: lang === 'th' ? 'เชื่อมต่อ' : 'Connect', exact: true }).click();
      const card = page.locator(`[data-channel="${name}"]`);
      await poll(() => card.locator('[data-check]').getAttribute('data-check')).toBe('failed');
      const id = (await h.sys.knex('channels').where({ name }).first()).id;
      const hook = await card.locator('[data-step=webhook]').textContent();
      expect(hook).toContain(`${LOCAL}/webhooks/line/${id}`);
      expect(hook).toContain('PUBLIC_BASE_URL');
      expect(hook).toContain(lang === 'th' ? 'https สาธารณะ' : 'public https address');
      expect(await card.locator('[data-step=token]').textContent()).toContain('Khao Soi House');
      expect(await card.locator('.badge').textContent()).toBe(lang === 'th' ? 'ยังไม่พร้อม' : 'Not ready yet');
      // Nothing was set at LINE: LINE would refuse an http address.
      expect(h.line.state.webhookEndpoints.has(token)).toBe(false);
      await check(page, `line-dev-machine-${lang}-${size ? 'tablet' : 'phone'}`);
    }
  });

  it('LINE out of reach is said as such on the card, not as LINE refusing', async () => {
    const token = 'unreachable-token';
    h.line.state.addChannel({ channelAccessToken: token });
    const page = await device(admin);
    await page.goto(`${h.sys.url}/liff/settings/channels?lang=en`);
    await poll(() => page.locator('#new-name').count()).toBe(1);
    h.line.state.failNext('/v2/bot/info', { cutConnection: true });
    await page.fill('#new-name', 'Offline OA');
    await page.fill('#new-secret', '0123456789abcdef0123456789abcdef');
    await page.fill('#new-token', token);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const card = page.locator('[data-channel="Offline OA"]');
    await poll(() => card.locator('[data-step=token]').textContent()).toContain('LINE could not be reached');
    expect(await card.textContent()).not.toContain('LINE refused');
    await card.getByRole('button', { name: 'Check again' }).click();
    await poll(() => card.locator('[data-step=token]').textContent()).toBe('✓ Token accepted: LINE account Opsdesk (fake)');
    await check(page, 'line-unreachable-en-phone');

    // A new token pasted on the card is checked with LINE at once, as a new channel is.
    h.line.state.addChannel({ channelAccessToken: 'rotated-token', bot: { displayName: 'Rotated OA' } });
    await card.getByRole('button', { name: 'Paste a new token and secret' }).click();
    const id = (await h.sys.knex('channels').where({ name: 'Offline OA' }).first()).id.slice(0, 8);
    await page.fill(`#r-${id}-secret`, '0123456789abcdef0123456789abcdef');
    await page.fill(`#r-${id}-token`, 'rotated-token');
    await card.getByRole('button', { name: 'Save the new token' }).click();
    await poll(() => card.locator('[data-step=token]').textContent()).toBe('✓ Token accepted: LINE account Rotated OA');
  });

  it('an add form sent empty names every missing field at once, each under its own field (Thai on a phone, English on a tablet)', async () => {
    const types = await h.sys.knex('case_types').count({ n: '*' }).first();
    const page = await device(admin);
    await page.goto(`${h.sys.url}/liff/settings/case-types?lang=th`);
    await poll(() => page.textContent('h1')).toBe('ประเภทเคส');
    await page.getByRole('button', { name: 'เพิ่มประเภทเคส' }).click();
    for (const f of ['th', 'en']) await poll(() => page.textContent(`#e-n-${f}`)).toBe('ต้องกรอกช่องนี้');
    for (const f of ['th', 'en']) expect(await page.getAttribute(`#n-${f}`, 'aria-invalid')).toBe('true');
    expect(await h.sys.knex('case_types').count({ n: '*' }).first()).toEqual(types);
    await check(page, 'case-type-missing-th-phone');

    const faqs = await h.sys.knex('faq_entries').count({ n: '*' }).first();
    const tablet = await device(admin, { size: TABLET });
    await tablet.goto(`${h.sys.url}/liff/settings/faq?lang=en`);
    await poll(() => tablet.locator('#n-aTh').count()).toBe(1);
    await tablet.fill('#n-qEn', 'Do you open on Sunday?');
    await tablet.getByRole('button', { name: 'Add a question' }).click();
    for (const f of ['aTh', 'aEn']) await poll(() => tablet.textContent(`#e-n-${f}`)).toBe('Required');
    expect(await tablet.locator('#e-n-qEn').count()).toBe(0);
    expect(await h.sys.knex('faq_entries').count({ n: '*' }).first()).toEqual(faqs);
    await check(tablet, 'faq-missing-en-tablet');
  });

  it("an admin changes a colleague's role from the staff screen; the only admin keeps theirs, and is told why (Thai on a phone, English on a tablet)", async () => {
    const seeded = await h.sys.knex('staff').where({ org_id: h.sys.defaultOrgId, role: 'admin', is_active: true }).whereNot({ id: admin.id }).first();
    const page = await device(admin);
    await page.goto(`${h.sys.url}/liff/settings/staff?lang=th`);
    await poll(() => page.textContent('h1')).toBe('พนักงาน');
    await page.getByLabel(`ตำแหน่งของ ${seeded.display_name}`).selectOption('manager');
    await poll(async () => (await h.sys.knex('staff').where({ id: seeded.id }).first()).role).toBe('manager');
    await poll(() => page.locator(`[data-role-of="${seeded.display_name}"] [role=status]`).textContent()).toBe('บันทึกแล้ว');

    // Now Ada is the only admin: her own role is refused, in words, and the list shows admin again.
    const before = await h.sys.knex('staff').where({ id: admin.id }).first();
    await page.getByLabel('ตำแหน่งของ Ada Admin').selectOption('ceo');
    await poll(() => page.locator('[data-role-of="Ada Admin"] [role=status]').textContent()).toBe('Ada Admin เป็นผู้ดูแลระบบคนเดียว ให้คนอื่นเป็นผู้ดูแลระบบก่อน');
    expect(await page.getByLabel('ตำแหน่งของ Ada Admin').inputValue()).toBe('admin');
    expect(await h.sys.knex('staff').where({ id: admin.id }).first()).toEqual(before);
    await check(page, 'staff-roles-th-phone');

    const tablet = await device(admin, { size: TABLET });
    await tablet.goto(`${h.sys.url}/liff/settings/staff?lang=en`);
    await poll(() => tablet.textContent('h1')).toBe('Staff');
    await tablet.getByLabel(`${seeded.display_name}'s role`).selectOption('admin');
    await poll(async () => (await h.sys.knex('staff').where({ id: seeded.id }).first()).role).toBe('admin');
    await check(tablet, 'staff-roles-en-tablet');
  });

  it('a round-robin rule with two people ticked is saved with both (Thai on a phone, English on a tablet)', async () => {
    const two = await h.sys.knex('staff').where({ org_id: h.sys.defaultOrgId, is_active: true }).whereIn('role', ['support', 'manager']).orderBy('display_name').limit(2).select('id', 'display_name');
    for (const [lang, size, name] of [
      ['th', undefined, 'สองคนสลับกัน'],
      ['en', TABLET, 'Two in turn'],
    ] as const) {
      const page = await device(admin, { size });
      await page.goto(`${h.sys.url}/liff/settings/bookings?lang=${lang}`);
      await poll(() => page.locator('#r-name').count()).toBe(1);
      await poll(() => page.locator(`#r-who-${two[1].id}`).count()).toBe(1);
      await page.fill('#r-name', name);
      // Ticked as a quick thumb does, one tap right after the other, before the page has redrawn.
      await page.evaluate((ids) => ids.forEach((id) => document.getElementById(`r-who-${id}`)!.click()), two.map((t) => t.id));
      for (const t of two) await poll(() => page.isChecked(`#r-who-${t.id}`)).toBe(true);
      await page.fill('#r-dest', 'Krabi');
      await page.getByRole('button', { name: lang === 'th' ? 'เพิ่มกฎ' : 'Add a rule' }).click();
      await poll(async () => (await h.sys.knex('booking_assignment_rules').where({ name }).first())?.staff_ids).toEqual(expect.arrayContaining(two.map((t) => t.id)));
      const saved = await h.sys.knex('booking_assignment_rules').where({ name }).first();
      expect(saved).toMatchObject({ strategy: 'round_robin', destinations: ['krabi'] });
      expect([...saved.staff_ids].sort()).toEqual(two.map((t) => t.id).sort());
      await poll(() => page.locator(`[data-rule="${name}"]`).textContent()).toContain(`${two[0].display_name}, ${two[1].display_name}`);
      await check(page, `booking-rule-${lang}-${size ? 'tablet' : 'phone'}`);
    }
  });

  it('the business-hours editor fits a 390 px phone, every time box and button on its card (Thai and English)', async () => {
    for (const lang of ['th', 'en'] as const) {
      const page = await device(admin);
      await page.goto(`${h.sys.url}/liff/settings/hours?lang=${lang}`);
      await poll(() => page.locator('#h-always').count()).toBe(1);
      await page.uncheck('#h-always');
      await poll(() => page.locator('[data-day=mon]').count()).toBe(1);
      expect(await page.locator('[data-day=mon] input[type=time]').count()).toBeGreaterThan(0);
      await check(page, `hours-${lang}-phone`);
    }
  });

  it('keys are made from names: a Thai provider name gives a short stable key, an English service name a readable one; the key shows only under "Advanced"', async () => {
    const page = await device(admin);
    await page.goto(`${h.sys.url}/liff/settings/providers?lang=th`);
    await poll(() => page.locator('#n-name').count()).toBe(1);
    expect(await page.isVisible('#n-key')).toBe(false);
    await page.fill('#n-name', 'ร้านซ่อมมือถือสมชาย');
    const hint = await page.textContent('details:has(#n-key) .hint');
    const key = /k_[0-9a-z]+/.exec(hint ?? '')![0];
    await check(page, 'provider-new-th-phone');
    await page.getByRole('button', { name: 'เพิ่มผู้ให้บริการ' }).click();
    await poll(() => page.textContent('h1')).toBe('ร้านซ่อมมือถือสมชาย');
    expect(await h.sys.knex('providers').where({ org_id: h.sys.defaultOrgId, key }).first()).toMatchObject({ name: 'ร้านซ่อมมือถือสมชาย' });

    const tablet = await device(admin, { size: TABLET });
    await tablet.goto(`${h.sys.url}/liff/settings/services?lang=en`);
    await poll(() => tablet.locator('#n-th').count()).toBe(1);
    await tablet.fill('#n-th', 'ล่องเรือเจ้าพระยา');
    await tablet.fill('#n-en', 'Chao Phraya river cruise');
    await tablet.locator('details:has(#n-key) summary').click();
    expect(await tablet.getAttribute('#n-key', 'value')).toBeFalsy();
    expect(await tablet.textContent('details:has(#n-key) .hint')).toBe('Leave it empty to use chao_phraya_river_cruise');
    await check(tablet, 'service-new-en-tablet');
    await tablet.getByRole('button', { name: 'Add a service' }).click();
    await poll(async () => (await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, key: 'chao_phraya_river_cruise' }).first())?.name_th).toBe('ล่องเรือเจ้าพระยา');
  });

  it('the booking stages: each stage says which stages it may move on to, labelled for screen readers; a new stage is added by its name', async () => {
    const page = await device(admin);
    await page.goto(`${h.sys.url}/liff/settings/bookings?lang=en`);
    await poll(() => page.locator('[data-stage=quoted]').count()).toBe(1);
    // The rules below load on their own: wait for them, so nothing moves under the tap.
    await poll(() => page.locator('#r-name').count()).toBe(1);
    await page.locator('[data-stage=quoted] summary').click();
    await poll(() => page.getAttribute('[data-stage=quoted] details', 'open')).not.toBeNull();
    const from = page.getByRole('group', { name: 'From "Quoted" it may move on to' });
    expect(await from.getByRole('checkbox').count()).toBe((await page.locator('[data-stage]').count()) - 1);
    await from.getByRole('checkbox', { name: 'Completed' }).check();
    await page.fill('#st-new', 'Waiting for deposit');
    await page.getByRole('button', { name: 'Add the stage' }).click();
    await poll(() => page.locator('[data-stage=waiting_for_deposit]').count()).toBe(1);
    await page.getByRole('button', { name: 'Save the stages' }).click();
    await poll(async () => (await h.sys.knex('booking_stage_settings').where({ org_id: h.sys.defaultOrgId }).first())?.stages?.map((s: { key: string }) => s.key)).toContain('waiting_for_deposit');
    const stages = (await h.sys.knex('booking_stage_settings').where({ org_id: h.sys.defaultOrgId }).first()).stages;
    expect(stages.find((s: { key: string }) => s.key === 'waiting_for_deposit').label).toEqual({ th: 'Waiting for deposit', en: 'Waiting for deposit' });
    expect(stages.find((s: { key: string }) => s.key === 'quoted').moves).toContain('completed');
    await check(page, 'stages-en-phone');
  });
});
