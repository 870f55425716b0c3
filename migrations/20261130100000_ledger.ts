import type { Knex } from 'knex';

/**
 * The double-entry ledger (DESIGN.md decision 17, core/ledger/, docs/money.md): every movement of
 * money is a posting of two or more entries in integer minor units, which sum to zero per currency.
 * The database holds the rules, not only the code:
 *
 * - balanced: a deferred constraint trigger checks each posting when its transaction commits; an
 *   entry added to a posting of another transaction is refused at once;
 * - append-only: postings and entries refuse UPDATE, DELETE and TRUNCATE;
 * - an entry's currency is its account's (a composite foreign key);
 * - each account keeps its balance, moved by a statement trigger over the entries inserted, in the
 *   posting's own transaction: derived from the entries, never written apart, and rebuildable
 *   (`ledger_rebuild_balances()`). An account that may not go negative (money held in Stripe or the
 *   bank: nobody pays out what is not there) says so in a CHECK on that balance.
 *
 * Signs: a debit is positive, a credit negative. `normal_side` is the side an account's balance
 * normally is on; `balance_minor * side` is what it holds.
 */
const ACCOUNT_KINDS = ['customer_receivables', 'deposits_held', 'revenue', 'refunds', 'stripe_clearing', 'bank'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE ledger_accounts (
      id bigserial PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN (${list(ACCOUNT_KINDS)})),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      normal_side smallint NOT NULL CHECK (normal_side IN (1, -1)),
      may_go_negative boolean NOT NULL,
      balance_minor bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, kind, currency),
      UNIQUE (id, currency),
      CONSTRAINT ledger_accounts_not_negative CHECK (may_go_negative OR balance_minor * normal_side >= 0)
    );

    CREATE TABLE ledger_postings (
      id bigserial PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      -- What moved the money: payment, refund... with the id of the row it came from.
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
      source_id text,
      memo text,
      -- The transaction that wrote it: entries may be added by that transaction only.
      written_by xid8 NOT NULL DEFAULT pg_current_xact_id(),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX ledger_postings_once ON ledger_postings (org_id, kind, source_id) WHERE source_id IS NOT NULL;

    CREATE TABLE ledger_entries (
      id bigserial PRIMARY KEY,
      posting_id bigint NOT NULL REFERENCES ledger_postings(id),
      account_id bigint NOT NULL,
      currency text NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (account_id, currency) REFERENCES ledger_accounts (id, currency)
    );
    CREATE INDEX ledger_entries_posting ON ledger_entries (posting_id);
    CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id) INCLUDE (amount_minor);

    CREATE FUNCTION ledger_entry_in_own_posting() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM ledger_postings WHERE id = NEW.posting_id AND written_by = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'ledger posting % is closed: entries are added only with the posting', NEW.posting_id USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ledger_entries_own_posting BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entry_in_own_posting();

    CREATE FUNCTION ledger_posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      entries int;
      off_currency text;
    BEGIN
      SELECT count(*) INTO entries FROM ledger_entries WHERE posting_id = NEW.id;
      IF entries < 2 THEN
        RAISE EXCEPTION 'ledger posting % has % entries: a posting moves money between at least two accounts', NEW.id, entries USING ERRCODE = '23514';
      END IF;
      SELECT currency INTO off_currency FROM ledger_entries WHERE posting_id = NEW.id GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
      IF off_currency IS NOT NULL THEN
        RAISE EXCEPTION 'ledger posting % does not balance in %: its debits and credits must sum to zero', NEW.id, off_currency USING ERRCODE = '23514';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_balanced();

    CREATE FUNCTION ledger_move_balances() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE ledger_accounts a SET balance_minor = a.balance_minor + s.total
        FROM (SELECT account_id, sum(amount_minor) AS total FROM added GROUP BY account_id) s
       WHERE a.id = s.account_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER ledger_entries_move_balances AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_move_balances();

    -- The balance is the entries' sum: only the trigger above (or a rebuild) moves it.
    CREATE FUNCTION ledger_balance_derived() RETURNS trigger LANGUAGE plpgsql AS $$
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
    CREATE TRIGGER ledger_accounts_balance_derived BEFORE UPDATE ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION ledger_balance_derived();

    CREATE FUNCTION ledger_rebuild_balances() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE changed bigint;
    BEGIN
      PERFORM set_config('ledger.rebuilding', 'on', true);
      UPDATE ledger_accounts a SET balance_minor = coalesce((SELECT sum(amount_minor) FROM ledger_entries e WHERE e.account_id = a.id), 0)
       WHERE balance_minor IS DISTINCT FROM coalesce((SELECT sum(amount_minor) FROM ledger_entries e WHERE e.account_id = a.id), 0);
      GET DIAGNOSTICS changed = ROW_COUNT;
      PERFORM set_config('ledger.rebuilding', 'off', true);
      RETURN changed;
    END $$;

    CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE ledger_entries; DROP TABLE ledger_postings; DROP TABLE ledger_accounts;
    DROP FUNCTION ledger_entry_in_own_posting(); DROP FUNCTION ledger_posting_balanced(); DROP FUNCTION ledger_move_balances();
    DROP FUNCTION ledger_balance_derived(); DROP FUNCTION ledger_rebuild_balances();
  `);
}
