import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production, a first start without APP_ENCRYPTION_KEY writes a random key under
 * DATA_DIR and reuses it afterwards, so that `npm start` works with nothing configured and
 * secrets stored by one run open in the next.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, 'encryption.key');
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length === 32) return key;
    throw new Error(`${path} does not hold a 32-byte hex key`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
