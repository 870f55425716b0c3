import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../core/cases/open-case.ts';
import { formatDue } from '../core/templates/format-due.ts';
import { openTestCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * A staff member's 1:1 chat with the bot: "my queue" lists their open cases, most urgent first,
 * with a signed quick reply that opens each; a case number opens its card; anything else gets help.
 */
let h: LineCustomerHarness;
let ploy: EnrolledStaff;
let arthit: EnrolledStaff;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  [ploy, arthit] = await Promise.all([
    enrolStaff(h, { displayName: 'Ploy', role: 'support', language: 'en' }),
    enrolStaff(h, { displayName: 'Arthit', role: 'support', language: 'th' }),
  ]);
}, 60_000);
afterAll(() => h?.close());

const knex = () => h.sys.knex;

/** A case owned by `owner`, due `inHours` from now. */
async function ownedCase(type: string, owner: string, inHours: number | Date, status = 'investigating') {
  const c = await openTestCase(h.sys, type);
  const due = inHours instanceof Date ? inHours : new Date(Date.now() + inHours * HOUR);
  await knex()('cases').where({ id: c.id }).update({ owner_staff_id: owner, resolution_due_at: due, status });
  return { ...c, due };
}

describe('my queue', () => {
  it('lists the open cases of the staff member, most urgent first (due time, then severity), each with a quick reply that opens it', async () => {
    const later = await ownedCase('refund_request', ploy.id, 5);
    const soonest = await ownedCase('order_not_delivered', ploy.id, 1, 'waiting_customer');
    // Opened first and due at the same time as the critical top-up, but only normal: after it.
    const sameTime = await ownedCase('refund_request', ploy.id, 3);
    const middle = await ownedCase('topup_not_credited', ploy.id, sameTime.due);
    // Not in the queue: a closed case of hers, and someone else's case.
    await ownedCase('topup_not_credited', ploy.id, 0.5, 'closed');
    await ownedCase('topup_not_credited', arthit.id, 0.5);

    const reply = await h.ask(ploy.lineUserId, { text: 'My queue' });
    const due = (d: Date) => `due ${formatDue(d, 'en', 'Asia/Bangkok')}`;
    expect(reply.text.split('\n')).toEqual([
      'Your queue: 4 open cases',
      `${soonest.number} · Order not delivered · Waiting for customer · ${due(soonest.due)}`,
      `${middle.number} · Top-up not credited · Investigating · ${due(middle.due)}`,
      `${sameTime.number} · Refund request · Investigating · ${due(sameTime.due)}`,
      `${later.number} · Refund request · Investigating · ${due(later.due)}`,
    ]);
    expect(reply.quickReplies.map((q) => [q.type, q.label])).toEqual([
      ['postback', soonest.number],
      ['postback', middle.number],
      ['postback', sameTime.number],
      ['postback', later.number],
    ]);
    expect(reply.quickReplies.every((q) => q.data?.startsWith('sa1.'))).toBe(true);

    // Tapping one opens that case (the signed case.view action).
    const opened = await h.ask(ploy.lineUserId, { postback: { data: reply.quickReplies[1].data! } });
    expect(opened.text).toContain(middle.number);
    expect(opened.text).toContain('"type":"flex"');
  });

  it('says so when the queue is empty, in the staff member’s language', async () => {
    const other = await enrolStaff(h, { displayName: 'Nida', role: 'manager', language: 'th' });
    const reply = await h.ask(other.lineUserId, { text: 'คิวของฉัน' });
    expect(reply.text).toBe('ไม่มีเคสที่เปิดอยู่ในคิวของคุณค่ะ');
    expect(reply.quickReplies).toEqual([]);
  });
});

describe('a case by number', () => {
  it('opens the card of a case of the org, with or without #', async () => {
    const c = await openTestCase(h.sys, 'topup_not_credited');
    const plain = await h.ask(ploy.lineUserId, { text: c.number });
    expect(plain.text).toContain('"type":"flex"');
    expect(plain.text).toContain(c.number);
    const hashed = await h.ask(ploy.lineUserId, { text: `#${c.number.toLowerCase()}` });
    expect(hashed.text).toContain(c.number);
  });

  it('says not found for a number that exists only in another org, and for one that does not exist', async () => {
    const [org] = await knex()('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    await knex()('case_types').insert({ org_id: org.id, key: 'other_problem', name_th: 'ปัญหาอื่น', name_en: 'Other problem', category: 'other', first_response_minutes: 30, resolution_minutes: 240 });
    await knex()('org_counters').insert({ org_id: org.id, name: 'case', value: 900_000 });
    const theirs = await knex().transaction((trx) =>
      openCase(trx, { orgId: org.id, caseTypeKey: 'other_problem', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'theirs', language: 'en', fields: {} }),
    );
    expect((await h.ask(ploy.lineUserId, { text: theirs.number })).text).toBe(`No case ${theirs.number}`);
    expect((await h.ask(arthit.lineUserId, { text: 'C-999999' })).text).toBe('ไม่พบเคส C-999999 ค่ะ');
  });
});

describe('anything else', () => {
  it('answers with the commands', async () => {
    const reply = await h.ask(ploy.lineUserId, { text: 'hello bot, what can you do?' });
    expect(reply.text).toMatch(/^What I understand:/);
    expect(reply.text).toContain('my queue');
    expect(reply.text).toContain('#C-000123');
    const message = await knex()('messages').where({ direction: 'in', text: 'hello bot, what can you do?' }).first();
    expect(message.routed_at).not.toBeNull();
    // Help is all: no case was opened from it, as it would be from a customer.
    expect(await knex()('cases').where({ source_message_id: message.id }).first()).toBeUndefined();
  });
});
