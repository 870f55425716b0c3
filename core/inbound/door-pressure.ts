/**
 * Whether the webhooks are flooding in, for a process that both takes them in and works on them
 * (`npm start`, the embedded default): the door first (#41, docs/benchmarks.md "The door first").
 *
 * Storing a delivery is the cheap part, and the one that loses messages when it is slow: LINE gives
 * up on a webhook that does not answer in time, and redelivers only when the account has turned
 * redelivery on. Working on a stored event can wait: it is durable, queued, and keeps its order.
 * So while deliveries are being stored many at once, the workers of this process take the stored
 * events one at a time (`JobRunner`'s `yieldTo`), leaving the cores to the door; a second after
 * the flood they are back to their full number.
 *
 * "Many at once" is platform deliveries being answered at the same moment (api/app.ts counts
 * every request to `/webhooks/`): customers who wait for an answer before writing again make few
 * (one or two, even at a hundred messages a second); a broadcast's replies or a platform's
 * catch-up make dozens.
 */
export class DoorPressure {
  /**
   * While busy, the stored events still go on to the workers, this many this often: a flood that
   * never ends does not stop the work.
   */
  readonly whileBusy: { rows: number; everyMs: number };
  readonly #busyAt: number;
  readonly #quietAfterMs: number;
  readonly #listeners: ((busy: boolean) => void)[] = [];
  #inFlight = 0;
  #busy = false;
  #lastCrowded = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(opts: { busyAt?: number; quietAfterMs?: number; whileBusy?: { rows: number; everyMs: number } } = {}) {
    this.#busyAt = opts.busyAt ?? 12;
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

  /** A delivery arrives; the returned function is called when it has been answered, whatever the answer. */
  arriving(): () => void {
    this.#inFlight += 1;
    if (this.#inFlight >= this.#busyAt) {
      this.#lastCrowded = Date.now();
      if (!this.#busy) this.#set(true);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#inFlight -= 1;
    };
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
