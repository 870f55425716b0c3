import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { startFakeTwilioApi, type RunningFakeTwilioApi } from '../dev/fakes/twilio-api.ts';
import { ATTACHMENT_MAX_BYTES, WHATSAPP_IMAGE_MAX_BYTES } from '../core/contracts/attachment-limits.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, enrolStaff, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';
import { postWhatsApp, randomPhone, whatsAppEnv, whatsAppMessage } from './support/whatsapp-customer.ts';

/**
 * What staff send besides words, and what happens when it cannot go (docs/inbox.md): files
 * uploaded to a conversation and sent as LINE image messages, links, or Twilio media; WhatsApp's
 * 24-hour window, kept before anything is queued; a customer who blocked the account; a staff
 * member who leaves while holding conversations. Real SDKs against the fake LINE and Twilio
 * servers; every refusal shows its answer and that nothing was stored or sent.
 */
let h: LineCustomerHarness;
let twilio: RunningFakeTwilioApi;
let api: ReturnType<typeof apiClient>;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let groupId: string;
const keys: Record<string, string> = {};

// A real 1×1 PNG and a small PDF: the bytes LINE and Twilio fetch back by the signed link.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const HOUR = 3_600_000;

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  h = await startLineCustomerHarness(whatsAppEnv(twilio));
  api = apiClient(h.sys);
  [somchai, nok] = await Promise.all([enrolStaff(h, { displayName: 'Somchai', role: 'support' }), enrolStaff(h, { displayName: 'Nok', role: 'support' })]);
  for (const s of [somchai, nok]) {
    const res = await api('POST', '/api/v1/api-keys', { name: `delivery ${s.displayName} ${randomBytes(2).toString('hex')}`, role: s.role, staffId: s.id });
    keys[s.displayName] = res.json.key;
  }
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'en' }));
}, 60_000);
afterAll(async () => {
  await h?.close();
  await twilio?.close();
});

/** A LINE customer who asked for a person. */
async function lineCustomerWaiting() {
  const customer = lineId('U');
  await h.ask(customer, { text: 'I want to talk to a person' });
  const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: customer }).first()) ?? false);
  return { customer, id: row.id as string };
}

/** A WhatsApp customer who asked for a person. */
async function whatsAppCustomerWaiting() {
  const phone = randomPhone();
  // Twilio signs the address it was given: the public one.
  expect((await postWhatsApp(h.sys, whatsAppMessage(phone, 'I want to talk to a person'), { signedFor: 'https://desk.example/webhooks/whatsapp' })).status).toBe(200);
  const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: `whatsapp:${phone}`, inbox_status: 'waiting' }).first()) ?? false);
  await untilSettled(h.sys.knex);
  return { phone, id: row.id as string };
}

const detail = async (id: string, key = keys.Somchai) => (await api('GET', `/api/v1/conversations/${id}`, undefined, key)).json;

/** Uploads a file's bytes as the staff member's key, as a phone's browser would (the body is the file). */
async function upload(id: string, bytes: Uint8Array, contentType: string, name?: string, key = keys.Somchai) {
  const res = await fetch(`${h.sys.url}/api/v1/conversations/${id}/attachments${name ? `?name=${encodeURIComponent(name)}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Every file the system stored (customers' media and staff uploads). */
function storedFiles(): string[] {
  const root = join(h.sys.dataDir, 'media');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** What must stay as it was when a reply is refused: no staff message, no outbox row, no event. */
async function nothingQueued(id: string) {
  const [messages, outbox, events] = await Promise.all([
    h.sys.knex('messages').where({ conversation_id: id, direction: 'out', sender_type: 'staff' }).count<{ n: string }[]>('* as n'),
    h.sys.knex('outbox').whereRaw(`payload->>'conversationId' = ?`, [id]).count<{ n: string }[]>('* as n'),
    h.sys.knex('conversation_events').where({ conversation_id: id }).count<{ n: string }[]>('* as n'),
  ]);
  return { messages: Number(messages[0].n), outbox: Number(outbox[0].n), events: Number(events[0].n) };
}

const pushesTo = (to: string) => h.line.state.deliveriesTo(to).flatMap((d) => d.messages) as Record<string, any>[];

describe('attachments', () => {
  it('sends an uploaded photo as a LINE image message by a signed link that serves the same bytes, and shows it on the thread', async () => {
    const { customer, id } = await lineCustomerWaiting();
    const up = await upload(id, PNG, 'image/png', 'map to the shop.png');
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ name: 'map to the shop.png', contentType: 'image/png', size: PNG.length });

    const before = await detail(id);
    const sent = await api('POST', `/api/v1/conversations/${id}/messages`, { attachmentId: up.json.id, text: 'Here is the map', expectedVersion: before.version }, keys.Somchai);
    expect(sent.status).toBe(201);
    // The caption, then the image (LINE's image message carries no text).
    expect(sent.json.messageIds).toHaveLength(2);
    expect(sent.json.messageIds[1]).toBe(up.json.id);
    const image = await until(async () => pushesTo(customer).find((m) => m.type === 'image') ?? false);
    expect(pushesTo(customer).map((m) => m.text).filter(Boolean)).toContain('Here is the map');
    expect(image.originalContentUrl).toMatch(new RegExp(`^https://desk\\.example/media/${up.json.id}\\?exp=\\d+&sig=`));
    expect(image.previewImageUrl).toBe(image.originalContentUrl);

    // LINE fetches the link from us: the very bytes uploaded, as an image.
    const link = new URL(image.originalContentUrl);
    const served = await fetch(`${h.sys.url}${link.pathname}${link.search}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const thread = await detail(id);
    const shown = thread.messages.find((m: { id: string }) => m.id === up.json.id);
    expect(shown).toMatchObject({ kind: 'image', senderType: 'staff', attachment: { name: 'map to the shop.png', contentType: 'image/png' } });
    expect(shown.attachment.url).toMatch(new RegExp(`/media/${up.json.id}\\?exp=`));
    expect(thread.replyWindow).toBeNull();
    expect(thread.templates).toEqual([]);
  });

  it('sends a PDF as a link (LINE cannot push other files), and a file goes once', async () => {
    const { customer, id } = await lineCustomerWaiting();
    const up = await upload(id, PDF, 'application/pdf', 'quote.pdf');
    expect(up.status).toBe(201);
    const v = (await detail(id)).version;
    const sent = await api('POST', `/api/v1/conversations/${id}/messages`, { attachmentId: up.json.id, text: 'Your quote', expectedVersion: v }, keys.Somchai);
    expect(sent.status).toBe(201);
    const link = await until(async () => pushesTo(customer).find((m) => String(m.text ?? '').startsWith('Your quote 📎 https://desk.example/media/')) ?? false);
    const url = new URL(String(link.text).split(' ').at(-1)!);
    const served = await fetch(`${h.sys.url}${url.pathname}${url.search}`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await h.sys.knex('messages').where({ id: up.json.id }).first()).toMatchObject({ kind: 'file', staff_id: somchai.id });

    // Sending the same upload again: 422 on attachmentId, nothing more queued.
    const was = await nothingQueued(id);
    const again = await api('POST', `/api/v1/conversations/${id}/messages`, { attachmentId: up.json.id, expectedVersion: (await detail(id)).version }, keys.Somchai);
    expect(again.status).toBe(422);
    expect(again.json.error.details).toEqual([expect.objectContaining({ path: 'attachmentId' })]);
    expect(await nothingQueued(id)).toEqual(was);
  });

  it('refuses a file over 10 MB (413) and one of another type (415) before anything is stored', async () => {
    const { id } = await lineCustomerWaiting();
    await untilSettled(h.sys.knex);
    const was = await nothingQueued(id);
    const files = storedFiles().length;
    const rows = async () => Number((await h.sys.knex('conversation_attachments').where({ conversation_id: id }).count<{ n: string }[]>('* as n'))[0].n);

    const big = await upload(id, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1), 'image/jpeg', 'huge.jpg');
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ code: 'payload_too_large', message: 'The file is larger than 10 MB: it cannot be sent' });

    const html = await upload(id, Buffer.from('<script>alert(1)</script>'), 'text/html', 'page.html');
    expect(html.status).toBe(415);
    expect(html.json.error).toMatchObject({ code: 'unsupported_media_type', message: 'Only JPEG or PNG images and PDF files can be sent', details: { accepted: ['image/jpeg', 'image/png', 'application/pdf'] } });

    expect(await rows()).toBe(0);
    expect(storedFiles()).toHaveLength(files);
    expect(await nothingQueued(id)).toEqual(was);
  });
});

describe('the API document', () => {
  it('describes the upload (the file as the body, 413, 415) and the reply window', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/api/v1/conversations/{id}/attachments', '/liff-api/v1/desk/conversations/{id}/attachments']) {
      const up = doc.paths[path].post;
      expect(Object.keys(up.requestBody.content)).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
      expect(up.responses).toHaveProperty('413');
      expect(up.responses).toHaveProperty('415');
    }
    const message = JSON.stringify(doc.components.schemas.ConversationMessage);
    expect(message).toContain('attachmentId');
    expect(message).toContain('template');
    expect(doc.components.schemas.ConversationDetail.properties).toHaveProperty('replyWindow');
  });
});

describe("WhatsApp's 24-hour window", () => {
  it('outside the window: the conversation says so, a free reply or a file is 422 window_closed with nothing queued or sent, an approved template is sent', async () => {
    const { phone, id } = await whatsAppCustomerWaiting();
    const approved = twilio.state.addContentTemplate({ friendly_name: 'follow_up_en', language: 'en', types: { 'twilio/text': { body: 'We have an answer for you: reply to read it.' } } });
    // The customer reads English: the English template is the one offered.
    await h.sys.knex('contacts').where({ id: (await h.sys.knex('conversations').where({ id }).first()).contact_id }).update({ language: 'en' });
    await h.sys
      .knex('templates')
      .insert({ org_id: h.sys.defaultOrgId, key: 'follow_up', language: 'en', body: 'We have an answer for you: reply to read it.', whatsapp_content_sid: approved.sid })
      .onConflict(['org_id', 'key', 'language'])
      .merge();
    const lastWrote = new Date(Date.now() - 26 * HOUR);
    await h.sys.knex('conversations').where({ id }).update({ last_inbound_at: lastWrote });

    const d = await detail(id);
    expect(d.replyWindow).toEqual({ open: false, closesAt: new Date(lastWrote.getTime() + 24 * HOUR).toISOString() });
    expect(d.templates).toContainEqual({ key: 'follow_up', text: 'We have an answer for you: reply to read it.' });

    const sentBefore = twilio.state.deliveries.length;
    const was = await nothingQueued(id);
    const free = await api('POST', `/api/v1/conversations/${id}/messages`, { text: 'Your order has shipped', expectedVersion: d.version }, keys.Somchai);
    expect(free.status).toBe(422);
    expect(free.json.error.message).toMatch(/more than 24 hours ago: WhatsApp allows only an approved template/);
    expect(free.json.error.details).toEqual({ reason: 'window_closed', lastFromCustomerAt: lastWrote.toISOString() });

    const up = await upload(id, PNG, 'image/png', 'receipt.png');
    const file = await api('POST', `/api/v1/conversations/${id}/messages`, { attachmentId: up.json.id, expectedVersion: d.version }, keys.Somchai);
    expect(file.status).toBe(422);
    expect(file.json.error.details.reason).toBe('window_closed');

    const unknown = await api('POST', `/api/v1/conversations/${id}/messages`, { template: 'no_such_template', expectedVersion: d.version }, keys.Somchai);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ path: 'template' })]);

    await untilSettled(h.sys.knex);
    expect(await nothingQueued(id)).toEqual(was);
    expect((await h.sys.knex('conversations').where({ id }).first()).inbox_status).toBe('waiting');
    expect(twilio.state.deliveries.slice(sentBefore)).toEqual([]);

    const template = await api('POST', `/api/v1/conversations/${id}/messages`, { template: 'follow_up', expectedVersion: d.version }, keys.Somchai);
    expect(template.status).toBe(201);
    const delivery = await until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`).find((x) => x.contentSid === approved.sid) ?? false);
    expect(delivery.renderedBody).toBe('We have an answer for you: reply to read it.');
    expect((await detail(id)).messages.at(-1)).toMatchObject({ senderType: 'staff', text: 'We have an answer for you: reply to read it.' });
  });

  it('inside the window: the conversation says when it closes, and a photo or a PDF goes as Twilio media by its signed link', async () => {
    const { phone, id } = await whatsAppCustomerWaiting();
    const d = await detail(id);
    expect(d.replyWindow.open).toBe(true);
    expect(Date.parse(d.replyWindow.closesAt)).toBeGreaterThan(Date.now() + 23 * HOUR);
    const up = await upload(id, PNG, 'image/png', 'photo.png');
    const sent = await api('POST', `/api/v1/conversations/${id}/messages`, { attachmentId: up.json.id, expectedVersion: d.version }, keys.Somchai);
    expect(sent.status).toBe(201);
    const delivery = await until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`).find((x) => x.mediaUrls.length > 0) ?? false);
    expect(delivery.mediaUrls).toEqual([expect.stringMatching(new RegExp(`^https://desk\\.example/media/${up.json.id}\\?exp=\\d+&sig=`))]);

    // A PDF goes as the file itself too (LINE could only show its link), its words as the caption.
    const pdf = await upload(id, PDF, 'application/pdf', 'quote.pdf');
    const v = (await detail(id)).version;
    expect((await api('POST', `/api/v1/conversations/${id}/messages`, { attachmentId: pdf.json.id, text: 'Your quote', expectedVersion: v }, keys.Somchai)).status).toBe(201);
    const document = await until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`).find((x) => x.mediaUrls.some((u) => u.includes(pdf.json.id))) ?? false);
    expect(document.body).toBe('Your quote');
    const link = new URL(document.mediaUrls[0]);
    expect((await fetch(`${h.sys.url}${link.pathname}${link.search}`)).headers.get('content-type')).toBe('application/pdf');
  });
});

describe('WhatsApp takes images up to 5 MB', () => {
  it('refuses a larger photo for a WhatsApp customer (413) before storing it, and takes a PDF of that size', async () => {
    const { id } = await whatsAppCustomerWaiting();
    const files = storedFiles().length;
    const photo = await upload(id, Buffer.alloc(WHATSAPP_IMAGE_MAX_BYTES + 1, 1), 'image/jpeg', 'big.jpg');
    expect(photo.status).toBe(413);
    expect(photo.json.error).toMatchObject({ code: 'payload_too_large', message: 'WhatsApp takes images up to 5 MB: this one is larger', details: { limitBytes: WHATSAPP_IMAGE_MAX_BYTES } });
    expect(await h.sys.knex('conversation_attachments').where({ conversation_id: id }).first()).toBeUndefined();
    expect(storedFiles()).toHaveLength(files);

    const pdf = await upload(id, Buffer.concat([PDF, Buffer.alloc(WHATSAPP_IMAGE_MAX_BYTES)]), 'application/pdf', 'catalogue.pdf');
    expect(pdf.status).toBe(201);
    expect(storedFiles()).toHaveLength(files + 1);
  });
});

describe('a customer who blocked the account', () => {
  it('marks the reply undeliverable after one try, records it, and tells the writer in LINE and on the thread', async () => {
    const { customer, id } = await lineCustomerWaiting();
    h.line.state.block(customer);
    const d = await detail(id);
    const sent = await api('POST', `/api/v1/conversations/${id}/messages`, { text: 'Are you still there?', expectedVersion: d.version }, keys.Somchai);
    expect(sent.status).toBe(201);
    const [messageId] = sent.json.messageIds;

    const told = await waitForMessageTo(h, somchai.lineUserId, (m) => /was not delivered: the customer has blocked the account/.test(String(m.text)));
    expect(told.text).toContain('It will not be sent again');
    const message = await h.sys.knex('messages').where({ id: messageId }).first();
    expect(message.delivery_status).toBe('undelivered');
    expect(message.delivery_error).toMatch(/^blocked: LINE answered 403/);
    const event = await h.sys.knex('conversation_events').where({ conversation_id: id, type: 'undeliverable' }).first();
    expect(event.data).toEqual({ reason: 'blocked', messageIds: [messageId], staffIds: [somchai.id] });
    expect((await detail(id)).messages.find((m: { id: string }) => m.id === messageId)).toMatchObject({ deliveryStatus: 'undelivered', notDelivered: 'blocked' });

    // Tried once, not again: LINE refused it for good.
    await untilSettled(h.sys.knex);
    const tries = h.line.state.requests.filter((r) => r.path === '/v2/bot/message/push' && (r.body as { to?: string })?.to === customer);
    expect(tries).toHaveLength(1);
    expect(h.line.state.deliveriesTo(customer).filter((x) => x.kind === 'push')).toEqual([]);
    const job = await h.sys.knex('outbox').where({ id: message.outbox_id }).first();
    expect(job.status).toBe('failed');
  });
});

describe('staff who leave', () => {
  it("their assigned and snoozed conversations wait again, announced to the groups, and the waiting list shows them", async () => {
    const leaver = await enrolStaff(h, { displayName: `Leaver ${randomBytes(2).toString('hex')}`, role: 'support' });
    const key = (await api('POST', '/api/v1/api-keys', { name: `leaver ${randomBytes(2).toString('hex')}`, role: 'support', staffId: leaver.id })).json.key;
    const a = await lineCustomerWaiting();
    const b = await lineCustomerWaiting();
    expect((await api('POST', `/api/v1/conversations/${a.id}/take`, { expectedVersion: (await detail(a.id, key)).version }, key)).status).toBe(200);
    const bTaken = await api('POST', `/api/v1/conversations/${b.id}/take`, { expectedVersion: (await detail(b.id, key)).version }, key);
    expect((await api('POST', `/api/v1/conversations/${b.id}/snooze`, { until: new Date(Date.now() + 5 * HOUR).toISOString(), expectedVersion: bTaken.json.version }, key)).status).toBe(200);
    await untilSettled(h.sys.knex);
    const cards = () => h.line.state.deliveriesTo(groupId).flatMap((x) => x.messages).filter((m) => m.type === 'flex' && String(m.altText).startsWith('A customer asks for a person')).length;
    const cardsBefore = cards();

    expect((await api('DELETE', `/api/v1/staff/${leaver.id}`)).status).toBe(200);

    for (const c of [a, b]) {
      expect(await h.sys.knex('conversations').where({ id: c.id }).first()).toMatchObject({ inbox_status: 'waiting', assignee_staff_id: null, snoozed_until: null });
      const released = await h.sys.knex('conversation_events').where({ conversation_id: c.id, type: 'released' }).first();
      expect(released.data).toMatchObject({ reason: 'staff_removed', previousAssignee: leaver.id });
    }
    const card = await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && JSON.stringify(m).includes('The person who had it left the team'));
    expect(card.altText).toMatch(/^A customer asks for a person/);
    await untilSettled(h.sys.knex);
    expect(cards()).toBe(cardsBefore + 2);
    const waiting = (await api('GET', '/api/v1/conversations?status=waiting', undefined, keys.Nok)).json.map((c: { id: string }) => c.id);
    expect(waiting).toEqual(expect.arrayContaining([a.id, b.id]));
    // Somebody else can take it now.
    const taken = await api('POST', `/api/v1/conversations/${a.id}/take`, { expectedVersion: (await detail(a.id, keys.Nok)).version }, keys.Nok);
    expect(taken.json).toMatchObject({ status: 'assigned', assigneeStaffId: nok.id });
  });
});
