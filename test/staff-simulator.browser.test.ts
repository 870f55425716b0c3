import { type Browser, type Page } from 'playwright-core';
import { hasChromium, simulatorPage } from './support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineGroupId, lineUserId } from '../dev/simulator/chat-simulator.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * docs/staff.md "See it working", done in the chat simulator page in a real browser against the
 * whole system (api + workers, the simulator's own LINE channel and fake LINE API), clicking as a
 * person would: the bot joins a group, a manager enrols with the code the admin API gave, sets the
 * group up with quick replies, a customer reports a top-up problem, the case card appears in the
 * group, Take is tapped on it, the group talks to the customer, and "my queue" is asked 1:1.
 */

const TOP_UP = 'I topped up 500 baht but no credit, order ORD-12345';

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('"See it working" in the chat simulator', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  /** Script errors in the page: none may happen. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sys = await startTestSystem({ env: { CLASSIFIER: 'offline' } });
    api = apiClient(sys);
    expect(sys.simulatorUrl).toBeDefined();
    ({ browser, page } = await simulatorPage(sys.simulatorUrl!, pageErrors));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stopAll();
  });

  const as = (role: 'LINE customer' | 'Staff in a LINE group') => page.locator('label', { hasText: role }).click();
  async function say(text: string) {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  }
  /** A bot message (text bubble or card) in the chat shown now. */
  const fromBot = (text: string | RegExp) => page.locator('#log .msg.bot', { hasText: text });
  const chip = (label: string) => page.locator('#quick .chip', { hasText: label });

  it('walks through enrolment, set-up, a case card, Take, a relay to the customer and my queue', async () => {
    // 2. The bot joins the group and says how to set it up.
    await as('Staff in a LINE group');
    const staffUserId = lineUserId(await page.inputValue('#userId'));
    const groupIdTyped = await page.inputValue('#groupId');
    const groupId = lineGroupId(groupIdTyped);
    await page.getByRole('button', { name: 'Add bot to group' }).click();
    await fromBot('setup').first().waitFor();
    const group = await until(() => sys.knex('staff_groups').where({ line_group_id: groupId }).first());
    expect(group).toMatchObject({ is_active: true, purpose: 'unassigned' });

    // 1 and 3. The admin creates Nok and gets her code; she sends it in the group and is linked.
    const created = await api('POST', '/api/v1/staff', { displayName: 'Nok', role: 'manager', language: 'en' });
    expect(created.status).toBe(201);
    await say(created.json.enrolment.code);
    await fromBot('Nok').first().waitFor();
    expect(await sys.knex('staff').where({ id: created.json.id }).first()).toMatchObject({ line_user_id: staffUserId });

    // 4. Set-up by quick replies.
    await say('setup');
    await chip('Support team').click();
    await chip('All').click();
    await chip('English').click();
    await fromBot('This group is set up.').waitFor();
    const setUp = await sys.knex('staff_groups').where({ line_group_id: groupId }).first();
    expect(setUp).toMatchObject({ purpose: 'support', language: 'en' });

    // 5. The customer reports a top-up problem; the case card reaches the group.
    await as('LINE customer');
    const customerUserId = lineUserId(await page.inputValue('#userId'));
    expect(customerUserId).not.toBe(staffUserId);
    await say(TOP_UP);
    await fromBot(/C-000001/).first().waitFor({ timeout: 15_000 });
    const kase = await until(() => sys.knex('cases').where({ org_id: sys.defaultOrgId, number: 'C-000001' }).first());
    expect(kase).toMatchObject({ status: 'new', owner_staff_id: null });

    await as('Staff in a LINE group');
    // The staff member is still the one who enrolled: the view switch kept the identity.
    expect(lineUserId(await page.inputValue('#userId'))).toBe(staffUserId);
    const card = page.locator('#log .flex', { hasText: 'C-000001' }).first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('ORD-12345');
    await page.screenshot({ path: '/tmp/staff-simulator-card.png' });

    // Take, a Flex footer button: the postback is Nok's, from the group.
    await card.locator('.fbutton', { hasText: 'Take' }).click();
    await fromBot('Nok took C-000001').first().waitFor({ timeout: 15_000 });
    expect(await sys.knex('cases').where({ id: kase.id }).first()).toMatchObject({ owner_staff_id: created.json.id, status: 'investigating' });

    // The customer's side shows the update.
    await as('LINE customer');
    await fromBot('started working').first().waitFor({ timeout: 15_000 });

    // Then Waiting customer, on the same card: it acts on the case as it is now.
    await as('Staff in a LINE group');
    await card.locator('.fbutton', { hasText: 'Waiting customer' }).click();
    await fromBot('Nok: C-000001 -> Waiting for customer').first().waitFor({ timeout: 15_000 });
    expect(await sys.knex('cases').where({ id: kase.id }).first()).toMatchObject({ status: 'waiting_customer' });
    await as('LINE customer');
    await fromBot('need a little more information').first().waitFor({ timeout: 15_000 });

    // 6. From the group to the customer, and the customer's answer back into the group.
    await as('Staff in a LINE group');
    await say('#C-000001 Could you send the slip?');
    await as('LINE customer');
    await fromBot('Could you send the slip?').first().waitFor({ timeout: 15_000 });
    await say('The slip is from SCB, 10:42 today');
    await as('Staff in a LINE group');
    await fromBot(/C-000001.*The slip is from SCB/).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: '/tmp/staff-simulator-relay.png' });

    // 7. With the group field empty, "my queue" goes to the bot 1:1.
    await as('Staff in a LINE group');
    await page.fill('#groupId', '');
    await page.press('#groupId', 'Tab');
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('opsdesk-sim-people')!).staff.groupId)).toBe('');
    await say('my queue');
    const queue = fromBot('Your queue: 1 open case');
    await queue.waitFor({ timeout: 15_000 });
    expect(await queue.innerText()).toContain('C-000001');
    expect(await queue.innerText()).toContain('direct to you');
    expect(await page.locator('#chatTitle').innerText()).not.toContain('LINE group');
    await page.screenshot({ path: '/tmp/staff-simulator-queue.png' });

    // Its quick reply opens the case 1:1.
    await chip('C-000001').click();
    const opened = page.locator('#log .msg.bot', { hasText: 'direct to you' }).filter({ has: page.locator('.flex', { hasText: 'C-000001' }) });
    await opened.waitFor({ timeout: 15_000 });

    // With the group back in the view, a button of that 1:1 card is still tapped 1:1, as in LINE.
    await page.fill('#groupId', groupIdTyped);
    await page.press('#groupId', 'Tab');
    await page.locator('#log .flex', { hasText: 'C-000001' }).last().locator('.fbutton', { hasText: 'Resolve' }).click();
    const asked = fromBot('What was the root cause of C-000001?');
    await asked.waitFor({ timeout: 15_000 });
    expect(await asked.innerText()).toContain('direct to you');
    const tapped = await until(() =>
      sys.knex('messages').join('conversations', 'conversations.id', 'messages.conversation_id').where({ 'messages.direction': 'in', 'messages.kind': 'postback' }).orderBy('messages.created_at', 'desc').select('conversations.kind', 'conversations.external_id').first(),
    );
    expect(tapped).toMatchObject({ kind: 'direct', external_id: staffUserId });
    expect(await page.locator('#log').innerText()).not.toContain('Simulator refused');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('a booking card in a sales group: Propose another time opens a date-and-time picker; the pick is a postback with params.datetime', async () => {
    // The same manager sets up a second group, for sales.
    await as('Staff in a LINE group');
    await page.fill('#groupId', 'sales-desk');
    await page.press('#groupId', 'Tab');
    await page.fill('#groupName', 'Sales desk');
    await page.press('#groupName', 'Tab');
    await page.getByRole('button', { name: 'Add bot to group' }).click();
    await until(() => sys.knex('staff_groups').where({ line_group_id: lineGroupId('sales-desk') }).first());
    await say('setup');
    await chip('Sales / concierge').click();
    await chip('All').click();
    await chip('English').click();
    await fromBot('This group is set up.').waitFor();
    expect(await sys.knex('staff_groups').where({ line_group_id: lineGroupId('sales-desk') }).first()).toMatchObject({ purpose: 'sales' });

    // A new customer books.
    await as('LINE customer');
    await page.getByRole('button', { name: 'New person' }).click();
    await say('Can I book the sushi class next Saturday for 2?');
    await chip('10:00').click();
    await chip('Confirm').click();
    const received = fromBot(/B-\d{6}/).first();
    await received.waitFor({ timeout: 15_000 });
    const number = (await received.innerText()).match(/B-\d{6}/)![0];
    const booking = await sys.knex('bookings').where({ org_id: sys.defaultOrgId, number }).first();

    await as('Staff in a LINE group');
    const card = page.locator('#log .flex', { hasText: number }).first();
    await card.waitFor({ timeout: 15_000 });
    await card.locator('.fbutton', { hasText: 'Propose another time' }).click();
    await page.locator('#picker').waitFor();
    expect(await page.locator('#pickerInput').getAttribute('type')).toBe('datetime-local');
    expect(await page.inputValue('#pickerInput')).toBe(`${booking.requested_date}T10:00`);
    await page.screenshot({ path: '/tmp/staff-simulator-picker.png' });
    await page.fill('#pickerInput', `${booking.requested_date}T15:00`);
    await page.click('#pickerSend');
    await fromBot(`15:00 for ${number}`).waitFor({ timeout: 15_000 });
    const proposed = await sys.knex('bookings').where({ id: booking.id }).first();
    expect(proposed).toMatchObject({ stage: 'proposed', proposed_date: booking.requested_date });
    expect(String(proposed.proposed_time)).toMatch(/^15:00/);
    expect(await page.locator('#picker').isHidden()).toBe(true);

    // The customer is asked about the new time.
    await as('LINE customer');
    await fromBot('is not available at the time you asked for').waitFor({ timeout: 15_000 });
    expect(await page.locator('#log').innerText()).not.toContain('Simulator refused');
    expect(pageErrors).toEqual([]);
  }, 45_000);
});
