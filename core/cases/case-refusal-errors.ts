import { DomainError, forbidden, notFound, staleVersion, validationFailed } from '../errors/index.ts';
import type { CaseActor, CaseRefusal, CaseTypeRefusal } from './case-commands.ts';
import type { LockedCase } from './case-queries.ts';
import { cannotMove } from './transition.ts';

/**
 * A case command's refusal as the API says it (the REST API and the LIFF desk): the error whose
 * code the api maps to a status (403 role or owner, 409 changed or not open, 422 no such
 * assignee), with the case as it is now for a screen to say who has it.
 */

/** What a refusal says about the case now: enough for the screen to show who has it. */
export const caseNow = (c: LockedCase) => ({ number: c.number, status: c.status, version: c.version, ownerStaffId: c.ownerStaffId, ownerName: c.ownerName });

/** Why a done case refuses an action, in words. */
const NOT_OPEN: Partial<Record<string, string>> = {
  'case.take': 'there is nothing to take',
  // Its clocks have stopped and its reports counted it as it was; reopen it first.
  'case.correct_type': 'its type is kept as it was (reopen it to correct it)',
  'case.correct_severity': 'its severity is kept as it was (reopen it to correct it)',
};

export function caseRefusalError(r: CaseRefusal | CaseTypeRefusal, actor: CaseActor, number: string): DomainError {
  switch (r.refusal) {
    case 'no_such_case':
      return notFound('Case', { number });
    case 'role_forbids':
      return forbidden(`The role ${r.role} cannot do this (${r.action})`, { reason: 'role_forbids', action: r.action, role: r.role });
    case 'stale_version':
      // An integration is told the status and version, as the status change itself says it (transition.ts).
      return staleVersion('The case', actor.type === 'staff' ? caseNow(r.case) : { status: r.case.status, version: r.case.version });
    case 'owned_by': {
      const owner = r.case.ownerName ?? 'Someone else';
      // Taking someone else's case is a conflict over the case; changing it is the owner's right.
      if (r.action === 'case.take') return new DomainError('conflict', `${owner} already has ${r.case.number}`, { reason: 'owner', ...caseNow(r.case) });
      return forbidden(`${owner} has ${r.case.number}: only they or a manager can change it`, { reason: 'owner', action: r.action, ...caseNow(r.case) });
    }
    case 'not_open':
      return new DomainError('conflict', `${r.case.number} is ${r.case.status}: ${NOT_OPEN[r.action] ?? 'it cannot be given to anyone'}`, { reason: 'not_open', ...caseNow(r.case) });
    case 'no_such_assignee':
      return validationFailed('The request body is not valid', [{ path: 'staffId', message: 'No active staff member of this org who works cases has that id' }]);
    case 'no_such_case_type':
      return validationFailed('The request body is not valid', [{ path: 'caseType', message: `The org has no active case type ${r.caseType}` }]);
    case 'cannot_move':
      return cannotMove(r.case.status, r.to);
    case 'provider_required':
      return new DomainError('conflict', `${r.case.number} is of a type that needs its provider named before it is ${r.to}: name it (providerKey) with this move or before`, {
        reason: 'provider_required',
        ...caseNow(r.case),
      });
    case 'rejected':
      return r.error;
    case 'withdrawn':
      return new DomainError('internal', 'The case action was withdrawn');
  }
}
