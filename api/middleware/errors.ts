import type { Context, Next } from 'koa';
import { DomainError, translateDbError } from '../../core/errors/index.ts';
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
      if (err.code === 'rate_limited' && typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
      ctx.body = { error: { code: err.code, message: err.message, details: err.details ?? null } };
      if (ctx.status >= 500) ctx.state.log?.error({ err: caught }, 'request failed');
    } else {
      ctx.state.log?.error({ err: caught }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'Something went wrong on our side', details: null } };
    }
  }
}
