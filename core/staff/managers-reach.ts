import type { Knex } from 'knex';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../vocabulary.ts';
import { managersGroups } from './routing.ts';
import { managersInLine, postToGroup, postToStaffMember } from './staff-desk.ts';

/**
 * What the managers must hear (an escalation, a missed booking clock, a send that failed for good,
 * the daily digest) goes to the managers' groups. A new business often has none yet (the demo org
 * has none), and an escalation then reached nobody, silently. So when there is no managers' group,
 * it goes to each active manager and admin 1:1 in LINE. The recipients are returned, as timelines
 * record them; an empty list means nobody could be told, which the settings screen warns of
 * beforehand (`managersReach`).
 */
export type Recipient = { groupId: string } | { staffId: string };

export async function postToManagers(
  trx: Knex.Transaction,
  orgId: string,
  messages: (language: Language) => OutboundMessage[] | Promise<OutboundMessage[]>,
  /** `except`: a LINE group or user id not to post to (the chat a failed send was for: it could not be told). */
  o: { caseId?: string; bookingId?: string; except?: string } = {},
): Promise<Recipient[]> {
  const about = { caseId: o.caseId, bookingId: o.bookingId };
  const to: Recipient[] = [];
  const groups = await managersGroups(trx, orgId);
  for (const g of groups) {
    if (g.lineGroupId === o.except) continue;
    if (await postToGroup(trx, g, await messages(g.language), about)) to.push({ groupId: g.id });
  }
  if (groups.length > 0) return to;
  for (const m of await managersInLine(trx, orgId)) {
    if (m.lineUserId === o.except) continue;
    if (await postToStaffMember(trx, m, await messages(m.language), about)) to.push({ staffId: m.id });
  }
  return to;
}

/** Where the managers' alerts go today: their groups, else their 1:1 chats, else nowhere. */
export async function managersReach(db: Knex, orgId: string): Promise<{ via: 'groups' | 'people' | 'nowhere'; groups: string[]; people: string[] }> {
  const groups = await managersGroups(db, orgId);
  if (groups.length > 0) return { via: 'groups', groups: groups.map((g) => g.name ?? g.lineGroupId), people: [] };
  const people = await managersInLine(db, orgId);
  return { via: people.length > 0 ? 'people' : 'nowhere', groups: [], people: people.map((p) => p.displayName) };
}
