import { z } from 'zod';
import { ATTACHMENT_TYPES, NOTE_TEXT_MAX } from './attachment-limits.ts';

/**
 * A note on a case, with files (docs/cases.md, "Notes and files"): `POST /api/v1/cases/:number/notes`
 * and the desk's `…/desk/cases/:number/notes`. As JSON (no files), or as multipart/form-data with
 * these fields as JSON in the part `note` and each file as a part `file`.
 */
export const caseNote = z
  .object({
    text: z.string().trim().max(NOTE_TEXT_MAX).optional().meta({ description: 'The note; may be left out when files are attached' }),
    sendToCustomer: z
      .boolean()
      .default(false)
      .meta({ description: "Also send the words and files to the customer on their chat, as a staff reply (staff only; by default the note is internal and never sent)" }),
    expectedVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The version you saw; a different current version answers 409 with the case as it is now (the desk names it when sending to the customer)' }),
  })
  .strict()
  .meta({ id: 'CaseNote' });

export const caseNoteResult = z
  .object({
    number: z.string(),
    version: z.number().int().meta({ description: "The case's version: a note does not change it" }),
    noteId: z.string().meta({ description: 'The note on the timeline (its event id)' }),
    sentToCustomer: z.boolean(),
    messageIds: z.array(z.uuid()).meta({ description: 'The messages queued to the customer (none unless sent)' }),
    files: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        contentType: z.enum(ATTACHMENT_TYPES),
        size: z.number().int(),
        url: z.string().meta({ description: 'A signed link to the file (30 days), as the timeline gives it' }),
      }),
    ),
  })
  .meta({ id: 'CaseNoteResult' });
