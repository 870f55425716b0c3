import type { StaffDeps, StaffScene } from './staff-scene.ts';

/** A staff member's quote-reply to a case message, or `#C-000123 text`, relayed to the customer. */
export async function relayFromGroup(_deps: StaffDeps, _scene: StaffScene): Promise<string | undefined> {
  return undefined;
}
