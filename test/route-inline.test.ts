import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_FALLBACK_MS, ROUTE_RETRY_MS } from '../bot/inbound-handler.ts';
import { ROUTING_READ, routingReadFor } from '../bot/conversation/route-message.ts';
import { casesInConversation, casesOf } from '../core/cases/case-queries.ts';
import { appendMessage, appendMessageReadForRouting, type MessageRecord } from '../core/conversations/conversation-log.ts';
import { loadIncomingMessage } from '../core/conversations/incoming-message.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * A customer's message is routed by the job that stored it, one hop fewer on the way to the
 * answer. With no LLM to wait for (these tests' offline classifier), in the transaction that stores
 * it, with no fallback row; when that fails, stored first and then routed, the route-message row
 * committed with the message the fallback, held in the outbox until ROUTE_FALLBACK_MS and run only
 * when that routing did not happen (ROUTE_RETRY_MS when the job saw it fail). A customer's messages
 * are routed in their order even when the first one's routing failed and the next one came before
 * its retry.
 */
/** On a PostgreSQL server a message is stored and routed in one transaction; on the embedded database in two. */
const inOne = Boolean(process.env.TEST_DATABASE_URL);
/** Routings to fail so that the route-message row is left to run: the one transaction's and the second's, or the second's alone. */
const bothWays = inOne ? 2 : 1;

let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
});
afterAll(() => h?.close());

const routeRowOf = (messageId: string) =>
  h.sys.knex('outbox').where({ job_name: 'route-message' }).whereRaw(`payload->>'messageId' = ?`, [messageId]).first('status', 'enqueue_count', 'attempts');
/** The bot's text answers in a customer's chat (the privacy notice's card is kind 'other'). */
const textAnswersTo = async (customer: string) => {
  const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id');
  const answers = await h.sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out', kind: 'text' }).count({ n: '*' }).first();
  return Number(answers?.n);
};
const messageSaying = (text: string) => h.sys.knex('messages').where({ direction: 'in', text }).first('id', 'routed_at');

describe('routing a message where it is stored', () => {
  // Each of the next three is about one backend's path (`inOne`): skipped on the other, which takes the other path.
  it.skipIf(inOne)('on the embedded database, answers from the job that stored the message: its route-message row is done and was never queued', async () => {
    const reply = await h.ask(lineId('U'), { text: 'hello from here' });
    expect(reply.text.length).toBeGreaterThan(0);
    const m = await messageSaying('hello from here');
    expect(m.routed_at).not.toBeNull();
    await until(async () => (await routeRowOf(m.id))?.status === 'done');
    expect(await routeRowOf(m.id)).toEqual({ status: 'done', enqueue_count: 0, attempts: 1 });
  });

  it.skipIf(!inOne)('stores and routes a message in one transaction when no LLM is asked: no route-message row', async () => {
    const reply = await h.ask(lineId('U'), { text: 'hello there' });
    expect(reply.text.length).toBeGreaterThan(0);
    const m = await messageSaying('hello there');
    expect(m.routed_at).not.toBeNull();
    expect(await routeRowOf(m.id)).toBeUndefined();
  });

  it.skipIf(!inOne)('stores first and routes after when routing in the same transaction fails: answered at once, its row done and never queued', async () => {
    await failRoutings(1);
    try {
      const customer = lineId('U');
      const sent = Date.now();
      const reply = await h.ask(customer, { text: 'do you deliver on sundays?' });
      expect(reply.text.length).toBeGreaterThan(0);
      expect(Date.now() - sent).toBeLessThan(ROUTE_RETRY_MS);
      const m = await messageSaying('do you deliver on sundays?');
      await until(async () => (await routeRowOf(m.id))?.status === 'done');
      expect(await routeRowOf(m.id)).toEqual({ status: 'done', enqueue_count: 0, attempts: 1 });
      expect(await textAnswersTo(customer)).toBe(1);
    } finally {
      await forgetFailure();
    }
  }, 30_000);

  it('leaves a routing that failed both ways to the held row, made due at the retry delay, which answers once', async () => {
    await failRoutings(bothWays);
    try {
      const customer = lineId('U');
      const sent = Date.now();
      const reply = await h.ask(customer, { text: 'what are your opening hours?' });
      expect(reply.text.length).toBeGreaterThan(0);
      // Not at once (the routing failed), and not after the whole fallback wait (the job saw it fail).
      const waited = Date.now() - sent;
      expect(waited).toBeGreaterThanOrEqual(ROUTE_RETRY_MS - 500);
      expect(waited).toBeLessThan(ROUTE_FALLBACK_MS);
      const m = await messageSaying('what are your opening hours?');
      await until(async () => (await routeRowOf(m.id))?.status === 'done');
      expect(await routeRowOf(m.id)).toMatchObject({ status: 'done', enqueue_count: 1 });
      // One answer (beside the privacy notice's card, kind 'other'): the routing that failed wrote nothing.
      expect(await textAnswersTo(customer)).toBe(1);
    } finally {
      await forgetFailure();
    }
  }, 30_000);

  it("routes a customer's earlier message first when its routing failed and the next one came before the retry", async () => {
    await failRoutings(bothWays);
    try {
      const customer = lineId('U');
      await h.send(customer, { text: 'My order ORD-4411 was charged twice' });
      await until(async () => (await h.sys.knex('messages').where({ direction: 'in', text: 'My order ORD-4411 was charged twice' }).first('id')) ?? false);
      // The first one's routing has failed, both ways (its retry is 2 s away), when the second one arrives.
      await until(async () => Number((await h.sys.knex.raw(`SELECT last_value FROM route_tries`)).rows[0].last_value) >= bothWays);
      await h.send(customer, { text: 'hello?' });
      const first = await until(async () => ((await h.sys.knex('messages').where({ direction: 'in', text: 'My order ORD-4411 was charged twice' }).whereNotNull('routed_at').first('id', 'routed_at')) as { id: string; routed_at: Date } | undefined) ?? false);
      const second = await until(async () => ((await h.sys.knex('messages').where({ direction: 'in', text: 'hello?' }).whereNotNull('routed_at').first('id', 'routed_at')) as { id: string; routed_at: Date } | undefined) ?? false);
      expect(first.routed_at.getTime()).toBeLessThanOrEqual(second.routed_at.getTime());
      // Read in the customer's order: the complaint's reading comes before the "hello?"'s.
      const readings = await h.sys.knex('classifications').whereIn('message_id', [first.id, second.id]).orderBy('id').select('message_id');
      expect(readings.map((r) => r.message_id)[0]).toBe(first.id);
      // Each routed once: the first one's own retry found it done.
      await until(async () => (await routeRowOf(first.id))?.status === 'done');
      const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id');
      const cases = await h.sys.knex('cases').where({ contact_id: h.sys.knex('conversations').where({ id: conversation.id }).select('contact_id') }).count({ n: '*' }).first();
      expect(Number(cases?.n)).toBe(1);
    } finally {
      await forgetFailure();
    }
  }, 30_000);
});

describe('a message two routings reach at once', () => {
  // On the embedded database one session serialises them: the second reads the message only once the first has committed.
  it.skipIf(!inOne)('is acted on once: the second routing, finding it claimed, takes back the reading it wrote with its claim', async () => {
    // The one transaction fails (1st reading); the routing after the store is held in its claim for 3 s (2nd); the third is the other routing's.
    await h.sys.knex.raw(`
      CREATE SEQUENCE route_tries;
      CREATE FUNCTION slow_second_routing() RETURNS trigger AS $$
      DECLARE n bigint := nextval('route_tries');
      BEGIN
        IF n = 1 THEN RAISE EXCEPTION 'the routing fails'; END IF;
        IF n = 2 THEN PERFORM pg_sleep(3); END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER slow_second_routing BEFORE INSERT ON classifications FOR EACH ROW EXECUTE FUNCTION slow_second_routing();`);
    try {
      const customer = lineId('U');
      const answered = h.ask(customer, { text: 'can I pay by card at the shop?' });
      await until(async () => Number((await h.sys.knex.raw(`SELECT last_value FROM route_tries`)).rows[0].last_value) >= 2);
      // While the first routing holds its claim, the message's held row is made due: its own job routes the same message.
      const m = await messageSaying('can I pay by card at the shop?');
      await h.sys.knex('outbox').where({ job_name: 'route-message' }).whereRaw(`payload->>'messageId' = ?`, [m.id]).update({ available_at: h.sys.knex.fn.now() });
      await answered;
      await until(async () => (await routeRowOf(m.id))?.status === 'done');
      // The other routing got as far as its claim (its reading was tried), and none of it stayed.
      expect(Number((await h.sys.knex.raw(`SELECT last_value FROM route_tries`)).rows[0].last_value)).toBe(3);
      expect(Number((await h.sys.knex('classifications').where({ message_id: m.id }).count({ n: '*' }).first())?.n)).toBe(1);
      expect(await textAnswersTo(customer)).toBe(1);
    } finally {
      await h.sys.knex.raw('DROP TRIGGER slow_second_routing ON classifications; DROP FUNCTION slow_second_routing(); DROP SEQUENCE route_tries;');
    }
  }, 30_000);
});

describe("a case's number", () => {
  // On the embedded database every transaction holds its one session (core/db/pglite-session-queue.ts):
  // a second case cannot open while the first's transaction is held open, whatever the counter does.
  it.skipIf(!process.env.TEST_DATABASE_URL)("is drawn before the transaction that opens the case: a second customer's case does not wait for the first's to commit", async () => {
    // The first customer's case's transaction is held open for 8 s, just after the case is written.
    // Only that case's: an earlier test's case may take an event meanwhile (a clock, a reminder).
    await h.sys.knex.raw(`
      CREATE SEQUENCE case_tries;
      CREATE FUNCTION slow_first_case() RETURNS trigger AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM cases c JOIN messages m ON m.id = c.source_message_id
                   WHERE c.id = NEW.case_id AND m.text = 'My parcel ORD-5501 never arrived')
           AND nextval('case_tries') = 1 THEN
          PERFORM pg_sleep(8);
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER slow_first_case BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION slow_first_case();`);
    try {
      const caseOf = (text: string) => h.sys.knex('cases').join('messages', 'messages.id', 'cases.source_message_id').where('messages.text', text).first('cases.number', 'cases.created_at');
      await h.send(lineId('U'), { text: 'My parcel ORD-5501 never arrived' });
      await until(async () => Number((await h.sys.knex.raw(`SELECT last_value FROM case_tries`)).rows[0].last_value) >= 1);
      await h.send(lineId('U'), { text: 'My parcel ORD-5502 came broken' });
      // Drawn inside the transaction, the second case would queue on the org's counter row until the first commits.
      const broken = await until(async () => (await caseOf('My parcel ORD-5502 came broken')) ?? false, 7_500);
      expect(await caseOf('My parcel ORD-5501 never arrived')).toBeUndefined();
      const lost = await until(async () => (await caseOf('My parcel ORD-5501 never arrived')) ?? false, 10_000);
      // Both numbered, each its own.
      expect(lost.number).toMatch(/^C-\d{6}$/);
      expect(lost.number).not.toBe(broken.number);
    } finally {
      await h.sys.knex.raw('DROP TRIGGER slow_first_case ON case_events; DROP FUNCTION slow_first_case(); DROP SEQUENCE case_tries;');
    }
  }, 30_000);
});

/**
 * The next `n` routings' transactions fail (as a deadlock or a lost connection would make them);
 * the ones after go through. (A sequence counts the tries: it is not rolled back with them.)
 */
async function failRoutings(n: number) {
  await h.sys.knex.raw(`
      CREATE SEQUENCE route_tries;
      CREATE FUNCTION fail_route_once() RETURNS trigger AS $$
      BEGIN
        IF nextval('route_tries') <= ${n} THEN
          RAISE EXCEPTION 'the routing fails';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_route_once BEFORE INSERT ON classifications FOR EACH ROW EXECUTE FUNCTION fail_route_once();`);
}
const forgetFailure = () => h.sys.knex.raw('DROP TRIGGER fail_route_once ON classifications; DROP FUNCTION fail_route_once(); DROP SEQUENCE route_tries;');

describe('a message read as it is stored', () => {
  it('reads as the router reads it from the table: the conversation, its contact, the notices seen, the messages still waiting before it, the cases it may be about', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'Hello' });
    await h.ask(customer, { text: 'My order has not arrived yet, it has been a week' });
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first('id', 'org_id', 'contact_id');
    const record = (text: string, platformMessageId: string, sentAt: Date): MessageRecord => ({
      orgId: conversation.org_id,
      conversationId: conversation.id,
      direction: 'in',
      senderType: 'customer',
      kind: 'text',
      text,
      payload: { senderId: customer, message: { kind: 'text', text }, mode: 'active' },
      platformMessageId,
      sentAt,
      deliveryStatus: 'received',
    });
    // Rolled back: nothing is left behind for the tests after.
    await h.sys.knex
      .transaction(async (trx) => {
        // An earlier message not routed yet: the one read with its insert names it as waiting before.
        const earlier = await appendMessage(trx, record('my order is late', `p-${customer}-1`, new Date(Date.now() - 2_000)));
        const stored = await appendMessageReadForRouting(trx, record('hello?', `p-${customer}-2`, new Date()), ROUTING_READ);
        expect(stored.incoming).toBeDefined();
        expect(stored.incoming!.waitingBefore).toEqual([earlier]);
        expect(stored.incoming!.conversation.noticesSeen).toEqual(expect.any(Array));
        expect(stored.incoming).toEqual(await loadIncomingMessage(trx, stored.id!, ROUTING_READ));
        // With the cases the message may be about (#41): the same as their own read, the open one found.
        const rules = await routingReadFor({ knex: h.sys.knex }, conversation.org_id);
        const withCases = await appendMessageReadForRouting(trx, record('any news?', `p-${customer}-3`, new Date()), rules);
        const bounds = { touchedSince: new Date(Date.now() - 7 * 86_400_000), resolvedSince: new Date(Date.now() - 72 * 3_600_000) };
        const own = await casesInConversation(trx, { contactId: conversation.contact_id, conversationId: conversation.id, ...bounds });
        expect(own.open?.number).toEqual(expect.any(String));
        expect(casesOf(withCases.incoming!.conversation.casesHere!)).toEqual(own);
        // The same platform message again is stored once, and there is nothing to route.
        expect(await appendMessageReadForRouting(trx, record('hello?', `p-${customer}-2`, new Date()), ROUTING_READ)).toEqual({ id: null, incoming: undefined });
        throw new Error('roll back');
      })
      .catch((err: Error) => {
        if (err.message !== 'roll back') throw err;
      });
  });
});
