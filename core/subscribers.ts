import type { Knex } from 'knex';

/**
 * Reactions to what an owner did, by name, run in the owner's transaction: how one module hears
 * of another's changes without the owner importing it (DESIGN.md section 3; subscribed in
 * bin/system.ts). Subscribing a name again replaces it, so a process that starts the system twice
 * (tests) still reacts once.
 */
export class Subscribers<E, R = void> {
  readonly #byName = new Map<string, (trx: Knex.Transaction, event: E) => Promise<R>>();

  subscribe(name: string, subscriber: (trx: Knex.Transaction, event: E) => Promise<R>): void {
    this.#byName.set(name, subscriber);
  }

  /** Runs every subscriber, in the order they subscribed. */
  async publish(trx: Knex.Transaction, event: E): Promise<void> {
    for (const subscriber of this.#byName.values()) await subscriber(trx, event);
  }

  /** The one subscriber of this name, or undefined. */
  get(name: string): ((trx: Knex.Transaction, event: E) => Promise<R>) | undefined {
    return this.#byName.get(name);
  }
}
