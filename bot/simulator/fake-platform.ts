/**
 * What the fake LINE and Twilio APIs have in common: the requests they record, and faults a test
 * injects ("the next push answers 429").
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON or form fields when the body is one, else the text; undefined when empty. */
  body: unknown;
  at: number;
  /** Filled in once answered. */
  status?: number;
}

/**
 * An injected answer. Without `status` it only delays. `afterDelivery`: the request is processed
 * (and delivered) first and this answer replaces the real one: the platform accepted it but the
 * caller saw an error or a timeout, the case retry keys exist for.
 */
export interface FakeFault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  afterDelivery?: boolean;
}

/** Faults waiting for their requests: `path` equals or ends the request path, or a RegExp matches it. */
export class FaultPlan {
  #pending: { match: string | RegExp; fault: FakeFault; remaining: number }[] = [];

  add(match: string | RegExp, fault: FakeFault, times = 1): void {
    this.#pending.push({ match, fault, remaining: times });
  }

  take(path: string): FakeFault | undefined {
    const i = this.#pending.findIndex((f) => (typeof f.match === 'string' ? path === f.match || path.endsWith(f.match) : f.match.test(path)));
    if (i < 0) return undefined;
    const pending = this.#pending[i];
    if (--pending.remaining <= 0) this.#pending.splice(i, 1);
    return pending.fault;
  }

  clear(): void {
    this.#pending = [];
  }
}
