import type { Knex } from 'knex';
import * as caseCommands from '../cases/case-commands.ts';
import { lockCaseByRef, refuseActor, staffActor, type CaseRefusal } from '../cases/case-commands.ts';
import { caseCustomerChat, type LockedCase } from '../cases/case-queries.ts';
import { caseNow, caseRefusalError } from '../cases/case-refusal-errors.ts';
import { DomainError, forbidden, validationFailed } from '../errors/index.ts';
import type { CaseStatus } from '../vocabulary.ts';
import { replyToCustomer } from './case-relay.ts';
import { staffById, type StaffDeps, type StaffMemberRef } from './staff-desk.ts';

/**
 * What a staff member does to a case from a desk that is not a LINE chat: the REST API
 * (`POST /api/v1/cases/:number/...`) and the LIFF desk. Take, reassign and moves are the case
 * commands (core/cases/case-commands.ts), as for the LINE buttons (bot/staff/case-actions.ts),
 * with the API's optimistic concurrency: each action names the version the person saw, and a case
 * that changed since is refused with what it is now and who has it.
 *
 * Refusals are DomainErrors whose `details.reason` says why, for a screen to say it in words
 * (core/cases/case-refusal-errors.ts): `role_forbids` (the role may not do this), `owner` (someone
 * else has the case), `staff_removed` (no longer active staff); 409 `stale_version` carries the
 * case's status, version and owner now.
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

/** A command's answer, or its refusal thrown as the API's error. */
function answered<T extends { ok: true }>(r: T | CaseRefusal, a: DeskCaseAction): T {
  if (!r.ok) throw caseRefusalError(r, staffActor(a.staff), a.number);
  return r;
}

const ownerResult = (r: caseCommands.OwnerOutcome): OwnerResult => ({ ...r.case, changed: r.changed });

/** Take: the case becomes the staff member's; a new case starts its work. A manager or admin may take one over. */
export async function takeCaseFromDesk(trx: Knex.Transaction, a: DeskCaseAction): Promise<OwnerResult> {
  return ownerResult(answered(await caseCommands.take(trx, staffActor(a.staff), { orgId: a.orgId, number: a.number, expectedVersion: a.expectedVersion, now: a.now }), a));
}

/**
 * Reassign (managers and admins): the case goes to another active staff member, who is told 1:1 in
 * LINE (core/staff/case-handover-notice.ts).
 */
export async function reassignCaseFromDesk(trx: Knex.Transaction, a: DeskCaseAction & { assigneeId: string }): Promise<OwnerResult> {
  const r = await caseCommands.reassign(trx, staffActor(a.staff), {
    orgId: a.orgId,
    number: a.number,
    assigneeId: a.assigneeId,
    expectedVersion: a.expectedVersion,
    now: a.now,
    via: 'desk',
  });
  return ownerResult(answered(r, a));
}

/**
 * A status move, as the card's buttons make them: resolving or closing needs one of the org's root
 * causes; waiting on a provider may name it (`providerKey`), and its group is told.
 */
export async function moveCaseFromDesk(
  trx: Knex.Transaction,
  a: DeskCaseAction & { to: CaseStatus; rootCause?: string; providerKey?: string; note?: string },
): Promise<{ number: string; from: CaseStatus; to: CaseStatus; version: number; reopened: boolean }> {
  const { to, rootCause, providerKey, note } = a;
  const r = answered(await caseCommands.move(trx, staffActor(a.staff), { orgId: a.orgId, number: a.number, expectedVersion: a.expectedVersion, now: a.now, to, rootCause, providerKey, note }), a);
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
  const c = await lockCaseByRef(trx, a);
  if (!c) throw caseRefusalError({ ok: false, refusal: 'no_such_case' }, staffActor(a.staff), a.number);
  await mayWriteToCustomer(trx, a, c);
  const text = a.text.trim();
  if (!text) throw validationFailed('The request body is not valid', [{ path: 'text', message: 'Write something to send' }]);
  const { messageIds } = await replyToCustomer(deps, trx, { orgId: c.orgId, caseId: c.id, staff: a.staff, parts: [{ text }], now: a.now });
  return { number: c.number, version: c.version, messageIds };
}

/**
 * Whether the staff member may write to this (locked) case's customer now, thrown as the API's
 * error when not: their role and who has the case (`case.reply`), the version they saw, a case not
 * closed, with a customer chat. Answers the chat's channel (`line`, `whatsapp`), whose own limits
 * a file must keep.
 */
export async function mayWriteToCustomer(trx: Knex.Transaction, a: { staff: StaffMemberRef; expectedVersion?: number }, c: LockedCase): Promise<{ channel: string }> {
  const refused = refuseActor(staffActor(a.staff), 'reply', c, a.expectedVersion);
  if (refused) throw caseRefusalError(refused, staffActor(a.staff), c.number);
  if (c.status === 'closed') throw new DomainError('conflict', `${c.number} is closed: the customer is not written to any more`, caseNow(c));
  const chat = await caseCustomerChat(trx, c.orgId, c.id);
  if (!chat) throw new DomainError('conflict', `${c.number} has no customer chat to write to`, { reason: 'no_chat', ...caseNow(c) });
  return { channel: chat.channel };
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
