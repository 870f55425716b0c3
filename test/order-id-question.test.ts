import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';

/**
 * A case type that "requires an order id" (the demo's top-up, delivery, refund and amount types)
 * makes the bot ask for it, once the org has said what its order ids look like: read by the org's
 * patterns, asked again when the answer holds none, a person after the third try. Through signed
 * LINE webhooks, the offline classifier and the fake LINE server.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const PROBLEM = 'I was charged twice for one order';

beforeAll(async () => {
  h = await startLineCustomerHarness();
  expect((await api('PATCH', '/api/v1/org/settings', { orderIdPatterns: ['\\bORD-\\d{5}\\b'] })).status).toBe(200);
}, 60_000);
afterAll(() => h?.close());

const casesOf = async (customer: string) =>
  h.sys.knex('cases').join('conversations', 'conversations.id', 'cases.conversation_id').where('conversations.external_id', customer).select('cases.id', 'cases.number', 'cases.summary');

describe('a problem whose type needs its order id', () => {
  it('is asked for the order id, asked again on an answer without one, and opens with it', async () => {
    const customer = lineId('U');
    const asked = await h.ask(customer, { text: PROBLEM });
    const question = await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'ask_order_id', language: 'en' }).first('body');
    expect(asked.text).toBe(question.body);
    expect(await casesOf(customer)).toHaveLength(0);

    const again = await h.ask(customer, { text: 'it was 12345' });
    expect(again.text).toMatch(/does not look like one of our order numbers/);
    expect(await casesOf(customer)).toHaveLength(0);

    const opened = await h.ask(customer, { text: 'sorry, ORD-24680' });
    const [c] = await casesOf(customer);
    expect(opened.text).toContain(c.number);
    // The problem as first told, and the order it is about.
    expect(c.summary).toBe(PROBLEM);
    expect(await h.sys.knex('case_orders').where({ case_id: c.id }).pluck('order_id')).toEqual(['ORD-24680']);
  });

  it('opens at once when the message names the order', async () => {
    const customer = lineId('U');
    const opened = await h.ask(customer, { text: `${PROBLEM}, ORD-13579` });
    const [c] = await casesOf(customer);
    expect(opened.text).toContain(c.number);
  });

  it('goes to a person after three answers without an order id, with nothing opened', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: PROBLEM });
    await h.ask(customer, { text: 'I do not have it' });
    await h.ask(customer, { text: 'no idea' });
    const handed = await h.ask(customer, { text: 'ORD-1' });
    expect(handed.text).not.toMatch(/order number/);
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('inbox_status');
    expect(conversation.inbox_status).toBe('waiting');
    expect(await casesOf(customer)).toHaveLength(0);
  });
});
