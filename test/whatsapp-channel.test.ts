import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TWILIO_ACCOUNT_SID, startFakeTwilioApi, type RunningFakeTwilioApi } from '../dev/fakes/twilio-api.ts';
import { signTwilioRequest } from '../bot/whatsapp/twilio-signature.ts';
import { queueMessages } from '../core/conversations/outgoing.ts';
import { postWhatsApp, randomPhone as phone, WHATSAPP_FROM as FROM, whatsAppEnv, whatsAppMessage as incoming } from './support/whatsapp-customer.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * WhatsApp through Twilio end to end: signed form webhooks in, the real twilio client out to a
 * local server speaking Twilio's API.
 */
let twilio: RunningFakeTwilioApi;
let sys: TestSystem;

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  sys = await startTestSystem({ env: whatsAppEnv(twilio), relay: { policies: { outbound: { attempts: 3, backoffMs: 50 } } } });
});
afterAll(async () => {
  await sys?.stopAll();
  await twilio?.close();
});

const post = (params: Record<string, string>, signature?: string | null) => postWhatsApp(sys, params, { signature });
const processed = (eventId: string) =>
  until(async () => (await sys.knex('inbound_events').where({ platform_event_id: eventId }).whereNotNull('processed_at').first()) ?? false);
const count = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);

describe('the WhatsApp webhook', () => {
  it('refuses a forged or missing signature and stores nothing', async () => {
    const before = await count('inbound_events');
    const forged = await post(incoming(phone(), 'hi'), signTwilioRequest('not-the-token', `${sys.url}/webhooks/whatsapp`, { a: 'b' }));
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.code).toBe('unauthenticated');
    expect((await post(incoming(phone(), 'hi'), null)).status).toBe(401);
    expect(await count('inbound_events')).toBe(before);
  });

  it('refuses a signed request that is not a WhatsApp message', async () => {
    const res = await post({ Hello: 'world' });
    expect(res.status).toBe(400);
  });

  it('stores a message once, with the contact known by phone', async () => {
    const from = phone();
    const params = incoming(from, 'I topped up 500 baht but my balance did not change');
    const res = await post(params);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Response>');
    await processed(params.MessageSid);
    expect((await post(params)).status).toBe(200);
    expect(await sys.knex('inbound_events').where({ platform_event_id: params.MessageSid }).count({ n: '*' })).toEqual([{ n: 1 }]);
    const identity = await sys.knex('contact_identities').where({ external_id: `whatsapp:${from}` }).first();
    const contact = await sys.knex('contacts').where({ id: identity.contact_id }).first();
    expect(contact).toMatchObject({ phone: from, display_name: 'Nok' });
    const message = await sys.knex('messages').where({ platform_message_id: params.MessageSid }).first();
    expect(message).toMatchObject({ direction: 'in', text: 'I topped up 500 baht but my balance did not change' });
  });

  it('joins a WhatsApp identity to the contact that already has that phone number', async () => {
    const from = phone();
    const [known] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Known on LINE', phone: from }).returning('id');
    const params = incoming(from, 'hello again');
    await post(params);
    await processed(params.MessageSid);
    const identity = await sys.knex('contact_identities').where({ external_id: `whatsapp:${from}` }).first();
    expect(identity.contact_id).toBe(known.id);
  });
});

describe('sending on WhatsApp', () => {
  async function conversationOf(from: string) {
    const params = incoming(from, 'hi');
    await post(params);
    await processed(params.MessageSid);
    // The router has read "hi" too (and set the customer's language from it), and greeted back,
    // after the privacy notice a first message gets (docs/privacy.md).
    await until(async () => (await sys.knex('messages').where({ platform_message_id: params.MessageSid }).whereNotNull('routed_at').first()) ?? false);
    const conversation = await sys.knex('conversations').where({ external_id: `whatsapp:${from}` }).first();
    const answered = await until(async () => {
      const out = await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out' }).pluck('delivery_status');
      return out.length > 0 && out.every((s) => s !== 'pending') && out.length;
    });
    await until(async () => deliveriesTo(from).length === answered);
    greeted.set(from, answered);
    return conversation;
  }

  /** How many messages answered each customer's "hi" (the greeting, and the privacy notice before it). */
  const greeted = new Map<string, number>();
  const deliveriesTo = (from: string) => twilio.state.deliveries.filter((d) => d.to === `whatsapp:${from}`);
  /** What was sent to the customer after the bot's greeting. */
  const nextDelivery = (from: string) => until(async () => deliveriesTo(from)[greeted.get(from)!] ?? false);

  it('sends free text inside the 24-hour window and records Twilio status callbacks', async () => {
    const from = phone();
    const conversation = await conversationOf(from);
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: conversation.id, messages: [{ kind: 'text', text: 'Case C-000123 is open' }], senderType: 'bot' }),
    );
    const delivery = await nextDelivery(from);
    expect(delivery).toMatchObject({ from: FROM, body: 'Case C-000123 is open' });
    const message = await until(async () => (await sys.knex('messages').where({ platform_message_id: delivery.sid }).first()) ?? false);
    expect(message.delivery_status).toBe('sent');

    const status = { MessageSid: delivery.sid, MessageStatus: 'delivered', AccountSid: DEFAULT_TWILIO_ACCOUNT_SID, From: FROM, To: `whatsapp:${from}` };
    await post(status);
    await until(async () => (await sys.knex('messages').where({ id: message.id }).first()).delivery_status === 'delivered');
    // A late "sent" does not move it backwards.
    await post({ ...status, MessageStatus: 'sent' });
    await processed(`${delivery.sid}:sent`);
    expect((await sys.knex('messages').where({ id: message.id }).first()).delivery_status).toBe('delivered');
  });

  it("waits as long as Twilio's 429 asks (Retry-After), then sends once", async () => {
    const from = phone();
    const conversation = await conversationOf(from);
    twilio.state.failNext('/Messages.json', { status: 429, headers: { 'retry-after': '2' } });
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: conversation.id, messages: [{ kind: 'text', text: 'Case C-000124 is open' }], senderType: 'bot' }),
    );
    const delivery = await nextDelivery(from);
    expect(delivery.body).toBe('Case C-000124 is open');
    // The tries after those that answered "hi".
    const tries = twilio.state.requests.filter((r) => r.path.endsWith('/Messages.json') && (r.body as Record<string, string>)?.To === `whatsapp:${from}`).slice(greeted.get(from)!);
    expect(tries.map((r) => r.status)).toEqual([429, 201]);
    // The job's own backoff here is 50 ms: the 2 s wait is Twilio's.
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1_900);
    expect(deliveriesTo(from)).toHaveLength(greeted.get(from)! + 1);
  });

  it('turns quick replies into a Twilio content template with buttons', async () => {
    const from = phone();
    const conversation = await conversationOf(from);
    await sys.knex.transaction((trx) =>
      queueMessages(trx, {
        orgId: sys.defaultOrgId,
        conversationId: conversation.id,
        messages: [
          {
            kind: 'text',
            text: 'What would you like to do?',
            quickReplies: [
              { type: 'message', label: 'Book', text: 'book' },
              { type: 'message', label: 'Report a problem', text: 'problem' },
            ],
          },
        ],
        senderType: 'bot',
      }),
    );
    const delivery = await nextDelivery(from);
    expect(delivery.contentSid).toMatch(/^HX/);
    expect(JSON.stringify(delivery.content)).toContain('twilio/quick-reply');
  });

  it('outside the window, with no approved template, fails the message with the reason and sends nothing', async () => {
    const from = phone();
    const conversation = await conversationOf(from);
    await sys.knex('conversations').where({ id: conversation.id }).update({ last_inbound_at: new Date(Date.now() - 25 * 3600 * 1000) });
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: conversation.id, messages: [{ kind: 'text', text: 'late news' }], senderType: 'bot' }),
    );
    const failed = await until(
      async () => (await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'failed' }).first()) ?? false,
    );
    expect(failed.delivery_error).toMatch(/24-hour window/);
    // Only the greeting, sent while the window was open.
    expect(deliveriesTo(from)).toHaveLength(greeted.get(from)!);
  });

  it("outside the window, sends the org's approved reopen template instead", async () => {
    const from = phone();
    const conversation = await conversationOf(from);
    await sys.knex('conversations').where({ id: conversation.id }).update({ last_inbound_at: new Date(Date.now() - 25 * 3600 * 1000) });
    // The customer wrote "hi": the bot now speaks English with them, so the English template is used.
    const approved = twilio.state.addContentTemplate({
      friendly_name: 'reopen_conversation_en',
      language: 'en',
      types: { 'twilio/text': { body: 'Hello, we have news for you: reply to read it.' } },
    });
    await sys.knex('templates').insert({
      org_id: sys.defaultOrgId,
      key: 'reopen_conversation',
      language: 'en',
      body: 'Hello, we have news for you: reply to read it.',
      whatsapp_content_sid: approved.sid,
    }).onConflict(['org_id', 'key', 'language']).merge();
    await sys.knex.transaction((trx) =>
      queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: conversation.id, messages: [{ kind: 'text', text: 'late news' }], senderType: 'bot' }),
    );
    const delivery = await nextDelivery(from);
    expect(delivery.contentSid).toBe(approved.sid);
    expect(delivery.body ?? '').not.toContain('late news');
  });
});
