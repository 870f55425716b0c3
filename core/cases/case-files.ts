import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ERASED } from '../contacts/personal-data.ts';
import { mediaKey, plainFileName, type MediaStore } from '../media/media-store.ts';
import type { AttachmentType } from '../vocabulary.ts';

/**
 * Files on a case, attached with a note (case-notes.ts, docs/cases.md "Notes and files"): the one
 * writer of `case_files`. The bytes go to the media store that keeps customers' media (one store,
 * DATA_DIR/media) before the note's transaction, so that a transaction retried after a deadlock
 * does not write them twice; the rows go in with the note. A refused note removes the bytes again
 * (`discardFileBytes`), so nothing of it stays. The signed link to a file names its row's id
 * (`/media/<id>`, core/media/media-links.ts), as a message's file is named by the message's.
 */
type Db = Knex | Knex.Transaction;

/** A file for a note, its size and type already checked. */
export interface NoteFile {
  name: string;
  contentType: AttachmentType;
  bytes: Uint8Array;
}

/** A note's file with its bytes in the store, its row not written yet. */
export interface KeptFile {
  id: string;
  name: string;
  contentType: AttachmentType;
  size: number;
  mediaPath: string;
}

/** Writes the files' bytes to the store; if one fails, the ones written are removed and the error thrown. */
export async function keepFileBytes(store: MediaStore, orgId: string, files: NoteFile[]): Promise<KeptFile[]> {
  const kept: KeptFile[] = [];
  try {
    for (const f of files) {
      const id = randomUUID();
      const mediaPath = await store.put(mediaKey(orgId, id, f.contentType), f.bytes, f.contentType);
      kept.push({ id, name: plainFileName(f.name), contentType: f.contentType, size: f.bytes.length, mediaPath });
    }
  } catch (err) {
    await discardFileBytes(store, kept);
    throw err;
  }
  return kept;
}

/** Removes the bytes of files whose note was refused. */
export async function discardFileBytes(store: MediaStore, files: KeptFile[]): Promise<void> {
  await Promise.all(files.map((f) => store.remove(f.mediaPath)));
}

/** The files' rows, in the note's transaction. */
export async function recordCaseFiles(
  trx: Knex.Transaction,
  c: { orgId: string; caseId: string; addedBy: { type: 'staff' | 'api_key'; id: string } },
  files: KeptFile[],
): Promise<void> {
  if (!files.length) return;
  await trx('case_files').insert(
    files.map((f) => ({
      id: f.id,
      org_id: c.orgId,
      case_id: c.caseId,
      name: f.name,
      content_type: f.contentType,
      size_bytes: f.size,
      media_path: f.mediaPath,
      added_by_type: c.addedBy.type,
      added_by_id: c.addedBy.id,
    })),
  );
}

/** Whether a file is an image a page shows inline, or a document it links to. */
export const fileKind = (contentType: string): 'image' | 'file' => (contentType.startsWith('image/') ? 'image' : 'file');

/** Where a case file's bytes are, for the signed media link (which names no org: the link is the permission); undefined once erased. */
export async function caseFileMediaPath(db: Db, id: string): Promise<string | undefined> {
  const row = await db('case_files').select('media_path').where({ id }).first();
  return row?.media_path ?? undefined;
}

/**
 * PDPA erasure of a customer's cases: their notes' files lose their names and go out of reach (the
 * signed link answers 404), as an erased customer's messages lose their media. Returns how many.
 */
export async function eraseCaseFiles(trx: Knex.Transaction, orgId: string, caseIds: string[]): Promise<number> {
  if (!caseIds.length) return 0;
  return trx('case_files').where({ org_id: orgId }).whereIn('case_id', caseIds).update({ name: ERASED, media_path: null });
}

/** The org's case files by id, not erased: their names and types, for a timeline to show them. */
export async function caseFilesById(db: Db, orgId: string, ids: string[]): Promise<Map<string, { name: string; contentType: string; kind: 'image' | 'file' }>> {
  if (!ids.length) return new Map();
  const rows = await db('case_files').select('id', 'name', 'content_type').where({ org_id: orgId }).whereIn('id', ids).whereNotNull('media_path');
  return new Map(rows.map((r) => [r.id as string, { name: r.name as string, contentType: r.content_type as string, kind: fileKind(r.content_type) }]));
}
