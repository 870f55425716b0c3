import type { Knex } from 'knex';
import { lockCaseByRef, staffActor, type CaseActor } from '../cases/case-commands.ts';
import { discardFileBytes, fileKind, keepFileBytes, type KeptFile, type NoteFile } from '../cases/case-files.ts';
import { addCaseNote } from '../cases/case-notes.ts';
import { caseRefusalError } from '../cases/case-refusal-errors.ts';
import { transactionRetried } from '../db/deadlock-retry.ts';
import { ATTACHMENT_REFUSALS } from '../contracts/attachment-limits.ts';
import { DomainError, forbidden } from '../errors/index.ts';
import { fileTheChannelRefuses } from '../media/channel-file-limits.ts';
import type { MediaLinkDeps } from '../media/attachment-messages.ts';
import { bytesAreOfType } from '../media/file-signatures.ts';
import { mediaUrl } from '../media/media-links.ts';
import type { MediaStore } from '../media/media-store.ts';
import { mayWriteToCustomer } from './case-desk-actions.ts';
import { replyToCustomer, type ReplyPart } from './case-relay.ts';
import type { AttachmentType } from '../vocabulary.ts';
import type { StaffMemberRef } from './staff-desk.ts';

/**
 * A note on a case with its files, from the REST API or the staff desk (docs/cases.md, "Notes and
 * files"), in one transaction: the note and its files on the timeline (core/cases/case-notes.ts)
 * and, only when the author chose it, the same words and files to the customer as a staff reply
 * from the desk goes (`replyToCustomer`, core/staff/case-relay.ts: on their channel, through the
 * outbox, a public `message_out`, the first one the first response).
 *
 * Nothing of a refused note stays: every check runs before a byte is written, and bytes written
 * by an attempt that did not commit (a refusal, a deadlock retried) are removed again.
 */
export interface CaseNoteRequest {
  orgId: string;
  number: string;
  /** A staff member (signed in on the desk, or their API key), or the business's system (an integration key). */
  author: { staff: StaffMemberRef } | { apiKeyId: string };
  text: string | null;
  files: NoteFile[];
  sendToCustomer: boolean;
  expectedVersion?: number;
  now: Date;
}

export interface CaseNoteResult {
  number: string;
  version: number;
  noteId: string;
  sentToCustomer: boolean;
  messageIds: string[];
  files: { id: string; name: string; contentType: AttachmentType; size: number; url: string }[];
}

export async function noteOnCase(deps: { knex: Knex; store: MediaStore; links: MediaLinkDeps }, n: CaseNoteRequest): Promise<CaseNoteResult> {
  const staff = 'staff' in n.author ? n.author.staff : undefined;
  // A message to a customer is signed by a person (and counts as their first response): a key of nobody cannot send one.
  if (n.sendToCustomer && !staff) throw forbidden('Only a staff member can send a note to the customer: this API key acts for nobody', { reason: 'not_staff', field: 'sendToCustomer' });
  const actor: CaseActor = staff ? staffActor(staff) : { type: 'integration', apiKeyId: (n.author as { apiKeyId: string }).apiKeyId };
  for (const f of n.files) {
    if (!bytesAreOfType(f.contentType, f.bytes)) throw new DomainError('unsupported_media_type', ATTACHMENT_REFUSALS.content.en, { file: f.name, type: f.contentType });
  }

  const written: KeptFile[][] = [];
  // The business's storage is counted before the case is locked (409 storage_full when the files
  // together do not fit): nothing of the note is written then.
  const room = await deps.store.reserve(n.orgId, n.files.reduce((sum, f) => sum + f.bytes.length, 0));
  try {
    const done = await transactionRetried(deps.knex, async (trx) => {
      const c = await lockCaseByRef(trx, n);
      if (!c) throw caseRefusalError({ ok: false, refusal: 'no_such_case' }, actor, n.number);
      if (n.sendToCustomer) {
        const { channel } = await mayWriteToCustomer(trx, { staff: staff!, expectedVersion: n.expectedVersion }, c);
        refuseFilesTheChannelWillNotTake(channel, n.files);
      }
      const note = await addCaseNote(trx, actor, {
        orgId: n.orgId,
        caseId: c.id,
        text: n.text,
        sentToCustomer: n.sendToCustomer,
        expectedVersion: n.expectedVersion,
        now: n.now,
        keepFiles: async () => {
          const kept = await keepFileBytes(room.store, n.orgId, n.files);
          written.push(kept);
          return kept;
        },
      });
      if (!note.ok) throw caseRefusalError(note, actor, n.number);

      const messageIds: string[] = [];
      if (n.sendToCustomer) {
        const reply = { orgId: c.orgId, caseId: c.id, staff: staff!, now: n.now, fromNoteEventId: note.eventId };
        const parts: ReplyPart[] = [
          ...(n.text ? [{ text: n.text }] : []),
          ...note.files.map((f) => ({
            attachment: { id: f.id, kind: fileKind(f.contentType), text: null, mediaPath: f.mediaPath, receivedAt: n.now },
            storedFile: { name: f.name, contentType: f.contentType },
          })),
        ];
        messageIds.push(...(await replyToCustomer(deps.links, trx, { ...reply, parts })).messageIds);
      }
      return { c: note.case, noteId: note.eventId, files: note.files, messageIds };
    });
    // Bytes of attempts a deadlock undid: the committed attempt's are the last written.
    await Promise.all(written.slice(0, -1).map((kept) => discardFileBytes(room.store, kept)));
    return {
      number: done.c.number,
      version: done.c.version,
      noteId: done.noteId,
      sentToCustomer: n.sendToCustomer,
      messageIds: done.messageIds,
      files: done.files.map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.size, url: mediaUrl(deps.links.publicBaseUrl(), deps.links.mediaLinkKey, f.id, { now: n.now }) })),
    };
  } catch (err) {
    await Promise.all(written.map((kept) => discardFileBytes(room.store, kept)));
    await room.release();
    throw err;
  }
}

/** The customer's channel's own limits (WhatsApp takes images up to 5 MB), before anything is written. */
function refuseFilesTheChannelWillNotTake(channel: string, files: NoteFile[]): void {
  for (const f of files) {
    const refused = fileTheChannelRefuses(channel, { size: f.bytes.length, type: f.contentType, name: f.name });
    if (refused) throw refused;
  }
}
