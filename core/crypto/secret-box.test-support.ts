import { createCipheriv, randomBytes } from 'node:crypto';

/** For tests: what the first version of SecretBox stored (`v1`, no associated data); `tagBytes` forges a truncated tag. */
export function sealV1(key: Buffer, text: string, tagBytes = 16): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag().subarray(0, tagBytes), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}
