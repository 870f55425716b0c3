import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links to stored media (a customer's photo shown in a staff group, a staff member's file sent to
 * a customer). LINE and Twilio fetch the file from us, without any login, so the link itself is
 * the permission:
 *
 *   <PUBLIC_BASE_URL>/media/<message id>?exp=<unix seconds>&sig=<base64url HMAC-SHA256>
 *
 * The MAC covers the message id and the expiry, keyed by `mediaLinkKey` (derived from
 * APP_ENCRYPTION_KEY for this purpose only). Links live in chat histories, where people scroll
 * back to them, so they last MEDIA_LINK_TTL_MS; an expired or altered link is refused (403).
 */
export const MEDIA_LINK_TTL_MS = 30 * 86_400_000;

const macOf = (key: Buffer, messageId: string, exp: number) =>
  createHmac('sha256', key).update(`media.${messageId}.${exp}`, 'utf8').digest('base64url');

export function mediaUrl(baseUrl: string, key: Buffer, messageId: string, o: { now?: Date; ttlMs?: number } = {}): string {
  const exp = Math.floor(((o.now ?? new Date()).getTime() + (o.ttlMs ?? MEDIA_LINK_TTL_MS)) / 1000);
  return `${baseUrl.replace(/\/+$/, '')}/media/${messageId}?exp=${exp}&sig=${macOf(key, messageId, exp)}`;
}

/** Whether a link's `exp` and `sig` were made by us for this message and have not expired. */
export function verifyMediaLink(key: Buffer, messageId: string, q: { exp?: string; sig?: string }, now = new Date()): boolean {
  if (!q.exp || !q.sig || !/^\d{1,12}$/.test(q.exp)) return false;
  const exp = Number(q.exp);
  if (exp * 1000 < now.getTime()) return false;
  const expected = Buffer.from(macOf(key, messageId, exp));
  const given = Buffer.from(q.sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
