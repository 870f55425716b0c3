import { randomBytes } from 'node:crypto';
import { lineId } from '../../dev/fakes/line-api.ts';
import type { LineCustomerHarness } from './line-customer.ts';
import { until } from './test-system.ts';

/** Customers' money in tests (docs/money.md): a LINE customer with a priced booking, and the transfer slip they send. */
let counter = 0;

/** A LINE customer (in English) with a confirmed booking of the demo's sushi class (2,500.00 THB a person) for two. */
export async function pricedBooking(h: LineCustomerHarness): Promise<{ number: string; id: string; userId: string }> {
  const userId = lineId('U');
  const n = ++counter;
  await h.tell(userId, `hello ${n}`);
  const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
  const service = await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, key: 'sushi_class' }).first();
  const number = `B-9${String(n).padStart(5, '0')}`;
  const [row] = await h.sys
    .knex('bookings')
    .insert({ org_id: h.sys.defaultOrgId, number, contact_id: chat.contact_id, conversation_id: chat.id, service_id: service.id, source: 'line', stage: 'confirmed', party_size: 2, language: 'en', requested_date: '2027-03-10' })
    .returning('id');
  await h.sys.knex('contacts').where({ id: chat.contact_id }).update({ language: 'en' });
  return { number, id: row.id, userId };
}

/** The customer sends a picture in the chat (a transfer slip); resolves with the bot's reply. */
export async function sendSlip(h: LineCustomerHarness, userId: string): Promise<string> {
  const id = String(BigInt('0x' + randomBytes(7).toString('hex')));
  h.line.state.addContent(id, Buffer.from('slip-jpeg-bytes'), 'image/jpeg');
  const replyToken = h.line.state.issueReplyToken();
  const res = await h.postEvents([
    {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'user', userId },
      webhookEventId: `01S${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26),
      deliveryContext: { isRedelivery: false },
      replyToken,
      message: { id, type: 'image', quoteToken: 'q', contentProvider: { type: 'line' } },
    },
  ]);
  if (res.status !== 200) throw new Error(`the LINE webhook answered ${res.status}`);
  const reply = await until(async () => h.line.state.deliveries.find((d) => d.replyToken === replyToken) ?? false);
  return reply.messages.map((m) => ('text' in m ? String(m.text) : '')).join('\n');
}
