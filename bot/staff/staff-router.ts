import { claimMessage } from '../../core/conversations/conversation-log.ts';
import type { IncomingMessage } from '../../core/conversations/incoming-message.ts';
import { handleGroupSetup } from './group-setup.ts';
import { handleNewCaseCommand } from './new-case-command.ts';
import { handleProviderMessage } from './provider-group.ts';
import { relayFromGroup } from './relay.ts';
import { handleStaffAction, isStaffAction } from './staff-actions.ts';
import { handleStaffCommand } from './staff-commands.ts';
import { loadStaffScene, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * The staff side of step 3 (DESIGN.md section 2), asked before the customer side: a staff tap
 * becomes a staff action; a message in a group is a set-up command, a provider's reply, a staff
 * member's command to open a case for a customer, or their reply to relay to a customer; a
 * staff member's 1:1 message is a command.
 * `handled: false` leaves the message to the customer side: someone who is not staff writing
 * 1:1, or a VIP customer writing in their own group.
 */
export type StaffRouting = { handled: false } | { handled: true; outcome: string };

export async function routeStaffMessage(deps: StaffDeps, message: IncomingMessage): Promise<StaffRouting> {
  const scene = await loadStaffScene(deps, message);
  if (isStaffAction(scene)) return { handled: true, outcome: await handleStaffAction(deps, scene) };
  if (scene.conversation.kind === 'group') {
    const outcome = await groupMessage(deps, scene);
    return outcome === undefined ? { handled: false } : { handled: true, outcome };
  }
  if (scene.staff) return { handled: true, outcome: await handleStaffCommand(deps, scene) };
  return { handled: false };
}

async function groupMessage(deps: StaffDeps, scene: StaffScene): Promise<string | undefined> {
  const setup = await handleGroupSetup(deps, scene);
  if (setup !== undefined) return setup;
  if (scene.group?.purpose === 'vip_customer' && scene.group.isActive && !scene.staff) return undefined;
  if (scene.group?.purpose === 'provider' && scene.group.isActive) {
    const provider = await handleProviderMessage(deps, scene);
    if (provider !== undefined) return provider;
  }
  // "/case 0812345678 ...": before the relay, whose `#C-000123 text` it may name as the customer.
  const opening = await handleNewCaseCommand(deps, scene);
  if (opening !== undefined) return opening;
  if (scene.staff) {
    const relayed = await relayFromGroup(deps, scene);
    if (relayed !== undefined) return relayed;
  }
  // Talk among the team: kept in the conversation, nothing to do.
  await deps.knex.transaction((trx) => claimMessage(trx, scene.message.id));
  return 'group conversation';
}
