import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { buttonData, configureGroup, enrolStaff, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Staff open a case for a customer from LINE (`/case <customer> <what happened>`, in a staff group
 * or 1:1 with the bot): the bot asks for the type with quick replies, and the tap opens the case
 * through the path of `POST /api/v1/cases` (source `manual`, the staff member as actor), with the
 * case type's SLA, the card in the routed group and the customer's notice. Everything goes through
 * signed LINE webhooks and is read back at the fake LINE server and in the database. Every refusal
 * is answered in the chat and shows that no case, contact, identity or timeline event was written.
 */
let h: LineCustomerHarness;
let groupId: string;
let ploy: EnrolledStaff;
let arthit: EnrolledStaff;
let kanda: EnrolledStaff;
const MIN = 60_000;
const TOPUP = 'ลูกค้าโทรมาแจ้งว่าเติมเงิน 500 บาทแล้วยอดเงินไม่เข้า';

beforeAll(async () => {
  h = await startLineCustomerHarness();
  [ploy, arthit, kanda] = await Promise.all([
    enrolStaff(h, { displayName: 'Ploy', role: 'support', language: 'en' }),
    enrolStaff(h, { displayName: 'Arthit', role: 'support', language: 'th' }),
    enrolStaff(h, { displayName: 'Kanda', role: 'ceo', language: 'en' }),
  ]);
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'en' }));
}, 60_000);
afterAll(() => h?.close());

const knex = () => h.sys.knex;
const aPhone = () => `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const e164 = (phone: string) => `+66${phone.replace(/\D/g, '').slice(1)}`;

/** Says something in the group (or 1:1 with `inGroup` null) and returns the bot's answer to it. */
const ask = (who: EnrolledStaff | string, text: string, inGroup: string | null = groupId) =>
  h.ask(typeof who === 'string' ? who : who.lineUserId, { text, groupId: inGroup ?? undefined });
const tap = (who: EnrolledStaff, data: string, inGroup: string | null = groupId) => h.ask(who.lineUserId, { postback: { data }, groupId: inGroup ?? undefined });
/** A quick reply's whole words: LINE shows at most 20 characters of a label, the tap says them all. */
const said = (q: { label?: string }) => (q as { displayText?: string }).displayText;
const typeButton = (reply: { quickReplies: { label?: string; data?: string }[] }, typeName: string) => {
  const found = reply.quickReplies.find((q) => said(q) === typeName);
  if (!found?.data) throw new Error(`no quick reply ${typeName} in ${JSON.stringify(reply.quickReplies.map(said))}`);
  return found.data;
};

/** What a refused command or tap must leave as it was. */
async function counts() {
  const n = async (table: string) => Number((await knex()(table).count<{ c: string }[]>('* as c'))[0].c);
  return { cases: await n('cases'), contacts: await n('contacts'), identities: await n('contact_identities'), caseEvents: await n('case_events'), casePeriods: await n('case_status_periods') };
}

/** The case a command message opened (its LINE message id is the case's Idempotency-Key). */
async function casesOfCommand(text: string) {
  const message = await knex()('messages').where({ direction: 'in', text }).first();
  return knex()('cases').where({ idempotency_key: `line-message:${message.platform_message_id}` });
}

describe('a case opened from a staff group', () => {
  it('asks the type (best guess first), then opens it as POST /api/v1/cases would: a new contact by phone, the SLA, the timeline, the card in the group', async () => {
    const phone = aPhone();
    const command = `/case ${phone} ${TOPUP}`;
    const before = await counts();
    const asked = await ask(ploy, command);
    expect(asked.text).toBe(`New case for ${e164(phone)}:\n“${TOPUP}”\nWhich type is it? The first is my best guess.`);
    const active = await knex()('case_types').where({ org_id: h.sys.defaultOrgId, is_active: true }).orderBy('sort_order');
    // Every type in use is offered, each once; the one the words are most like first.
    expect(asked.quickReplies.map(said).sort()).toEqual(active.map((t) => t.name_en).sort());
    expect(said(asked.quickReplies[0])).toBe('Top-up not credited');
    // Asking writes nothing but the bot's question.
    expect(await counts()).toEqual(before);

    const opened = await tap(ploy, typeButton(asked, 'Top-up not credited'));
    const [row] = await casesOfCommand(command);
    expect(opened.text).toBe(`Opened ${row.number} · Top-up not credited · Critical\nCustomer: ${e164(phone)} (new contact)\nThe customer has no chat with us, so they were not told.`);
    const contact = await knex()('contacts').where({ id: row.contact_id }).first();
    expect(contact.phone).toBe(e164(phone));
    expect(row).toMatchObject({ source: 'manual', status: 'new', severity: 'critical', summary: TOPUP, conversation_id: null });
    // The case type's targets from the opening's minute (core/sla/business-calendar.ts), as for any
    // case: the test org works around the clock. The opening is when its first status began.
    const type = active.find((t) => t.key === 'topup_not_credited');
    const minute = (d: Date | number) => Math.floor(new Date(d).getTime() / MIN);
    const openedAt = (await knex()('case_status_periods').where({ case_id: row.id, status: 'new' }).first()).started_at;
    expect(minute(row.first_response_due_at)).toBe(minute(openedAt) + type.first_response_minutes);
    expect(minute(row.resolution_due_at)).toBe(minute(openedAt) + type.resolution_minutes);
    // The amount in the staff member's words is the case's, as in a customer's message.
    expect(row.fields).toMatchObject({ amount: 500 });
    // The timeline: opened by Ploy, by hand.
    const [created] = await knex()('case_events').where({ case_id: row.id }).orderBy('id');
    expect(created).toMatchObject({ type: 'created', actor_type: 'staff', actor_id: ploy.id, data: { source: 'manual', caseType: 'topup_not_credited', severity: 'critical' } });
    // Its SLA timer, as for a chat case: the soonest, which schedules the next when it runs (core/cases/sla-timers.ts).
    const timers = await knex()('outbox').where({ queue: 'sla' }).whereRaw(`payload->>'caseId' = ?`, [row.id]).orderBy('available_at');
    const soonest = [row.first_response_due_at, row.resolution_warn_at, row.resolution_due_at].map((d) => new Date(d).getTime()).sort((a, b) => a - b)[0];
    expect(timers.map((t) => new Date(t.available_at).getTime())).toEqual([soonest]);
    // The card, posted to the group routed for the case (this one: it routes every type).
    const card = await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).includes(row.number));
    expect(card.altText).toContain('Top-up not credited');
  });

  it('tells a customer who chats on LINE, named by their LINE user id, on their chat', async () => {
    const customer = lineId('U');
    await h.tell(customer, 'สวัสดีค่ะ');
    const command = `new case ${customer} Customer called: the parcel of order ORD-55821 never arrived`;
    const asked = await ask(ploy, command);
    expect(asked.text).toContain(`New case for LINE ${customer.slice(0, 9)}…`);
    const opened = await tap(ploy, typeButton(asked, 'Order not delivered'));
    const [row] = await casesOfCommand(command);
    expect(opened.text).toContain('The customer was told on their chat.');
    expect(opened.text).not.toContain('new contact');
    const identity = await knex()('contact_identities').where({ external_id: customer }).first();
    expect(row.contact_id).toBe(identity.contact_id);
    expect(await knex()('case_orders').where({ case_id: row.id }).pluck('order_id')).toEqual(['ORD-55821']);
    // The customer hears of it as of a case opened in the chat: its number, by push.
    const notice = await waitForMessageTo(h, customer, (m) => m.type === 'text' && String(m.text).includes(row.number));
    expect(notice.text).toContain(row.number);
  });

  it('a case number names that case’s customer', async () => {
    const phone = aPhone();
    const first = `/case ${phone} Refund of order ORD-12345 not received`;
    await tap(ploy, typeButton(await ask(ploy, first), 'Refund request'));
    const [earlier] = await casesOfCommand(first);
    const again = `/case #${earlier.number} Now the top-up of 300 baht did not arrive either`;
    const asked = await ask(ploy, again);
    expect(asked.text).toContain(`New case for the customer of ${earlier.number}:`);
    await tap(ploy, typeButton(asked, 'Top-up not credited'));
    const [later] = await casesOfCommand(again);
    expect(later.contact_id).toBe(earlier.contact_id);
    expect(later.number).not.toBe(earlier.number);
  });
});

describe('1:1 with the bot', () => {
  it('opens a case by e-mail in Thai, and answers with the case’s card too', async () => {
    const email = `dao.${randomBytes(3).toString('hex')}@example.com`;
    const command = `เปิดเคส ${email} ลูกค้าโทรมาแจ้งว่าเข้าสู่ระบบไม่ได้`;
    const asked = await ask(arthit, command, null);
    expect(asked.text.split('\n')[0]).toBe(`เปิดเคสใหม่ให้${email}`);
    const typeName = (await knex()('case_types').where({ org_id: h.sys.defaultOrgId, key: 'account_access' }).first()).name_th;
    const opened = await tap(arthit, typeButton(asked, typeName), null);
    const [row] = await casesOfCommand(command);
    expect(opened.text).toContain(`เปิดเคส ${row.number} แล้วค่ะ`);
    expect(opened.text).toContain('"type":"flex"');
    expect((await knex()('contacts').where({ id: row.contact_id }).first()).email).toBe(email);
  });

  it('the help names the command', async () => {
    const help = await ask(ploy, 'what can you do?', null);
    expect(help.text).toContain('/case 0812345678 what happened');
  });
});

describe('bad input: answered, and nothing written', () => {
  const refusals: [string, (p: string) => string, RegExp][] = [
    ['no customer', () => `/case ${TOPUP}`, /^Name the customer first: a phone number, an e-mail, a LINE user id or a case number/],
    ['a phone that does not parse', () => '/case 08123 the top-up did not arrive', /^“08123” is not a phone number I can read\. Write it as one word/],
    ['a phone written with spaces', () => '/case 081 234 5678 the top-up did not arrive', /^“081” is not a phone number I can read/],
    ['an e-mail that does not parse', () => '/case dao@@example.com the top-up did not arrive', /^“dao@@example\.com” is not an e-mail address I can read\. Nothing was opened\.$/],
    ['an empty description', (p) => `/case ${p}`, /^Say what happened after the customer, e\.g\. \/case 08\d{8} topped up, no credit\. Nothing was opened\.$/],
    ['only the command', () => 'new case', /^Name the customer first/],
    ['a case number the org does not have', () => '/case C-987654 again', /^No case C-987654; nothing was opened\.$/],
    ['a description over 1000 characters', (p) => `/case ${p} ${'x'.repeat(1001)}`, /^The description is 1001 characters; a case takes at most 1000/],
  ];
  for (const [what, text, answer] of refusals) {
    it(what, async () => {
      const before = await counts();
      const reply = await ask(ploy, text(aPhone()));
      expect(reply.text).toMatch(answer);
      expect(reply.quickReplies).toEqual([]);
      expect(await counts()).toEqual(before);
    });
  }

  it('a case without a customer cannot name one', async () => {
    const c = await openTestCase(h.sys, 'refund_request');
    const before = await counts();
    const reply = await ask(ploy, `/case ${c.number} refund again`);
    expect(reply.text).toBe(`${c.number} has no customer: name them by phone, e-mail or LINE user id instead. Nothing was opened.`);
    expect(await counts()).toEqual(before);
  });

  it('a role that may not open cases (the CEO) is refused, in the group and 1:1', async () => {
    const before = await counts();
    for (const inGroup of [groupId, null]) {
      const reply = await ask(kanda, `/case ${aPhone()} ${TOPUP}`, inGroup);
      expect(reply.text).toBe('Your role cannot open cases; nothing was opened.');
      expect(reply.quickReplies).toEqual([]);
    }
    expect(await counts()).toEqual(before);
  });

  it('someone who is not enrolled staff, in a staff group, is refused', async () => {
    const stranger = lineId('U');
    // Their first words in the group make them known (a contact), as anyone's do: before counting.
    await h.tell(stranger, `hello team ${randomBytes(3).toString('hex')}`);
    const before = await counts();
    const reply = await ask(stranger, `/case ${aPhone()} ${TOPUP}`);
    expect(reply.text).toBe('Only enrolled staff can open cases. Send your enrolment code to the bot first.');
    expect(await counts()).toEqual(before);
  });

  it('only the one who asked chooses the type; a role taken away since the question refuses the tap', async () => {
    const command = `/case ${aPhone()} ${TOPUP}`;
    const asked = await ask(ploy, command);
    const data = typeButton(asked, 'Top-up not credited');
    const before = await counts();
    const other = await tap(arthit, data);
    expect(other.text).toBe('เฉพาะผู้ที่สั่งเปิดเคสนี้เท่านั้นที่เลือกประเภทได้ค่ะ');
    // Ploy becomes the CEO's kind of reader meanwhile: her own tap is refused too.
    const api = apiClient(h.sys);
    expect((await api('PATCH', `/api/v1/staff/${ploy.id}`, { role: 'ceo' })).status).toBe(200);
    try {
      const refused = await tap(ploy, data);
      expect(refused.text).toBe('Your role cannot open cases; nothing was opened.');
    } finally {
      expect((await api('PATCH', `/api/v1/staff/${ploy.id}`, { role: 'support' })).status).toBe(200);
    }
    expect(await counts()).toEqual(before);
    expect(await casesOfCommand(command)).toEqual([]);
    // The button was not spent by the refusals: once she may again, it opens the case.
    await tap(ploy, data);
    expect(await casesOfCommand(command)).toHaveLength(1);
  });
});

describe('one message, one case', () => {
  /** A signed LINE text event in the group, with the ids given (a redelivery repeats them). */
  const event = (text: string, ids: { webhookEventId: string; messageId: string; redelivery?: boolean }) => ({
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'group', groupId, userId: ploy.lineUserId },
    webhookEventId: ids.webhookEventId,
    deliveryContext: { isRedelivery: Boolean(ids.redelivery) },
    replyToken: h.line.state.issueReplyToken(),
    message: { id: ids.messageId, type: 'text', quoteToken: 'q', text },
  });
  const eventId = () => `01K${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26);

  it('the same LINE message delivered twice asks once; taps of the same or another type, one after the other or at once, open one case', async () => {
    const command = `/case ${aPhone()} ${TOPUP} (twice)`;
    const ids = { webhookEventId: eventId(), messageId: String(BigInt('0x' + randomBytes(7).toString('hex'))) };
    // The first delivery, LINE's redelivery of the same event, and the same message under another event id.
    const events = [event(command, ids), event(command, { ...ids, redelivery: true }), event(command, { ...ids, webhookEventId: eventId() })];
    for (const e of events) expect((await h.postEvents([e])).status).toBe(200);
    // The bot's questions about it, answered with any of the events' reply tokens or pushed to the group.
    const tokens = events.map((e) => e.replyToken);
    const questions = () =>
      h.line.state.deliveries
        .filter((d) => tokens.includes(d.replyToken!) || d.to === groupId)
        .flatMap((d) => d.messages as Record<string, any>[])
        .filter((m) => String(m.text ?? '').includes(`${TOPUP} (twice)`));
    const [question] = await until(async () => questions().length > 0 && questions());
    await untilSettled(knex());
    expect(await knex()('messages').where({ direction: 'in', text: command })).toHaveLength(1);
    expect(questions()).toHaveLength(1);

    // Two types tapped at the same moment: one case.
    const [a, b] = await Promise.all([tap(ploy, buttonData(question, 'Top-up not credited')), tap(ploy, buttonData(question, 'Refund request'))]);
    const cases = await casesOfCommand(command);
    expect(cases).toHaveLength(1);
    const [c] = cases;
    const answers = [a.text, b.text].sort();
    expect(answers.filter((t) => t.startsWith(`Opened ${c.number}`))).toHaveLength(1);
    expect(answers.filter((t) => t.startsWith(`This message already opened ${c.number}`))).toHaveLength(1);

    // Then the same button again, and another type: the same case, nothing new.
    const before = await counts();
    const again = await tap(ploy, buttonData(question, 'Top-up not credited'));
    expect(again.text).toMatch(new RegExp(`^This message already opened ${c.number} \\(`));
    const other = await tap(ploy, buttonData(question, 'Wrong amount charged'));
    expect(other.text).toMatch(new RegExp(`^This message already opened ${c.number} \\(`));
    expect(await counts()).toEqual(before);
    expect(await knex()('case_events').where({ case_id: c.id, type: 'created' })).toHaveLength(1);
  });
});
