import { stat } from 'node:fs/promises';
import type { Knex } from 'knex';
import { contentTypeOfKey, type LocalDiskMediaStore } from './media-store.ts';

/** A message's file as the media worker stored it: where it is, how big, of what type. */
export interface StoredMedia {
  path: string;
  size: number;
  contentType: string;
}

/**
 * The stored file of a message; undefined while the media worker has not fetched it yet (or
 * never will), or when the file is gone from the disk.
 */
export async function findStoredMedia(db: Knex, store: LocalDiskMediaStore, messageId: string): Promise<StoredMedia | undefined> {
  const message = await db('messages').select('media_path').where({ id: messageId }).first();
  return message?.media_path ? storedFileAt(store, message.media_path) : undefined;
}

/** The file stored under this key (a message's, a case note's), or undefined when it is gone from the disk. */
export async function storedFileAt(store: LocalDiskMediaStore, key: string): Promise<StoredMedia | undefined> {
  const path = store.locate(key);
  const file = await stat(path).catch(() => undefined);
  if (!file?.isFile()) return undefined;
  return { path, size: file.size, contentType: contentTypeOfKey(key) };
}
