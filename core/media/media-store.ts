import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, resolve } from 'node:path';

/**
 * Where customer media lives once fetched from the platform (LINE deletes it after a while).
 * Local disk under DATA_DIR/media by default; an S3-compatible store implements the same two calls.
 */
export interface MediaStore {
  /** Stores the bytes under a key such as `org/2026/11/<message id>.jpg`; returns the key. */
  put(key: string, bytes: Uint8Array, contentType: string | undefined): Promise<string>;
  /** A path or URL the api can serve the file from. */
  locate(key: string): string;
  /** Removes a file stored for a request that was then refused (a note's files); no error if it is gone. */
  remove(key: string): Promise<void>;
  /**
   * Takes the room for files to be written later, inside a transaction (a note's files), where a
   * statement of the business's storage of its own would wait on that transaction: the answer
   * writes without counting; `release` gives the room back when they were not kept.
   */
  reserve(orgId: string, bytes: number): Promise<ReservedRoom>;
}

export interface ReservedRoom {
  store: MediaStore;
  release(): Promise<void>;
}

/**
 * Each business's storage limit (core/orgs/org-storage.ts): bytes are taken before a file is
 * written (refused with an error when there is no room) and given back when it is not kept.
 */
export interface MediaQuota {
  take(orgId: string, bytes: number): Promise<void>;
  giveBack(orgId: string, bytes: number): Promise<void>;
}

/** Every key starts with the org's id (`mediaKey`, the mail's keys): whose storage a file counts on. */
const ORG_OF_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i;

export class LocalDiskMediaStore implements MediaStore {
  readonly #dataDir: string;
  readonly #root: string;
  readonly #quota: MediaQuota | undefined;

  constructor(dataDir: string, quota?: MediaQuota) {
    this.#dataDir = dataDir;
    this.#root = resolve(join(dataDir, 'media'));
    this.#quota = quota;
  }

  async reserve(orgId: string, bytes: number): Promise<ReservedRoom> {
    const quota = this.#quota;
    if (!quota || bytes === 0) return { store: this, release: async () => {} };
    await quota.take(orgId, bytes);
    return { store: new LocalDiskMediaStore(this.#dataDir), release: () => quota.giveBack(orgId, bytes) };
  }

  async put(key: string, bytes: Uint8Array): Promise<string> {
    const path = this.locate(key);
    const orgId = ORG_OF_KEY.exec(key)?.[1];
    if (this.#quota && orgId) await this.#quota.take(orgId, bytes.length);
    try {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a crash never leaves half a file under the final name.
      try {
        await writeFile(`${path}.part`, bytes);
      } catch (err) {
        // A full disk (ENOSPC) refuses the write after part of it: the part would hold the space the
        // retry needs, and stay for ever. The job fails and is retried; the file is written whole or not at all.
        await rm(`${path}.part`, { force: true });
        throw err;
      }
      await rename(`${path}.part`, path);
    } catch (err) {
      if (this.#quota && orgId) await this.#quota.giveBack(orgId, bytes.length);
      throw err;
    }
    return key;
  }

  async remove(key: string): Promise<void> {
    const path = this.locate(key);
    const orgId = ORG_OF_KEY.exec(key)?.[1];
    const size = this.#quota && orgId ? ((await stat(path).catch(() => undefined))?.size ?? 0) : 0;
    await rm(path, { force: true });
    if (size > 0) await this.#quota!.giveBack(orgId!, size);
  }

  locate(key: string): string {
    const path = normalize(join(this.#root, key));
    if (!path.startsWith(this.#root + '/')) throw new Error(`media key escapes the store: ${key}`);
    return path;
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'application/pdf': 'pdf',
};

/** The name staff see of an uploaded file: a plain file name, no folders, no control characters. */
export const plainFileName = (name: string | undefined): string =>
  (name ?? '').replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200) || 'file';

export function mediaKey(orgId: string, messageId: string, contentType: string | undefined, index = 0): string {
  const ext = (contentType && EXTENSIONS[contentType.split(';')[0].trim()]) || 'bin';
  const month = new Date().toISOString().slice(0, 7).replace('-', '/');
  return `${orgId}/${month}/${messageId}${index ? `-${index}` : ''}.${ext}`;
}

/** The content type of a stored file, from the extension `mediaKey` gave it. */
export function contentTypeOfKey(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return Object.entries(EXTENSIONS).find(([, e]) => e === ext)?.[0] ?? 'application/octet-stream';
}
