import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { untilSettled } from './support/test-system.ts';

/**
 * "ขอใบเสร็จค่ะ" in chat (docs/understanding.md, "The customer steers"): the customer gets the
 * links to their latest documents, which open the PDFs with no sign-in; a customer with none is
 * handed to a person, who can issue one; a complaint about a receipt is a problem, not a request
 * for links.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  // A business issues tax documents once it has said who the seller is.
  const seller = { name: 'Demo Bangkok Services', address: '99 Sukhumvit Soi 24, Bangkok 10110', taxId: '0105561000123', branch: 'head_office', vatRegistered: true };
  expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: seller })).status).toBe(200);
}, 60_000);
afterAll(() => h?.close());

/** A booking the customer made in chat, and an abbreviated tax invoice staff issued for it. */
async function bookedAndInvoiced(customer: string): Promise<{ booking: string; document: string }> {
  await h.ask(customer, { text: 'Book the sushi class on 5 December at 1pm for 2' });
  const booking = (await h.ask(customer, { text: 'confirm' })).text.match(/B-\d{6}/)![0];
  const issued = await api('POST', '/api/v1/documents', { type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [{ description: 'คลาสทำซูชิ', quantity: 2, unitPriceMinor: 250_000 }] });
  expect(issued.status).toBe(201);
  return { booking, document: issued.json.number };
}

describe('a customer asks for their receipt in chat', () => {
  it('gets the links to their latest documents, each opening its PDF, in their language', async () => {
    const customer = lineId('U');
    const { document } = await bookedAndInvoiced(customer);
    for (const [text, said, amount] of [
      ['ขอใบเสร็จค่ะ', 'เอกสารล่าสุดของคุณ', '5,000 บาท'],
      ['can I have my receipt please?', 'Your latest documents', '5,000 THB'],
    ]) {
      const reply = await h.ask(customer, { text });
      expect(reply.text, text).toContain(said);
      expect(reply.text).toContain(document);
      expect(reply.text).toContain(amount);
      const path = reply.text.match(/https:\/\/desk\.example(\/public\/v1\/documents\/[\w-]+\.pdf)/)![1];
      const pdf = await fetch(`${h.sys.url}${path}`);
      expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    }
    // The bot still holds the conversation: nothing was handed over.
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first();
    expect(conversation.inbox_status).toBe('bot');
  });

  it('with none issued to them, is told a person will see to it, and a person holds the conversation', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'Hello' });
    const reply = await h.ask(customer, { text: 'ขอใบกำกับภาษีด้วยค่ะ' });
    expect(reply.text).toContain('ยังไม่พบใบเสร็จ');
    await untilSettled(h.sys.knex);
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first();
    expect(conversation.inbox_status).not.toBe('bot');
    // Another customer's documents are never theirs.
    expect(reply.text).not.toMatch(/ABB-\d{6}/);
  });

  it('a complaint about a receipt is a problem, not a request for links', async () => {
    const customer = lineId('U');
    const reply = await h.ask(customer, { text: 'I was charged twice, the receipt shows 5,000 baht' });
    expect(reply.text).not.toContain('Your latest documents');
    expect(reply.text).not.toContain('could not find a receipt');
  });
});
