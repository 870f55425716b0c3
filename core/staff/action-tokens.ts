import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Postback data for staff actions (card buttons, quick replies) that cannot be forged or replayed,
 * within LINE's 300-character limit:
 *
 *   sa1.<payload>.<mac>
 *
 * `payload` is base64url of a small binary record: org id (16 bytes), expiry (unix seconds,
 * 4 bytes), nonce (12 bytes), the action and the subject id (a UUID packed into 16 bytes, or
 * short text). `mac` is HMAC-SHA256 over `sa1.<payload>`, truncated to 16 bytes, with a key
 * derived from APP_ENCRYPTION_KEY (`deriveActionKey`). A verified token is then spent once:
 * `consumeNonce` records its nonce in `staff_action_nonces`, whose unique key refuses a second use.
 */
export const ACTION_TOKEN_PREFIX = 'sa1.';
/** LINE's limit on postback data. */
export const POSTBACK_DATA_LIMIT = 300;
const MAC_BYTES = 16;
const NONCE_BYTES = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ActionPayload {
  orgId: string;
  action: string;
  subjectId: string;
  /** base64url; a random one is made when not given. */
  nonce?: string;
  expiresAt: Date;
}

export type VerifiedAction = Required<ActionPayload>;
export type ActionRefusal = 'malformed' | 'tampered' | 'expired';

/** The key for staff action tokens, derived from the app's encryption key (never the key itself). */
export function deriveActionKey(appKey: Buffer): Buffer {
  return deriveKey(appKey, 'opsdesk staff action tokens v1');
}

/** A key for one purpose, derived from the app's encryption key: one leaked purpose key opens nothing else. */
export function deriveKey(appKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appKey, Buffer.alloc(0), purpose, 32));
}

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (key: Buffer, signed: string) => createHmac('sha256', key).update(signed, 'utf8').digest().subarray(0, MAC_BYTES);

export function signAction(p: ActionPayload, key: Buffer): string {
  if (!UUID.test(p.orgId)) throw new Error('signAction: orgId must be a UUID');
  const nonce = p.nonce ? Buffer.from(p.nonce, 'base64url') : randomBytes(NONCE_BYTES);
  if (nonce.length !== NONCE_BYTES) throw new Error(`signAction: the nonce must be ${NONCE_BYTES} bytes (base64url)`);
  const action = Buffer.from(p.action, 'utf8');
  const subjectIsUuid = UUID.test(p.subjectId);
  const subject = subjectIsUuid ? uuidBytes(p.subjectId) : Buffer.from(p.subjectId, 'utf8');
  if (action.length === 0 || action.length > 64) throw new Error('signAction: the action must be 1..64 bytes');
  if (subject.length > 64) throw new Error('signAction: the subject id must be at most 64 bytes');
  const exp = Buffer.alloc(4);
  exp.writeUInt32BE(Math.floor(p.expiresAt.getTime() / 1000));
  const body = Buffer.concat([
    uuidBytes(p.orgId),
    exp,
    nonce,
    Buffer.from([action.length]),
    action,
    Buffer.from([subjectIsUuid ? 0x80 | 16 : subject.length]),
    subject,
  ]);
  const signed = ACTION_TOKEN_PREFIX + body.toString('base64url');
  const token = `${signed}.${mac(key, signed).toString('base64url')}`;
  if (token.length > POSTBACK_DATA_LIMIT) throw new Error('signAction: the token would exceed LINE postback data limit');
  return token;
}

export function isActionToken(data: string): boolean {
  return data.startsWith(ACTION_TOKEN_PREFIX);
}

export function verifyAction(data: string, key: Buffer, now: Date): { ok: true; payload: VerifiedAction } | { ok: false; reason: ActionRefusal } {
  if (typeof data !== 'string' || data.length > POSTBACK_DATA_LIMIT || !data.startsWith(ACTION_TOKEN_PREFIX)) return { ok: false, reason: 'malformed' };
  const dot = data.lastIndexOf('.');
  const signed = data.slice(0, dot);
  const tagText = data.slice(dot + 1);
  const b64 = /^[A-Za-z0-9_-]+$/;
  if (dot <= ACTION_TOKEN_PREFIX.length || !b64.test(tagText) || !b64.test(signed.slice(ACTION_TOKEN_PREFIX.length))) return { ok: false, reason: 'malformed' };
  const tag = Buffer.from(tagText, 'base64url');
  // Only the canonical encoding: base64url's spare bits would otherwise let one token have several spellings.
  if (tag.length !== MAC_BYTES || tag.toString('base64url') !== tagText) return { ok: false, reason: 'malformed' };
  // The MAC first: nothing in an unauthenticated payload is looked at.
  if (!timingSafeEqual(tag, mac(key, signed))) return { ok: false, reason: 'tampered' };

  const bodyText = signed.slice(ACTION_TOKEN_PREFIX.length);
  const body = Buffer.from(bodyText, 'base64url');
  if (body.toString('base64url') !== bodyText) return { ok: false, reason: 'malformed' };
  let at = 0;
  const take = (n: number) => {
    if (at + n > body.length) throw new RangeError('short');
    const part = body.subarray(at, at + n);
    at += n;
    return part;
  };
  try {
    const orgId = uuidText(take(16));
    const expiresAt = new Date(take(4).readUInt32BE() * 1000);
    const nonce = take(NONCE_BYTES).toString('base64url');
    const action = take(take(1)[0]).toString('utf8');
    const subjectHead = take(1)[0];
    const subjectId = subjectHead & 0x80 ? uuidText(take(subjectHead & 0x7f)) : take(subjectHead).toString('utf8');
    if (at !== body.length || !action) return { ok: false, reason: 'malformed' };
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, payload: { orgId, action, subjectId, nonce, expiresAt } };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/**
 * Spends a token's nonce, in the transaction of the action it allows: true the first time, false
 * for any later use (the action must then do nothing). Rows may be pruned once `expires_at` has
 * passed: an expired token is refused before its nonce is looked at.
 */
export async function consumeNonce(
  trx: Knex.Transaction,
  nonce: string,
  o: { orgId?: string; expiresAt?: Date } = {},
): Promise<boolean> {
  const rows = await trx('staff_action_nonces')
    .insert({ nonce, org_id: o.orgId ?? null, expires_at: o.expiresAt ?? null })
    .onConflict('nonce')
    .ignore()
    .returning('nonce');
  return rows.length === 1;
}

/**
 * Removes spent nonces whose tokens have expired: an expired token is refused before its nonce is
 * looked at, so the row guards nothing. An hour of slack covers clocks that disagree; nonces of
 * tokens without expiry are kept.
 */
export async function pruneSpentNonces(db: Knex): Promise<number> {
  return db('staff_action_nonces').where('expires_at', '<', db.raw(`now() - interval '1 hour'`)).delete();
}
