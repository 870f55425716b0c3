import type { Knex } from 'knex';
import { canStaff, type StaffAction } from '../access/roles.ts';
import { DomainError } from '../errors/index.ts';
import type { CaseStatus, Language, Severity, StaffRole } from '../vocabulary.ts';
import { reassignCase, takeCase } from './case-assignment.ts';
import { setCaseProvider } from './case-provider.ts';
import { caseIdOfNumber, caseState, lockCaseForAction, type LockedCase } from './case-queries.ts';
import { CASE_STATUS, canTransitionCase, isCaseStatus } from './case-status.ts';
import { openCase, type OpenedCase } from './open-case.ts';
import type { CaseEventContext } from './case-timeline.ts';
import { transitionCase, type TransitionResult } from './transition.ts';

/**
 * The one front door for changing who has a case and where it stands: take, reassign (hand over)
 * and move (a status, resolving with a root cause, reopening a resolved case). A LINE tap, the
 * LIFF desk and the REST API call these and only put the answer into words or an HTTP error.
 *
 * Each command locks the case row first (taps and desk actions on one case take turns), checks
 * who may do it (the actor's role and who has the case), the version the actor saw and what the
 * case's state allows, and writes through the tables' owners (case-assignment.ts, transition.ts,
 * case-provider.ts). A refusal is returned, never thrown, with the facts the caller needs to say it.
 * Who is told of a change is the timeline's subscribers' business (bin/system.ts), not ours.
 *
 * A case is opened from a customer's report or a payment rule (open-case.ts), with its type's
 * severity, or by a staff member for the customer they are talking to (`openForCustomer`), with a
 * severity they may pick. When the classifier guessed wrong, staff correct its type or severity
 * with a reason (case-correction.ts, with the same refusals), and its SLA due times follow.
 */

/** Someone on staff, by id and role as they are now. */
export interface StaffActor {
  type: 'staff';
  staffId: string;
  role: StaffRole;
}
/** A business's own system through an API key: the route checked the key's permission. */
export interface IntegrationActor {
  type: 'integration';
  apiKeyId: string;
}
export type CaseActor = StaffActor | IntegrationActor;

export const staffActor = (s: { id: string; role: StaffRole }): StaffActor => ({ type: 'staff', staffId: s.id, role: s.role });

/** What may be done to a case, as the desk names it. */
export const CASE_ACTIONS = ['take', 'reassign', 'move', 'resolve', 'reply'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const STAFF_ACTION: Record<CaseAction, StaffAction> = {
  take: 'case.take',
  reassign: 'case.reassign',
  move: 'case.set_status',
  resolve: 'case.resolve',
  reply: 'case.reply',
};

/** Why a role or an owner forbids an action. */
export type WhoRefusal = 'role_forbids' | 'owner';

/**
 * Taking a case someone else has is handing it to oneself: a reassignment, so managers and admins
 * only (whoever may reassign).
 */
export const mayTakeOver = (role: StaffRole): boolean => canStaff(role, 'case.reassign');

/**
 * Who may do what to a case, by the actor's role and who has the case: the role table
 * (core/access/roles.ts), support held to unowned or own cases, and taking over as a reassignment.
 * Undefined when allowed. What the case's status allows is the state machine's (case-status.ts).
 */
export function whoRefuses(actor: StaffActor, action: CaseAction, c: { ownerStaffId: string | null }): WhoRefusal | undefined {
  const staffAction = STAFF_ACTION[action];
  if (!canStaff(actor.role, staffAction)) return 'role_forbids';
  if (action === 'take') return c.ownerStaffId && c.ownerStaffId !== actor.staffId && !mayTakeOver(actor.role) ? 'owner' : undefined;
  return canStaff(actor.role, staffAction, { ownerStaffId: c.ownerStaffId, actorStaffId: actor.staffId }) ? undefined : 'owner';
}

/**
 * What this actor may do to this case now, by who they are and who has it, and why not the rest:
 * what the desk shows and the LINE card offers, by the same rule the commands apply.
 */
export function allowedCaseActions(actor: StaffActor, c: { ownerStaffId: string | null; ownerName?: string | null }) {
  const allowed: CaseAction[] = [];
  const refusals: Partial<Record<CaseAction, { reason: WhoRefusal; ownerName: string | null }>> = {};
  for (const action of CASE_ACTIONS) {
    const reason = whoRefuses(actor, action, c);
    if (reason) refusals[action] = { reason, ownerName: reason === 'owner' ? (c.ownerName ?? null) : null };
    else allowed.push(action);
  }
  return { allowed, refusals };
}

/** The case a command acts on: by id (a LINE button) or by number (the desk, the API), within the org. */
export type CaseRef = { orgId: string; caseId: string } | { orgId: string; number: string };

export type CaseRefusal =
  | { ok: false; refusal: 'no_such_case' }
  /** The actor's role may not do this at all. */
  | { ok: false; refusal: 'role_forbids'; action: StaffAction; role: StaffRole; case: LockedCase }
  /** Someone else has the case (`case.ownerName`): only they or a manager may. */
  | { ok: false; refusal: 'owned_by'; action: StaffAction; case: LockedCase }
  /** The case changed since the actor saw it (or while this one wrote): as it is now. */
  | { ok: false; refusal: 'stale_version'; case: LockedCase }
  /** Resolved or closed: nobody takes it or is given it. */
  | { ok: false; refusal: 'not_open'; action: StaffAction; case: LockedCase }
  /** Not an active staff member of the org who works cases. */
  | { ok: false; refusal: 'no_such_assignee'; case: LockedCase }
  /** The state machine has no way from the status now to `to` (also: it is there already). */
  | { ok: false; refusal: 'cannot_move'; to: CaseStatus; allowed: readonly CaseStatus[]; case: LockedCase }
  /** The case's type needs its provider named before the case is resolved or closed. */
  | { ok: false; refusal: 'provider_required'; to: CaseStatus; case: LockedCase }
  /** The caller's own last check before the change said no (a LINE button already used, an answer still to ask). */
  | { ok: false; refusal: 'withdrawn'; case: LockedCase }
  /** The status change itself refused (a root cause missing or unknown, a concurrent change): its error, as it said it. */
  | { ok: false; refusal: 'rejected'; error: DomainError; case: LockedCase };

/** A correction (case-correction.ts) names a case type the org does not have, or has switched off. */
export type CaseTypeRefusal = { ok: false; refusal: 'no_such_case_type'; caseType: string; case: LockedCase };

/** The caller's last word before anything changes; false withdraws (and changes nothing). */
type BeforeChange = (c: LockedCase) => Promise<boolean>;

interface CommandInput {
  /** The version the actor saw; omitted: the case as it is now (a LINE tap acts on the locked case). */
  expectedVersion?: number;
  now: Date;
  beforeChange?: BeforeChange;
}

/** The case after an owner change. */
export interface OwnerOutcome {
  ok: true;
  changed: boolean;
  /** As it was when locked: who had it. */
  before: LockedCase;
  case: { number: string; status: CaseStatus; version: number; ownerStaffId: string | null };
}

/** The case, locked until the transaction ends (taps and desk actions on it take turns); undefined when it is not the org's. */
export async function lockCaseByRef(trx: Knex.Transaction, ref: CaseRef): Promise<LockedCase | undefined> {
  const id = 'caseId' in ref ? ref.caseId : await caseIdOfNumber(trx, ref.orgId, ref.number);
  return id ? lockCaseForAction(trx, ref.orgId, id) : undefined;
}

const seenOf = (c: LockedCase) => ({ orgId: c.orgId, caseId: c.id, version: c.version, ownerStaffId: c.ownerStaffId, status: c.status });
const unchanged = (c: LockedCase): OwnerOutcome => ({ ok: true, changed: false, before: c, case: { number: c.number, status: c.status, version: c.version, ownerStaffId: c.ownerStaffId } });

/** The version the actor saw is not the case's now; undefined when it is (or they named none). */
const staleRefusal = (c: LockedCase, expectedVersion: number | undefined): CaseRefusal | undefined =>
  expectedVersion !== undefined && expectedVersion !== c.version ? { ok: false, refusal: 'stale_version', case: c } : undefined;

const roleRefusal = (actor: StaffActor, action: CaseAction, c: LockedCase): CaseRefusal | undefined =>
  canStaff(actor.role, STAFF_ACTION[action]) ? undefined : { ok: false, refusal: 'role_forbids', action: STAFF_ACTION[action], role: actor.role, case: c };

const ownerRefusal = (actor: StaffActor, action: CaseAction, c: LockedCase): CaseRefusal | undefined =>
  whoRefuses(actor, action, c) === 'owner' ? { ok: false, refusal: 'owned_by', action: STAFF_ACTION[action], case: c } : undefined;

/**
 * The refusal of the role, the version seen and the owner, in that order (a stale view is told the
 * case changed before it is told whose it is); undefined when all allow.
 */
export const refuseActor = (actor: StaffActor, action: CaseAction, c: LockedCase, expectedVersion: number | undefined): CaseRefusal | undefined =>
  roleRefusal(actor, action, c) ?? staleRefusal(c, expectedVersion) ?? ownerRefusal(actor, action, c);

const withdrawn = async (before: BeforeChange | undefined, c: LockedCase): Promise<CaseRefusal | undefined> =>
  before && !(await before(c)) ? { ok: false, refusal: 'withdrawn', case: c } : undefined;

/** The owner's write lost to another change: the case as it is now. */
const staleNow = async (trx: Knex.Transaction, c: LockedCase): Promise<CaseRefusal> => ({ ok: false, refusal: 'stale_version', case: (await lockCaseForAction(trx, c.orgId, c.id))! });

/**
 * Take: the case becomes the actor's; a new case starts its work. An open case only; one the actor
 * has already is unchanged; someone else's is taken over, by managers and admins only.
 */
export async function take(trx: Knex.Transaction, actor: StaffActor, input: CaseRef & CommandInput): Promise<OwnerOutcome | CaseRefusal> {
  const c = await lockCaseByRef(trx, input);
  if (!c) return { ok: false, refusal: 'no_such_case' };
  // Whose it is is answered after the state: a closed case has nothing to take, whoever has it.
  const refused = roleRefusal(actor, 'take', c) ?? staleRefusal(c, input.expectedVersion);
  if (refused) return refused;
  if (!CASE_STATUS[c.status].isOpen) return { ok: false, refusal: 'not_open', action: 'case.take', case: c };
  if (c.ownerStaffId === actor.staffId) return unchanged(c);
  const notYet = ownerRefusal(actor, 'take', c) ?? (await withdrawn(input.beforeChange, c));
  if (notYet) return notYet;
  const result = await takeCase(trx, seenOf(c), actor.staffId, input.now);
  if (!result.taken) return staleNow(trx, c);
  return { ok: true, changed: true, before: c, case: { number: c.number, status: result.status, version: result.version, ownerStaffId: actor.staffId } };
}

/**
 * Reassign: a manager or admin gives an open case to an active staff member who works cases.
 * `via` is the door, for the new owner's notice (core/staff/case-handover-notice.ts).
 */
export async function reassign(
  trx: Knex.Transaction,
  actor: StaffActor,
  input: CaseRef & CommandInput & { assigneeId: string | null; via: NonNullable<CaseEventContext['via']> },
): Promise<(OwnerOutcome & { assignee: { id: string; displayName: string } }) | CaseRefusal> {
  const c = await lockCaseByRef(trx, input);
  if (!c) return { ok: false, refusal: 'no_such_case' };
  const refused = refuseActor(actor, 'reassign', c, input.expectedVersion);
  if (refused) return refused;
  const assignee = input.assigneeId ? await assigneeOf(trx, c.orgId, input.assigneeId) : undefined;
  if (!assignee) return { ok: false, refusal: 'no_such_assignee', case: c };
  if (!CASE_STATUS[c.status].isOpen) return { ok: false, refusal: 'not_open', action: 'case.reassign', case: c };
  if (assignee.id === c.ownerStaffId) return { ...unchanged(c), assignee };
  const no = await withdrawn(input.beforeChange, c);
  if (no) return no;
  const given = await reassignCase(trx, seenOf(c), assignee.id, actor.staffId, { now: input.now, via: input.via });
  if (!given.reassigned) return staleNow(trx, c);
  return { ok: true, changed: true, before: c, assignee, case: { number: c.number, status: c.status, version: c.version + 1, ownerStaffId: assignee.id } };
}

/** An active staff member of the org whose role works cases; undefined otherwise. */
async function assigneeOf(trx: Knex.Transaction, orgId: string, staffId: string): Promise<{ id: string; displayName: string } | undefined> {
  const s = await trx('staff').select('id', 'role', 'display_name').where({ org_id: orgId, id: staffId, is_active: true }).first();
  return s && canStaff(s.role, 'case.take') ? { id: s.id, displayName: s.display_name } : undefined;
}

/** The state machine's refusal of a move from where the case is now; undefined when it allows it. */
export function moveRefusal(c: LockedCase, to: CaseStatus): CaseRefusal | undefined {
  if (!isCaseStatus(to) || canTransitionCase(c.status, to)) return undefined;
  return { ok: false, refusal: 'cannot_move', to, allowed: CASE_STATUS[c.status].next, case: c };
}

/**
 * A case of a type that "requires a provider" is resolved or closed only once its provider is
 * named (seed 004: the provider a fault is put down to, for the provider reports): staff name it
 * with the move (`providerKey`) or before.
 */
async function providerStillNeeded(trx: Knex.Transaction, caseId: string, to: CaseStatus): Promise<boolean> {
  if (to !== 'resolved' && to !== 'closed') return false;
  const row = await trx('cases').join('case_types', 'case_types.id', 'cases.case_type_id').where('cases.id', caseId).first('cases.provider_id', 'case_types.requires_provider');
  return Boolean(row?.requires_provider) && !row?.provider_id;
}

/** Resolving and closing are `case.resolve`; every other move `case.set_status`. */
const actionOfMove = (to: CaseStatus): CaseAction => (to === 'resolved' || to === 'closed' ? 'resolve' : 'move');

/**
 * May the actor move this case to `to` now? The case locked and every rule of `move` checked,
 * nothing changed: for a door that asks a question first (which root cause, which provider).
 */
export async function checkMove(trx: Knex.Transaction, actor: CaseActor, input: CaseRef & { to: CaseStatus; expectedVersion?: number }): Promise<{ ok: true; case: LockedCase } | CaseRefusal> {
  const c = await lockCaseByRef(trx, input);
  if (!c) return { ok: false, refusal: 'no_such_case' };
  // An integration's key was checked by its route: it answers to the version and the state machine only.
  const refused = actor.type === 'staff' ? refuseActor(actor, actionOfMove(input.to), c, input.expectedVersion) : staleRefusal(c, input.expectedVersion);
  return refused ?? moveRefusal(c, input.to) ?? { ok: true, case: c };
}

/**
 * Move: a status along the state machine's edges (transition.ts), resolving or closing with a root
 * cause, reopening a resolved case. Staff are held to the role and owner rules; an integration's
 * key was checked by its route. Waiting on a provider may name it (`providerKey`): its own change,
 * one version on.
 */
export async function move(
  trx: Knex.Transaction,
  actor: CaseActor,
  input: CaseRef & CommandInput & { to: CaseStatus; rootCause?: string; providerKey?: string; note?: string },
): Promise<({ ok: true } & TransitionResult) | CaseRefusal> {
  const checked = await checkMove(trx, actor, input);
  if (!checked.ok) return checked;
  const c = checked.case;
  const no = await withdrawn(input.beforeChange, c);
  if (no) return no;
  if (!input.providerKey && (await providerStillNeeded(trx, c.id, input.to))) return { ok: false, refusal: 'provider_required', to: input.to, case: c };
  const by = actor.type === 'staff' ? { type: 'staff' as const, id: actor.staffId } : { type: 'api_key' as const, id: actor.apiKeyId };
  const provider = input.providerKey ? await setCaseProvider(trx, { orgId: c.orgId, caseId: c.id, providerKey: input.providerKey, actor: by }) : { changed: false };
  try {
    const moved = await transitionCase(trx, {
      orgId: c.orgId,
      caseId: c.id,
      to: input.to,
      // Naming the provider is this command's own change: one version on.
      expectedVersion: input.expectedVersion !== undefined && provider.changed ? input.expectedVersion + 1 : input.expectedVersion,
      actor: by,
      rootCause: input.rootCause,
      note: input.note,
      now: input.now,
    });
    return { ok: true, ...moved };
  } catch (err) {
    if (!(err instanceof DomainError) || !['conflict', 'stale_version', 'validation_failed'].includes(err.code)) throw err;
    return { ok: false, refusal: 'rejected', error: err, case: (await lockCaseForAction(trx, c.orgId, c.id))! };
  }
}

// ---------------------------------------------------------------------------------------------
// The customer's side: what their messages do to their case (bot/conversation/act.ts).

/** The customer wrote on their case: one that waited on them goes back to work, and its clock runs again. */
export async function customerAnswered(trx: Knex.Transaction, c: { orgId: string; caseId: string; contactId: string; now: Date }): Promise<void> {
  if ((await caseState(trx, c.caseId))?.status !== 'waiting_customer') return;
  await transitionCase(trx, { orgId: c.orgId, caseId: c.caseId, to: 'investigating', actor: { type: 'customer', id: c.contactId }, now: c.now });
}

/** The customer wrote again about a resolved case: it is reopened, and they hear so in answer to their message (case-notifications.ts). */
export async function reopenForCustomer(trx: Knex.Transaction, c: { orgId: string; caseId: string; contactId: string; replyToEventId?: number }): Promise<void> {
  await transitionCase(trx, { orgId: c.orgId, caseId: c.caseId, to: 'investigating', actor: { type: 'customer', id: c.contactId }, replyToEventId: c.replyToEventId });
}

/**
 * A staff member opens a case for the customer they are talking to (the desk's conversation):
 * the customer's case, linked to the conversation, opened by the staff member on its timeline, of
 * one of the org's case types in use, at its severity or the one picked. The case enters the
 * queue as any other (its card, its SLA clocks), nobody's until someone takes it.
 */
export async function openForCustomer(
  trx: Knex.Transaction,
  actor: StaffActor,
  input: { orgId: string; contactId: string; conversationId: string; caseTypeKey: string; severity?: Severity; summary: string; language: Language; now: Date },
): Promise<{ ok: true; case: OpenedCase & { number: string } } | { ok: false; refusal: 'role_forbids'; role: StaffRole } | { ok: false; refusal: 'no_such_case_type' }> {
  if (!canStaff(actor.role, 'case.open')) return { ok: false, refusal: 'role_forbids', role: actor.role };
  const type = await trx('case_types').select('id').where({ org_id: input.orgId, key: input.caseTypeKey, is_active: true }).first();
  if (!type) return { ok: false, refusal: 'no_such_case_type' };
  const opened = await openCase(trx, {
    orgId: input.orgId,
    caseTypeKey: input.caseTypeKey,
    contactId: input.contactId,
    conversationId: input.conversationId,
    sourceMessageId: null,
    source: 'staff',
    summary: input.summary,
    language: input.language,
    fields: {},
    now: input.now,
    actor: { type: 'staff', id: actor.staffId },
    severity: input.severity,
  });
  return { ok: true, case: opened };
}
