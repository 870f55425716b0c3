import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_FALLBACK_MS } from '../bot/inbound-handler.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * A customer's message is routed by the job that stored it, one hop fewer on the way to the
 * answer; the route-message row committed with the message is the fallback, held in the outbox
 * until ROUTE_FALLBACK_MS and run only when that routing did not happen.
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
});
afterAll(() => h?.close());

const routeRowOf = (messageId: string) =>
  h.sys.knex('outbox').where({ job_name: 'route-message' }).whereRaw(`payload->>'messageId' = ?`, [messageId]).first('status', 'enqueue_count', 'attempts');
const messageSaying = (text: string) => h.sys.knex('messages').where({ direction: 'in', text }).first('id', 'routed_at');

describe('routing a message where it is stored', () => {
  it('answers from the job that stored the message: its route-message row is done and was never queued', async () => {
    const reply = await h.ask(lineId('U'), { text: 'hello there' });
    expect(reply.text.length).toBeGreaterThan(0);
    const m = await messageSaying('hello there');
    expect(m.routed_at).not.toBeNull();
    expect(await routeRowOf(m.id)).toEqual({ status: 'done', enqueue_count: 0, attempts: 1 });
  });

  it('leaves a routing that failed to the held row, which answers once, after the fallback delay', async () => {
    // The first routing's transaction fails (as a deadlock or a lost connection would make it); the
    // next one goes through. (A sequence counts the tries: it is not rolled back with them.)
    await h.sys.knex.raw(`
      CREATE SEQUENCE route_tries;
      CREATE FUNCTION fail_route_once() RETURNS trigger AS $$
      BEGIN
        IF nextval('route_tries') = 1 THEN
          RAISE EXCEPTION 'the first routing fails';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_route_once BEFORE INSERT ON classifications FOR EACH ROW EXECUTE FUNCTION fail_route_once();`);
    try {
      const customer = lineId('U');
      const sent = Date.now();
      const reply = await h.ask(customer, { text: 'what are your opening hours?' });
      expect(reply.text.length).toBeGreaterThan(0);
      expect(Date.now() - sent).toBeGreaterThanOrEqual(ROUTE_FALLBACK_MS - 1000);
      const m = await messageSaying('what are your opening hours?');
      await until(async () => (await routeRowOf(m.id))?.status === 'done');
      expect(await routeRowOf(m.id)).toMatchObject({ status: 'done', enqueue_count: 1 });
      // One answer: the routing that failed wrote nothing.
      const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id');
      const answers = await h.sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out' }).count({ n: '*' }).first();
      expect(Number(answers?.n)).toBe(1);
    } finally {
      await h.sys.knex.raw('DROP TRIGGER fail_route_once ON classifications; DROP FUNCTION fail_route_once(); DROP SEQUENCE route_tries;');
    }
  }, 30_000);
});
