import type { StaffDeps, StaffScene } from './staff-scene.ts';

/** A staff member's 1:1 chat with the bot: "my queue", a case by number, help. */
export async function handleStaffCommand(_deps: StaffDeps, _scene: StaffScene): Promise<string> {
  return 'not a command';
}
