import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { postToGroup, toStaffGroup } from '../core/staff/staff-desk.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { openTestCase } from './support/api-client.ts';
import { configureGroup } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Gentle on quotas: what the bot posts to a staff group within a couple of seconds goes out as one
 * push (LINE counts a push per recipient, however many messages it carries), and every message
 * still goes out exactly once, in order, when several send jobs race for the same group.
 */
let h: LineCustomerHarness;

beforeAll(async () => {
  // The production window (the other tests run on a short one, test/support/test-system.ts).
  h = await startLineCustomerHarness({ GROUP_PUSH_WINDOW_MS: '2000' });
});
afterAll(() => h?.close());

async function groupRow(groupId: string) {
  return toStaffGroup(await h.sys.knex('staff_groups').where({ line_group_id: groupId }).first());
}

/** Posts each text in its own transaction, as separate jobs (cards, alerts) would. */
async function postSeparately(groupId: string, texts: string[]) {
  const group = await groupRow(groupId);
  await Promise.all(texts.map((text) => h.sys.knex.transaction((trx) => postToGroup(trx, group, [{ kind: 'text', text }]))));
}

async function pushCounters() {
  const month = new Date().toISOString().slice(0, 7);
  const value = async (name: string) => Number((await h.sys.knex('org_counters').where({ org_id: h.sys.defaultOrgId, name: `${name}:${month}` }).first())?.value ?? 0);
  return { requests: await value('line_push_requests'), messages: await value('line_push') };
}

const pushesTo = (groupId: string) => h.line.state.deliveriesTo(groupId).filter((d) => d.kind === 'push');
const textsOf = (groupId: string) => pushesTo(groupId).flatMap((d) => d.messages.map((m) => ('text' in m ? m.text : '')));

describe('pushes to a staff group', () => {
  it('combines a burst of posts into one push, in the order they were made, and counts it once', async () => {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    const group = await groupRow(groupId);
    const before = await pushCounters();
    // A third of a second apart: a send is woken within milliseconds, so without the window the
    // first would go alone.
    for (const text of ['first', 'second', 'third']) {
      await h.sys.knex.transaction((trx) => postToGroup(trx, group, [{ kind: 'text', text }]));
      await new Promise((r) => setTimeout(r, 300));
    }
    await until(async () => textsOf(groupId).length === 3, 15_000);
    expect(pushesTo(groupId)).toHaveLength(1);
    expect(textsOf(groupId)).toEqual(['first', 'second', 'third']);
    // LINE has them; the send job then records each as sent, with LINE's message id.
    const rows = await until(async () => {
      const r = await h.sys.knex('messages').where({ direction: 'out' }).whereIn('text', ['first', 'second', 'third']);
      return r.every((m) => m.delivery_status === 'sent') && r;
    });
    expect(rows).toHaveLength(3);
    const after = await until(async () => {
      const c = await pushCounters();
      return c.requests > before.requests && c;
    });
    expect({ requests: after.requests - before.requests, messages: after.messages - before.messages }).toEqual({ requests: 1, messages: 3 });
    expect(rows.every((r) => r.platform_message_id)).toBe(true);
  });

  it('sends a larger burst in pushes of five, each message once, while several jobs race', async () => {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    const texts = Array.from({ length: 12 }, (_, i) => `burst ${i + 1}`);
    await postSeparately(groupId, texts);
    await until(async () => textsOf(groupId).length >= 12, 20_000);
    // Every job done: a straggler would have sent again by then.
    await untilSettled(h.sys.knex);
    expect(textsOf(groupId).sort()).toEqual([...texts].sort());
    expect(pushesTo(groupId).length).toBeLessThanOrEqual(4);
    expect(pushesTo(groupId).every((d) => d.messages.length <= 5)).toBe(true);
    const pending = await h.sys.knex('messages').whereIn('text', texts).whereNot({ delivery_status: 'sent' });
    expect(pending).toEqual([]);
  });

  it('sends the card of a customer waiting for a person at once, with what was pending for the group, not after the window', async () => {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    const group = await groupRow(groupId);
    const [alert] = (await h.sys.knex.transaction((trx) => postToGroup(trx, group, [{ kind: 'text', text: 'an alert just before' }])))!.messageIds;
    await h.ask(lineId('U'), { text: 'I want to talk to a person' });
    const inGroup = h.sys.knex('messages').select('conversation_id').where({ id: alert });
    const card = await until(() => h.sys.knex('messages').whereIn('conversation_id', inGroup).andWhereLike('text', 'A customer asks for a person%').first());
    const dueAfterMs = async (messageId: string) => {
      const row = await h.sys.knex('outbox').join('messages', 'messages.outbox_id', 'outbox.id').where('messages.id', messageId).first('outbox.created_at', 'outbox.available_at');
      return new Date(row.available_at).getTime() - new Date(row.created_at).getTime();
    };
    // The alert waits out the window for more to combine with; the card does not wait.
    expect(await dueAfterMs(alert)).toBeGreaterThan(1000);
    expect(await dueAfterMs(card.id)).toBeLessThan(100);
    await until(async () => textsOf(groupId).length + pushesTo(groupId).flatMap((d) => d.messages).filter((m) => m.type === 'flex').length >= 2, 15_000);
    await untilSettled(h.sys.knex);
    // Each once, the alert first: the card took it along, or it had gone already.
    const sent = pushesTo(groupId).flatMap((d) => d.messages.map((m) => m.type));
    expect(sent).toEqual(['text', 'flex']);
  });

  it('sends a new case’s card at once, with what was pending for the group, not after the window', async () => {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['refund_request'] } });
    const group = await groupRow(groupId);
    const [alert] = (await h.sys.knex.transaction((trx) => postToGroup(trx, group, [{ kind: 'text', text: 'an alert before the case' }])))!.messageIds;
    const c = await openTestCase(h.sys, 'refund_request');
    const card = await until(() => h.sys.knex('messages').where({ case_id: c.id, direction: 'out' }).first());
    const dueAfterMs = async (messageId: string) => {
      const row = await h.sys.knex('outbox').join('messages', 'messages.outbox_id', 'outbox.id').where('messages.id', messageId).first('outbox.created_at', 'outbox.available_at');
      return new Date(row.available_at).getTime() - new Date(row.created_at).getTime();
    };
    // The alert waits out the window; the card does not, and takes the alert along.
    expect(await dueAfterMs(alert)).toBeGreaterThan(1000);
    expect(await dueAfterMs(card.id)).toBeLessThan(100);
    await until(async () => pushesTo(groupId).flatMap((d) => d.messages).length >= 2, 15_000);
    await untilSettled(h.sys.knex);
    expect(pushesTo(groupId).flatMap((d) => d.messages.map((m) => m.type))).toEqual(['text', 'flex']);
  });

  it('posts nothing to a group the bot has left', async () => {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    await h.sys.knex('staff_groups').where({ line_group_id: groupId }).update({ is_active: false });
    const group = await groupRow(groupId);
    const posted = await h.sys.knex.transaction((trx) => postToGroup(trx, group, [{ kind: 'text', text: 'into the void' }]));
    expect(posted).toBeUndefined();
    expect(await h.sys.knex('messages').where({ text: 'into the void' }).first()).toBeUndefined();
  });
});
