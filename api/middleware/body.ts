import type { Context, Next } from 'koa';
import { DomainError } from '../../core/errors/index.ts';

/**
 * Reads the request body as raw bytes, with a size limit, and parses nothing: webhook signatures
 * are checked on these exact bytes before any parsing, and each route parses what it expects
 * (`jsonBody`). Over the limit: 413 (without reading the rest when Content-Length says so).
 */
export interface BodyOptions {
  limitBytes: number;
}

declare module 'koa' {
  interface Request {
    rawBody?: Buffer;
  }
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readBody(opts: BodyOptions) {
  return async (ctx: Context, next: Next) => {
    await readBodyOnce(ctx, opts.limitBytes);
    return next();
  };
}

/**
 * Reads the body into `ctx.request.rawBody` unless it was read already. The app calls it only
 * once a request is routed, rate-limited and (for the API) authenticated, so that nobody can make
 * the server read a large body without being allowed to send it.
 */
export async function readBodyOnce(ctx: Context, limitBytes: number): Promise<void> {
  if (ctx.request.rawBody !== undefined || !methodsWithBody.has(ctx.method)) return;
  const declared = Number(ctx.get('content-length') || NaN);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  ctx.request.rawBody = await readLimited(ctx, limitBytes);
}

/**
 * The body as JSON; an empty body is `undefined`, anything unparsable a 400. Only what
 * `readBodyOnce` read: a route mounted outside `mountRoute` (api/route.ts) calls it first, once
 * the caller is known to be allowed.
 */
export function jsonBody(ctx: Context): unknown {
  const raw = ctx.request.rawBody;
  if (!raw || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DomainError('malformed_body', 'The request body is not valid JSON');
  }
}

function tooLarge(limit: number) {
  return new DomainError('payload_too_large', `The request body is larger than ${limit} bytes`, { limitBytes: limit });
}

function readLimited(ctx: Context, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop reading; the error answer goes out and the connection is not reused.
        req.unpipe?.();
        req.resume();
        ctx.set('Connection', 'close');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new DomainError('malformed_body', 'The request body could not be read', undefined, { cause: err }));
    };
    function cleanup() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
