import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyData } from '../bot/conversation/dialogue.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { buttonData, configureGroup, enrolStaff, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * The inbox, phase 1 (docs/inbox.md), as a customer and staff have it: through signed LINE
 * webhooks a customer asks for a person; the support group gets a card and the REST API lists the
 * conversation as waiting; a staff key takes it and writes, and the words reach the customer's
 * LINE id at the fake LINE server; the bot stays quiet until the conversation is resolved. Every
 * refusal answers why and leaves the conversation, its timeline and the customer's chat as they were.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let mali: EnrolledStaff;
let groupId: string;
const keys: Record<string, string> = {};

async function keyFor(staffId: string, role: string): Promise<string> {
  const res = await api('POST', '/api/v1/api-keys', { name: `inbox ${role} ${randomBytes(2).toString('hex')}`, role, staffId });
  expect(res.status).toBe(201);
  return res.json.key;
}

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  [somchai, nok, mali] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Nok', role: 'support' }),
    enrolStaff(h, { displayName: 'Mali', role: 'manager' }),
  ]);
  for (const s of [somchai, nok, mali]) keys[s.displayName] = await keyFor(s.id, s.role);
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'en' }));
}, 60_000);
afterAll(() => h?.close());

/** A customer who asked for a person, and their conversation as the API lists it. */
async function customerWaiting(text = 'I want to talk to a person') {
  const customer = lineId('U');
  const handed = await h.ask(customer, { text });
  const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: customer }).first()) ?? false);
  return { customer, handed, id: row.id as string, contactId: row.contact_id as string };
}

const conversation = (id: string) => h.sys.knex('conversations').where({ id }).first();
const cardFor = (contactName: RegExp | string) =>
  waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).startsWith('A customer asks for a person') && String(JSON.stringify(m)).match(contactName) !== null, 10_000);

/** Everything that must stay as it was when a request is refused. */
const snapshot = async (id: string) => {
  const c = await conversation(id);
  const events = await h.sys.knex('conversation_events').where({ conversation_id: id }).count<{ n: string }[]>('* as n');
  const out = await h.sys.knex('messages').where({ conversation_id: id, direction: 'out', sender_type: 'staff' }).count<{ n: string }[]>('* as n');
  return { status: c.inbox_status, assignee: c.assignee_staff_id, version: c.version, events: Number(events[0].n), staffMessages: Number(out[0].n) };
};

/** Sends as the customer, waits until the message was dealt with, and returns what LINE delivered to them since (a reply or a push). */
async function answersTo(customer: string, text: string) {
  const before = h.line.state.deliveries.length;
  const event = await h.send(customer, { text });
  await until(async () => (await h.sys.knex('messages').where({ direction: 'in', text }).whereNotNull('routed_at').first()) ?? false);
  await untilSettled(h.sys.knex);
  return h.line.state.deliveries.slice(before).filter((d) => d.replyToken === event.replyToken || d.to === customer);
}

/** The texts LINE delivered to the customer as pushes (staff replies are pushes). */
const pushedTo = (customer: string) =>
  h.line.state
    .deliveriesTo(customer)
    .flatMap((d) => d.messages)
    .map((m) => ('text' in m ? String(m.text) : ''));

describe('a customer asks for a person, and a person answers', () => {
  it('alerts the support group, lists the conversation, lets a staff key take and answer it, keeps the bot quiet until it is resolved', async () => {
    const { customer, handed, id, contactId } = await customerWaiting();
    // The handoff reply keeps its template text.
    const template = await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'handoff_to_person' }).pluck('body');
    expect(template).toContain(handed.text);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'waiting', assignee_staff_id: null });
    expect((await h.sys.knex('conversation_events').where({ conversation_id: id }).first())).toMatchObject({ type: 'waiting', actor_type: 'customer', actor_id: contactId, data: { reason: 'customer_asked' } });

    // Within a few seconds the support group has a card with the customer's words and Take / Resolve.
    const card = await cardFor('talk to a person');
    expect(JSON.stringify(card.contents)).toContain('LINE');
    expect(buttonData(card, 'Take')).toMatch(/^sa1\./);
    expect(buttonData(card, 'Resolve')).toMatch(/^sa1\./);

    const waiting = await api('GET', '/api/v1/conversations?status=waiting', undefined, keys.Somchai);
    expect(waiting.status).toBe(200);
    const listed = waiting.json.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ status: 'waiting', channel: 'line', assignee: null, contact: { id: contactId } });

    const taken = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: listed.version }, keys.Somchai);
    expect(taken.status).toBe(200);
    expect(taken.json).toMatchObject({ id, status: 'assigned', assigneeStaffId: somchai.id, assigneeName: 'Somchai', changed: true });
    const mine = await api('GET', '/api/v1/conversations?status=mine', undefined, keys.Somchai);
    expect(mine.json.map((c: { id: string }) => c.id)).toContain(id);
    expect((await api('GET', '/api/v1/conversations?status=waiting', undefined, keys.Somchai)).json.map((c: { id: string }) => c.id)).not.toContain(id);

    const words = `Hello, Somchai here ${randomBytes(3).toString('hex')}`;
    const sent = await api('POST', `/api/v1/conversations/${id}/messages`, { text: words, expectedVersion: taken.json.version }, keys.Somchai);
    expect(sent.status).toBe(201);
    expect(sent.json.messageIds).toHaveLength(1);
    await until(async () => pushedTo(customer).includes(words));
    expect(await h.sys.knex('messages').where({ id: sent.json.messageIds[0] }).first()).toMatchObject({ sender_type: 'staff', staff_id: somchai.id, direction: 'out' });

    // The customer's next message is recorded, and the bot says nothing.
    expect(await answersTo(customer, 'thank you, my order is ORD-1234')).toEqual([]);
    const detail = await api('GET', `/api/v1/conversations/${id}`, undefined, keys.Somchai);
    expect(detail.status).toBe(200);
    expect(detail.json.messages.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining([words, 'thank you, my order is ORD-1234']));
    expect(detail.json.messages.at(-1)).toMatchObject({ direction: 'in', senderType: 'customer' });

    const resolved = await api('POST', `/api/v1/conversations/${id}/resolve`, { expectedVersion: taken.json.version }, keys.Somchai);
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({ status: 'resolved', assigneeStaffId: null, changed: true });
    // After the resolve, the bot answers again.
    const hello = await h.ask(customer, { text: 'hello' });
    expect(hello.text.length).toBeGreaterThan(0);
  });

  it('hands over on the quick reply and on Thai words alike, once', async () => {
    const tapper = lineId('U');
    await h.ask(tapper, { postback: { data: replyData('human') } });
    const tapped = await until(async () => (await h.sys.knex('conversations').where({ external_id: tapper }).first()) ?? false);
    expect(tapped.inbox_status).toBe('waiting');
    await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && JSON.stringify(m.contents).includes('Customer: (tapped a button)'), 10_000);

    const thai = await customerWaiting('ขอคุยกับเจ้าหน้าที่ค่ะ');
    expect(await conversation(thai.id)).toMatchObject({ inbox_status: 'waiting' });
    // Asking again while waiting changes nothing and announces nothing twice.
    await h.ask(thai.customer, { text: 'ขอคุยกับเจ้าหน้าที่ค่ะ' });
    const waits = await h.sys.knex('conversation_events').where({ conversation_id: thai.id, type: 'waiting' }).count<{ n: string }[]>('* as n');
    expect(Number(waits[0].n)).toBe(1);
  });

  it('outside business hours the customer is told when the desk opens', async () => {
    // Open one hour, two days from now in Bangkok: whatever the time of the run, closed now.
    const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(Date.now() + 7 * 3_600_000 + 2 * 86_400_000).getUTCDay()];
    await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ business_hours: JSON.stringify({ [day]: [['09:00', '10:00']] }) });
    try {
      const { handed, id } = await customerWaiting();
      expect(handed.text).toMatch(/when we open, \w+ \d+ \w+ at 09:00\.$|เมื่อเปิดทำการ .+ เวลา 09:00 น\. นะคะ$/);
      expect(await conversation(id)).toMatchObject({ inbox_status: 'waiting' });
    } finally {
      await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ business_hours: null });
    }
  });

  it('a customer the bot is unsure of twice running is handed to a person, not asked a third time', async () => {
    const customer = lineId('U');
    const first = await h.ask(customer, { text: 'what will the weather be like tomorrow' });
    // Unsure once: it asks back with what it can do, "talk to a person" among the choices.
    expect(first.quickReplies.map((q) => q.data)).toContain(replyData('human'));
    const { id } = await h.sys.knex('conversations').where({ external_id: customer }).first();
    expect(await conversation(id)).toMatchObject({ inbox_status: 'bot' });

    const second = await h.ask(customer, { text: 'is it going to rain on the weekend' });
    const template = await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'handoff_to_person' }).pluck('body');
    expect(template).toContain(second.text);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'waiting', assignee_staff_id: null });
    expect(await h.sys.knex('conversation_events').where({ conversation_id: id, type: 'waiting' }).select('type', 'actor_type', 'data')).toEqual([
      { type: 'waiting', actor_type: 'system', data: { reason: 'bot_could_not_help', from: 'bot' } },
    ]);
    const card = await cardFor('rain on the weekend');
    expect(JSON.stringify(card.contents)).toContain('could not help');
  });

  it('pages the messages, the newest page first', async () => {
    const { customer, id } = await customerWaiting();
    for (const n of [1, 2, 3]) await h.tell(customer, `more ${n} ${id.slice(0, 6)}`);
    const first = await api('GET', `/api/v1/conversations/${id}?limit=2`, undefined, keys.Somchai);
    expect(first.json.messages.map((m: { text: string }) => m.text)).toEqual([`more 2 ${id.slice(0, 6)}`, `more 3 ${id.slice(0, 6)}`]);
    const older = await api('GET', `/api/v1/conversations/${id}?limit=2&before=${first.json.olderBefore}`, undefined, keys.Somchai);
    expect(older.json.messages.at(-1).text).toBe(`more 1 ${id.slice(0, 6)}`);
  });
});

describe('what is refused, and that nothing is lost', () => {
  it('two staff take at once: one wins, the other is told who has it', async () => {
    const { id } = await customerWaiting();
    const { version } = await conversation(id);
    const [a, b] = await Promise.all([
      api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: version }, keys.Somchai),
      api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: version }, keys.Nok),
    ]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.status).toBe(200);
    expect(lost.status).toBe(409);
    expect(lost.json.error).toMatchObject({ code: 'stale_version', details: { status: 'assigned', assigneeStaffId: won.json.assigneeStaffId, assigneeName: won.json.assigneeName } });
    const takes = await h.sys.knex('conversation_events').where({ conversation_id: id, type: 'taken' }).count<{ n: string }[]>('* as n');
    expect(Number(takes[0].n)).toBe(1);

    // With the version now, support still cannot take someone else's; a tap on the card says who has it.
    const loser = won.json.assigneeStaffId === somchai.id ? { key: keys.Nok, staff: nok } : { key: keys.Somchai, staff: somchai };
    const before = await snapshot(id);
    const again = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: won.json.version }, loser.key);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', message: `${won.json.assigneeName} has this conversation`, details: { reason: 'owned_by' } });
    expect(await snapshot(id)).toEqual(before);

    // A manager takes it over.
    const over = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: won.json.version }, keys.Mali);
    expect(over.json).toMatchObject({ status: 'assigned', assigneeStaffId: mali.id, changed: true });
  });

  it('Take on the card in LINE: the first tap takes it, the second is told who has it', async () => {
    const unique = `talk to a person please ${randomBytes(3).toString('hex')}`;
    const { id } = await customerWaiting(unique);
    const card = await cardFor(unique);
    const take = buttonData(card, 'Take');
    const first = await h.ask(somchai.lineUserId, { postback: { data: take }, groupId });
    expect(first.text).toMatch(/^Somchai took the conversation with /);
    const second = await h.ask(nok.lineUserId, { postback: { data: take }, groupId });
    expect(second.text).toMatch(/^Somchai has the conversation with /);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'assigned', assignee_staff_id: somchai.id });
  });

  it("a reply on a conversation someone else holds is a 409 naming them, and nothing is sent", async () => {
    const { customer, id } = await customerWaiting();
    const taken = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: (await conversation(id)).version }, keys.Somchai);
    const before = await snapshot(id);
    const pushes = pushedTo(customer).length;
    const res = await api('POST', `/api/v1/conversations/${id}/messages`, { text: 'I can help too', expectedVersion: taken.json.version }, keys.Nok);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'conflict', message: 'Somchai has this conversation', details: { reason: 'owned_by', assigneeStaffId: somchai.id, assigneeName: 'Somchai' } });
    await untilSettled(h.sys.knex);
    expect(pushedTo(customer).length).toBe(pushes);
    expect(await snapshot(id)).toEqual(before);
  });

  it('a stale expectedVersion is a 409 with the conversation as it is now', async () => {
    const { id } = await customerWaiting();
    const { version } = await conversation(id);
    const taken = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: version }, keys.Somchai);
    const before = await snapshot(id);
    const res = await api('POST', `/api/v1/conversations/${id}/resolve`, { expectedVersion: version }, keys.Somchai);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'stale_version', details: { conversationId: id, version: taken.json.version, status: 'assigned', assigneeName: 'Somchai' } });
    expect(await snapshot(id)).toEqual(before);
  });

  it('a note is kept for staff and never sent to the customer', async () => {
    const { customer, id } = await customerWaiting();
    const { version } = await conversation(id);
    const secret = `note ${randomBytes(4).toString('hex')}: refund over the limit, ask Mali`;
    const res = await api('POST', `/api/v1/conversations/${id}/messages`, { text: secret, note: true, expectedVersion: version }, keys.Nok);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'waiting', changed: false });
    expect(res.json.noteId).toBeDefined();
    await untilSettled(h.sys.knex);
    expect(JSON.stringify(h.line.state.deliveries)).not.toContain(secret);
    expect(pushedTo(customer).join('\n')).not.toContain('refund over the limit');
    expect(await h.sys.knex('messages').where({ conversation_id: id, text: secret }).first()).toBeUndefined();
    const detail = await api('GET', `/api/v1/conversations/${id}`, undefined, keys.Somchai);
    expect(detail.json.notes).toEqual([expect.objectContaining({ staffId: nok.id, text: secret })]);
  });

  it("a conversation of an erased contact cannot be written to", async () => {
    const { customer, id, contactId } = await customerWaiting();
    const { version } = await conversation(id);
    const erased = await api('POST', `/api/v1/contacts/${contactId}/erase`, {});
    expect(erased.status).toBe(200);
    const before = await snapshot(id);
    const pushes = pushedTo(customer).length;
    for (const [path, body] of [
      ['take', { expectedVersion: version }],
      ['messages', { text: 'still there?', expectedVersion: version }],
      ['messages', { text: 'a note', note: true, expectedVersion: version }],
    ] as const) {
      const res = await api('POST', `/api/v1/conversations/${id}/${path}`, body, keys.Somchai);
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: 'conflict', details: { reason: 'erased' } });
    }
    await untilSettled(h.sys.knex);
    expect(pushedTo(customer).length).toBe(pushes);
    expect(await snapshot(id)).toEqual(before);
    // Nobody is asked to answer it any more.
    const open = await api('GET', '/api/v1/conversations?status=open', undefined, keys.Somchai);
    expect(open.json.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('an unknown id is a 404; an empty text is a 422; a key of a support member cannot assign', async () => {
    expect((await api('GET', `/api/v1/conversations/${randomUUID()}`, undefined, keys.Somchai)).status).toBe(404);
    expect((await api('GET', '/api/v1/conversations/not-an-id', undefined, keys.Somchai)).status).toBe(404);
    const unknown = await api('POST', `/api/v1/conversations/${randomUUID()}/take`, { expectedVersion: 1 }, keys.Somchai);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');

    const { id } = await customerWaiting();
    const before = await snapshot(id);
    const empty = await api('POST', `/api/v1/conversations/${id}/messages`, { text: '   ', expectedVersion: before.version }, keys.Somchai);
    expect(empty.status).toBe(422);
    expect(empty.json.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'text' })] });
    const assign = await api('POST', `/api/v1/conversations/${id}/assign`, { staffId: nok.id, expectedVersion: before.version }, keys.Somchai);
    expect(assign.status).toBe(403);
    expect(await snapshot(id)).toEqual(before);
  });

  it('a manager assigns a conversation, and the assignee is told in LINE', async () => {
    const { id } = await customerWaiting();
    const res = await api('POST', `/api/v1/conversations/${id}/assign`, { staffId: nok.id, expectedVersion: (await conversation(id)).version }, keys.Mali);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'assigned', assigneeStaffId: nok.id });
    const told = await waitForMessageTo(h, nok.lineUserId, (m) => String(m.text ?? '').startsWith('Mali gave you the conversation with'));
    expect(told).toBeDefined();
  });

  it('a snoozed conversation wakes to waiting when the customer writes', async () => {
    const { customer, id } = await customerWaiting();
    const taken = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: (await conversation(id)).version }, keys.Somchai);
    const past = await api('POST', `/api/v1/conversations/${id}/snooze`, { until: new Date(Date.now() - 60_000).toISOString(), expectedVersion: taken.json.version }, keys.Somchai);
    expect(past.status).toBe(422);
    const snoozed = await api('POST', `/api/v1/conversations/${id}/snooze`, { until: new Date(Date.now() + 3_600_000).toISOString(), expectedVersion: taken.json.version }, keys.Somchai);
    expect(snoozed.json).toMatchObject({ status: 'snoozed', assigneeStaffId: somchai.id });
    // Still a person's conversation: the bot says nothing to the customer; Somchai hears it woke.
    expect(await answersTo(customer, `are you there ${id.slice(0, 6)}`)).toEqual([]);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'waiting', assignee_staff_id: null });
    await waitForMessageTo(h, somchai.lineUserId, (m) => String(m.text ?? '').includes('wrote again'));
  });

  it('a customer who writes after a day with no word from staff is answered by the bot again', async () => {
    const { customer, id } = await customerWaiting();
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await h.sys.knex('conversations').where({ id }).update({ inbox_changed_at: dayAgo, waiting_since: dayAgo });
    const hello = await h.ask(customer, { text: 'hello' });
    expect(hello.text.length).toBeGreaterThan(0);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'bot', waiting_since: null });
    expect(await h.sys.knex('conversation_events').where({ conversation_id: id }).orderBy('id', 'desc').first()).toMatchObject({ type: 'returned_to_bot', actor_type: 'system' });
  });
});

describe('saved replies', () => {
  const shortcut = () => `thanks-${randomBytes(3).toString('hex')}`;
  const thanks = (key: string) => ({
    key,
    title: 'Thanks for waiting',
    body: { th: 'สวัสดีค่ะคุณ{{customer_name}} {{staff_name}}ดูแลเรื่องนี้ให้นะคะ', en: 'Hello {{customer_name}}, {{staff_name}} here: thanks for waiting.' },
  });

  it('managers write them, those who answer customers read them; deleting ends one and frees its shortcut', async () => {
    const key = shortcut();
    const created = await api('POST', '/api/v1/saved-replies', thanks(key), keys.Mali);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ key, title: 'Thanks for waiting', body: thanks(key).body });
    expect((await api('POST', '/api/v1/saved-replies', thanks(key), keys.Mali)).status).toBe(409);
    expect((await api('POST', '/api/v1/saved-replies', thanks(shortcut()), keys.Somchai)).status).toBe(403);

    const listed = await api('GET', '/api/v1/saved-replies', undefined, keys.Somchai);
    expect(listed.status).toBe(200);
    expect(listed.json).toContainEqual(expect.objectContaining({ key }));

    const changed = await api('PATCH', `/api/v1/saved-replies/${key}`, { title: 'Thanks', body: { en: 'Thanks, {{customer_name}}.' } }, keys.Mali);
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ title: 'Thanks', body: { th: thanks(key).body.th, en: 'Thanks, {{customer_name}}.' } });
    expect((await api('PATCH', `/api/v1/saved-replies/${key}`, { title: 'Mine' }, keys.Somchai)).status).toBe(403);
    expect((await api('PATCH', `/api/v1/saved-replies/no-such-${key}`, { title: 'Mine' }, keys.Mali)).status).toBe(404);

    const deleted = await api('DELETE', `/api/v1/saved-replies/${key}`, undefined, keys.Mali);
    expect(deleted.status).toBe(200);
    expect((await api('GET', '/api/v1/saved-replies', undefined, keys.Somchai)).json.map((r: { key: string }) => r.key)).not.toContain(key);
    expect(await h.sys.knex('saved_replies').where({ key }).first()).toMatchObject({ is_active: false });
    expect((await api('DELETE', `/api/v1/saved-replies/${key}`, undefined, keys.Mali)).status).toBe(404);
    expect((await api('POST', '/api/v1/saved-replies', thanks(key), keys.Mali)).status).toBe(201);
  });

  it('a variable that is not filled when sent is refused, naming it, and nothing is stored', async () => {
    const key = shortcut();
    const res = await api('POST', '/api/v1/saved-replies', { ...thanks(key), body: { th: 'ยอด {{order_total}}', en: 'Total {{order_total}}' } }, keys.Mali);
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'validation_failed', details: { unknown: ['order_total'] } });
    expect(res.json.error.message).toContain('{{order_total}}');
    expect(await h.sys.knex('saved_replies').where({ key }).first()).toBeUndefined();

    expect((await api('POST', '/api/v1/saved-replies', thanks(key), keys.Mali)).status).toBe(201);
    const patched = await api('PATCH', `/api/v1/saved-replies/${key}`, { body: { en: 'Hi {{nickname}}' } }, keys.Mali);
    expect(patched.status).toBe(422);
    expect(patched.json.error.details).toMatchObject({ unknown: ['nickname'] });
    expect(await h.sys.knex('saved_replies').where({ key, is_active: true }).first()).toMatchObject({ body_en: thanks(key).body.en });
  });

  it("is sent in the customer's language with their name, through the same reply and its holder rules", async () => {
    const key = shortcut();
    expect((await api('POST', '/api/v1/saved-replies', thanks(key), keys.Mali)).status).toBe(201);
    const { customer, id, contactId } = await customerWaiting();
    await h.sys.knex('contacts').where({ id: contactId }).update({ display_name: 'Ploy', language: 'th' });

    const thai = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: key, expectedVersion: (await conversation(id)).version }, keys.Somchai);
    expect(thai.status).toBe(201);
    // A saved reply on a conversation nobody holds takes it, as a typed reply does.
    expect(thai.json).toMatchObject({ status: 'assigned', assigneeStaffId: somchai.id, changed: true });
    await until(async () => pushedTo(customer).includes('สวัสดีค่ะคุณPloy Somchaiดูแลเรื่องนี้ให้นะคะ'));

    await h.sys.knex('contacts').where({ id: contactId }).update({ language: 'en' });
    const english = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: key, expectedVersion: thai.json.version }, keys.Somchai);
    expect(english.status).toBe(201);
    await until(async () => pushedTo(customer).includes('Hello Ploy, Somchai here: thanks for waiting.'));
    expect(await h.sys.knex('messages').where({ id: english.json.messageIds[0] }).first()).toMatchObject({ sender_type: 'staff', staff_id: somchai.id });
    expect(await h.sys.knex('conversation_events').where({ conversation_id: id, type: 'replied' }).orderBy('id', 'desc').first()).toMatchObject({ data: { savedReply: key } });

    const before = await snapshot(id);
    const other = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: key, expectedVersion: english.json.version }, keys.Nok);
    expect(other.status).toBe(409);
    expect(other.json.error.details).toMatchObject({ reason: 'owned_by', assigneeName: 'Somchai' });
    const unknown = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: `no-such-${key}`, expectedVersion: english.json.version }, keys.Somchai);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ path: 'savedReply' })]);
    const both = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: key, text: 'hi', expectedVersion: english.json.version }, keys.Somchai);
    expect(both.status).toBe(422);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('a conversation with the customer\'s cases and bookings', () => {
  const key = () => `case-${randomBytes(3).toString('hex')}`;
  const withCase = (k: string) => ({ key: k, title: 'Your case', body: { th: 'คุณ{{customer_name}} เคส {{case_id}} ของคุณกำลังดำเนินการค่ะ', en: 'Hi {{customer_name}}, your case {{case_id}} is being worked on.' } });

  it("a saved reply may name the customer's open case: listed as they will read it, refused while they have none, filled once they do", async () => {
    const k = key();
    // {{case_id}} is a known variable now; an unknown one is still refused at save.
    expect((await api('POST', '/api/v1/saved-replies', withCase(k), keys.Mali)).status).toBe(201);
    expect((await api('POST', '/api/v1/saved-replies', { ...withCase(key()), body: { th: '{{case_number}}', en: '{{case_number}}' } }, keys.Mali)).status).toBe(422);
    const { customer, id, contactId } = await customerWaiting();
    await h.sys.knex('contacts').where({ id: contactId }).update({ display_name: 'Ploy', language: 'en' });

    const none = await api('GET', `/api/v1/conversations/${id}/saved-replies`, undefined, keys.Somchai);
    expect(none.status).toBe(200);
    expect(none.json.find((r: { key: string }) => r.key === k)).toEqual({ key: k, title: 'Your case', text: 'Hi Ploy, your case  is being worked on.', missing: ['case_id'] });
    const before = await snapshot(id);
    const refused = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: k, expectedVersion: before.version }, keys.Somchai);
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([expect.objectContaining({ path: 'savedReply', message: expect.stringContaining('{{case_id}}') })]);
    expect(await snapshot(id)).toEqual(before);

    // Somchai opens a case for the customer from the conversation; the reply names it.
    const opened = await api('POST', `/api/v1/conversations/${id}/cases`, { caseType: 'refund_request', severity: 'high', summary: 'Wants a refund for the cancelled tour' }, keys.Somchai);
    expect(opened.status).toBe(201);
    const row = await h.sys.knex('cases').where({ number: opened.json.number }).first();
    expect(row).toMatchObject({ contact_id: contactId, conversation_id: id, severity: 'high', source: 'staff', status: 'new' });
    expect(await h.sys.knex('case_events').where({ case_id: row.id, type: 'created' }).first()).toMatchObject({ actor_type: 'staff', actor_id: somchai.id });
    const listed = await api('GET', `/api/v1/conversations/${id}/saved-replies`, undefined, keys.Somchai);
    expect(listed.json.find((r: { key: string }) => r.key === k)).toMatchObject({ text: `Hi Ploy, your case ${opened.json.number} is being worked on.`, missing: [] });
    const sent = await api('POST', `/api/v1/conversations/${id}/messages`, { savedReply: k, expectedVersion: before.version }, keys.Somchai);
    expect(sent.status).toBe(201);
    await until(async () => pushedTo(customer).includes(`Hi Ploy, your case ${opened.json.number} is being worked on.`));
  });

  it("opens a case and a booking for the customer, and the conversation's page shows them among the messages", async () => {
    const { id, contactId } = await customerWaiting();
    const service = await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, is_active: true }).first();
    const booked = await api('POST', `/api/v1/conversations/${id}/bookings`, { service: service.key, travelers: 2, notes: 'Two adults' }, keys.Nok);
    expect(booked.status).toBe(201);
    expect(await h.sys.knex('bookings').where({ number: booked.json.number }).first()).toMatchObject({ contact_id: contactId, conversation_id: id, source: 'staff', party_size: 2, stage: 'new' });
    const opened = await api('POST', `/api/v1/conversations/${id}/cases`, { caseType: 'refund_request', summary: 'Refund' }, keys.Nok);
    expect(opened.status).toBe(201);

    const page = await api('GET', `/api/v1/conversations/${id}`, undefined, keys.Nok);
    expect(page.json.events).toEqual([
      expect.objectContaining({ subject: 'booking', number: booked.json.number, type: 'created', what: { th: service.name_th, en: service.name_en } }),
      expect.objectContaining({ subject: 'case', number: opened.json.number, type: 'created', what: expect.objectContaining({ en: expect.any(String) }) }),
    ]);
    // The customer's 360 says which are still open.
    const c360 = await api('GET', `/api/v1/contacts/${contactId}`, undefined, keys.Nok);
    expect(c360.json.cases).toEqual([expect.objectContaining({ number: opened.json.number, open: true })]);
    expect(c360.json.bookings).toEqual([expect.objectContaining({ number: booked.json.number, open: true })]);
  });

  it('refuses an unknown case type, a past date, a role that may not and a conversation that is not there; nothing is opened', async () => {
    const { id } = await customerWaiting();
    const chai = await enrolStaff(h, { displayName: 'Chai', role: 'ceo' });
    const ceoKey = await keyFor(chai.id, 'ceo');
    const counts = async () => ({ cases: (await h.sys.knex('cases').count<{ n: string }[]>('* as n'))[0].n, bookings: (await h.sys.knex('bookings').count<{ n: string }[]>('* as n'))[0].n });
    const before = await counts();
    const unknown = await api('POST', `/api/v1/conversations/${id}/cases`, { caseType: 'no_such_type', summary: 'x' }, keys.Somchai);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ path: 'caseType' })]);
    expect((await api('POST', `/api/v1/conversations/${id}/bookings`, { start_date: '2020-01-01' }, keys.Somchai)).status).toBe(422);
    expect((await api('POST', `/api/v1/conversations/${randomUUID()}/cases`, { caseType: 'refund_request', summary: 'x' }, keys.Somchai)).status).toBe(404);
    expect((await api('POST', `/api/v1/conversations/${id}/bookings`, { notes: 'x', expectedVersion: 1 }, keys.Somchai)).status).toBe(422);
    // The CEO reads conversations but opens nothing.
    expect((await api('POST', `/api/v1/conversations/${id}/cases`, { caseType: 'refund_request', summary: 'x' }, ceoKey)).status).toBe(403);
    expect((await api('POST', `/api/v1/conversations/${id}/bookings`, { notes: 'x' }, ceoKey)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
