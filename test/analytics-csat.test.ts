import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupReady } from '../core/analytics/case-facts.ts';
import { takeCase } from '../core/cases/case-assignment.ts';
import { calendarFor } from '../core/cases/case-clock.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { ANALYTICS_ROLLUP_QUEUE } from '../workers/processors/system.ts';
import { buttonData, sentTo, waitForMessageTo } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Customer satisfaction through signed LINE webhooks and the fake LINE server: a case resolved is
 * followed by the question in the customer's language (quick replies 1-5), the tap or a typed digit
 * is the score, the next message the comment; all of it on the case's timeline, asked once per case
 * and only where the case type asks. Then the figures, worked out by hand:
 *
 * A (Thai) owned by Anan: 4, with a comment.   B (English) owned by Bee: 2, no comment (skipped),
 * reopened and resolved again: not asked twice. C owned by Chai: its case type's switch is off when
 * it is resolved: never asked. Asked 2, answered 2, response rate 1, average (4 + 2) / 2 = 3,
 * CSAT (share of 4-5) 1/2. Customer impact: Anan (4 - 1) / 4 = 75, Bee (2 - 1) / 4 = 25, Chai (no
 * answer: today's rule, resolved and not reopened) 100.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let managerKey: string;
const staff: Record<string, string> = {};
const started = new Date(Date.now() - 3_600_000).toISOString();
const PERIOD = () => `from=${encodeURIComponent(started)}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`;

const isQuestion = (m: Record<string, any>) => (m.quickReply?.items ?? []).some((i: Record<string, any>) => String(i.action.data ?? '').startsWith('act=csat&'));
const eventsOf = async (caseId: string, type?: string) => h.sys.knex('case_events').where({ case_id: caseId, ...(type ? { type } : {}) }).orderBy('id');

async function caseOf(customer: string) {
  return until(async () => {
    const identity = await h.sys.knex('contact_identities').where({ external_id: customer }).first();
    return identity && (await h.sys.knex('cases').where({ contact_id: identity.contact_id }).first());
  });
}

async function own(caseId: string, staffId: string) {
  const c = await h.sys.knex('cases').where({ id: caseId }).first();
  await h.sys.knex.transaction((trx) => takeCase(trx, { orgId: h.sys.defaultOrgId, caseId, version: c.version, ownerStaffId: c.owner_staff_id, status: c.status }, staffId, new Date()));
}

const resolve = async (number: string) => expect((await api('POST', `/api/v1/cases/${number}/transitions`, { to: 'resolved' })).status).toBe(200);
const setSwitch = async (on: boolean) => expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { notify: { satisfaction: on } })).status).toBe(200);

const customerA = lineId('U');
const customerB = lineId('U');
const customerC = lineId('U');
let caseA: { id: string; number: string };
let caseB: { id: string; number: string };
let caseC: { id: string; number: string };

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  for (const name of ['Anan', 'Bee', 'Chai']) staff[name] = (await api('POST', '/api/v1/staff', { displayName: name, role: 'support' })).json.id;
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
}, 60_000);
afterAll(() => h?.close());

describe('the satisfaction question', () => {
  it('is off for a case type until an admin turns it on, and the switch is checked', async () => {
    const type = await api('GET', '/api/v1/case-types/topup_not_credited');
    expect(type.json.notify.satisfaction).toBe(false);
    expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { notify: { satisfaction: 'yes' } })).status).toBe(422);
    await setSwitch(true);
    expect((await api('GET', '/api/v1/case-types/topup_not_credited')).json.notify).toMatchObject({ satisfaction: true, resolved: true });
  });

  it('asks a Thai customer in Thai when the case is resolved; the tap is the score, the next message the comment', async () => {
    await h.send(customerA, { text: 'เติมเงิน 500 บาทแล้วเครดิตไม่เข้า ORD-12345' });
    caseA = await caseOf(customerA);
    await own(caseA.id, staff.Anan);
    await resolve(caseA.number);
    const question = await waitForMessageTo(h, customerA, isQuestion);
    expect(question.text).toContain(caseA.number);
    expect(question.text).toMatch(/คะแนน/);
    expect(question.quickReply.items.map((i: Record<string, any>) => i.action.label)).toEqual(['1 ⭐', '2 ⭐⭐', '3 ⭐⭐⭐', '4 ⭐⭐⭐⭐', '5 ⭐⭐⭐⭐⭐']);
    expect((await eventsOf(caseA.id, 'satisfaction_requested')).length).toBe(1);

    const afterScore = await h.ask(customerA, { postback: { data: buttonData(question, /^4 /) } });
    expect(afterScore.text).toMatch(/ขอบคุณสำหรับคะแนน/);
    expect(afterScore.quickReplies.map((q) => q.label)).toEqual(['ข้าม']);
    const thanks = await h.ask(customerA, { text: 'แก้ไขได้เร็วมาก ขอบคุณค่ะ' });
    expect(thanks.text).toMatch(/ขอบคุณสำหรับความคิดเห็น/);

    // The comment did not reopen the case; the answers are on its timeline, once.
    expect((await h.sys.knex('cases').where({ id: caseA.id }).first()).status).toBe('resolved');
    const answers = (await eventsOf(caseA.id)).filter((e) => String(e.type).startsWith('satisfaction_'));
    expect(answers.map((e) => [e.type, e.actor_type, e.data])).toEqual([
      ['satisfaction_requested', 'system', { language: 'th' }],
      ['satisfaction_rated', 'customer', { score: 4 }],
      ['satisfaction_commented', 'customer', { comment: 'แก้ไขได้เร็วมาก ขอบคุณค่ะ' }],
    ]);

    // A second tap on the old question: the first answer stands.
    const again = await h.ask(customerA, { postback: { data: buttonData(question, /^1 /) } });
    expect(again.text).toMatch(/ขอบคุณ/);
    expect((await eventsOf(caseA.id, 'satisfaction_rated')).map((e) => e.data)).toEqual([{ score: 4 }]);
  });

  it('asks an English customer in English; a typed digit is the score; Skip leaves no comment; never asked twice', async () => {
    await h.send(customerB, { text: 'I topped up 300 baht but my credit did not arrive, order ORD-55555' });
    caseB = await caseOf(customerB);
    await own(caseB.id, staff.Bee);
    await resolve(caseB.number);
    const question = await waitForMessageTo(h, customerB, isQuestion);
    expect(question.text).toMatch(/rate us from 1/);
    const afterScore = await h.ask(customerB, { text: '2' });
    expect(afterScore.text).toMatch(/Thank you for your rating/);
    const thanks = await h.ask(customerB, { postback: { data: afterScore.quickReplies[0].data! } });
    expect(thanks.text).toMatch(/Thank you for your feedback/);
    expect((await eventsOf(caseB.id, 'satisfaction_rated')).map((e) => e.data)).toEqual([{ score: 2 }]);
    expect(await eventsOf(caseB.id, 'satisfaction_commented')).toEqual([]);

    // The customer writes again: the case reopens (the survey is over), and its second resolution asks nothing.
    await h.send(customerB, { text: 'It happened again, my credit is still missing' });
    await until(async () => (await h.sys.knex('cases').where({ id: caseB.id }).first()).reopened_count === 1);
    const before = sentTo(h, customerB).filter(isQuestion).length;
    await resolve(caseB.number);
    await until(async () => sentTo(h, customerB).some((m) => /has been resolved/.test(String(m.text)) && sentTo(h, customerB).filter((x) => /has been resolved/.test(String(x.text))).length === 2));
    await untilSettled(h.sys.knex);
    expect(sentTo(h, customerB).filter(isQuestion).length).toBe(before);
    expect((await eventsOf(caseB.id, 'satisfaction_requested')).length).toBe(1);
  });

  it('asks nothing when the case type has it off, and a tap on someone else’s case records nothing', async () => {
    await h.send(customerC, { text: 'เติมเงิน 200 บาท เครดิตไม่เข้าค่ะ ORD-77777' });
    caseC = await caseOf(customerC);
    await own(caseC.id, staff.Chai);
    await setSwitch(false);
    await resolve(caseC.number);
    await waitForMessageTo(h, customerC, (m) => /แก้ไขเรียบร้อยแล้ว/.test(String(m.text)));
    await untilSettled(h.sys.knex);
    expect(sentTo(h, customerC).filter(isQuestion)).toEqual([]);
    expect(await eventsOf(caseC.id, 'satisfaction_requested')).toEqual([]);
    await setSwitch(true);

    // C forges a tap for A's case, and one for their own (never asked): neither is recorded.
    await h.send(customerC, { postback: { data: `act=csat&v=${caseA.number}:1` } });
    await h.send(customerC, { postback: { data: `act=csat&v=${caseC.number}:5` } });
    await untilSettled(h.sys.knex);
    expect((await eventsOf(caseA.id, 'satisfaction_rated')).map((e) => e.data)).toEqual([{ score: 4 }]);
    expect(await eventsOf(caseC.id, 'satisfaction_rated')).toEqual([]);
  });
});

describe('GET /api/v1/analytics/csat and the staff score', () => {
  it('counts the answers as worked out by hand, by staff, case type and period, with the comments', async () => {
    const r = await api('GET', `/api/v1/analytics/csat?${PERIOD()}`, undefined, managerKey);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ cases: { value: 3 }, asked: { value: 2 }, answered: { value: 2 }, responseRate: 1, averageScore: 3, csatScore: 0.5, satisfied: { value: 1 }, unsatisfied: { value: 1 } });
    expect(r.json.distribution).toEqual([{ score: 1, answers: 0 }, { score: 2, answers: 1 }, { score: 3, answers: 0 }, { score: 4, answers: 1 }, { score: 5, answers: 0 }]);
    expect(r.json.byStaff.map((s: Record<string, unknown>) => [s.name, s.asked, s.answered, s.averageScore, s.csatScore])).toEqual([
      ['Anan', 1, 1, 4, 1],
      ['Bee', 1, 1, 2, 0],
    ]);
    expect(r.json.byCaseType).toMatchObject([{ caseType: 'topup_not_credited', asked: 2, answered: 2, responseRate: 1, averageScore: 3 }]);
    expect(r.json.comments).toMatchObject([{ number: caseA.number, score: 4, comment: 'แก้ไขได้เร็วมาก ขอบคุณค่ะ', staffName: 'Anan' }]);
    const drill = await api('GET', r.json.answered.drill, undefined, managerKey);
    expect(drill.json.cases.map((c: { number: string }) => c.number).sort()).toEqual([caseA.number, caseB.number].sort());
    const anan = await api('GET', r.json.byStaff[0].drill, undefined, managerKey);
    expect(anan.json.cases.map((c: { number: string }) => c.number)).toEqual([caseA.number]);
  });

  it('scores customer impact from the answers, and by the old rule for someone without any', async () => {
    const p = await api('GET', `/api/v1/analytics/staff-performance?${PERIOD()}`, undefined, managerKey);
    const part = (name: string) => p.json.staff.find((s: { name: string }) => s.name === name).parts.customerImpact;
    expect(part('Anan')).toMatchObject({ value: 75, weight: 10, points: 7.5 });
    expect(part('Bee')).toMatchObject({ value: 25, points: 2.5 });
    expect(part('Chai')).toMatchObject({ value: 100, points: 10 });
  });

  it('gives the same answer once the workers have rolled up the cases (the job runs on its own)', async () => {
    const queue = h.sys.queues.queue(ANALYTICS_ROLLUP_QUEUE) as unknown as { getJobSchedulers(): Promise<{ key?: string; id?: string | null }[]> };
    expect((await queue.getJobSchedulers()).map((s) => s.key ?? s.id)).toContain('analytics-rollup');
    // The org's facts built and every changed case recomputed, by the scheduled job alone.
    await until(async () => {
      const ready = await rollupReady(h.sys.knex, h.sys.defaultOrgId, await calendarFor(h.sys.knex, h.sys.defaultOrgId));
      const changed = Number((await h.sys.knex('analytics_dirty_cases').count('* as n').first())!.n);
      return ready && changed === 0;
    }, 30_000);
    const rolled = await h.sys.knex('analytics_case_facts').whereIn('case_id', [caseA.id, caseB.id, caseC.id]).where({ closed: true });
    expect(rolled).toHaveLength(3);
    const r = await api('GET', `/api/v1/analytics/csat?${PERIOD()}`, undefined, managerKey);
    expect(r.json).toMatchObject({ cases: { value: 3 }, asked: { value: 2 }, answered: { value: 2 }, responseRate: 1, averageScore: 3, csatScore: 0.5 });
  });

  it('answers its tables as CSV and refuses bad input', async () => {
    const csv = await fetch(`${h.sys.url}/api/v1/analytics/csat?${PERIOD()}&format=csv&table=comments`, { headers: { authorization: `Bearer ${managerKey}` } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('number,caseType,staffId,staffName,score,comment,ratedAt (Asia/Bangkok)');
    expect(lines[1]).toContain('แก้ไขได้เร็วมาก');
    for (const q of ['format=csv&table=nope', 'from=2026-03-08&to=2026-03-02', 'score=5', 'granularity=year']) {
      expect([q, (await api('GET', `/api/v1/analytics/csat?${q}`, undefined, managerKey)).status]).toEqual([q, 422]);
    }
    expect((await api('GET', `/api/v1/analytics/cases?${PERIOD()}&figure=csat.bogus`, undefined, managerKey)).status).toBe(422);
  });
});
