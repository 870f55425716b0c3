import type { ActionTable } from './staff-actions.ts';

/** Card buttons on a case: Take, the working statuses, Resolve with a root cause. */
export const caseActions: ActionTable = {};
