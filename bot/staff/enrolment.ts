import { claimMessage } from '../../core/conversations/conversation-log.ts';
import type { Knex } from 'knex';
import type { IncomingMessage } from '../../core/conversations/incoming-message.ts';
import { identityLanguage } from '../../core/contacts/contact-identities.ts';
import { queueMessages } from '../../core/conversations/outgoing.ts';
import type { Language } from '../../core/vocabulary.ts';
import { isEnrolmentCodeHeld, readEnrolmentCode, redeemEnrolmentCode } from '../../core/staff/enrolment.ts';
import { renderTemplate } from '../../core/templates/render-template.ts';

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
  m: IncomingMessage,
): Promise<{ handled: false } | { handled: true; outcome: string }> {
  if (m.kind !== 'text' || m.conversation.channelKind !== 'line') return { handled: false };
  const read = readEnrolmentCode(m.text);
  const lineUserId = m.senderLineUserId;
  if (!read || !lineUserId) return { handled: false };
  // Without its hyphen, eight letters and digits may be an order id: only a known code is taken.
  if (!read.distinctive) {
    if (!(await isEnrolmentCodeHeld(deps.knex, m.orgId, read.code))) return { handled: false };
  }
  const now = deps.now?.() ?? new Date();

  const outcome = await deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, m.id))) return 'already routed';
    const result = await redeemEnrolmentCode(trx, { orgId: m.orgId, code: read.code, lineUserId, channelId: m.conversation.channelId, now });
    let text: string | undefined;
    if (result.ok) {
      const language = result.staff.language as Language;
      text = await renderTemplate(trx, m.orgId, 'staff_enrolment_ok', language, {
        name: result.staff.displayName,
        role: ROLE_LABELS[language]?.[result.staff.role] ?? result.staff.role,
      });
    } else {
      text = await renderTemplate(trx, m.orgId, 'staff_enrolment_failed', await identityLanguage(trx, { channelId: m.conversation.channelId, externalId: lineUserId }));
    }
    if (text) {
      await queueMessages(trx, {
        orgId: m.orgId,
        conversationId: m.conversation.id,
        messages: [{ kind: 'text', text }],
        senderType: 'bot',
        replyToEventId: m.inboundEventId ?? undefined,
      });
    }
    return result.ok ? 'staff enrolled' : `enrolment refused: ${result.reason}`;
  });
  return { handled: true, outcome };
}
