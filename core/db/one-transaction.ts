import type { Knex } from 'knex';

/**
 * Runs `work` with `trx` as its database, for code written to open transactions of its own
 * (`knex.transaction(fn)`): each of those runs `fn` in `trx` itself, without the savepoint knex
 * would make (two statements each). For work that commits whole or is done again another way
 * (workers/processors/inbound.ts: a message stored and routed in one transaction, else stored and
 * routed in two). Without a savepoint nothing undoes what a transaction inside wrote before it
 * failed, even where its caller catches the failure and goes on (a slot found taken, told to the
 * customer): so when any of them fails, `work` fails too (`NestedTransactionFailed`), once done,
 * and the caller's transaction rolls back all of it.
 */
export async function inOneTransaction<T>(trx: Knex.Transaction, work: (db: Knex) => Promise<T>): Promise<T> {
  let failed: unknown;
  const flat: Knex.Transaction = new Proxy(trx, {
    get(target, key, receiver) {
      if (key !== 'transaction') return Reflect.get(target, key, receiver);
      return (fn: unknown) => {
        if (typeof fn !== 'function') throw new Error('a transaction inside one transaction takes a function');
        return Promise.resolve()
          .then(() => (fn as (t: Knex.Transaction) => unknown)(flat))
          .catch((err: unknown) => {
            failed ??= err;
            throw err;
          });
      };
    },
  });
  const result = await work(flat as unknown as Knex);
  if (failed !== undefined) throw new NestedTransactionFailed(failed);
  return result;
}

/** A transaction inside `inOneTransaction` failed: what it wrote before is still there, so all of it must go. */
export class NestedTransactionFailed extends Error {
  readonly reason: unknown;
  constructor(reason: unknown) {
    super(`a transaction inside one transaction failed: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.reason = reason;
  }
}
