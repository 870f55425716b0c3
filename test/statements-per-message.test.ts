import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { untilSettled } from './support/test-system.ts';

/**
 * The message path's cost in database statements (#41, docs/benchmarks.md "One read of the org"):
 * counted with a knex query listener from a new customer's message to its answer and the work it
 * leaves, the least of three customers per kind (`fewest`). The timed polls of the outbox relay and of the
 * analytics are not the customer's and are left out. The budgets sit a little above what was
 * measured (16, 16, 23 and 12 on PostgreSQL, 21, 22, 28 and 17 on the embedded database, on
 * 2026-11-29, once a reply's messages and its token's claim went in with the routing's last
 * statement and its send read nothing back, the dialogue went with them, and the customer's cases
 * were read with the message; 20, 20, 26 and 15 on PostgreSQL, 24, 24, 30 and 20 on the embedded database, once
 * the privacy notice was checked and recorded as shown in one statement; 21, 21, 26 and 15 on
 * PostgreSQL, once a message routed where it is stored was read by the statement that stored it;
 * 22, 22, 27 and 17 on PostgreSQL, 25, 25, 30 and 19 on the
 * embedded database, on 2026-11-28, evening, once a new customer's identity lock was taken with
 * the read that found nobody, a first send claimed its reply token with its read, and a
 * transaction's outbox rows went in with one insert; 25, 25, 33 and 17 on PostgreSQL, 28, 28, 35 and 21 on the embedded database, once the
 * privacy notice's versions a customer saw were read with the message, the org's webhook endpoints
 * kept with its settings and a new case not read back for its acknowledgement and its card;
 * 26, 26, 35 and 18 on PostgreSQL, 29, 29, 38 and 22 on the embedded database, on
 * 2026-11-28, later, once the job run where its event was stored was handed the event, and the
 * message's claim took its reading and the customer's language along, and a case its message;
 * 28, 29, 40 on 2026-11-28, and 20 for a customer who wrote before, once a message
 * with no LLM to wait for was stored and routed in one transaction on a PostgreSQL server; the
 * embedded database keeps the budgets of two transactions; 35, 34, 43 on 2026-11-27, evening, once a message and its conversation's times were
 * one statement, whether a profile is due was read with the identity, "no dialogue" cost nothing
 * when there was none, the event was claimed and marked processed in one statement, and the FAQ
 * entries and case types the bot reads were kept with the org's settings; 25 to 26 for a customer who wrote
 * before, 29 before that; 38, 38, 48 on
 * 2026-11-27, afternoon, once the sender's staff row was read with the
 * message; 39, 39, 49 before, once the taxonomy's version and the privacy notice
 * were kept in memory until a change to them is notified; 41, 41, 50 on 2026-11-27, once the conversation's earlier unrouted messages were read
 * with the message, a send read its conversation and messages together and a new customer's
 * contact and identity were one statement; 44, 45, 53 on 2026-11-26, night, once a customer's open and resolved cases were one
 * statement; 46, 45, 56 before that; 66, 57, 65 before the org's settings and templates were kept
 * in memory), so that a change that brings back a read per message shows here. The relay's and the
 * e-mail drain's passes are left out: those that a commit's notification wakes are checked in
 * test/outbox-wakeup.test.ts (a reply's held fallback wakes neither).
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
  // The first answers warm what is kept per process (the org's row, its templates, the taxonomy).
  await h.ask(lineId('U'), { text: 'Hello' });
  await h.ask(lineId('U'), { text: 'My order has not arrived yet, it has been a week' });
  await untilSettled(h.sys.knex);
});
afterAll(() => h?.close());

const NOT_THE_CUSTOMERS = /analytics_|ANALYZE|VACUUM|^select "id" from "orgs"$|SELECT now\(\) AS now|"enqueued_at" <=|UPDATE outbox o SET status = 'enqueued'|pg_try_advisory|FROM outbox WHERE status/;

async function statementsFor(text: string, customer = lineId('U')): Promise<number> {
  let n = 0;
  const on = (q: { sql: string }) => {
    if (!NOT_THE_CUSTOMERS.test(q.sql.replace(/\s+/g, ' ').trim())) n++;
  };
  // The workers' pool for case numbers is the customer's too (RouterDeps `numbers`).
  const pools = [h.sys.knex, ...(h.sys.numbers ? [h.sys.numbers] : [])];
  for (const pool of pools) pool.on('query', on);
  try {
    const reply = await h.ask(customer, { text });
    expect(reply.text.length).toBeGreaterThan(0);
    await untilSettled(h.sys.knex);
  } finally {
    for (const pool of pools) pool.removeListener('query', on);
  }
  return n;
}

/**
 * The least of up to five, stopping at the first within `budget`: a busy machine only ever adds
 * statements (a first try the storing job reached too late is made by the row's own job, with its
 * bookkeeping), as CI's run on the embedded defaults showed on 2026-11-27 (47 for a case, 43 on a
 * quiet machine) and again on 2026-11-29 (25 for an FAQ answer, three tries running, 22 alone).
 */
async function fewest(text: string, customer?: string, budget = 0): Promise<number> {
  let least = Infinity;
  for (let tries = 0; tries < 5 && least > budget; tries++) least = Math.min(least, await statementsFor(text, customer));
  return least;
}

/** On a PostgreSQL server a message is stored and routed in one transaction; on the embedded database in two. */
const inOne = Boolean(process.env.TEST_DATABASE_URL);

describe('statements per customer answered', () => {
  it.each([
    ['a greeting', 'Hello', inOne ? 18 : 23],
    ['a question the FAQ answers', 'What time do you open?', inOne ? 18 : 24],
    ['a problem that opens a case', 'My order has not arrived yet, it has been a week', inOne ? 25 : 30],
  ])('%s stays within its budget', async (_, text, budget) => {
    expect(await fewest(text, undefined, budget)).toBeLessThanOrEqual(budget);
  }, 60_000);

  it('a customer who wrote before, whose profile was asked for today, spends no statement on it', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'Hello' });
    await untilSettled(h.sys.knex);
    const budget = inOne ? 14 : 19;
    expect(await fewest('What time do you open?', customer, budget)).toBeLessThanOrEqual(budget);
  }, 60_000);
});
