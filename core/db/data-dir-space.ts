import { statfs } from 'node:fs/promises';

/**
 * Below this much free space in DATA_DIR, /readyz says not ready. The embedded database (PGlite's
 * files), stored media and backups live there; a full disk refuses their writes (SQLSTATE 53100,
 * ENOSPC) while `select 1` still answers, so readiness asks the disk itself.
 */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** Why DATA_DIR cannot take writes, or undefined when it can (or cannot be asked: it is not made yet). */
export async function dataDirSpaceProblem(dataDir: string, minFreeBytes = MIN_FREE_BYTES): Promise<string | undefined> {
  let free: number;
  try {
    const s = await statfs(dataDir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
  if (free >= minFreeBytes) return undefined;
  return `DATA_DIR (${dataDir}) has ${Math.floor(free / 1024)} KiB free, under ${Math.round(minFreeBytes / 1024 / 1024)} MiB: writes are refused or soon will be`;
}
