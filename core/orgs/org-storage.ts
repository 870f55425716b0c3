import type { Knex } from 'knex';
import { DomainError } from '../errors/index.ts';
import type { MediaQuota } from '../media/media-store.ts';
import { addToCounters, addWithin, takeFromCounter } from '../org-counters.ts';
import { effectiveLimit, limitsOf, MB, MEDIA_BYTES, type OrgLimitDefaults } from './org-limits.ts';

/**
 * The media a business keeps, counted against its storage limit (`storageMb`). Every file is
 * charged before its bytes are written, in one conditional statement, so two uploads at once
 * cannot both take the last room; a write that fails, and a file removed, give their bytes back.
 */
export class OrgStorageQuota implements MediaQuota {
  readonly #db: Knex;
  readonly #defaults: OrgLimitDefaults;
  constructor(db: Knex, defaults: OrgLimitDefaults) {
    this.#db = db;
    this.#defaults = defaults;
  }

  async take(orgId: string, bytes: number): Promise<void> {
    const limitMb = effectiveLimit(await limitsOf(this.#db, orgId), 'storageMb', this.#defaults);
    if (limitMb === null) return addToCounters(this.#db, orgId, { [MEDIA_BYTES]: bytes });
    if (!(await addWithin(this.#db, orgId, MEDIA_BYTES, bytes, limitMb * MB))) throw storageFull(limitMb);
  }

  async giveBack(orgId: string, bytes: number): Promise<void> {
    await takeFromCounter(this.#db, orgId, MEDIA_BYTES, bytes);
  }
}

/** 409 `storage_full`: said to staff uploading a file; a customer's file is noted on their message instead. */
export const storageFull = (limitMb: number) =>
  new DomainError('conflict', `This business has used its storage (${limitMb} MB) on this service: the file was not kept. Ask the service's operator for more room.`, {
    reason: 'storage_full',
    limitMb,
  });

export const isStorageFull = (err: unknown): err is DomainError => err instanceof DomainError && (err.details as { reason?: string } | undefined)?.reason === 'storage_full';
