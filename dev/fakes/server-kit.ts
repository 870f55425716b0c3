import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Context } from 'koa';

/**
 * What every fake platform server (LINE, Twilio, OpenAI, Gemini) is built from, kept in one place:
 * starting on loopback, reading and recording the requests it gets (the raw body, the headers
 * flattened and lower-cased, the body read as JSON when it is), answering JSON, the faults a test
 * injects, and waiting for what a fake receives.
 */

// ---- serving on loopback ----

/** Serves a fake platform on loopback (port 0 unless given) and says where. */
export async function listenOnLoopback(app: Koa, opts: { port?: number; host?: string } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(app.callback());
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A fake platform started on loopback: where it listens, what it recorded, and how to stop it. */
export interface RunningFake<S> {
  url: string;
  state: S;
  app: Koa;
  close(): Promise<void>;
}

/** Starts a fake made by `create` (a Koa app and its recording state) on loopback. */
export async function startFake<S, O extends { port?: number; host?: string }>(create: (opts: O) => { app: Koa; state: S }, opts: O): Promise<RunningFake<S>> {
  const { app, state } = create(opts);
  const { url, close } = await listenOnLoopback(app, opts);
  return { url, state, app, close };
}

// ---- reading requests ----

export function readRaw(ctx: Context): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    ctx.req.on('data', (c: Buffer) => chunks.push(c));
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)));
    ctx.req.on('error', reject);
  });
}

export function parseMaybeJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- answering ----

export function answer(ctx: Context, status: number, body: unknown): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body ?? {});
}

/**
 * The recorded raw body (`ctx.state.rawBody`) as a JSON object; otherwise answers 400 with the
 * platform's own `invalidBody` and returns undefined.
 */
export function jsonObject(ctx: Context, invalidBody: unknown): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse((ctx.state.rawBody as Buffer).toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  answer(ctx, 400, invalidBody);
  return undefined;
}

// ---- waiting ----

/** Resolves once `done()` holds, checking whenever `subscribe`'s event fires; rejects after `timeoutMs`. */
export function waitFor(subscribe: (fn: () => void) => () => void, done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    const unsubscribe = subscribe(check);
  });
}

// ---- recording and faults (LINE, Twilio) ----

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
  /**
   * No answer at all: the connection is cut, before the request is handled, or after it was
   * (with `afterDelivery`): a network break, or a caller that died, as far as the caller can tell.
   */
  cutConnection?: boolean;
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
