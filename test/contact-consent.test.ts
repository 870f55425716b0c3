import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { formBooked, until, untilSettled } from './support/test-system.ts';

/**
 * PDPA consent (docs/privacy.md), through the running system: the org's privacy notice in
 * versions, shown once per version before the bot's first answer in the chat (the answer itself as
 * it would be without it), the customer's taps recorded once each, with their history; the answers
 * staff record, the website form's, and what an export and an erasure do with them. Signed LINE
 * webhooks, the offline classifier and the fake LINE server.
 */
let h: LineCustomerHarness;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);

beforeAll(async () => {
  h = await startLineCustomerHarness();
}, 60_000);
afterAll(() => h?.close());

const contactOf = async (lineUserId: string) => (await h.sys.knex('contact_identities').where({ external_id: lineUserId }).first('contact_id')).contact_id as string;
const consentRows = (contactId: string) => h.sys.knex('contact_consents').where({ contact_id: contactId }).orderBy('id');
const noticesShown = (contactId: string) => h.sys.knex('contact_events').where({ contact_id: contactId, type: 'notice_shown' }).orderBy('id');
/** The postback data of the notice card's buttons, and its link. */
const buttonsOf = (card: Record<string, unknown>) => {
  const json = JSON.stringify(card);
  const data = [...json.matchAll(/"data":"(act=consent[^"]*)"/g)].map((m) => m[1]);
  return { agree: data.find((d) => d.endsWith('granted'))!, decline: data.find((d) => d.endsWith('declined'))!, link: /"uri":"([^"]+)"/.exec(json)?.[1] };
};
const faqAnswer = async (key: string) => (await h.sys.knex('faq_entries').where({ org_id: h.sys.defaultOrgId, key }).first('answer_en')).answer_en as string;
const template = async (key: string) => (await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key, language: 'en' }).first('body')).body as string;
const publish = (th: string, en: string, key?: string) => api('POST', '/api/v1/privacy-notices', { text: { th, en } }, key);

describe("the org's privacy notice", () => {
  it('comes with the starter data as version 1; a new text is the next version and the earlier ones stay readable; only admins publish', async () => {
    const listed = await api('GET', '/api/v1/privacy-notices');
    expect(listed.status).toBe(200);
    expect(listed.json.current.version).toBe(1);
    expect(listed.json.current.text.th).toContain('พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล');
    expect(listed.json.current.text.en).toContain('Personal Data Protection Act');

    const manager = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
    expect((await api('GET', '/api/v1/privacy-notices', undefined, manager)).status).toBe(200);
    const refused = await publish('ข้อความที่ผู้จัดการอยากเปลี่ยนให้ยาวพอค่ะ', 'A text the manager wanted to publish here', manager);
    expect(refused.status).toBe(403);
    // Too short to be a notice: 422 naming both languages.
    const short = await publish('สั้น', 'short');
    expect(short.status).toBe(422);
    expect(short.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['text.en', 'text.th']);
    expect((await api('GET', '/api/v1/privacy-notices')).json.versions).toHaveLength(1);

    const anonymous = await fetch(`${h.sys.url}/public/v1/privacy-notice?version=1`);
    expect(anonymous.status).toBe(200);
    expect((await anonymous.json()).version).toBe(1);
    expect((await fetch(`${h.sys.url}/public/v1/privacy-notice?version=99`)).status).toBe(404);
    expect((await fetch(`${h.sys.url}/public/v1/privacy-notice?org=no-such-business`)).status).toBe(404);
  });
});

describe('the privacy notice in the chat', () => {
  it("goes before the bot's first answer, which is the same as without it; once per version; a tap is recorded once; declined, then granted: both kept, the current one granted", async () => {
    // A customer who saw the notice already asks the same question: the answer the second one must get too.
    const seen = lineId('U');
    await h.ask(seen, { text: 'hello' });
    const plain = await h.ask(seen, { text: 'What time do you open?' });
    expect(plain.notice).toBeUndefined();
    expect(plain.text).toBe(await faqAnswer('opening_hours'));

    const customer = lineId('U');
    const first = await h.ask(customer, { text: 'What time do you open?' });
    expect(first.text).toBe(plain.text);
    expect(first.notice).toBeDefined();
    // In the reply itself, before the answer, which keeps the last place (and its quick replies).
    const reply = h.line.state.deliveries.find((d) => d.kind === 'reply' && d.messages.includes(first.notice as never))!;
    expect(reply.messages.indexOf(first.notice as never)).toBe(0);
    expect(reply.messages.at(-1)).toMatchObject({ type: 'text', text: plain.text });
    expect(JSON.stringify(first.notice)).toContain(await template('privacy_notice').then((t) => t.split('\n')[0].slice(0, 40)));
    const buttons = buttonsOf(first.notice!);
    expect(buttons.agree).toBeDefined();
    expect(buttons.link).toBe('https://desk.example/liff/privacy?v=1&lang=en');
    const contactId = await contactOf(customer);
    expect(await noticesShown(contactId)).toHaveLength(1);

    // The next message: no notice again.
    const next = await h.ask(customer, { text: 'Where are you located?' });
    expect(next.notice).toBeUndefined();
    expect(next.text).toBe(await faqAnswer('location'));

    const declined = await h.ask(customer, { postback: { data: buttons.decline } });
    expect(declined.text).toBe(await template('privacy_consent_declined'));
    // The same tap twice (a double tap, a button tapped again later): one record.
    await h.ask(customer, { postback: { data: buttons.decline } });
    expect((await consentRows(contactId)).map((r) => [r.notice_version, r.answer, r.source, r.channel])).toEqual([[1, 'declined', 'chat', 'line']]);

    const granted = await h.ask(customer, { postback: { data: buttons.agree } });
    expect(granted.text).toBe(await template('privacy_consent_thanks'));
    const history = await api('GET', `/api/v1/contacts/${contactId}/consents`);
    expect(history.status).toBe(200);
    expect(history.json.records.map((r: { answer: string }) => r.answer)).toEqual(['declined', 'granted']);
    expect(history.json.current).toMatchObject({ answer: 'granted', noticeVersion: 1, source: 'chat', currentNoticeVersion: 1, upToDate: true });
    expect((await api('GET', `/api/v1/contacts/${contactId}`)).json.consent).toMatchObject({ answer: 'granted', noticeVersion: 1 });

    // Declining after consenting withdraws it.
    await h.ask(customer, { postback: { data: buttons.decline } });
    expect((await consentRows(contactId)).map((r) => r.answer)).toEqual(['declined', 'granted', 'withdrawn']);

    // A new version is shown once more, and the customer's answer is no longer up to date.
    expect((await publish('ประกาศความเป็นส่วนตัวฉบับใหม่ของเราค่ะ มีรายละเอียดเพิ่มเติม', 'Our new privacy notice, with more detail in it')).status).toBe(201);
    expect((await api('GET', `/api/v1/contacts/${contactId}/consents`)).json.current).toMatchObject({ answer: 'withdrawn', noticeVersion: 1, currentNoticeVersion: 2, upToDate: false });
    const after = await h.ask(customer, { text: 'What time do you open?' });
    expect(after.text).toBe(plain.text);
    expect(buttonsOf(after.notice!).agree).toMatch(/v=2%3Agranted$/);
    expect((await noticesShown(contactId)).map((e) => e.data.version)).toEqual([1, 2]);
    expect((await h.ask(customer, { text: 'What time do you open?' })).notice).toBeUndefined();
  });

  it("does not hold up a first message that opens a case, nor spend a push on it: the notice comes with the bot's next answer; a tap in the middle of a booking leaves the booking's question where it was", async () => {
    const customer = lineId('U');
    const ack = await h.ask(customer, { text: 'I topped up 500 baht but my credit did not arrive' });
    const [opened] = await h.sys.knex('cases').join('conversations', 'conversations.id', 'cases.conversation_id').where('conversations.external_id', customer).select('cases.number');
    expect(opened).toBeDefined();
    expect(ack.text).toContain(opened.number);
    // The acknowledgement kept the reply; the notice was not pushed after it (a push counts against
    // the account's quota), and is not marked shown.
    expect(ack.notice).toBeUndefined();
    const contactId = await contactOf(customer);
    expect(await noticesShown(contactId)).toHaveLength(0);
    expect(h.line.state.deliveriesTo(customer)).toEqual([]);
    const next = await h.ask(customer, { text: 'What time do you open?' });
    expect(next.notice).toBeDefined();
    expect(await noticesShown(contactId)).toHaveLength(1);

    // A booking asked for its date; the customer taps "I agree" first, then answers the date.
    const other = lineId('U');
    const asked = await h.ask(other, { text: 'I want to book the Thai cooking class for 2 people' });
    const otherCard = asked.notice!;
    const dialogueBefore = (await h.sys.knex('conversations').where({ external_id: other }).first('dialogue')).dialogue;
    expect(dialogueBefore?.kind).toBe('booking');
    await h.ask(other, { postback: { data: buttonsOf(otherCard).agree } });
    expect((await h.sys.knex('conversations').where({ external_id: other }).first('dialogue')).dialogue).toEqual(dialogueBefore);
    expect((await consentRows(await contactOf(other))).map((r) => r.answer)).toEqual(['granted']);
    expect(buttonsOf(next.notice!).agree).toBeDefined();
  });

  it('is not shown to a customer who answered it elsewhere (to staff): what they saw is read with their message', async () => {
    const customer = lineId('U');
    // A first message that opens a case keeps its reply for the case: the notice would wait for the next answer.
    expect((await h.ask(customer, { text: 'My order has not arrived yet, it has been a week' })).notice).toBeUndefined();
    const contactId = await contactOf(customer);
    const current = (await api('GET', '/api/v1/privacy-notices')).json.current.version as number;
    expect((await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current, answer: 'granted' })).status).toBe(201);
    const next = await h.ask(customer, { text: 'What time do you open?' });
    expect(next.text).toBe(await faqAnswer('opening_hours'));
    expect(next.notice).toBeUndefined();
    expect(await noticesShown(contactId)).toEqual([]);
  });

  it('ignores a tap naming a version the org never published: nothing recorded, nothing said', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'hello' });
    const contactId = await contactOf(customer);
    const before = h.line.state.deliveriesTo(customer).length;
    const tap = await h.send(customer, { postback: { data: 'act=consent&v=77%3Agranted' } });
    await until(async () => (await h.sys.knex('messages').join('conversations', 'conversations.id', 'messages.conversation_id').where({ 'messages.direction': 'in', 'messages.kind': 'postback', 'conversations.external_id': customer }).whereNotNull('messages.routed_at').first('messages.id')) ?? false);
    await untilSettled(h.sys.knex);
    expect(await consentRows(contactId)).toEqual([]);
    // No reply with the tap's token, and no push either.
    expect(h.line.state.deliveries.filter((d) => d.replyToken === tap.replyToken)).toEqual([]);
    expect(h.line.state.deliveriesTo(customer).length).toBe(before);
  });
});

describe('answers staff record', () => {
  it('refuses a version the org never published (422, nothing stored) and a contact of another org (404); a refusal after a consent is withdrawn; the same answer twice adds nothing; audited', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'hello' });
    const contactId = await contactOf(customer);
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    const current = (await api('GET', '/api/v1/privacy-notices')).json.current.version as number;

    const unknown = await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current + 40, answer: 'granted' }, support);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ path: 'noticeVersion', code: 'unknown_version' })]);
    expect(await consentRows(contactId)).toEqual([]);

    // Another org's customer, by a key of this org: not found, and their record untouched.
    const [otherOrg] = await h.sys.knex('orgs').insert({ slug: `other-${randomUUID().slice(0, 8)}`, name: 'Other' }).returning('id');
    const [otherContact] = await h.sys.knex('contacts').insert({ org_id: otherOrg.id, display_name: 'Someone else' }).returning('id');
    const foreign = await api('POST', `/api/v1/contacts/${otherContact.id}/consents`, { noticeVersion: current, answer: 'granted' }, support);
    expect(foreign.status).toBe(404);
    expect((await api('GET', `/api/v1/contacts/${otherContact.id}/consents`)).status).toBe(404);
    expect(await consentRows(otherContact.id)).toEqual([]);

    const granted = await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current, answer: 'granted' }, support);
    expect(granted.status).toBe(201);
    expect(granted.json).toMatchObject({ recorded: true, current: { answer: 'granted', source: 'staff' } });
    const again = await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current, answer: 'granted' }, support);
    expect(again.status).toBe(200);
    expect(again.json.recorded).toBe(false);
    const withdrawn = await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current, answer: 'declined' }, support);
    expect(withdrawn.json.current.answer).toBe('withdrawn');
    expect((await consentRows(contactId)).map((r) => [r.answer, r.actor_type])).toEqual([
      ['granted', 'api_key'],
      ['withdrawn', 'api_key'],
    ]);
    expect(await h.sys.knex('audit_log').where({ action: 'contact.consent_recorded', subject_id: contactId }).count({ n: '*' })).toEqual([{ n: 2 }]);
    // The CEO reads but does not record; an invented answer is refused.
    const ceo = (await api('POST', '/api/v1/api-keys', { name: 'ceo', role: 'ceo' })).json.key;
    expect((await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current, answer: 'granted' }, ceo)).status).toBe(403);
    expect((await api('POST', `/api/v1/contacts/${contactId}/consents`, { noticeVersion: current, answer: 'withdrawn' })).status).toBe(422);
    expect(await consentRows(contactId)).toHaveLength(2);
    // The history cannot be rewritten, even by hand.
    await expect(h.sys.knex('contact_consents').where({ contact_id: contactId }).update({ answer: 'granted' })).rejects.toThrow(/append-only/);
    await expect(h.sys.knex('contact_consents').where({ contact_id: contactId }).delete()).rejects.toThrow(/append-only/);
  });
});

describe("the website's booking form", () => {
  const form = (consent: unknown, email: string) => ({ destination: 'Chiang Mai', name: 'Ploy', email, language: 'en', ...(consent ? { consent } : {}) });
  const post = (body: unknown, key = randomUUID()) =>
    fetch(`${h.sys.url}/public/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });

  it('records the answer with the booking, as of when the form was sent; a version never published is a 422 and nothing is stored', async () => {
    const current = (await (await fetch(`${h.sys.url}/public/v1/privacy-notice`)).json()).version as number;
    const email = `ploy.${randomUUID().slice(0, 8)}@example.com`;
    const intakes = async () => Number((await h.sys.knex('booking_intakes').count({ n: '*' }))[0].n);
    const before = { intakes: await intakes(), consents: Number((await h.sys.knex('contact_consents').count({ n: '*' }))[0].n) };

    const bad = await post(form({ version: current + 5, answer: 'granted' }, email));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details).toEqual([expect.objectContaining({ path: 'consent.version' })]);
    expect(await intakes()).toBe(before.intakes);
    expect(await h.sys.knex('contacts').where({ email }).first()).toBeUndefined();
    expect(Number((await h.sys.knex('contact_consents').count({ n: '*' }))[0].n)).toBe(before.consents);

    const sentAt = Date.now();
    const ok = await post(form({ version: current, answer: 'granted' }, email));
    expect(ok.status).toBe(201);
    const booking = await formBooked(h.sys.knex, (await ok.json()).booking_id);
    const rows = await until(async () => {
      const r = await consentRows(booking.contact_id);
      return r.length ? r : false;
    });
    expect(rows.map((r) => [r.notice_version, r.answer, r.source, r.actor_type])).toEqual([[current, 'granted', 'web_form', 'customer']]);
    expect(Math.abs(new Date(rows[0].answered_at).getTime() - sentAt)).toBeLessThan(10_000);

    // Without an answer the booking is made all the same: the booking needs no consent (docs/privacy.md).
    const without = await post(form(undefined, `n.${randomUUID().slice(0, 8)}@example.com`));
    expect(without.status).toBe(201);
    const plain = await formBooked(h.sys.knex, (await without.json()).booking_id);
    expect(await consentRows(plain.contact_id)).toEqual([]);
  });
});

describe("a customer's data (PDPA)", () => {
  it('the export lists every answer; an erasure keeps them (no personal data in them) and withdraws a consent; a merge brings them to the contact kept, its undo takes them back', async () => {
    const current = (await api('GET', '/api/v1/privacy-notices')).json.current.version as number;
    const a = lineId('U');
    const b = lineId('U');
    await h.ask(a, { text: 'hello' });
    await h.ask(b, { text: 'hello' });
    const [keep, merged] = [await contactOf(a), await contactOf(b)];
    await api('POST', `/api/v1/contacts/${keep}/consents`, { noticeVersion: current, answer: 'declined' });
    await api('POST', `/api/v1/contacts/${merged}/consents`, { noticeVersion: current, answer: 'granted' });

    const merge = await api('POST', `/api/v1/contacts/${keep}/merge`, { mergeContactId: merged });
    expect(merge.status).toBe(200);
    expect((await consentRows(keep)).map((r) => r.answer)).toEqual(['declined', 'granted']);
    const undone = await api('POST', `/api/v1/contacts/${keep}/merges/${merge.json.mergeId}/undo`);
    expect(undone.status).toBe(200);
    expect((await consentRows(keep)).map((r) => r.answer)).toEqual(['declined']);
    expect((await consentRows(merged)).map((r) => r.answer)).toEqual(['granted']);

    const exported = await api('GET', `/api/v1/contacts/${merged}/export`);
    expect(exported.status).toBe(200);
    expect(exported.json.consents.map((r: { answer: string; notice_version: number }) => [r.notice_version, r.answer])).toEqual([[current, 'granted']]);

    const erased = await api('POST', `/api/v1/contacts/${merged}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.json.counts).toMatchObject({ consentsKept: 1, consentWithdrawn: 1 });
    expect((await consentRows(merged)).map((r) => [r.answer, r.source])).toEqual([
      ['granted', 'staff'],
      ['withdrawn', 'erasure'],
    ]);
    // What is kept names nobody: ids, a version, the answers, where and when.
    const after = await api('GET', `/api/v1/contacts/${merged}/export`);
    expect(after.json.contact.display_name).toBeNull();
    expect(after.json.consents).toHaveLength(2);
    expect((await api('GET', `/api/v1/contacts/${merged}`)).json.consent).toMatchObject({ answer: 'withdrawn', source: 'erasure' });
    // Nobody can consent in an erased customer's name.
    expect((await api('POST', `/api/v1/contacts/${merged}/consents`, { noticeVersion: current, answer: 'granted' })).status).toBe(409);
    expect(await consentRows(merged)).toHaveLength(2);
  });
});
