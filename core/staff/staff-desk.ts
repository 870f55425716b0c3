import type { Knex } from 'knex';
import { openConversation } from '../conversations/conversation-log.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import type { CaseCategory, Language, Severity, StaffGroupPurpose, StaffRole } from '../vocabulary.ts';

/**
 * Who is who on the staff side, and the two ways the bot talks to staff: into a LINE group, and
 * 1:1 to a staff member. Every staff-desk feature (cards, relays, alerts, set-up) goes through here.
 */
type Db = Knex | Knex.Transaction;

/** What staff-desk work needs, in the bot's router and in the staff worker alike. */
export interface StaffDeps {
  knex: Knex;
  /** Signs and checks staff action tokens (core/staff/action-tokens.ts, deriveActionKey). */
  actionKey: Buffer;
  /** Where customers reach the api (tracking links, media links). */
  publicBaseUrl: () => string;
  /** Signs the links to stored media that the api serves (api/public/media-routes.ts). */
  mediaLinkKey: Buffer;
  now?: () => Date;
}

export interface StaffMemberRef {
  id: string;
  orgId: string;
  displayName: string;
  role: StaffRole;
  language: Language;
  lineUserId: string;
  /** The LINE channel they enrolled on: the only one they are known on, and where their direct messages go. */
  lineChannelId: string;
}

/** Which cases and bookings a staff group is shown: every filter that is set must match. */
export interface StaffGroupRouting {
  caseTypes?: string[];
  categories?: CaseCategory[];
  severities?: Severity[];
  languages?: string[];
  providers?: string[];
  vip?: boolean;
  bookings?: boolean;
  services?: string[];
}

export interface StaffGroupRef {
  id: string;
  orgId: string;
  channelId: string;
  lineGroupId: string;
  purpose: StaffGroupPurpose;
  name: string | null;
  isActive: boolean;
  routing: StaffGroupRouting;
  contactId: string | null;
  providerId: string | null;
  language: Language;
}

const staffColumns = ['id', 'org_id', 'display_name', 'role', 'language', 'line_user_id', 'line_channel_id'];
const toStaff = (r: Record<string, any>): StaffMemberRef => ({
  id: r.id,
  orgId: r.org_id,
  displayName: r.display_name,
  role: r.role,
  language: r.language,
  lineUserId: r.line_user_id,
  lineChannelId: r.line_channel_id,
});

/**
 * The active staff member of this org enrolled as this LINE user on this channel. Staff of another
 * org are nobody here, and so is the same user id arriving on another channel: a LINE user id is
 * only as good as the channel that vouches for it (the chat simulator's can say anything).
 */
export async function staffByLineUser(
  db: Db,
  orgId: string,
  channelId: string,
  lineUserId: string | null | undefined,
): Promise<StaffMemberRef | undefined> {
  if (!lineUserId) return undefined;
  const { rows } = await db.raw<{ rows: { staff: Record<string, unknown> | null }[] }>(`SELECT ${staffByLineUserSql('?::uuid', '?::uuid', '?')} AS staff`, [orgId, channelId, lineUserId]);
  return rows[0].staff ? toStaff(rows[0].staff) : undefined;
}

/**
 * `staffByLineUser` as a sub-select, for the statement that reads a message anyway
 * (core/conversations/incoming-message.ts): the staff member as JSON, or null, by the same rule (this
 * org, the channel they enrolled on, active). Every 1:1 message asks, and this is a statement fewer.
 * The three arguments are SQL expressions of the outer statement.
 */
export function staffByLineUserSql(org: string, channel: string, lineUserId: string): string {
  return `(SELECT json_build_object(${staffColumns.map((c) => `'${c}', s.${c}`).join(', ')}) FROM staff s
            WHERE s.org_id = ${org} AND s.line_channel_id = ${channel} AND s.line_user_id = ${lineUserId} AND s.is_active LIMIT 1)`;
}

/** A row of `staffByLineUserSql`. */
export const staffFromRow = (row: Record<string, unknown>): StaffMemberRef => toStaff(row);

export async function staffById(db: Db, orgId: string, id: string): Promise<StaffMemberRef | undefined> {
  const row = await db('staff').select(staffColumns).where({ org_id: orgId, id, is_active: true }).first();
  return row ? toStaff(row) : undefined;
}

/** The active managers and admins who can be written to in LINE (enrolled in a 1:1 chat). */
export async function managersInLine(db: Db, orgId: string): Promise<StaffMemberRef[]> {
  const rows = await db('staff').select(staffColumns).where({ org_id: orgId, is_active: true }).whereIn('role', ['manager', 'admin']).whereNotNull('line_user_id').whereNotNull('line_channel_id').orderBy('display_name');
  return rows.map(toStaff);
}

/** A staff member's name, active or not (the owner of a case may have left since). */
export async function staffName(db: Db, staffId: string): Promise<string | undefined> {
  const row = await db('staff').select('display_name').where({ id: staffId }).first();
  return row?.display_name;
}

/** Who works cases and bookings (support, managers, admins), active, by name: whom the desk offers a hand-over to. */
export async function staffWhoWork(db: Db, orgId: string): Promise<{ id: string; name: string; role: string }[]> {
  return db('staff').select('id', 'display_name as name', 'role').where({ org_id: orgId, is_active: true }).whereIn('role', ['support', 'manager', 'admin']).orderBy('display_name');
}

/** Whom a manager may hand a case to in LINE: active staff linked to LINE who work cases, by name, but `except` (the owner). */
export async function staffToAssign(db: Db, orgId: string, o: { except?: string | null; limit: number }): Promise<{ id: string; name: string }[]> {
  const rows: { id: string; display_name: string }[] = await db('staff')
    .select('id', 'display_name')
    .where({ org_id: orgId, is_active: true })
    .whereNotNull('line_user_id')
    .whereIn('role', ['support', 'manager', 'admin'])
    .modify((q) => (o.except ? q.whereNot({ id: o.except }) : q))
    .orderBy('display_name')
    .limit(o.limit);
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

export function toStaffGroup(r: Record<string, any>): StaffGroupRef {
  return {
    id: r.id,
    orgId: r.org_id,
    channelId: r.channel_id,
    lineGroupId: r.line_group_id,
    purpose: r.purpose,
    name: r.name,
    isActive: r.is_active,
    routing: r.routing ?? {},
    contactId: r.contact_id,
    providerId: r.provider_id,
    language: r.language,
  };
}

/** The group record behind a group conversation (active or not), if the bot knows it as a staff group. */
export async function staffGroupOfConversation(db: Db, conversationId: string): Promise<StaffGroupRef | undefined> {
  const row = await db('staff_groups')
    .join('conversations', function () {
      this.on('conversations.channel_id', 'staff_groups.channel_id').andOn('conversations.external_id', 'staff_groups.line_group_id');
    })
    .select('staff_groups.*')
    .where('conversations.id', conversationId)
    .first();
  return row ? toStaffGroup(row) : undefined;
}

/**
 * Posts into a group. Without a reply token the messages wait a moment to be combined with
 * whatever else is posted there (outgoing.ts, GROUP_PUSH_WINDOW_MS), unless `atOnce` (they then go
 * now, with whatever is pending there); a group the bot has left gets nothing.
 */
export async function postToGroup(
  trx: Knex.Transaction,
  group: StaffGroupRef,
  messages: OutboundMessage[],
  o: { caseId?: string; bookingId?: string; aboutConversationId?: string; replyToEventId?: number; now?: Date; atOnce?: boolean } = {},
): Promise<{ conversationId: string; messageIds: string[] } | undefined> {
  if (!group.isActive || messages.length === 0) return undefined;
  return botSays(trx, { orgId: group.orgId, channelId: group.channelId, kind: 'group', externalId: group.lineGroupId }, messages, { ...o, combine: true });
}

/**
 * Pushes to a staff member's 1:1 chat with the bot, on the LINE channel they enrolled on (their
 * LINE user id means them only there); nothing when that channel is inactive (the chat
 * simulator's, while it is off).
 */
export async function postToStaffMember(
  trx: Knex.Transaction,
  staff: StaffMemberRef,
  messages: OutboundMessage[],
  o: { caseId?: string; bookingId?: string; replyToEventId?: number } = {},
): Promise<{ conversationId: string; messageIds: string[] } | undefined> {
  if (!staff.lineChannelId) return undefined;
  const channel = await trx('channels').select('id').where({ id: staff.lineChannelId, org_id: staff.orgId, kind: 'line', is_active: true }).first();
  if (!channel || messages.length === 0) return undefined;
  return botSays(trx, { orgId: staff.orgId, channelId: channel.id, kind: 'direct', externalId: staff.lineUserId }, messages, o);
}

/** The bot's messages to staff, queued in its conversation with them (opened the first time). */
async function botSays(
  trx: Knex.Transaction,
  to: { orgId: string; channelId: string; kind: 'group' | 'direct'; externalId: string },
  messages: OutboundMessage[],
  o: { caseId?: string; bookingId?: string; aboutConversationId?: string; replyToEventId?: number; combine?: boolean; atOnce?: boolean; now?: Date },
): Promise<{ conversationId: string; messageIds: string[] }> {
  const conversationId = await openConversation(trx, { ...to, contactId: null });
  const { messageIds } = await queueMessages(trx, { orgId: to.orgId, conversationId, messages, senderType: 'bot', ...o });
  return { conversationId, messageIds };
}
