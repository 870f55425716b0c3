import { enrolFromMessage } from '../staff/enrolment.ts';
import { routeStaffMessage } from '../staff/staff-router.ts';
import { routeCustomerMessage, type RouterDeps } from './customer-router.ts';
import { casesHereRule, type ContextDeps } from './customer-context.ts';
import { loadIncomingMessage as loadMessage, type IncomingMessage, type IncomingReadRules } from '../../core/conversations/incoming-message.ts';
import { staffByLineUserSql } from '../../core/staff/staff-desk.ts';
import { noticesSeenSql } from '../../core/contacts/consent.ts';

/**
 * Step 3 of DESIGN.md section 2 for a message someone sent: loaded once, then offered to each
 * route in turn. A staff member's enrolment code (1:1 or in a group) comes before anything else;
 * then the staff desk (taps, group messages, staff commands: bot/staff/staff-router.ts); what is
 * left is a customer's, for the customer dialogue. Each route claims the message in the
 * transaction that acts on it, so a job delivered twice acts once.
 *
 * The conversation's earlier messages still waiting for their routing (one whose routing failed
 * waits for its retry) are routed first, in the customer's order: a complaint is read before the
 * "hello?" that followed it. Their own jobs then find them claimed. One that fails again is left
 * to its own retry rather than holding this one back.
 */
export async function routeMessage(deps: RouterDeps, messageId: string, read?: IncomingMessage): Promise<{ decision: string }> {
  // Read already when it was stored in this transaction, by the same rules (`ROUTING_READ`).
  const message = read ?? (await loadIncomingMessage(deps.knex, messageId));
  if (!message?.waitingBefore.length) return routeLoaded(deps, message);
  for (const earlier of message.waitingBefore) {
    try {
      await routeLoaded(deps, await loadIncomingMessage(deps.knex, earlier));
    } catch {
      break;
    }
  }
  // Read again: the earlier ones changed the conversation (its dialogue, who holds it).
  return routeLoaded(deps, await loadIncomingMessage(deps.knex, messageId));
}

/**
 * How the router reads a message: with its sender's staff row (bot/staff/staff-scene.ts) and the
 * privacy notice's versions its contact saw, in the same statement.
 */
export const ROUTING_READ: IncomingReadRules = { senderStaff: staffByLineUserSql, noticesSeen: noticesSeenSql };

/** The same, and the customer's cases the message may be about (customer-context.ts `casesHereRule`): for the statement that stores it. */
export async function routingReadFor(deps: ContextDeps, orgId: string): Promise<IncomingReadRules> {
  return { ...ROUTING_READ, cases: await casesHereRule(deps, orgId) };
}
const loadIncomingMessage = (db: RouterDeps['knex'], id: string) => loadMessage(db, id, ROUTING_READ);

async function routeLoaded(deps: RouterDeps, message: IncomingMessage | undefined): Promise<{ decision: string }> {
  if (!message) return { decision: 'skipped: nothing to route' };
  const enrolment = await enrolFromMessage(deps, message);
  if (enrolment.handled) return { decision: enrolment.outcome };
  const staff = await routeStaffMessage(deps, message);
  if (staff.handled) return { decision: staff.outcome };
  return routeCustomerMessage(deps, message);
}
