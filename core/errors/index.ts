export * from './domain-errors.ts';
export { translateDbError, isUniqueViolation } from './sqlstate.ts';
