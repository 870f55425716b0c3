import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * LINE signs the exact bytes it sent (x-line-signature: base64 HMAC-SHA256 with the channel
 * secret), so this must run on the raw body before any JSON parse: re-serialized JSON differs.
 */
export function signLineBody(rawBody: Buffer | string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}

/** Never throws: a missing, junk or wrong-length header is simply `false`. */
export function verifyLineSignature(rawBody: Buffer, signature: string | undefined, channelSecret: string): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  // An empty secret would let anyone sign; treat it as misconfiguration, not as a key.
  if (typeof channelSecret !== 'string' || channelSecret.length === 0) return false;
  if (!Buffer.isBuffer(rawBody)) return false;
  // Compare the base64 text itself: decoding first would accept junk that base64 skips over.
  const expected = Buffer.from(signLineBody(rawBody, channelSecret), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
