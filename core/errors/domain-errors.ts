/**
 * The product's error vocabulary. Services throw these; the api maps each `code` to an HTTP
 * status in one table (api/middleware/error-status.ts) and shapes one body for all of them.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_body'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'already_exists'
  | 'stale_version'
  | 'invalid_reference'
  | 'idempotency_key_reused'
  // A session has fewer seats left than the booking asks for (core/bookings/service-sessions.ts).
  | 'session_full'
  // A waitlist offer answered after its time ran out (core/bookings/session-waitlist.ts).
  | 'offer_expired'
  // A slot of a service booked in slots has too few resources free (core/bookings/service-slots.ts).
  | 'slot_full'
  // A member's booking found no credit to pay with (core/members/booking-credits.ts): `details.reason`.
  | 'no_credit'
  // A member's wallet (or points) holds less than what is spent (core/members/).
  | 'insufficient_balance'
  | 'unavailable'
  // A platform we called refused what we sent (Stripe): not the caller's fault, not a retry.
  | 'bad_gateway'
  | 'internal';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const validationFailed = (message: string, details?: unknown) =>
  new DomainError('validation_failed', message, details);
export const notFound = (what: string, details?: unknown) =>
  new DomainError('not_found', `${what} not found`, details);
export const forbidden = (message: string, details?: unknown) =>
  new DomainError('forbidden', message, details);
export const unauthenticated = (message: string) => new DomainError('unauthenticated', message);
export const staleVersion = (what: string, details?: unknown) =>
  new DomainError('stale_version', `${what} was changed by someone else; reload and try again`, details);
