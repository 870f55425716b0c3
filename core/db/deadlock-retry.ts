import type { Knex } from 'knex';

/**
 * A transaction run again when PostgreSQL picked it as a deadlock victim or could not serialize
 * it (40P01, 40001): nothing of it was kept, so running it again is safe. For requests a person
 * waits on (the desk's and the API's case actions), where a worker's job would simply be retried;
 * a case row and a customer's conversation are locked in either order by different paths.
 */
const RETRIED = new Set(['40P01', '40001']);

export async function transactionRetried<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(work);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RETRIED.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
    }
  }
}
