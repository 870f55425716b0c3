import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (channel credentials, webhook signing secrets).
 *
 * The stored form is `v2.<iv>.<tag>.<ciphertext>` in base64url. Each ciphertext is bound, as
 * associated data, to what it is for and the row that holds it (`SealContext`): a sealed value
 * copied into another row, or into another column, does not open. The tag must be the full
 * 16 bytes: GCM would otherwise accept a truncated tag, which makes forgeries far cheaper.
 *
 * `v1` values (no associated data) came before; `openLegacy` reads them only so that
 * `resealLegacySecrets` can rewrite them as `v2` at start-up. `open` refuses them.
 */
export interface SealContext {
  /** What the secret is, e.g. `channel.credentials`; fixed per column. */
  purpose: string;
  /** The id of the row it is stored in. */
  rowId: string;
}

const TAG_BYTES = 16;
const IV_BYTES = 12;

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
    this.#key = key;
  }

  seal(plain: string | object, context: SealContext): string {
    const text = typeof plain === 'string' ? plain : JSON.stringify(plain);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return ['v2', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context: SealContext): string {
    const parts = split(sealed);
    if (parts.version !== 'v2') throw new Error('Not a sealed secret of this version');
    return decrypt(this.#key, parts, aad(context));
  }

  openJson<T>(sealed: string, context: SealContext): T {
    return JSON.parse(this.open(sealed, context)) as T;
  }

  /** A `v1` value (no associated data), for re-sealing only. Still requires a full tag. */
  openLegacy(sealed: string): string {
    const parts = split(sealed);
    if (parts.version !== 'v1') throw new Error('Not a legacy sealed secret');
    return decrypt(this.#key, parts, undefined);
  }
}

export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith('v1.');
}

function aad(context: SealContext): Buffer {
  if (!context.purpose || !context.rowId) throw new Error('A sealed secret needs its purpose and row id');
  return Buffer.from(`opsdesk:${context.purpose}:${context.rowId}`, 'utf8');
}

interface Parts {
  version: string;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

function split(sealed: string): Parts {
  const [version, iv, tag, body, extra] = typeof sealed === 'string' ? sealed.split('.') : [];
  if (!version || !iv || !tag || body === undefined || extra !== undefined) throw new Error('Not a sealed secret');
  return { version, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), body: Buffer.from(body, 'base64url') };
}

function decrypt(key: Buffer, p: Parts, associated: Buffer | undefined): string {
  if (p.iv.length !== IV_BYTES) throw new Error('Not a sealed secret: bad IV');
  if (p.tag.length !== TAG_BYTES) throw new Error('Not a sealed secret: the tag must be 16 bytes');
  const decipher = createDecipheriv('aes-256-gcm', key, p.iv, { authTagLength: TAG_BYTES });
  if (associated) decipher.setAAD(associated);
  decipher.setAuthTag(p.tag);
  return Buffer.concat([decipher.update(p.body), decipher.final()]).toString('utf8');
}
