import type { Context } from 'koa';
import { can, type Permission } from '../../core/access/roles.ts';
import { authenticateApiKey, type ApiKeyIdentity } from '../../core/api-keys/api-key-service.ts';
import { forbidden, unauthenticated } from '../../core/errors/index.ts';
import type { AppDeps } from '../deps.ts';
import { isPlatformKey } from './platform-key-auth.ts';

/** `Authorization: Bearer <api key>`; 401 without a valid key, 403 when its role lacks the permission. */
export async function requireApiKey(ctx: Context, deps: AppDeps, permission: Permission): Promise<ApiKeyIdentity> {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    ctx.set('WWW-Authenticate', 'Bearer');
    throw unauthenticated('An API key is required: Authorization: Bearer <key>');
  }
  // An address that sent too many wrong keys is refused whatever it sends now: at once when this
  // process knows it, else by a check that runs beside the key's own look-up, so that a valid key
  // waits no longer for it.
  deps.limits?.refuseIfBlocked('authFailures', ctx.ip);
  const [identity] = await Promise.all([authenticateApiKey(deps.knex, deps.apiKeys, match[1]), deps.limits?.check('authFailures', ctx.ip)]);
  if (!identity && isPlatformKey(deps, match[1])) {
    throw forbidden("This is the platform operator's key: it opens /platform/v1 only; an org's routes take that org's API key", { reason: 'platform_key_on_org_route' });
  }
  if (!identity) {
    await deps.limits?.consume('authFailures', ctx.ip);
    ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    throw unauthenticated('The API key is not valid');
  }
  if (identity.orgStatus && identity.orgStatus !== 'active') {
    throw forbidden(
      identity.orgStatus === 'suspended' ? 'This business is suspended on this service: its API keys work again once the operator resumes it' : 'This business is being deleted',
      { reason: identity.orgStatus === 'suspended' ? 'org_suspended' : 'org_deleting' },
    );
  }
  await deps.limits?.consume('api', identity.apiKeyId);
  // The org's keys together: its own limit when the platform operator set one, else the deployment's.
  const orgLimit = identity.orgLimits && 'api' in identity.orgLimits ? identity.orgLimits.api : deps.orgApiLimit;
  if (orgLimit) await deps.limits?.consumeOwn('org_api', orgLimit, identity.orgId);
  if (!can(identity.role, permission)) {
    throw forbidden(`The ${identity.role} role may not do this (needs ${permission})`, { role: identity.role, permission });
  }
  ctx.state.log = ctx.state.log.child({ orgId: identity.orgId, apiKeyId: identity.apiKeyId });
  return identity;
}
