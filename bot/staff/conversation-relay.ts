import { reply } from '../../core/conversations/conversation-commands.ts';
import { claimMessage, storedMediaOf } from '../../core/conversations/conversation-log.ts';
import { ATTACHMENT_KINDS, attachmentMessages } from '../../core/media/attachment-messages.ts';
import { say, type Phrase } from '../../core/staff/staff-phrases.ts';
import { customerCalled, refusalText } from './conversation-actions.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * A staff member answers a customer waiting for a person from a LINE group: a quote-reply to the
 * conversation's card, or to a message of the customer's relayed after it
 * (core/staff/conversation-relay.ts), or a file right after such a reply (bot/staff/relay.ts picks
 * which). It is the inbox's `reply` command, so its rules hold: nobody holds the conversation, the
 * reply takes it; someone else does, it is refused with their name and nothing reaches the customer.
 * A file goes as the case relay sends one, an image or a signed link (core/media/attachment-messages.ts).
 */
const SENT: Phrase = { th: 'ส่งถึงลูกค้าแล้วค่ะ · {customer}', en: 'Sent to the customer · {customer}' };

export async function replyFromGroup(deps: StaffDeps, scene: StaffScene, conversationId: string): Promise<string> {
  const m = scene.message;
  const staff = scene.staff!;
  const lang = scene.language;
  const isFile = ATTACHMENT_KINDS.includes(m.kind);
  return deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, m.id))) return 'already routed';
    const command = { orgId: m.orgId, conversationId, staff: { staffId: staff.id, role: staff.role }, now: scene.now, saidIn: scene.conversation.id };
    // Read again: the media worker may have stored the copy since the scene was loaded.
    const r = isFile
      ? await reply(trx, { ...command, media: attachmentMessages(deps, await storedMediaOf(trx, m.id), undefined, scene.now) })
      : await reply(trx, { ...command, text: m.text ?? '' });
    const customer = await customerCalled(trx, m.orgId, conversationId, lang);
    if (!r.ok) {
      await answer(trx, scene, [{ kind: 'text', text: refusalText(lang, r.refusal, customer) }]);
      return `refused: ${r.refusal.reason}`;
    }
    await answer(trx, scene, [{ kind: 'text', text: say(lang, SENT, { customer }) }], { aboutConversationId: conversationId });
    return isFile ? 'replied: file' : 'replied';
  });
}
