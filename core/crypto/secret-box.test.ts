import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = box.seal({ channelSecret: 'abc123', channelAccessToken: 'tok' });
    expect(sealed).not.toContain('abc123');
    expect(box.openJson(sealed)).toEqual({ channelSecret: 'abc123', channelAccessToken: 'tok' });
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toEqual(box.seal('same'));
  });

  it('refuses a tampered ciphertext', () => {
    const parts = box.seal('secret').split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('refuses another key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal('secret'))).toThrow();
  });
});
