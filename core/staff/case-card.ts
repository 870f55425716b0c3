import type { Knex } from 'knex';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../models/vocabulary.ts';
import type { StaffDeps } from './staff-desk.ts';

/**
 * A case as staff see it in LINE: a Flex card with its number, type, severity, customer, summary,
 * order, amount, SLA due time and owner, and signed buttons for what can be done to it now.
 * Undefined when the case does not exist in this org.
 */
export async function buildCaseCard(
  _deps: StaffDeps,
  _db: Knex | Knex.Transaction,
  _c: { orgId: string; caseId: string; language: Language; now: Date },
): Promise<OutboundMessage | undefined> {
  return undefined;
}
