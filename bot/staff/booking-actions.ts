import type { ActionTable } from './staff-actions.ts';

/** Card buttons on a booking: Take, Confirm, Propose another time, Decline. */
export const bookingActions: ActionTable = {};
