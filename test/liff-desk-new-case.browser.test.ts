import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { expectAccessible } from './support/accessibility.ts';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { configureGroup, enrolStaff, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { staffDevice } from './support/staff-browser.ts';

/**
 * "New case" on the desk's queue: a support member opens a case for a customer who called, by
 * their phone number (POST /liff-api/v1/desk/cases, as POST /api/v1/cases). The case opens as
 * theirs on the timeline, its card reaches the staff group, and the desk shows it. A refused form
 * says which field, and creates nothing. The CEO is not offered the form.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

describe.skipIf(!hasChromium)('a new case from the desk', () => {
  let h: LiffHarness;
  let browser: Browser;
  let somchai: EnrolledStaff;
  let boss: EnrolledStaff;
  let groupId: string;

  beforeAll(async () => {
    h = await startLiffHarness();
    [somchai, boss] = await Promise.all([enrolStaff(h, { displayName: 'Somchai', role: 'support' }), enrolStaff(h, { displayName: 'Boss', role: 'ceo' })]);
    ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['order_not_delivered'] }, language: 'en' }));
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const device = (who: EnrolledStaff): Promise<Page> => staffDevice(browser, h, who, {});
  const count = async (table: string) => Number((await h.sys.knex(table).count({ n: '*' }))[0].n);

  it('a support member opens a case for a caller by phone: the case, its card, the desk on it', async () => {
    const page = await device(somchai);
    await page.goto(`${h.sys.url}/liff/desk?lang=en`);
    await page.getByRole('button', { name: 'New case' }).click();
    const form = page.getByRole('form', { name: 'New case' });
    await form.getByLabel('Case type').selectOption('order_not_delivered');
    await form.getByLabel('Source').selectOption('manual');
    await form.getByLabel("Their phone, e-mail or LINE user id").fill('081-555-0199');
    await form.getByLabel("The customer's name (for a new customer)").fill('Khun Ploy');
    await form.getByLabel('Order id').fill('ORD-5501');
    await form.getByLabel('What it is about').fill('Called: parcel not delivered');
    await expectAccessible(page, 'desk-new-case');
    await page.screenshot({ path: `${SHOTS}/desk-new-case-en-light.png`, fullPage: true });

    // A refused form first (an e-mail that is not one): the field named, nothing created.
    const before = { cases: await count('cases'), contacts: await count('contacts') };
    await form.getByLabel('The customer, by').selectOption('email');
    await form.getByRole('button', { name: 'New case' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('email');
    expect({ cases: await count('cases'), contacts: await count('contacts') }).toEqual(before);

    await form.getByLabel('The customer, by').selectOption('phone');
    await form.getByRole('button', { name: 'New case' }).click();
    await poll(() => page.url()).toMatch(/\/liff\/desk\/case\//);
    const number = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await poll(() => page.textContent('main')).toContain(number);

    const row = await h.sys.knex('cases').where({ number }).first();
    expect(row).toMatchObject({ source: 'manual', severity: 'high', summary: 'Called: parcel not delivered' });
    expect(await h.sys.knex('contacts').where({ id: row.contact_id }).first()).toMatchObject({ phone: '+66815550199', display_name: 'Khun Ploy' });
    expect(await h.sys.knex('case_events').where({ case_id: row.id, type: 'created' }).first()).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, data: { source: 'manual' } });
    await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).includes(number), 20_000);
  });

  it('the CEO, who reads cases only, is not offered the form', async () => {
    const page = await device(boss);
    await page.goto(`${h.sys.url}/liff/desk?lang=en`);
    await poll(() => page.textContent('h1')).toBe('Case desk');
    await poll(() => page.getByRole('button', { name: 'Refresh' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'New case' }).count()).toBe(0);
  });
});
