import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { recordFailedSend, subscribeToFailedSends } from '../conversations/outgoing.ts';
import { alertSendFailed } from './send-failure-alert.ts';

/**
 * A send that failed for good, on a real database: its messages are failed and the managers' groups
 * are told, in the same transaction, once per outbox row; an alert that cannot be written does not
 * undo the failure.
 */
let db: TestDatabase;
let orgId: string;
let channelId: string;
const MANAGERS_GROUP = 'C' + 'a'.repeat(32);

beforeAll(async () => {
  db = await createTestDatabase();
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'send-failure', name: 'Send failure' }).returning('id');
  [{ id: channelId }] = await db.knex('channels').insert({ org_id: orgId, kind: 'line', name: 'LINE', settings: '{}' }).returning('id');
  await db.knex('staff_groups').insert({ org_id: orgId, channel_id: channelId, line_group_id: MANAGERS_GROUP, purpose: 'managers', name: 'Managers', is_active: true, language: 'en' });
  subscribeToFailedSends('managers-alert', alertSendFailed);
}, 120_000);
afterAll(async () => {
  await db?.destroy();
});

/** A customer's conversation with two pending messages, sent by one outbox row. */
async function pendingSend() {
  const outboxId = randomUUID();
  const [{ id: conversationId }] = await db.knex('conversations').insert({ org_id: orgId, channel_id: channelId, external_id: 'U' + randomUUID().replaceAll('-', '') }).returning('id');
  const rows: { id: string }[] = await db.knex('messages')
    .insert(['one', 'two'].map((text) => ({ org_id: orgId, conversation_id: conversationId, direction: 'out', sender_type: 'bot', text, delivery_status: 'pending', outbox_id: outboxId })))
    .returning('id');
  return { orgId, outboxId, conversationId, messageIds: rows.map((r) => r.id), reason: 'LINE answered 400: The request body has 1 error(s)' };
}

/** What the bot queued for the managers' group about this outbox row. */
const alertsAbout = (outboxId: string) =>
  db.knex('messages as m')
    .join('conversations as c', 'c.id', 'm.conversation_id')
    .where({ 'c.external_id': MANAGERS_GROUP, 'm.direction': 'out' })
    .andWhere('m.text', 'like', `%${outboxId}%`)
    .pluck('m.text');

describe('a failed send', () => {
  it("fails its pending messages with the reason and tells the managers' group, once per outbox row", async () => {
    const send = await pendingSend();

    expect(await recordFailedSend(db.knex, send)).toEqual({ failed: 2 });

    const messages = await db.knex('messages').whereIn('id', send.messageIds).select('delivery_status', 'delivery_error');
    expect(messages).toEqual([
      { delivery_status: 'failed', delivery_error: send.reason },
      { delivery_status: 'failed', delivery_error: send.reason },
    ]);
    const alerts = await alertsAbout(send.outboxId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('2 message(s)');
    expect(alerts[0]).toContain(send.reason);

    // Sent again through the API and failed again: the group already knows.
    await db.knex('messages').whereIn('id', send.messageIds).update({ delivery_status: 'pending' });
    expect(await recordFailedSend(db.knex, send)).toEqual({ failed: 2 });
    expect(await alertsAbout(send.outboxId)).toHaveLength(1);
  });

  it('tells nobody when none of its messages was still pending', async () => {
    const send = await pendingSend();
    await db.knex('messages').whereIn('id', send.messageIds).update({ delivery_status: 'sent' });
    expect(await recordFailedSend(db.knex, send)).toEqual({ failed: 0 });
    expect(await alertsAbout(send.outboxId)).toEqual([]);
  });

  it('stays failed when a reaction fails: the reactions are rolled back alone, and the error returned', async () => {
    const send = await pendingSend();
    subscribeToFailedSends('broken', async () => {
      throw new Error('no alert today');
    });
    try {
      const result = await recordFailedSend(db.knex, send);
      expect(result.failed).toBe(2);
      expect((result.reactionError as Error).message).toBe('no alert today');
    } finally {
      subscribeToFailedSends('broken', async () => undefined);
    }
    expect(await db.knex('messages').whereIn('id', send.messageIds).pluck('delivery_status')).toEqual(['failed', 'failed']);
    // The alert before it was rolled back with it.
    expect(await alertsAbout(send.outboxId)).toEqual([]);
  });
});
