import { caseToAnswer } from '../../core/cases/case-queries.ts';
import { claimMessage, storedMediaOf, subjectOfQuotedMessage } from '../../core/conversations/conversation-log.ts';
import { lastRepliedConversation } from '../../core/conversations/inbox-queries.ts';
import { staffActor, whoRefuses } from '../../core/cases/case-commands.ts';
import type { Language } from '../../core/vocabulary.ts';
import { formatNumber } from '../../core/org-counters.ts';
import { lastRepliedCase } from '../../core/cases/case-messages.ts';
import { ATTACHMENT_KINDS, type RelayedMessage } from '../../core/media/attachment-messages.ts';
import { replyToCustomer } from '../../core/staff/case-relay.ts';
import { staffName } from '../../core/staff/staff-desk.ts';
import { replyFromGroup } from './conversation-relay.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * A staff member talks to a case's customer from a LINE group, in one of two ways:
 *
 * - a quote-reply to a message the bot posted about a case (its card, a relayed customer
 *   message, a confirmation): the quoted message's `case_id` names the case;
 * - `#C-000123 text` (or `#c-123 text`): the `#` is required, so that team talk that merely
 *   starts with a case number ("C-000123 is odd, anyone?") never reaches a customer.
 *
 * A quote-reply to the bot's message about a customer conversation (a waiting customer's card, their
 * words relayed after it) answers that customer through the inbox (conversation-relay.ts).
 *
 * A file (image, video, audio, file) a staff member sends goes to the case or conversation they
 * quote, or else to the one they last replied to from this group within STAFF_FILE_WINDOW_MS
 * ("here is the receipt" right after the words). Any other file is team talk.
 *
 * Refused, answered and nothing recorded: a number that is not a case of this org, a closed case
 * (a resolved one may still be followed up), a case without a customer chat, a role that may not
 * reply (the CEO), support on someone else's case. Anything else is team talk: undefined.
 */
export const STAFF_FILE_WINDOW_MS = 10 * 60_000;

const ADDRESSED = /^\s*#\s*C-?(\d{1,9})(?!\d)[\s:,.\-–]*([\s\S]*)$/i;

/** `#C-000123 text` -> the case number, normalised (C-000123), and the text. */
export function parseAddressed(text: string): { number: string; text: string } | undefined {
  const m = ADDRESSED.exec(text);
  return m ? { number: formatNumber('case', Number(m[1])), text: m[2].trim() } : undefined;
}

const say = {
  sent: (n: string) => ({ th: `ส่งถึงลูกค้าแล้วค่ะ · ${n}`, en: `Sent to the customer · ${n}` }),
  noCase: (n: string) => ({ th: `ไม่พบเคส ${n} ค่ะ`, en: `No case ${n}` }),
  closed: (n: string) => ({ th: `เคส ${n} ปิดแล้ว ไม่ได้ส่งข้อความค่ะ`, en: `${n} is closed; nothing was sent.` }),
  noChat: (n: string) => ({ th: `เคส ${n} ไม่มีแชทของลูกค้าให้ตอบค่ะ`, en: `${n} has no customer chat to reply to; nothing was sent.` }),
  role: (n: string) => ({ th: `บทบาทของคุณตอบลูกค้าไม่ได้ ไม่ได้ส่งข้อความถึงลูกค้าเคส ${n} ค่ะ`, en: `Your role cannot reply to customers; nothing was sent on ${n}.` }),
  owner: (n: string, owner: string) => ({
    th: `เคส ${n} เป็นของคุณ${owner} ไม่ได้ส่งข้อความค่ะ ให้เจ้าของเคสหรือผู้จัดการตอบนะคะ`,
    en: `${n} is ${owner}'s case; nothing was sent. Ask them or a manager.`,
  }),
  empty: (n: string) => ({ th: `พิมพ์ข้อความต่อจากหมายเลขเคสค่ะ เช่น #${n} ข้อความถึงลูกค้า`, en: `Write your message after the case number: #${n} your text` }),
} satisfies Record<string, (...a: string[]) => Record<Language, string>>;

type Target = { caseId: string } | { number: string };

export async function relayFromGroup(deps: StaffDeps, scene: StaffScene): Promise<string | undefined> {
  const { staff, message: m } = scene;
  if (!staff || !scene.group?.isActive) return undefined;
  const isFile = ATTACHMENT_KINDS.includes(m.kind);
  if (!isFile && (m.kind !== 'text' || !m.text?.trim())) return undefined;

  const addressed = isFile ? undefined : parseAddressed(m.text!);
  const quoted = addressed || !m.quotedMessageId ? {} : await subjectOfQuotedMessage(deps.knex, { conversationId: scene.conversation.id, platformMessageId: m.quotedMessageId });
  if (!quoted.caseId && quoted.conversationId) return replyFromGroup(deps, scene, quoted.conversationId);
  let target: Target;
  if (addressed) target = { number: addressed.number };
  else if (quoted.caseId) target = { caseId: quoted.caseId };
  else if (isFile) {
    const since = new Date(scene.now.getTime() - STAFF_FILE_WINDOW_MS);
    const where = { orgId: m.orgId, staffId: staff.id, since };
    const [onCase, inConversation] = await Promise.all([
      lastRepliedCase(deps.knex, { ...where, conversationId: scene.conversation.id }),
      lastRepliedConversation(deps.knex, { ...where, saidIn: scene.conversation.id }),
    ]);
    if (inConversation && (!onCase || inConversation.at > onCase.at)) return replyFromGroup(deps, scene, inConversation.conversationId);
    if (!onCase) return undefined;
    target = { caseId: onCase.caseId };
  } else return undefined;
  const text = addressed ? addressed.text : (m.text ?? '').trim();

  return deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, m.id))) return 'already routed';
    const refuse = async (phrase: Record<Language, string>, outcome: string) => {
      await answer(trx, scene, [{ kind: 'text', text: phrase[scene.language] }]);
      return `refused: ${outcome}`;
    };
    const c = await caseToAnswer(trx, m.orgId, target);
    if (!c) return refuse(say.noCase('number' in target ? target.number : '?'), 'no such case');
    if (c.status === 'closed') return refuse(say.closed(c.number), 'closed');
    if (!c.conversation_id) return refuse(say.noChat(c.number), 'no customer conversation');
    const who = whoRefuses(staffActor(staff), 'reply', { ownerStaffId: c.owner_staff_id });
    if (who === 'role_forbids') return refuse(say.role(c.number), 'role');
    if (who === 'owner') {
      const owner = c.owner_staff_id ? await staffName(trx, c.owner_staff_id) : undefined;
      return refuse(say.owner(c.number, owner ?? '?'), 'owner');
    }
    if (!isFile && !text) return refuse(say.empty(c.number), 'empty');

    let attachment: RelayedMessage | undefined;
    if (isFile) {
      // Read again: the media worker may have stored the copy since the scene was loaded.
      attachment = await storedMediaOf(trx, m.id);
    }
    // A VIP customer's own group: they have read it already; it only goes on the timeline.
    const seenThere = c.conversation_id === scene.conversation.id;
    await replyToCustomer(deps, trx, {
      orgId: m.orgId,
      caseId: c.id,
      staff,
      parts: [attachment ? { attachment } : { text }],
      fromConversationId: scene.conversation.id,
      sourceMessageId: m.id,
      now: scene.now,
      seenThere,
    });
    if (!seenThere) await answer(trx, scene, [{ kind: 'text', text: say.sent(c.number)[scene.language] }], { caseId: c.id });
    return isFile ? 'relayed: file' : 'relayed';
  });
}
