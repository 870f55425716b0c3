import type { Knex } from 'knex';
import { claimNoticeInChat, noticeDueInChat } from '../../core/contacts/consent.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import { renderTemplate } from '../../core/templates/render-template.ts';
import type { Language } from '../../core/vocabulary.ts';
import { replyData } from './dialogue.ts';

/**
 * The privacy notice in the chat (PDPA, docs/privacy.md): once per version of the org's notice,
 * the first message the bot answers gets a card before its answer: a short text (the
 * `privacy_notice` template), "I agree" and "No, thanks" (`act=consent&v=<version>:<answer>`),
 * and a link to the full notice. A card's buttons stay in the chat, where quick replies would
 * have taken the place of the answer's own (only the last message of a reply shows them).
 */
export const CONSENT_REPLY = 'consent';

/** A tap on the card: the version it showed and the answer; undefined when it is not one. */
export function readConsentReply(value: string | undefined): { version: number; answer: 'granted' | 'declined' } | undefined {
  const m = /^([1-9]\d{0,6}):(granted|declined)$/.exec(value ?? '');
  return m ? { version: Number(m[1]), answer: m[2] as 'granted' | 'declined' } : undefined;
}

/** The full notice's page (liff/src/pages/privacy.tsx): a plain web page, no LINE sign-in needed. */
export function privacyNoticeUrl(publicBaseUrl: string, o: { slug: string; isDefault: boolean; version: number; language: Language }): string {
  const q = new URLSearchParams({ ...(o.isDefault ? {} : { org: o.slug }), v: String(o.version), lang: o.language });
  return `${publicBaseUrl.replace(/\/$/, '')}/liff/privacy?${q}`;
}

/**
 * The card, when this customer is to see it now (claimed: `notice_shown` on their timeline, so it
 * is shown once); undefined when the org has no notice or the customer saw or answered it already.
 * `seen`: the versions they saw, when read with their message (IncomingMessage `noticesSeen`).
 */
export async function privacyNoticeToShow(
  trx: Knex.Transaction,
  s: { orgId: string; contactId: string; channel: string; language: Language; publicBaseUrl: string; seen?: string[] },
): Promise<OutboundMessage | undefined> {
  const notice = await noticeDueInChat(trx, s);
  if (!notice) return undefined;
  const t = async (key: string, vars: Record<string, string> = {}) => (await renderTemplate(trx, s.orgId, key, s.language, vars)) ?? '';
  const text = await t('privacy_notice');
  // An org whose templates predate the notice says nothing rather than show empty buttons.
  if (!text || !(await claimNoticeInChat(trx, { ...s, version: notice.version }))) return undefined;
  const org = await getOrg(trx, s.orgId);
  // One after the other: a cold template cache reads on the transaction's one connection.
  const agree = await t('label_consent_accept');
  const decline = await t('label_consent_decline');
  const read = await t('label_privacy_read');
  const version = String(notice.version);
  return {
    kind: 'card',
    card: {
      altText: text,
      title: await t('label_privacy_notice', { notice_version: version }),
      tone: 'neutral',
      fields: [],
      body: text,
      actions: [
        { type: 'postback', label: agree, data: replyData(CONSENT_REPLY, `${version}:granted`), displayText: agree },
        { type: 'postback', label: decline, data: replyData(CONSENT_REPLY, `${version}:declined`), displayText: decline },
        { type: 'uri', label: read, uri: privacyNoticeUrl(s.publicBaseUrl, { slug: org.slug, isDefault: org.isDefault, version: notice.version, language: s.language }) },
      ],
    },
  };
}
