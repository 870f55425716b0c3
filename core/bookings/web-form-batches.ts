import type { Knex } from 'knex';
import { ledgerId, ledgerRows, replayOf, storeForms, type FormToStore, type IntakeResult } from './intake-ledger.ts';
import { seatRefusal } from './session-seats.ts';

interface PendingForm extends FormToStore {
  done: (r: IntakeResult) => void;
  failed: (e: unknown) => void;
}

/** Most forms stored in one transaction. */
const LEDGER_BATCH = 200;
const batchers = new WeakMap<Knex, WebFormBatches>();

/** Stores a checked website form with the others arriving at the same moment; resolves once it is durable. */
export const storeWebForm = (knex: Knex, form: FormToStore): Promise<IntakeResult> =>
  (batchers.get(knex) ?? batchers.set(knex, new WebFormBatches(knex)).get(knex)!).store(form);

/**
 * Stores website forms in batches. A form arriving while no batch is being written is written at
 * once, alone; forms arriving while one is being written wait for it and go together in the next.
 * So a quiet site pays one transaction per form, and a busy one a transaction per batch, each
 * request answered as soon as the transaction holding its form has committed (nothing is answered
 * before it is durable).
 */
class WebFormBatches {
  #waiting: PendingForm[] = [];
  #writing = false;
  readonly #knex: Knex;
  constructor(knex: Knex) {
    this.#knex = knex;
  }

  store(p: FormToStore): Promise<IntakeResult> {
    return new Promise((done, failed) => {
      this.#waiting.push({ ...p, done, failed });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length) {
        const batch = this.#waiting.splice(0, LEDGER_BATCH);
        await storeBatch(this.#knex, batch).catch((e) => (batch.length === 1 ? batch[0].failed(e) : this.#oneByOne(batch)));
      }
    } finally {
      this.#writing = false;
    }
  }

  /**
   * A failed batch rolled back whole, so nothing of it was stored: each of its forms is stored
   * again on its own, so that one form the database refuses costs only its own request (a 500 its
   * client may send again), never the others'.
   */
  async #oneByOne(batch: PendingForm[]): Promise<void> {
    for (const p of batch) await storeBatch(this.#knex, [p]).catch((e) => p.failed(e));
  }
}

/**
 * One transaction for a batch (intake-ledger.ts `storeForms`). Forms it left out (their key was in
 * the ledger already) and a key repeated within the batch are answered from the ledger once the
 * transaction has committed.
 */
async function storeBatch(knex: Knex, batch: PendingForm[]): Promise<void> {
  const firsts = new Map<string, PendingForm>();
  const repeats: PendingForm[] = [];
  for (const p of batch) {
    const id = ledgerId(p.orgId, p.key);
    if (firsts.has(id)) repeats.push(p);
    else firsts.set(id, p);
  }
  const stored = await storeForms(knex, [...firsts.values()]);
  for (const p of firsts.values()) {
    const it = stored.get(ledgerId(p.orgId, p.key));
    if (!it) repeats.push(p);
    else if ('answer' in it) p.done({ answer: it.answer, replayed: false, dropped: false });
    // Its session had too few seats: nothing of it was stored, and it is told so (409 session_full).
    else p.failed(await seatRefusal(knex, p.orgId, it.refused, it.seats).catch((e: unknown) => e));
  }
  if (!repeats.length) return;
  const byId = await ledgerRows(knex, repeats);
  for (const p of repeats) {
    try {
      p.done(replayOf(byId.get(ledgerId(p.orgId, p.key))!, p.hash));
    } catch (e) {
      p.failed(e);
    }
  }
}
