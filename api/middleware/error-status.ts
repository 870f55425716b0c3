import type { ErrorCode } from '../../core/errors/index.ts';

/** The one table from domain error codes to HTTP statuses. */
export const httpStatusOf: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_body: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  stale_version: 409,
  invalid_reference: 422,
  idempotency_key_reused: 422,
  session_full: 409,
  offer_expired: 409,
  slot_full: 409,
  no_credit: 409,
  insufficient_balance: 409,
  rate_limited: 429,
  unavailable: 503,
  bad_gateway: 502,
  internal: 500,
};
