import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { mediaKey, plainFileName, type MediaStore } from '../media/media-store.ts';
import type { AttachmentType } from '../vocabulary.ts';

/**
 * Files staff attach to a reply (docs/inbox.md, "Attachments"): the one writer of
 * `conversation_attachments`. An upload is stored like a customer's media (core/media, under
 * DATA_DIR/media) and waits there until a reply sends it (conversation-commands.ts `reply`); the
 * message that carries it takes the attachment's id, so the signed link to that message serves
 * the file to LINE, Twilio and the desk. The size and type are checked by the route before a
 * byte is stored.
 */
type Db = Knex | Knex.Transaction;

export interface StoredAttachment {
  id: string;
  name: string;
  contentType: AttachmentType;
  size: number;
  mediaPath: string;
  sentAt: Date | null;
}

/** Stores an upload for this conversation: the bytes first, then the row that points at them. */
export async function storeAttachment(
  db: Db,
  store: MediaStore,
  a: { orgId: string; conversationId: string; staffId: string; name?: string; contentType: AttachmentType; bytes: Uint8Array },
): Promise<StoredAttachment> {
  const id = randomUUID();
  const mediaPath = await store.put(mediaKey(a.orgId, id, a.contentType), a.bytes, a.contentType);
  const name = plainFileName(a.name);
  await db('conversation_attachments').insert({
    id,
    org_id: a.orgId,
    conversation_id: a.conversationId,
    staff_id: a.staffId,
    name,
    content_type: a.contentType,
    size_bytes: a.bytes.length,
    media_path: mediaPath,
  });
  return { id, name, contentType: a.contentType, size: a.bytes.length, mediaPath, sentAt: null };
}

/** An upload of this conversation, locked for the reply that sends it. */
export async function attachmentToSend(trx: Knex.Transaction, conversationId: string, id: string): Promise<StoredAttachment | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await trx('conversation_attachments').where({ id, conversation_id: conversationId }).forUpdate().first();
  if (!r) return undefined;
  return { id: r.id, name: r.name, contentType: r.content_type, size: Number(r.size_bytes), mediaPath: r.media_path, sentAt: r.sent_at ?? null };
}

/** Sent: an attachment goes once (its message has its id). */
export async function markAttachmentSent(trx: Knex.Transaction, id: string, now: Date): Promise<void> {
  await trx('conversation_attachments').where({ id }).update({ sent_at: now });
}
