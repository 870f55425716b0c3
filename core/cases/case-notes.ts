import type { Knex } from 'knex';
import { canStaff } from '../access/roles.ts';
import { lockCaseByRef, type CaseActor, type CaseRef, type CaseRefusal } from './case-commands.ts';
import { recordCaseFiles, type KeptFile } from './case-files.ts';
import type { LockedCase } from './case-queries.ts';
import { recordCaseEvent } from './case-timeline.ts';

/**
 * A note on a case (docs/cases.md, "Notes and files"): words and files for the people who work it,
 * a `note` event on its timeline, internal (the tracking page shows public events only), with its
 * author. Besides a move's own note (transition.ts), this is how one is added.
 *
 * Who: staff whose role works cases (`case.note`: any case, whoever has it, as a note on a
 * conversation), or the business's system through an integration key (its route checked the
 * key's permission). Sending the note to the customer as well is a staff reply, checked and sent
 * by the desk's side (core/staff/note-on-case.ts) in the same transaction.
 *
 * The files' bytes are written only once every check here has passed (`keepFiles`), and their
 * rows with the note.
 */
export interface CaseNoteInput {
  text: string | null;
  /** Writes the files' bytes to the store and answers them; called only when the note is allowed. */
  keepFiles: () => Promise<KeptFile[]>;
  /** The note goes to the customer too (the caller sends it): said on the event. */
  sentToCustomer: boolean;
  /** The version the author saw; a case changed since is refused. Omitted: as it is now. */
  expectedVersion?: number;
  now: Date;
}

export interface AddedNote {
  ok: true;
  case: LockedCase;
  eventId: string;
  files: KeptFile[];
}

export async function addCaseNote(trx: Knex.Transaction, actor: CaseActor, input: CaseRef & CaseNoteInput): Promise<AddedNote | CaseRefusal> {
  const c = await lockCaseByRef(trx, input);
  if (!c) return { ok: false, refusal: 'no_such_case' };
  if (actor.type === 'staff' && !canStaff(actor.role, 'case.note')) return { ok: false, refusal: 'role_forbids', action: 'case.note', role: actor.role, case: c };
  if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) return { ok: false, refusal: 'stale_version', case: c };

  const by = actor.type === 'staff' ? { type: 'staff' as const, id: actor.staffId } : { type: 'api_key' as const, id: actor.apiKeyId };
  const files = await input.keepFiles();
  await recordCaseFiles(trx, { orgId: c.orgId, caseId: c.id, addedBy: by }, files);
  const event = await recordCaseEvent(
    trx,
    {
      orgId: c.orgId,
      caseId: c.id,
      type: 'note',
      actor: by,
      isPublic: false,
      data: {
        text: input.text,
        ...(files.length ? { files: files.map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.size })) } : {}),
        sentToCustomer: input.sentToCustomer,
      },
    },
    { now: input.now },
  );
  return { ok: true, case: c, eventId: event.id, files };
}
