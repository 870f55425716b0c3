import type { Context, Next } from 'koa';
import { DomainError, databaseOutageReason, translateDbError } from '../../core/errors/index.ts';
import { httpStatusOf } from './error-status.ts';

/**
 * Shapes every error the same way: `{ "error": { "code", "message", "details" } }`, with the
 * request id in the header for support. Unexpected errors are logged and answered without
 * internals.
 */
export async function errorBody(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new DomainError('not_found', `No route for ${ctx.method} ${ctx.path}`);
    }
  } catch (caught) {
    const err = translateDbError(caught);
    if (err instanceof DomainError) {
      ctx.status = httpStatusOf[err.code];
      const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      // A 429, or a 503 the database answered for its own state (no connection free, disk full):
      // the caller is told when to try again rather than left to guess.
      if ((err.code === 'rate_limited' || err.code === 'unavailable') && typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
      ctx.body = { error: { code: err.code, message: err.message, details: err.details ?? null } };
      if (databaseOutageReason(caught) !== undefined) {
        // The database's state, not a bug: one line with the reason, no stack per request.
        ctx.state.log?.warn({ reason: err.message, status: ctx.status }, 'request refused: database unavailable');
      } else if (ctx.status >= 500) ctx.state.log?.error({ err: caught }, 'request failed');
    } else {
      ctx.state.log?.error({ err: caught }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'Something went wrong on our side', details: null } };
    }
  }
}
