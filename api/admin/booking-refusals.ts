import type { BookingCommandActor, CommandResult, Refused } from '../../core/bookings/booking-commands.ts';
import type { StaffRole } from '../../core/vocabulary.ts';
import type { Caller } from '../route.ts';
import { DomainError, notFound, staleVersion, validationFailed } from '../../core/errors/index.ts';

/**
 * A booking command's refusal as the API answers it (core/bookings/booking-commands.ts), for the
 * REST API and the LIFF desk alike: 404, 409 with the booking as it is now, or 422.
 */
type Command = 'stage' | 'assign';

function refusalError(r: Refused, number: string, command: Command): DomainError {
  const b = r.booking;
  switch (r.refusal) {
    case 'stale_version':
      // The version the caller saw, or a change that won the race meanwhile.
      return r.expectedVersion === undefined
        ? staleVersion(`Booking ${b!.number}`, { number: b!.number, currentVersion: b!.version })
        : staleVersion(`Booking ${b!.number}`, { number: b!.number, expectedVersion: r.expectedVersion, currentVersion: b!.version, stage: b!.stage });
    case 'stage':
      if (command === 'assign') return new DomainError('conflict', `Booking ${b!.number} is ${b!.stage}: it can no longer be assigned`, { number: b!.number, stage: b!.stage });
      return new DomainError('conflict', `Booking ${b!.number} is ${b!.stage}: it cannot move to ${r.to}`, { number: b!.number, stage: b!.stage, to: r.to, allowedMoves: r.allowedMoves });
    case 'unknown_stage':
      return validationFailed(`No stage ${r.to} in this org's pipeline`, [{ path: 'to', message: `Unknown stage ${r.to}` }]);
    case 'reason_required':
      return validationFailed(`Moving to ${r.to} needs a reason`, [{ path: 'reason', message: `Required when moving to ${r.to}` }]);
    case 'unknown_staff':
      return new DomainError('invalid_reference', 'No active staff member of this org has that id', [{ path: 'staffId', message: 'Unknown or inactive staff member' }]);
    default:
      return notFound('Booking', { number });
  }
}

/** The command's answer, or its refusal thrown as the API's error. */
export function accepted<T>(r: CommandResult<T>, number: string, command: Command): T {
  if (!r.ok) throw refusalError(r, number, command);
  return r;
}

/** Whoever called, an API key or a staff member signed in to the desk, as the actor of a booking command. */
export function commandActor(caller: Caller): BookingCommandActor {
  return caller.actor.type === 'staff'
    ? { type: 'staff', staffId: caller.actor.id, role: caller.role as StaffRole }
    : { type: 'integration', apiKeyId: caller.actor.id, role: caller.role, staffId: caller.staffId };
}
