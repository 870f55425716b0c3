import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLineBody, verifyLineSignature } from './line-signature.ts';

const secret = '8c570fa6dd201bb328f1c1eac23a96d8';
const body = Buffer.from(
  JSON.stringify({
    destination: 'U3e5a7d1c6b2f4e8a9d0c1b2a3f4e5d6c',
    events: [
      {
        type: 'message',
        message: { type: 'text', id: '468789577898262530', quoteToken: 'q3Plxr4AgKd', text: 'สวัสดีครับ' },
        webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T',
        deliveryContext: { isRedelivery: false },
        timestamp: 1692251666727,
        source: { type: 'user', userId: 'U4af4980629a1b2c3d4e5f60718293a4b' },
        replyToken: '38ef843bde154d9b91c21320ffd17a0f',
        mode: 'active',
      },
    ],
  }),
);

describe('signLineBody', () => {
  it('is the base64 HMAC-SHA256 of the raw bytes with the channel secret', () => {
    const expected = createHmac('sha256', secret).update(body).digest('base64');
    expect(signLineBody(body, secret)).toBe(expected);
    expect(signLineBody(body.toString('utf8'), secret)).toBe(expected);
  });
});

describe('verifyLineSignature', () => {
  const signature = signLineBody(body, secret);

  it('accepts the signature LINE would send', () => {
    expect(verifyLineSignature(body, signature, secret)).toBe(true);
  });

  it('refuses a body changed by one byte', () => {
    const tampered = Buffer.from(body);
    tampered[tampered.length - 2] ^= 0x01;
    expect(verifyLineSignature(tampered, signature, secret)).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyLineSignature(body, signLineBody(body, 'another-channel-secret'), secret)).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(verifyLineSignature(body, undefined, secret)).toBe(false);
    expect(verifyLineSignature(body, '', secret)).toBe(false);
  });

  it('refuses garbage without throwing', () => {
    for (const junk of ['garbage', '!!!!', signature + '=', signature.slice(0, -1), ' ' + signature, 'ก'.repeat(44), '\u0000'.repeat(44)]) {
      expect(verifyLineSignature(body, junk, secret)).toBe(false);
    }
    // Headers can arrive as arrays or worse from a misbehaving proxy.
    expect(verifyLineSignature(body, ['a', 'b'] as unknown as string, secret)).toBe(false);
    expect(verifyLineSignature('not a buffer' as unknown as Buffer, signature, secret)).toBe(false);
  });

  it('refuses the same JSON re-serialized with other whitespace', () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 2));
    expect(JSON.parse(reserialized.toString('utf8'))).toEqual(JSON.parse(body.toString('utf8')));
    expect(verifyLineSignature(reserialized, signature, secret)).toBe(false);
  });

  it('refuses everything when the secret is empty', () => {
    expect(verifyLineSignature(body, signLineBody(body, ''), '')).toBe(false);
  });
});
