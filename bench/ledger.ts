import type { Knex } from 'knex';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi } from '../dev/fakes/stripe-api.ts';
import { balance, post } from '../core/ledger/ledger.ts';
import { startLineCustomerHarness } from '../test/support/line-customer.ts';
import { createTestDatabase } from '../test/support/test-database.ts';
import { until } from '../test/support/test-system.ts';
import { apiClient } from '../test/support/api-client.ts';
import { fmt, median, percentile, serverReachable, table } from './stats.ts';

/**
 * Money (docs/money.md), three figures:
 *
 * 1. Ledger postings (a payment: a posting and two entries, checked balanced at commit, balances
 *    moved by the trigger) from 8 transactions at a time, against plain INSERTs of the same rows
 *    into tables of the same shape with no rule, in the same run, alternated: postings a second
 *    and the ratio (goal at least 0.5x).
 * 2. A balance read once the ledger holds LEDGER_BENCH_ENTRIES entries (1,000,000 unless set; the
 *    goal names 10 million), all on the same two accounts: p50/p95 of the kept balance
 *    (`balance()`), and of the same figure summed from the entries for comparison.
 * 3. Stripe's `checkout.session.completed` delivered to /webhooks/stripe -> the booking's payment
 *    paid -> the customer's "payment received" at the fake LINE server: p50/p95 over 40 payments.
 *
 * On the PostgreSQL server when one is reachable (TEST_DATABASE_URL), else on the embedded one.
 */
const POSTINGS = 2_000;
const IN_FLIGHT = 8;
const ROUNDS = 3;
const READS = 300;
const PAYMENTS = 40;

async function inParallel(n: number, each: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < n) await each(next++);
  }));
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function throughput(knex: Knex, orgId: string): Promise<string[][]> {
  await knex.raw(`
    CREATE TABLE bench_plain_postings (id bigserial PRIMARY KEY, org_id uuid NOT NULL, kind text NOT NULL, source_id text, memo text, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE bench_plain_entries (id bigserial PRIMARY KEY, posting_id bigint NOT NULL, account_id bigint NOT NULL, currency text NOT NULL, amount_minor bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    CREATE INDEX ON bench_plain_entries (posting_id); CREATE INDEX ON bench_plain_entries (account_id, id) INCLUDE (amount_minor);`);
  const ledger: number[] = [];
  const plain: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ledger.push(await timed(() => inParallel(POSTINGS, (i) => knex.transaction((trx) => post(trx, { orgId, currency: 'THB', kind: 'payment', lines: [{ account: 'stripe_clearing', amountMinor: 100 + i }, { account: 'deposits_held', amountMinor: -(100 + i) }] })))));
    plain.push(await timed(() => inParallel(POSTINGS, (i) => knex.transaction(async (trx) => {
      const [p] = await trx('bench_plain_postings').insert({ org_id: orgId, kind: 'payment' }).returning('id');
      await trx('bench_plain_entries').insert([{ posting_id: p.id, account_id: 1, currency: 'THB', amount_minor: 100 + i }, { posting_id: p.id, account_id: 2, currency: 'THB', amount_minor: -(100 + i) }]);
    }))));
  }
  const rate = (ms: number[]) => POSTINGS / (median(ms) / 1000);
  return [
    ['ledger postings (balanced at commit, balances kept)', fmt(rate(ledger)), fmt(rate(ledger) / rate(plain), 2) + 'x'],
    ['plain INSERTs of the same rows (baseline)', fmt(rate(plain)), '1.00x'],
  ];
}

/** Fills the ledger up to `target` entries, 100,000 a transaction, as postings of two entries. */
async function fill(knex: Knex, orgId: string, target: number): Promise<number> {
  const clearing = (await knex('ledger_accounts').where({ org_id: orgId, kind: 'stripe_clearing' }).first()).id;
  const held = (await knex('ledger_accounts').where({ org_id: orgId, kind: 'deposits_held' }).first()).id;
  for (;;) {
    const have = Number((await knex('ledger_entries').count({ n: '*' }))[0].n);
    if (have >= target) return have;
    const postings = Math.min(50_000, Math.ceil((target - have) / 2));
    await knex.transaction((trx) =>
      trx.raw(
        `WITH p AS (INSERT INTO ledger_postings (org_id, kind) SELECT ?, 'payment' FROM generate_series(1, ?) RETURNING id)
         INSERT INTO ledger_entries (posting_id, account_id, currency, amount_minor)
         SELECT id, a.account, 'THB', a.sign * (100 + id % 1000) FROM p, (VALUES (?::bigint, 1), (?::bigint, -1)) AS a(account, sign)`,
        [orgId, postings, clearing, held],
      ),
    );
  }
}

async function balanceReads(knex: Knex, orgId: string, entries: number): Promise<string[][]> {
  const kept: number[] = [];
  const summed: number[] = [];
  const account = (await knex('ledger_accounts').where({ org_id: orgId, kind: 'stripe_clearing' }).first()).id;
  for (let i = 0; i < READS; i++) {
    kept.push(await timed(async () => void (await balance(knex, orgId, 'stripe_clearing', 'THB'))));
    if (i < 20) summed.push(await timed(async () => void (await knex('ledger_entries').where({ account_id: account }).sum({ s: 'amount_minor' }))));
  }
  const n = entries.toLocaleString('en-US');
  return [
    [`kept balance, ${n} entries`, fmt(median(kept), 2), fmt(percentile(kept, 95), 2)],
    [`summed from the entries (for comparison), ${n} entries`, fmt(median(summed), 1), fmt(percentile(summed, 95), 1)],
  ];
}

async function webhookToCustomer(): Promise<string[][]> {
  const stripe = await startFakeStripeApi();
  const h = await startLineCustomerHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
  try {
    stripe.state.webhookUrl = `${h.sys.url}/webhooks/stripe`;
    const api = apiClient(h.sys);
    const service = await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, key: 'sushi_class' }).first();
    const took: number[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const userId = lineId('U');
      await h.tell(userId, `hello ${i}`);
      const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
      const number = `B-8${String(i).padStart(5, '0')}`;
      await h.sys.knex('bookings').insert({ org_id: h.sys.defaultOrgId, number, contact_id: chat.contact_id, conversation_id: chat.id, service_id: service.id, source: 'line', stage: 'confirmed', party_size: 2 });
      const link = await api('POST', `/api/v1/bookings/${number}/payment-links`, {});
      const session = [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).payment_id === link.json.payment.id)!;
      const told = () => h.line.state.deliveries.some((d) => d.to === userId && d.messages.some((m) => 'text' in m && String(m.text).includes(number) && /ได้รับชำระเงิน|received your payment/.test(String(m.text))));
      const t = performance.now();
      await stripe.state.completeSession(session.id);
      await until(async () => told(), 15_000, 5);
      took.push(performance.now() - t);
    }
    return [['Stripe webhook -> booking paid -> customer told (LINE)', fmt(median(took)), fmt(percentile(took, 95))]];
  } finally {
    await h.close();
    await stripe.close();
  }
}

export async function benchLedger(): Promise<string> {
  const target = Number(process.env.LEDGER_BENCH_ENTRIES ?? 1_000_000);
  const server = await serverReachable();
  const db = await createTestDatabase();
  let rows: string[][];
  let reads: string[][];
  try {
    const [org] = await db.knex('orgs').insert({ slug: 'ledger-bench', name: 'Ledger bench' }).returning('id');
    rows = await throughput(db.knex, org.id);
    const filled = await fill(db.knex, org.id, target);
    reads = await balanceReads(db.knex, org.id, filled);
  } finally {
    await db.destroy();
  }
  const notices = await webhookToCustomer();
  const where = server ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)';
  return [
    `### Ledger postings (${POSTINGS} per round, ${IN_FLIGHT} in flight, median of ${ROUNDS}; ${where})`,
    table(['what', 'postings/s', 'ratio'], rows),
    `### Balance read (${READS} reads; ${where})`,
    table(['what', 'p50 ms', 'p95 ms'], reads),
    `### Payment to customer (${PAYMENTS} payments, one at a time; ${where})`,
    table(['what', 'p50 ms', 'p95 ms'], notices),
  ].join('\n\n');
}
