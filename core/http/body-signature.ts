import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed bodies from the business's main system: payment events (POST /webhooks/payments) and
 * order syncs (the orders API, api/admin/order-routes.ts), each with its own secret; and our own
 * webhooks to the business (workers/processors/webhooks.ts), so a business checks both the same
 * way. The sender computes
 *
 *   HMAC-SHA256(secret, `${timestamp}.${rawBody}`)  as lowercase hex
 *
 * and sends `X-Opsdesk-Timestamp: <unix seconds>` and `X-Opsdesk-Signature: v1=<hex>` (several
 * `v1=` values separated by commas are accepted, so a secret can be rotated). The timestamp is
 * inside the signature, so a captured request cannot be replayed later than the tolerance.
 */
export const TIMESTAMP_HEADER = 'x-opsdesk-timestamp';
export const SIGNATURE_HEADER = 'x-opsdesk-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export function signBody(rawBody: string | Buffer, secret: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `v1=${mac}`;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing' | 'mismatch' | 'bad_timestamp' | 'stale'; message: string };

export function verifyBodySignature(
  rawBody: Buffer,
  headers: { timestamp: string | undefined; signature: string | undefined },
  secret: string,
  now: Date = new Date(),
): SignatureCheck {
  if (!headers.timestamp || !headers.signature) {
    return { ok: false, reason: 'missing', message: 'The X-Opsdesk-Timestamp and X-Opsdesk-Signature headers are required' };
  }
  if (!/^\d{1,12}$/.test(headers.timestamp.trim())) {
    return { ok: false, reason: 'bad_timestamp', message: 'X-Opsdesk-Timestamp must be a unix time in seconds' };
  }
  const timestamp = Number(headers.timestamp.trim());
  const expected = Buffer.from(signBody(rawBody, secret, timestamp).slice(3), 'hex');
  const matches = headers.signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1=') && /^[0-9a-f]{64}$/i.test(part.slice(3)))
    .some((part) => timingSafeEqual(Buffer.from(part.slice(3), 'hex'), expected));
  if (!matches) {
    return { ok: false, reason: 'mismatch', message: 'The X-Opsdesk-Signature header does not match the timestamp and body' };
  }
  const skew = Math.round(now.getTime() / 1000 - timestamp);
  if (Math.abs(skew) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      ok: false,
      reason: 'stale',
      message:
        `X-Opsdesk-Timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'in the past' : 'in the future'}; at most ` +
        `${SIGNATURE_TOLERANCE_SECONDS} s either way is accepted (replay protection). Sign each delivery with the current time.`,
    };
  }
  return { ok: true, timestamp };
}
