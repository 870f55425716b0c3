import type { Knex } from 'knex';
import { DomainError, notFound, staleVersion, validationFailed } from '../errors/index.ts';
import { BUILT_IN_ROOT_CAUSES, type CaseStatus } from '../vocabulary.ts';
import { CASE_STATUS, canTransitionCase, isCaseStatus } from './case-status.ts';
import { caseDueTimes } from './case-clock.ts';
import { scheduleSlaTimers } from './sla-timers.ts';
import { recordCaseEvent } from './case-timeline.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * `cases.transition()`: the one way a case changes status. Only along the state machine's edges
 * (core/cases/case-status.ts); closing needs a root cause; optimistic concurrency on `version`, so
 * two people acting on the same case at the same moment cannot both win: the second is told the
 * case changed and what it is now. The timeline, the status periods (time tracking) and the
 * timestamps move in the same transaction. The customer is told (core/cases/case-notifications.ts),
 * the staff desk and the business's webhooks hear of it, as subscribers of the timeline.
 */
export interface TransitionInput {
  orgId: string;
  caseId: string;
  to: CaseStatus;
  /** The version the actor saw; omitted: whatever is current (system actions). */
  expectedVersion?: number;
  actor: { type: 'staff' | 'api_key' | 'system' | 'customer'; id: string | null };
  rootCause?: string;
  note?: string;
  now?: Date;
  /** The customer's message that caused the move: the customer's notice may answer it with its reply token. */
  replyToEventId?: number;
}

export interface TransitionResult {
  id: string;
  number: string;
  from: CaseStatus;
  to: CaseStatus;
  version: number;
  reopened: boolean;
  firstResponse: boolean;
}

export async function transitionCase(trx: Knex.Transaction, t: TransitionInput): Promise<TransitionResult> {
  const current = await trx('cases').where({ id: t.caseId, org_id: t.orgId }).first();
  if (!current) throw notFound('Case');
  if (t.expectedVersion !== undefined && t.expectedVersion !== current.version) {
    throw staleVersion('The case', { status: current.status, version: current.version });
  }
  const from = current.status as CaseStatus;
  if (!isCaseStatus(t.to)) throw validationFailed(`Unknown status ${t.to}`);
  if (!canTransitionCase(from, t.to)) throw cannotMove(from, t.to);
  // A root cause given when resolving is kept, and closing later may reuse it.
  const rootCause: string | undefined = t.rootCause ?? (t.to === 'closed' ? (current.root_cause ?? undefined) : undefined);
  if (t.to === 'closed' || (t.to === 'resolved' && rootCause)) await requireRootCause(trx, t.orgId, rootCause);

  const now = t.now ?? new Date();
  const reopened = from === 'resolved' && CASE_STATUS[t.to].isOpen;
  // First response: the first move out of New by staff (a staff reply counts too, elsewhere).
  const firstResponse = from === 'new' && t.actor.type !== 'system' && t.actor.type !== 'customer' && !current.first_responded_at;
  const changes: Record<string, unknown> = {
    status: t.to,
    version: current.version + 1,
    ...(firstResponse ? { first_responded_at: now } : {}),
    ...(t.to === 'resolved' ? { resolved_at: now } : {}),
    ...(t.to === 'resolved' && rootCause ? { root_cause: rootCause } : {}),
    ...(t.to === 'closed' ? { closed_at: now, root_cause: rootCause } : {}),
    // A reopened case's old root cause no longer explains it.
    ...(reopened ? { reopened_count: current.reopened_count + 1, resolved_at: null, root_cause: null } : {}),
    ...(CASE_STATUS[t.to].pausesResolutionClock && !current.resolution_paused_at ? { resolution_paused_at: now } : {}),
    ...(!CASE_STATUS[t.to].pausesResolutionClock && current.resolution_paused_at ? { resolution_paused_at: null } : {}),
  };
  // The version check again, atomically: someone may have changed it since we read it.
  const updated = await trx('cases').where({ id: t.caseId, version: current.version }).update(changes);
  if (updated === 0) {
    const now2 = await trx('cases').select('status', 'version').where({ id: t.caseId }).first();
    throw staleVersion('The case', now2);
  }
  await trx('case_status_periods').where({ case_id: t.caseId }).whereNull('ended_at').update({ ended_at: now });
  await trx('case_status_periods').insert({
    org_id: t.orgId,
    case_id: t.caseId,
    status: t.to,
    actor_type: t.actor.type,
    actor_id: t.actor.id,
    started_at: now,
  });
  await moveResolutionClock(trx, current, t.orgId);
  const actor = { type: t.actor.type, id: t.actor.id };
  await recordCaseEvent(
    trx,
    { orgId: t.orgId, caseId: t.caseId, type: reopened ? 'reopened' : 'status_changed', actor, isPublic: true, data: { from, to: t.to, ...(rootCause ? { rootCause } : {}) } },
    { now, replyToEventId: t.replyToEventId },
  );
  if (t.note) await recordCaseEvent(trx, { orgId: t.orgId, caseId: t.caseId, type: 'note', actor, isPublic: false, data: { text: t.note } }, { now });
  return { id: t.caseId, number: current.number, from, to: t.to, version: current.version + 1, reopened, firstResponse };
}

/**
 * After a pause (or a reopen) the resolution due time is where the counted business time now
 * reaches the target. A moved due time gets new timers; the old ones find their time gone.
 */
async function moveResolutionClock(trx: Knex.Transaction, current: { id: string; resolution_due_at: Date | null }, orgId: string): Promise<void> {
  const due = await caseDueTimes(trx, current.id);
  if (!due.resolutionDueAt) return; // paused or stopped: the clock stands
  const moved = !current.resolution_due_at || due.resolutionDueAt.getTime() !== new Date(current.resolution_due_at).getTime();
  if (!moved) return;
  await trx('cases').where({ id: current.id }).update({ resolution_due_at: due.resolutionDueAt, resolution_warn_at: due.resolutionWarnAt });
  await scheduleSlaTimers(trx, {
    id: current.id,
    org_id: orgId,
    first_response_due_at: null,
    resolution_warn_at: due.resolutionWarnAt,
    resolution_due_at: due.resolutionDueAt,
  });
}

/** The state machine has no edge from `from` to `to`: what the case could go to instead. */
export const cannotMove = (from: CaseStatus, to: CaseStatus) =>
  new DomainError('conflict', `A case cannot go from ${from} to ${to}`, { from, to, allowed: CASE_STATUS[from].next });

async function requireRootCause(trx: Knex.Transaction, orgId: string, rootCause: string | undefined): Promise<void> {
  if (!rootCause) throw validationFailed('Closing a case needs a root cause', { allowed: await rootCausesOf(trx, orgId) });
  const allowed = await rootCausesOf(trx, orgId);
  if (!allowed.includes(rootCause)) throw validationFailed(`Unknown root cause ${rootCause}`, { allowed });
}

/** The built-in root causes and the org's own (`orgs.settings.rootCauses`). */
export async function rootCausesOf(db: Knex | Knex.Transaction, orgId: string): Promise<string[]> {
  const org = await orgSettingsRow(db, orgId);
  const own = Array.isArray(org?.settings?.rootCauses) ? (org.settings.rootCauses as string[]) : [];
  return [...BUILT_IN_ROOT_CAUSES, ...own];
}
