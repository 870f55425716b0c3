import type { ActionTable } from './staff-actions.ts';
import type { StaffDeps, StaffScene } from './staff-scene.ts';

/** Setting a group up from inside it, by quick replies: what it is for and what is routed to it. */
export const groupSetupActions: ActionTable = {};

/** A set-up command in a group; undefined when the message is not one. */
export async function handleGroupSetup(_deps: StaffDeps, _scene: StaffScene): Promise<string | undefined> {
  return undefined;
}
