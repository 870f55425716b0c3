import type { Knex } from 'knex';
import { queueMessages } from '../core/conversations/outgoing.ts';
import type { Language } from '../core/models/vocabulary.ts';
import { hashEnrolmentCode, readEnrolmentCode, redeemEnrolmentCode } from '../core/staff/enrolment.ts';
import { renderTemplate } from '../core/templates/render-template.ts';

/**
 * A LINE user sends their enrolment code to the bot, 1:1 or in a group: the first thing the
 * router looks at. A message whose whole text is a code links the sender to the staff member
 * (answered with `staff_enrolment_ok`); a wrong, used or expired code gets `staff_enrolment_failed`.
 * Everything else is left to the router (`handled: false`).
 */
const ROLE_LABELS: Record<Language, Record<string, string>> = {
  th: { support: 'ฝ่ายบริการลูกค้า', manager: 'ผู้จัดการ', admin: 'ผู้ดูแลระบบ', ceo: 'ผู้บริหาร' },
  en: { support: 'support', manager: 'manager', admin: 'admin', ceo: 'CEO' },
};

export async function enrolFromMessage(
  deps: { knex: Knex; now?: () => Date },
  messageId: string,
): Promise<{ handled: false } | { handled: true; outcome: string }> {
  const m = await deps.knex('messages').where({ id: messageId }).first();
  if (!m || m.routed_at || m.direction !== 'in' || m.sender_type !== 'customer' || m.kind !== 'text') return { handled: false };
  if (m.payload?.mode === 'standby') return { handled: false };
  const read = readEnrolmentCode(m.text);
  const lineUserId: string | null = m.payload?.senderId ?? null;
  if (!read || !lineUserId) return { handled: false };
  const channel = await deps.knex('conversations')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .select('channels.kind', 'channels.id')
    .where('conversations.id', m.conversation_id)
    .first();
  if (channel?.kind !== 'line') return { handled: false };
  // Without its hyphen, eight letters and digits may be an order id: only a known code is taken.
  if (!read.distinctive) {
    const known = await deps.knex('staff').select('id').where({ org_id: m.org_id, enrolment_code_hash: hashEnrolmentCode(read.code) }).first();
    if (!known) return { handled: false };
  }
  const now = deps.now?.() ?? new Date();

  const outcome = await deps.knex.transaction(async (trx) => {
    const claimed = await trx('messages').where({ id: messageId }).whereNull('routed_at').update({ routed_at: trx.fn.now() });
    if (!claimed) return 'already routed';
    const result = await redeemEnrolmentCode(trx, { orgId: m.org_id, code: read.code, lineUserId, now });
    let text: string | undefined;
    if (result.ok) {
      const language = result.staff.language as Language;
      text = await renderTemplate(trx, m.org_id, 'staff_enrolment_ok', language, {
        name: result.staff.displayName,
        role: ROLE_LABELS[language]?.[result.staff.role] ?? result.staff.role,
      });
    } else {
      const contact = await trx('contact_identities')
        .join('contacts', 'contacts.id', 'contact_identities.contact_id')
        .select('contacts.language')
        .where({ 'contact_identities.channel_id': channel.id, 'contact_identities.external_id': lineUserId })
        .first();
      text = await renderTemplate(trx, m.org_id, 'staff_enrolment_failed', (contact?.language ?? 'th') as Language);
    }
    if (text) {
      await queueMessages(trx, {
        orgId: m.org_id,
        conversationId: m.conversation_id,
        messages: [{ kind: 'text', text }],
        senderType: 'bot',
        replyToEventId: m.inbound_event_id ?? undefined,
      });
    }
    return result.ok ? 'staff enrolled' : `enrolment refused: ${result.reason}`;
  });
  return { handled: true, outcome };
}
