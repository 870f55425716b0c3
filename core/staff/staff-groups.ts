import type { Knex } from 'knex';
import { createVipContact, markContactVip, replacePlaceholderName } from '../contacts/contact-profiles.ts';
import { openConversation } from '../conversations/conversation-log.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import type { Language, StaffGroupPurpose } from '../vocabulary.ts';
import { toStaffGroup, type StaffGroupRef, type StaffGroupRouting } from './staff-desk.ts';
import { fill, type Phrase } from './staff-phrases.ts';
import { catchUpGroup } from './group-catch-up.ts';

/**
 * The bot's presence in LINE groups. Joining records the group as `unassigned` until an admin
 * sets it up; leaving (or being removed) deactivates it, so nothing is routed to a group the bot
 * can no longer post to.
 */
export async function groupJoined(trx: Knex.Transaction, g: { orgId: string; channelId: string; groupId: string; at: Date }): Promise<void> {
  await trx.raw(
    `INSERT INTO staff_groups (org_id, channel_id, line_group_id, purpose, is_active, joined_at)
     VALUES (?, ?, ?, 'unassigned', true, ?)
     ON CONFLICT (channel_id, line_group_id) DO UPDATE SET is_active = true, joined_at = EXCLUDED.joined_at, left_at = NULL
       WHERE staff_groups.left_at IS NULL OR staff_groups.left_at < EXCLUDED.joined_at`,
    [g.orgId, g.channelId, g.groupId, g.at],
  );
}

export async function groupLeft(trx: Knex.Transaction, g: { orgId: string; channelId: string; groupId: string; at: Date }): Promise<void> {
  // Events can arrive out of order: a leave older than the last join changes nothing, and a leave
  // seen before its join is kept so that the late join does not bring the group back.
  await trx.raw(
    `INSERT INTO staff_groups (org_id, channel_id, line_group_id, purpose, is_active, left_at)
     VALUES (?, ?, ?, 'unassigned', false, ?)
     ON CONFLICT (channel_id, line_group_id) DO UPDATE SET is_active = false, left_at = EXCLUDED.left_at
       WHERE staff_groups.joined_at IS NULL OR staff_groups.joined_at < EXCLUDED.left_at`,
    [g.orgId, g.channelId, g.groupId, g.at],
  );
}

// ---------------------------------------------------------------- set-up

type Db = Knex | Knex.Transaction;

/** The name a VIP group's contact gets until LINE tells the group's name (bot/line/line-profiles.ts renames it then). */
export const VIP_GROUP_DEFAULT_NAME = 'VIP group';

export type GroupPurpose = Exclude<StaffGroupPurpose, 'unassigned'>;
export const GROUP_PURPOSES: readonly GroupPurpose[] = ['support', 'managers', 'vip_customer', 'provider', 'sales'];

/**
 * What a set-up writes, from the quick replies in the group or from the admin API. Absent fields
 * keep their value. A provider belongs to provider groups only and a contact to VIP customers'
 * groups only: choosing another purpose lets go of them.
 */
export interface GroupSettings {
  purpose?: GroupPurpose;
  routing?: StaffGroupRouting;
  language?: Language;
  providerId?: string | null;
  contactId?: string | null;
}

/** Keys in a routing that the org does not have: refused, since a typo would silently route nothing. */
export async function unknownRoutingKeys(db: Db, orgId: string, r: StaffGroupRouting): Promise<Record<string, string[]>> {
  const missing = async (table: string, keys: string[] | undefined) => {
    if (!keys?.length) return [];
    const known: string[] = await db(table).where({ org_id: orgId }).whereIn('key', keys).pluck('key');
    return keys.filter((k) => !known.includes(k));
  };
  const [caseTypes, services, providers] = await Promise.all([
    missing('case_types', r.caseTypes),
    missing('services', r.services),
    missing('providers', r.providers),
  ]);
  return Object.fromEntries(Object.entries({ caseTypes, services, providers }).filter(([, v]) => v.length > 0));
}

export async function applyGroupSettings(trx: Knex.Transaction, orgId: string, groupId: string, s: GroupSettings): Promise<StaffGroupRef> {
  const row = await trx('staff_groups').where({ id: groupId, org_id: orgId }).forUpdate().first();
  if (!row) throw notFound('Staff group', { id: groupId });
  const group = toStaffGroup(row);
  const purpose = s.purpose ?? group.purpose;
  const routing = s.routing ?? group.routing;
  const unknown = await unknownRoutingKeys(trx, orgId, routing);
  if (Object.keys(unknown).length > 0) throw validationFailed('The routing names keys this org does not have', unknown);
  if (s.providerId && purpose !== 'provider') throw validationFailed('Only a provider group has a provider', { purpose });
  if (s.contactId && purpose !== 'vip_customer') throw validationFailed("Only a VIP customer's group has a contact", { purpose });

  let providerId: string | null = null;
  if (purpose === 'provider') {
    providerId = s.providerId !== undefined ? s.providerId : group.providerId;
    if (!providerId) throw validationFailed('A provider group needs its provider (providerId)');
    if (!(await trx('providers').where({ id: providerId, org_id: orgId }).first('id'))) throw validationFailed('No such provider in this org', { providerId });
  }
  let contactId: string | null = null;
  if (purpose === 'vip_customer') {
    contactId = s.contactId !== undefined ? s.contactId : group.contactId;
    if (contactId) {
      if (!(await markContactVip(trx, orgId, contactId))) throw validationFailed('No such contact in this org', { contactId });
    } else {
      // The group itself is the customer: its messages open cases as this contact.
      contactId = await createVipContact(trx, { orgId, displayName: group.name ?? VIP_GROUP_DEFAULT_NAME, language: s.language ?? group.language });
    }
  }
  const [updated] = await trx('staff_groups')
    .where({ id: groupId })
    .update({
      purpose,
      routing: JSON.stringify(routing),
      language: s.language ?? group.language,
      provider_id: providerId,
      contact_id: contactId,
    })
    .returning('*');
  const after = toStaffGroup(updated);
  // Open cases opened before the group was theirs: one message, in this transaction.
  await catchUpGroup(trx, group, after);
  return after;
}

// ---------------------------------------------------------------- what the bot says about a group


export const PURPOSE_NAMES: Record<StaffGroupPurpose, Phrase> = {
  unassigned: { th: 'ยังไม่ได้ตั้งค่า', en: 'not set up' },
  support: { th: 'ทีมซัพพอร์ต', en: 'Support team' },
  managers: { th: 'ผู้จัดการ', en: 'Managers' },
  vip_customer: { th: 'กลุ่มลูกค้า VIP', en: 'VIP customer' },
  provider: { th: 'กลุ่มผู้ให้บริการ', en: 'Provider' },
  sales: { th: 'ฝ่ายขาย/คอนเซียร์จ', en: 'Sales / concierge' },
};

const SAY = {
  greeting: {
    th: "สวัสดีค่ะ บอทของทีมงานเองค่ะ จะส่งเคส การจอง และการแจ้งเตือนเข้ากลุ่มนี้ตามที่ตั้งค่าไว้\nผู้ดูแลระบบหรือผู้จัดการ: ส่ง 'ตั้งค่า' (setup) เพื่อเลือกว่ากลุ่มนี้ใช้ทำอะไรค่ะ\nผู้ที่ยังไม่ได้ลงทะเบียนเป็นเจ้าหน้าที่อ่านได้ แต่ยังกดทำรายการไม่ได้ค่ะ",
    en: "Hello, I am the team's desk bot: I post cases, bookings and alerts in this group as it is set up.\nAn admin or manager: send 'setup' (ตั้งค่า) to choose what this group is for.\nPeople not enrolled as staff can read but cannot act.",
  },
  back: { th: 'กลับมาแล้วค่ะ ใช้การตั้งค่าเดิมของกลุ่มนี้', en: 'Back in this group, with its earlier settings.' },
  setupLabel: { th: 'ตั้งค่า', en: 'Setup' },
  purpose: { th: 'กลุ่มนี้: ', en: 'This group: ' },
  allCases: { th: 'เคสทุกประเภท', en: 'cases of every type' },
  casesOf: { th: 'เคสประเภท: ', en: 'cases of type: ' },
  severities: { th: ' (ความรุนแรง: ', en: ' (severity: ' },
  managers: { th: 'การยกระดับเคส การแจ้งเตือน และสรุปประจำวัน', en: 'escalations, alerts and the daily digest' },
  vip: {
    th: 'ข้อความของสมาชิกที่ไม่ใช่เจ้าหน้าที่เป็นข้อความของลูกค้า {name}: เปิดและติดตามเคสในกลุ่มนี้ และแจ้งความคืบหน้าที่นี่',
    en: "messages from members who are not staff are the customer {name}'s: they open and continue cases here, and updates are posted here",
  },
  provider: { th: 'เคสที่รอ {name} ตรวจสอบ ตอบกลับโดยอ้างอิงข้อความของเคสได้เลยค่ะ', en: 'cases waiting on {name}; their replies (quoting a case message) go on the case' },
  allBookings: { th: 'คำขอจองทุกบริการ', en: 'booking requests for every service' },
  bookingsOf: { th: 'คำขอจองบริการ: ', en: 'booking requests for: ' },
  routed: { th: 'ส่งมาที่นี่: ', en: 'Routed here: ' },
  language: { th: 'ภาษา: ไทย', en: 'Language: English' },
  nothing: { th: "ยังไม่มีอะไรส่งมาที่นี่ ส่ง 'ตั้งค่า' เพื่อเริ่มค่ะ", en: "Nothing is routed here yet. Send 'setup' to begin." },
} satisfies Record<string, Phrase>;


/** What a group is for and what reaches it, in a few lines of its language: the end of every set-up. */
export async function describeGroup(db: Db, group: StaffGroupRef, language: Language = group.language): Promise<string> {
  if (group.purpose === 'unassigned') return SAY.nothing[language];
  const name = (row: { name_th: string; name_en: string }) => (language === 'th' ? row.name_th : row.name_en);
  const r = group.routing;
  let routed: string;
  switch (group.purpose) {
    case 'support':
    case 'managers': {
      const types = r.caseTypes?.length
        ? (await db('case_types').where({ org_id: group.orgId }).whereIn('key', r.caseTypes).orderBy('sort_order')).map(name)
        : [];
      const cases = types.length ? SAY.casesOf[language] + types.join(', ') : SAY.allCases[language];
      const severity = r.severities?.length ? `${SAY.severities[language]}${r.severities.join(', ')})` : '';
      routed = group.purpose === 'managers' && !types.length && !severity ? SAY.managers[language] : cases + severity;
      break;
    }
    case 'sales': {
      const services = r.services?.length ? (await db('services').where({ org_id: group.orgId }).whereIn('key', r.services).orderBy('sort_order')).map(name) : [];
      routed = services.length ? SAY.bookingsOf[language] + services.join(', ') : SAY.allBookings[language];
      break;
    }
    case 'vip_customer': {
      const contact = group.contactId ? await db('contacts').select('display_name').where({ id: group.contactId }).first() : undefined;
      routed = fill(SAY.vip[language], { name: contact?.display_name ?? 'VIP' });
      break;
    }
    case 'provider': {
      const provider = group.providerId ? await db('providers').select('name').where({ id: group.providerId }).first() : undefined;
      routed = fill(SAY.provider[language], { name: provider?.name ?? '?' });
      break;
    }
  }
  return `${SAY.purpose[language]}${PURPOSE_NAMES[group.purpose][language]}\n${SAY.routed[language]}${routed}\n${SAY.language[language]}`;
}

/**
 * The bot was added to a group: it says, with the join's reply token (free of quota), what it is
 * and how to set it up; a group it comes back to keeps its settings and says so.
 */
export async function greetJoinedGroup(trx: Knex.Transaction, g: { orgId: string; channelId: string; groupId: string; inboundEventId: number }): Promise<void> {
  const row = await trx('staff_groups').where({ channel_id: g.channelId, line_group_id: g.groupId }).first();
  // A join older than a leave seen since changed nothing: the bot is not in the group.
  if (!row?.is_active) return;
  const group = toStaffGroup(row);
  const conversationId = await openConversation(trx, { orgId: g.orgId, channelId: g.channelId, kind: 'group', externalId: g.groupId, contactId: null });
  const text =
    group.purpose === 'unassigned'
      ? `${SAY.greeting.th}\n\n${SAY.greeting.en}`
      : `${SAY.back[group.language]}\n${await describeGroup(trx, group)}`;
  const label = SAY.setupLabel[group.language];
  await queueMessages(trx, {
    orgId: g.orgId,
    conversationId,
    messages: [{ kind: 'text', text, quickReplies: [{ type: 'message', label, text: label }] }],
    senderType: 'bot',
    replyToEventId: g.inboundEventId,
  });
}

/**
 * A group's name as LINE has it; a VIP customer's group whose contact still bears the set-up's
 * default name gives its name to the contact. False when the group is not recorded.
 */
export async function renameStaffGroup(trx: Knex.Transaction, g: { channelId: string; lineGroupId: string; name: string }): Promise<boolean> {
  const [group] = await trx('staff_groups').where({ channel_id: g.channelId, line_group_id: g.lineGroupId }).update({ name: g.name }).returning(['contact_id', 'purpose']);
  if (!group) return false;
  if (group.purpose === 'vip_customer' && group.contact_id) await replacePlaceholderName(trx, group.contact_id, VIP_GROUP_DEFAULT_NAME, g.name);
  return true;
}

/** One person known twice became one contact: a VIP group of theirs follows (core/contacts/merge-contacts.ts). */
export async function moveGroupsToContact(trx: Knex.Transaction, m: { orgId: string; keepId: string; mergeId: string; only?: string[] }): Promise<string[]> {
  // On a merge every row of the merged contact; on its undo only the rows the merge moved (`only`).
  const q = trx('staff_groups').where({ org_id: m.orgId, contact_id: m.mergeId });
  if (m.only) q.whereIn('id', m.only);
  return (await q.update({ contact_id: m.keepId }).returning('id')).map((r: { id: string }) => r.id);
}
