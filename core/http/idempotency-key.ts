import { createHash } from 'node:crypto';
import { validationFailed } from '../errors/index.ts';

/**
 * The `Idempotency-Key` of a request that creates something (a website's booking form, a case
 * opened through the API): the key is checked here, and the hash of the body as its contract
 * parsed it is kept with what the key created, so the same key with the same body gets the first
 * answer and the same key with another body is refused.
 */
const KEY = /^[\x21-\x7e]{8,255}$/;

/** The hash of a parsed body: key order and spacing do not make another body. */
export function bodyHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as any)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

/** The header's key; 422 naming `Idempotency-Key` when it is absent or not 8 to 255 visible ASCII characters. */
export function checkIdempotencyKey(key: string | undefined, what = 'form submission'): string {
  if (!key) throw validationFailed('The Idempotency-Key header is required', [{ path: 'Idempotency-Key', message: `Required: one key per ${what}` }]);
  if (!KEY.test(key)) throw validationFailed('The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: '8 to 255 visible ASCII characters' }]);
  return key;
}
