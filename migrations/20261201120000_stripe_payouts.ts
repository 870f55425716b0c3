import type { Knex } from 'knex';

/**
 * Stripe payouts matched against payments (core/checkout/payouts.ts, docs/money.md). A payout is
 * Stripe sending what it holds to the business's bank; its balance transactions say which charges
 * and refunds it carries. Each payout is matched once, whether its `payout.paid` webhook or the
 * reconciliation found it first (the primary key decides), and each line keeps what it was
 * matched to, or why it was not (a payment we do not know, an amount that differs).
 *
 * The ledger gains `stripe_fees` (a debit: what Stripe kept of the money it paid out), so a payout
 * posts Dr bank (net) + Dr Stripe fees / Cr Stripe clearing (gross).
 */
const ACCOUNT_KINDS_BEFORE = ['customer_receivables', 'deposits_held', 'revenue', 'refunds', 'stripe_clearing', 'bank'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${list([...ACCOUNT_KINDS_BEFORE, 'stripe_fees'])}));
  `);
  await knex.schema.createTable('stripe_payouts', (t) => {
    // Stripe's payout id (po_...): one Stripe account per deployment, so the id is the key.
    t.text('id').primary();
    t.bigInteger('amount_minor').notNullable();
    t.text('currency').notNullable();
    t.timestamp('arrival_at', { useTz: true }).notNullable();
    t.text('found_by').notNullable().checkIn(['webhook', 'reconciliation']);
    t.timestamp('matched_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('stripe_payout_lines', (t) => {
    // Stripe's balance transaction id (txn_...): a line belongs to one payout.
    t.text('id').primary();
    t.text('payout_id').notNullable().references('stripe_payouts.id').onDelete('CASCADE');
    t.text('type').notNullable();
    // Gross, fee and net as Stripe says, in minor units; a refund's amount is negative.
    t.bigInteger('amount_minor').notNullable();
    t.bigInteger('fee_minor').notNullable();
    t.bigInteger('net_minor').notNullable();
    t.text('currency').notNullable();
    // The charge's payment intent, or the refund's id: what the line was matched by.
    t.text('stripe_source');
    // What it was matched to; none: a line we do not know (no org either).
    t.uuid('org_id').references('orgs.id').onDelete('CASCADE');
    t.uuid('payment_id').references('booking_payments.id').onDelete('SET NULL');
    t.uuid('refund_id').references('payment_refunds.id').onDelete('SET NULL');
    // What our books say the line should be (the payment's or refund's amount), when known.
    t.bigInteger('expected_minor');
    t.text('outcome').notNullable().checkIn(['matched', 'amount_differs', 'unknown']);
    t.index(['payout_id']);
    t.index(['org_id', 'payout_id']);
  });
  await knex.raw(`
    CREATE INDEX stripe_payout_lines_payment ON stripe_payout_lines (payment_id) WHERE payment_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stripe_payout_lines');
  await knex.schema.dropTable('stripe_payouts');
  await knex.raw(`
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${list(ACCOUNT_KINDS_BEFORE)}));
  `);
}
