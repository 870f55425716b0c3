import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, startFakeTwilioApi, type RunningFakeTwilioApi } from '../dev/fakes/twilio-api.ts';
import { signTwilioRequest } from '../bot/whatsapp/twilio-signature.ts';
import { MEDIA_LINK_KEY_PURPOSE } from '../bin/system.ts';
import { openCase } from '../core/cases/open-case.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { mediaUrl } from '../core/media/media-links.ts';
import { deriveActionKey, deriveKey } from '../core/staff/action-tokens.ts';
import { relayToGroups } from '../core/staff/case-relay.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Staff talk to a case's customer from a LINE group (`#C-000123 text`, or a quote-reply to a
 * message about the case), on the customer's own channel; the customer's follow-ups and files come
 * back into the group with the case number. Everything through signed webhooks, read back from the
 * fake LINE and Twilio servers and the database.
 */
const PUBLIC = 'https://desk.example';
const WA_FROM = 'whatsapp:+6620000000';
const TOPUP = 'I topped up 500 baht but my balance did not change';
// What the offline classifier reads as more on the same case.
const FOLLOW_UP = 'รอนานแล้วนะคะ ช่วยเช็คให้หน่อย';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let h: LineCustomerHarness;
let twilio: RunningFakeTwilioApi;
let groupId: string;
let somchai: EnrolledStaff;
let malee: EnrolledStaff;
let kanda: EnrolledStaff;

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  h = await startLineCustomerHarness({
    TWILIO_ACCOUNT_SID: DEFAULT_TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: DEFAULT_TWILIO_AUTH_TOKEN,
    TWILIO_WHATSAPP_FROM: WA_FROM,
    TWILIO_API_BASE_URL: twilio.url,
  });
  [somchai, malee, kanda] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Malee', role: 'support' }),
    enrolStaff(h, { displayName: 'Kanda', role: 'ceo' }),
  ]);
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' }));
}, 60_000);
afterAll(async () => {
  await h?.close();
  await twilio?.close();
});

const knex = () => h.sys.knex;
/** What the staff worker runs its jobs with, rebuilt from the running system's key file. */
const staffDeps = () => {
  const appKey = loadOrCreateKeyFile(h.sys.dataDir);
  return { knex: knex(), actionKey: deriveActionKey(appKey), mediaLinkKey: deriveKey(appKey, MEDIA_LINK_KEY_PURPOSE), publicBaseUrl: () => PUBLIC };
};
let seq = 0;
const eventId = () => `01K${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(6, '0')}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 26);
const lineMessageId = () => String(BigInt('0x' + randomBytes(7).toString('hex')));

/** A LINE message event (text with an optional quote, or an image), 1:1 or in a group; resolves with the event once accepted. */
async function say(userId: string, message: { text?: string; quotedMessageId?: string; image?: Buffer }, inGroup?: string) {
  const id = lineMessageId();
  if (message.image) h.line.state.addContent(id, message.image, 'image/png');
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: inGroup ? { type: 'group', groupId: inGroup, userId } : { type: 'user', userId },
    webhookEventId: eventId(),
    deliveryContext: { isRedelivery: false },
    replyToken: h.line.state.issueReplyToken(),
    message: message.image
      ? { id, type: 'image', quoteToken: 'q', contentProvider: { type: 'line' } }
      : { id, type: 'text', quoteToken: 'q', text: message.text, ...(message.quotedMessageId ? { quotedMessageId: message.quotedMessageId } : {}) },
  };
  const res = await h.postEvents([event]);
  expect(res.status).toBe(200);
  return event;
}

/** The bot's answer to an event (its reply token), as text. */
async function answerTo(event: { replyToken: string }): Promise<string> {
  const d = await until(async () => h.line.state.deliveries.find((x) => x.replyToken === event.replyToken) ?? false, 15_000);
  return d.messages.map((m) => ('text' in m ? String(m.text) : JSON.stringify(m))).join('\n');
}

/** Waits until the router has dealt with the message of this event. */
const routed = (event: { message: { id: string } }) =>
  until(async () => (await knex()('messages').where({ platform_message_id: event.message.id }).whereNotNull('routed_at').first()) ?? false);

/** A LINE customer who has reported a problem: their open case. */
async function lineCustomerWithCase(name: string) {
  const userId = lineId('U');
  await h.ask(userId, { text: TOPUP });
  const c = await caseOf(userId);
  await knex()('contacts').where({ id: c.contact_id }).update({ display_name: name });
  return { userId, c };
}

async function caseOf(externalId: string) {
  return until(async () =>
    knex()('cases').join('conversations', 'conversations.id', 'cases.conversation_id').select('cases.*').where('conversations.external_id', externalId).orderBy('cases.created_at', 'desc').first(),
  );
}

/** A WhatsApp customer writes through a signed Twilio webhook. */
async function whatsapp(from: string, body: string) {
  const params: Record<string, string> = {
    MessageSid: 'SM' + randomBytes(16).toString('hex'),
    AccountSid: DEFAULT_TWILIO_ACCOUNT_SID,
    From: `whatsapp:${from}`,
    To: WA_FROM,
    Body: body,
    NumMedia: '0',
    ProfileName: 'Nok',
    WaId: from.slice(1),
  };
  const res = await fetch(`${h.sys.url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(DEFAULT_TWILIO_AUTH_TOKEN, `${PUBLIC}/webhooks/whatsapp`, params) },
    body: new URLSearchParams(params).toString(),
  });
  expect(res.status).toBe(200);
}

const messageOuts = async (caseId: string) => knex()('case_events').where({ case_id: caseId, type: 'message_out' }).orderBy('id');
const staffMessagesTo = async (conversationId: string) => knex()('messages').where({ conversation_id: conversationId, direction: 'out', sender_type: 'staff' });

describe('group -> customer', () => {
  it('relays `#C-000123 text` to a LINE customer, records it and the first response, and confirms in the group', async () => {
    const { userId, c } = await lineCustomerWithCase('Nok');
    expect(c.first_responded_at).toBeNull();
    const event = await say(somchai.lineUserId, { text: `#${c.number.toLowerCase()} We are checking your top-up now` }, groupId);
    expect(await answerTo(event)).toBe(`Sent to the customer · ${c.number}`);
    await waitForMessageTo(h, userId, (m) => m.text === 'We are checking your top-up now');

    const [out] = await messageOuts(c.id);
    expect(out).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, is_public: true });
    expect(out.data.text).toBe('We are checking your top-up now');
    const sent = await staffMessagesTo(c.conversation_id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ staff_id: somchai.id, case_id: c.id });
    expect((await knex()('cases').where({ id: c.id }).first()).first_responded_at).not.toBeNull();
  });

  it("signs the text with the staff member's name when the org wants it", async () => {
    const { userId, c } = await lineCustomerWithCase('Nok');
    const org = await knex()('orgs').where({ id: h.sys.defaultOrgId }).first();
    await knex()('orgs').where({ id: org.id }).update({ settings: JSON.stringify({ ...org.settings, signStaffReplies: true }) });
    try {
      const event = await say(somchai.lineUserId, { text: `#${c.number} Refund is on its way` }, groupId);
      await answerTo(event);
      await waitForMessageTo(h, userId, (m) => m.text === 'Refund is on its way\n\n— Somchai');
    } finally {
      await knex()('orgs').where({ id: org.id }).update({ settings: JSON.stringify(org.settings) });
    }
  });

  it("brings the customer's follow-up into the group with the case number, and a quote-reply to it goes back", async () => {
    const { userId, c } = await lineCustomerWithCase('Nok');
    await say(userId, { text: FOLLOW_UP });
    const relayed = await waitForMessageTo(h, groupId, (m) => m.text === `${c.number} · Nok: ${FOLLOW_UP}`);
    expect(relayed).toBeDefined();
    // The bot's message in the group, as stored with the id the LINE API gave it.
    const posted = await until(async () =>
      knex()('messages').where({ case_id: c.id, direction: 'out', text: `${c.number} · Nok: ${FOLLOW_UP}` }).whereNotNull('platform_message_id').first(),
    );

    const reply = await say(malee.lineUserId, { text: 'Found it, crediting in 5 minutes', quotedMessageId: posted.platform_message_id }, groupId);
    expect(await answerTo(reply)).toBe(`Sent to the customer · ${c.number}`);
    await waitForMessageTo(h, userId, (m) => m.text === 'Found it, crediting in 5 minutes');
    expect((await messageOuts(c.id)).map((e) => e.actor_id)).toEqual([malee.id]);
  });

  it("posts a customer's message to the group once, however often its job runs", async () => {
    const { userId, c } = await lineCustomerWithCase('Ploy');
    await say(userId, { text: FOLLOW_UP });
    const text = `${c.number} · Ploy: ${FOLLOW_UP}`;
    await waitForMessageTo(h, groupId, (m) => m.text === text);
    const customerMessage = await knex()('messages').where({ case_id: c.id, direction: 'in', text: FOLLOW_UP }).first();
    // The job again, as after a worker died before BullMQ heard it had finished.
    const again = await knex().transaction((trx) => relayToGroups(staffDeps(), trx, { caseId: c.id, messageId: customerMessage.id }));
    expect(again).toEqual({ posted: 0 });
    expect(await knex()('messages').where({ case_id: c.id, direction: 'out', text })).toHaveLength(1);
  });

  it('reaches a WhatsApp customer, by number and by quote-reply to the confirmation', async () => {
    const phone = '+6681' + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
    await whatsapp(phone, TOPUP);
    const c = await caseOf(`whatsapp:${phone}`);
    const first = await say(somchai.lineUserId, { text: `#${c.number} Hello Nok, we are on it` }, groupId);
    expect(await answerTo(first)).toBe(`Sent to the customer · ${c.number}`);
    await until(async () => twilio.state.deliveries.find((d) => d.to === `whatsapp:${phone}` && d.body === 'Hello Nok, we are on it') ?? false);

    const confirmation = await until(async () =>
      knex()('messages').where({ case_id: c.id, direction: 'out', text: `Sent to the customer · ${c.number}` }).whereNotNull('platform_message_id').first(),
    );
    const second = await say(somchai.lineUserId, { text: 'Your balance is back', quotedMessageId: confirmation.platform_message_id }, groupId);
    await answerTo(second);
    await until(async () => twilio.state.deliveries.find((d) => d.to === `whatsapp:${phone}` && d.body === 'Your balance is back') ?? false);
    expect(await messageOuts(c.id)).toHaveLength(2);
  });

  it('sends an image a staff member posts right after replying to the same customer', async () => {
    const { userId, c } = await lineCustomerWithCase('Nok');
    await answerTo(await say(somchai.lineUserId, { text: `#${c.number} Here is the receipt` }, groupId));
    const photo = await say(somchai.lineUserId, { image: PNG }, groupId);
    const image = await waitForMessageTo(h, userId, (m) => m.type === 'image', 40_000);
    expect(image.originalContentUrl).toMatch(new RegExp(`^${PUBLIC}/media/[0-9a-f-]{36}\\?exp=\\d+&sig=`));
    const res = await fetch(image.originalContentUrl.replace(PUBLIC, h.sys.url));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const outs = await messageOuts(c.id);
    expect(outs.at(-1)!.data.attachment).toMatchObject({ kind: 'image' });
    await routed(photo);

    // Someone who has not replied to any case: their photo is team talk.
    const other = await say(malee.lineUserId, { image: PNG }, groupId);
    await routed(other);
    expect(await messageOuts(c.id)).toHaveLength(2);
  }, 60_000);
});

describe('customer -> group', () => {
  it('relays an image from the customer as an image with a working signed link', async () => {
    const { userId, c } = await lineCustomerWithCase('Nok');
    const sent = await say(userId, { image: PNG });
    const stored = await until(async () => knex()('messages').where({ platform_message_id: sent.message.id }).first());
    const image = await waitForMessageTo(h, groupId, (m) => m.type === 'image' && m.originalContentUrl.includes(stored.id), 40_000);
    expect((await knex()('case_events').where({ case_id: c.id, type: 'message_in' }).orderBy('id', 'desc').first()).data.messageId).toBe(stored.id);
    const caption = sentTo(h, groupId).find((m) => m.text === `${c.number} · Nok:`);
    expect(caption).toBeDefined();
    const url = new URL(image.originalContentUrl);
    expect(url.origin).toBe(PUBLIC);
    const res = await fetch(h.sys.url + url.pathname + url.search);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);

    const sig = url.searchParams.get('sig')!;
    const tampered = new URL(url);
    tampered.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    expect((await fetch(h.sys.url + tampered.pathname + tampered.search)).status).toBe(403);
    const later = new URL(url);
    later.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 1));
    expect((await fetch(h.sys.url + later.pathname + later.search)).status).toBe(403);
    expect((await fetch(`${h.sys.url}${url.pathname}`)).status).toBe(403);
    // Another message id under the same signature is refused too.
    expect((await fetch(`${h.sys.url}/media/${randomUUID()}${url.search}`)).status).toBe(403);

    // Properly signed, but nothing to serve: an unknown message, and one with no stored copy (not fetched yet, or none).
    const key = deriveKey(loadOrCreateKeyFile(h.sys.dataDir), MEDIA_LINK_KEY_PURPOSE);
    const signed = (id: string) => mediaUrl(h.sys.url!, key, id);
    expect((await fetch(signed(stored.id))).status).toBe(200);
    expect((await fetch(signed(randomUUID()))).status).toBe(404);
    expect((await fetch(signed(c.source_message_id))).status).toBe(404);
  }, 60_000);
});

describe('refusals: answered, nothing sent, nothing recorded', () => {
  async function expectNothingSent(c: { id: string; conversation_id: string }) {
    expect(await messageOuts(c.id)).toEqual([]);
    expect(await staffMessagesTo(c.conversation_id)).toEqual([]);
    expect((await knex()('cases').where({ id: c.id }).first()).first_responded_at).toBeNull();
  }
  /** Every staff message and every message_out of every org, to show a refusal added none. */
  const everythingSent = async () => ({
    events: Number((await knex()('case_events').where({ type: 'message_out' }).count({ n: '*' }))[0].n),
    messages: Number((await knex()('messages').where({ sender_type: 'staff' }).count({ n: '*' }))[0].n),
  });

  it('refuses a case number that does not exist', async () => {
    const before = await everythingSent();
    const event = await say(somchai.lineUserId, { text: '#C-999999 hello there' }, groupId);
    expect(await answerTo(event)).toBe('No case C-999999');
    expect(await everythingSent()).toEqual(before);
  });

  it("refuses another org's case number", async () => {
    const [org] = await knex()('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const [type] = await knex()('case_types')
      .insert({ org_id: org.id, key: 'other_problem', name_th: 'ปัญหาอื่น', name_en: 'Other problem', category: 'other', first_response_minutes: 30, resolution_minutes: 240 })
      .returning('key');
    await knex()('org_counters').insert({ org_id: org.id, name: 'case', value: 900_000 });
    const theirs = await knex().transaction((trx) =>
      openCase(trx, { orgId: org.id, caseTypeKey: type.key, contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'theirs', language: 'en', fields: {} }),
    );
    expect(theirs.number).toBe('C-900001');
    const before = await everythingSent();
    const event = await say(somchai.lineUserId, { text: '#C-900001 hello' }, groupId);
    expect(await answerTo(event)).toBe('No case C-900001');
    expect(await everythingSent()).toEqual(before);
  });

  it('does nothing for someone who is not staff writing #C-... in the group', async () => {
    const { c } = await lineCustomerWithCase('Nok');
    const event = await say(lineId('U'), { text: `#${c.number} I am not staff` }, groupId);
    await routed(event);
    await untilSettled(h.sys.knex);
    expect(h.line.state.deliveries.find((d) => d.replyToken === event.replyToken)).toBeUndefined();
    await expectNothingSent(c);
  });

  it("refuses support replying on someone else's case, a closed case, and the CEO", async () => {
    const { c } = await lineCustomerWithCase('Nok');
    await knex()('cases').where({ id: c.id }).update({ owner_staff_id: malee.id });
    const notYours = await say(somchai.lineUserId, { text: `#${c.number} let me answer` }, groupId);
    expect(await answerTo(notYours)).toBe(`${c.number} is Malee's case; nothing was sent. Ask them or a manager.`);
    const ceo = await say(kanda.lineUserId, { text: `#${c.number} from the CEO` }, groupId);
    expect(await answerTo(ceo)).toBe(`Your role cannot reply to customers; nothing was sent on ${c.number}.`);
    await expectNothingSent(c);

    await knex()('cases').where({ id: c.id }).update({ status: 'closed' });
    const closed = await say(malee.lineUserId, { text: `#${c.number} one more thing` }, groupId);
    expect(await answerTo(closed)).toBe(`${c.number} is closed; nothing was sent.`);
    await expectNothingSent(c);
  });

  it('leaves team talk alone: a case number without # and a quote of a message about no case', async () => {
    const { c } = await lineCustomerWithCase('Nok');
    const talk = await say(somchai.lineUserId, { text: `${c.number} looks odd, anyone?` }, groupId);
    await routed(talk);
    const quote = await say(somchai.lineUserId, { text: 'agreed', quotedMessageId: talk.message.id }, groupId);
    await routed(quote);
    await untilSettled(h.sys.knex);
    expect(h.line.state.deliveries.find((d) => d.replyToken === talk.replyToken || d.replyToken === quote.replyToken)).toBeUndefined();
    await expectNothingSent(c);
  });
});
