import type { StaffDeps, StaffScene } from './staff-scene.ts';

/** A message from the provider's side in a provider group: onto the case it is about. */
export async function handleProviderMessage(_deps: StaffDeps, _scene: StaffScene): Promise<string | undefined> {
  return undefined;
}
