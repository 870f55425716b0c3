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
  // Members (core/members/, docs/members.md): what a member holds is owed to them, and nobody
  // spends what they do not hold. Each has a holder: the member, or the package sold.
  /** A member's prepaid money. */
  member_wallet: { side: -1, mayGoNegative: false },
  /** A member's points (currency `PTS`). */
  member_points: { side: -1, mayGoNegative: false },
  /** The credits left of one package sold (currency `CRD`). */
  member_credits: { side: -1, mayGoNegative: false },
  /** The other side of every point given: points out in members' hands. */
  points_issued: { side: 1, mayGoNegative: true },
  /** The other side of every credit given. */
  credits_issued: { side: 1, mayGoNegative: true },
  /** Money paid for one package sold (the holder) whose credits are not used yet: earned credit by credit. */
  packages_unearned: { side: -1, mayGoNegative: false },
} as const satisfies Record<string, { side: 1 | -1; mayGoNegative: boolean }>;
export type LedgerAccountKind = keyof typeof LEDGER_ACCOUNTS;

export interface LedgerLine {
  account: LedgerAccountKind;
  /** Whose account of that kind (a member, a package sold); the org's own when absent. */
  holder?: string;
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

/** The org's account of this kind and currency (a holder's, when given), opened on first use. */
export async function accountId(db: Db, orgId: string, kind: LedgerAccountKind, currency: string, holder = ''): Promise<string> {
  const key = `${orgId}|${kind}|${currency}|${holder}`;
  const known = knownAccounts.get(key);
  if (known) return known;
  const rule = LEDGER_ACCOUNTS[kind];
  const { rows } = await db.raw<{ rows: { id: string; settled: boolean }[] }>(
    `WITH opened AS (
       INSERT INTO ledger_accounts (org_id, kind, currency, holder, normal_side, may_go_negative) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id, kind, currency, holder) DO NOTHING RETURNING id, false AS settled)
     SELECT id, settled FROM opened
     UNION ALL SELECT id, created_at < now() FROM ledger_accounts WHERE org_id = ? AND kind = ? AND currency = ? AND holder = ?`,
    [orgId, kind, currency, holder, rule.side, rule.mayGoNegative, orgId, kind, currency, holder],
  );
  // Opened by another transaction meanwhile: this statement's snapshot did not see it; the next one does.
  if (rows.length === 0) return accountId(db, orgId, kind, currency, holder);
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
  for (const l of p.lines) accounts.push(await accountId(trx, p.orgId, l.account, p.currency, l.holder));
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
export async function balance(db: Db, orgId: string, kind: LedgerAccountKind, currency: string, holder = ''): Promise<number> {
  const row = await db('ledger_accounts').where({ org_id: orgId, kind, currency, holder }).first('balance_minor');
  // `|| 0`: a zero credit balance reads 0, not -0.
  return row ? Number(row.balance_minor) * LEDGER_ACCOUNTS[kind].side || 0 : 0;
}

/**
 * Every kind of account of the org in each currency (holders' accounts of a kind summed: the
 * members' wallets together), each as it normally reads, and whether all of them together sum to
 * zero (they must).
 */
export async function trialBalance(db: Db, orgId: string): Promise<{ accounts: { kind: LedgerAccountKind; currency: string; balanceMinor: number }[]; balanced: boolean }> {
  const rows: { kind: LedgerAccountKind; currency: string; balance_minor: string }[] = await db('ledger_accounts')
    .where({ org_id: orgId })
    .groupBy(['currency', 'kind'])
    .orderBy(['currency', 'kind'])
    .select('kind', 'currency', db.raw('sum(balance_minor)::text AS balance_minor'));
  const sums = new Map<string, bigint>();
  for (const r of rows) sums.set(r.currency, (sums.get(r.currency) ?? 0n) + BigInt(r.balance_minor));
  return {
    accounts: rows.map((r) => ({ kind: r.kind, currency: r.currency, balanceMinor: Number(r.balance_minor) * LEDGER_ACCOUNTS[r.kind].side || 0 })),
    balanced: [...sums.values()].every((s) => s === 0n),
  };
}

/** Sets every kept balance back to the sum of its entries; how many were off (none, unless something bypassed the ledger). */
export async function rebuildBalances(db: Db): Promise<number> {
  const { rows } = await db.raw<{ rows: { changed: string }[] }>('SELECT ledger_rebuild_balances() AS changed');
  return Number(rows[0].changed);
}

/**
 * The balances of some holders' accounts of one kind, each as it normally reads, their rows locked
 * until the transaction ends (in holder order, so two callers never wait on each other in a
 * circle): what a spender reads to choose from is then what it spends from, and a second spender
 * of the same account waits and reads what the first left. Holders with no account yet read 0.
 */
export async function lockedBalances(trx: Knex.Transaction, orgId: string, kind: LedgerAccountKind, currency: string, holders: string[]): Promise<Map<string, number>> {
  const out = new Map(holders.map((h) => [h, 0]));
  if (holders.length === 0) return out;
  const rows = await trx('ledger_accounts')
    .where({ org_id: orgId, kind, currency })
    .whereIn('holder', holders)
    .orderBy('holder')
    .forUpdate()
    .select('holder', 'balance_minor');
  for (const r of rows) out.set(r.holder, Number(r.balance_minor) * LEDGER_ACCOUNTS[kind].side || 0);
  return out;
}

/** Each holder's balance of one kind (unlocked), as it normally reads. */
export async function holderBalances(db: Db, orgId: string, kind: LedgerAccountKind, currency: string, holders: string[]): Promise<Map<string, number>> {
  const out = new Map(holders.map((h) => [h, 0]));
  if (holders.length === 0) return out;
  const rows = await db('ledger_accounts').where({ org_id: orgId, kind, currency }).whereIn('holder', holders).select('holder', 'balance_minor');
  for (const r of rows) out.set(r.holder, Number(r.balance_minor) * LEDGER_ACCOUNTS[kind].side || 0);
  return out;
}

/** One account's movements, newest first: each posting's kind, source, memo, time and this account's amount as it normally reads. */
export async function accountMovements(db: Db, orgId: string, kind: LedgerAccountKind, currency: string, holder: string, limit = 50): Promise<{ kind: string; sourceId: string | null; memo: string | null; at: Date; amount: number }[]> {
  const rows = await db('ledger_entries as e')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .join('ledger_postings as p', 'p.id', 'e.posting_id')
    .where({ 'a.org_id': orgId, 'a.kind': kind, 'a.currency': currency, 'a.holder': holder })
    .orderBy('e.id', 'desc')
    .limit(limit)
    .select('p.kind', 'p.source_id', 'p.memo', 'p.created_at', 'e.amount_minor');
  return rows.map((r) => ({ kind: r.kind, sourceId: r.source_id, memo: r.memo, at: new Date(r.created_at), amount: Number(r.amount_minor) * LEDGER_ACCOUNTS[kind].side || 0 }));
}

/**
 * What came into a holder's account before a time (with the time of the last of it) and what went
 * out of it in all, each as a positive amount: first in, first out, what is left of what came in
 * before that time is `inBefore - outInAll` (points expiring: the oldest go first).
 */
export async function inflowsBefore(db: Db, orgId: string, kind: LedgerAccountKind, currency: string, holder: string, before: Date): Promise<{ inBefore: number; lastInAt: Date | null; outInAll: number }> {
  const side = LEDGER_ACCOUNTS[kind].side;
  const row = await db('ledger_entries as e')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .join('ledger_postings as p', 'p.id', 'e.posting_id')
    .where({ 'a.org_id': orgId, 'a.kind': kind, 'a.currency': currency, 'a.holder': holder })
    .first(
      db.raw(`coalesce(sum(CASE WHEN e.amount_minor * ? > 0 AND p.created_at < ? THEN e.amount_minor * ? END), 0)::bigint AS in_before`, [side, before, side]),
      db.raw(`max(CASE WHEN e.amount_minor * ? > 0 AND p.created_at < ? THEN p.created_at END) AS last_in_at`, [side, before]),
      db.raw(`coalesce(sum(CASE WHEN e.amount_minor * ? < 0 THEN -e.amount_minor * ? END), 0)::bigint AS out_in_all`, [side, side]),
    );
  return { inBefore: Number(row?.in_before ?? 0), lastInAt: row?.last_in_at ? new Date(row.last_in_at) : null, outInAll: Number(row?.out_in_all ?? 0) };
}

/** What postings of one kind moved into a holder's account in all, or `since` a time (points earned, whatever was spent since). */
export async function postedInto(db: Db, orgId: string, account: LedgerAccountKind, currency: string, holder: string, postingKind: string, since?: Date): Promise<number> {
  const q = db('ledger_entries as e')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .join('ledger_postings as p', 'p.id', 'e.posting_id')
    .where({ 'a.org_id': orgId, 'a.kind': account, 'a.currency': currency, 'a.holder': holder, 'p.kind': postingKind });
  if (since) q.andWhere('p.created_at', '>=', since);
  const row = await q.first(db.raw('coalesce(sum(e.amount_minor), 0)::bigint AS total'));
  return Number(row?.total ?? 0) * LEDGER_ACCOUNTS[account].side || 0;
}
