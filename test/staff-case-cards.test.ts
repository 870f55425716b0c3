import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PALETTE } from '../bot/line/line-messages.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { deriveActionKey } from '../core/staff/action-tokens.ts';
import { staffActionData } from '../core/staff/staff-buttons.ts';
import { deskCase } from '../core/staff/case-desk-view.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { buttonData, configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Case cards in a support group and the buttons on them, through signed LINE webhooks: a customer
 * reports a problem, its card appears in the routed group, staff tap Take and the statuses, and the
 * case, its timeline, the group and the customer all show it. Every refusal shows nothing changed.
 */
const APP_KEY = randomBytes(32).toString('hex');
const actionKey = deriveActionKey(Buffer.from(APP_KEY, 'hex'));

let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let groupId: string;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let manager: EnrolledStaff;
let ceo: EnrolledStaff;

beforeAll(async () => {
  h = await startLineCustomerHarness({ APP_ENCRYPTION_KEY: APP_KEY });
  api = apiClient(h.sys);
  [somchai, nok, manager, ceo] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Nok', role: 'support' }),
    enrolStaff(h, { displayName: 'Mali', role: 'manager' }),
    enrolStaff(h, { displayName: 'Boss', role: 'ceo' }),
  ]);
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['topup_not_credited'] }, language: 'en' }));
}, 60_000);
afterAll(() => h?.close());

const caseRow = (id: string) => h.sys.knex('cases').where({ id }).first();
const eventsOf = async (id: string) => h.sys.knex('case_events').where({ case_id: id }).orderBy('id');
const cardOf = (number: string, to = groupId) => waitForMessageTo(h, to, (m) => m.type === 'flex' && String(m.altText).includes(number), 20_000);
const footerLabels = (card: Record<string, any>) => card.contents.footer.contents.map((b: Record<string, any>) => b.action.label);
const quickLabels = (m: Record<string, any>) => (m.quickReply?.items ?? []).map((i: Record<string, any>) => i.action.label);

/** A staff member (or anyone) taps a button in the group; resolves with the bot's answer to that tap. */
const tap = (who: { lineUserId: string }, data: string, where = groupId) => h.ask(who.lineUserId, { postback: { data }, groupId: where });

/** A top-up case opened the way the business's system would, with its card in the group. */
async function topUpCaseWithCard() {
  const c = await openTopUpCase(h.sys);
  return { ...c, card: await cardOf(c.number) };
}

/** What must not move when a tap is refused. */
const snapshot = async (id: string) => {
  const c = await caseRow(id);
  return { status: c.status, owner: c.owner_staff_id, version: c.version, events: (await eventsOf(id)).length };
};

describe('a reported problem becomes a card in its group, and the buttons work it', () => {
  it('shows the card, then Take, Waiting customer and Resolve with a root cause, telling the customer each time', async () => {
    const customer = lineId('U');
    await h.send(customer, { text: 'เติมเงิน 500 บาทแล้วเครดิตไม่เข้า ORD-12345' });
    const c = await until(async () => {
      const identity = await h.sys.knex('contact_identities').where({ external_id: customer }).first();
      return identity && (await h.sys.knex('cases').where({ contact_id: identity.contact_id }).first());
    });

    const card = await cardOf(c.number);
    expect(card.altText).toContain(c.number);
    expect(card.altText).toContain('Top-up not credited');
    const header = card.contents.header;
    expect(header.contents[0].text).toBe(`${c.number} · Top-up not credited`);
    expect(header.contents[1].text).toBe('Critical · New');
    expect(header.backgroundColor).toBe(CARD_PALETTE.critical.background);
    const fields = Object.fromEntries(
      card.contents.body.contents.filter((r: Record<string, any>) => r.type === 'box').map((r: Record<string, any>) => [r.contents[0].text, r.contents[1].text]),
    );
    expect(fields).toMatchObject({ Order: 'ORD-12345', Amount: '500.00 THB', Owner: 'Unassigned' });
    expect(fields['Respond by']).toMatch(/\d{2}:\d{2}/);
    expect(JSON.stringify(card.contents.body)).toContain('เติมเงิน 500 บาท');
    expect(footerLabels(card)).toEqual(['Take', 'Waiting customer', 'Waiting provider', 'Resolve']);
    // The other moves, and the type's SOP whole on the desk (its first lines are on the card).
    expect(quickLabels(card)).toEqual(['Investigating', 'Fixing', 'Read the whole SOP']);
    expect(await h.sys.knex('messages').where({ case_id: c.id, direction: 'out' }).whereRaw(`payload->'outbound'->>'kind' = 'card'`)).toHaveLength(1);

    const pushesToCustomer = () => h.line.state.deliveriesTo(customer).filter((d) => d.kind === 'push').flatMap((d) => d.messages.map((m) => ('text' in m ? String(m.text) : '')));

    // Take: owned, work started (the first response), the group and the customer told.
    const took = await tap(somchai, buttonData(card, 'Take'));
    expect(took.text).toBe(`Somchai took ${c.number}`);
    expect(took.quickReplies.map((q) => q.label)).toEqual(['Waiting customer', 'Waiting provider', 'Fixing', 'Resolve']);
    const taken = await caseRow(c.id);
    expect(taken).toMatchObject({ owner_staff_id: somchai.id, status: 'investigating' });
    expect(taken.first_responded_at).not.toBeNull();
    const events = await eventsOf(c.id);
    expect(events.filter((e) => e.type === 'owner_changed')).toMatchObject([{ actor_type: 'staff', actor_id: somchai.id, data: { from: null, to: somchai.id } }]);
    expect(events.at(-1)).toMatchObject({ type: 'status_changed', actor_type: 'staff', actor_id: somchai.id, data: { from: 'new', to: 'investigating' } });
    await until(async () => pushesToCustomer().some((t) => t.includes(c.number) && t.includes('ทีมงานเริ่มดำเนินการ')));

    // Waiting customer, from the same (now old) card: the clock pauses and the customer is asked.
    const waiting = await tap(somchai, buttonData(card, 'Waiting customer'));
    expect(waiting.text).toBe(`Somchai: ${c.number} -> Waiting for customer`);
    expect(await caseRow(c.id)).toMatchObject({ status: 'waiting_customer', owner_staff_id: somchai.id });
    expect((await caseRow(c.id)).resolution_paused_at).not.toBeNull();
    await until(async () => pushesToCustomer().some((t) => t.includes(c.number) && t.includes('ส่งข้อมูลเพิ่มเติม')));

    // Resolve asks for the root cause first, changing nothing yet.
    const before = await snapshot(c.id);
    const asked = await tap(somchai, buttonData(card, 'Resolve'));
    expect(asked.text).toBe(`What was the root cause of ${c.number}? Pick one below.`);
    expect(asked.quickReplies.map((q) => q.label)).toEqual(['Provider issue', 'Payment gateway', 'System bug', 'User error', 'Process error']);
    expect(await snapshot(c.id)).toEqual(before);

    const resolved = await tap(somchai, asked.quickReplies.find((q) => q.label === 'Payment gateway')!.data!);
    expect(resolved.text).toBe(`Somchai: ${c.number} -> Resolved (root cause: Payment gateway)`);
    expect(await caseRow(c.id)).toMatchObject({ status: 'resolved', root_cause: 'payment_gateway' });
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ type: 'status_changed', data: { from: 'waiting_customer', to: 'resolved', rootCause: 'payment_gateway' } });
    await until(async () => pushesToCustomer().some((t) => t.includes(c.number) && t.includes('แก้ไขเรียบร้อยแล้ว')));
    // Three updates, each pushed to the customer (the staff taps' reply tokens carried only the group answers).
    expect(pushesToCustomer().filter((t) => t.includes(c.number))).toHaveLength(3);

    // Closing later reuses the root cause given on Resolve.
    const closed = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'closed' });
    expect(closed.status).toBe(200);
    expect(await caseRow(c.id)).toMatchObject({ status: 'closed', root_cause: 'payment_gateway' });
  });

  it('lets exactly one of two staff tapping Take at the same moment have the case; the other is told who has it', async () => {
    const c = await topUpCaseWithCard();
    const data = buttonData(c.card, 'Take');
    const [a, b] = await Promise.all([tap(somchai, data), tap(nok, data)]);
    const row = await caseRow(c.id);
    const winner = row.owner_staff_id === somchai.id ? 'Somchai' : 'Nok';
    expect([somchai.id, nok.id]).toContain(row.owner_staff_id);
    expect([a.text, b.text].sort()).toEqual([`${winner} already has ${c.number}`, `${winner} took ${c.number}`].sort());
    const events = await eventsOf(c.id);
    expect(events.filter((e) => e.type === 'owner_changed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'status_changed')).toHaveLength(1);
    expect(row).toMatchObject({ status: 'investigating' });
  });

  it('acts on the case as it is now when an old card is tapped, or says why it cannot', async () => {
    const c = await topUpCaseWithCard();
    const move = (to: string) => api('POST', `/api/v1/cases/${c.number}/transitions`, { to });

    // The card was made while the case was New; it has since moved on.
    expect((await move('waiting_provider')).status).toBe(200);
    let before = await snapshot(c.id);
    const same = await tap(nok, buttonData(c.card, 'Waiting provider'));
    expect(same.text).toBe(`${c.number} is already Waiting for provider.`);
    expect(await snapshot(c.id)).toEqual(before);

    // A move that is still allowed from where the case is now works, from the old card.
    const waiting = await tap(nok, buttonData(c.card, 'Waiting customer'));
    expect(waiting.text).toBe(`Nok: ${c.number} -> Waiting for customer`);
    expect(await caseRow(c.id)).toMatchObject({ status: 'waiting_customer', version: before.version + 1 });

    // Resolved meanwhile: the old card's buttons explain and change nothing.
    expect((await move('resolved')).status).toBe(200);
    before = await snapshot(c.id);
    const illegal = await tap(nok, buttonData(c.card, 'Waiting provider'));
    expect(illegal.text).toBe(`${c.number} is Resolved, so it cannot go to Waiting for provider. It can go to: Investigating, Closed.`);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('explains instead of moving a resolved case to a status it cannot reach, and refuses to take it', async () => {
    const c = await topUpCaseWithCard();
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'resolved' })).status).toBe(200);
    const before = await snapshot(c.id);
    const fixing = await tap(somchai, buttonData(c.card, 'Fixing'));
    expect(fixing.text).toBe(`${c.number} is Resolved, so it cannot go to Fixing. It can go to: Investigating, Closed.`);
    const resolve = await tap(somchai, buttonData(c.card, 'Resolve'));
    expect(resolve.text).toBe(`${c.number} is already Resolved.`);
    const take = await tap(somchai, buttonData(c.card, 'Take'));
    expect(take.text).toBe(`${c.number} is Resolved: there is nothing to take.`);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('answers View with a fresh card of the case as it is now, for the CEO too', async () => {
    const c = await topUpCaseWithCard();
    await tap(somchai, buttonData(c.card, 'Take'));
    const data = staffActionData(actionKey, { orgId: h.sys.defaultOrgId, name: 'case.view', subjectId: c.id, now: new Date() });
    const event = await h.send(ceo.lineUserId, { postback: { data }, groupId });
    const reply = await until(async () => h.line.state.deliveries.find((d) => d.replyToken === event.replyToken) ?? false);
    const card = reply.messages[0] as Record<string, any>;
    expect(card.type).toBe('flex');
    expect(card.contents.header.contents[1].text).toBe('Critical · Investigating');
    expect(JSON.stringify(card.contents.body)).toContain('Somchai');
    // Owned and being worked on: no Take, only moves allowed from Investigating.
    expect(footerLabels(card)).toEqual(['Waiting customer', 'Waiting provider', 'Fixing', 'Resolve']);
  });
});

describe('taps that must change nothing', () => {
  it('refuses tampered data, a token signed for another org, and a tap from someone who is not staff', async () => {
    const c = await topUpCaseWithCard();
    const before = await snapshot(c.id);
    const data = buttonData(c.card, 'Take');
    const i = 10;
    const tampered = data.slice(0, i) + (data[i] === 'A' ? 'B' : 'A') + data.slice(i + 1);
    expect((await tap(somchai, tampered)).text).toBe('This button cannot be used.');

    const otherOrg = staffActionData(actionKey, { orgId: randomUUID(), name: 'case.take', subjectId: c.id, now: new Date() });
    expect((await tap(somchai, otherOrg)).text).toBe('This button cannot be used.');

    expect((await tap({ lineUserId: lineId('U') }, data)).text).toMatch(/^Only enrolled staff/);
    expect(await snapshot(c.id)).toEqual(before);

    // The genuine button still works afterwards: none of the refusals spent it.
    expect((await tap(somchai, data)).text).toBe(`Somchai took ${c.number}`);
  });

  it('refuses staff of another org', async () => {
    const c = await topUpCaseWithCard();
    const [org] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other business' }).returning('id');
    const outsider = lineId('U');
    await h.sys.knex('staff').insert({ org_id: org.id, display_name: 'Outsider', role: 'admin', line_user_id: outsider, language: 'en', enrolled_at: new Date() });
    const before = await snapshot(c.id);
    expect((await tap({ lineUserId: outsider }, buttonData(c.card, 'Take'))).text).toMatch(/^Only enrolled staff/);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('refuses a replayed button', async () => {
    const c = await topUpCaseWithCard();
    await tap(somchai, buttonData(c.card, 'Take'));
    const data = buttonData(c.card, 'Waiting customer');
    expect((await tap(somchai, data)).text).toBe(`Somchai: ${c.number} -> Waiting for customer`);
    // Back to investigating, so the same move would be allowed again: only the spent nonce stops it.
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
    const before = await snapshot(c.id);
    expect((await tap(somchai, data)).text).toBe('This button was already used; nothing changed.');
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('asks which provider a case waits on, records it, and tells the provider group', async () => {
    const provider = await h.sys.knex('providers').where({ org_id: h.sys.defaultOrgId, is_active: true }).orderBy('name').first();
    const providerGroup = await configureGroup(h, lineId('C'), { purpose: 'provider', providerId: provider.id, language: 'en' });
    const c = await topUpCaseWithCard();
    await tap(somchai, buttonData(c.card, 'Take'));
    const before = await snapshot(c.id);
    const asked = await tap(somchai, buttonData(c.card, 'Waiting provider'));
    expect(asked.text).toBe(`Which provider is ${c.number} waiting on?`);
    // Asking changes nothing.
    expect(await snapshot(c.id)).toEqual(before);
    // The org's providers by name (labels are cut to LINE's 20 characters): the first is ours.
    const pick = asked.quickReplies[0];
    expect(provider.name.startsWith(pick.label!.replace(/…$/, ''))).toBe(true);
    expect((await tap(somchai, pick.data!)).text).toBe(`Somchai: ${c.number} -> Waiting for provider`);
    expect(await caseRow(c.id)).toMatchObject({ status: 'waiting_provider', provider_id: provider.id });
    expect((await eventsOf(c.id)).map((e) => e.type)).toContain('provider_changed');
    const handoff = await waitForMessageTo(h, providerGroup.groupId, (m) => String(m.text ?? '').includes(c.number), 20_000);
    expect(handoff.text).toContain(c.number);
    // The same pick again is a spent button: nothing moves.
    const after = await snapshot(c.id);
    expect((await tap(somchai, pick.data!)).text).toMatch(/already/);
    expect(await snapshot(c.id)).toEqual(after);
  });

  it('lets the CEO only read, support act only on unowned or own cases, and a manager take over', async () => {
    const c = await topUpCaseWithCard();
    let before = await snapshot(c.id);
    expect((await tap(ceo, buttonData(c.card, 'Take'))).text).toBe('Your role can view cases but not change them.');
    expect((await tap(ceo, buttonData(c.card, 'Waiting customer'))).text).toBe('Your role can view cases but not change them.');
    expect(await snapshot(c.id)).toEqual(before);

    await tap(somchai, buttonData(c.card, 'Take'));
    before = await snapshot(c.id);
    expect((await tap(nok, buttonData(c.card, 'Waiting customer'))).text).toBe(`Somchai has ${c.number}: only they or a manager can change it.`);
    expect((await tap(nok, buttonData(c.card, 'Resolve'))).text).toBe(`Somchai has ${c.number}: only they or a manager can change it.`);
    const takeOver = () => staffActionData(actionKey, { orgId: h.sys.defaultOrgId, name: 'case.take', subjectId: c.id, now: new Date() });
    expect((await tap(nok, takeOver())).text).toBe(`Somchai already has ${c.number}`);
    expect(await snapshot(c.id)).toEqual(before);

    expect((await tap(manager, takeOver())).text).toBe(`Mali took over ${c.number} from Somchai`);
    expect(await caseRow(c.id)).toMatchObject({ owner_staff_id: manager.id, status: 'investigating' });
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ type: 'owner_changed', actor_id: manager.id, data: { from: somchai.id, to: manager.id } });
  });

  it('offers a manager Take over and Reassign on an owned case; the new owner is told 1:1; support cannot reassign', async () => {
    const c = await topUpCaseWithCard();
    await tap(somchai, buttonData(c.card, 'Take'));
    const viewData = staffActionData(actionKey, { orgId: h.sys.defaultOrgId, name: 'case.view', subjectId: c.id, now: new Date() });
    // Support sees the case but gets no manager's buttons, and cannot ask to reassign.
    const supportView = await h.ask(nok.lineUserId, { postback: { data: viewData } });
    expect(supportView.quickReplies.map((q) => q.label)).not.toContain('Reassign');
    const reassign = () => staffActionData(actionKey, { orgId: h.sys.defaultOrgId, name: 'case.reassign', subjectId: c.id, now: new Date() });
    expect((await tap(nok, reassign())).text).toBe('Your role cannot do this.');

    const managerView = await h.ask(manager.lineUserId, { postback: { data: viewData } });
    expect(managerView.quickReplies.map((q) => q.label)).toEqual(expect.arrayContaining(['Take over', 'Reassign']));
    const asked = await tap(manager, managerView.quickReplies.find((q) => q.label === 'Reassign')!.data!);
    expect(asked.text).toBe(`Who should take ${c.number}?`);
    expect(asked.quickReplies.map((q) => q.label)).not.toContain('Somchai');
    const before = await snapshot(c.id);
    const toNok = asked.quickReplies.find((q) => q.label === 'Nok')!.data!;
    expect((await tap(manager, toNok)).text).toBe(`Mali gave ${c.number} to Nok`);
    expect(await caseRow(c.id)).toMatchObject({ owner_staff_id: nok.id, version: before.version + 1 });
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ type: 'owner_changed', actor_id: manager.id, data: { from: somchai.id, to: nok.id } });
    // Nok hears it 1:1, with the card.
    const told = await waitForMessageTo(h, nok.lineUserId, (m) => m.type === 'flex' && String(m.altText).includes(c.number));
    expect(JSON.stringify(told)).toContain('Nok');
    // The same pick again is spent.
    const after = await snapshot(c.id);
    expect((await tap(manager, toNok)).text).toMatch(/already/);
    expect(await snapshot(c.id)).toEqual(after);

    // The manager takes it over; on their own case they are offered to hand it on, not to take it over.
    const again = await h.ask(manager.lineUserId, { postback: { data: viewData } });
    await tap(manager, again.quickReplies.find((q) => q.label === 'Take over')!.data!);
    expect(await caseRow(c.id)).toMatchObject({ owner_staff_id: manager.id });
    const ownView = await h.ask(manager.lineUserId, { postback: { data: staffActionData(actionKey, { orgId: h.sys.defaultOrgId, name: 'case.view', subjectId: c.id, now: new Date() }) } });
    expect(ownView.quickReplies.map((q) => q.label)).toContain('Reassign');
    expect(ownView.quickReplies.map((q) => q.label)).not.toContain('Take over');
  });

  it('posts no card to a group the bot has left', async () => {
    const { groupId: leftGroup } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['topup_not_credited'] } });
    const res = await h.postEvents([
      {
        type: 'leave',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'group', groupId: leftGroup },
        webhookEventId: `01L${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26),
        deliveryContext: { isRedelivery: false },
      },
    ]);
    expect(res.status).toBe(200);
    await until(async () => (await h.sys.knex('staff_groups').where({ line_group_id: leftGroup, is_active: false }).first()) ?? false);
    const c = await topUpCaseWithCard();
    await untilSettled(h.sys.knex);
    expect(sentTo(h, leftGroup).filter((m) => m.type === 'flex')).toHaveLength(0);
    const conversations = await h.sys.knex('messages').join('conversations', 'conversations.id', 'messages.conversation_id').where({ 'messages.case_id': c.id, 'conversations.external_id': leftGroup });
    expect(conversations).toHaveLength(0);
  });
});

describe("the case type's SOP, in sight (#42)", () => {
  it('shows its first lines on the card, opens it whole on the desk, and shows it whole in the desk case', async () => {
    const originalSop = (await h.sys.knex('case_types').where({ org_id: h.sys.defaultOrgId, key: 'topup_not_credited' }).first()).sop;
    const sop = 'Check the payment gateway for the order.\nIf it was paid, credit it by hand.\nIf not, ask the customer for the slip.\nTell the provider when the gateway failed.';
    expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { sop })).status).toBe(200);
    try {
      const { number, card } = await topUpCaseWithCard();
      const fields = Object.fromEntries(
        card.contents.body.contents.filter((r: Record<string, any>) => r.type === 'box').map((r: Record<string, any>) => [r.contents[0].text, r.contents[1].text]),
      );
      // Two lines of four, and the ellipsis that says there is more.
      expect(fields['How to handle (SOP)']).toBe('Check the payment gateway for the order.\nIf it was paid, credit it by hand.…');
      const read = (card.quickReply?.items ?? []).map((i: Record<string, any>) => i.action).find((a: Record<string, any>) => a.label === 'Read the whole SOP');
      expect(read).toMatchObject({ type: 'uri' });
      expect(read.uri).toMatch(new RegExp(`/desk/case/${number}$`));
      // The desk's case, as its API serves it: the SOP whole.
      const desk = await deskCase(h.sys.knex, { publicBaseUrl: () => h.sys.url!, mediaLinkKey: Buffer.alloc(32) }, { id: manager.id, orgId: h.sys.defaultOrgId, role: 'manager' }, number);
      expect(desk.sop).toBe(sop);
    } finally {
      expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { sop: null })).status).toBe(200);
    }
    // Without an SOP: no such line, no such button.
    const { card } = await topUpCaseWithCard();
    expect(JSON.stringify(card)).not.toContain('SOP');
    expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { sop: originalSop })).status).toBe(200);
  });
});
