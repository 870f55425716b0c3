import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';
import { sealV1 } from './secret-box.test-support.ts';

const key = randomBytes(32);
const box = new SecretBox(key);
const here = { purpose: 'channel.credentials', rowId: '0b0e6f0c-1a1a-4a4a-8b8b-000000000001' };

const withTag = (sealed: string, tag: Buffer) => {
  const parts = sealed.split('.');
  parts[2] = tag.toString('base64url');
  return parts.join('.');
};

describe('SecretBox', () => {
  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = box.seal({ channelSecret: 'abc123', channelAccessToken: 'tok' }, here);
    expect(sealed).toMatch(/^v2\./);
    expect(sealed).not.toContain('abc123');
    expect(box.openJson(sealed, here)).toEqual({ channelSecret: 'abc123', channelAccessToken: 'tok' });
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', here)).not.toEqual(box.seal('same', here));
  });

  it('refuses a tampered ciphertext', () => {
    const parts = box.seal('secret', here).split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), here)).toThrow();
  });

  it('refuses another key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal('secret', here), here)).toThrow();
  });

  it('refuses a truncated GCM tag, even one that is a true prefix of the real tag', () => {
    const sealed = box.seal('secret', here);
    const tag = Buffer.from(sealed.split('.')[2], 'base64url');
    expect(tag).toHaveLength(16);
    for (const n of [4, 8, 12, 15]) {
      expect(() => box.open(withTag(sealed, tag.subarray(0, n)), here)).toThrow(/16 bytes/);
    }
    // The same for the legacy format: Node's GCM alone would accept a 4-byte prefix of the tag.
    expect(() => box.openLegacy(sealV1(key, 'secret', 4))).toThrow(/16 bytes/);
    expect(box.openLegacy(sealV1(key, 'secret'))).toBe('secret');
  });

  it('binds a ciphertext to its row and purpose: moved elsewhere, it does not open', () => {
    const sealed = box.seal('secret', here);
    expect(() => box.open(sealed, { ...here, rowId: '0b0e6f0c-1a1a-4a4a-8b8b-000000000002' })).toThrow();
    expect(() => box.open(sealed, { ...here, purpose: 'webhook_endpoint.secret' })).toThrow();
    expect(() => box.open(sealed, { purpose: '', rowId: '' })).toThrow();
    expect(box.open(sealed, here)).toBe('secret');
  });

  it('opens legacy v1 values only through openLegacy (for re-sealing), never through open', () => {
    const legacy = sealV1(key, 'old secret');
    expect(() => box.open(legacy, here)).toThrow();
    expect(box.openLegacy(legacy)).toBe('old secret');
    expect(() => box.openLegacy(box.seal('new', here))).toThrow();
  });
});
