import type { Knex } from 'knex';
import { canStaff, type StaffAction } from '../access/roles.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Severity } from '../vocabulary.ts';
import { caseDueTimes } from './case-clock.ts';
import { lockCaseByRef, type CaseRef, type CaseRefusal, type CaseTypeRefusal, type StaffActor } from './case-commands.ts';
import type { LockedCase } from './case-queries.ts';
import { CASE_STATUS } from './case-status.ts';
import { recordCaseEvent } from './case-timeline.ts';
import { fireSlaTimer, scheduleSlaTimers, type SlaCheck } from './sla-timers.ts';

/**
 * Correcting what the classifier guessed: a case's type and/or severity, with a reason, by staff.
 * A case command like take and move (case-commands.ts): the case locked first, the refusals
 * returned (role, version seen, done case, owner, unknown type), nothing written on any of them.
 *
 * - **Who**: the type is `case.correct_type` (support on unowned or own cases, managers, admins);
 *   the severity `case.correct_severity` (managers and admins). A field sent with the value the
 *   case already has changes nothing and needs no right.
 * - **Open cases only**: a resolved or closed case keeps what its reports counted; reopen it first.
 * - **The clocks** (docs/cases.md, "Correcting a case"): a new type brings its targets, measured
 *   from the case's opening over the same history (case-clock.ts): time spent waiting on the
 *   customer still does not count, so the new target applies to the same elapsed business time as
 *   the old one did. New timers are written for the new due times; the old timers find, when they
 *   run, that the time is no longer theirs and do nothing. A due time already past is fired here,
 *   in the correction's transaction (the warning, the breach and its escalation), so the case is
 *   breached at once; a warning or breach already recorded stays recorded and is not repeated.
 *   Severity has no targets of its own (they are the type's), so it moves no due time.
 * - **Severity follows the type** when nobody chose it: a case still at its old type's default
 *   severity takes the new type's (a top-up misread as a refund becomes critical when support
 *   corrects its type). A severity staff or an escalation set is kept unless named.
 * - **The record**: one `corrected` event on the timeline (old -> new of each field changed and of
 *   both due times, and the reason) and one `case.corrected` entry in the audit log.
 */
export interface CorrectionInput {
  caseType?: string;
  severity?: Severity;
  reason: string;
  /** The version the actor saw. */
  expectedVersion?: number;
  now: Date;
  requestId?: string;
}

export interface CorrectionOutcome {
  ok: true;
  /** false: the case had these already. */
  changed: boolean;
  case: CorrectedCase;
}

export interface CorrectedCase {
  number: string;
  status: LockedCase['status'];
  version: number;
  caseType: string;
  severity: Severity;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** The resolution SLA is breached (now, or before). */
  breached: boolean;
}

interface Clocks {
  first_response_due_at: Date | null;
  resolution_warn_at: Date | null;
  resolution_due_at: Date | null;
}

const refusedRole = (actor: StaffActor, action: StaffAction, c: LockedCase): CaseRefusal | undefined =>
  canStaff(actor.role, action) ? undefined : { ok: false, refusal: 'role_forbids', action, role: actor.role, case: c };

const refusedOwner = (actor: StaffActor, action: StaffAction, c: LockedCase): CaseRefusal | undefined =>
  canStaff(actor.role, action, { ownerStaffId: c.ownerStaffId, actorStaffId: actor.staffId }) ? undefined : { ok: false, refusal: 'owned_by', action, case: c };

async function caseNow(trx: Knex.Transaction, caseId: string): Promise<CorrectedCase> {
  const row = await trx('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .select('cases.number', 'cases.status', 'cases.version', 'cases.severity', 'case_types.key as caseType', 'cases.first_response_due_at', 'cases.resolution_due_at', 'cases.sla_breached_at')
    .where('cases.id', caseId)
    .first();
  return {
    number: row.number,
    status: row.status,
    version: row.version,
    caseType: row.caseType,
    severity: row.severity,
    firstResponseDueAt: row.first_response_due_at ? new Date(row.first_response_due_at) : null,
    resolutionDueAt: row.resolution_due_at ? new Date(row.resolution_due_at) : null,
    breached: row.sla_breached_at !== null,
  };
}

export async function correctCase(trx: Knex.Transaction, actor: StaffActor, input: CaseRef & CorrectionInput): Promise<CorrectionOutcome | CaseRefusal | CaseTypeRefusal> {
  const c = await lockCaseByRef(trx, input);
  if (!c) return { ok: false, refusal: 'no_such_case' };
  const row = await trx('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .select('cases.severity', 'case_types.key as caseType', 'case_types.default_severity as typeSeverity', 'cases.first_response_due_at', 'cases.resolution_warn_at', 'cases.resolution_due_at', 'cases.resolution_paused_at')
    .where('cases.id', c.id)
    .first();
  const typeChange = input.caseType !== undefined && input.caseType !== row.caseType;
  const severityChange = input.severity !== undefined && input.severity !== row.severity;
  const actions: StaffAction[] = [...(typeChange ? ['case.correct_type' as const] : []), ...(severityChange ? ['case.correct_severity' as const] : [])];

  // As the other commands: the role, then the version seen, then the case's state, then its owner.
  for (const a of actions) {
    const r = refusedRole(actor, a, c);
    if (r) return r;
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) return { ok: false, refusal: 'stale_version', case: c };
  if (actions.length && !CASE_STATUS[c.status].isOpen) return { ok: false, refusal: 'not_open', action: actions[0], case: c };
  for (const a of actions) {
    const r = refusedOwner(actor, a, c);
    if (r) return r;
  }
  const newType = typeChange ? await trx('case_types').select('id', 'resolution_minutes', 'default_severity').where({ org_id: c.orgId, key: input.caseType, is_active: true }).first() : undefined;
  if (typeChange && !newType) return { ok: false, refusal: 'no_such_case_type', caseType: input.caseType!, case: c };
  if (!actions.length) return { ok: true, changed: false, case: await caseNow(trx, c.id) };
  // The severity nobody chose (still the old type's) was the wrong type's too: it follows the type.
  const severity: Severity | undefined = severityChange
    ? input.severity
    : newType && row.severity === row.typeSeverity && newType.default_severity !== row.severity
      ? newType.default_severity
      : undefined;

  // The lock holds the row, so the version cannot have moved since it was read.
  await trx('cases')
    .where({ id: c.id, version: c.version })
    .update({ ...(newType ? { case_type_id: newType.id } : {}), ...(severity ? { severity } : {}), version: c.version + 1 });

  const before: Clocks = { first_response_due_at: row.first_response_due_at, resolution_warn_at: row.resolution_warn_at, resolution_due_at: row.resolution_due_at };
  const after = newType ? await rearmClocks(trx, c, before, { paused: row.resolution_paused_at !== null, hasResolutionTarget: newType.resolution_minutes !== null }) : before;

  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const data = {
    reason: input.reason,
    ...(typeChange ? { caseType: { from: row.caseType, to: input.caseType } } : {}),
    ...(severity ? { severity: { from: row.severity, to: severity } } : {}),
    firstResponseDueAt: { from: iso(before.first_response_due_at), to: iso(after.first_response_due_at) },
    resolutionDueAt: { from: iso(before.resolution_due_at), to: iso(after.resolution_due_at) },
  };
  const by = { type: 'staff' as const, id: actor.staffId };
  await recordCaseEvent(trx, { orgId: c.orgId, caseId: c.id, type: 'corrected', actor: by, isPublic: false, data }, { now: input.now });
  await recordAudit(trx, { orgId: c.orgId, actorType: 'staff', actorId: actor.staffId, action: 'case.corrected', subjectType: 'case', subjectId: c.id, details: { number: c.number, ...data }, requestId: input.requestId });

  // After the event, so the timeline reads cause then effect: a due time the correction put in the past.
  if (newType) await fireWhatIsDue(trx, c.id, after, input.now);
  return { ok: true, changed: true, case: await caseNow(trx, c.id) };
}

/**
 * The due times of the case under its new type, from its opening and status history, stored and
 * given timers. While the resolution clock is paused it has no due time (case-clock.ts): the stored
 * one stands, as a pause leaves it, and the resume computes it with the new target.
 */
async function rearmClocks(trx: Knex.Transaction, c: LockedCase, before: Clocks, s: { paused: boolean; hasResolutionTarget: boolean }): Promise<Clocks> {
  const due = await caseDueTimes(trx, c.id);
  const standing = s.paused && s.hasResolutionTarget && due.resolutionDueAt === null;
  const after: Clocks = {
    first_response_due_at: due.firstResponseDueAt,
    resolution_warn_at: standing ? before.resolution_warn_at : due.resolutionWarnAt,
    resolution_due_at: standing ? before.resolution_due_at : due.resolutionDueAt,
  };
  await trx('cases').where({ id: c.id }).update(after);
  const moved = (k: keyof Clocks) => (after[k] && after[k]!.getTime() !== (before[k] ? new Date(before[k]!).getTime() : null) ? after[k] : null);
  await scheduleSlaTimers(trx, { id: c.id, org_id: c.orgId, first_response_due_at: moved('first_response_due_at'), resolution_warn_at: moved('resolution_warn_at'), resolution_due_at: moved('resolution_due_at') });
  return after;
}

/** Fires now, in order, each timer whose new time has passed; each fires once (sla-timers.ts). */
async function fireWhatIsDue(trx: Knex.Transaction, caseId: string, clocks: Clocks, now: Date): Promise<void> {
  const checks: SlaCheck[] = [];
  const add = (clock: SlaCheck['clock'], moment: SlaCheck['moment'], at: Date | null) => at && at.getTime() <= now.getTime() && checks.push({ caseId, clock, moment, at: at.toISOString() });
  add('first_response', 'breach', clocks.first_response_due_at);
  add('resolution', 'warning', clocks.resolution_warn_at);
  add('resolution', 'breach', clocks.resolution_due_at);
  for (const check of checks) await fireSlaTimer(trx, check, now);
}
