import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEARNED_DAILY_LIMIT } from '../core/contracts/learned-examples.ts';
import { acceptLearnedExample, learnFromStaff, listLearnedExamples, removeLearnedExample, type StaffJudgement } from '../core/understanding/learned-examples.ts';
import { loadOrgTaxonomy } from '../core/understanding/org-taxonomy.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * The bot learns from staff (core/understanding/learned-examples.ts) on the real database with the
 * demo business: what a correction becomes, and for each bad input, that it is listed with its
 * reason and that the taxonomy keeps every phrase it had.
 */
let sys: TestSystem;
let org: string;
let conversation: string;
const staff: Record<string, string> = {};
const admin = () => ({ orgId: org, actor: { type: 'staff' as const, id: staff.Mali } });

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  org = sys.defaultOrgId;
  for (const [name, role] of [['Somchai', 'support'], ['Nok', 'support'], ['Mali', 'admin']]) {
    [{ id: staff[name] }] = await sys.knex('staff').insert({ org_id: org, display_name: name, role, language: 'en' }).returning('id');
  }
  const [channel] = await sys.knex('channels').insert({ org_id: org, kind: 'line', name: 'learning', settings: '{}' }).returning('id');
  const [contact] = await sys.knex('contacts').insert({ org_id: org, language: 'en' }).returning('id');
  [{ id: conversation }] = await sys.knex('conversations').insert({ org_id: org, channel_id: channel.id, kind: 'direct', external_id: 'U' + '5'.repeat(32), contact_id: contact.id }).returning('id');
}, 60_000);
afterAll(() => sys?.stopAll());

beforeEach(async () => {
  // Each test starts from the switch on and nothing learned today.
  await sys.knex.raw(`UPDATE orgs SET settings = settings - 'learnFromStaff' WHERE id = ?`, [org]);
  await sys.knex('learned_examples').where({ org_id: org }).update({ learned_automatically: false });
});

async function customerSays(text: string | null): Promise<string> {
  const [m] = await sys.knex('messages').insert({ org_id: org, conversation_id: conversation, direction: 'in', sender_type: 'customer', text }).returning('id');
  return m.id;
}

const learn = (messageId: string, classKey: string, who = 'Somchai', extra: Partial<StaffJudgement> = {}) =>
  sys.knex.transaction((trx) => learnFromStaff(trx, { orgId: org, messageId, source: 'case_correction', classKind: 'case_type', classKey, staffId: staff[who], now: new Date(), ...extra }));

const phrases = async (key: string, table = 'case_types') => {
  const row = await sys.knex(table).where({ org_id: org, key }).first('examples');
  return [...row.examples.th, ...row.examples.en] as string[];
};
const listedFor = async (messageText: string) => (await listLearnedExamples(sys.knex, org)).items.filter((i) => i.text === messageText);

describe('a correction by staff', () => {
  it('adds the message to the class it was corrected to, listed as added with who and when', async () => {
    const text = 'the shop took 500 baht from me two times for one parcel';
    await learn(await customerSays(text), 'wrong_amount');
    expect(await phrases('wrong_amount')).toContain(text);
    const [item] = await listedFor(text);
    expect(item).toMatchObject({ status: 'added', class: { kind: 'case_type', key: 'wrong_amount', name: { en: 'Wrong amount charged' } }, correctedBy: { name: 'Somchai' }, source: 'case_correction' });
    // The classifier reads it from the next message on.
    expect((await loadOrgTaxonomy(sys.knex, org)).caseTypes.find((t) => t.key === 'wrong_amount')!.examples).toContain(text);
    // In the audit log as the staff member's change of the case type's phrases.
    const audit = await sys.knex('audit_log').where({ org_id: org, action: 'case_type.updated', actor_id: staff.Somchai }).orderBy('created_at', 'desc').first();
    expect(JSON.stringify(audit.details)).toContain(text);
  });

  it('corrected twice, keeps one suggestion: the later class wins and the earlier one loses the phrase', async () => {
    const text = 'I paid for the class but want to cancel and get it back';
    const m = await customerSays(text);
    await learn(m, 'wrong_amount');
    await learn(m, 'refund_request', 'Nok');
    expect(await phrases('wrong_amount')).not.toContain(text);
    expect(await phrases('refund_request')).toContain(text);
    expect(await listedFor(text)).toEqual([expect.objectContaining({ status: 'added', class: expect.objectContaining({ key: 'refund_request' }), correctedBy: expect.objectContaining({ name: 'Nok' }) })]);
  });

  it('does nothing with a message that is not a customer\'s', async () => {
    const [m] = await sys.knex('messages').insert({ org_id: org, conversation_id: conversation, direction: 'out', sender_type: 'bot', text: 'Your case is opened' }).returning('id');
    await learn(m.id, 'refund_request');
    expect(await listedFor('Your case is opened')).toEqual([]);
  });
});

describe('bad input', () => {
  it('a phrase another class has already: not added, listed as a conflict naming both classes', async () => {
    const before = { wrong: await phrases('wrong_amount'), refund: await phrases('refund_request') };
    // The same phrase as a Wrong amount example, in other case and spacing.
    const text = '  i WAS charged twice   for the same order ';
    await learn(await customerSays(text), 'refund_request');
    expect(await phrases('wrong_amount')).toEqual(before.wrong);
    expect(await phrases('refund_request')).toEqual(before.refund);
    const [item] = await listedFor(text);
    expect(item).toMatchObject({
      status: 'conflict',
      class: { key: 'refund_request', name: { en: 'Refund request' } },
      conflictWith: { kind: 'case_type', key: 'wrong_amount', name: { en: 'Wrong amount charged' } },
    });
  });

  it(`a flood from one person: ${LEARNED_DAILY_LIMIT} a day are added, the rest listed as over the limit, and the count is shown`, async () => {
    const before = await phrases('order_not_delivered');
    for (let i = 0; i < LEARNED_DAILY_LIMIT + 3; i++) await learn(await customerSays(`parcel number ${i} never came to my house`), 'order_not_delivered', 'Nok');
    const after = await phrases('order_not_delivered');
    expect(after.length).toBe(before.length + LEARNED_DAILY_LIMIT);
    expect(after.slice(0, before.length)).toEqual(before);
    const list = await listLearnedExamples(sys.knex, org);
    const flood = list.items.filter((i) => i.text.startsWith('parcel number'));
    expect(flood.filter((i) => i.status === 'over_limit')).toHaveLength(3);
    expect(flood.filter((i) => i.status === 'added')).toHaveLength(LEARNED_DAILY_LIMIT);
    expect(list.today).toContainEqual({ staffId: staff.Nok, name: 'Nok', learned: LEARNED_DAILY_LIMIT });
    expect(list.dailyLimit).toBe(LEARNED_DAILY_LIMIT);
    // Someone else's corrections are not held back by it; nor are Nok's tomorrow.
    await learn(await customerSays('my parcel is lost somewhere'), 'order_not_delivered', 'Somchai');
    await learn(await customerSays('the courier never showed up with my box'), 'order_not_delivered', 'Nok', { now: new Date(Date.now() + 86_400_000) });
    expect((await listedFor('my parcel is lost somewhere'))[0].status).toBe('added');
    expect((await listedFor('the courier never showed up with my box'))[0].status).toBe('added');
    // An over-the-limit one is there for an admin to accept.
    const over = flood.find((i) => i.status === 'over_limit')!;
    expect((await acceptLearnedExample(sys.knex, admin(), over.id)).status).toBe('added');
    expect(await phrases('order_not_delivered')).toContain(over.text);
  });

  it('empty, blank or too long: not added, listed with the reason, the text kept', async () => {
    const before = await phrases('refund_request');
    const long = 'please refund '.repeat(40);
    await learn(await customerSays('   \n\t '), 'refund_request');
    await learn(await customerSays(null), 'refund_request');
    await learn(await customerSays(long), 'refund_request');
    expect(await phrases('refund_request')).toEqual(before);
    const items = (await listLearnedExamples(sys.knex, org)).items;
    expect(items.filter((i) => i.reason === 'empty').map((i) => i.status)).toEqual(['refused', 'refused']);
    expect(items.find((i) => i.reason === 'too_long')).toMatchObject({ status: 'refused', text: long });
    // A refused one cannot be accepted: 409, and nothing changes.
    const tooLong = items.find((i) => i.reason === 'too_long')!;
    await expect(acceptLearnedExample(sys.knex, admin(), tooLong.id)).rejects.toMatchObject({ code: 'conflict' });
    expect(await phrases('refund_request')).toEqual(before);
  });

  it('a phrase the class has already is not added twice', async () => {
    const before = await phrases('refund_request');
    await learn(await customerSays('Can I get a refund for order A20011?'), 'refund_request');
    expect(await phrases('refund_request')).toEqual(before);
    expect((await listedFor('Can I get a refund for order A20011?'))[0]).toMatchObject({ status: 'refused', reason: 'already_an_example' });
  });
});

describe('the switch and the admin', () => {
  it('switch off: only suggested; the admin accepts it into the examples, or removes it', async () => {
    await sys.knex.raw(`UPDATE orgs SET settings = settings || '{"learnFromStaff": false}'::jsonb WHERE id = ?`, [org]);
    const kept = 'my account is locked after I changed phone';
    const dropped = 'cannot sign in since yesterday evening';
    await learn(await customerSays(kept), 'account_access');
    await learn(await customerSays(dropped), 'account_access');
    expect(await phrases('account_access')).not.toContain(kept);
    const [k] = await listedFor(kept);
    const [d] = await listedFor(dropped);
    expect([k.status, d.status]).toEqual(['suggested', 'suggested']);
    expect((await listLearnedExamples(sys.knex, org)).learnFromStaff).toBe(false);

    expect(await acceptLearnedExample(sys.knex, admin(), k.id)).toMatchObject({ status: 'added', decidedAt: expect.any(String) });
    expect(await phrases('account_access')).toContain(kept);
    await removeLearnedExample(sys.knex, admin(), d.id);
    expect(await listedFor(dropped)).toEqual([]);
    expect(await phrases('account_access')).not.toContain(dropped);
    // Gone is gone: a second removal is a 404.
    await expect(removeLearnedExample(sys.knex, admin(), d.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('removing an added phrase takes it out of the examples', async () => {
    const text = 'my top up of 300 went nowhere';
    await learn(await customerSays(text), 'topup_not_credited');
    expect(await phrases('topup_not_credited')).toContain(text);
    await removeLearnedExample(sys.knex, admin(), (await listedFor(text))[0].id);
    expect(await phrases('topup_not_credited')).not.toContain(text);
  });

  it('accepting a conflict moves the phrase: the admin chose this class', async () => {
    const text = 'The amount I paid does not match my receipt';
    await learn(await customerSays(text), 'refund_request');
    const [c] = await listedFor(text);
    expect(c.status).toBe('conflict');
    await acceptLearnedExample(sys.knex, admin(), c.id);
    expect(await phrases('wrong_amount')).not.toContain(text);
    expect(await phrases('refund_request')).toContain(text);
    const audit = await sys.knex('audit_log').where({ org_id: org, action: 'learned_example.accepted', subject_id: c.id }).first();
    expect(audit.actor_id).toBe(staff.Mali);
  });

  it('another org cannot see or touch them', async () => {
    const [other] = await sys.knex('orgs').insert({ name: 'Other', slug: 'other-learning' }).returning('id');
    const [item] = (await listLearnedExamples(sys.knex, org)).items;
    expect((await listLearnedExamples(sys.knex, other.id)).items).toEqual([]);
    await expect(removeLearnedExample(sys.knex, { orgId: other.id, actor: { type: 'api_key', id: 'k' } }, item.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeLearnedExample(sys.knex, admin(), 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
  });
});
