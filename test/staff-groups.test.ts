import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { groupsForCase, groupsForProvider, managersGroups } from '../core/staff/routing.ts';
import { postToGroup, toStaffGroup } from '../core/staff/staff-desk.ts';
import { apiClient, openTestCase, openTopUpCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, enrolStaff, joinGroup, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled, type TestSystem } from './support/test-system.ts';

/**
 * Staff groups through the running system: the bot joins a group and says how to set it up; an
 * admin or manager sets it up with signed quick replies (purpose, case types or services or
 * provider, language), and what is routed there follows; VIP customers' groups behave like the
 * customer's own chat; provider groups get the cases waiting on them and their replies go on the
 * timeline; a group the bot left gets nothing; the admin API lists and changes groups.
 */
let h: LineCustomerHarness;
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let manager: EnrolledStaff;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
  api = apiClient(sys);
  manager = await enrolStaff(h, { displayName: 'Mali Manager', role: 'manager', language: 'en' });
});
afterAll(() => h?.close());

const eventId = () => `01J${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26);
const groupRow = (groupId: string) => sys.knex('staff_groups').where({ line_group_id: groupId }).first();
const groupConversation = (groupId: string) => sys.knex('conversations').where({ external_id: groupId }).first();
type Reply = Awaited<ReturnType<LineCustomerHarness['ask']>>;

/** A quick reply's postback data by its label. */
function tap(reply: Reply, label: string | RegExp): string {
  const found = reply.quickReplies.find((q) => (typeof label === 'string' ? q.label === label : label.test(q.label ?? '')));
  if (!found?.data) throw new Error(`no quick reply ${label} in ${JSON.stringify(reply.quickReplies.map((q) => q.label))}`);
  return found.data;
}

/** Runs the set-up dialogue as `who`, answering each question by the labels given. */
async function setUp(who: EnrolledStaff, groupId: string, labels: (string | RegExp)[]): Promise<Reply> {
  let reply = await h.ask(who.lineUserId, { text: 'setup', groupId });
  for (const label of labels) reply = await h.ask(who.lineUserId, { postback: { data: tap(reply, label) }, groupId });
  return reply;
}

/** A LINE event in a group, signed, with a reply token issued for that group. */
async function groupEvent(groupId: string, e: Record<string, unknown>): Promise<string> {
  const replyToken = h.line.state.issueReplyToken({ source: groupId });
  const res = await h.postEvents([
    { mode: 'active', timestamp: Date.now(), webhookEventId: eventId(), deliveryContext: { isRedelivery: false }, replyToken, ...e },
  ]);
  expect(res.status).toBe(200);
  return replyToken;
}

/**
 * A text in a group, optionally quote-replying a message. Resolves once routed, with the bot's
 * reply if it queued one (an answer is queued in the transaction that routes the message).
 */
async function sayInGroup(userId: string, groupId: string, text: string, quotedMessageId?: string) {
  const id = String(BigInt('0x' + randomBytes(7).toString('hex')));
  const replyToken = await groupEvent(groupId, {
    type: 'message',
    source: { type: 'group', groupId, userId },
    message: { id, type: 'text', quoteToken: 'q', text, ...(quotedMessageId ? { quotedMessageId } : {}) },
  });
  const routed = await until(async () => (await sys.knex('messages').where({ platform_message_id: id }).whereNotNull('routed_at').first()) ?? false);
  const answered = await sys.knex('outbox').where({ job_name: 'send' }).whereRaw(`payload->>'replyToEventId' = ?`, [String(routed.inbound_event_id)]).first();
  const delivery = answered ? await until(async () => h.line.state.deliveries.find((d) => d.replyToken === replyToken) ?? false) : undefined;
  return { replyToken, delivery };
}

describe('joining a group', () => {
  it('greets the group by reply with what the bot is and how to set it up; until then only the set-up command does anything', async () => {
    const groupId = lineId('C');
    await groupEvent(groupId, { type: 'join', source: { type: 'group', groupId } });
    const greeting = await waitForMessageTo(h, groupId, (m) => typeof m.text === 'string' && m.text.includes('setup'));
    expect(h.line.state.deliveriesTo(groupId)[0].kind).toBe('reply');
    expect(greeting.text).toContain("An admin or manager: send 'setup' (ตั้งค่า)");
    expect(greeting.text).toContain('ตั้งค่า');
    expect(greeting.text).toMatch(/can read but cannot act/);
    expect(greeting.quickReply.items[0].action).toMatchObject({ type: 'message', text: 'ตั้งค่า' });
    expect(await groupRow(groupId)).toMatchObject({ purpose: 'unassigned', is_active: true });

    // A problem reported in a group that is not set up is nobody's case yet.
    const cases = Number((await sys.knex('cases').count({ n: '*' }))[0].n);
    const { delivery } = await sayInGroup(lineId('U'), groupId, 'I topped up 500 baht but my balance did not change');
    expect(delivery).toBeUndefined();
    expect(Number((await sys.knex('cases').count({ n: '*' }))[0].n)).toBe(cases);
  });
});

describe('setting a group up from inside it', () => {
  it('a manager makes it the support group for two case types; cases of those types are routed there, others are not', async () => {
    const groupId = await joinGroup(h);
    const names = Object.fromEntries(
      (await sys.knex('case_types').where({ org_id: sys.defaultOrgId }).whereIn('key', ['topup_not_credited', 'refund_request'])).map((t) => [t.key, t.name_en]),
    );
    const start = await h.ask(manager.lineUserId, { text: 'setup', groupId });
    expect(start.text).toContain('what is this group for?');
    expect(start.quickReplies.map((q) => q.label)).toEqual(['Support team', 'Managers', 'VIP customer', 'Provider', 'Sales / concierge', 'Cancel']);

    const types = await h.ask(manager.lineUserId, { postback: { data: tap(start, 'Support team') }, groupId });
    expect(types.text).toMatch(/Which case types/);
    const one = await h.ask(manager.lineUserId, { postback: { data: tap(types, names.topup_not_credited) }, groupId });
    expect(one.text).toContain(`Chosen: ${names.topup_not_credited}`);
    // Chosen ones are ticked (LINE cuts labels at 20 characters).
    const ticked = one.quickReplies.filter((q) => q.label?.startsWith('✓ ')).map((q) => q.label!);
    expect(ticked).toHaveLength(1);
    expect(`✓ ${names.topup_not_credited}`.startsWith(ticked[0].replace(/…$/, ''))).toBe(true);
    const two = await h.ask(manager.lineUserId, { postback: { data: tap(one, names.refund_request) }, groupId });
    expect(two.text).toContain(`Chosen: ${names.topup_not_credited}, ${names.refund_request}`);
    // Nothing is routed before the set-up is finished.
    expect(await groupRow(groupId)).toMatchObject({ purpose: 'unassigned' });

    const language = await h.ask(manager.lineUserId, { postback: { data: tap(two, 'Done') }, groupId });
    expect(language.text).toMatch(/Which language/);
    const done = await h.ask(manager.lineUserId, { postback: { data: tap(language, 'English') }, groupId });
    expect(done.text).toContain('This group is set up.');
    expect(done.text).toContain('Support team');
    expect(done.text).toContain(names.topup_not_credited);
    expect(done.text).toContain(names.refund_request);

    const row = await groupRow(groupId);
    expect(row).toMatchObject({ purpose: 'support', language: 'en', is_active: true, provider_id: null, contact_id: null });
    expect(row.routing).toEqual({ caseTypes: ['topup_not_credited', 'refund_request'] });
    expect((await groupConversation(groupId)).dialogue).toBeNull();
    expect(await sys.knex('audit_log').where({ subject_id: row.id, action: 'staff_group.set_up', actor_id: manager.id }).first()).toBeDefined();

    const topUp = await openTopUpCase(sys);
    const other = await openTestCase(sys, 'order_not_delivered');
    expect((await groupsForCase(sys.knex, topUp.id)).map((g) => g.id)).toContain(row.id);
    expect((await groupsForCase(sys.knex, other.id)).map((g) => g.id)).not.toContain(row.id);

    // A tap replayed (the same quick reply again) changes nothing.
    const replay = await h.ask(manager.lineUserId, { postback: { data: tap(one, names.refund_request) }, groupId });
    expect(replay.text).toMatch(/no longer open|already used/);
    expect((await groupRow(groupId)).routing).toEqual({ caseTypes: ['topup_not_credited', 'refund_request'] });
  });

  it('a sales group takes the services chosen, and "All" means every service', async () => {
    const groupId = await joinGroup(h);
    const services = await setUp(manager, groupId, ['Sales / concierge']);
    expect(services.text).toMatch(/Which services/);
    const language = await h.ask(manager.lineUserId, { postback: { data: tap(services, 'All') }, groupId });
    const done = await h.ask(manager.lineUserId, { postback: { data: tap(language, 'ไทย') }, groupId });
    expect(done.text).toContain('ตั้งค่าเรียบร้อยแล้วค่ะ');
    expect(done.text).toContain('คำขอจองทุกบริการ');
    expect(await groupRow(groupId)).toMatchObject({ purpose: 'sales', language: 'th', routing: {} });
  });

  it('refuses a support member, by command and by tapping a manager’s quick reply; nothing changes', async () => {
    const support = await enrolStaff(h, { displayName: 'Sam Support', role: 'support', language: 'en' });
    const groupId = await joinGroup(h);
    const refused = await h.ask(support.lineUserId, { text: 'setup', groupId });
    expect(refused.text).toBe('Only an admin or a manager can set up this group.');
    expect(refused.quickReplies).toEqual([]);
    expect((await groupConversation(groupId)).dialogue).toBeNull();

    const start = await h.ask(manager.lineUserId, { text: 'ตั้งค่า', groupId });
    const draft = (await groupConversation(groupId)).dialogue;
    const tapped = await h.ask(support.lineUserId, { postback: { data: tap(start, 'Managers') }, groupId });
    expect(tapped.text).toBe('Only an admin or a manager can set up this group.');
    expect((await groupConversation(groupId)).dialogue).toEqual(draft);
    expect(await groupRow(groupId)).toMatchObject({ purpose: 'unassigned', routing: {} });

    // The manager's own tap still works afterwards: the refused tap did not spend the token.
    const next = await h.ask(manager.lineUserId, { postback: { data: tap(start, 'Managers') }, groupId });
    expect(next.text).toMatch(/Which language/);
  });

  it('refuses someone who is not enrolled staff, by command and by tap; nothing changes', async () => {
    const groupId = await joinGroup(h);
    const stranger = lineId('U');
    const refused = await h.ask(stranger, { text: '/setup', groupId });
    expect(refused.text).toBe('เฉพาะผู้ดูแลระบบหรือผู้จัดการที่ลงทะเบียนแล้วเท่านั้นที่ตั้งค่ากลุ่มนี้ได้ค่ะ');
    expect((await groupConversation(groupId)).dialogue).toBeNull();

    const start = await h.ask(manager.lineUserId, { text: 'setup', groupId });
    const tapped = await h.ask(stranger, { postback: { data: tap(start, 'Support team') }, groupId });
    expect(tapped.text).toMatch(/ลงทะเบียน/);
    expect((await groupConversation(groupId)).dialogue).toMatchObject({ kind: 'group_setup', step: 'purpose' });
    expect(await groupRow(groupId)).toMatchObject({ purpose: 'unassigned' });
  });
});

describe("a VIP customer's group", () => {
  it("routes the customer's messages there like a 1:1 chat: a case with the VIP contact, answered in the group, continued by a follow-up", async () => {
    const groupId = await joinGroup(h);
    const done = await setUp(manager, groupId, ['VIP customer', 'English']);
    expect(done.text).toContain('VIP customer');
    const row = await groupRow(groupId);
    expect(row.purpose).toBe('vip_customer');
    const contact = await sys.knex('contacts').where({ id: row.contact_id }).first();
    expect(contact).toMatchObject({ is_vip: true, display_name: 'VIP group', org_id: sys.defaultOrgId });

    const customer = lineId('U');
    const reply = await h.ask(customer, { text: 'I topped up 500 baht but my balance did not change', groupId });
    const conversation = await groupConversation(groupId);
    const c = await sys.knex('cases').where({ contact_id: row.contact_id }).first();
    expect(c).toMatchObject({ conversation_id: conversation.id, status: 'new' });
    expect(reply.text).toContain(c.number);

    const followUp = await h.ask(customer, { text: 'รอนานแล้วนะคะ ช่วยเช็คให้หน่อย', groupId });
    expect(followUp.text).toContain(c.number);
    expect(Number((await sys.knex('cases').where({ contact_id: row.contact_id }).count({ n: '*' }))[0].n)).toBe(1);
    expect(await sys.knex('case_events').where({ case_id: c.id, type: 'message_in' }).first()).toBeDefined();

    // The case's updates go to the group.
    const moved = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating', expectedVersion: c.version });
    expect(moved.status).toBe(200);
    await waitForMessageTo(h, groupId, (m) => typeof m.text === 'string' && m.text.includes(c.number));

    // Staff talking in the group is not the customer: no case, nothing said.
    const before = Number((await sys.knex('cases').count({ n: '*' }))[0].n);
    const { delivery } = await sayInGroup(manager.lineUserId, groupId, 'My top-up did not arrive either, haha');
    expect(delivery).toBeUndefined();
    expect(Number((await sys.knex('cases').count({ n: '*' }))[0].n)).toBe(before);
  });
});

describe("a provider's group", () => {
  it('gets the details of a case waiting on its provider, and its replies go on the case timeline', async () => {
    const paygate = await sys.knex('providers').where({ org_id: sys.defaultOrgId, key: 'paygate' }).first();
    const groupId = await joinGroup(h);
    const done = await setUp(manager, groupId, ['Provider', paygate.name, 'English']);
    expect(done.text).toContain(paygate.name);
    expect(await groupRow(groupId)).toMatchObject({ purpose: 'provider', provider_id: paygate.id, routing: {} });

    // Nothing in the case API names a provider yet: the business's tools set it.
    const c = await openTopUpCase(sys, 'ORD-PG-7781');
    await sys.knex('cases').where({ id: c.id }).update({ provider_id: paygate.id });
    const moved = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'waiting_provider', expectedVersion: 1, note: 'Please confirm whether the gateway captured this payment' });
    expect(moved.status).toBe(200);

    const handoff = await waitForMessageTo(h, groupId, (m) => typeof m.text === 'string' && m.text.includes(c.number));
    expect(handoff.text).toContain('ORD-PG-7781');
    expect(handoff.text).toContain('500.00 THB');
    expect(handoff.text).toContain('Top-up');
    expect(handoff.text).toContain('What we need: Please confirm whether the gateway captured this payment');
    const notified = await until(async () => (await sys.knex('case_events').where({ case_id: c.id, type: 'provider_notified' }).first()) ?? false);
    expect(notified).toMatchObject({ is_public: false, actor_type: 'system' });

    // A quote-reply to the handoff, from the provider's side.
    const sent = await until(async () => (await sys.knex('messages').where({ case_id: c.id, direction: 'out', conversation_id: (await groupConversation(groupId)).id }).whereNotNull('platform_message_id').first()) ?? false);
    const providerPerson = lineId('U');
    const quoted = await sayInGroup(providerPerson, groupId, 'Captured at 10:02, settlement tomorrow', sent.platform_message_id);
    expect(quoted.delivery?.messages[0]).toMatchObject({ text: `Noted on case ${c.number}, thank you.` });
    const event = await sys.knex('case_events').where({ case_id: c.id, type: 'provider_message' }).first();
    expect(event).toMatchObject({ is_public: false });
    expect(event.data).toMatchObject({ text: 'Captured at 10:02, settlement tomorrow', providerId: paygate.id });

    // By number, without quoting.
    await sayInGroup(providerPerson, groupId, `#${c.number} refund reference RF-2231`);
    await until(async () => Number((await sys.knex('case_events').where({ case_id: c.id, type: 'provider_message' }).count({ n: '*' }))[0].n) === 2);

    // Talk that is about no case stays talk; a case of another provider is not theirs to write on.
    const elsewhere = await openTopUpCase(sys);
    const flash = await sys.knex('providers').where({ org_id: sys.defaultOrgId, key: 'flash_express' }).first();
    await sys.knex('cases').where({ id: elsewhere.id }).update({ provider_id: flash.id });
    const chat = await sayInGroup(providerPerson, groupId, 'good morning team');
    const snoop = await sayInGroup(providerPerson, groupId, `#${elsewhere.number} what is this?`);
    expect([chat.delivery, snoop.delivery]).toEqual([undefined, undefined]);
    expect(await sys.knex('case_events').where({ case_id: elsewhere.id, type: 'provider_message' }).first()).toBeUndefined();
    expect(Number((await sys.knex('case_events').where({ case_id: c.id, type: 'provider_message' }).count({ n: '*' }))[0].n)).toBe(2);
  });

  it('posts nothing for a case with no provider', async () => {
    const c = await openTopUpCase(sys);
    const moved = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'waiting_provider', expectedVersion: 1 });
    expect(moved.status).toBe(200);
    await until(async () =>
      (await sys.knex('outbox').where({ job_name: 'provider-handoff', status: 'done' }).whereRaw(`payload->>'caseId' = ?`, [c.id]).first()) ?? false,
    );
    expect(await sys.knex('case_events').where({ case_id: c.id, type: 'provider_notified' }).first()).toBeUndefined();
    const toProviders = await sys
      .knex('messages')
      .join('conversations', 'conversations.id', 'messages.conversation_id')
      .join('staff_groups', function () {
        this.on('staff_groups.channel_id', 'conversations.channel_id').andOn('staff_groups.line_group_id', 'conversations.external_id');
      })
      .where({ 'messages.case_id': c.id, 'staff_groups.purpose': 'provider' })
      .first();
    expect(toProviders).toBeUndefined();
  });
});

describe('leaving a group', () => {
  it('deactivates it: nothing more is routed or posted there, its cases stay; added back, it keeps its settings', async () => {
    const { id, groupId } = await configureGroup(h, lineId('C'), { purpose: 'managers', routing: { severities: ['critical'] } });
    const c = await openTopUpCase(sys);
    expect((await groupsForCase(sys.knex, c.id)).map((g) => g.id)).toContain(id);

    await groupEvent(groupId, { type: 'leave', source: { type: 'group', groupId }, timestamp: Date.now() + 1 });
    const left = await until(async () => {
      const row = await groupRow(groupId);
      return row.is_active ? false : row;
    });
    expect(left.left_at).not.toBeNull();
    expect((await groupsForCase(sys.knex, c.id)).map((g) => g.id)).not.toContain(id);
    expect((await managersGroups(sys.knex, sys.defaultOrgId)).map((g) => g.id)).not.toContain(id);
    const posted = await sys.knex.transaction((trx) => postToGroup(trx, toStaffGroup(left), [{ kind: 'text', text: 'should never arrive' }], { caseId: c.id }));
    expect(posted).toBeUndefined();
    expect(await sys.knex('cases').where({ id: c.id }).first()).toMatchObject({ status: 'new', number: c.number });

    await groupEvent(groupId, { type: 'join', source: { type: 'group', groupId }, timestamp: Date.now() + 2 });
    const back = await waitForMessageTo(h, groupId, (m) => typeof m.text === 'string' && m.text.includes('Back in this group'));
    expect(back.text).toContain('Managers');
    expect(await groupRow(groupId)).toMatchObject({ is_active: true, purpose: 'managers', routing: { severities: ['critical'] } });
    expect((await groupsForCase(sys.knex, c.id)).map((g) => g.id)).toContain(id);
    expect(h.line.state.deliveries.some((d) => d.messages.some((m) => 'text' in m && m.text === 'should never arrive'))).toBe(false);
  });

  it('a provider group the bot left gets no handoff', async () => {
    const bank = await sys.knex('providers').where({ org_id: sys.defaultOrgId, key: 'bank_transfer' }).first();
    const { id, groupId } = await configureGroup(h, lineId('C'), { purpose: 'provider', providerId: bank.id });
    await groupEvent(groupId, { type: 'leave', source: { type: 'group', groupId }, timestamp: Date.now() + 1 });
    await until(async () => !(await groupRow(groupId)).is_active);
    expect((await groupsForProvider(sys.knex, sys.defaultOrgId, bank.id)).map((g) => g.id)).not.toContain(id);
  });
});

describe('the admin API', () => {
  it('lists groups and changes one; unknown keys, misplaced providers and unknown fields are refused with nothing changed', async () => {
    const { id } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['refund_request'] } });
    const list = await api('GET', '/api/v1/staff-groups');
    expect(list.status).toBe(200);
    expect(list.json.find((g: { id: string }) => g.id === id)).toMatchObject({ purpose: 'support', routing: { caseTypes: ['refund_request'] }, language: 'en', isActive: true, contact: null, provider: null });

    const before = await sys.knex('staff_groups').where({ id }).first();
    const bad = await api('PATCH', `/api/v1/staff-groups/${id}`, { routing: { caseTypes: ['refund_request', 'no_such_type'], services: ['no_such_service'] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details).toEqual({ caseTypes: ['no_such_type'], services: ['no_such_service'] });
    const paygate = await sys.knex('providers').where({ org_id: sys.defaultOrgId, key: 'paygate' }).first();
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { providerId: paygate.id })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { purpose: 'unassigned' })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { colour: 'blue' })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { purpose: 'provider' })).status).toBe(422);
    expect(await sys.knex('staff_groups').where({ id }).first()).toEqual(before);

    const ok = await api('PATCH', `/api/v1/staff-groups/${id}`, { routing: { caseTypes: ['topup_not_credited'], severities: ['critical', 'high'] }, language: 'th' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ purpose: 'support', language: 'th', routing: { caseTypes: ['topup_not_credited'], severities: ['critical', 'high'] } });
    expect(await sys.knex('audit_log').where({ subject_id: id, action: 'staff_group.updated' }).first()).toBeDefined();

    const provider = await api('PATCH', `/api/v1/staff-groups/${id}`, { purpose: 'provider', providerId: paygate.id, routing: {} });
    expect(provider.json).toMatchObject({ purpose: 'provider', provider: { id: paygate.id, key: 'paygate' } });
    const vip = await api('PATCH', `/api/v1/staff-groups/${id}`, { purpose: 'vip_customer' });
    expect(vip.json).toMatchObject({ purpose: 'vip_customer', provider: null, contact: { displayName: 'VIP group' } });

    expect((await api('PATCH', '/api/v1/staff-groups/00000000-0000-4000-8000-000000000000', { language: 'en' })).status).toBe(404);
  });

  it('a group set up after cases were opened gets the open ones that are now its own, as one message; set again, nothing more', async () => {
    const late = await openTestCase(sys, 'order_not_delivered', {}, 'opened before any group took it');
    const resolved = await openTestCase(sys, 'order_not_delivered', {}, 'already resolved');
    await sys.knex('cases').where({ id: resolved.id }).update({ status: 'resolved' });
    const topUp = await openTopUpCase(sys);
    const groupId = await joinGroup(h);
    const row = await groupRow(groupId);
    const ok = await api('PATCH', `/api/v1/staff-groups/${row.id}`, { purpose: 'support', routing: { caseTypes: ['order_not_delivered'] }, language: 'en' });
    expect(ok.status).toBe(200);

    // Every open case of the type, whenever it was opened; not the resolved one, not another type's.
    const open: string[] = await sys.knex('cases').join('case_types', 'case_types.id', 'cases.case_type_id')
      .where({ 'cases.org_id': sys.defaultOrgId, 'case_types.key': 'order_not_delivered' }).whereNotIn('cases.status', ['resolved', 'closed']).pluck('cases.number');
    expect(open).toContain(late.number);
    const digest = await waitForMessageTo(h, groupId, (m) => m.type === 'text' && String(m.text).includes("are this group's from now on"));
    expect(digest.text.startsWith(`${open.length} open case(s)`)).toBe(true);
    for (const n of open) expect(digest.text).toContain(n);
    expect(digest.text).not.toContain(resolved.number);
    expect(digest.text).not.toContain(topUp.number);
    expect(digest.text).toMatch(new RegExp(`${late.number} · [^·]+ · (Normal|High|Low|Critical) · open \\d+ min`));

    // The same settings again: no case is new to the group, so nothing is posted.
    expect((await api('PATCH', `/api/v1/staff-groups/${row.id}`, { language: 'en' })).status).toBe(200);
    await untilSettled(sys.knex);
    expect(h.line.state.deliveriesTo(groupId).flatMap((d) => d.messages).filter((m) => 'text' in m && String(m.text).includes('from now on'))).toHaveLength(1);
  });

  it('lets admins and managers change groups, the CEO only read, support neither', async () => {
    const key = async (role: string) => (await api('POST', '/api/v1/api-keys', { name: role, role })).json.key as string;
    const [managerKey, ceoKey, supportKey] = [await key('manager'), await key('ceo'), await key('support')];
    const { id } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    expect((await api('GET', '/api/v1/staff-groups', undefined, ceoKey)).status).toBe(200);
    expect((await api('GET', '/api/v1/staff-groups', undefined, supportKey)).status).toBe(403);
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { language: 'th' }, ceoKey)).status).toBe(403);
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { language: 'th' }, supportKey)).status).toBe(403);
    expect((await sys.knex('staff_groups').where({ id }).first()).language).toBe('en');
    expect((await api('PATCH', `/api/v1/staff-groups/${id}`, { language: 'th' }, managerKey)).status).toBe(200);
  });
});
