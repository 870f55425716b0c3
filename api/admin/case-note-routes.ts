import { ATTACHMENT_MAX_BYTES, ATTACHMENT_REFUSALS, ATTACHMENT_TYPES, NOTE_MAX_FILES } from '../../core/contracts/attachment-limits.ts';
import * as c from '../../core/contracts/case-notes.ts';
import { validationFailed } from '../../core/errors/index.ts';
import { LocalDiskMediaStore } from '../../core/media/media-store.ts';
import { noteOnCase } from '../../core/staff/note-on-case.ts';
import type { AttachmentType } from '../../core/vocabulary.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';
import { actingStaff } from './acting-staff.ts';
import { replyDeps } from './case-routes.ts';

/**
 * Notes and files on a case (docs/cases.md, "Notes and files"), from the REST API and the staff
 * desk: core/staff/note-on-case.ts. The files come in the same request as the note, as
 * multipart/form-data (the body reader keeps the raw bytes; `formBody` parses them), so that a
 * refused request leaves neither a note nor a file, and a file is never stored without its note.
 */

/** Room in a body for the note's JSON and the multipart framing, beside its files. */
const FIELDS_BYTES = 64 * 1024;

export const caseNoteRoutes = [
  route({
    method: 'post',
    path: '/api/v1/cases/:number/notes',
    summary:
      'Add a note to a case: internal words and files (JPEG, PNG or PDF, each at most 10 MB, at most 4) on its timeline, with its author; never sent to the customer unless `sendToCustomer` is true (staff only), then sent as a staff reply. JSON without files; with files multipart/form-data, the fields as JSON in the part `note` and each file as a part `file`. 413 a file too large, 415 another type, 422 no words and no file; nothing is stored of a refused note',
    tag: 'cases',
    access: 'cases.note',
    staffApp: onDesk('/cases/:number/notes', 'Add a note, with files, to the case (as POST /api/v1/cases/:number/notes)'),
    body: c.caseNote,
    form: {
      limitBytes: NOTE_MAX_FILES * ATTACHMENT_MAX_BYTES + FIELDS_BYTES,
      jsonField: 'note',
      fileField: 'file',
      maxFiles: NOTE_MAX_FILES,
      fileLimitBytes: ATTACHMENT_MAX_BYTES,
      types: ATTACHMENT_TYPES,
      tooLarge: ATTACHMENT_REFUSALS.tooBig.en,
      bodyTooLarge: `A note takes at most ${NOTE_MAX_FILES} files of 10 MB each`,
      unsupported: ATTACHMENT_REFUSALS.type.en,
    },
    response: c.caseNoteResult,
    status: 201,
    handle: async ({ caller, deps, params, body, files, ctx }) => {
      const text = body.text?.trim() || null;
      if (!text && files.length === 0) throw validationFailed('The request body is not valid', [{ path: 'text', message: 'Write a note or attach a file' }]);
      // A key of a staff member (and the desk) writes as them; a key of nobody writes as itself.
      const author = caller.staffId ? { staff: await actingStaff(deps.knex, caller, 'case.note') } : { apiKeyId: caller.actor.id };
      return noteOnCase(
        { knex: deps.knex, store: new LocalDiskMediaStore(deps.dataDir, deps.storageQuota), links: replyDeps(deps, ctx.origin) },
        {
          orgId: caller.orgId,
          number: params.number,
          author,
          text,
          files: files.map((f) => ({ name: f.name, contentType: f.type as AttachmentType, bytes: f.bytes })),
          sendToCustomer: body.sendToCustomer,
          expectedVersion: body.expectedVersion,
          now: new Date(),
        },
      );
    },
  }),
];
