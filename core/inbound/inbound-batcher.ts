import type { Knex } from 'knex';
import type { DoorPressure } from './door-pressure.ts';
import type { WorkDoneHere } from '../outbox/outbox.ts';
import { storeInboundEvents, type ArrivingEvent } from './inbound-events.ts';

/**
 * Group commit for webhooks: events arriving within a millisecond or two of each other, from any
 * number of requests, are inserted by one statement and one commit, and each request is answered
 * once its own events are durable. Under load this turns hundreds of small commits a second into
 * a few dozen larger ones; when idle a lone event waits at most `maxWaitMs`.
 *
 * If a batch fails (one odd payload can sink a statement), each request's events are retried on
 * their own, so one bad request never fails the others.
 *
 * Where the workers run in the same process (`workHere`), the stored events' jobs are run here at
 * once, after the requests are answered, rather than handed to the queue: no relay pass, no queued
 * job, and no wait for either (#41, docs/benchmarks.md "The stored event's job where it was
 * stored"). Their rows wait in the outbox as the fallback (`HERE_FALLBACK_MS`): a process that dies
 * meanwhile leaves them to the relay. Not in a flood (the door is busy: the cores are the door's),
 * and not beyond `places` events at once (the rest go to the queue, whose workers are there anyway).
 */
/** As long as the hold of the rows a job runs itself (core/outbox `DONE_HERE_FALLBACK_MS`). */
export const HERE_FALLBACK_MS = 10_000;

/** Runs held rows in this process, in order (workers/job-runner.ts `runHere`). */
export interface WorkHere {
  run(work: WorkDoneHere[]): Promise<void>;
  /** Events whose jobs may run here at once; 10, as many as a queue's workers take. */
  places?: number;
}

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
  readonly #workHere: WorkHere | undefined;
  readonly #places: number;
  /** Events whose jobs run here now. */
  #here = 0;
  #queue: Pending[] = [];
  #size = 0;
  #timer: NodeJS.Timeout | undefined;

  /**
   * `door`: told of every store in flight, so that this process's workers give way in a flood
   * (core/inbound/door-pressure.ts). Only deliveries whose signature checked out come here: a
   * flood of forged or slowly sent requests cannot make the workers wait.
   */
  constructor(knex: Knex, opts: { maxEvents?: number; maxWaitMs?: number; door?: DoorPressure; workHere?: WorkHere } = {}) {
    this.#knex = knex;
    this.#maxEvents = opts.maxEvents ?? 200;
    this.#maxWaitMs = opts.maxWaitMs ?? 2;
    this.#door = opts.door;
    this.#workHere = opts.workHere;
    this.#places = opts.workHere?.places ?? 10;
  }

  /** Events stored or being stored whose jobs run here, not yet ended: work the outbox does not show as due. */
  get workingHere(): number {
    return this.#here;
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
    const events = batch.reduce((n, p) => n + p.events.length, 0);
    const here = this.#workHere && !this.#door?.busy && this.#here + events <= this.#places ? this.#workHere : undefined;
    if (here) this.#here += events;
    let queued: WorkDoneHere[] = [];
    try {
      if (batch.length === 1) {
        const [p] = batch;
        const r = await storeInboundEvents(this.#knex, p.channel, p.events, { hereForMs: here && HERE_FALLBACK_MS }).catch((err: unknown) => {
          p.reject(err);
          return undefined;
        });
        if (r) p.resolve({ stored: r.stored, duplicates: r.duplicates });
        queued = r?.queued ?? [];
        return;
      }
      try {
        const r = await storeInboundEvents(
          this.#knex,
          batch.flatMap((p) => p.events.map((e) => ({ ...e, channel: p.channel }))),
          { hereForMs: here && HERE_FALLBACK_MS },
        );
        queued = r.queued;
        // Duplicates are not told apart per request: every webhook answers 200 either way.
        for (const p of batch) p.resolve({ stored: p.events.length, duplicates: 0 });
      } catch {
        // One by one, to the queue: the batch's trouble is not worth a second look here.
        await Promise.all(batch.map((p) => storeInboundEvents(this.#knex, p.channel, p.events).then(p.resolve, p.reject)));
      }
    } finally {
      // After the requests are answered: LINE waits for the 200, the customer for the answer.
      if (here) void this.#runHere(here, queued, events);
    }
  }

  async #runHere(here: WorkHere, queued: WorkDoneHere[], places: number): Promise<void> {
    try {
      if (queued.length) await here.run(queued);
    } catch {
      // Each row's outcome is the runner's to record; a row it could not run waits for its hold.
    } finally {
      this.#here -= places;
    }
  }
}
