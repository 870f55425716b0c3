import type { Knex } from 'knex';
import type { DoorPressure } from './door-pressure.ts';
import { storeInboundEvents, type ArrivingEvent } from './inbound-events.ts';

/**
 * Group commit for webhooks: events arriving within a millisecond or two of each other, from any
 * number of requests, are inserted by one statement and one commit, and each request is answered
 * once its own events are durable. Under load this turns hundreds of small commits a second into
 * a few dozen larger ones; when idle a lone event waits at most `maxWaitMs`.
 *
 * If a batch fails (one odd payload can sink a statement), each request's events are retried on
 * their own, so one bad request never fails the others.
 */
interface Pending {
  channel: { id: string; orgId: string };
  events: ArrivingEvent[];
  resolve: (r: { stored: number; duplicates: number }) => void;
  reject: (err: unknown) => void;
}

export class InboundBatcher {
  readonly #knex: Knex;
  readonly #maxEvents: number;
  readonly #maxWaitMs: number;
  readonly #door: DoorPressure | undefined;
  #queue: Pending[] = [];
  #size = 0;
  #timer: NodeJS.Timeout | undefined;

  /**
   * `door`: told of every store in flight, so that this process's workers give way in a flood
   * (core/inbound/door-pressure.ts). Only deliveries whose signature checked out come here: a
   * flood of forged or slowly sent requests cannot make the workers wait.
   */
  constructor(knex: Knex, opts: { maxEvents?: number; maxWaitMs?: number; door?: DoorPressure } = {}) {
    this.#knex = knex;
    this.#maxEvents = opts.maxEvents ?? 200;
    this.#maxWaitMs = opts.maxWaitMs ?? 2;
    this.#door = opts.door;
  }

  store(channel: { id: string; orgId: string }, events: ArrivingEvent[]): Promise<{ stored: number; duplicates: number }> {
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    const stored = this.#door?.arriving(events.length);
    return new Promise((resolve, reject) => {
      this.#queue.push({
        channel,
        events,
        resolve: (r) => {
          stored?.();
          resolve(r);
        },
        reject: (err) => {
          stored?.();
          reject(err);
        },
      });
      this.#size += events.length;
      if (this.#size >= this.#maxEvents) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#maxWaitMs);
    });
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#queue;
    this.#queue = [];
    this.#size = 0;
    if (batch.length === 0) return;
    void this.#write(batch);
  }

  async #write(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [p] = batch;
      return storeInboundEvents(this.#knex, p.channel, p.events).then(p.resolve, p.reject);
    }
    try {
      await storeInboundEvents(
        this.#knex,
        batch.flatMap((p) => p.events.map((e) => ({ ...e, channel: p.channel }))),
      );
      // Duplicates are not told apart per request: every webhook answers 200 either way.
      for (const p of batch) p.resolve({ stored: p.events.length, duplicates: 0 });
    } catch {
      await Promise.all(batch.map((p) => storeInboundEvents(this.#knex, p.channel, p.events).then(p.resolve, p.reject)));
    }
  }
}
