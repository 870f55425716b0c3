import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { buttonData, configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Staff answer customers waiting for a person from their LINE group (docs/inbox.md, "Staff in a
 * LINE group"): a quote-reply to the card, or to the customer's words relayed after it, reaches
 * the customer through the inbox's rules; the group hears who holds the conversation; a note's
 * @mention reaches that staff member 1:1. Through signed webhooks as LINE sends them, read back
 * from the fake LINE server and the database.
 */
const PUBLIC = 'https://desk.example';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const TOPUP = 'I topped up 500 baht but my balance did not change';
// What the offline classifier reads as more on the same case.
const FOLLOW_UP = 'รอนานแล้วนะคะ ช่วยเช็คให้หน่อย';

let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let somchai: EnrolledStaff;
let malee: EnrolledStaff;
let ploy: EnrolledStaff;
let groupId: string;
let groupChatId: string;
/** A second support group, in Thai: every card goes to both. */
let thaiGroupId: string;
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  [somchai, malee, ploy] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Malee', role: 'support' }),
    enrolStaff(h, { displayName: 'Ploy', role: 'manager' }),
  ]);
  for (const s of [somchai, malee, ploy]) {
    const res = await api('POST', '/api/v1/api-keys', { name: `group ${s.displayName}`, role: s.role, staffId: s.id });
    expect(res.status).toBe(201);
    keys[s.displayName] = res.json.key;
  }
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'en' }));
  ({ groupId: thaiGroupId } = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'th' }));
  groupChatId = (await h.sys.knex('conversations').where({ external_id: groupId }).first()).id;
}, 60_000);
afterAll(() => h?.close());

const knex = () => h.sys.knex;
const lineMessageId = () => String(BigInt('0x' + randomBytes(7).toString('hex')));
let seq = 0;

/** A LINE message event in the group (text or image, maybe quoting a message), or 1:1 without `inGroup`; resolves once accepted. */
async function say(userId: string, message: { text?: string; image?: Buffer; quotedMessageId?: string }, inGroup?: string) {
  const id = lineMessageId();
  if (message.image) h.line.state.addContent(id, message.image, 'image/png');
  const quote = message.quotedMessageId ? { quotedMessageId: message.quotedMessageId } : {};
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: inGroup ? { type: 'group', groupId: inGroup, userId } : { type: 'user', userId },
    webhookEventId: `01K${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(6, '0')}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 26),
    deliveryContext: { isRedelivery: false },
    replyToken: h.line.state.issueReplyToken(),
    message: message.image
      ? { id, type: 'image', quoteToken: 'q', contentProvider: { type: 'line' }, ...quote }
      : { id, type: 'text', quoteToken: 'q', text: message.text, ...quote },
  };
  expect((await h.postEvents([event])).status).toBe(200);
  return event;
}

/** The bot's answer to an event (its reply token), as text. */
async function answerTo(event: { replyToken?: unknown }): Promise<string> {
  const d = await until(async () => h.line.state.deliveries.find((x) => x.replyToken === event.replyToken) ?? false, 15_000);
  return d.messages.map((m) => ('text' in m ? String(m.text) : JSON.stringify(m))).join('\n');
}

/** A customer who asked for a person, named, with the card the group got. */
async function customerWaiting(o: { first?: string } = {}) {
  const customer = lineId('U');
  const name = `Nok ${randomBytes(2).toString('hex')}`;
  if (o.first) await h.ask(customer, { text: o.first });
  const words = `talk to a person ${randomBytes(3).toString('hex')}`;
  await h.ask(customer, { text: words });
  const row = await until(async () => (await knex()('conversations').where({ external_id: customer }).first()) ?? false);
  await knex()('contacts').where({ id: row.contact_id }).update({ display_name: name });
  const card = await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && JSON.stringify(m).includes(words), 15_000);
  return { customer, name, id: row.id as string, card, cardRow: await posted(row.id, (m) => m.kind === 'other') };
}

/** The bot's message in the group about a conversation, as stored with the id LINE gave it. */
const posted = (conversationId: string, match: (m: Record<string, any>) => boolean) =>
  until(async () => {
    const rows = await knex()('messages').where({ conversation_id: groupChatId, about_conversation_id: conversationId, direction: 'out' }).whereNotNull('platform_message_id').orderBy('created_at');
    return rows.find(match) ?? false;
  });

const conversation = (id: string) => knex()('conversations').where({ id }).first();
/** What LINE delivered to the customer (staff replies are pushes). */
const toCustomer = (customer: string) => sentTo(h, customer);
const textsIn = (to: string) => sentTo(h, to).map((m) => String(m.text ?? ''));
const staffMessages = async (id: string) => Number((await knex()('messages').where({ conversation_id: id, direction: 'out', sender_type: 'staff' }).count({ n: '*' }))[0].n);

describe('a quote-reply in the group answers the customer', () => {
  it('reaches the customer, takes the conversation, and the group hears who holds it', async () => {
    const { customer, name, id, cardRow } = await customerWaiting();
    const words = `Hello, Somchai here ${randomBytes(2).toString('hex')}`;
    const reply = await say(somchai.lineUserId, { text: words, quotedMessageId: cardRow.platform_message_id }, groupId);
    expect(await answerTo(reply)).toBe(`Sent to the customer · ${name}`);
    await until(async () => textsIn(customer).includes(words));
    expect(await conversation(id)).toMatchObject({ inbox_status: 'assigned', assignee_staff_id: somchai.id });
    const sent = await knex()('messages').where({ conversation_id: id, direction: 'out', sender_type: 'staff' });
    expect(sent).toEqual([expect.objectContaining({ staff_id: somchai.id, text: words })]);
    const events = await knex()('conversation_events').where({ conversation_id: id }).whereIn('type', ['taken', 'replied']).orderBy('id');
    expect(events.map((e) => [e.type, e.actor_id, e.data.saidIn])).toEqual([
      ['taken', somchai.id, groupChatId],
      ['replied', somchai.id, groupChatId],
    ]);
    // "Sent to the customer" does not say who holds it: the line does.
    await waitForMessageTo(h, groupId, (m) => m.text === `Somchai took the conversation with ${name}`);
  });

  it("refuses a second staff member's quote-reply with the holder's name, and nothing reaches the customer", async () => {
    const { customer, name, id, cardRow } = await customerWaiting();
    await answerTo(await say(somchai.lineUserId, { text: 'I have this one', quotedMessageId: cardRow.platform_message_id }, groupId));
    await until(async () => textsIn(customer).includes('I have this one'));
    const before = { c: await conversation(id), staff: await staffMessages(id), pushes: toCustomer(customer).length };

    const second = await say(malee.lineUserId, { text: 'Malee here, can I help?', quotedMessageId: cardRow.platform_message_id }, groupId);
    expect(await answerTo(second)).toBe(`Somchai has the conversation with ${name}`);
    await untilSettled(knex());
    expect(toCustomer(customer).length).toBe(before.pushes);
    expect(JSON.stringify(h.line.state.deliveriesTo(customer))).not.toContain('Malee here');
    expect(await staffMessages(id)).toBe(before.staff);
    expect(await conversation(id)).toMatchObject({ version: before.c.version, assignee_staff_id: somchai.id });
  });

  it('sends an image quote-reply as an image, and an image right after a reply too', async () => {
    const { customer, cardRow, id } = await customerWaiting();
    await say(somchai.lineUserId, { image: PNG, quotedMessageId: cardRow.platform_message_id }, groupId);
    const image = await waitForMessageTo(h, customer, (m) => m.type === 'image', 40_000);
    expect(image.originalContentUrl).toMatch(new RegExp(`^${PUBLIC}/media/[0-9a-f-]{36}\\?exp=\\d+&sig=`));
    const res = await fetch(image.originalContentUrl.replace(PUBLIC, h.sys.url));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'assigned', assignee_staff_id: somchai.id });

    // The receipt after the words, unquoted: the same customer.
    await answerTo(await say(somchai.lineUserId, { text: 'Here is the receipt', quotedMessageId: cardRow.platform_message_id }, groupId));
    await say(somchai.lineUserId, { image: PNG }, groupId);
    await until(async () => toCustomer(customer).filter((m) => m.type === 'image').length === 2, 40_000);
    const replied = await knex()('conversation_events').where({ conversation_id: id, type: 'replied' }).orderBy('id');
    expect(replied.map((e) => e.data.media ?? 'text')).toEqual([['image'], 'text', ['image']]);
  }, 90_000);

  it("brings the customer's next message into the group, and a quote-reply to it reaches them", async () => {
    const { customer, name, id, cardRow } = await customerWaiting();
    await answerTo(await say(somchai.lineUserId, { text: 'What is your order number?', quotedMessageId: cardRow.platform_message_id }, groupId));
    await until(async () => textsIn(customer).includes('What is your order number?'));
    const heard = textsIn(customer).length;
    const words = `my order is ORD-${randomBytes(2).toString('hex')}`;
    await h.tell(customer, words);
    await waitForMessageTo(h, groupId, (m) => m.text === `${name}: ${words}`);
    await waitForMessageTo(h, thaiGroupId, (m) => m.text === `${name}: ${words}`);
    const relayed = await posted(id, (m) => m.text === `${name}: ${words}`);

    const reply = await say(somchai.lineUserId, { text: 'Found it, shipping today', quotedMessageId: relayed.platform_message_id }, groupId);
    expect(await answerTo(reply)).toBe(`Sent to the customer · ${name}`);
    await until(async () => textsIn(customer).includes('Found it, shipping today'));
    // The bot said nothing to the customer's message: a person holds the conversation.
    expect(textsIn(customer).slice(heard)).toEqual(['Found it, shipping today']);
  });

  it('posts a message on an open case once, as the case relay does, not again as the conversation', async () => {
    const { customer, name, id } = await customerWaiting({ first: TOPUP });
    const c = await until(async () => (await knex()('cases').where({ conversation_id: id }).first()) ?? false);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'waiting' });
    await h.tell(customer, FOLLOW_UP);
    await waitForMessageTo(h, groupId, (m) => m.text === `${c.number} · ${name}: ${FOLLOW_UP}`);
    await untilSettled(knex());
    expect(textsIn(groupId).filter((t) => t.includes(FOLLOW_UP) && t.includes(name))).toEqual([`${c.number} · ${name}: ${FOLLOW_UP}`]);
  });
});

describe('who holds it, in the group', () => {
  it('tells the group who took it from the desk API, and who resolved it', async () => {
    const { name, id } = await customerWaiting();
    const taken = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: (await conversation(id)).version }, keys.Malee);
    expect(taken.status).toBe(200);
    await waitForMessageTo(h, groupId, (m) => m.text === `Malee took the conversation with ${name}`);
    const given = await api('POST', `/api/v1/conversations/${id}/assign`, { staffId: somchai.id, expectedVersion: taken.json.version }, keys.Ploy);
    expect(given.status).toBe(200);
    await waitForMessageTo(h, groupId, (m) => m.text === `Ploy gave the conversation with ${name} to Somchai`);
    expect((await api('POST', `/api/v1/conversations/${id}/resolve`, { expectedVersion: given.json.version }, keys.Somchai)).status).toBe(200);
    await waitForMessageTo(h, groupId, (m) => m.text === `Somchai resolved the conversation with ${name}; the bot answers them again`);
  });

  it('answers a tap once, with no second line, and a replayed tap changes nothing', async () => {
    const { name, id, card } = await customerWaiting();
    const take = buttonData(card, 'Take');
    const tap = await h.send(malee.lineUserId, { postback: { data: take }, groupId });
    expect(await answerTo(tap)).toBe(`Malee took the conversation with ${name}`);
    // The same webhook again, as LINE redelivers it.
    expect((await h.postEvents([{ ...tap, deliveryContext: { isRedelivery: true } }])).status).toBe(200);
    await untilSettled(knex());
    // Answered once (the reply above), and no line pushed to the group besides; the other group
    // that got the card hears it, in its language.
    await waitForMessageTo(h, thaiGroupId, (m) => m.text === `Malee รับเรื่องของ ${name} แล้วค่ะ`);
    expect(h.line.state.deliveries.filter((d) => d.replyToken === tap.replyToken)).toHaveLength(1);
    expect(textsIn(groupId).filter((t) => t === `Malee took the conversation with ${name}`)).toEqual([]);
    expect(textsIn(thaiGroupId).filter((t) => t.startsWith('Malee') && t.includes(name))).toHaveLength(1);
    expect(await knex()('conversation_events').where({ conversation_id: id, type: 'taken' })).toHaveLength(1);

    // Resolved and asked for again: the old card's Take is spent.
    const { version } = await conversation(id);
    expect((await api('POST', `/api/v1/conversations/${id}/resolve`, { expectedVersion: version }, keys.Malee)).status).toBe(200);
    const customer = (await conversation(id)).external_id;
    await h.ask(customer, { text: 'talk to a person again please' });
    await until(async () => (await conversation(id)).inbox_status === 'waiting');
    const before = await conversation(id);
    const again = await h.send(somchai.lineUserId, { postback: { data: take }, groupId });
    expect(await answerTo(again)).toBe('This button was already used; nothing changed.');
    expect(await conversation(id)).toMatchObject({ inbox_status: 'waiting', version: before.version, assignee_staff_id: null });
  });

  it('offers Assign as a link to the conversation on the desk', async () => {
    const { id, card } = await customerWaiting();
    const actions = JSON.stringify(card.contents);
    expect(actions).toContain(`"uri":"${PUBLIC}/liff/desk/conversation/${id}"`);
    expect(actions).toContain('"label":"Assign"');
  });
});

describe('@mentions in a private note', () => {
  it('tell the staff member mentioned, 1:1 in LINE, once, and never the customer', async () => {
    const { customer, name, id } = await customerWaiting();
    const note = `@somchai can you call her back? ${randomBytes(2).toString('hex')}`;
    const res = await api('POST', `/api/v1/conversations/${id}/messages`, { note: true, text: note, expectedVersion: (await conversation(id)).version }, keys.Ploy);
    expect(res.status).toBe(201);
    await waitForMessageTo(h, somchai.lineUserId, (m) => m.text === `Ploy mentioned you on the conversation with ${name}: ${note}`);
    await untilSettled(knex());
    const event = await knex()('conversation_events').where({ conversation_id: id, type: 'note' }).first();
    expect(event.data.mentions).toEqual([somchai.id]);
    const carrying = h.line.state.deliveries.filter((d) => JSON.stringify(d.messages).includes(note));
    expect(carrying.map((d) => d.to)).toEqual([somchai.lineUserId]);
    expect(JSON.stringify(h.line.state.deliveriesTo(customer))).not.toContain(note);
  });

  it('an unknown @name tells nobody', async () => {
    const { id } = await customerWaiting();
    const note = `@Nobody knows this one ${randomBytes(2).toString('hex')}`;
    const res = await api('POST', `/api/v1/conversations/${id}/messages`, { note: true, text: note, expectedVersion: (await conversation(id)).version }, keys.Ploy);
    expect(res.status).toBe(201);
    await untilSettled(knex());
    expect((await knex()('conversation_events').where({ conversation_id: id, type: 'note' }).first()).data.mentions).toBeUndefined();
    expect(JSON.stringify(h.line.state.deliveries)).not.toContain(note);
  });
});
