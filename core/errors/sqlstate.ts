import { DomainError } from './domain-errors.ts';

/**
 * The one translator from PostgreSQL SQLSTATE codes to domain errors. Services never parse driver
 * messages: a duplicate webhook delivery or a double tap surfaces as 23505 and is decided here.
 */
interface PgError {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
  message: string;
}

function isPgError(err: unknown): err is PgError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((err as { code: string }).code)
  );
}

/** Objection wraps driver errors (UniqueViolationError etc.) and keeps the original as `nativeError`. */
function unwrap(err: unknown): unknown {
  const native = (err as { nativeError?: unknown } | null)?.nativeError;
  return native ?? err;
}

/**
 * How long a caller is told to wait (Retry-After) when the database cannot take its request: long
 * enough not to hammer a server that is out of connections or disk, short enough that LINE's and
 * Twilio's redeliveries (which keep their own schedule) are not the only way back.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot take the request now, for a reason of its own (no connection free, disk
 * full, shutting down, unreachable): a 503 the caller can retry, never a 500 with a stack.
 * `reason` is what an operator reads in the log and in /readyz.
 */
export function databaseUnavailable(reason: string, cause: unknown): DomainError {
  return new DomainError('unavailable', `The database cannot take this request now: ${reason}`, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }, { cause });
}

/**
 * Why the database could not be used, when that is the database's state and not the request's
 * content; undefined otherwise. Covers SQLSTATE classes 08 (connection), 53 (insufficient
 * resources: 53300 too many connections, 53100 disk full) and 57P (shutting down), and the
 * failures that carry no SQLSTATE: the pool's acquire timeout (knex), a socket refused or reset,
 * a connection the server ended under a query (pg says "Connection terminated unexpectedly").
 */
export function databaseOutageReason(err: unknown): string | undefined {
  const e = unwrap(err) as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === '53300') return 'no connection free (53300 too many connections)';
  if (code === '53100') return 'its disk is full (53100)';
  if (code === '53200') return 'it is out of memory (53200)';
  if (/^53/.test(code)) return `it is short of resources (${code})`;
  if (/^08/.test(code) || /^57P0[1-5]$/.test(code)) return `not reachable (${code})`;
  if (e.name === 'KnexTimeoutError') return 'no pooled connection became free in time';
  // A request's shorter wait for a connection (core/db/request-wait.ts); its message says how long.
  if (e.name === 'PoolBusyError' && message) return message;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return `not reachable (${code})`;
  if (/Connection terminated|Connection ended unexpectedly/.test(message)) return 'the server ended the connection';
  // A write to DATA_DIR refused for space: the media store's file (ENOSPC), or PGlite's storage.
  if (/ENOSPC|no space left on device/i.test(code + ' ' + message)) return 'its disk is full (ENOSPC)';
  return undefined;
}

export function translateDbError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const outage = databaseOutageReason(err);
  if (outage) return databaseUnavailable(outage, err);
  const pg = unwrap(err);
  if (!isPgError(pg)) return err;
  const where = { table: pg.table, constraint: pg.constraint, column: pg.column };
  switch (pg.code) {
    case '23505':
      return new DomainError('already_exists', 'A record with the same unique value already exists', where, { cause: err });
    case '23503':
      return new DomainError('invalid_reference', 'A referenced record does not exist', where, { cause: err });
    case '23502':
      return new DomainError('validation_failed', `A required value is missing${pg.column ? `: ${pg.column}` : ''}`, where, { cause: err });
    case '23514':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return new DomainError('validation_failed', 'A value is out of range or of the wrong form', where, { cause: err });
    case '40001':
    case '40P01':
      return new DomainError('conflict', 'The change collided with a concurrent one; try again', where, { cause: err });
    case 'P0001':
      // Raised by our own triggers, e.g. an attempt to rewrite the append-only timeline.
      return new DomainError('conflict', pg.message, where, { cause: err });
    default:
      return err;
  }
}

/** True when `err` is a unique violation on the named constraint (or any, when none is named). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = unwrap(err);
  return isPgError(pg) && pg.code === '23505' && (!constraint || pg.constraint === constraint);
}

/** A CHECK refused the row (23514), optionally that one constraint (a ledger balance below zero). */
export function isCheckViolation(err: unknown, constraint?: string): boolean {
  const pg = unwrap(err);
  return isPgError(pg) && pg.code === '23514' && (!constraint || pg.constraint === constraint);
}
