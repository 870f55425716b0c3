import type { Knex } from 'knex';

/** Cases, bookings, and each type of document (core/documents/, one running number per type). */
export type NumberedKind = 'case' | 'booking' | 'receipt' | 'invoice' | 'tax_invoice' | 'abbreviated_tax_invoice' | 'credit_note';

const PREFIX: Record<NumberedKind, string> = { case: 'C', booking: 'B', receipt: 'RC', invoice: 'INV', tax_invoice: 'TAX', abbreviated_tax_invoice: 'ABB', credit_note: 'CN' };

/**
 * The next human number of a case, booking or document in an org: C-000001, B-000045,
 * TAX-000003 (six digits, more once they run out). One upsert on org_counters: concurrent callers queue on the row lock and
 * each gets its own value. Inside a transaction the number is taken back on rollback, so pass
 * the transaction that inserts the row.
 */
export async function nextNumber(db: Knex | Knex.Transaction, orgId: string, kind: NumberedKind): Promise<string> {
  return (await reserveNumbers(db, orgId, kind, 1))[0];
}

/** `count` consecutive numbers in one statement (a batch of website forms takes its numbers at once). */
export async function reserveNumbers(db: Knex | Knex.Transaction, orgId: string, kind: NumberedKind, count: number): Promise<string[]> {
  const result = await db.raw<{ rows: { value: number | string }[] }>(
    `INSERT INTO org_counters (org_id, name, value) VALUES (?, ?, ?)
     ON CONFLICT (org_id, name) DO UPDATE SET value = org_counters.value + EXCLUDED.value
     RETURNING value`,
    [orgId, kind, count],
  );
  const last = Number(result.rows[0].value);
  return Array.from({ length: count }, (_, i) => formatNumber(kind, last - count + 1 + i));
}

/** The number `nextNumber` would give now, read without taking it (what a dropped honeypot form is told). */
export async function peekNextNumber(db: Knex | Knex.Transaction, orgId: string, kind: NumberedKind): Promise<string> {
  const row = await db('org_counters').select('value').where({ org_id: orgId, name: kind }).first();
  return formatNumber(kind, Number(row?.value ?? 0) + 1);
}

export function formatNumber(kind: NumberedKind, value: number | string | bigint): string {
  return `${PREFIX[kind]}-${String(value).padStart(6, '0')}`;
}

/**
 * Takes a once-per-org token (`digest:2026-11-22`): true for the first caller only, whichever
 * process asks. Inside a transaction it is given back on rollback.
 */
export async function takeOnce(db: Knex | Knex.Transaction, orgId: string, name: string): Promise<boolean> {
  const claim = await db.raw<{ rows: unknown[] }>(`INSERT INTO org_counters (org_id, name, value) VALUES (?, ?, 1) ON CONFLICT (org_id, name) DO NOTHING RETURNING name`, [orgId, name]);
  return claim.rows.length > 0;
}

/** Adds to counters of an org (usage figures such as LINE pushes per month). */
export async function addToCounters(db: Knex | Knex.Transaction, orgId: string, amounts: Record<string, number>): Promise<void> {
  const entries = Object.entries(amounts);
  if (entries.length === 0) return;
  await db.raw(
    `INSERT INTO org_counters (org_id, name, value) VALUES ${entries.map(() => '(?, ?, ?)').join(', ')}
     ON CONFLICT (org_id, name) DO UPDATE SET value = org_counters.value + EXCLUDED.value`,
    entries.flatMap(([name, value]) => [orgId, name, value]),
  );
}

/**
 * Adds `amount` to a counter only if the sum stays at or under `max`, in one statement (two
 * callers at once cannot both pass the last room): true when added.
 */
export async function addWithin(db: Knex | Knex.Transaction, orgId: string, name: string, amount: number, max: number): Promise<boolean> {
  const result = await db.raw<{ rows: unknown[] }>(
    `INSERT INTO org_counters (org_id, name, value) SELECT ?, ?, ?::bigint WHERE ?::bigint <= ?::bigint
     ON CONFLICT (org_id, name) DO UPDATE SET value = org_counters.value + EXCLUDED.value WHERE org_counters.value + EXCLUDED.value <= ?::bigint
     RETURNING value`,
    [orgId, name, amount, amount, max, max],
  );
  return result.rows.length > 0;
}

/** A counter's value now (0 when never counted). */
export async function counterValue(db: Knex | Knex.Transaction, orgId: string, name: string): Promise<number> {
  const row = await db('org_counters').select('value').where({ org_id: orgId, name }).first();
  return Number(row?.value ?? 0);
}

/** Takes `amount` off a counter, never below 0 (what was counted before counting began is not owed back). */
export async function takeFromCounter(db: Knex | Knex.Transaction, orgId: string, name: string, amount: number): Promise<void> {
  await db('org_counters').where({ org_id: orgId, name }).update({ value: db.raw('GREATEST(0, value - ?)', [amount]) });
}
