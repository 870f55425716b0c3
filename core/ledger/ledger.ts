import type { Knex } from 'knex';

/**
 * The double-entry ledger (DESIGN.md decision 17; docs/money.md): the one writer of
 * `ledger_accounts`, `ledger_postings` and `ledger_entries`. The database enforces the rules
 * (migration 20261130100000): every posting sums to zero per currency, nothing is changed or
 * removed, and an account's balance moves only with its entries. This module names the accounts
 * and writes postings in one statement each; other modules post through it, inside their own
 * transaction, so money and the change it belongs to commit together.
 */
type Db = Knex | Knex.Transaction;

/**
 * Per org and currency. A debit is positive, a credit negative; `side` is where the balance
 * normally is. Money held (Stripe, the bank) may not go below zero: nobody pays out what is not there.
 */
export const LEDGER_ACCOUNTS = {
  /** What customers owe on bookings they were invoiced for. */
  customer_receivables: { side: 1, mayGoNegative: true },
  /** Customers' money taken before the service is delivered: owed back or earned later. */
  deposits_held: { side: -1, mayGoNegative: true },
  revenue: { side: -1, mayGoNegative: true },
  /** Money given back to customers (a contra account: its balance is a debit). */
  refunds: { side: 1, mayGoNegative: true },
  /** Paid through Stripe, not yet paid out to the bank. */
  stripe_clearing: { side: 1, mayGoNegative: false },
  bank: { side: 1, mayGoNegative: false },
  /** What Stripe kept of the money it paid out (its fees): an expense. */
  stripe_fees: { side: 1, mayGoNegative: true },
} as const satisfies Record<string, { side: 1 | -1; mayGoNegative: boolean }>;
export type LedgerAccountKind = keyof typeof LEDGER_ACCOUNTS;

export interface LedgerLine {
  account: LedgerAccountKind;
  /** Debit positive, credit negative, in the currency's minor units. */
  amountMinor: number;
}

export interface PostingInput {
  orgId: string;
  currency: string;
  /** What moved the money (`payment`, `refund`, ...). */
  kind: string;
  /** The row it came from: the same (kind, source) posts once. */
  sourceId?: string;
  memo?: string;
  lines: LedgerLine[];
}

/** Accounts are never removed (but with their org): their ids are kept once known. */
const knownAccounts = new Map<string, string>();

/** The org's account of this kind and currency, opened on first use. */
export async function accountId(db: Db, orgId: string, kind: LedgerAccountKind, currency: string): Promise<string> {
  const key = `${orgId}|${kind}|${currency}`;
  const known = knownAccounts.get(key);
  if (known) return known;
  const rule = LEDGER_ACCOUNTS[kind];
  const { rows } = await db.raw<{ rows: { id: string; settled: boolean }[] }>(
    `WITH opened AS (
       INSERT INTO ledger_accounts (org_id, kind, currency, normal_side, may_go_negative) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (org_id, kind, currency) DO NOTHING RETURNING id, false AS settled)
     SELECT id, settled FROM opened
     UNION ALL SELECT id, created_at < now() FROM ledger_accounts WHERE org_id = ? AND kind = ? AND currency = ?`,
    [orgId, kind, currency, rule.side, rule.mayGoNegative, orgId, kind, currency],
  );
  // Opened by another transaction meanwhile: this statement's snapshot did not see it; the next one does.
  if (rows.length === 0) return accountId(db, orgId, kind, currency);
  const id = String(rows[0].id);
  // Kept only once committed before this transaction began: one opened here could still roll back.
  if (rows[0].settled) knownAccounts.set(key, id);
  return id;
}

/**
 * Writes one posting and its entries. The database refuses it at commit if it does not balance
 * (SQLSTATE 23514) and at once if it takes money held below zero (23514). Returns the posting's id,
 * or null when this (kind, source) was posted already: posting twice is a no-op.
 */
export async function post(trx: Knex.Transaction, p: PostingInput): Promise<string | null> {
  for (const l of p.lines) {
    if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor === 0) throw new Error(`a ledger line is a non-zero whole number of minor units, not ${l.amountMinor}`);
  }
  const accounts: string[] = [];
  for (const l of p.lines) accounts.push(await accountId(trx, p.orgId, l.account, p.currency));
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `INSERT INTO ledger_postings (org_id, kind, source_id, memo) VALUES (?, ?, ?, ?)
     ON CONFLICT (org_id, kind, source_id) WHERE source_id IS NOT NULL DO NOTHING RETURNING id`,
    [p.orgId, p.kind, p.sourceId ?? null, p.memo ?? null],
  );
  if (rows.length === 0) return null;
  const postingId = String(rows[0].id);
  await trx('ledger_entries').insert(p.lines.map((l, i) => ({ posting_id: postingId, account_id: accounts[i], currency: p.currency, amount_minor: l.amountMinor })));
  return postingId;
}

/** Whether this (kind, source) was posted already. */
export async function wasPosted(db: Db, orgId: string, kind: string, sourceId: string): Promise<boolean> {
  return Boolean(await db('ledger_postings').where({ org_id: orgId, kind, source_id: sourceId }).first('id'));
}

/** An account's balance as it normally reads (money held positive, money owed positive), in minor units. */
export async function balance(db: Db, orgId: string, kind: LedgerAccountKind, currency: string): Promise<number> {
  const row = await db('ledger_accounts').where({ org_id: orgId, kind, currency }).first('balance_minor');
  // `|| 0`: a zero credit balance reads 0, not -0.
  return row ? Number(row.balance_minor) * LEDGER_ACCOUNTS[kind].side || 0 : 0;
}

/** Every account of the org, each as it normally reads, and whether all of them together sum to zero (they must). */
export async function trialBalance(db: Db, orgId: string): Promise<{ accounts: { kind: LedgerAccountKind; currency: string; balanceMinor: number }[]; balanced: boolean }> {
  const rows = await db('ledger_accounts').where({ org_id: orgId }).orderBy(['currency', 'kind']);
  const sums = new Map<string, bigint>();
  for (const r of rows) sums.set(r.currency, (sums.get(r.currency) ?? 0n) + BigInt(r.balance_minor));
  return {
    accounts: rows.map((r) => ({ kind: r.kind, currency: r.currency, balanceMinor: Number(r.balance_minor) * LEDGER_ACCOUNTS[r.kind as LedgerAccountKind].side || 0 })),
    balanced: [...sums.values()].every((s) => s === 0n),
  };
}

/** Sets every kept balance back to the sum of its entries; how many were off (none, unless something bypassed the ledger). */
export async function rebuildBalances(db: Db): Promise<number> {
  const { rows } = await db.raw<{ rows: { changed: string }[] }>('SELECT ledger_rebuild_balances() AS changed');
  return Number(rows[0].changed);
}
