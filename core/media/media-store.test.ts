import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskMediaStore } from './media-store.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('LocalDiskMediaStore on a full disk', () => {
  it.runIf(process.platform === 'linux')('refuses with ENOSPC and leaves no part behind, so the retry finds the space', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-media-'));
    dirs.push(dataDir);
    const store = new LocalDiskMediaStore(dataDir);
    const key = 'org/2026/11/m1.jpg';
    const path = store.locate(key);
    mkdirSync(dirname(path), { recursive: true });
    // /dev/full answers every write with ENOSPC, as a full file system does.
    symlinkSync('/dev/full', `${path}.part`);
    await expect(store.put(key, new Uint8Array(1024))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dirname(path))).toEqual([]);
    // Space again: the retry stores the file.
    await store.put(key, new Uint8Array(1024));
    expect(readdirSync(dirname(path))).toEqual(['m1.jpg']);
  });
});
