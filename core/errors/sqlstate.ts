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

export function translateDbError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
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
    case '57P01':
    case '57P03':
    case '08000':
    case '08003':
    case '08006':
      return new DomainError('unavailable', 'The database is not reachable', undefined, { cause: err });
    default:
      return err;
  }
}

/** True when `err` is a unique violation on the named constraint (or any, when none is named). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = unwrap(err);
  return isPgError(pg) && pg.code === '23505' && (!constraint || pg.constraint === constraint);
}
