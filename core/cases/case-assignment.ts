import type { Knex } from 'knex';
import { recordCaseEvent, type CaseEventContext } from './case-timeline.ts';
import { transitionCase } from './transition.ts';
import type { CaseStatus } from '../vocabulary.ts';
import { ERASED, redactPersonalData } from '../contacts/personal-data.ts';
import { redactCaseEvents } from './case-timeline.ts';
import { eraseCaseFiles } from './case-files.ts';

/**
 * Who owns a case: a staff member takes it (or a manager takes it over), or a manager hands it to
 * someone. Both name the owner and version they saw; whoever changed the case first wins, and the
 * other is told (`taken: false`). Who may is decided by the case commands (case-commands.ts).
 */
export interface SeenCase {
  orgId: string;
  caseId: string;
  version: number;
  ownerStaffId: string | null;
  status: string;
}

/**
 * Takes the case for `staffId`; taking a new case starts the work (the first response, "work
 * started" for the customer). Taken: with the status and version it has now.
 */
export async function takeCase(
  trx: Knex.Transaction,
  seen: SeenCase,
  staffId: string,
  now: Date,
): Promise<{ taken: false } | { taken: true; status: CaseStatus; version: number }> {
  const changed = await changeOwner(trx, seen, staffId, staffId, {});
  if (!changed) return { taken: false };
  if (seen.status === 'new') {
    const started = await transitionCase(trx, { orgId: seen.orgId, caseId: seen.caseId, to: 'investigating', actor: { type: 'staff', id: staffId }, now });
    return { taken: true, status: started.to, version: started.version };
  }
  return { taken: true, status: seen.status as CaseStatus, version: seen.version + 1 };
}

/** Hands the case to `assigneeId`, by a manager (`actorStaffId`); `context` reaches the timeline's subscribers (the new owner's notice). */
export async function reassignCase(
  trx: Knex.Transaction,
  seen: SeenCase,
  assigneeId: string,
  actorStaffId: string,
  context: CaseEventContext = {},
): Promise<{ reassigned: boolean }> {
  return { reassigned: await changeOwner(trx, seen, assigneeId, actorStaffId, context) };
}

async function changeOwner(trx: Knex.Transaction, seen: SeenCase, to: string, actorStaffId: string, context: CaseEventContext): Promise<boolean> {
  // The owner we saw, again in the UPDATE itself: whoever changed it first wins.
  const q = trx('cases').where({ id: seen.caseId, version: seen.version });
  const updated = await (seen.ownerStaffId ? q.where({ owner_staff_id: seen.ownerStaffId }) : q.whereNull('owner_staff_id')).update({
    owner_staff_id: to,
    version: seen.version + 1,
  });
  if (updated === 0) return false;
  await recordCaseEvent(trx, {
    orgId: seen.orgId,
    caseId: seen.caseId,
    type: 'owner_changed',
    actor: { type: 'staff', id: actorStaffId },
    isPublic: false,
    data: { from: seen.ownerStaffId, to },
  }, context);
  return true;
}

/** One person known twice became one contact: their cases follow (core/contacts/merge-contacts.ts). */
export async function moveCasesToContact(trx: Knex.Transaction, m: { orgId: string; keepId: string; mergeId: string; only?: string[] }): Promise<string[]> {
  // On a merge every row of the merged contact; on its undo only the rows the merge moved (`only`).
  const q = trx('cases').where({ org_id: m.orgId, contact_id: m.mergeId });
  if (m.only) q.whereIn('id', m.only);
  return (await q.update({ contact_id: m.keepId }).returning('id')).map((r: { id: string }) => r.id);
}

/**
 * PDPA erasure of a contact: their cases keep number, type, status, severity, owner, times and the
 * figures of `fields` (order ids, amounts); the summary, the resolution text, free text in the
 * fields, the timeline's free text and the notes' files go.
 */
export async function eraseContactCases(trx: Knex.Transaction, e: { orgId: string; contactId: string }): Promise<Record<string, number>> {
  const cases = await trx('cases').select('id', 'fields', 'resolution').where({ org_id: e.orgId, contact_id: e.contactId });
  for (const c of cases) {
    const { redacted: _r, ...fields } = redactPersonalData((c.fields ?? {}) as Record<string, unknown>);
    await trx('cases').where({ id: c.id }).update({ summary: ERASED, resolution: c.resolution ? ERASED : null, fields: JSON.stringify(fields) });
  }
  const caseEvents = await redactCaseEvents(trx, cases.map((c) => c.id as string));
  const caseFiles = await eraseCaseFiles(trx, e.orgId, cases.map((c) => c.id as string));
  return { cases: cases.length, caseEvents, caseFiles };
}
