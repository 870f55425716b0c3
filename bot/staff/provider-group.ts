import { claimMessage, subjectOfQuotedMessage } from '../../core/conversations/conversation-log.ts';
import { addProviderMessageToCase } from '../../core/cases/case-messages.ts';
import { caseOfProvider } from '../../core/cases/case-provider.ts';
import type { Language } from '../../core/vocabulary.ts';
import { groupsForCase } from '../../core/staff/routing.ts';
import { postToGroup } from '../../core/staff/staff-desk.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * A message from the provider's side in a provider group: a quote-reply to a case the bot handed
 * off there (core/staff/provider-handoff.ts), or a message naming `#C-000123`, goes on that case's
 * timeline as a `provider_message` (staff only, never shown to the customer) and to the case's
 * team groups. Only cases of this group's provider, in this org, are found: a provider cannot
 * write on, or learn of, anyone else's case. Anything else is the group's own talk: undefined.
 */
const CASE_NUMBER = /(?:^|[^A-Za-z0-9])#\s?(C-\d{6,})\b/i;

const SAY = {
  noted: { th: 'รับทราบค่ะ บันทึกไว้ในเคส {number} แล้ว ขอบคุณค่ะ', en: 'Noted on case {number}, thank you.' },
  relayed: { th: '{provider} ตอบเรื่อง {number}:', en: '{provider} replied on {number}:' },
} satisfies Record<string, Record<Language, string>>;

export async function handleProviderMessage(deps: StaffDeps, scene: StaffScene): Promise<string | undefined> {
  const group = scene.group;
  if (scene.staff || !group?.isActive || group.purpose !== 'provider' || !group.providerId) return undefined;
  const { knex } = deps;
  const m = scene.message;
  const caseId = m.quotedMessageId ? (await subjectOfQuotedMessage(knex, { conversationId: scene.conversation.id, platformMessageId: m.quotedMessageId })).caseId : undefined;
  const named = m.text?.match(CASE_NUMBER)?.[1]?.toUpperCase();
  const c = await caseOfProvider(knex, { orgId: m.orgId, providerId: group.providerId, caseId, number: named });
  if (!c) return undefined;

  return knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, m.id))) return 'already routed';
    await addProviderMessageToCase(trx, {
      orgId: m.orgId,
      caseId: c.id,
      messageId: m.id,
      data: { providerId: group.providerId, groupId: group.id, senderLineUserId: m.senderLineUserId, text: m.text, mediaPath: m.mediaPath },
    });
    const fill = (s: string) => s.replace('{number}', c.number).replace('{provider}', c.provider);
    await answer(trx, scene, [{ kind: 'text', text: fill(SAY.noted[group.language]) }], { caseId: c.id });
    // The team hears it where they work the case; the VIP customer's own group never does.
    for (const team of await groupsForCase(trx, c.id)) {
      if (team.purpose === 'vip_customer') continue;
      await postToGroup(trx, team, [{ kind: 'text', text: `${fill(SAY.relayed[team.language])}\n${m.text ?? `(${m.kind})`}` }], { caseId: c.id });
    }
    return 'provider message';
  });
}
