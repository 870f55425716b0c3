import type { Context } from 'koa';
import { DomainError, unauthenticated } from '../../core/errors/index.ts';
import type { AppDeps } from '../deps.ts';

/** Who a LIFF page's user is, as LINE vouched for them: never what the page says. */
export interface LiffCaller {
  /** The LINE user id (`sub` of the ID token). */
  lineUserId: string;
  name: string | null;
  /** When the ID token expires (its `exp`), when known: a live stream opened with it ends then. */
  expiresAt: number | null;
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
  const local = match && settings?.localVerifier?.(match[1]);
  if (local) return { lineUserId: local.sub, name: local.name ?? null, expiresAt: null };
  if (!match || !settings?.loginChannelId) {
    ctx.set('WWW-Authenticate', 'Bearer');
    throw unauthenticated(settings?.loginChannelId ? 'A LIFF ID token is required: Authorization: Bearer <liff.getIDToken()>' : 'LIFF sign-in is not configured (LINE_LOGIN_CHANNEL_ID)');
  }
  let res: Response;
  try {
    res = await fetch(new URL('/oauth2/v2.1/verify', settings.lineApiBaseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token: match[1], client_id: settings.loginChannelId }),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DomainError('unavailable', 'LINE could not be reached to check the sign-in; try again', undefined, { cause: err });
  }
  if (res.status >= 500) throw new DomainError('unavailable', 'LINE could not check the sign-in; try again');
  const claims = (await res.json().catch(() => ({}))) as { sub?: unknown; aud?: unknown; name?: unknown; exp?: unknown };
  // LINE checked the audience; checking it again costs nothing and guards a misrouted base URL.
  if (!res.ok || typeof claims.sub !== 'string' || claims.aud !== settings.loginChannelId) {
    ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    throw unauthenticated('The LIFF ID token is not valid: forged, expired or issued for another channel');
  }
  return { lineUserId: claims.sub, name: typeof claims.name === 'string' ? claims.name : null, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null };
}
