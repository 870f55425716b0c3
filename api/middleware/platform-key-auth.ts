import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { authenticateApiKey } from '../../core/api-keys/api-key-service.ts';
import { DomainError, forbidden, unauthenticated } from '../../core/errors/index.ts';
import type { AppDeps } from '../deps.ts';

/**
 * The platform operator's key (PLATFORM_API_KEY): `/platform/v1` only, outside every org. It is
 * no org's key and an org's key is not it: each presented at the other's door is a 403 that says
 * so (`details.reason`), so a script holding the wrong one learns why; any other key is a 401.
 */
const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export function isPlatformKey(deps: AppDeps, presented: string): boolean {
  return Boolean(deps.platformApiKey) && timingSafeEqual(digest(presented), digest(deps.platformApiKey!));
}

export const bearerOf = (ctx: Context) => /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'))?.[1];

export async function requirePlatformKey(ctx: Context, deps: AppDeps): Promise<void> {
  if (!deps.platformApiKey) throw new DomainError('unavailable', 'The platform API is not configured: set PLATFORM_API_KEY and restart');
  const presented = bearerOf(ctx);
  if (!presented) {
    ctx.set('WWW-Authenticate', 'Bearer');
    throw unauthenticated('The platform key is required: Authorization: Bearer <PLATFORM_API_KEY>');
  }
  deps.limits?.refuseIfBlocked('authFailures', ctx.ip);
  if (isPlatformKey(deps, presented)) return;
  await deps.limits?.consume('authFailures', ctx.ip);
  if (await authenticateApiKey(deps.knex, deps.apiKeys, presented)) {
    throw forbidden("This is an org's API key: the platform API takes the platform operator's key", { reason: 'org_key_on_platform_route' });
  }
  ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
  throw unauthenticated('The platform key is not valid');
}
