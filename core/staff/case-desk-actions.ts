import type { Knex } from 'knex';
import { canStaff, type StaffAction } from '../access/roles.ts';
import { reassignCase, takeCase } from '../cases/case-assignment.ts';
import { setCaseProvider } from '../cases/case-provider.ts';
import { caseIdOfNumber, lockCaseForAction, type LockedCase } from '../cases/case-queries.ts';
import { CASE_STATUS } from '../cases/case-status.ts';
import { transitionCase } from '../cases/transition.ts';
import { DomainError, forbidden, notFound, staleVersion, validationFailed } from '../errors/index.ts';
import type { CaseStatus } from '../vocabulary.ts';
import { replyToCustomer } from './case-relay.ts';
import { postToStaffMember, staffById, type StaffDeps, type StaffMemberRef } from './staff-desk.ts';
import { say, type Phrase } from './staff-phrases.ts';

/**
 * What a staff member does to a case from a desk that is not a LINE chat: the REST API
 * (`POST /api/v1/cases/:number/...`) and the LIFF desk. The same core functions as the LINE
 * buttons (bot/staff/case-actions.ts) and the same role table (`canStaff`), with the API's
 * optimistic concurrency: each action names the version the person saw, and a case that changed
 * since is refused with what it is now and who has it.
 *
 * The case row is locked first, like a LINE tap locks it, so a desk action and a tap on the same
 * case take turns: whoever comes second sees the other's change and is told.
 *
 * Refusals are DomainErrors whose `details.reason` says why, for a screen to say it in words:
 * `role_forbids` (the role may not do this), `owner` (someone else has the case), `staff_removed` (no longer
 * active staff); 409 `stale_version` carries the case's status, version and owner now.
 */
export interface DeskCaseAction {
  orgId: string;
  number: string;
  staff: StaffMemberRef;
  /** The version the person saw. */
  expectedVersion: number;
  now: Date;
}

/** The case as it is after an owner change. */
export interface OwnerResult {
  number: string;
  status: CaseStatus;
  version: number;
  ownerStaffId: string | null;
  changed: boolean;
}

const PHRASES = {
  assignedToYou: { th: '{who} มอบหมายเคส {n} ให้คุณค่ะ', en: '{who} gave you {n}.' },
} satisfies Record<string, Phrase>;

/** The case by number, locked until the transaction ends; not found when it is not this org's. */
async function lockByNumber(trx: Knex.Transaction, orgId: string, number: string): Promise<LockedCase> {
  const id = await caseIdOfNumber(trx, orgId, number);
  const c = id ? await lockCaseForAction(trx, orgId, id) : undefined;
  if (!c) throw notFound('Case', { number });
  return c;
}

/** What a refusal says about the case now: enough for the screen to show who has it. */
const caseNow = (c: LockedCase) => ({ number: c.number, status: c.status, version: c.version, ownerStaffId: c.ownerStaffId, ownerName: c.ownerName });

function requireRole(staff: StaffMemberRef, action: StaffAction): void {
  if (!canStaff(staff.role, action)) {
    throw forbidden(`The role ${staff.role} cannot do this (${action})`, { reason: 'role_forbids', action, role: staff.role });
  }
}

function requireVersion(c: LockedCase, expectedVersion: number): void {
  if (c.version !== expectedVersion) throw staleVersion('The case', caseNow(c));
}

/** Support changes only unowned cases or their own; managers and admins any. */
function requireOwnerOrOverride(c: LockedCase, staff: StaffMemberRef, action: StaffAction): void {
  if (!canStaff(staff.role, action, { ownerStaffId: c.ownerStaffId, actorStaffId: staff.id })) {
    throw forbidden(`${c.ownerName ?? 'Someone else'} has ${c.number}: only they or a manager can change it`, { reason: 'owner', action, ...caseNow(c) });
  }
}

const ownerResult = async (trx: Knex.Transaction, c: LockedCase, changed: boolean): Promise<OwnerResult> => {
  const now = await trx('cases').select('status', 'version', 'owner_staff_id').where({ id: c.id }).first();
  return { number: c.number, status: now.status, version: now.version, ownerStaffId: now.owner_staff_id, changed };
};

/** Take: the case becomes the staff member's; a new case starts its work. A manager or admin may take one over. */
export async function takeCaseFromDesk(trx: Knex.Transaction, a: DeskCaseAction): Promise<OwnerResult> {
  const c = await lockByNumber(trx, a.orgId, a.number);
  requireRole(a.staff, 'case.take');
  requireVersion(c, a.expectedVersion);
  if (!CASE_STATUS[c.status].isOpen) throw new DomainError('conflict', `${c.number} is ${c.status}: there is nothing to take`, caseNow(c));
  if (c.ownerStaffId === a.staff.id) return ownerResult(trx, c, false);
  if (c.ownerStaffId && !canStaff(a.staff.role, 'case.reassign')) {
    throw new DomainError('conflict', `${c.ownerName ?? 'Someone else'} already has ${c.number}`, { reason: 'owner', ...caseNow(c) });
  }
  const seen = { orgId: c.orgId, caseId: c.id, version: c.version, ownerStaffId: c.ownerStaffId, status: c.status };
  if (!(await takeCase(trx, seen, a.staff.id, a.now)).taken) throw staleVersion('The case', caseNow((await lockCaseForAction(trx, c.orgId, c.id))!));
  return ownerResult(trx, c, true);
}

/** Reassign (managers and admins): the case goes to another active staff member, who is told 1:1 in LINE. */
export async function reassignCaseFromDesk(trx: Knex.Transaction, a: DeskCaseAction & { assigneeId: string }): Promise<OwnerResult> {
  const c = await lockByNumber(trx, a.orgId, a.number);
  requireRole(a.staff, 'case.reassign');
  requireVersion(c, a.expectedVersion);
  const assignee = await staffById(trx, a.orgId, a.assigneeId);
  if (!assignee || !canStaff(assignee.role, 'case.take')) {
    throw validationFailed('The request body is not valid', [{ path: 'staffId', message: 'No active staff member of this org who works cases has that id' }]);
  }
  if (!CASE_STATUS[c.status].isOpen) throw new DomainError('conflict', `${c.number} is ${c.status}: it cannot be given to anyone`, caseNow(c));
  if (assignee.id === c.ownerStaffId) return ownerResult(trx, c, false);
  const seen = { orgId: c.orgId, caseId: c.id, version: c.version, ownerStaffId: c.ownerStaffId, status: c.status };
  if (!(await reassignCase(trx, seen, assignee.id, a.staff.id)).reassigned) throw staleVersion('The case', caseNow((await lockCaseForAction(trx, c.orgId, c.id))!));
  if (assignee.id !== a.staff.id) {
    await postToStaffMember(trx, assignee, [{ kind: 'text', text: say(assignee.language, PHRASES.assignedToYou, { who: a.staff.displayName, n: c.number }) }], { caseId: c.id });
  }
  return ownerResult(trx, c, true);
}

/**
 * A status move, as the card's buttons make them: resolving or closing needs one of the org's root
 * causes; waiting on a provider may name it (`providerKey`), and its group is told.
 */
export async function moveCaseFromDesk(
  trx: Knex.Transaction,
  a: DeskCaseAction & { to: CaseStatus; rootCause?: string; providerKey?: string; note?: string },
): Promise<{ number: string; from: CaseStatus; to: CaseStatus; version: number; reopened: boolean }> {
  const c = await lockByNumber(trx, a.orgId, a.number);
  const action = a.to === 'resolved' || a.to === 'closed' ? 'case.resolve' : 'case.set_status';
  requireRole(a.staff, action);
  requireVersion(c, a.expectedVersion);
  requireOwnerOrOverride(c, a.staff, action);
  const actor = { type: 'staff' as const, id: a.staff.id };
  const provider = a.providerKey ? await setCaseProvider(trx, { orgId: c.orgId, caseId: c.id, providerKey: a.providerKey, actor }) : { changed: false };
  const r = await transitionCase(trx, {
    orgId: c.orgId,
    caseId: c.id,
    to: a.to,
    // Naming the provider is this action's own change: one version on.
    expectedVersion: provider.changed ? a.expectedVersion + 1 : a.expectedVersion,
    actor,
    rootCause: a.rootCause,
    note: a.note,
    now: a.now,
  });
  return { number: r.number, from: r.from, to: r.to, version: r.version, reopened: r.reopened };
}

/**
 * Writes to the case's customer on their own channel, through the outbox, exactly as a reply from
 * a LINE group does (core/staff/case-relay.ts): on the timeline, the first one the first response.
 */
export async function writeToCustomerFromDesk(
  deps: Pick<StaffDeps, 'publicBaseUrl' | 'mediaLinkKey'>,
  trx: Knex.Transaction,
  a: DeskCaseAction & { text: string },
): Promise<{ number: string; version: number; messageIds: string[] }> {
  const c = await lockByNumber(trx, a.orgId, a.number);
  requireRole(a.staff, 'case.reply');
  requireVersion(c, a.expectedVersion);
  requireOwnerOrOverride(c, a.staff, 'case.reply');
  if (c.status === 'closed') throw new DomainError('conflict', `${c.number} is closed: the customer is not written to any more`, caseNow(c));
  const conversation = await trx('cases').select('conversation_id').where({ id: c.id }).first();
  if (!conversation?.conversation_id) throw new DomainError('conflict', `${c.number} has no customer chat to write to`, { reason: 'no_chat', ...caseNow(c) });
  const text = a.text.trim();
  if (!text) throw validationFailed('The request body is not valid', [{ path: 'text', message: 'Write something to send' }]);
  const { messageIds } = await replyToCustomer(deps, trx, { orgId: c.orgId, caseId: c.id, staff: a.staff, text, now: a.now });
  return { number: c.number, version: c.version, messageIds };
}

/**
 * The staff member a desk acts for: active staff of the org, as they are now (role included).
 * Someone removed while their desk is open is refused with the reason.
 */
export async function activeStaffMember(db: Knex | Knex.Transaction, orgId: string, staffId: string | null | undefined): Promise<StaffMemberRef> {
  if (!staffId) throw forbidden('This caller acts for no staff member', { reason: 'not_staff' });
  const staff = await staffById(db, orgId, staffId);
  if (!staff) throw forbidden('This staff member has been removed', { reason: 'staff_removed' });
  return staff;
}
