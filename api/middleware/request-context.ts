import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../../core/logger.ts';

const acceptedId = /^[\w.:-]{1,128}$/;

/**
 * Paths whose segments are secrets (a tracking token is the key to a case): logged without them.
 */
const SECRET_SEGMENTS: [RegExp, string][] = [
  [/^(\/public\/v1\/(?:cases|quotes|bookings|corporate-usage)\/)[^/]+/i, '$1:token'],
  // The customer pages carry the same tokens (/liff/track/<token>, /liff/quote/<token>).
  [/^(\/liff\/(?:track|quote)\/)[^/]+/i, '$1:token'],
];

export function redactPath(path: string): string {
  for (const [re, replacement] of SECRET_SEGMENTS) if (re.test(path)) return path.replace(re, replacement);
  return path;
}

/** A request id (the caller's X-Request-Id when sane, else a new one), a child logger, an access log line. */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = acceptedId.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // Probes are frequent and dull; keep them out of the info log.
      const level = ctx.path === '/healthz' || ctx.path === '/readyz' ? 'debug' : 'info';
      ctx.state.log[level]({ method: ctx.method, path: redactPath(ctx.path), status: ctx.status, ms }, 'request');
    }
  };
}
