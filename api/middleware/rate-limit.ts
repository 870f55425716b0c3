import type { Context, Next } from 'koa';
import type { AppDeps } from '../deps.ts';
import { readBodyOnce } from './body.ts';

export const DEFAULT_WEBHOOK_BODY_LIMIT = 256 * 1024;

// The LIFF API is limited as the public one: each of its calls asks LINE to verify a token.
const PUBLIC_PATH = /^\/(public\/v1|media|liff-api\/v1)(\/|$)/;
const WEBHOOK_PATH = /^\/webhooks\/(line|whatsapp|payments)(\/[^/]{1,64})?\/?$/;

/**
 * Before any route runs: the public endpoints are limited per client address (the socket's,
 * or X-Forwarded-For's only with TRUST_PROXY), the webhooks per path (each path is one channel),
 * and a webhook's body is read only then, up to its own limit (256 KiB by default: LINE and
 * Twilio send far less). The API's own routes are limited per key once authenticated
 * (api/middleware/api-key-auth.ts) and read their body after that (api/route.ts).
 */
export function limitsBeforeRouting(deps: AppDeps) {
  const webhookLimit = deps.webhookBodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  return async (ctx: Context, next: Next) => {
    const path = ctx.path;
    if (PUBLIC_PATH.test(path)) {
      await deps.limits?.consume('public', ctx.ip);
    } else if (path.startsWith('/webhooks/')) {
      // Paths of no webhook are answered 404 by the router without a body read or a counter.
      if (ctx.method === 'POST' && WEBHOOK_PATH.test(path)) {
        await deps.limits?.consume('webhooks', path.replace(/\/$/, ''));
        await readBodyOnce(ctx, webhookLimit);
      }
    }
    return next();
  };
}
