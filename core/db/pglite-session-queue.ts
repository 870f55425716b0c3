import type { PGlite } from '@electric-sql/pglite';
import { PgliteNotifications } from './pglite-notifications.ts';

/**
 * Serialises the wire-protocol messages of many socket clients onto PGlite's one session.
 *
 * pglite-socket's own queue interleaves clients message by message and pins a client only inside a
 * transaction. node-postgres sends a parameterised query as Parse, Bind, Describe, Execute, Sync;
 * another client's Parse slipping in between replaces the unnamed statement, and the Bind then
 * fails ("bind message supplies 3 parameters, but prepared statement requires 13") or, worse,
 * binds values to the wrong query. Here a client also keeps the session from its first
 * extended-protocol message to its Sync, as it does for the length of a transaction.
 */
interface Item {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

// Parse, Bind, Describe, Execute, Close, Flush: a sequence that ends at Sync ('S').
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

export class PgliteSessionQueue {
  readonly #db: PGlite;
  #queue: Item[] = [];
  #processing = false;
  /** The client that owns the session until its Sync or the end of its transaction. */
  #pinned: number | null = null;
  readonly #notifications = new PgliteNotifications();

  constructor(db: PGlite) {
    this.#db = db;
  }

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    this.#notifications.noteStatement(handlerId, message, onData);
    return new Promise((resolve, reject) => {
      this.#queue.push({ handlerId, message, onData, resolve, reject });
      void this.#process();
    });
  }

  getQueueLength(): number {
    return this.#queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.#notifications.forget(handlerId);
    this.#queue = this.#queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A client that leaves mid-transaction or mid-sequence must not keep the session. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.#pinned !== handlerId) return;
    if (this.#db.isInTransaction()) await this.#db.exec('ROLLBACK');
    this.#pinned = null;
    void this.#process();
  }

  async #process(): Promise<void> {
    if (this.#processing) return;
    this.#processing = true;
    try {
      for (;;) {
        const index = this.#pinned === null ? 0 : this.#queue.findIndex((i) => i.handlerId === this.#pinned);
        if (index < 0 || this.#queue.length === 0) break;
        const [item] = this.#queue.splice(index, 1);
        let bytes = 0;
        const output = this.#notifications.output(item.handlerId, item.onData);
        try {
          await this.#db.runExclusive(() =>
            this.#db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                output.push(data);
              },
            }),
          );
          output.end();
        } catch (err) {
          output.end();
          this.#pinned = null;
          item.reject(err);
          continue;
        }
        const inSequence = EXTENDED.has(item.message[0]);
        this.#pinned = inSequence || this.#db.isInTransaction() ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.#processing = false;
    }
  }
}
