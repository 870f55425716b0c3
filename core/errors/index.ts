export * from './domain-errors.ts';
export { translateDbError, isUniqueViolation, isCheckViolation, databaseOutageReason, databaseUnavailable, DATABASE_RETRY_AFTER_SECONDS } from './sqlstate.ts';
