import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, startFakeTwilioApi, type RunningFakeTwilioApi } from '../../dev/fakes/twilio-api.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { createLogger } from '../../core/logger.ts';
import type { Language } from '../../core/vocabulary.ts';
import type { OutgoingSend } from '../channel-sender.ts';
import { CUSTOMER_WINDOW_MS, WhatsAppSendError, whatsAppSender } from './whatsapp-sender.ts';

/**
 * WhatsApp's sending policy, decision by decision, on a real database (the customer's language, the
 * org's approved templates) and the fake Twilio server: free text inside the 24-hour window, only an
 * approved template in the customer's language outside it, and Twilio's answers sorted into "try
 * again" (with its Retry-After) and "refused".
 */
type WhatsAppChannel = Extract<Channel, { kind: 'whatsapp' }>;

const FROM = 'whatsapp:+66200000001';
const PUBLIC_BASE_URL = 'https://desk.example.com';
const HOUR = 3600 * 1000;
let db: TestDatabase;
let twilio: RunningFakeTwilioApi;
let orgId: string;
let channel: WhatsAppChannel;
let sender: ReturnType<typeof whatsAppSender>;
/** The org's approved reopen templates, by language. */
const reopen: Record<Language, string> = { th: '', en: '' };
const logger = createLogger('silent');

beforeAll(async () => {
  [db, twilio] = await Promise.all([createTestDatabase(), startFakeTwilioApi()]);
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'whatsapp-sender', name: 'WhatsApp sender' }).returning('id');
  const [{ id: channelId }] = await db.knex('channels').insert({ org_id: orgId, kind: 'whatsapp', name: 'WhatsApp', external_id: FROM, settings: '{}' }).returning('id');
  channel = {
    id: channelId,
    orgId,
    name: 'WhatsApp',
    externalId: FROM,
    isActive: true,
    settings: {},
    kind: 'whatsapp',
    credentials: { accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: DEFAULT_TWILIO_AUTH_TOKEN },
  };
  for (const language of ['th', 'en'] as const) {
    const body = language === 'th' ? 'มีข่าวใหม่ ตอบกลับเพื่ออ่าน' : 'We have news for you: reply to read it.';
    reopen[language] = twilio.state.addContentTemplate({ friendly_name: `reopen_conversation_${language}`, language, types: { 'twilio/text': { body } } }).sid;
    await db.knex('templates').insert({ org_id: orgId, key: 'reopen_conversation', language, body, whatsapp_content_sid: reopen[language] });
  }
  sender = whatsAppSender({ knex: db.knex, twilioApiBaseUrl: twilio.url, publicBaseUrl: PUBLIC_BASE_URL });
}, 120_000);
afterAll(async () => {
  await twilio?.close();
  await db?.destroy();
});
afterEach(() => twilio.state.reset());

let phones = 0;
const customer = () => `whatsapp:+6681${String(Date.now() % 1e6).padStart(6, '0')}${phones++}`;

/** A send of these texts to `to`, whose last message came `lastInboundAgoMs` ago, and what it recorded as sent. */
function sendOf(to: string, texts: string[], o: { lastInboundAgoMs: number | null; contactId?: string }) {
  const recorded: { ids: string[]; platformIds: (string | null)[] }[] = [];
  const send: OutgoingSend<WhatsAppChannel> = {
    channel,
    conversation: {
      id: randomUUID(),
      orgId,
      externalId: to,
      contactId: o.contactId ?? null,
      lastInboundAt: o.lastInboundAgoMs === null ? null : new Date(Date.now() - o.lastInboundAgoMs),
    },
    messages: texts.map((text) => ({ id: randomUUID(), message: { kind: 'text', text } })),
    outboxId: randomUUID(),
    logger,
    recordSent: async (ids, platformIds) => void recorded.push({ ids, platformIds }),
  };
  return { send, recorded };
}

/** The send's error, which must be a WhatsAppSendError. */
async function refusal(p: Promise<unknown>): Promise<WhatsAppSendError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WhatsAppSendError);
  return err as WhatsAppSendError;
}

describe('the 24-hour window', () => {
  it('inside it, free text, one message at a time, each recorded with its SID, with the delivery report address', async () => {
    const to = customer();
    const { send, recorded } = sendOf(to, ['Case C-000001 is open', 'We will write again soon'], { lastInboundAgoMs: CUSTOMER_WINDOW_MS - HOUR });

    await sender.send(send);

    expect(twilio.state.deliveries).toMatchObject([
      { from: FROM, to, body: 'Case C-000001 is open', contentSid: undefined, statusCallback: `${PUBLIC_BASE_URL}/webhooks/whatsapp/${channel.id}` },
      { from: FROM, to, body: 'We will write again soon' },
    ]);
    expect(recorded).toEqual(send.messages.map((m, i) => ({ ids: [m.id], platformIds: [twilio.state.deliveries[i].sid] })));
  });

  it('outside it, the approved reopen template in the customer’s language instead of the text', async () => {
    const to = customer();
    const [{ id: contactId }] = await db.knex('contacts').insert({ org_id: orgId, display_name: 'Ann', language: 'en' }).returning('id');
    const { send, recorded } = sendOf(to, ['late news'], { lastInboundAgoMs: CUSTOMER_WINDOW_MS + HOUR, contactId });

    await sender.send(send);

    expect(twilio.state.deliveries).toHaveLength(1);
    expect(twilio.state.deliveries[0]).toMatchObject({ to, contentSid: reopen.en });
    expect(twilio.state.deliveries[0].renderedBody).not.toContain('late news');
    expect(recorded).toHaveLength(1);
  });

  it('with no contact known, and no message from the customer ever, it is outside, in Thai', async () => {
    const { send } = sendOf(customer(), ['hello'], { lastInboundAgoMs: null });
    await sender.send(send);
    expect(twilio.state.deliveries[0].contentSid).toBe(reopen.th);
  });

  it('outside it with no approved template, a refusal with the reason, and nothing sent', async () => {
    const [{ id: otherOrg }] = await db.knex('orgs').insert({ slug: 'no-templates', name: 'No templates' }).returning('id');
    const { send, recorded } = sendOf(customer(), ['late news'], { lastInboundAgoMs: CUSTOMER_WINDOW_MS + HOUR });
    send.conversation.orgId = otherOrg;

    const err = await refusal(sender.send(send));

    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/24-hour window/);
    expect(twilio.state.deliveries).toEqual([]);
    expect(recorded).toEqual([]);
  });
});

describe("Twilio's answers", () => {
  it('a 429 may be tried again after its Retry-After; the messages sent before it stay recorded', async () => {
    const to = customer();
    const { send, recorded } = sendOf(to, ['first', 'second'], { lastInboundAgoMs: HOUR });
    twilio.state.failNext(/Messages\.json$/, { delayMs: 0 });
    twilio.state.failNext(/Messages\.json$/, { status: 429, headers: { 'retry-after': '3' } });

    const err = await refusal(sender.send(send));

    expect(err).toMatchObject({ retryable: true, retryAfterMs: 3_000 });
    expect(err.message).toMatch(/^Twilio answered 429/);
    expect(recorded.map((r) => r.ids)).toEqual([[send.messages[0].id]]);
  });

  it('a content template Twilio no longer knows (deleted in its console) is made again, and the message sent once', async () => {
    const withButtons = (to: string) => {
      const s = sendOf(to, ['Which one?'], { lastInboundAgoMs: HOUR });
      s.send.messages[0].message = { kind: 'text', text: 'Which one?', quickReplies: [{ type: 'postback', label: 'Yes', data: 'act=yes' }, { type: 'postback', label: 'No', data: 'act=no' }] };
      return s;
    };
    const first = withButtons(customer());
    await sender.send(first.send);
    const made = twilio.state.deliveriesTo(first.send.conversation.externalId)[0].contentSid!;
    expect(made).toMatch(/^HX/);
    twilio.state.removeContentTemplate(made);
    const left = twilio.state.contentTemplates(DEFAULT_TWILIO_ACCOUNT_SID).map((c) => c.sid);

    const to = customer();
    const again = withButtons(to);
    await sender.send(again.send);
    const remade = twilio.state.contentTemplates(DEFAULT_TWILIO_ACCOUNT_SID).filter((c) => !left.includes(c.sid));
    expect(remade).toHaveLength(1);
    expect(remade[0].sid).not.toBe(made);
    expect(twilio.state.deliveriesTo(to).map((d) => d.contentSid)).toEqual([remade[0].sid]);
    expect(again.recorded.map((r) => r.ids)).toEqual([[again.send.messages[0].id]]);
  });

  it('a 5xx may be tried again; a 400 is a refusal', async () => {
    twilio.state.failNext(/Messages\.json$/, { status: 503 });
    expect(await refusal(sender.send(sendOf(customer(), ['a'], { lastInboundAgoMs: HOUR }).send))).toMatchObject({ retryable: true, retryAfterMs: undefined });
    twilio.state.failNext(/Messages\.json$/, { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } });
    expect(await refusal(sender.send(sendOf(customer(), ['b'], { lastInboundAgoMs: HOUR }).send))).toMatchObject({ retryable: false });
  });
});
