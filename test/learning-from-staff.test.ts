import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * The bot learns from staff, end to end: a customer's message opens a case of the type the
 * offline classifier reads, support corrects the type through the REST API, the review list shows
 * the message added to the new type, and the same words from the next customer open a case of it.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
const keys: Record<'support' | 'manager', string> = {} as never;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  for (const role of ['support', 'manager'] as const) {
    const s = await api('POST', '/api/v1/staff', { displayName: role === 'support' ? 'Somchai' : 'Mali', role, language: 'en' });
    const k = await api('POST', '/api/v1/api-keys', { name: `learning ${role}`, role, staffId: s.json.id });
    keys[role] = k.json.key;
  }
}, 60_000);
afterAll(() => h?.close());

/** The case a customer's words opened, with its type. */
async function caseOpenedBy(text: string): Promise<{ number: string; version: number; caseType: string }> {
  // A new customer each time: a customer's next message would go to their open case.
  const customer = lineId('U');
  await h.ask(customer, { text });
  return until<{ number: string; version: number; caseType: string }>(() =>
    h.sys
      .knex('cases')
      .join('messages', 'messages.id', 'cases.source_message_id')
      .join('conversations', 'conversations.id', 'messages.conversation_id')
      .join('case_types', 'case_types.id', 'cases.case_type_id')
      .where({ 'messages.text': text, 'conversations.external_id': customer })
      .first('cases.number', 'cases.version', 'case_types.key as caseType'),
  );
}

describe('a case type corrected by staff', () => {
  it('is learned, listed as added, and the same words are read as the corrected type next time', async () => {
    const text = 'I topped up 500 baht but my balance did not change';
    const first = await caseOpenedBy(text);
    expect(first.caseType).toBe('topup_not_credited');
    // Say the business counts this as a wrong amount.
    const corrected = await api('POST', `/api/v1/cases/${first.number}/corrections`, { caseType: 'wrong_amount', reason: 'We treat missing top-ups as wrong amounts', expectedVersion: first.version }, keys.support);
    expect(corrected.status).toBe(200);

    const list = await api('GET', '/api/v1/taxonomy/learned', undefined, keys.support);
    expect(list.status).toBe(200);
    expect(list.json.learnFromStaff).toBe(true);
    expect(list.json.items[0]).toMatchObject({
      text,
      status: 'added',
      source: 'case_correction',
      class: { kind: 'case_type', key: 'wrong_amount', name: { th: 'ยอดเงินไม่ถูกต้อง', en: 'Wrong amount charged' } },
      correctedBy: { name: 'Somchai' },
    });
    expect(list.json.today).toEqual([expect.objectContaining({ name: 'Somchai', learned: 1 })]);

    const again = await caseOpenedBy(text);
    expect(again.caseType).toBe('wrong_amount');
    expect(again.number).not.toBe(first.number);
  });

  it('accept and remove are for managers and admins; support may read the list', async () => {
    const [item] = (await api('GET', '/api/v1/taxonomy/learned')).json.items;
    expect((await api('DELETE', `/api/v1/taxonomy/learned/${item.id}`, undefined, keys.support)).status).toBe(403);
    expect((await api('POST', `/api/v1/taxonomy/learned/${item.id}/accept`, undefined, keys.support)).status).toBe(403);
    // Accepting what is already added changes nothing.
    expect((await api('POST', `/api/v1/taxonomy/learned/${item.id}/accept`, undefined, keys.manager)).json).toMatchObject({ id: item.id, status: 'added' });

    const removed = await api('DELETE', `/api/v1/taxonomy/learned/${item.id}`, undefined, keys.manager);
    expect(removed).toMatchObject({ status: 200, json: { id: item.id, removed: true } });
    const wrongAmount = (await api('GET', '/api/v1/case-types/wrong_amount')).json;
    expect([...wrongAmount.examples.th, ...wrongAmount.examples.en]).not.toContain(item.text);
    expect((await api('GET', '/api/v1/taxonomy/learned')).json.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    expect((await api('DELETE', `/api/v1/taxonomy/learned/${item.id}`, undefined, keys.manager)).status).toBe(404);
    expect((await api('POST', '/api/v1/taxonomy/learned/nonsense/accept', undefined, keys.manager)).status).toBe(404);
  });

  it('with the switch off, a correction is only suggested until an admin accepts it', async () => {
    expect((await api('PATCH', '/api/v1/org/settings', { learnFromStaff: false })).json.learnFromStaff).toBe(false);
    const text = 'my order was supposed to come on Monday and nothing yet';
    const c = await caseOpenedBy(text);
    const to = c.caseType === 'refund_request' ? 'wrong_amount' : 'refund_request';
    expect((await api('POST', `/api/v1/cases/${c.number}/corrections`, { caseType: to, reason: 'test', expectedVersion: c.version }, keys.support)).status).toBe(200);
    const [item] = (await api('GET', '/api/v1/taxonomy/learned')).json.items;
    expect(item).toMatchObject({ text, status: 'suggested', class: { key: to } });
    const typeOf = async () => (await api('GET', `/api/v1/case-types/${to}`)).json;
    expect([...(await typeOf()).examples.en]).not.toContain(text);
    const accepted = await api('POST', `/api/v1/taxonomy/learned/${item.id}/accept`, undefined, keys.manager);
    expect(accepted).toMatchObject({ status: 200, json: { status: 'added', decidedAt: expect.any(String) } });
    expect([...(await typeOf()).examples.en]).toContain(text);
    await api('PATCH', '/api/v1/org/settings', { learnFromStaff: null });
  });
});

describe('a message the bot handed over, answered by staff with a case', () => {
  it('is learned as an example of the case type staff opened', async () => {
    const customer = lineId('U');
    // Unsure twice: the bot asks once, then hands the conversation to a person.
    await h.ask(customer, { text: 'I have an issue with payment' });
    const second = "it's complicated, can you help";
    const handed = await h.ask(customer, { text: second });
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id', 'inbox_status');
    expect(conversation.inbox_status).toBe('waiting');
    expect(handed.text).not.toMatch(/C-\d+/);

    const opened = await api('POST', `/api/v1/conversations/${conversation.id}/cases`, { caseType: 'wrong_amount', summary: 'Charged more than quoted' }, keys.support);
    expect(opened.status).toBe(201);
    const [item] = (await api('GET', '/api/v1/taxonomy/learned')).json.items;
    expect(item).toMatchObject({ text: second, source: 'handover_case', status: 'added', class: { key: 'wrong_amount' }, correctedBy: { name: 'Somchai' } });
    const wrongAmount = (await api('GET', '/api/v1/case-types/wrong_amount')).json;
    expect(wrongAmount.examples.en).toContain(second);
  });

  it('answered with a booking, is learned as an example of the service booked', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'I have an issue with payment' });
    const second = 'can you fit two of us in on saturday morning';
    await h.ask(customer, { text: second });
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id', 'inbox_status');
    expect(conversation.inbox_status).toBe('waiting');
    const opened = await api('POST', `/api/v1/conversations/${conversation.id}/bookings`, { service: 'spa_massage', travelers: 2 }, keys.support);
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    const [item] = (await api('GET', '/api/v1/taxonomy/learned')).json.items;
    expect(item).toMatchObject({ text: second, source: 'handover_booking', status: 'added', class: { key: 'spa_massage' } });
    const spa = (await api('GET', '/api/v1/services/spa_massage')).json;
    expect([...spa.examples.th, ...spa.examples.en]).toContain(second);
  });

  it('is not learned from a case staff open for a customer the bot did not hand over', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'hello' });
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id');
    const before = (await api('GET', '/api/v1/taxonomy/learned')).json.items.length;
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/cases`, { caseType: 'refund_request', summary: 'Asked by phone' }, keys.support)).status).toBe(201);
    expect((await api('GET', '/api/v1/taxonomy/learned')).json.items).toHaveLength(before);
  });
});

describe('a message the bot handed over, answered by staff with a FAQ answer', () => {
  const PARKING = "is there somewhere to leave the car while we're with you";
  /** A customer the bot hands over after two messages it cannot read; the conversation, waiting. */
  async function handedOver(second: string): Promise<{ id: string; version: number }> {
    const customer = lineId('U');
    await h.ask(customer, { text: 'I have an issue with payment' });
    await h.ask(customer, { text: second });
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id', 'inbox_status');
    expect(conversation.inbox_status).toBe('waiting');
    return (await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, keys.support)).json;
  }
  const waysOfAsking = async (key: string) => {
    const q = (await api('GET', `/api/v1/faq/${key}`)).json.question;
    return `${q.th ?? ''}\n${q.en ?? ''}`.split('\n');
  };

  it("is learned as one more way of asking the entry whose answer staff gave, and listed", async () => {
    const c = await handedOver(PARKING);
    const answer = (await api('GET', '/api/v1/faq/location')).json.answer.en;
    // Staff paste the entry's answer, with a word of their own before it.
    const sent = await api('POST', `/api/v1/conversations/${c.id}/messages`, { text: `Hello! ${answer}`, expectedVersion: c.version }, keys.support);
    expect(sent.status, JSON.stringify(sent.json)).toBeLessThan(300);
    const [item] = (await api('GET', '/api/v1/taxonomy/learned')).json.items;
    expect(item).toMatchObject({ text: PARKING, source: 'handover_faq', status: 'added', class: { kind: 'faq', key: 'location' }, correctedBy: { name: 'Somchai' } });
    expect(await waysOfAsking('location')).toContain(PARKING);
    // The entry's own ways of asking are all still there.
    expect(await waysOfAsking('location')).toEqual(expect.arrayContaining(['Where are you located?', 'ร้านอยู่ที่ไหน เดินทางยังไงคะ']));

    // Removed by a manager, it leaves the entry's ways of asking again.
    expect((await api('DELETE', `/api/v1/taxonomy/learned/${item.id}`, undefined, keys.manager)).status).toBe(200);
    expect(await waysOfAsking('location')).not.toContain(PARKING);
    expect(await waysOfAsking('location')).toContain('Where are you located?');
  });

  it('a reply that gives no FAQ answer teaches nothing, nor a FAQ answer to a customer the bot did not hand over', async () => {
    const before = (await api('GET', '/api/v1/taxonomy/learned')).json.items.length;
    const c = await handedOver('my friend told me about you, what is this place');
    expect((await api('POST', `/api/v1/conversations/${c.id}/messages`, { text: 'We are a spa and tour desk, happy to help!', expectedVersion: c.version }, keys.support)).status).toBeLessThan(300);

    const customer = lineId('U');
    await h.ask(customer, { text: 'hello' });
    const plain = await h.sys.knex('conversations').where({ external_id: customer }).first('id');
    const v = (await api('GET', `/api/v1/conversations/${plain.id}`, undefined, keys.support)).json.version;
    const answer = (await api('GET', '/api/v1/faq/payment_methods')).json.answer.en;
    expect((await api('POST', `/api/v1/conversations/${plain.id}/messages`, { text: answer, expectedVersion: v }, keys.support)).status).toBeLessThan(300);
    expect((await api('GET', '/api/v1/taxonomy/learned')).json.items).toHaveLength(before);
  });

  it("words another FAQ entry is already asked with are a conflict naming both, and the entry is unchanged", async () => {
    const words = 'do you folks take anything other than cash';
    const c = await handedOver(words);
    // Meanwhile the business has written these very words as a way of asking its opening hours.
    const hours = (await api('GET', '/api/v1/faq/opening_hours')).json.question;
    expect((await api('PATCH', '/api/v1/faq/opening_hours', { question: { en: `${hours.en}\n${words}` } })).status).toBe(200);
    const answer = (await api('GET', '/api/v1/faq/payment_methods')).json.answer.th;
    expect((await api('POST', `/api/v1/conversations/${c.id}/messages`, { text: answer, expectedVersion: c.version }, keys.support)).status).toBeLessThan(300);
    const [item] = (await api('GET', '/api/v1/taxonomy/learned')).json.items;
    expect(item).toMatchObject({ text: words, source: 'handover_faq', status: 'conflict', class: { kind: 'faq', key: 'payment_methods' }, conflictWith: { kind: 'faq', key: 'opening_hours' } });
    expect(await waysOfAsking('payment_methods')).not.toContain(words);
    // Accepting would take a way of asking away from another FAQ entry: refused, nothing changes.
    expect((await api('POST', `/api/v1/taxonomy/learned/${item.id}/accept`, undefined, keys.manager)).status).toBe(409);
    expect(await waysOfAsking('opening_hours')).toContain(words);
    expect(await waysOfAsking('payment_methods')).not.toContain(words);
    await api('PATCH', '/api/v1/faq/opening_hours', { question: { en: hours.en } });
  });
});

describe("a customer erased under the PDPA", () => {
  it('takes their words out of the phrases learned from them, and out of the list', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'I have an issue with payment' });
    const words = 'my card was billed by someone I do not know';
    await h.ask(customer, { text: words });
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id', 'contact_id', 'inbox_status');
    expect(conversation.inbox_status).toBe('waiting');
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/cases`, { caseType: 'wrong_amount', summary: 'Unknown charge' }, keys.support)).status).toBe(201);
    const phrases = async () => {
      const t = (await api('GET', '/api/v1/case-types/wrong_amount')).json;
      return [...t.examples.th, ...t.examples.en];
    };
    expect(await phrases()).toContain(words);

    const erased = await api('POST', `/api/v1/contacts/${conversation.contact_id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.json.counts.learnedExamples).toBe(1);
    expect(await phrases()).not.toContain(words);
    expect((await api('GET', '/api/v1/taxonomy/learned')).json.items.map((i: { text: string }) => i.text)).not.toContain(words);
    expect(Number((await h.sys.knex('learned_examples').where({ contact_id: conversation.contact_id }).count({ n: '*' }).first())?.n)).toBe(0);
  });
});

