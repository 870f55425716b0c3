import type { Knex } from 'knex';

/**
 * Members (docs/members.md): a contact who joined, with a member number; the packages an org sells
 * (n credits of some services, a price, days of validity); each package sold, with the terms it
 * was sold on copied onto it; how a booking was paid by a member (credits or wallet); and the
 * adjustments staff make by hand, some waiting for a manager.
 *
 * Balances are not here. A member's wallet, points and each sold package's credits are accounts
 * of the ledger (20261130100000): accounts now have a holder (the member, or the package sold),
 * and the kinds that hold what members own may not go below zero, so an overspend, or two
 * bookings racing for the last credit, is refused by the database itself.
 */
// As migration 20261201120000 (Stripe payouts) left them.
const ACCOUNT_KINDS_BEFORE = ['customer_receivables', 'deposits_held', 'revenue', 'refunds', 'stripe_clearing', 'bank', 'stripe_fees'];
const MEMBER_ACCOUNT_KINDS = ['member_wallet', 'member_points', 'member_credits', 'points_issued', 'credits_issued', 'packages_unearned'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE ledger_accounts ADD COLUMN holder text NOT NULL DEFAULT '';
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_org_id_kind_currency_key;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_org_kind_currency_holder UNIQUE (org_id, kind, currency, holder);
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${list([...ACCOUNT_KINDS_BEFORE, ...MEMBER_ACCOUNT_KINDS])}));

    CREATE OR REPLACE FUNCTION ledger_balance_derived() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.balance_minor IS DISTINCT FROM OLD.balance_minor AND pg_trigger_depth() < 2
         AND coalesce(current_setting('ledger.rebuilding', true), '') <> 'on' THEN
        RAISE EXCEPTION 'a ledger balance is the sum of its entries: post entries to change it' USING ERRCODE = 'P0001';
      END IF;
      IF NEW.kind <> OLD.kind OR NEW.currency <> OLD.currency OR NEW.org_id <> OLD.org_id OR NEW.holder <> OLD.holder THEN
        RAISE EXCEPTION 'a ledger account keeps its org, kind, currency and holder' USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;

    CREATE TABLE members (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      number text NOT NULL CHECK (number ~ '^MEM-[0-9]{4}-[0-9A-Z]{4}$'),
      joined_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, number),
      UNIQUE (org_id, contact_id)
    );

    CREATE TABLE member_packages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.-]*$'),
      name_th text NOT NULL,
      name_en text NOT NULL,
      credits integer NOT NULL CHECK (credits BETWEEN 1 AND 1000),
      service_ids uuid[] NOT NULL CHECK (cardinality(service_ids) >= 1),
      price_minor bigint NOT NULL CHECK (price_minor >= 0),
      currency text NOT NULL DEFAULT 'THB' CHECK (currency ~ '^[A-Z]{3}$'),
      validity_days integer NOT NULL CHECK (validity_days BETWEEN 1 AND 3660),
      is_active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, key)
    );

    -- A package sold keeps the terms it was sold on: a later change of the package is not its.
    CREATE TABLE member_package_sales (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      package_id uuid NOT NULL REFERENCES member_packages(id),
      package_version integer NOT NULL,
      name_th text NOT NULL,
      name_en text NOT NULL,
      credits integer NOT NULL CHECK (credits >= 1),
      service_ids uuid[] NOT NULL,
      price_minor bigint NOT NULL CHECK (price_minor >= 0),
      currency text NOT NULL,
      validity_days integer NOT NULL,
      paid_with text NOT NULL CHECK (paid_with IN ('wallet', 'transfer', 'cash', 'free')),
      sold_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'refunded')),
      refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= price_minor),
      expiry_notice_at timestamptz,
      closed_at timestamptz
    );
    CREATE INDEX member_package_sales_member ON member_package_sales (member_id, expires_at) WHERE status = 'active';
    CREATE INDEX member_package_sales_expiring ON member_package_sales (expires_at) WHERE status = 'active';

    -- How a member's booking was paid: with one credit of a package sold, or from the wallet.
    CREATE TABLE member_booking_payments (
      booking_id uuid PRIMARY KEY REFERENCES bookings(id) ON DELETE CASCADE,
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      paid_with text NOT NULL CHECK (paid_with IN ('credits', 'wallet')),
      sale_id uuid REFERENCES member_package_sales(id),
      credits integer NOT NULL DEFAULT 0 CHECK (credits >= 0),
      amount_minor bigint NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
      currency text,
      paid_at timestamptz NOT NULL DEFAULT now(),
      returned_at timestamptz,
      CHECK ((paid_with = 'credits') = (sale_id IS NOT NULL))
    );
    CREATE INDEX member_booking_payments_member ON member_booking_payments (member_id, paid_at DESC);

    -- Credits, wallet money or points given or taken back by hand, with a reason; above the org's
    -- amount a manager approves before it is posted.
    CREATE TABLE member_adjustments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      target text NOT NULL CHECK (target IN ('credits', 'wallet', 'points')),
      sale_id uuid REFERENCES member_package_sales(id),
      amount bigint NOT NULL CHECK (amount <> 0),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      status text NOT NULL CHECK (status IN ('applied', 'awaiting_approval', 'rejected')),
      requested_by jsonb NOT NULL,
      decided_by jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      CHECK ((target = 'credits') = (sale_id IS NOT NULL))
    );
    CREATE INDEX member_adjustments_member ON member_adjustments (member_id, created_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE member_adjustments; DROP TABLE member_booking_payments; DROP TABLE member_package_sales; DROP TABLE member_packages; DROP TABLE members;
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${list(ACCOUNT_KINDS_BEFORE)}));
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_org_kind_currency_holder;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_org_id_kind_currency_key UNIQUE (org_id, kind, currency);
    ALTER TABLE ledger_accounts DROP COLUMN holder;
    CREATE OR REPLACE FUNCTION ledger_balance_derived() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.balance_minor IS DISTINCT FROM OLD.balance_minor AND pg_trigger_depth() < 2
         AND coalesce(current_setting('ledger.rebuilding', true), '') <> 'on' THEN
        RAISE EXCEPTION 'a ledger balance is the sum of its entries: post entries to change it' USING ERRCODE = 'P0001';
      END IF;
      IF NEW.kind <> OLD.kind OR NEW.currency <> OLD.currency OR NEW.org_id <> OLD.org_id THEN
        RAISE EXCEPTION 'a ledger account keeps its org, kind and currency' USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;
  `);
}
