import type { Context } from 'koa';
import { can, type Permission } from '../../core/access/roles.ts';
import { authenticateApiKey, type ApiKeyIdentity } from '../../core/api-keys/api-key-service.ts';
import { forbidden, unauthenticated } from '../../core/errors/index.ts';
import type { AppDeps } from '../deps.ts';

/** `Authorization: Bearer <api key>`; 401 without a valid key, 403 when its role lacks the permission. */
export async function requireApiKey(ctx: Context, deps: AppDeps, permission: Permission): Promise<ApiKeyIdentity> {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    ctx.set('WWW-Authenticate', 'Bearer');
    throw unauthenticated('An API key is required: Authorization: Bearer <key>');
  }
  const identity = await authenticateApiKey(deps.knex, match[1]);
  if (!identity) {
    ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    throw unauthenticated('The API key is not valid');
  }
  if (!can(identity.role, permission)) {
    throw forbidden(`The ${identity.role} role may not do this (needs ${permission})`, { role: identity.role, permission });
  }
  ctx.state.log = ctx.state.log.child({ orgId: identity.orgId, apiKeyId: identity.apiKeyId });
  return identity;
}
