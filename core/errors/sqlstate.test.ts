import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-errors.ts';
import { translateDbError } from './sqlstate.ts';

/** The database's own state (no connection free, disk full, gone) is a 503 to retry, never a 500. */
describe('translateDbError: the database cannot take the request now', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });
  const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const ended = new Error('insert into "inbound_events" ... - Connection terminated unexpectedly');
  const enospc = new Error('ENOSPC: no space left on device, write');

  it.each([
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already'), /53300/],
    ['53100 disk full', pgError('53100', 'could not extend file'), /disk is full/],
    ['57P01 admin shutdown', pgError('57P01'), /not reachable/],
    ['08006 connection failure', pgError('08006'), /not reachable/],
    ['pool acquire timeout', timeout, /no pooled connection/],
    ["a request's shorter wait for a connection", Object.assign(new Error("no pooled connection free within 3 s (this process's own queries hold them all)"), { name: 'PoolBusyError' }), /free within 3 s/],
    ['connection refused', refused, /ECONNREFUSED/],
    ['connection ended under a query', ended, /ended the connection/],
    ['embedded storage out of space', enospc, /disk is full/],
  ])('%s: unavailable, with a Retry-After', (_, err, reason) => {
    const out = translateDbError(err);
    expect(out).toBeInstanceOf(DomainError);
    expect((out as DomainError).code).toBe('unavailable');
    expect((out as DomainError).message).toMatch(reason);
    expect((out as DomainError).details).toEqual({ retryAfterSeconds: 5 });
  });

  it('leaves errors about the request alone', () => {
    expect((translateDbError(pgError('23505')) as DomainError).code).toBe('already_exists');
    const bug = new TypeError('x is undefined');
    expect(translateDbError(bug)).toBe(bug);
  });
});
