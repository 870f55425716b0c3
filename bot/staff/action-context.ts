import type { Knex } from 'knex';
import type { VerifiedAction } from '../../core/staff/action-tokens.ts';
import type { StaffMemberRef } from '../../core/staff/staff-desk.ts';
import type { StaffDeps, StaffScene } from './staff-scene.ts';

/**
 * What a tap's handler is given and answers (staff-actions.ts checks the tap, then runs the
 * handler of its action in one transaction). In a file of its own, so the handler tables
 * (case-actions.ts, booking-actions.ts, group-setup.ts) and the dispatcher do not import each other.
 */
export interface ActionContext {
  trx: Knex.Transaction;
  deps: StaffDeps;
  scene: StaffScene;
  staff: StaffMemberRef;
  token: VerifiedAction;
  /** The action's name (`case.take`) and its argument (`case.status:investigating` gives `investigating`). */
  name: string;
  arg: string | undefined;
  /** Date/time picker answers (`params.date`, `params.datetime`). */
  params: Record<string, string>;
  /** Spends the token's nonce; false when it was used before: the handler must then change nothing. */
  spend(): Promise<boolean>;
}

/** Returns an outcome for the logs and the job result (`taken`, `refused: role`...). */
export type ActionHandler = (ctx: ActionContext) => Promise<string>;
export type ActionTable = Record<string, ActionHandler>;
