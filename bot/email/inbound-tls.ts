import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The certificate the inbound SMTP port offers with STARTTLS (docs/channels.md, "TLS on the
 * inbound port"). A deployment names its own (EMAIL_INBOUND_TLS_CERT / _KEY, PEM files); without
 * one, a self-signed certificate is made at first start and kept in DATA_DIR, so the embedded
 * default encrypts from its first mail. Sending mail servers use STARTTLS opportunistically and do
 * not check the name, so a self-signed certificate protects against listening on the wire, though
 * not against someone in the middle: for that, name a certificate of the domain the MX points at.
 */
export interface InboundTls {
  key: string;
  cert: string;
  /** Where it came from, for the start-up log: the deployment's files or the one made here. */
  source: 'configured' | 'self-signed';
}

export const SELF_SIGNED_FILES = { key: 'inbound-smtp-tls.key.pem', cert: 'inbound-smtp-tls.cert.pem' } as const;

export async function inboundTlsCertificate(o: { dataDir: string; certFile?: string; keyFile?: string; hostname: string }): Promise<InboundTls> {
  if (o.certFile && o.keyFile) {
    return { cert: await readFile(o.certFile, 'utf8'), key: await readFile(o.keyFile, 'utf8'), source: 'configured' };
  }
  const keyPath = join(o.dataDir, SELF_SIGNED_FILES.key);
  const certPath = join(o.dataDir, SELF_SIGNED_FILES.cert);
  const kept = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]).catch(() => undefined);
  // A kept certificate is used while it is valid for a month more; past that a new one is made.
  if (kept && new Date(new X509Certificate(kept[1]).validTo).getTime() > Date.now() + 30 * 86_400_000) {
    return { key: kept[0], cert: kept[1], source: 'self-signed' };
  }
  const made = selfSignedCertificate(o.hostname);
  await mkdir(o.dataDir, { recursive: true });
  await writeFile(keyPath, made.key, { mode: 0o600 });
  await writeFile(certPath, made.cert);
  return { ...made, source: 'self-signed' };
}

/**
 * A self-signed certificate for `hostname` (its CN and DNS name), an ECDSA P-256 key, valid ten
 * years. Node can sign but not build certificates, and no library for it is a dependency, so the
 * few DER structures of RFC 5280 are written here.
 */
export function selfSignedCertificate(hostname: string, now = new Date()): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(hostname, 'utf8')))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive, and no leading zero byte needed
  const until = new Date(now.getTime() + 3650 * 86_400_000);
  const subjectAltName = seq(oid('2.5.29.17'), tlv(0x04, seq(tlv(0x82, Buffer.from(hostname, 'ascii')))));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version 3
    tlv(0x02, serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now.getTime() - 3_600_000)), utcTime(until)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(subjectAltName)),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    cert: `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`,
  };
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime (YYMMDDHHMMSSZ), good until 2049: the certificate ends ten years from now. */
function utcTime(d: Date): Buffer {
  return tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z', 'ascii'));
}
