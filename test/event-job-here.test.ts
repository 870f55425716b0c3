import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { HERE_FALLBACK_MS, InboundBatcher } from '../core/inbound/inbound-batcher.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * A stored event's job runs in the process whose webhook stored it, at once (#41,
 * core/inbound/inbound-batcher.ts `workHere`): no relay pass and no queued job on the way to the
 * customer's answer. Its outbox row waits as the fallback: a first try that fails is made due for
 * its own job, which answers once; a process that never runs it leaves it held for the relay.
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
});
afterAll(() => h?.close());

const eventRowOf = async (text: string) => {
  const m = await h.sys.knex('messages').where({ direction: 'in', text }).first('inbound_event_id');
  return h.sys.knex('outbox').where({ job_name: 'process-event' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [m.inbound_event_id]).first('status', 'enqueue_count', 'attempts');
};
const answersIn = async (customer: string) => {
  const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id');
  const n = await h.sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', kind: 'text' }).count({ n: '*' }).first();
  return Number(n?.n);
};

describe("a stored event's job", () => {
  it('runs where the webhook stored it: its row is done and was never queued', async () => {
    const customer = lineId('U');
    const reply = await h.ask(customer, { text: 'good morning' });
    expect(reply.text.length).toBeGreaterThan(0);
    await until(async () => (await eventRowOf('good morning'))?.status === 'done');
    expect(await eventRowOf('good morning')).toEqual({ status: 'done', enqueue_count: 0, attempts: 1 });
    expect(await answersIn(customer)).toBe(1);
  });

  it('that fails here (on a PostgreSQL server stored and routed at once, then apart) is made due for its own job, which stores and answers the message once', async () => {
    await h.sys.knex.raw(`
      CREATE SEQUENCE store_tries;
      CREATE FUNCTION fail_store_once() RETURNS trigger AS $$
      BEGIN
        IF nextval('store_tries') <= ${process.env.TEST_DATABASE_URL ? 2 : 1} THEN
          RAISE EXCEPTION 'the store fails';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_store_once BEFORE INSERT ON conversations FOR EACH ROW EXECUTE FUNCTION fail_store_once();`);
    try {
      const customer = lineId('U');
      const reply = await h.ask(customer, { text: 'is anyone there?' });
      expect(reply.text.length).toBeGreaterThan(0);
      await until(async () => (await eventRowOf('is anyone there?'))?.status === 'done');
      // The try here and its job's: one message stored, one answer.
      expect(await eventRowOf('is anyone there?')).toEqual({ status: 'done', enqueue_count: 1, attempts: 2 });
      expect(await h.sys.knex('messages').where({ direction: 'in', text: 'is anyone there?' }).count({ n: '*' }).first()).toEqual({ n: 1 });
      expect(await answersIn(customer)).toBe(1);
    } finally {
      await h.sys.knex.raw('DROP TRIGGER fail_store_once ON conversations; DROP FUNCTION fail_store_once(); DROP SEQUENCE store_tries;');
    }
  }, 30_000);

  it('left unrun (its process died) waits in the outbox as the fallback, then goes to the relay', async () => {
    const channel = await h.sys.knex('channels').where({ kind: 'line', is_active: true }).first('id', 'org_id');
    let handed: unknown[] = [];
    const dying = new InboundBatcher(h.sys.knex, { workHere: { run: async (work) => void (handed = work) } });
    const before = Date.now();
    await dying.store({ id: channel.id, orgId: channel.org_id }, [{ platformEventId: `died-${before}`, eventType: 'unfollow', occurredAt: new Date(), payload: { type: 'unfollow' } }]);
    await until(async () => handed.length === 1);
    const event = await h.sys.knex('inbound_events').where({ platform_event_id: `died-${before}` }).first('id');
    const row = await h.sys.knex('outbox').where({ job_name: 'process-event' }).whereRaw(`(payload->>'inboundEventId')::bigint = ?`, [event.id]).first('status', 'available_at', 'enqueue_count', 'payload');
    expect(row.status).toBe('pending');
    expect(row.enqueue_count).toBe(0);
    expect(row.available_at.getTime()).toBeGreaterThanOrEqual(before + HERE_FALLBACK_MS - 1000);
    // The job run here is handed the event as stored, to read nothing before claiming it; its row keeps only the id.
    expect(row.payload).toEqual({ inboundEventId: Number(event.id) });
    expect(handed).toEqual([
      expect.objectContaining({
        jobName: 'process-event',
        payload: { inboundEventId: Number(event.id), storedHere: { id: Number(event.id), org_id: channel.org_id, channel_id: channel.id, payload: { type: 'unfollow' }, received_at: expect.any(Date), processed_at: null } },
      }),
    ]);
  });
});
