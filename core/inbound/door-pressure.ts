/**
 * Whether the webhooks are flooding in, for a process that both takes them in and works on them
 * (`npm start`, the embedded default): the door first (#41, docs/benchmarks.md "The door first").
 *
 * Storing a delivery is the cheap part, and the one that loses messages when it is slow: LINE gives
 * up on a webhook that does not answer in time, and redelivers only when the account has turned
 * redelivery on. Working on a stored event can wait: it is durable, queued, and keeps its order.
 * So while deliveries flood in, the relay holds the stored events in the outbox but for a few a
 * second, and the workers of this process take those already queued a few a second too, one at a
 * time (`yieldTo` of the relay and of `JobRunner`), leaving the cores to the door; a second after
 * the flood all goes on as before.
 *
 * Only signed deliveries count (core/inbound/inbound-batcher.ts tells it as it stores them; a
 * request whose signature is wrong never gets there), so forged or slowly sent requests cannot
 * make the workers wait. A flood is either rule:
 * - **more events a second than one process answers by far**: 300 by default. One process runs its
 *   workers on one thread, which answers about 75 customers a second (docs/benchmarks.md) whatever
 *   the machine, so at 300 the backlog grows four times faster than it drains;
 * - **many stores at once** (12): the database is slow to take them, and the workers' statements
 *   are in the way.
 * Customers who wait for an answer before writing again, even 100 a second, trip neither.
 */
export class DoorPressure {
  /**
   * While busy, the stored events still go on to the workers, this many this often: a flood that
   * never ends does not stop the work.
   */
  readonly whileBusy: { rows: number; everyMs: number };
  readonly #busyAt: number;
  readonly #perSecond: number;
  readonly #quietAfterMs: number;
  readonly #listeners: ((busy: boolean) => void)[] = [];
  #inFlight = 0;
  /** Events stored in the current second (`#second`, in whole seconds of the clock). */
  #thisSecond = 0;
  #second = 0;
  #busy = false;
  #lastCrowded = 0;
  #timer: NodeJS.Timeout | undefined;
  /** When the turns of the last `whileBusy.everyMs` were given, oldest first. */
  readonly #turns: number[] = [];

  constructor(opts: { busyAt?: number; perSecond?: number; quietAfterMs?: number; whileBusy?: { rows: number; everyMs: number } } = {}) {
    this.#busyAt = opts.busyAt ?? 12;
    this.#perSecond = opts.perSecond ?? 300;
    this.#quietAfterMs = opts.quietAfterMs ?? 1_000;
    this.whileBusy = opts.whileBusy ?? { rows: 10, everyMs: 1_000 };
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** Called with true when a flood starts and false once it has been over for `quietAfterMs`. */
  onChange(listener: (busy: boolean) => void): void {
    this.#listeners.push(listener);
  }

  /** A signed delivery of `events` events starts to be stored; the returned function is called when that ends, stored or not. */
  arriving(events = 1): () => void {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#thisSecond = 0;
    }
    this.#thisSecond += events;
    this.#inFlight += 1;
    if (this.#inFlight >= this.#busyAt || this.#thisSecond >= this.#perSecond) {
      this.#lastCrowded = now;
      if (!this.#busy) this.#set(true);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#inFlight -= 1;
    };
  }

  /**
   * A worker's turn at a stored event: at once while quiet; while busy, one of `whileBusy.rows`
   * each `whileBusy.everyMs` (the jobs queued before the flood was noticed wait their turn too).
   */
  async turn(): Promise<void> {
    const { rows, everyMs } = this.whileBusy;
    for (;;) {
      if (!this.#busy) return;
      const now = Date.now();
      while (this.#turns.length && now - this.#turns[0] >= everyMs) this.#turns.shift();
      if (this.#turns.length < rows) {
        this.#turns.push(now);
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(10, this.#turns[0] + everyMs - now)));
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #set(busy: boolean): void {
    this.#busy = busy;
    if (busy) {
      // Looked at four times a second while busy; nothing runs while quiet.
      this.#timer = setInterval(() => {
        // Deliveries still in flight keep it crowded, however long they take.
        if (this.#inFlight >= this.#busyAt) this.#lastCrowded = Date.now();
        else if (Date.now() - this.#lastCrowded >= this.#quietAfterMs) this.#set(false);
      }, Math.max(10, this.#quietAfterMs / 4));
      this.#timer.unref();
    } else {
      this.stop();
    }
    for (const listener of this.#listeners) listener(busy);
  }
}
