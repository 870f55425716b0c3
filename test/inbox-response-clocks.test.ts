import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { openCase } from '../core/cases/open-case.ts';
import { snoozeEnded } from '../core/conversations/conversation-commands.ts';
import { dueInboxTimers, fireResponseTimer, scheduleResponseTimers, type ResponseCheck } from '../core/conversations/response-clock.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, enrolStaff, sentTo, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * The inbox's response clocks, snooze wake and a reply as a case's first response (docs/inbox.md
 * "Response times"), through the real system: signed LINE webhooks, the REST API, the outbox,
 * BullMQ and the fake LINE server. As in the case SLA tests, a clock started by the real flow is
 * then given due times a moment away (its timers scheduled again), instead of faking time.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let somchai: EnrolledStaff;
let mali: EnrolledStaff;
let group: { id: string; groupId: string };
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  [somchai, mali] = await Promise.all([enrolStaff(h, { displayName: 'Somchai', role: 'support' }), enrolStaff(h, { displayName: 'Mali', role: 'manager' })]);
  for (const s of [somchai, mali]) {
    const res = await api('POST', '/api/v1/api-keys', { name: `clocks ${s.displayName}`, role: s.role, staffId: s.id });
    keys[s.displayName] = res.json.key;
  }
  group = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'en' });
}, 60_000);
afterAll(() => h?.close());

const conversation = (id: string) => h.sys.knex('conversations').where({ id }).first();
const events = (id: string, types: string[]) => h.sys.knex('conversation_events').where({ conversation_id: id }).whereIn('type', types).orderBy('id');

/** A customer with a name who asked for a person; their conversation. */
async function customerWaiting() {
  const customer = lineId('U');
  const name = `Khun ${randomBytes(3).toString('hex')}`;
  await h.ask(customer, { text: 'I want to talk to a person' });
  const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: customer, inbox_status: 'waiting' }).first()) ?? false);
  // After the LINE profile is read (it names the contact too).
  await untilSettled(h.sys.knex);
  await h.sys.knex('contacts').where({ id: row.contact_id }).update({ display_name: name });
  return { customer, name, id: row.id as string, contactId: row.contact_id as string };
}

async function take(id: string, key = keys.Somchai) {
  const { version } = await conversation(id);
  const res = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: version }, key);
  expect(res.status).toBe(200);
  return res.json;
}

async function reply(id: string, text: string, key = keys.Somchai) {
  const { version } = await conversation(id);
  const res = await api('POST', `/api/v1/conversations/${id}/messages`, { text, expectedVersion: version }, key);
  expect(res.status).toBe(201);
  return res.json;
}

/** The running clock's warning and due time moved to a moment away, and its timers scheduled for them. */
async function dueSoon(id: string, ms: { warn: number; due: number }) {
  const row = await conversation(id);
  expect(row.response_clock).not.toBeNull();
  const times = { response_warn_at: new Date(Date.now() + ms.warn), response_due_at: new Date(Date.now() + ms.due) };
  await h.sys.knex.transaction(async (trx) => {
    await trx('conversations').where({ id }).update(times);
    await scheduleResponseTimers(trx, { id, org_id: row.org_id, response_clock: row.response_clock, ...times });
  });
  return { clock: row.response_clock as string, ...times };
}

/**
 * Until the conversation's timers due by `by` have run (their jobs done), so that what they would
 * do is done; the clock's own timers for later (its 15 minutes) are not waited for.
 */
async function timersRan(id: string, by: Date) {
  await until(async () => Date.now() > by.getTime());
  await until(
    async () =>
      !(await h.sys.knex('outbox').where({ queue: 'inbox-timers' }).whereRaw(`payload->>'conversationId' = ?`, [id]).where('available_at', '<=', by).whereNot('status', 'done').first('id')),
    15_000,
  );
  await untilSettled(h.sys.knex);
}

const textsTo = (to: string, match: RegExp) => sentTo(h, to).filter((m) => m.type === 'text' && match.test(String(m.text)));

describe('the first-response clock', () => {
  it('starts when the customer waits, on the org targets, and is recorded on the timeline', async () => {
    const before = Date.now();
    const { id } = await customerWaiting();
    const row = await conversation(id);
    expect(row.response_clock).toBe('first_response');
    // No business hours: open around the clock, so 15 business minutes are 15 minutes (to the minute).
    const due = new Date(row.response_due_at).getTime();
    expect(due).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000 + 15 * 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    const [started] = await events(id, ['response_due']);
    expect(started.data).toMatchObject({ clock: 'first_response', dueAt: new Date(row.response_due_at).toISOString(), targetMinutes: 15 });
  });

  it('warns the holder 1:1 before the due time and tells them at the breach, each once', async () => {
    const { id, name } = await customerWaiting();
    await take(id);
    const times = await dueSoon(id, { warn: 300, due: 700 });
    const warning = await waitForMessageTo(h, somchai.lineUserId, (m) => m.type === 'text' && String(m.text).startsWith(`${name} is waiting for a first answer`));
    expect(warning.text).toMatch(/due at \d\d:\d\d \(\d+ min left\)\.$/);
    await waitForMessageTo(h, somchai.lineUserId, (m) => m.type === 'text' && String(m.text).startsWith(`${name} has had no first answer`));
    const fired = await events(id, ['response_warning', 'response_breached']);
    expect(fired.map((e) => [e.type, e.data.clock, e.data.holder])).toEqual([
      ['response_warning', 'first_response', somchai.id],
      ['response_breached', 'first_response', somchai.id],
    ]);

    // The same timer run again, and the sweep: nothing more is recorded or sent.
    const again: ResponseCheck = { conversationId: id, clock: 'first_response', moment: 'breach', at: times.response_due_at.toISOString() };
    expect(await h.sys.knex.transaction((trx) => fireResponseTimer(trx, again))).toBe(false);
    expect((await dueInboxTimers(h.sys.knex, new Date())).responses.filter((r) => r.conversationId === id)).toEqual([]);
    await timersRan(id, times.response_due_at);
    expect(await events(id, ['response_warning', 'response_breached'])).toHaveLength(2);
    expect(textsTo(somchai.lineUserId, new RegExp(`^${name} (is waiting|has had no)`))).toHaveLength(2);
    // Nobody else heard of it: the group hears only while nobody holds the conversation.
    expect(textsTo(group.groupId, new RegExp(`^${name}`))).toEqual([]);
  });

  it('while nobody holds the conversation, warns the support group that got its card', async () => {
    const { id, name } = await customerWaiting();
    await dueSoon(id, { warn: 200, due: 60_000 });
    await waitForMessageTo(h, group.groupId, (m) => m.type === 'text' && String(m.text).startsWith(`${name} is waiting for a first answer`));
    expect(textsTo(somchai.lineUserId, new RegExp(`^${name}`))).toEqual([]);
  });

  it('with no holder and no support group, tells the managers 1:1 that nobody takes it', async () => {
    await h.sys.knex('staff_groups').where({ id: group.id }).update({ is_active: false });
    try {
      const { id, name } = await customerWaiting();
      await dueSoon(id, { warn: 100, due: 300 });
      const told = await waitForMessageTo(h, mali.lineUserId, (m) => m.type === 'text' && String(m.text).startsWith(`${name} has had no first answer`));
      expect(told.text).toContain('Nobody holds it and no support group takes it.');
      // A support member is not a manager: Somchai hears nothing of it.
      expect(textsTo(somchai.lineUserId, new RegExp(`^${name}`))).toEqual([]);
    } finally {
      await h.sys.knex('staff_groups').where({ id: group.id }).update({ is_active: true });
    }
  });

  it('stops at the first staff reply: no alert comes later, and the reply keeps what it took', async () => {
    const { id, name } = await customerWaiting();
    await take(id);
    const times = await dueSoon(id, { warn: 400, due: 800 });
    await reply(id, 'Hello, Somchai here');
    await timersRan(id, times.response_due_at);
    expect(await events(id, ['response_warning', 'response_breached'])).toEqual([]);
    expect(textsTo(somchai.lineUserId, new RegExp(`^${name}`))).toEqual([]);
    const row = await conversation(id);
    expect(row.response_clock).toBeNull();
    const [replied] = await events(id, ['replied']);
    expect(replied.data.response).toMatchObject({ clock: 'first_response', met: true, businessMinutes: 0 });
  });

  it('starts the next-response clock when the customer writes after a reply, and the next reply stops it', async () => {
    const { id, customer, name } = await customerWaiting();
    await take(id);
    await reply(id, 'How can I help?');
    await h.tell(customer, 'my parcel has not come');
    const row = await until(async () => ((await conversation(id)).response_clock === 'next_response' ? conversation(id) : false));
    const started = (await events(id, ['response_due'])).map((e) => e.data.clock);
    expect(started).toEqual(['first_response', 'next_response']);
    expect(new Date(row.response_due_at).getTime() - new Date(row.response_started_at).getTime()).toBeGreaterThanOrEqual(29 * 60_000);

    // A second message while it runs does not start it again.
    await h.tell(customer, 'it was due on Monday');
    expect((await events(id, ['response_due'])).map((e) => e.data.clock)).toEqual(['first_response', 'next_response']);

    // Its own warning goes to the holder, named as the next answer.
    await dueSoon(id, { warn: 100, due: 60_000 });
    await waitForMessageTo(h, somchai.lineUserId, (m) => m.type === 'text' && String(m.text).startsWith(`${name} is waiting for a next answer`));
    await reply(id, 'Let me check');
    const replies = await events(id, ['replied']);
    expect(replies.map((e) => e.data.response?.clock)).toEqual(['first_response', 'next_response']);
    expect((await conversation(id)).response_clock).toBeNull();
  });

  it('stops without an alert when the conversation is resolved', async () => {
    const { id, name } = await customerWaiting();
    await take(id);
    const times = await dueSoon(id, { warn: 300, due: 600 });
    const { version } = await conversation(id);
    expect((await api('POST', `/api/v1/conversations/${id}/resolve`, { expectedVersion: version }, keys.Somchai)).status).toBe(200);
    await timersRan(id, times.response_due_at);
    expect(await events(id, ['response_warning', 'response_breached'])).toEqual([]);
    expect(textsTo(somchai.lineUserId, new RegExp(`^${name}`))).toEqual([]);
    expect((await conversation(id)).response_clock).toBeNull();
  });

  it('takes the org response times from its settings', async () => {
    const set = await api('PATCH', '/api/v1/org/settings', { responseTimes: { firstResponseMinutes: 5, nextResponseMinutes: 10, warnAtRatio: 0.5 } });
    expect(set.status).toBe(200);
    expect(set.json.responseTimes).toEqual({ firstResponseMinutes: 5, nextResponseMinutes: 10, warnAtRatio: 0.5 });
    const bad = await api('PATCH', '/api/v1/org/settings', { responseTimes: { firstResponseMinutes: 0, nextResponseMinutes: 10, warnAtRatio: 1.5 } });
    expect(bad.status).toBe(422);
    try {
      const { id } = await customerWaiting();
      const row = await conversation(id);
      const started = new Date(row.response_started_at).getTime();
      const minute = (at: Date) => Math.floor(at.getTime() / 60_000) * 60_000;
      expect(new Date(row.response_due_at).getTime()).toBe(minute(new Date(started)) + 5 * 60_000);
      expect(new Date(row.response_warn_at).getTime()).toBe(minute(new Date(started)) + 2 * 60_000);
    } finally {
      expect((await api('PATCH', '/api/v1/org/settings', { responseTimes: null })).json.responseTimes).toEqual({ firstResponseMinutes: 15, nextResponseMinutes: 30, warnAtRatio: 0.75 });
    }
  });
});

describe('snoozes', () => {
  it('wake when their time comes: the conversation waits again, the holder is told, the clock starts again', async () => {
    const { id, name } = await customerWaiting();
    await take(id);
    const until_ = new Date(Date.now() + 600);
    const { version } = await conversation(id);
    const snoozed = await api('POST', `/api/v1/conversations/${id}/snooze`, { until: until_.toISOString(), expectedVersion: version }, keys.Somchai);
    expect(snoozed.json).toMatchObject({ status: 'snoozed' });
    // Snoozing stopped the clock.
    expect((await conversation(id)).response_clock).toBeNull();

    await waitForMessageTo(h, somchai.lineUserId, (m) => m.type === 'text' && m.text === `Your snooze of the conversation with ${name} is over: it is waiting for a person.`);
    const row = await conversation(id);
    expect(row).toMatchObject({ inbox_status: 'waiting', assignee_staff_id: null, snoozed_until: null });
    const [woke] = await events(id, ['woke']);
    expect(woke.data).toMatchObject({ reason: 'snooze_ended', previousAssignee: somchai.id, until: until_.toISOString() });
    // Nobody has answered the customer yet: the first-response clock runs again, from the wake.
    expect(row.response_clock).toBe('first_response');
    expect(new Date(row.response_started_at).getTime()).toBe(new Date(woke.created_at).getTime());

    // The job again (a second delivery), and the sweep: nothing more.
    expect(await h.sys.knex.transaction((trx) => snoozeEnded(trx, { orgId: row.org_id, conversationId: id, until: until_.toISOString(), now: new Date() }))).toBe(false);
    expect((await dueInboxTimers(h.sys.knex, new Date())).snoozes.filter((s) => s.conversationId === id)).toEqual([]);
    await timersRan(id, until_);
    expect(await events(id, ['woke'])).toHaveLength(1);
    expect(textsTo(somchai.lineUserId, new RegExp(`snooze of the conversation with ${name}`))).toHaveLength(1);
  });

  it('a wake for a snooze moved later does nothing', async () => {
    const { id, name } = await customerWaiting();
    await take(id);
    const first = new Date(Date.now() + 500);
    const later = new Date(Date.now() + 3_600_000);
    for (const until_ of [first, later]) {
      const { version } = await conversation(id);
      expect((await api('POST', `/api/v1/conversations/${id}/snooze`, { until: until_.toISOString(), expectedVersion: version }, keys.Somchai)).status).toBe(200);
    }
    // The first wake's job has run (it is due), and found the snooze moved.
    await until(async () => !(await h.sys.knex('outbox').where({ queue: 'inbox-timers', job_name: 'snooze-end' }).whereRaw(`payload->>'until' = ?`, [first.toISOString()]).whereNot('status', 'done').first('id')));
    await untilSettled(h.sys.knex);
    expect(await conversation(id)).toMatchObject({ inbox_status: 'snoozed', assignee_staff_id: somchai.id });
    expect(await events(id, ['woke'])).toEqual([]);
    expect(textsTo(somchai.lineUserId, new RegExp(name))).toEqual([]);
  });

  it('woken by the customer, the snooze is told as before and its later job does nothing', async () => {
    const { id, customer, name } = await customerWaiting();
    await take(id);
    const until_ = new Date(Date.now() + 1500);
    const { version } = await conversation(id);
    await api('POST', `/api/v1/conversations/${id}/snooze`, { until: until_.toISOString(), expectedVersion: version }, keys.Somchai);
    await h.tell(customer, 'hello again?');
    await waitForMessageTo(h, somchai.lineUserId, (m) => m.type === 'text' && m.text === `${name} wrote again: the conversation you snoozed is waiting for a person.`);
    await timersRan(id, until_);
    expect((await events(id, ['woke'])).map((e) => e.data.reason)).toEqual(['customer_wrote']);
  });
});

describe('the sweep', () => {
  it('catches a warning, a breach and a snooze end whose jobs were lost', async () => {
    const { id, name } = await customerWaiting();
    await take(id);
    // Due times in the past, with no timers scheduled: as if Redis lost the jobs.
    const past = { response_warn_at: new Date(Date.now() - 2000), response_due_at: new Date(Date.now() - 1000) };
    await h.sys.knex('conversations').where({ id }).update(past);
    const due = (await dueInboxTimers(h.sys.knex, new Date())).responses.filter((r) => r.conversationId === id);
    expect(due.map((d) => d.moment).sort()).toEqual(['breach', 'warning']);
    for (const check of due) expect(await h.sys.knex.transaction((trx) => fireResponseTimer(trx, check))).toBe(true);
    expect((await events(id, ['response_warning', 'response_breached'])).map((e) => e.type)).toEqual(['response_warning', 'response_breached']);
    await waitForMessageTo(h, somchai.lineUserId, (m) => m.type === 'text' && String(m.text).startsWith(`${name} has had no first answer`));
    expect((await dueInboxTimers(h.sys.knex, new Date())).responses.filter((r) => r.conversationId === id)).toEqual([]);

    // A snooze whose time has come and whose job never ran.
    const { version } = await conversation(id);
    const later = new Date(Date.now() + 3_600_000);
    expect((await api('POST', `/api/v1/conversations/${id}/snooze`, { until: later.toISOString(), expectedVersion: version }, keys.Somchai)).status).toBe(200);
    const ended = new Date(Date.now() - 1000);
    await h.sys.knex('conversations').where({ id }).update({ snoozed_until: ended });
    const [lost] = (await dueInboxTimers(h.sys.knex, new Date())).snoozes.filter((s) => s.conversationId === id);
    expect(lost).toEqual({ conversationId: id, orgId: h.sys.defaultOrgId, until: ended.toISOString() });
    expect(await h.sys.knex.transaction((trx) => snoozeEnded(trx, { ...lost, now: new Date() }))).toBe(true);
    expect((await conversation(id)).inbox_status).toBe('waiting');
  });
});

describe('a reply in the inbox on a conversation with an open case', () => {
  it('is the case first response, goes on its timeline, and leaves a first response already given as it was', async () => {
    const { id, contactId } = await customerWaiting();
    const opened = await h.sys.knex.transaction((trx) =>
      openCase(trx, { orgId: h.sys.defaultOrgId, caseTypeKey: 'order_not_delivered', contactId, conversationId: id, sourceMessageId: null, source: 'line', summary: 'late order', language: 'en', fields: {} }),
    );
    // A case of someone else's conversation is not touched.
    const other = await customerWaiting();
    const elsewhere = await h.sys.knex.transaction((trx) =>
      openCase(trx, { orgId: h.sys.defaultOrgId, caseTypeKey: 'order_not_delivered', contactId: other.contactId, conversationId: other.id, sourceMessageId: null, source: 'line', summary: 'late order', language: 'en', fields: {} }),
    );
    expect((await h.sys.knex('cases').where({ id: opened.id }).first()).first_responded_at).toBeNull();

    const sent = await reply(id, 'We are looking at your order');
    const c = await h.sys.knex('cases').where({ id: opened.id }).first();
    const [replied] = await events(id, ['replied']);
    expect(new Date(c.first_responded_at).getTime()).toBe(new Date(replied.created_at).getTime());
    const out = await h.sys.knex('case_events').where({ case_id: opened.id, type: 'message_out' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, is_public: true, data: { messageIds: sent.messageIds, text: 'We are looking at your order', fromInbox: true } });
    expect((await h.sys.knex('cases').where({ id: elsewhere.id }).first()).first_responded_at).toBeNull();

    // The case's first-response timer, when it comes, finds it answered.
    await reply(id, 'Found it');
    expect(new Date((await h.sys.knex('cases').where({ id: opened.id }).first()).first_responded_at).getTime()).toBe(new Date(c.first_responded_at).getTime());
    expect(await h.sys.knex('case_events').where({ case_id: opened.id, type: 'message_out' })).toHaveLength(2);
  });
});
