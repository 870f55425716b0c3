import type { Context } from 'koa';
import type { LiffOrgScope } from '../../core/access/liff-org-scope.ts';
import { DomainError, unauthenticated } from '../../core/errors/index.ts';
import { hasOwnLoginChannel } from '../../core/orgs/tenants.ts';
import type { AppDeps } from '../deps.ts';

/** Who a LIFF page's user is, as LINE vouched for them: never what the page says. */
export interface LiffCaller {
  /** The LINE user id (`sub` of the ID token). */
  lineUserId: string;
  name: string | null;
  /** When the ID token expires (its `exp`), when known: a live stream opened with it ends then. */
  expiresAt: number | null;
  /** Which orgs this sign-in may act for: the Login channel the token was issued for, and the org the page names. */
  scope: LiffOrgScope;
}

/** The header a page names the org it acts for with, when one person belongs to several (docs/tenants.md). */
export const ORG_HEADER = 'x-opsdesk-org';

/** The `aud` the token claims, unverified: only to choose which Login channel LINE is asked to check it for. */
function claimedAudience(idToken: string): string | undefined {
  try {
    const aud = (JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown }).aud;
    return typeof aud === 'string' && /^\d{6,20}$/.test(aud) ? aud : undefined;
  } catch {
    return undefined;
  }
}

const VERIFY_TIMEOUT_MS = 5_000;

/**
 * `Authorization: Bearer <LIFF ID token>`, checked by LINE (`POST /oauth2/v2.1/verify` with
 * `id_token` and `client_id`): LINE checks the signature, the expiry and the audience. Anything
 * but LINE's 200 is a 401 before anything is read; LINE not answering is a 503, not a 401, so a
 * customer is not told their sign-in is wrong when it is LINE that is slow.
 */
export async function requireLiffCaller(ctx: Context, deps: AppDeps): Promise<LiffCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'));
  const settings = deps.liff;
  const orgSlug = ctx.get(ORG_HEADER).trim() || undefined;
  const local = match && settings?.localVerifier?.(match[1]);
  // The simulator's sign-ins stand for the deployment's Login channel, whether or not one is set.
  const deployment = settings?.loginChannelId ?? '';
  if (local) return { lineUserId: local.sub, name: local.name ?? null, expiresAt: null, scope: { loginChannelId: deployment, deploymentLoginChannelId: deployment, orgSlug } };
  // A business with a LINE Login channel of its own: LINE is asked to check the token for that channel.
  const aud = match ? claimedAudience(match[1]) : undefined;
  const clientId = aud && aud !== settings?.loginChannelId && settings && (await hasOwnLoginChannel(deps.knex, aud)) ? aud : settings?.loginChannelId;
  if (!match || !settings || !clientId) {
    ctx.set('WWW-Authenticate', 'Bearer');
    throw unauthenticated(clientId ? 'A LIFF ID token is required: Authorization: Bearer <liff.getIDToken()>' : 'LIFF sign-in is not configured (LINE_LOGIN_CHANNEL_ID)');
  }
  let res: Response;
  try {
    res = await fetch(new URL('/oauth2/v2.1/verify', settings.lineApiBaseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token: match[1], client_id: clientId }),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DomainError('unavailable', 'LINE could not be reached to check the sign-in; try again', undefined, { cause: err });
  }
  if (res.status >= 500) throw new DomainError('unavailable', 'LINE could not check the sign-in; try again');
  const claims = (await res.json().catch(() => ({}))) as { sub?: unknown; aud?: unknown; name?: unknown; exp?: unknown };
  // LINE checked the audience; checking it again costs nothing and guards a misrouted base URL.
  if (!res.ok || typeof claims.sub !== 'string' || claims.aud !== clientId) {
    ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    throw unauthenticated('The LIFF ID token is not valid: forged, expired or issued for another channel');
  }
  return {
    lineUserId: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : null,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
    scope: { loginChannelId: clientId, deploymentLoginChannelId: settings.loginChannelId, orgSlug },
  };
}
